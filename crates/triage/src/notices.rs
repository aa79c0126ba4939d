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

/// Whether a folded word names a message, a notice or a code.
pub(crate) fn is_notice(word: &str) -> bool {
    NOTICES.contains(&word) || NOTICE_STEMS.iter().any(|s| word.starts_with(s))
}

/// Notice words that also name where the parcel is followed ("the tracking shows…"), so they
/// do not count when they stand before a cue.
const FOLLOWED: &[&str] = &[
    "tracking",
    "rastreio",
    "seguimiento",
    "suivi",
    "sendungsnummer",
    "tracciamento",
    "resi",
];

/// Words before a cue that end the reach back: the parcel itself, or a report of what the
/// carrier says ("the email says delivered, never got it").
#[rustfmt::skip]
const BEFORE_ENDS: &[&str] = &[
    "parcel", "package", "order", "item", "says", "said", "pacote", "encomenda", "pedido",
    "produto", "diz", "paquete", "producto", "dice", "colis", "commande", "article", "dit",
    "paket", "sendung", "bestellung", "artikel", "sagt", "pacco", "ordine", "articolo", "dice",
    "paketnya", "barang", "barangnya", "pesanan", "pesanannya", "katanya", "bilang", "pakket",
    "pakketje", "bestelling", "zegt",
];

/// Words right after a cue that give it its own object ("…never got it"), so nothing before
/// it is what never came.
#[rustfmt::skip]
const OBJECTS: &[&str] = &[
    "it", "them", "the", "a", "my", "any", "anything", "o", "os", "as", "um", "uma", "meu",
    "minha", "nada", "el", "la", "lo", "los", "las", "un", "una", "mi", "le", "les", "l", "une",
    "mon", "ma", "rien", "das", "die", "der", "den", "es", "ihn", "sie", "ein", "eine", "mein",
    "meine", "nichts", "il", "i", "niente", "nulla", "het", "de", "een", "mijn", "niks", "niets",
    "apa", "apapun", "paket", "paketnya", "barang", "barangnya",
];

/// Whether a message or a code stands just before a cue spanning `start..end` of the padded
/// folded text and the cue has no object of its own: "die Rechnung habe ich nie bekommen",
/// "kode verifikasinya gak pernah masuk".
fn names_a_notice_before(padded: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(after)) = (padded.get(..start), padded.get(end..)) else {
        return false;
    };
    if after
        .split(' ')
        .find(|w| !w.is_empty())
        .is_some_and(|w| OBJECTS.contains(&w))
    {
        return false;
    }
    for word in before
        .split(' ')
        .rev()
        .filter(|w| !w.is_empty())
        .take(REACH)
    {
        if BREAKS.contains(&word) || BEFORE_ENDS.contains(&word) {
            return false;
        }
        if is_notice(word) && !FOLLOWED.contains(&word) {
            return true;
        }
    }
    false
}

/// How many words after a cue may name what it speaks of.
const REACH: usize = 4;

/// Whether a cue of a lost or late parcel spanning `start..end` of the padded folded text speaks
/// of a message or a code instead. For a delay ("still waiting… the tracking hasn't moved") the
/// tracking words do not count: a tracking that stands still is the parcel's own delay.
pub(crate) fn about_a_notice(padded: &str, start: usize, end: usize, delay: bool) -> bool {
    names_a_notice(padded, end, !delay) || names_a_notice_before(padded, start, end)
}

/// Whether the words right after a cue ending at byte `end` of the padded folded text name a
/// message or a code ("never got | the confirmation email"); tracking words count when
/// `followed` is set.
fn names_a_notice(padded: &str, end: usize, followed: bool) -> bool {
    let Some(rest) = padded.get(end..) else {
        return false;
    };
    let mut before = "";
    for word in rest.split(' ').filter(|w| !w.is_empty()).take(REACH) {
        if BREAKS.contains(&word) {
            return false;
        }
        if is_notice(word) && (followed || !FOLLOWED.contains(&word)) {
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
            names_a_notice(text, end, true)
        };
        assert!(after(" never got the confirmation email ", " never got "));
        assert!(after(" nie ne bestatigungsmail bekommen ", " nie "));
        assert!(after(" j ai perdu le code de retrait ", " perdu "));
        assert!(!after(" never got my parcel and no email ", " never got "));
        assert!(!after(" it never arrived ", " never arrived "));
        assert!(!after(" meu pedido sumiu do rastreio ", " sumiu "));
    }

    #[test]
    fn a_message_or_code_before_a_cue_without_an_object_is_a_notice() {
        let before = |text: &str, cue: &str| {
            let start = text.find(cue).unwrap();
            names_a_notice_before(text, start, start + cue.len())
        };
        assert!(before(
            " die rechnung habe ich nie bekommen ",
            " nie bekommen "
        ));
        assert!(before(
            " ik heb de bevestigingsmail nooit gekregen ",
            " nooit gekregen "
        ));
        assert!(before(
            " kode verifikasinya gak pernah masuk ",
            " gak pernah "
        ));
        assert!(!before(" got the email but never got it ", " never got "));
        assert!(!before(
            " the email says delivered never got it ",
            " never got "
        ));
        assert!(!before(
            " die mail kam aber das paket nie bekommen ",
            " nie bekommen "
        ));
        assert!(!before(" the tracking never arrived ", " never arrived "));
    }
}
