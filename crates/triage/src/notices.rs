//! "I never got the confirmation email", "j'ai perdu le code de retrait": what never came or
//! was lost is then a message or a code, not the parcel, so those words do not make it lost.

/// Folded words naming a message, a notice or a code rather than the parcel.
#[rustfmt::skip]
const NOTICES: &[&str] = &[
    "email", "emails", "mail", "mails", "correo", "sms", "text", "texto", "message", "mensagem",
    "mensaje", "messaggio", "nachricht", "bericht", "pesan", "notification", "notificacao",
    "notificacion", "notifica", "notifikasi", "melding", "code", "codigo", "codice", "kode",
    "pin", "link", "invoice", "factura", "fatura", "facture", "fattura", "factuur", "rechnung",
    "receipt", "recibo", "ricevuta", "nota", "tracking", "rastreio", "seguimiento", "suivi",
    "sendungsnummer", "tracciamento", "resi",
];

/// Beginnings of compound words that name one ("bestätigungsmail", "orderbevestiging").
const NOTICE_STEMS: &[&str] = &[
    "bestatigung",
    "bevestiging",
    "orderbevestiging",
    "confirma",
    "conferm",
    "konfirm",
    "notif",
    "email",
];

/// Words that end what a cue speaks of: "it never came, and no email either".
const BREAKS: &[&str] = &[
    "and", "but", "y", "et", "und", "dan", "en", "pero", "mas", "mais", "aber", "ma", "tapi",
    "maar", "or", "ou", "oder", "atau",
];

/// Words before a notice word that make it a place: "sumiu do rastreio" (gone from the
/// tracking) still says the parcel is gone.
const FROM: &[&str] = &[
    "do", "du", "from", "del", "dal", "dalla", "dallo", "aus", "vom", "dari", "uit",
];

/// How many words after a cue may name what it speaks of.
const REACH: usize = 4;

/// Whether the words right after a cue ending at byte `end` of the padded folded text name a
/// message or a code ("never got | the confirmation email").
pub(crate) fn names_a_notice(padded: &str, end: usize) -> bool {
    let Some(rest) = padded.get(end..) else {
        return false;
    };
    let mut before = "";
    for word in rest.split(' ').filter(|w| !w.is_empty()).take(REACH) {
        if BREAKS.contains(&word) {
            return false;
        }
        if NOTICES.contains(&word) || NOTICE_STEMS.iter().any(|s| word.starts_with(s)) {
            return !FROM.contains(&before);
        }
        before = word;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_or_code_after_the_cue_is_a_notice() {
        let after = |text: &str, cue: &str| {
            let end = text.find(cue).unwrap() + cue.len();
            names_a_notice(text, end)
        };
        assert!(after(" never got the confirmation email ", " never got "));
        assert!(after(" nie ne bestatigungsmail bekommen ", " nie "));
        assert!(after(" j ai perdu le code de retrait ", " perdu "));
        assert!(!after(" never got my parcel and no email ", " never got "));
        assert!(!after(" it never arrived ", " never arrived "));
        assert!(!after(" meu pedido sumiu do rastreio ", " sumiu "));
    }
}
