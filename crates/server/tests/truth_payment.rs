//! Issue 11, end to end: a shopper charged twice gets the double-charge answer (a pre-authorisation is
//! often released by the bank; a screenshot of both charges, checked with the payment provider), never
//! the answer for a payment nobody can match, and keeps it when the next message does not repeat it.
//! Four languages, every shopper writing from the phone on their order.

mod common;
mod truth;

use truth::{draft_when, remedies, says, scene, scene_case, scenes, settled, Findings, Scene};

async fn charged_twice(s: Scene, then: Option<&str>) {
    let app = truth::desk().await;
    let case = scene_case(&app, &s).await;
    if let Some(more) = then {
        settled(&app, s.phone).await;
        says(&app, &s, more).await;
    }
    let got = settled(&app, s.phone).await;
    let d = draft_when(&app, &case, |d| d["situation"] == "payment_double_charge").await;
    let text = d["text"].as_str().unwrap_or("");
    truth::show(&s, &got, &d);
    let mut f = Findings::default();
    f.acknowledged(&s, &got);
    f.check(d["situation"] == "payment_double_charge", || {
        format!("situation {}: {text}", d["situation"])
    });
    f.check(text.contains('7'), || {
        format!("the draft never says the bank releases a hold within 7 working days: {text}")
    });
    let offered = remedies(&d);
    f.check(offered.contains(&"ask_evidence".into()), || {
        format!("no way to send the statement: {offered:?}")
    });
    f.assert_none(&s);
}

scenes!(charged_twice {
    charged_twice_pt => (scene("pt", "1003", "5531991234567", "Rafael Oliveira",
        "fui cobrado duas vezes no pedido 1003"), Some("alguém pode ver isso por favor?"));
    charged_twice_it => (scene("it", "1028", "393331234567", "Marco Russo",
        "Buongiorno, mi avete addebitato due volte l'ordine 1028"), None);
    charged_twice_es => (scene("es", "1012", "34612345678", "Lucía García",
        "Hola, me cobraron dos veces el pedido 1012, ¿qué pasó?"), None);
    charged_twice_de => (scene("de", "1022", "4915112345678", "Jonas Weber",
        "Ihr habt mir die Bestellung 1022 doppelt abgebucht!"), Some("Bitte um Rückmeldung."));
});
