//! Issue 11 §3: "I never got the email" is not a lost parcel, and an empty locker is not an
//! empty box; a failed attempt stays a failed attempt when the shopper says "twice". A return
//! handed in at a post office or parcel shop is about the return, not a parcel waiting to be
//! collected; a size or colour other than the one ordered is a wrong item.

use lifeline_triage::{ExceptionKind, Situation, TriageConfig, Triager};

fn triager() -> Triager {
    Triager::new(TriageConfig::default()).expect("default config builds")
}

/// Each message must read as `kind` with `situation`.
fn reads(kind: ExceptionKind, situation: Situation, texts: &[&str]) {
    let t = triager();
    for text in texts {
        let got = t.triage(text, None);
        assert_eq!(
            (got.kind, got.situation),
            (kind, situation),
            "{text}: {:?}",
            got.reasons
        );
    }
}

#[test]
fn a_confirmation_that_never_came_is_a_payment_question_not_a_lost_parcel() {
    reads(
        ExceptionKind::Payment,
        Situation::None,
        &[
            "paid this morning but never got any confirmation email",
            "pagué con tarjeta y nunca me llegó el correo de confirmación",
            "paguei o pix e nunca recebi o email de confirmação",
            "paiement fait mais jamais reçu le mail de confirmation",
            "hab bezahlt aber nie eine Bestätigungsmail bekommen",
            "ho pagato ma non mi è mai arrivata la mail di conferma",
            "udah transfer tapi gak pernah dapet email konfirmasi",
            "betaald maar nooit een bevestigingsmail gehad",
        ],
    );
}

#[test]
fn a_lost_pickup_code_is_a_question_about_the_parcel_at_the_pickup_point() {
    reads(
        ExceptionKind::WhereIsMyOrder,
        Situation::PickupPoint,
        &[
            "mon colis est au point relais mais j'ai perdu le code de retrait",
            "my parcel is in the locker but I never got the code",
            "a encomenda está no cacifo mas nunca recebi o código",
        ],
    );
}

#[test]
fn an_empty_locker_is_a_lost_parcel_at_the_pickup_point() {
    reads(
        ExceptionKind::Lost,
        Situation::PickupPoint,
        &[
            "tracking says it was left in the parcel locker but the locker is empty",
            "laut Tracking liegt es in der Packstation, das Fach ist aber leer",
            "volgens de app ligt het in de pakketautomaat maar het vakje was leeg",
            "the pickup shop says they can't find it, tracking says it's there",
        ],
    );
}

#[test]
fn an_empty_box_collected_at_the_locker_is_a_missing_item() {
    reads(
        ExceptionKind::MissingItem,
        Situation::None,
        &["I picked it up at the locker and the box was empty"],
    );
}

#[test]
fn twice_with_nobody_home_is_a_failed_attempt_not_a_double_charge() {
    reads(
        ExceptionKind::WhereIsMyOrder,
        Situation::NotHome,
        &[
            "the courier tried twice and nobody was home, can they try again?",
            "DHL war zweimal da, angeblich niemand da, war aber zuhause",
        ],
    );
    let charged = triager().triage("you charged me twice for one order", None);
    assert_eq!(
        charged.kind,
        ExceptionKind::Payment,
        "{:?}",
        charged.reasons
    );
}

#[test]
fn a_return_left_at_a_counter_is_a_return_not_a_pickup() {
    reads(
        ExceptionKind::ReturnExchange,
        Situation::None,
        &[
            "I took my return to the post office this morning, let me know when you have it",
            "the return parcel is at the parcel shop now, I handed it in an hour ago",
            "entregué la devolución en la oficina de correos, me avisan cuando llegue?",
            "deixei a devolução no ponto de coleta hoje, quando chegar me avisa",
            "Ich habe die Rücksendung in der Packstation eingeworfen, gebt Bescheid wenn sie da ist",
            "retour déposé au point relais hier, prévenez-moi quand vous l'aurez",
            "ho lasciato il reso al punto di ritiro, mi dite quando arriva?",
            "ik heb de retour bij het postkantoor afgegeven, laat maar weten wanneer hij aankomt",
            "paket retur sudah saya antar ke kantor pos kemarin, kabari kalau sudah sampai",
        ],
    );
}

#[test]
fn another_size_or_colour_than_ordered_is_a_wrong_item() {
    reads(
        ExceptionKind::WrongItem,
        Situation::None,
        &[
            "I asked for a large and you sent a small one",
            "the hoodie came in grey, mine was supposed to be green",
            "pedí una camiseta roja y me llegó azul",
            "comprei o tênis preto e veio branco",
            "Größe XL bestellt, M bekommen",
            "j'avais choisi le noir, c'est un rouge qui est arrivé",
            "avevo preso la taglia S e mi è arrivata una XL",
            "ik kreeg een zwarte jas, ik had de blauwe besteld",
            "pesan warna hitam yang datang putih",
        ],
    );
}

#[test]
fn asking_for_another_size_stays_an_exchange() {
    reads(
        ExceptionKind::ReturnExchange,
        Situation::None,
        &["the medium is too small, can I exchange it for a large?"],
    );
    reads(
        ExceptionKind::WhereIsMyOrder,
        Situation::None,
        &["ich habe eine Jacke in rot und eine in blau bestellt, wann kommt das Paket?"],
    );
}
