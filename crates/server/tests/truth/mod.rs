#![allow(dead_code)] // each test file uses its own part of the scenes

//! The scenes of issue 11 ("the desk tells the truth"), shared by `truth_parcels`,
//! `truth_lost_unshipped` and `truth_promises`: the demo shop (with a few of its parcels retold so
//! every situation has shoppers in four languages), a shopper who writes from the phone on their
//! order, what reaches their phone, and the draft an agent would send, read against the order the
//! desk itself holds.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::Value;

pub mod words;

use crate::common::{
    app::{case_of_shopper, eventually, spawn_app_with, TestApp},
    db,
};

/// One shopper of a scene: who writes (the phone and name on their order), in which language, what.
#[derive(Debug, Clone, Copy)]
pub struct Scene {
    pub lang: &'static str,
    pub order: &'static str,
    pub phone: &'static str,
    pub name: &'static str,
    pub says: &'static str,
}

/// Appends a newest checkpoint to the parcel of demo order `number` and gives the parcel its status.
fn retell(doc: &mut Value, number: &str, status: &str, sub: Option<&str>, last: Value) {
    let order = (doc["orders"].as_array_mut().unwrap().iter_mut())
        .find(|o| o["number"] == number)
        .unwrap();
    order["tags"] = Value::Array(vec![]);
    let parcel = &mut order["shipments"][0];
    parcel["status"] = status.into();
    parcel["sub_status"] = sub.map_or(Value::Null, Into::into);
    let checkpoints = parcel["checkpoints"].as_array_mut().unwrap();
    checkpoints.retain(|c| c["status"] != "delivered");
    checkpoints.push(last);
}

fn checkpoint(at: &str, place: &str, message: &str, status: &str) -> Value {
    serde_json::json!({"at": at, "place": place, "message": message, "status": status})
}

/// The demo orders, with a few parcels retold so each situation has four languages: #1018 (FR) waits
/// at a post office, #1003 (BR) and #1026 (DE) had a failed attempt, #1006 (BR), #1019 (FR) and #1033
/// (ID) were declared lost by the carrier, #1031 (IT) and #1040 (NL) were never shipped.
pub fn retold_demo() -> String {
    let mut doc: Value = serde_json::from_str(lifeline_commerce::DEMO_ORDERS).unwrap();
    let attempt = checkpoint(
        "-2h",
        "Marseille, FR",
        "Avis de passage : destinataire absent",
        "attempt_fail",
    );
    retell(&mut doc, "1018", "available_for_pickup", None, attempt);
    let office = "Bureau de poste Marseille Colbert, 1 rue Henri Barbusse, Marseille";
    let waiting = checkpoint(
        "-1h",
        office,
        "Colis disponible en bureau de poste",
        "available_for_pickup",
    );
    retell(&mut doc, "1018", "available_for_pickup", None, waiting);
    let order = (doc["orders"].as_array_mut().unwrap().iter_mut())
        .find(|o| o["number"] == "1018")
        .unwrap();
    order["shipments"][0]["pickup_until"] = "+5d".into();
    order["shipments"][0]["estimated_delivery"] = Value::Null;
    let failed = [
        (
            "1003",
            "Belo Horizonte, BR",
            "Carteiro não atendido - entrega não realizada",
        ),
        (
            "1026",
            "Frankfurt am Main, DE",
            "Zustellversuch erfolglos: Empfänger nicht angetroffen",
        ),
    ];
    for (number, place, message) in failed {
        let last = checkpoint("-1h", place, message, "attempt_fail");
        retell(&mut doc, number, "attempt_fail", None, last);
    }
    for (number, place) in [
        ("1006", "Salvador, BR"),
        ("1019", "Toulouse, FR"),
        ("1033", "Surabaya, ID"),
    ] {
        let last = checkpoint(
            "-1h",
            place,
            "Parcel reported lost in transit by the carrier",
            "exception",
        );
        retell(&mut doc, number, "exception", Some("Exception_013"), last);
    }
    for o in doc["orders"].as_array_mut().unwrap() {
        if o["number"] == "1031" || o["number"] == "1040" {
            o.as_object_mut().unwrap().remove("shipments");
            o["fulfilment_status"] = "unfulfilled".into();
            o["placed_at"] = "-3d".into();
            o["tags"] = Value::Array(vec![]);
        }
    }
    doc.to_string()
}

