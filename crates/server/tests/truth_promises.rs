//! Issue 11, end to end through the HTTP desk, the WhatsApp sandbox and the demo shop: what the desk
//! says about the order itself. A number no shop has is said to be not found (never "looking at it");
//! a number given after being asked is confirmed; a missing item names the line the shopper means and
//! makes good that line alone; and another customer's order stays off every message, draft and button.

mod common;
mod truth;

use truth::{
    after_follow_ups, case_when, draft, draft_when, order, received_with, remedies, says, scene,
    scene_case, scenes, Findings, Scene,
};

// --- An order number no shop has: "not found, send it again", never "I'm looking at #99999". ---

async fn unknown_order(s: Scene, not_found: &str, looking_at: &str, warehouse: &str) {
    let app = truth::desk().await;
    says(&app, &s, s.says).await;
    received_with(&app, s.phone, not_found).await;
    let case = case_when(&app, s.phone, |c| c["id"].is_i64()).await;
    let got = after_follow_ups(&app, s.phone).await;
    let d = draft_when(&app, &case, |d| d["facts"]["order_found"] == false).await;
    let text = d["text"].as_str().unwrap_or("");
    truth::show(&s, &got, &d);
    let mut f = Findings::default();
    f.acknowledged(&s, &got);
    f.none_of("a message to the shopper", &got, &[looking_at]);
    f.check(case["order"].is_null(), || {
        format!("an order on the case: {}", case["order"])
    });
    f.check(d["situation"] == "where_no_order_found", || {
        format!("situation {}: {text}", d["situation"])
    });
    f.check(text.contains("99999"), || {
        format!("the draft does not say which number: {text}")
    });
    f.check(!text.contains(warehouse), || {
        format!("the draft speaks of the warehouse: {text}")
    });
    f.check(d["buttons"].as_array().is_none_or(|b| b.is_empty()), || {
        format!("buttons for no order: {}", d["buttons"])
    });
    f.assert_none(&s);
}

scenes!(unknown_order {
    unknown_order_pt => (scene("pt", "99999", "5511987654321", "Ana Souza",
        "Oi, cadê o meu pedido #99999?"), "Não encontrei nenhum pedido", "Já estou olhando", "estoque");
    unknown_order_es => (scene("es", "99999", "34612345678", "Lucía García",
        "Hola, ¿dónde está mi pedido #99999?"), "No encuentro ningún pedido", "lo estoy mirando", "almacén");
    unknown_order_de => (scene("de", "99999", "4915112345678", "Jonas Weber",
        "Hallo, wo ist meine Bestellung #99999?"), "Ich finde keine Bestellung", "Ich sehe sie mir", "Lager");
    unknown_order_it => (scene("it", "99999", "393331234567", "Marco Russo",
        "Ciao, dov'è il mio ordine #99999?"), "Non trovo nessun ordine", "Lo sto guardando", "magazzino");
    unknown_order_id => (scene("id", "99999", "6285712345678", "Siti Rahayu",
        "Kak, pesanan #99999 saya di mana ya?"), "tidak menemukan pesanan", "Sedang kami periksa", "gudang");
});

// --- The number given after being asked: the found order confirmed. ---

async fn confirmed_when_given(s: Scene, reply: &str, asked: &str, found: &str) {
    let app = truth::desk().await;
    says(&app, &s, s.says).await;
    received_with(&app, s.phone, asked).await;
    says(&app, &s, reply).await;
    let got = received_with(&app, s.phone, found).await;
    let case = case_when(&app, s.phone, |c| order(c)["number"] == s.order).await;
    let d = draft(&app, &case).await;
    truth::show(&s, &got, &d);
    let mut f = Findings::default();
    let confirmation = got.iter().find(|m| m.contains(found)).unwrap();
    f.check(confirmation.contains(s.order), || {
        format!("the confirmation names no #{}: {confirmation}", s.order)
    });
    f.check(d["facts"]["order_number"] == s.order, || {
        format!("the draft is about {}", d["facts"]["order_number"])
    });
    f.check(d["situation"] != "ask_order_number", || {
        format!("the draft asks again: {}", d["text"])
    });
    f.assert_none(&s);
}

scenes!(confirmed_when_given {
    confirmed_es => (scene("es", "1012", "34612345678", "Lucía García",
        "Hola, mi paquete todavía no ha llegado"), "Es el 1012", "número de pedido", "Encontrado");
    confirmed_pt => (scene("pt", "1001", "5511987654321", "Ana Souza",
        "Oi, meu pacote ainda não chegou"), "É o 1001", "número do pedido", "Achei");
    confirmed_de => (scene("de", "1022", "4915112345678", "Jonas Weber",
        "Hallo, mein Paket ist noch nicht angekommen"), "Die Nummer ist 1022", "Bestellnummer", "Gefunden");
    confirmed_it => (scene("it", "1028", "393331234567", "Marco Russo",
        "Ciao, il mio pacco non è ancora arrivato"), "È il 1028", "numero d'ordine", "Trovato");
    confirmed_nl => (scene("nl", "1039", "31632345678", "Bram Bakker",
        "Hoi, mijn pakket is er nog niet"), "Het is 1039", "bestelnummer", "Gevonden");
});

// --- A missing item: the line the shopper names, its price, and a remedy for that line alone. ---

