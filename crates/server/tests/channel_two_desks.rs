//! Two desks on one PostgreSQL behind a load balancer, as a retailer runs Lifeline when one machine is not
//! enough: the real `lifeline` binary twice, the simulator delivering webhooks to each desk in turn, one
//! desk killed with SIGKILL twice in the middle and started again at once (as a crash or a rolling
//! restart does: both desks are back for the follow-ups and taps that come after, where two live desks
//! are the risk). What the shoppers saw must be what one desk would have done: each answered once, from
//! their first message; the number paced as one; each follow-up once; each button tap carried out once.
//!
//! Runs only when `LIFELINE_TEST_POSTGRES_URL` names a server (a fresh database per run).

mod common;

use std::time::Duration;

use common::{
    app::eventually,
    db::{tempdir, TestDb},
    desks::{
        busiest_second, carried_out, cases_of, count_events, follow_ups, texts_to, warnings, within,
    },
    process::{shopper, simulator_with, Desk},
};
use lifeline_commerce::fakes::FakeShopify;
use lifeline_sandbox::{Sandbox, Shopper, ShopperMessage};
use serde_json::json;

/// The number's throughput on both desks: low, so that two unshared buckets would show at once.
const RATE: usize = 3;
const SHOPIFY_TOKEN: &str = "shpat_two_desks";

/// Demo shoppers and their order in the demo shop. The first five wait for a parcel silent for 8 to 10 days:
/// each is owed one carrier chase (Lena's is held by customs: not chased). The first two will tap a remedy.
const SHOPPERS: [(&str, &str, &str); 12] = [
    ("5511987654321", "Ana Souza", "1001"),
    ("33622345678", "Lucas Bernard", "1018"),
    ("6281331234567", "Budi Santoso", "1033"),
    ("31622345678", "Sem Jansen", "1038"),
    ("4915712345678", "Paul Wagner", "1042"),
    ("4915212345678", "Lena Fischer", "1023"),
    ("5531991234567", "Marcos Lima", "1003"),
    ("5581998765432", "Júlia Rocha", "1004"),
    ("5215512345678", "Carlos Ramírez", "1007"),
    ("34612345678", "Lucía García", "1012"),
    ("33612345678", "Camille Martin", "1017"),
    ("393471234567", "Giulia Rossi", "1027"),
];
const STALLED: usize = 5;
const TAPPERS: usize = 2;

/// What each shopper writes, in this order; only the first names the order.
fn says(order: &str) -> [String; 3] {
    [
        format!("Oi, meu pedido #{order} não chegou, o rastreio está parado"),
        "Alguém pode me ajudar?".into(),
        "Ainda estou esperando uma resposta".into(),
    ]
}

/// Both desks, the simulator in front of them, and the shop they share.
struct TwoDesks {
    a: Desk,
    b: Desk,
    sandbox: Sandbox,
    shop: FakeShopify,
    shoppers: Vec<Shopper>,
    _db: TestDb,
    _parcels: tempdir::Dir,
}

impl TwoDesks {
    async fn start(db: TestDb) -> TwoDesks {
        let shop = FakeShopify::start(SHOPIFY_TOKEN, lifeline_commerce::demo_store().orders())
            .await
            .unwrap();
        let parcels = tempdir::Dir::new();
        let tracking = parcels.0.join("parcels.json");
        std::fs::write(&tracking, lifeline_commerce::DEMO_ORDERS).unwrap();
        let (mut a, mut b) = (Desk::new(), Desk::new());
        let b_hook = format!("{}/webhooks/whatsapp", b.url());
        let (sandbox, graph) = simulator_with(&a, |c| c.load_balanced = vec![b_hook]).await;
        for desk in [&mut a, &mut b] {
            desk.database_url = Some(db.url.clone());
            desk.sending = format!("throughput_mps = {RATE}\nsettle_window = \"3s\"");
            desk.extra = shared_sections(&shop.base_url(), &tracking);
            desk.configure(&graph);
        }
        // One after the other: the first desk migrates the fresh database alone.
        a.start(&[]).await;
        b.start(&[]).await;
        let shoppers = SHOPPERS.iter().map(|(w, n, _)| shopper(w, n)).collect();
        TwoDesks {
            a,
            b,
            sandbox,
            shop,
            shoppers,
            _db: db,
            _parcels: parcels,
        }
    }

    /// Each shopper's messages go out one round at a time, the next only once the last was delivered:
    /// the desks knew of each message before the next one existed. Desk B dies after the first round
    /// and comes back after the second.
    async fn converse(&mut self) {
        for round in 0..3 {
            for (s, (_, _, order)) in self.shoppers.iter().zip(SHOPPERS) {
                let text = says(order)[round].clone();
                self.sandbox
                    .shopper_says(s, ShopperMessage::Text(text))
                    .await;
            }
            delivered(&self.sandbox).await;
            match round {
                0 => self.b.kill_9(),
                1 => self.b.start(&[]).await,
                _ => {}
            }
        }
    }

