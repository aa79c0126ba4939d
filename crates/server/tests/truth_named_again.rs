//! Issue 11: a shopper who names the order again before anyone answered ("I just told you, it's
//! 1027!!") hears back, in their language, that this is the order being looked at; never silence, and
//! the first "found it" is not sent twice. A shopper who corrects a number no shop has ("#99999",
//! then "sorry, it's 1017") corrects that case: one case, about the real order, its question kept.

mod common;
mod truth;

use truth::{
    case_when, draft_when, received, received_with, says, scene, scenes, settled, Findings, Scene,
};

async fn named_again(s: Scene, again: &str, found: &str, yes: &str) {
    let app = truth::desk().await;
    says(&app, &s, s.says).await;
    received_with(&app, s.phone, found).await;
    says(&app, &s, again).await;
    received_with(&app, s.phone, yes).await;
    let got = settled(&app, s.phone).await;
    let mut f = Findings::default();
    let answers: Vec<&String> = got.iter().filter(|m| m.contains(yes)).collect();
    f.check(answers.len() == 1, || {
        format!("answered {} times: {got:?}", answers.len())
    });
    f.check(answers.iter().all(|m| m.contains(s.order)), || {
        format!("the answer names no #{}: {answers:?}", s.order)
    });
    let founds = received(&app, s.phone)
        .iter()
        .filter(|m| m.contains(found))
        .count();
    f.check(founds == 1, || {
        format!("'{found}' said {founds} times: {got:?}")
    });
    f.assert_none(&s);
}

scenes!(named_again {
    named_again_it => (scene("it", "1027", "393471234567", "Giulia Rossi",
        "Il corriere dice che non ero a casa, ordine #1027"), "Te l'ho appena detto, è 1027!!",
        "Trovato", "proprio quello che ho qui");
    named_again_pt => (scene("pt", "1001", "5511987654321", "Ana Souza",
        "Oi, cadê meu pedido #1001?"), "Já falei, é o 1001!!", "Achei", "é o que estou vendo aqui");
    named_again_de => (scene("de", "1022", "4915112345678", "Jonas Weber",
        "Hallo, wo ist meine Bestellung 1022?"), "Hab ich doch gesagt: 1022!", "Gefunden", "liegt mir vor");
    named_again_es => (scene("es", "1012", "34612345678", "Lucía García",
        "Hola, ¿dónde está mi pedido 1012?"), "¡Ya te lo dije, es el 1012!", "Encontrado", "es el que tengo aquí");
});

async fn corrected(s: Scene, not_found: &str, correction: &str, found: &str) {
    let app = truth::desk().await;
    says(&app, &s, s.says).await;
    received_with(&app, s.phone, not_found).await;
    says(&app, &s, correction).await;
    received_with(&app, s.phone, found).await;
    let case = case_when(&app, s.phone, |c| c["order_number"] == s.order).await;
    let d = draft_when(&app, &case, |d| d["facts"]["order_found"] == true).await;
    let cases = app.api("/cases?all=true").await["cases"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mine: Vec<_> = (cases.iter())
        .filter(|c| c["conversation_id"] == case["conversation_id"])
        .collect();
    let got = settled(&app, s.phone).await;
    truth::show(&s, &got, &d);
    let mut f = Findings::default();
    f.check(mine.len() == 1, || {
        format!("{} cases: {mine:?}", mine.len())
    });
    f.check(case["kind"] == "where_is_my_order", || {
        format!("the question was lost: {}", case["kind"])
    });
    f.check(d["facts"]["order_number"] == s.order, || {
        format!("the draft is about {}", d["facts"]["order_number"])
    });
    f.check(d["situation"] != "other_with_order", || {
        format!("the draft asks what happened: {}", d["text"])
    });
    f.assert_none(&s);
}

scenes!(corrected {
    corrected_fr => (scene("fr", "1017", "33612345678", "Camille Martin",
        "Bonjour, où est ma commande #99999 ?"), "Je ne trouve aucune commande", "Pardon, c'est la 1017",
        "commande #1017");
    corrected_pt => (scene("pt", "1001", "5511987654321", "Ana Souza",
        "Oi, cadê o meu pedido #99999?"), "Não encontrei nenhum pedido", "Desculpa, é o 1001", "pedido #1001");
    corrected_de => (scene("de", "1022", "4915112345678", "Jonas Weber",
        "Hallo, wo ist meine Bestellung #99999?"), "Ich finde keine Bestellung", "Sorry, es ist die 1022",
        "Bestellung #1022");
    corrected_it => (scene("it", "1028", "393331234567", "Marco Russo",
        "Ciao, dov'è il mio ordine #99999?"), "Non trovo nessun ordine", "Scusa, è il 1028", "ordine #1028");
});