async fn missing_line(s: Scene, missing: usize) {
    let app = truth::desk().await;
    let case = scene_case(&app, &s).await;
    let got = after_follow_ups(&app, s.phone).await;
    let d = draft_when(&app, &case, |d| d["facts"]["missing_line"].is_object()).await;
    let lines = order(&case)["line_items"].as_array().unwrap();
    let (line, other) = (&lines[missing], &lines[1 - missing]);
    let name = line["name"].as_str().unwrap();
    let text = d["text"].as_str().unwrap_or("");
    let m = &d["facts"]["missing_line"];
    let offered = remedies(&d);
    truth::show(&s, &got, &d);
    let mut f = Findings::default();
    f.acknowledged(&s, &got);
    f.check(m["state"] == "known", || {
        format!("the line is not known: {m}")
    });
    f.check(m["line"]["line_id"] == line["id"], || {
        format!("line {} is not {}", m["line"]["line_id"], line["id"])
    });
    f.check(m["line"]["name"] == name, || {
        format!("line {} is not {name:?}", m["line"]["name"])
    });
    let price = line["unit_price"]["minor"].as_i64().unwrap();
    f.check(m["unit_price_minor"] == price, || {
        format!("price {} is not the line's {price}", m["unit_price_minor"])
    });
    f.check(text.contains(name), || {
        format!("the draft does not name {name:?}: {text}")
    });
    let had = other["name"].as_str().unwrap();
    f.check(!text.contains(had), || {
        format!("the draft names {had:?}, which came: {text}")
    });
    let quantity = m["line"]["quantity"].as_i64().unwrap_or(0);
    let currency = line["unit_price"]["currency"].as_str().unwrap_or("");
    let amounts = truth::words::spoken_amounts(price * quantity, currency);
    let priced = amounts.iter().any(|a| text.contains(a.as_str()));
    f.check(priced, || {
        format!("the draft gives none of {amounts:?} for the line: {text}")
    });
    let for_line = offered
        .iter()
        .any(|r| r == "line_replacement" || r == "line_refund");
    f.check(for_line, || format!("no remedy for the line: {offered:?}"));
    let whole = offered
        .iter()
        .any(|r| r == "replacement" || r == "full_refund");
    f.check(!whole, || {
        format!("the whole order made good for one line: {offered:?}")
    });
    f.assert_none(&s);
}

scenes!(missing_line {
    missing_item_pt_socks => (scene("pt", "1001", "5511987654321", "Ana Souza",
        "Oi, chegou o pedido #1001 mas faltaram as meias"), 1);
    missing_item_es_earrings => (scene("es", "1012", "34612345678", "Lucía García",
        "Hola, en el paquete del pedido #1012 faltaban los pendientes"), 1);
    missing_item_de_spatula => (scene("de", "1025", "4917012345678", "Anna Schneider",
        "Hallo, in meinem Paket zur Bestellung #1025 fehlte der Pfannenwender"), 1);
    missing_item_id_brushes_short_of_one => (scene("id", "1032", "6281234567890", "Putri Lestari",
        "Kak, pesanan #1032 sudah saya terima tapi kurang satu barang, set kuas makeup-nya tidak ada di dalam paket"), 1);
    missing_item_id_brushes => (scene("id", "1032", "6281234567890", "Putri Lestari",
        "Kak, paket pesanan #1032 sudah sampai tapi set kuas makeup-nya tidak ada"), 1);
});

// --- Another customer's order: nothing of it reaches the shopper who named it. ---

/// What order #1024 (Felix Müller's drone, shipped with DHL, € 149,00) holds.
const FELIX: [&str; 10] = [
    "Felix",
    "Müller",
    "Drohne",
    "DHL",
    "LP00008109056DE",
    "felix.mueller",
    "München",
    "149,00",
    "149.00",
    "€",
];

#[tokio::test]
async fn a_friends_order_never_reaches_the_shopper_who_names_it() {
    let app = truth::desk().await;
    let putri = scene("id", "1024", "6281234567890", "Putri Lestari", "");
    says(
        &app,
        &putri,
        "Halo kak, pesanan #1024 punya teman saya belum sampai",
    )
    .await;
    received_with(&app, putri.phone, "kode pos").await;
    let case = case_when(&app, putri.phone, |c| c["ownership"].is_object()).await;
    let got = after_follow_ups(&app, putri.phone).await;
    let d = draft(&app, &case).await;
    truth::show(&putri, &got, &d);
    let mut f = Findings::default();
    f.acknowledged(&putri, &got);
    f.none_of("a message to Putri", &got, &FELIX);
    f.none_of("the draft", &[d.to_string()], &FELIX);
    f.check(case["order"].is_null(), || {
        format!("#1024 on her case: {}", case["order"])
    });
    f.check(d["buttons"] == serde_json::json!([]), || {
        format!("buttons: {}", d["buttons"])
    });
    f.check(d["options"] == serde_json::json!([]), || {
        format!("remedies: {}", d["options"])
    });
    let line = case["ownership"]["line"].as_str().unwrap_or("");
    f.check(line.contains("belongs to another customer"), || {
        format!("the agent is not told: {line}")
    });
    // Her own e-mail (it is on her order #1032, not on #1024) proves nothing about her friend's order.
    let before = app.inbound_of(putri.phone).await.len();
    says(&app, &putri, "email saya putri.lestari@contoh.co.id").await;
    common::app::eventually(30, "her answer stored", || async {
        (app.inbound_of(putri.phone).await.len() > before).then_some(())
    })
    .await;
    let got = after_follow_ups(&app, putri.phone).await;
    let case = case_when(&app, putri.phone, |c| c["ownership"].is_object()).await;
    let d = draft(&app, &case).await;
    f.none_of("a message to Putri after her e-mail", &got, &FELIX);
    f.none_of("the draft after her e-mail", &[d.to_string()], &FELIX);
    f.check(case["ownership"]["verified"] == false, || {
        format!("her own e-mail verified #1024: {}", case["ownership"])
    });
    f.assert_none(&putri);
}