    /// Waits for what every shopper is owed before the taps: an answer, and the chase of a stalled parcel.
    async fn answered_and_chased(&self, problems: &mut Vec<String>) {
        let acked = within(60, || async {
            let all = self
                .shoppers
                .iter()
                .all(|s| !self.sandbox.sent_to(&s.wa_id).is_empty());
            all.then_some(())
        })
        .await;
        if acked.is_none() {
            problems.push("not every shopper was answered within 60 s".to_string());
        }
        let chased = within(60, || async {
            let mut all = true;
            for (s, _, _) in SHOPPERS.iter().take(STALLED) {
                all &= follow_ups(&self.a, s)
                    .await
                    .iter()
                    .any(|r| r == "stalled_chase_carrier");
            }
            all.then_some(())
        })
        .await;
        if chased.is_none() {
            problems.push("the stalled parcels were not all chased within 60 s".to_string());
        }
    }

    /// Two shoppers are offered remedies and tap one; desk B is killed as the taps arrive and started
    /// again. Returns (wa_id, order, remedy) of each tap, once it was carried out.
    async fn taps(
        &mut self,
        problems: &mut Vec<String>,
    ) -> Vec<(&'static str, &'static str, String)> {
        let mut offered = Vec::new();
        for (s, (wa_id, _, order)) in self.shoppers.iter().zip(SHOPPERS).take(TAPPERS) {
            match offer_and_tap(&self.a, &self.sandbox, s).await {
                Ok(remedy) => offered.push((wa_id, order, remedy)),
                Err(why) => problems.push(format!("{wa_id}: {why}")),
            }
        }
        delivered(&self.sandbox).await;
        self.b.kill_9();
        self.b.start(&[]).await;
        for (wa_id, order, remedy) in &offered {
            let done = within(30, || async {
                (carried_out(&self.a, wa_id, remedy).await > 0).then_some(())
            })
            .await;
            if done.is_none() {
                problems.push(format!(
                    "{wa_id}: the {remedy} tapped for #{order} was not carried out within 30 s"
                ));
            }
        }
        offered
    }
}

#[tokio::test]
async fn two_desks_on_one_database_answer_pace_follow_up_and_carry_out_taps_once() {
    let Some(db) = common::db::postgres().await else {
        eprintln!("LIFELINE_TEST_POSTGRES_URL is not set: two desks need PostgreSQL; skipped");
        return;
    };
    let mut t = TwoDesks::start(db).await;
    t.converse().await;
    let mut problems = Vec::new();
    t.answered_and_chased(&mut problems).await;
    let tapped = t.taps(&mut problems).await;
    // Observe a while past the 2 s lease, the 1 s tracking re-check and many 200 ms follow-up sweeps: a
    // second send of anything would arrive in this window.
    tokio::time::sleep(Duration::from_secs(4)).await;

    for (i, (s, (_, _, order))) in t.shoppers.iter().zip(SHOPPERS).enumerate() {
        answered_once(&t, s, order, &mut problems).await;
        followed_up_once(&t.a, &s.wa_id, i < STALLED, &mut problems).await;
    }
    for (wa_id, order, remedy) in &tapped {
        carried_out_once(&t, wa_id, order, remedy, &mut problems).await;
    }
    let busiest = busiest_second(&t.sandbox, &t.shoppers);
    let sends: usize = t
        .shoppers
        .iter()
        .map(|s| t.sandbox.sent_to(&s.wa_id).len())
        .sum();
    eprintln!(
        "{sends} sends to {} shoppers, at most {busiest} within one second",
        t.shoppers.len()
    );
    if busiest > 2 * RATE {
        problems.push(format!(
            "{busiest} sends within one second; one bucket of {RATE}/s allows {}",
            2 * RATE
        ));
    }
    assert!(
        problems.is_empty(),
        "{} of what the shoppers saw is wrong:\n  {}\n--- desk A ---\n{}\n--- desk B ---\n{}",
        problems.len(),
        problems.join("\n  "),
        warnings(&t.a),
        warnings(&t.b)
    );
}

/// The shop, the parcel tracker and the follow-up rhythm both desks share: Shopify (a fake on
/// loopback), a tracking file, follow-ups checked every 200 ms with tracking re-read every second, and
/// no quiet hours (so the test does not depend on the hour).
fn shared_sections(shop: &str, parcels: &std::path::Path) -> String {
    format!(
        r#"[[stores]]
name = "acme"
kind = "shopify"
shop = "acme"
access_token = "{SHOPIFY_TOKEN}"
api_base = "{shop}"

[tracking]
kind = "file"
path = "{parcels}"

[desk]
followup_every = "200ms"

[desk.quiet_hours]
start = "00:00"
end = "00:00"

[desk.followup]
tracking_recheck = "1s"
"#,
        parcels = parcels.display()
    )
}

