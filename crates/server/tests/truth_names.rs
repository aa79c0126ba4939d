//! One name for the shopper: the person chatting is the WhatsApp profile, so the acknowledgement, the
//! agent's draft and the automatic messages all call them by the profile's first name, even when the
//! order was placed under another (a partner's, a parent's). The order's first name is used only when
//! the profile gives none.

mod common;
mod truth;

use truth::{after_follow_ups, draft, scene, scene_case, scenes, Findings, Scene};

fn first_word(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or("")
}

/// `s.name` is the WhatsApp profile; `on_order` the name the order was placed under. A profile with a
/// name ("Lucas", "Gianni 🍕") is the one name every message and the draft use; a profile without one
/// ("🌻") is greeted by no name, and the draft after the lookup uses the order's first name.
async fn called_by_one_name(s: Scene, on_order: &str) {
    let app = truth::desk().await;
    let case = scene_case(&app, &s).await;
    let got = after_follow_ups(&app, s.phone).await;
    let d = draft(&app, &case).await;
    let text = d["text"].as_str().unwrap_or("").to_string();
    truth::show(&s, &got, &d);
    let (profile, order) = (first_word(s.name), first_word(on_order));
    let has_name = profile.chars().any(char::is_alphabetic);
    let mut f = Findings::default();
    let ack = got.first().cloned().unwrap_or_default();
    f.check(ack.contains(profile) == has_name, || {
        format!("the acknowledgement does not greet by {profile:?} as it should: {ack}")
    });
    if has_name {
        f.none_of("a message to the shopper", &got, &[order]);
        f.none_of("the draft", &[text], &[order]);
    }
    let expected = if has_name { profile } else { order };
    let named = d["facts"]["shopper_name"].as_str().unwrap_or("");
    f.check(first_word(named) == expected, || {
        format!("the draft's facts call the shopper {named:?}, not {expected}")
    });
    f.assert_none(&s);
}

scenes!(called_by_one_name {
    profile_name_pt => (scene("pt", "1003", "5531991234567", "Lucas",
        "oi, cadê meu pedido 1003?"), "Rafael Oliveira");
    profile_name_de => (scene("de", "1022", "4915112345678", "Mo K.",
        "hallo, wo bleibt meine Bestellung 1022?"), "Jonas Weber");
    profile_name_es => (scene("es", "1012", "34612345678", "Pili",
        "hola, ¿dónde está mi pedido 1012?"), "Lucía García");
    profile_name_it => (scene("it", "1028", "393331234567", "Gianni 🍕",
        "ciao, dov'è il mio ordine 1028?"), "Marco Russo");
    no_profile_name_pt => (scene("pt", "1003", "5531991234567", "🌻",
        "oi, cadê meu pedido 1003?"), "Rafael Oliveira");
});
