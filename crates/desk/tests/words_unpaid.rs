//! An order the shop still shows as unpaid: the never-shipped draft says the payment is pending since the
//! day it was placed and asks for the receipt, in every language and register; an order that was paid
//! never hears of it.

use chrono::NaiveDate;
use lifeline_desk::address::Register;
use lifeline_desk::playbook::Playbooks;
use lifeline_desk::situation::{Facts, Situation, Whereabouts};

fn text(lang: &str, f: &Facts) -> String {
    let books = Playbooks::builtin().expect("built-in texts parse");
    (books.draft(
        Situation::WhereIsMyOrder(Whereabouts::NotShippedYet),
        lang,
        f,
    ))
    .text
}

fn diego(pending: bool, register: Register) -> Facts {
    Facts {
        shopper_name: Some("Diego Torres".into()),
        order_number: Some("1011".into()),
        order_found: Some(true),
        payment_pending_since: pending.then(|| NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
        register,
        ..Facts::default()
    }
}

#[test]
fn a_pending_payment_is_named_with_its_day_and_the_receipt_asked_for() {
    for (lang, pending, day, receipt) in [
        ("en", "pending", "25", "receipt"),
        ("es", "pendiente", "25", "comprobante"),
        ("pt", "pendente", "25", "comprovante"),
        ("fr", "en attente", "25", "justificatif"),
        ("de", "offen", "25", "Beleg"),
        ("it", "in sospeso", "25", "ricevuta"),
        ("nl", "open", "25", "betaalbewijs"),
        ("id", "menunggu", "25", "bukti transfer"),
    ] {
        for register in [Register::Informal, Register::Formal] {
            let t = text(lang, &diego(true, register));
            assert!(
                t.contains(pending) && t.contains(day) && t.contains(receipt),
                "{lang} {register:?}: {t}"
            );
            assert!(!t.contains('{'), "{lang} {register:?}: {t}");
            let paid = text(lang, &diego(false, register));
            assert!(!paid.contains(receipt), "{lang} {register:?}, paid: {paid}");
        }
    }
}