/// A desk with the retold demo shop, awake at every hour (no scene depends on the hour in the shopper's
/// country) and sweeping follow-ups itself only at start, so the sweeps that count are the scene's own,
/// at the clock the scene chooses.
pub async fn desk() -> TestApp {
    spawn_app_with(db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap();
        std::fs::write(desk.data_dir.join("demo-orders.json"), retold_demo()).unwrap();
        desk.desk.insert("followup_every".into(), "1h".into());
        let awake = toml::from_str("start = \"00:00\"\nend = \"00:00\"").unwrap();
        desk.desk.insert("quiet_hours".into(), awake);
    })
    .await
}

pub async fn says(app: &TestApp, scene: &Scene, text: &str) {
    let shopper = Shopper {
        wa_id: scene.phone.into(),
        name: scene.name.into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    app.sandbox
        .shopper_says(&shopper, ShopperMessage::Text(text.into()))
        .await;
}

/// The shopper's newest case, in full, once `ready` holds for it.
pub async fn case_when(app: &TestApp, phone: &str, ready: impl Fn(&Value) -> bool) -> Value {
    eventually(30, "the shopper's case", || async {
        let cases = app.api("/cases?all=true").await["cases"]
            .as_array()
            .cloned()?;
        let c = case_of_shopper(app, cases, phone).await?;
        let full = app.api(&format!("/cases/{}", c["id"])).await;
        ready(&full).then_some(full)
    })
    .await
}

/// The case's draft for a supervisor (who may offer everything the policy allows).
pub async fn draft(app: &TestApp, case: &Value) -> Value {
    app.api(&format!("/cases/{}/draft?role=supervisor", case["id"]))
        .await
}

/// The case's draft once `ready` holds for it, or as it stands after ten seconds (for the report).
pub async fn draft_when(app: &TestApp, case: &Value, ready: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let d = draft(app, case).await;
        if ready(&d) || tokio::time::Instant::now() > deadline {
            return d;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
}

/// The shopper writes the scene's message; returns their case once their order is on it.
pub async fn scene_case(app: &TestApp, scene: &Scene) -> Value {
    says(app, scene, scene.says).await;
    case_when(app, scene.phone, |c| {
        c["order"]["order"]["number"] == scene.order
    })
    .await
}

/// One sweep of the automatic follow-ups at `now`, as the desk's worker would run it.
pub async fn sweep(app: &TestApp, now: DateTime<Utc>) {
    let state = &app.running.as_ref().unwrap().state;
    lifeline_server::cases::followup::sweep_at(state, now)
        .await
        .unwrap();
}

/// Follow-ups swept an hour and three days from now (the injected clock), then everything the desk
/// queued for the shopper, once it has all reached their phone.
pub async fn after_follow_ups(app: &TestApp, phone: &str) -> Vec<String> {
    settled(app, phone).await;
    let now = Utc::now();
    for later in [Duration::hours(1), Duration::days(3)] {
        sweep(app, now + later).await;
    }
    settled(app, phone).await
}

/// The send API's own fields, which say nothing to the shopper.
const ENVELOPE: [&str; 5] = [
    "messaging_product",
    "recipient_type",
    "to",
    "type",
    "biz_opaque_callback_data",
];

/// Every string in one message's body: its text, an interactive message's body and button titles.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => (o.iter())
            .filter(|(k, _)| !ENVELOPE.contains(&k.as_str()))
            .for_each(|(_, x)| strings(x, out)),
        _ => {}
    }
}

/// What reached the shopper's phone, one entry per message (its words, buttons included).
pub fn received(app: &TestApp, phone: &str) -> Vec<String> {
    (app.sandbox.sent_to(phone).iter())
        .map(|m| {
            let mut words = Vec::new();
            strings(&m.body, &mut words);
            words.join("\n")
        })
        .collect()
}

/// What reached the phone once every message the desk queued for the shopper has been delivered.
pub async fn settled(app: &TestApp, phone: &str) -> Vec<String> {
    eventually(30, "the desk's messages at the shopper's phone", || async {
        let queued = app.outbound_of(phone).await.len();
        let got = app.sandbox.sent_to(phone).len();
        (queued > 0 && queued == got).then(|| received(app, phone))
    })
    .await
}

