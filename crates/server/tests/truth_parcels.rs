//! Issue 11, end to end through the HTTP desk, the WhatsApp sandbox and the demo shop: the draft and
//! the automatic messages follow the parcel's real state, in four languages per situation. Each scene is
//! a shopper writing from the phone on their order; what they receive (acknowledgement, lookup news,
//! follow-ups swept at a chosen clock) and the draft an agent would send are read against the order.

mod common;
mod truth;

use truth::{
    after_follow_ups, draft, newest_checkpoint, order, order_date, remedies, scene, scene_case,
    scenes,
    words::{on_its_way, spoken_date},
    Findings, Scene,
};

// --- Waiting at a pickup point: where it waits and until when, never "on its way". ---

async fn waits_at_pickup_point(s: Scene) {
    let app = truth::desk().await;
    let case = scene_case(&app, &s).await;
    let got = after_follow_ups(&app, s.phone).await;
    let d = draft(&app, &case).await;
    let text = d["text"].as_str().unwrap_or("");
    let place = newest_checkpoint(&case, Some("available_for_pickup"))["place"]
        .as_str()
        .unwrap()
        .to_string();
    let until = order_date(&order(&case)["shipments"][0]["pickup_until"]);
    truth::show(&s, &got, &d);
    let mut f = Findings::default();
    f.acknowledged(&s, &got);
    f.none_of("a message to the shopper", &got, on_its_way(s.lang));
    f.none_of("the draft", &[text.to_string()], on_its_way(s.lang));
    f.check(d["situation"] == "awaiting_pickup", || {
        format!("situation {}: {text}", d["situation"])
    });
    f.check(d["facts"]["pickup_place"] == place.as_str(), || {
        format!(
            "pickup place {} is not the order's {place}",
            d["facts"]["pickup_place"]
        )
    });
    f.check(d["facts"]["pickup_until"] == until.to_string(), || {
        format!(
            "held until {} is not the order's {until}",
            d["facts"]["pickup_until"]
        )
    });
    f.check(text.contains(&place), || {
        format!("the draft names no {place:?}: {text}")
    });
    f.gives_tracking(&case, text);
    let date = spoken_date(s.lang, until);
    f.check(text.contains(&date), || {
        format!("the draft says no {date:?}: {text}")
    });
    f.check(!remedies(&d).contains(&"chase_carrier".into()), || {
        format!("chasing the carrier offered: {:?}", remedies(&d))
    });
    f.assert_none(&s);
}

// --- A failed delivery attempt: what the carrier reported and how to rebook. ---

async fn delivery_attempt_failed(s: Scene) {
    let app = truth::desk().await;
    let case = scene_case(&app, &s).await;
    let got = after_follow_ups(&app, s.phone).await;
    let d = draft(&app, &case).await;
    let text = d["text"].as_str().unwrap_or("");
    let reported = newest_checkpoint(&case, None)["message"]
        .as_str()
        .unwrap()
        .to_string();
    truth::show(&s, &got, &d);
    let mut f = Findings::default();
    f.acknowledged(&s, &got);
    f.none_of("a message to the shopper", &got, on_its_way(s.lang));
    f.none_of("the draft", &[text.to_string()], on_its_way(s.lang));
    f.check(d["situation"] == "delivery_failed", || {
        format!("situation {}: {text}", d["situation"])
    });
    f.check(text.contains(&reported), || {
        format!("the draft does not say what the carrier reported ({reported:?}): {text}")
    });
    f.gives_tracking(&case, text);
    f.check(!remedies(&d).contains(&"chase_carrier".into()), || {
        format!("chasing the carrier offered: {:?}", remedies(&d))
    });
    f.assert_none(&s);
}

// --- Held at customs: it is customs, what customs asks, what the shop does. ---

async fn held_at_customs(s: Scene, customs: &str, invoice: Option<&str>) {
    let app = truth::desk().await;
    let case = scene_case(&app, &s).await;
    let got = after_follow_ups(&app, s.phone).await;
    let d = draft(&app, &case).await;
    let text = d["text"].as_str().unwrap_or("");
    let parcel = &order(&case)["shipments"][0];
    truth::show(&s, &got, &d);
    let mut f = Findings::default();
    f.acknowledged(&s, &got);
    f.none_of("a message to the shopper", &got, on_its_way(s.lang));
    f.check(d["situation"] == "customs_hold", || {
        format!("situation {}: {text}", d["situation"])
    });
    f.check(
        d["facts"]["shipment_sub_status"] == parcel["sub_status"],
        || {
            format!(
                "sub-status {} is not the parcel's {}",
                d["facts"]["shipment_sub_status"], parcel["sub_status"]
            )
        },
    );
    f.check(text.contains(customs), || {
        format!("the draft never says {customs:?}: {text}")
    });
    if let Some(invoice) = invoice {
        // The carrier asks for an invoice: that part is the shop's, for this order.
        let ours = text.contains(invoice) && text.contains(&format!("#{}", s.order));
        f.check(ours, || {
            format!("no {invoice:?} for #{} from the shop: {text}", s.order)
        });
    }
    f.check(!remedies(&d).contains(&"chase_carrier".into()), || {
        format!("chasing the carrier offered: {:?}", remedies(&d))
    });
    f.assert_none(&s);
}

