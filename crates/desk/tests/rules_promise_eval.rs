//! An evaluation of the promise reader over realistic agent replies in the eight languages: prints how many
//! it reads right per language and fails only below a floor. Run with
//! `cargo test -p lifeline-desk --test rules_promise_eval -- --nocapture` to see the figures.
//!
//! The set was written after the reader, by the same engineer, so its figures flatter the reader; it mixes
//! promises, facts about the past, vague times and phrasings the reader is known to miss (marked `miss`,
//! counted as wrong).

use chrono::{TimeZone, Utc};
use lifeline_desk::clocks::promise_deadline;

/// What a reply truly promises.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Truth {
    Hours(i64),
    /// A real promise whose deadline depends on the calendar ("by Friday").
    Some,
    Nothing,
}
use Truth::{Hours, Nothing};

/// (language, reply, truth).
const SET: &[(&str, &str, Truth)] = &[
    (
        "en",
        "Hi Sam, I'm sorry about this. I've asked the carrier and will update you within 24 hours.",
        Hours(24),
    ),
    (
        "en",
        "I'll check with the warehouse and get back to you in 2 hours.",
        Hours(2),
    ),
    (
        "en",
        "Your refund will show on your statement in 5 business days.",
        Hours(120),
    ),
    (
        "en",
        "The parcel hasn't moved for 9 days, which isn't okay.",
        Nothing,
    ),
    ("en", "We'll sort this out soon, don't worry.", Nothing),
    (
        "en",
        "You'll hear from me tomorrow morning with the new tracking number.",
        Hours(24),
    ),
    ("en", "I'll message you again by Friday.", Truth::Some), // miss: weekday names are not read
    (
        "en",
        "Expect an update within the next 48 hours.",
        Hours(48),
    ),
    (
        "en",
        "It was shipped 3 days ago from our warehouse.",
        Nothing,
    ),
    ("en", "Give me a few minutes to look this up.", Nothing),
    (
        "es",
        "Hola Lucía, lo siento mucho. Te escribo en 24 horas con novedades.",
        Hours(24),
    ),
    (
        "es",
        "Revisamos el pedido y te respondemos dentro de 48 horas.",
        Hours(48),
    ),
    (
        "es",
        "El reembolso se verá en tu cuenta en 3 días hábiles.",
        Hours(72),
    ),
    (
        "es",
        "Tu paquete lleva 9 días sin moverse, y entiendo la frustración.",
        Nothing,
    ),
    (
        "es",
        "Mañana te confirmo el nuevo número de seguimiento.",
        Hours(24),
    ),
    ("es", "Te aviso en cuanto tenga noticias.", Nothing),
    ("es", "Lo enviamos hace 2 días.", Nothing),
    ("es", "En las próximas 12 horas te escribo.", Hours(12)),
    (
        "pt",
        "Oi Ana, sinto muito! Vou cobrar a transportadora e te dou retorno em até 24 horas.",
        Hours(24),
    ),
    (
        "pt",
        "Seu pedido está parado há 9 dias, isso não está certo.",
        Nothing,
    ),
    (
        "pt",
        "Amanhã cedo te mando o novo código de rastreio.",
        Hours(24),
    ),
    ("pt", "Te respondo dentro de 2 horas, combinado?", Hours(2)),
    ("pt", "Em breve te aviso.", Nothing),
    (
        "pt",
        "Te dou um retorno em vinte e quatro horas.",
        Hours(24),
    ), // miss: compound number words
    (
        "pt",
        "O estorno aparece na fatura em até 2 dias.",
        Hours(48),
    ),
    (
        "fr",
        "Bonjour Claire, je suis désolée. Je reviens vers vous sous 24 heures.",
        Hours(24),
    ),
    (
        "fr",
        "Votre colis ne bouge plus depuis 9 jours, je comprends votre inquiétude.",
        Nothing,
    ),
    ("fr", "Je vous tiens au courant demain.", Hours(24)),
    (
        "fr",
        "Vous aurez une réponse d'ici 48 heures au plus tard.",
        Hours(48),
    ),
    ("fr", "Je reviens vers vous très vite.", Nothing),
    ("fr", "Il a été expédié il y a 3 jours.", Nothing),
    (
        "de",
        "Hallo Jonas, das tut mir leid. Wir melden uns innerhalb von 24 Stunden.",
        Hours(24),
    ),
    (
        "de",
        "Guten Morgen! Ihr Paket steht seit 9 Tagen still.",
        Nothing,
    ),
    (
        "de",
        "Ich melde mich morgen mit der neuen Sendungsnummer.",
        Hours(24),
    ),
    ("de", "Sie hören in 2 Stunden von mir.", Hours(2)),
    ("de", "Wir kümmern uns bald darum.", Nothing),
    ("de", "Das Paket wurde vor 4 Tagen verschickt.", Nothing),
    (
        "it",
        "Ciao Marco, mi dispiace molto. Ti aggiorno entro 24 ore.",
        Hours(24),
    ),
    (
        "it",
        "Il pacco è fermo da 9 giorni, capisco benissimo.",
        Nothing,
    ),
    ("it", "Domani ti mando il nuovo tracking.", Hours(24)),
    ("it", "Ti rispondo tra 2 ore.", Hours(2)),
    ("it", "Ti faccio sapere presto.", Nothing),
    ("it", "Ti scrivo nelle prossime 48 ore.", Hours(48)),
    (
        "id",
        "Halo Budi, mohon maaf ya. Kami kabari dalam 1x24 jam.",
        Hours(24),
    ),
    (
        "id",
        "Paketnya sudah 9 hari tidak bergerak, kami paham.",
        Nothing,
    ),
    ("id", "Besok kami kirim nomor resi yang baru.", Hours(24)),
    ("id", "Kami cek dulu dan kabari dalam 2 jam.", Hours(2)),
    ("id", "Nanti kami kabari secepatnya.", Nothing),
    ("id", "Dana akan kembali paling lambat 3 hari.", Hours(72)),
    (
        "nl",
        "Hoi Sanne, wat vervelend. We laten binnen 24 uur van ons horen.",
        Hours(24),
    ),
    ("nl", "Het pakket staat al 9 dagen stil.", Nothing),
    ("nl", "Ik laat het je morgen weten.", Hours(24)),
    ("nl", "Over 2 uur heb ik meer nieuws.", Hours(2)),
    ("nl", "We komen er snel op terug.", Nothing),
    ("nl", "Goedemorgen! Ik kijk het meteen na.", Nothing),
];