/// What reached the phone once a message containing `words` is among it.
pub async fn received_with(app: &TestApp, phone: &str, words: &str) -> Vec<String> {
    let what = format!("a message saying {words:?}");
    eventually(30, &what, || async {
        let got = received(app, phone);
        got.iter().any(|m| m.contains(words)).then_some(got)
    })
    .await
}

/// The remedies the draft lists (allowed or not), by type.
pub fn remedies(draft: &Value) -> Vec<String> {
    (draft["options"].as_array().into_iter().flatten())
        .map(|o| o["remedy"]["type"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The order as the desk holds it on the case.
pub fn order(case: &Value) -> &Value {
    &case["order"]["order"]
}

/// The order's parcel's newest checkpoint of `status` (any status when `None`).
pub fn newest_checkpoint<'a>(case: &'a Value, status: Option<&str>) -> &'a Value {
    let checkpoints = order(case)["shipments"][0]["checkpoints"]
        .as_array()
        .unwrap();
    (checkpoints.iter())
        .filter(|c| status.is_none_or(|s| c["status"] == s))
        .max_by_key(|c| c["at"].as_str().and_then(at).unwrap_or_default())
        .unwrap_or_else(|| panic!("a {status:?} checkpoint on {case:#}"))
}

fn at(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// The date part of an RFC 3339 time in the order ("2030-03-14T10:00:00Z" → 14 March 2030).
pub fn order_date(v: &Value) -> NaiveDate {
    at(v.as_str().unwrap_or_else(|| panic!("a time: {v}")))
        .unwrap_or_else(|| panic!("a time: {v}"))
        .date_naive()
}

/// Problems found, one line each; the scene fails with all of them at once.
#[derive(Default)]
pub struct Findings(Vec<String>);

impl Findings {
    pub fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }

    /// None of `words` in any of `texts`.
    pub fn none_of(&mut self, what: &str, texts: &[String], words: &[&str]) {
        for t in texts {
            for w in words {
                self.check(!t.contains(w), || format!("{what} says {w:?}: {t}"));
            }
        }
    }

    /// The acknowledgement names the order the shopper gave, never asking for it again.
    pub fn acknowledged(&mut self, scene: &Scene, got: &[String]) {
        let ack = got.first().map_or("", String::as_str);
        let named = ack.contains(scene.order);
        self.check(named, || {
            format!("the acknowledgement does not name #{}: {ack}", scene.order)
        });
    }

    /// The draft gives the parcel's tracking link or number, to collect it or book a new delivery with.
    pub fn gives_tracking(&mut self, case: &Value, text: &str) {
        let parcel = &order(case)["shipments"][0];
        let given = [&parcel["tracking_url"], &parcel["tracking_number"]]
            .iter()
            .filter_map(|v| v.as_str())
            .any(|t| text.contains(t));
        self.check(given, || {
            format!("no tracking link or number to collect or rebook with: {text}")
        });
    }

    pub fn assert_none(self, scene: &Scene) {
        assert!(
            self.0.is_empty(),
            "#{} ({}): {}",
            scene.order,
            scene.lang,
            self.0.join("\n---\n")
        );
    }
}

/// One scene of a situation, from the order's own shopper.
pub const fn scene(
    lang: &'static str,
    order: &'static str,
    phone: &'static str,
    name: &'static str,
    says: &'static str,
) -> Scene {
    Scene {
        lang,
        order,
        phone,
        name,
        says,
    }
}

/// One `#[tokio::test]` per scene: `scenes!(check { name => (arguments); … })`; an attribute such as
/// `#[ignore = "…"]` may stand before a name.
macro_rules! scenes {
    ($check:ident { $($(#[$meta:meta])* $name:ident => ($($arg:expr),* $(,)?);)* }) => {$(
        $(#[$meta])*
        #[tokio::test]
        async fn $name() {
            $check($($arg),*).await
        }
    )*};
}
pub(crate) use scenes;

/// What the shopper received and what the draft says, printed with a failing scene's report.
pub fn show(scene: &Scene, got: &[String], draft: &Value) {
    eprintln!(
        "#{} ({}) received:\n{}",
        scene.order,
        scene.lang,
        got.join("\n---\n")
    );
    eprintln!("draft ({}): {}", draft["situation"], draft["text"]);
    eprintln!("remedies: {:?}", remedies(draft));
}
