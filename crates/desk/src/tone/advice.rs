//! Why each finding hurts and what to write instead: in English for the agent's screen, and as a ready
//! line in the draft's language, written the way a good agent of that country would put it.

use super::{ToneFinding, ToneRule};

/// Which better line fits a finding when one rule has several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Plain,
    Blame,
    Stock,
}

/// The line key of a finding, used to pick the better line in each language.
fn key(rule: ToneRule, variant: Variant) -> &'static str {
    match (rule, variant) {
        (ToneRule::BlameShifting, Variant::Stock) => "stock",
        (ToneRule::BlameShifting, _) => "blame",
        (ToneRule::Lecturing, _) => "lecturing",
        (ToneRule::Doubt, _) => "doubt",
        (ToneRule::VagueTime, _) => "vague",
        (ToneRule::StiffApology, _) => "stiff",
        (ToneRule::DefensiveOpening, _) => "defensive",
        (ToneRule::BeyondPolicy, _) => "beyond",
    }
}

fn why(key: &str) -> &'static str {
    match key {
        "blame" => "Blaming the carrier (or anyone else) tells the shopper nobody owns their problem; it loses customers.",
        "stock" => "Putting an oversell down to the system sounds like an excuse; own the mistake.",
        "lecturing" => "Telling the shopper to be patient or what they should have done reads as a lecture and raises the temperature.",
        "doubt" => "Doubting the shopper makes them defend themselves instead of getting help.",
        "vague" => "A vague time is a promise nobody can check; give a concrete time so the shopper knows when to expect news.",
        "stiff" => "A formula apology at the start sounds cold; open with the person and their problem.",
        "defensive" => "Opening with policy or a defence puts the shop first; start with empathy and what you are doing.",
        _ => "This goes beyond what the compensation policy allows on this case.",
    }
}

fn better_en(key: &str) -> &'static str {
    match key {
        "blame" => "We're pushing the carrier now, and here is what we'll do for you meanwhile.",
        "stock" => "Our stock sync failed; that's on us.",
        "lecturing" => {
            "I know you're waiting on this; I'm chasing it and will update you the moment I hear."
        }
        "doubt" => "We'll report this so it doesn't happen again.",
        "vague" => "I'll update you within 24 hours.",
        "stiff" => "I'm so sorry this happened. Here's what I'm doing right now.",
        "defensive" => "I'm sorry about this. Here's what I'm doing for you right now.",
        _ => "Offer what the policy allows, or ask a supervisor to approve more first.",
    }
}