scenes!(waits_at_pickup_point {
    pickup_point_es_correos_zaragoza => (scene("es", "1015", "34642345678", "Pablo Moreno",
        "Hola, el repartidor dice que no estaba en casa, pedido #1015. ¿Dónde está?"));
    pickup_point_id_jnt_medan => (scene("id", "1035", "6281212345678", "Agus Pratama",
        "Kak, kurirnya bilang saya tidak di rumah, paket pesanan #1035 sekarang di mana?"));
    pickup_point_nl_postnl_utrecht => (scene("nl", "1037", "31612345678", "Daan de Vries",
        "Hoi, ik was niet thuis toen de bezorger kwam. Waar is bestelling #1037 nu?"));
    pickup_point_fr_la_poste_marseille => (scene("fr", "1018", "33622345678", "Lucas Bernard",
        "Bonjour, je n'étais pas chez moi quand le facteur est passé, où est ma commande #1018 ?"));
});

scenes!(delivery_attempt_failed {
    failed_attempt_es_estafeta_puebla => (scene("es", "1010", "5212221234567", "Sofía Martínez",
        "Hola, dice el seguimiento que no había nadie en casa, pero yo sí estaba. Pedido #1010"));
    failed_attempt_it_poste_roma => (scene("it", "1027", "393471234567", "Giulia Rossi",
        "Ciao, il corriere dice che non ero a casa, ordine #1027"));
    failed_attempt_pt_correios_belo_horizonte => (scene("pt", "1003", "5531991234567", "Rafael Oliveira",
        "Oi, o carteiro diz que não tinha ninguém em casa, mas eu estava. Pedido #1003"));
    failed_attempt_de_dhl_frankfurt => (scene("de", "1026", "4917612345678", "Paul Fischer",
        "Hallo, laut DHL war ich nicht zu Hause, dabei war ich da. Bestellung #1026"));
});

scenes!(held_at_customs {
    customs_es_aduana_mexico => (scene("es", "1007", "5215512345678", "Carlos Ramírez",
        "Hola, ¿dónde está mi pedido #1007? ¿Tengo que pagar algo?"), "aduana", Some("factura"));
    customs_fr_douane_named_by_the_shopper => (scene("fr", "1021", "33652345678", "Chloé Petit",
        "Bonjour, ma commande #1021 est bloquée à la douane, dois-je payer des frais ?"), "douane", Some("facture"));
    customs_fr_douane_roissy => (scene("fr", "1021", "33652345678", "Chloé Petit",
        "Bonjour, ma commande #1021 est bloquée, est-ce que je dois payer des frais ?"), "douane", Some("facture"));
    customs_it_dogana_linate => (scene("it", "1029", "393401234567", "Francesca Ferrari",
        "Ciao, il mio ordine #1029 è fermo, devo pagare qualcosa in dogana?"), "dogana", Some("fattura"));
    customs_de_zoll_leipzig => (scene("de", "1023", "4915212345678", "Lena Schmidt",
        "Hallo, meine Bestellung #1023 hängt fest. Muss ich Zoll bezahlen?"), "Zoll", None);
});

// --- Returned to sender after a failed attempt: no new delivery to book for a parcel going back. ---

#[tokio::test]
async fn returned_to_sender_pt_is_not_told_to_book_a_new_delivery() {
    let s = scene(
        "pt",
        "1004",
        "5581998765432",
        "Juliana Pereira",
        "Oi, o carteiro não me encontrou em casa e agora? Pedido #1004",
    );
    let app = truth::desk().await;
    let case = scene_case(&app, &s).await;
    let got = after_follow_ups(&app, s.phone).await;
    let d = draft(&app, &case).await;
    truth::show(&s, &got, &d);
    let text = d["text"].as_str().unwrap_or("").to_string();
    let mut f = Findings::default();
    f.acknowledged(&s, &got);
    assert_eq!(order(&case)["shipments"][0]["sub_status"], "Exception_011");
    let rebook = ["nova entrega", "tenta de novo", "ponto de retirada"];
    f.none_of("a message to the shopper", &got, &rebook);
    f.none_of("the draft", std::slice::from_ref(&text), &rebook);
    f.none_of("a message to the shopper", &got, on_its_way(s.lang));
    assert_eq!(d["situation"], "returned_to_sender", "{text}");
    assert!(
        text.contains("voltando"),
        "the draft says it is going back: {text}"
    );
    f.assert_none(&s);
}
