//! How the shopper reads things in their language: dates, amounts, and the phrases no truthful message
//! may hold for a scene ("on its way" to a parcel at a pickup point, a chase nobody recorded).

use chrono::NaiveDate;

/// A date as the shopper reads it in their language ("14 de marzo", "14. März", "14 Maret").
pub fn spoken_date(lang: &str, date: NaiveDate) -> String {
    use chrono::Datelike;
    let months = match lang {
        "es" => "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "pt" => "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
        "fr" => "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "de" => "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        "it" => "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
        "nl" => "januari februari maart april mei juni juli augustus september oktober november december",
        "id" => "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
        _ => "January February March April May June July August September October November December",
    };
    let month = months.split(' ').nth(date.month0() as usize).unwrap();
    let day = date.day();
    match lang {
        "es" | "pt" => format!("{day} de {month}"),
        "de" => format!("{day}. {month}"),
        _ => format!("{day} {month}"),
    }
}

/// An amount as a shopper may read it: "24,90" or "24.90"; whole currencies with or without grouping.
pub fn spoken_amounts(minor: i64, currency: &str) -> Vec<String> {
    if currency == "IDR" {
        let whole = [minor, minor / 100];
        let grouped = |n: i64, sep: &str| {
            let digits = n.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push_str(sep);
                }
                out.push(c);
            }
            out
        };
        return whole
            .iter()
            .flat_map(|n| [grouped(*n, "."), grouped(*n, ",")])
            .collect();
    }
    let (major, cents) = (minor / 100, minor % 100);
    vec![format!("{major},{cents:02}"), format!("{major}.{cents:02}")]
}

/// "On its way", as the good-news playbook says it: never for a parcel the shopper has to act on.
pub fn on_its_way(lang: &str) -> &'static [&'static str] {
    match lang {
        "es" => &["de camino", "en camino"],
        "pt" => &["a caminho"],
        "fr" => &["en route", "en chemin"],
        "de" => &["unterwegs"],
        "it" => &["in viaggio"],
        "nl" => &["onderweg"],
        "id" => &["dalam perjalanan"],
        _ => &["on its way"],
    }
}

/// A chase claimed done ("I've asked the carrier", "I've been chasing"): only a recorded action may be.
pub fn chase_claimed(lang: &str) -> &'static [&'static str] {
    match lang {
        "es" => &["ya le he pedido", "He estado reclamando"],
        "pt" => &["já pedi", "Venho cobrando"],
        "fr" => &["j'ai demandé", "j'ai relancé"],
        "de" => &["gebeten", "nachgehakt"],
        "it" => &["ho chiesto", "ho sollecitato"],
        "nl" => &["gevraagd het uit te zoeken", "achter de broek"],
        "id" => &["sudah minta", "terus mendesak"],
        _ => &["I've asked", "I've been chasing"],
    }
}