fn better_local(key: &str, lang: &str) -> Option<&'static str> {
    let line = match (lang, key) {
        ("en", _) => better_en(key),
        ("pt", "blame") => "Já estamos cobrando a transportadora, e enquanto isso veja o que vamos fazer por você.",
        ("pt", "stock") => "A sincronização do nosso estoque falhou; a responsabilidade é nossa.",
        ("pt", "lecturing") => "Sei que você está esperando por isso; estou correndo atrás e te aviso assim que tiver notícia.",
        ("pt", "doubt") => "Vamos registrar isso para que não aconteça de novo.",
        ("pt", "vague") => "Te dou notícias em até 24 horas.",
        ("pt", "stiff") | ("pt", "defensive") => "Sinto muito pelo que aconteceu. Veja o que já estou fazendo por você.",
        ("es", "blame") => "Ya estamos presionando a la paquetería, y mientras tanto esto es lo que haremos por ti.",
        ("es", "stock") => "Falló nuestra sincronización de stock; es responsabilidad nuestra.",
        ("es", "lecturing") => "Sé que estás esperando esto; lo estoy siguiendo y te aviso en cuanto sepa algo.",
        ("es", "doubt") => "Lo vamos a reportar para que no vuelva a pasar.",
        ("es", "vague") => "Te escribo en un plazo de 24 horas.",
        ("es", "stiff") | ("es", "defensive") => "Siento mucho lo que ha pasado. Esto es lo que ya estoy haciendo por ti.",
        ("fr", "blame") => "Nous relançons le transporteur dès maintenant, et voici ce que nous faisons pour vous en attendant.",
        ("fr", "stock") => "Notre synchronisation de stock a échoué ; c'est de notre faute.",
        ("fr", "lecturing") => "Je sais que vous attendez ; je m'en occupe et je vous préviens dès que j'ai du nouveau.",
        ("fr", "doubt") => "Nous allons le signaler pour que cela ne se reproduise pas.",
        ("fr", "vague") => "Je reviens vers vous sous 24 heures.",
        ("fr", "stiff") | ("fr", "defensive") => "Nous sommes vraiment désolés. Voici ce que je fais pour vous dès maintenant.",
        ("de", "blame") => "Wir haken jetzt beim Versanddienstleister nach, und so lange machen wir Folgendes für dich.",
        ("de", "stock") => "Unser Lagerabgleich hat nicht funktioniert; das geht auf unsere Kappe.",
        ("de", "lecturing") => "Ich weiß, dass du darauf wartest; ich bleibe dran und melde mich, sobald ich etwas höre.",
        ("de", "doubt") => "Wir melden das, damit es nicht wieder passiert.",
        ("de", "vague") => "Ich melde mich innerhalb von 24 Stunden bei dir.",
        ("de", "stiff") | ("de", "defensive") => "Das tut mir wirklich leid. Das mache ich jetzt gerade für dich.",
        ("it", "blame") => "Stiamo già sollecitando il corriere, e intanto ecco cosa facciamo per te.",
        ("it", "stock") => "La sincronizzazione del nostro magazzino non ha funzionato; è colpa nostra.",
        ("it", "lecturing") => "So che stai aspettando; me ne sto occupando e ti aggiorno appena so qualcosa.",
        ("it", "doubt") => "Lo segnaliamo perché non succeda più.",
        ("it", "vague") => "Ti aggiorno entro 24 ore.",
        ("it", "stiff") | ("it", "defensive") => "Mi dispiace davvero. Ecco cosa sto facendo per te proprio adesso.",
        ("id", "blame") => "Kami sedang mendesak pihak kurir, dan sambil menunggu, ini yang kami lakukan untuk Kakak.",
        ("id", "stock") => "Sinkronisasi stok kami gagal; itu kesalahan kami.",
        ("id", "lecturing") => "Kami tahu Kakak sudah menunggu; kami terus kejar dan langsung kabari begitu ada kabar.",
        ("id", "doubt") => "Akan kami laporkan supaya tidak terulang lagi.",
        ("id", "vague") => "Kami kabari lagi dalam 24 jam.",
        ("id", "stiff") | ("id", "defensive") => "Maaf banget atas kejadian ini, Kak. Ini yang sedang kami lakukan sekarang.",
        ("nl", "blame") => "We zitten de vervoerder nu achter de broek, en intussen doen we dit voor je.",
        ("nl", "stock") => "Onze voorraadkoppeling is misgegaan; dat is onze fout.",
        ("nl", "lecturing") => "Ik weet dat je hierop wacht; ik zit erachteraan en laat het je weten zodra ik iets hoor.",
        ("nl", "doubt") => "We melden dit, zodat het niet nog eens gebeurt.",
        ("nl", "vague") => "Ik laat binnen 24 uur van me horen.",
        ("nl", "stiff") | ("nl", "defensive") => "Wat vervelend dat dit gebeurd is. Dit doe ik nu meteen voor je.",
        _ => return None,
    };
    Some(line)
}

/// A finding for one rule, with its English advice and the better line in the draft's language.
pub fn finding(rule: ToneRule, variant: Variant, excerpt: &str, lang: &str) -> ToneFinding {
    let key = key(rule, variant);
    ToneFinding {
        rule,
        excerpt: excerpt.to_string(),
        why: why(key).to_string(),
        better: better_en(key).to_string(),
        better_local: better_local(key, lang).map(str::to_string),
    }
}

/// A discount bigger than the policy allows.
pub fn beyond_discount(excerpt: &str, max_basis_points: u32) -> ToneFinding {
    let allowed = if max_basis_points == 0 {
        "no discount on this case".to_string()
    } else {
        format!(
            "at most {}",
            crate::money::format_percent(max_basis_points, "en")
        ) + "%"
    };
    ToneFinding {
        rule: ToneRule::BeyondPolicy,
        excerpt: excerpt.to_string(),
        why: format!("This promises {excerpt}, but the compensation policy allows {allowed}."),
        better:
            "Offer what the policy allows, or ask a supervisor to approve more before promising it."
                .into(),
        better_local: None,
    }
}

/// A remedy the policy does not offer on this case.
pub fn beyond_remedy(excerpt: &str, what: &str) -> ToneFinding {
    ToneFinding {
        rule: ToneRule::BeyondPolicy,
        excerpt: excerpt.to_string(),
        why: format!(
            "This promises {what}, which the compensation policy does not offer on this case."
        ),
        better: format!(
            "Offer the options the policy allows, or ask a supervisor to approve {what} first."
        ),
        better_local: None,
    }
}