#[test]
fn the_promise_reader_gets_realistic_replies_right() {
    // A Sunday: the business days in the set start on Monday.
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
    let mut per_lang: Vec<(&str, usize, usize)> = Vec::new();
    let mut wrong = Vec::new();
    for (lang, text, truth) in SET {
        let got = promise_deadline(text, lang, now).map(|d| (d - now).num_hours());
        let ok = match truth {
            Hours(h) => got == Some(*h),
            Truth::Some => got.is_some(),
            Nothing => got.is_none(),
        };
        match per_lang.iter_mut().find(|(l, _, _)| l == lang) {
            Some(entry) => {
                entry.1 += usize::from(ok);
                entry.2 += 1;
            }
            None => per_lang.push((lang, usize::from(ok), 1)),
        }
        if !ok {
            wrong.push(format!("{lang}: {text} → read {got:?} h, truth {truth:?}"));
        }
    }
    let right: usize = per_lang.iter().map(|(_, r, _)| r).sum();
    println!("promise reader: {right}/{} replies read right", SET.len());
    for (lang, r, n) in &per_lang {
        println!("  {lang}: {r}/{n}");
    }
    for w in &wrong {
        println!("  wrong: {w}");
    }
    assert!(
        right * 100 >= SET.len() * 90,
        "accuracy fell below 90%: {wrong:#?}"
    );
}
