//! Messages that say two things at once, read in the eight languages: a held parcel and a fee
//! question (customs), "it came, but not the belt" (a missing item, not a lost parcel), sold out
//! yet charged, a threat over broken goods, paid and never shipped, an email that never came.

mod common;

use common::{reads, triager};
use lifeline_triage::{ExceptionKind, Priority, Situation};

#[test]
fn a_held_parcel_and_a_question_about_fees_is_at_customs() {
    reads(
        ExceptionKind::WhereIsMyOrder,
        Situation::Customs,
        &[
            (
                "Bonjour, ma commande #1021 est bloquée, est-ce que je dois payer des frais ?",
                "fr",
            ),
            (
                "my order is held up somewhere, do I have to pay any fees to get it released?",
                "en",
            ),
            (
                "o meu pacote ficou retido, tenho que pagar alguma taxa?",
                "pt",
            ),
            ("mi pedido está retenido, ¿tengo que pagar impuestos?", "es"),
            (
                "Meine Sendung wird festgehalten, muss ich noch Gebühren bezahlen?",
                "de",
            ),
            ("il mio pacco è bloccato, devo pagare delle tasse?", "it"),
            (
                "mijn zending wordt tegengehouden, moet ik betalen om hem te krijgen?",
                "nl",
            ),
            ("paketku ditahan, harus bayar biaya apa ya kak?", "id"),
            ("pacco fermo in dogana, cosa devo fare?", "it"),
        ],
    );
    reads(
        ExceptionKind::Delayed,
        Situation::Customs,
        &[(
            "my parcel has been held for three weeks, do I need to pay a fee?",
            "en",
        )],
    );
}

#[test]
fn part_of_the_order_came_is_a_missing_item_not_a_lost_parcel() {
    reads(
        ExceptionKind::MissingItem,
        Situation::None,
        &[
            ("Oi, chegou o tênis mas as meias não vieram", "pt"),
            (
                "Kak, paket pesanan #1032 sudah sampai tapi set kuas makeup-nya tidak ada",
                "id",
            ),
            ("got the shoes but not the laces", "en"),
            ("llegaron los platos pero las tazas no", "es"),
            ("j'ai reçu la robe mais pas le sac", "fr"),
            ("Die Schuhe sind gekommen, aber die Socken nicht", "de"),
            ("mi è arrivato il telefono ma la cover no", "it"),
            ("de schoenen zijn aangekomen maar de veters niet", "nl"),
        ],
    );
    let t = triager();
    for (text, missing) in [
        ("Oi, chegou o tênis mas as meias não vieram", vec!["meias"]),
        (
            "Die Schuhe sind gekommen, aber die Socken nicht",
            vec!["socken"],
        ),
        (
            "Kak, paket pesanan #1032 sudah sampai tapi set kuas makeup-nya tidak ada",
            vec!["kuas", "makeup"],
        ),
    ] {
        assert_eq!(t.triage(text, None).missing_words, missing, "{text}");
    }
    reads(
        ExceptionKind::Lost,
        Situation::None,
        &[
            ("it says delivered but I never got anything", "en"),
            ("dice que llegó pero no tengo nada", "es"),
            ("katanya sudah sampai tapi paketnya tidak ada", "id"),
        ],
    );
    reads(
        ExceptionKind::WhereIsMyOrder,
        Situation::NotHome,
        &[("the courier came but I wasn't home", "en")],
    );
    reads(
        ExceptionKind::Damaged,
        Situation::None,
        &[("it came but the lamp doesn't work", "en")],
    );
}

#[test]
fn two_orders_in_one_question_are_both_asked_about() {
    let t = triager();
    for (text, want) in [
        ("where are orders 3301 and 3302?", ["3301", "3302"]),
        (
            "kak, pesanan 7101 sama 7102 udah dikirim belum?",
            ["7101", "7102"],
        ),
        ("où en sont les commandes 4401 et 4402 ?", ["4401", "4402"]),
    ] {
        let got = t.triage(text, None);
        assert_eq!(
            got.kind,
            ExceptionKind::WhereIsMyOrder,
            "{text}: {:?}",
            got.reasons
        );
        assert_eq!(got.order_numbers, want, "{text}");
    }
}

#[test]
fn sold_out_after_the_money_was_taken_is_out_of_stock() {
    reads(
        ExceptionKind::OutOfStock,
        Situation::None,
        &[
            ("las zapatillas están agotadas pero ya me cobraron", "es"),
            (
                "you say it's sold out but the money already left my account",
                "en",
            ),
            ("produk habis stok tapi uang saya sudah kepotong", "id"),
            (
                "die Jacke ist ausverkauft, aber ihr habt schon abgebucht",
                "de",
            ),
            ("het jasje is uitverkocht maar ik heb al betaald", "nl"),
            ("la giacca è esaurita ma ho già pagato", "it"),
            ("a jaqueta esgotou mas já paguei", "pt"),
            ("la veste est épuisée mais j'ai déjà payé", "fr"),
        ],
    );
}

#[test]
fn a_threat_over_broken_goods_is_damaged_and_urgent() {
    let t = triager();
    for text in [
        "the TV came smashed, refund me or I'm calling my lawyer",
        "la tele llegó rota, si no me reembolsan voy a la policía",
        "a TV chegou quebrada, vou no Procon se não resolverem",
        "la télé est arrivée cassée, je vais porter plainte à la police",
        "Bekomme ich bis Freitag kein Geld zurück, gehe ich zum Anwalt, der Spiegel kam zerbrochen an",
        "la tv è arrivata rotta, se non mi rimborsate chiamo l'avvocato",
        "de tv kwam kapot aan, ik schakel een advocaat in als jullie niet betalen",
        "tv nya datang pecah, kalau tidak diganti saya lapor polisi",
    ] {
        let got = t.triage(text, None);
        assert_eq!(
            (got.kind, got.escalate, got.priority),
            (ExceptionKind::Damaged, true, Priority::Urgent),
            "{text}: {:?}",
            got.reasons
        );
    }
}

#[test]
fn paid_and_never_shipped_is_a_delay() {
    reads(
        ExceptionKind::Delayed,
        Situation::None,
        &[
            ("la commande est payée et jamais expédiée", "fr"),
            ("I paid two weeks ago and you never shipped it", "en"),
            ("paguei e vocês nunca enviaram", "pt"),
            ("pagué y nunca lo mandaron", "es"),
            ("bezahlt und nie verschickt", "de"),
            ("pagato e mai spedito", "it"),
            ("betaald en nooit verzonden", "nl"),
            ("sudah bayar tapi tidak pernah dikirim", "id"),
        ],
    );
    reads(
        ExceptionKind::WhereIsMyOrder,
        Situation::NotHome,
        &[(
            "the driver says nobody was home but I never left the house",
            "en",
        )],
    );
}

#[test]
fn an_email_or_invoice_that_never_came_is_no_lost_parcel() {
    reads(
        ExceptionKind::Other,
        Situation::None,
        &[
            ("Ich habe nie die E-Mail bekommen", "de"),
            ("die Rechnung kam nie an", "de"),
            ("I never got the email with my receipt", "en"),
            ("nunca recibí la factura por correo", "es"),
            ("nunca recebi o e-mail da nota", "pt"),
            ("je n'ai jamais reçu la facture", "fr"),
            ("non ho mai ricevuto la fattura", "it"),
            ("ik heb de factuur nooit ontvangen", "nl"),
            ("invoice nya gak pernah dikirim ke email saya", "id"),
        ],
    );
    reads(
        ExceptionKind::Lost,
        Situation::None,
        &[("never got my parcel and no email either", "en")],
    );
}