/// Waits until the simulator has delivered every webhook it queued (to one desk or the other).
async fn delivered(sandbox: &Sandbox) {
    eventually(30, "the webhooks delivered", || async {
        (sandbox.pending_webhooks() == 0).then_some(())
    })
    .await;
}

/// Answered once, from the first message: one case, acknowledged once, the first thing the shopper read
/// names their order; and nothing reached them twice.
async fn answered_once(t: &TwoDesks, s: &Shopper, order: &str, problems: &mut Vec<String>) {
    let texts = texts_to(&t.sandbox, &s.wa_id);
    let who = &s.wa_id;
    match texts.first() {
        Some(first) if first.contains(order) => {}
        Some(first) => problems.push(format!(
            "{who}: first reply not from the first message: {first:?}"
        )),
        None => problems.push(format!("{who}: never answered")),
    }
    for (i, text) in texts.iter().enumerate() {
        if texts[..i].contains(text) {
            problems.push(format!("{who}: told twice: {text:?}"));
        }
    }
    let cases = cases_of(&t.a, who).await.len();
    let acks = count_events(&t.a, who, "acknowledged").await;
    if cases != 1 || acks != 1 {
        problems.push(format!("{who}: {cases} cases, acknowledged {acks} times"));
    }
}

/// A stalled parcel is chased once; any other follow-up is sent at most once.
async fn followed_up_once(desk: &Desk, wa_id: &str, stalled: bool, problems: &mut Vec<String>) {
    let reasons = follow_ups(desk, wa_id).await;
    let chases = reasons
        .iter()
        .filter(|r| *r == "stalled_chase_carrier")
        .count();
    if chases != usize::from(stalled) {
        problems.push(format!(
            "{wa_id}: {chases} carrier chases, {} owed ({reasons:?})",
            u8::from(stalled)
        ));
    }
    for (i, r) in reasons.iter().enumerate() {
        if r != "stalled_chase_carrier" && reasons[..i].contains(r) {
            problems.push(format!("{wa_id}: follow-up {r} sent twice"));
        }
    }
}

/// The tapped remedy was done once in the desk's record, and a replacement placed once in the shop.
async fn carried_out_once(
    t: &TwoDesks,
    wa_id: &str,
    order: &str,
    remedy: &str,
    problems: &mut Vec<String>,
) {
    let tag = format!("replaces-{order}");
    let placed = t
        .shop
        .draft_orders()
        .iter()
        .filter(|d| {
            d["tags"]
                .as_array()
                .is_some_and(|tags| tags.iter().any(|x| *x == tag.as_str()))
        })
        .count();
    if remedy == "replacement" && placed != 1 {
        problems.push(format!(
            "{wa_id}: {placed} replacement orders for #{order} in the shop"
        ));
    }
    let done = carried_out(&t.a, wa_id, remedy).await;
    if done != 1 {
        problems.push(format!(
            "{wa_id}: the tapped {remedy} carried out {done} times"
        ));
    }
}

/// A supervisor sends the draft with its remedy buttons; the shopper taps the replacement (or the
/// first remedy offered). Returns the remedy's type.
async fn offer_and_tap(desk: &Desk, sandbox: &Sandbox, s: &Shopper) -> Result<String, String> {
    let case = cases_of(desk, &s.wa_id)
        .await
        .into_iter()
        .next()
        .ok_or("no case")?;
    let id = case["id"].as_i64().ok_or("no case id")?;
    let draft = desk
        .api(&format!("/cases/{id}/draft?role=supervisor"))
        .await;
    let buttons = draft["buttons"].as_array().cloned().unwrap_or_default();
    let pick = buttons
        .iter()
        .find(|b| b["remedy"]["type"] == "replacement")
        .or(buttons.first())
        .ok_or_else(|| format!("the draft offers no remedy: {draft}"))?
        .clone();
    let (status, body) = desk
        .api_post(
            &format!("/cases/{id}/reply"),
            json!({"text": draft["text"], "options": buttons, "gestures": draft["gestures"],
                   "actor": "sara", "role": "supervisor"}),
        )
        .await;
    if status != 202 {
        return Err(format!("the reply was refused ({status}): {body}"));
    }
    let offer = within(30, || async {
        sandbox
            .sent_to(&s.wa_id)
            .into_iter()
            .find(|m| m.body["type"] == "interactive")
    })
    .await
    .ok_or("the buttons never reached the phone")?;
    let sent = offer.body["interactive"]["action"]["buttons"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let tap = sent
        .iter()
        .find(|b| b["reply"]["title"] == pick["title"])
        .ok_or("the picked button is not on the phone")?;
    let title = tap["reply"]["title"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let button = tap["reply"]["id"].as_str().unwrap_or_default().to_string();
    let tapped = ShopperMessage::ButtonReply {
        id: button,
        title,
        context_wamid: offer.wamid.clone(),
    };
    sandbox.shopper_says(s, tapped).await;
    Ok(pick["remedy"]["type"]
        .as_str()
        .unwrap_or("remedy")
        .to_string())
}
