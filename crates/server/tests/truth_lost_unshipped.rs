//! Issue 11, end to end through the HTTP desk, the WhatsApp sandbox and the demo shop: a parcel the
//! carrier declared lost is told lost and made good as the policy allows, never "I've asked the
//! carrier"; an order never shipped gets no carrier wording and no chase. Four languages each, every
//! shopper writing from the phone on their order; follow-ups swept at a clock the scene chooses.

mod common;
mod truth;

use truth::{
    after_follow_ups, draft, order, remedies, scene, scene_case, scenes,
    words::{chase_claimed, on_its_way, spoken_amounts},
    Findings, Scene,
};

// --- Declared lost by the carrier: told lost, offered what the policy allows, never "I've asked". ---

async fn declared_lost(s: Scene, lost: &str) {
    let app = truth::desk().await;
    let case = scene_case(&app, &s).await;
    let got = after_follow_ups(&app, s.phone).await;
    let d = draft(&app, &case).await;
    let text = d["text"].as_str().unwrap_or("");
    let offered = remedies(&d);
    truth::show(&s, &got, &d);
    let mut f = Findings::default();
    f.acknowledged(&s, &got);
    f.none_of("a message to the shopper", &got, chase_claimed(s.lang));
    f.none_of("a message to the shopper", &got, on_its_way(s.lang));
    let told = got.iter().any(|m| m.contains(lost));
    f.check(told, || {
        format!("no message tells the shopper it is {lost:?}")
    });
    f.check(d["situation"] == "declared_lost", || {
        format!("situation {}: {text}", d["situation"])
    });
    f.check(text.contains(lost), || {
        format!("the draft never says {lost:?}: {text}")
    });
    let lost_options = offered
        .iter()
        .any(|r| r == "replacement" || r == "full_refund");
    f.check(lost_options, || {
        format!("no replacement or refund for a lost parcel: {offered:?}")
    });
    f.check(!offered.contains(&"chase_carrier".into()), || {
        format!("chasing a parcel the carrier gave up on: {offered:?}")
    });
    if offered.iter().any(|r| r == "full_refund") {
        let total = &order(&case)["total"];
        let currency = total["currency"].as_str().unwrap_or("");
        let amounts = spoken_amounts(total["minor"].as_i64().unwrap_or(0), currency);
        let priced = amounts.iter().any(|a| text.contains(a.as_str()));
        f.check(priced, || {
            format!("the refund is not the order's {amounts:?}: {text}")
        });
    }
    let buttons = d["buttons"].as_array().map_or(0, Vec::len);
    f.check(buttons > 0, || {
        format!("no button for the shopper to choose with: {d:#}")
    });
    f.assert_none(&s);
}

// --- Never shipped: no carrier wording, no chasing a parcel that does not exist. ---

/// Carrier words, per language: an order with no parcel has no carrier to speak of.
fn carrier_words(lang: &str) -> &'static [&'static str] {
    match lang {
        "es" => &["paquetería", "repartidor", "Correos", "Estafeta"],
        "pt" => &["transportadora", "entregador", "Correios"],
        "it" => &["corriere", "Poste Italiane"],
        "nl" => &["vervoerder", "bezorger", "PostNL"],
        _ => &["carrier", "courier"],
    }
}

async fn never_shipped(s: Scene) {
    let app = truth::desk().await;
    let case = scene_case(&app, &s).await;
    let got = after_follow_ups(&app, s.phone).await;
    let d = draft(&app, &case).await;
    let text = d["text"].as_str().unwrap_or("").to_string();
    let offered = remedies(&d);
    truth::show(&s, &got, &d);
    let mut f = Findings::default();
    f.acknowledged(&s, &got);
    f.check(order(&case)["shipments"] == serde_json::json!([]), || {
        format!("the order has a parcel: {}", order(&case))
    });
    let mut words = carrier_words(s.lang).to_vec();
    words.push("Cainiao");
    words.extend(chase_claimed(s.lang));
    f.none_of("a message to the shopper", &got, &words);
    f.none_of("the draft", std::slice::from_ref(&text), &words);
    let situations = ["where_not_shipped", "oversold"];
    f.check(situations.iter().any(|k| d["situation"] == *k), || {
        format!("situation {}: {text}", d["situation"])
    });
    f.check(!offered.contains(&"chase_carrier".into()), || {
        format!("chasing the carrier for an order with no parcel: {offered:?}")
    });
    f.check(d["facts"]["tracking_number"].is_null(), || {
        format!("a tracking number: {}", d["facts"])
    });
    f.assert_none(&s);
}

scenes!(declared_lost {
    lost_de_dhl => (scene("de", "1024", "4916012345678", "Felix Müller",
        "Hallo, wo bleibt mein Paket? Bestellung #1024"), "verloren");
    lost_pt_correios => (scene("pt", "1006", "5571993322110", "Beatriz Costa",
        "Oi, cadê o meu pedido #1006? Não chega nunca"), "extraviado");
    lost_fr_colissimo => (scene("fr", "1019", "33632345678", "Léa Dubois",
        "Bonjour, je n'ai toujours pas reçu ma commande #1019, où est-elle ?"), "perdu");
    lost_id_jnt => (scene("id", "1033", "6281331234567", "Budi Santoso",
        "Kak, pesanan #1033 saya kok belum sampai juga?"), "hilang");
});

scenes!(never_shipped {
    never_shipped_pt_porto_alegre => (scene("pt", "1005", "5551996543210", "Marcos Lima",
        "Oi, meu pedido #1005 está atrasado, cadê o rastreio?"));
    never_shipped_es_out_of_stock => (scene("es", "1016", "34652345678", "Elena Ruiz",
        "Hola, mi pedido #1016 no llega, ¿lo habéis enviado ya?"));
    never_shipped_it_firenze => (scene("it", "1031", "393381234567", "Chiara Bianchi",
        "Ciao, il mio ordine #1031 è in ritardo, quando arriva?"));
    never_shipped_nl_eindhoven => (scene("nl", "1040", "31642345678", "Emma Visser",
        "Hoi, mijn bestelling #1040 is nog steeds niet binnen, waar blijft hij?"));
});
