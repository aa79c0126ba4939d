//! What Meta may send that a database refuses: a NUL character in a text, a name, an error or a receipt is
//! stored and shown on both databases, and a delivery the database refuses for good is kept as a dead
//! letter, answered 200, and never fails the deliveries written in the same group commit.

mod common;

use common::{
    app::{
        envelope, eventually, now_s, quiet_desk_on, spawn_app_with, status_value, text_value,
        Signature,
    },
    db::{self, TestDb},
};
use lifeline_sandbox::{Shopper, ShopperMessage};
use lifeline_server::store::{Delivery, IngestOutcome, NewInbound, NotStored, Store};
use serde_json::{json, Value};
use sqlx::{Connection, Executor};

/// The text of the one message a test makes the database refuse.
const REFUSED_TEXT: &str = "the database refuses this row";

/// Makes the database refuse every inbound message whose text is [`REFUSED_TEXT`], the way PostgreSQL
/// refused a NUL (SQLSTATE 22021): a fault of one row that no change of the desk removes.
async fn refuse_one_text(db: &TestDb) {
    if db.label == "postgres" {
        let mut c = sqlx::PgConnection::connect(&db.url).await.unwrap();
        let sql = format!(
            "CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             IF NEW.body = '{REFUSED_TEXT}' THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '22021'; \
             END IF; RETURN NEW; END $$; \
             CREATE TRIGGER refuse_row BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_row();"
        );
        c.execute(sql.as_str()).await.unwrap();
    } else {
        let mut c = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
        let sql = format!(
            "CREATE TRIGGER refuse_row BEFORE INSERT ON messages WHEN NEW.body = '{REFUSED_TEXT}' \
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
        );
        c.execute(sql.as_str()).await.unwrap();
    }
}

async fn a_nul_in_a_text_a_name_an_error_and_a_receipt_is_stored_and_shown(db: TestDb) {
    let label = db.label;
    let app = spawn_app_with(db, |_, _| {}).await;
    let shopper = "5511900000101";
    // Through the simulator, as Meta would send it, so the acknowledgement is accepted and delivered.
    let ana = Shopper {
        wa_id: shopper.into(),
        name: "Ana\0Souza".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    app.sandbox
        .shopper_says(&ana, ShopperMessage::Text("cadê\0 meu pedido?".into()))
        .await;
    let account_error = envelope(
        &app.number_id(),
        vec![
            json!({"errors": [{"code": 131000, "title": "Some\0thing went wrong", "message": "x",
            "error_data": {"details": "de\0tails"}}]}),
        ],
    );
    let answer = app.post_webhook(&account_error, Signature::Good).await;
    assert_eq!(answer.status(), 200, "{label}: a NUL is valid JSON");
    let inbound = eventually(10, "the message with a NUL", || async {
        app.inbound_of(shopper).await.into_iter().next()
    })
    .await;
    assert_eq!(inbound["text"], "cadê\u{FFFD} meu pedido?", "{label}");
    assert_eq!(
        inbound["raw"]["text"]["body"], "cadê\0 meu pedido?",
        "{label}: the raw message keeps exactly what Meta sent"
    );
    let conversation = app.wait_conversation(shopper).await;
    let name = eventually(10, "the shopper's name", || async {
        let c = app.api(&format!("/conversations/{conversation}")).await;
        c["contact"]["name"].as_str().map(String::from)
    })
    .await;
    assert_eq!(name, "Ana\u{FFFD}Souza", "{label}");
    let errors = app.api("/webhook-errors").await.to_string();
    assert!(
        errors.contains("Some\u{FFFD}thing went wrong") && errors.contains("de\u{FFFD}tails"),
        "{label}: {errors}"
    );
    // Meta's reason for a failure may carry a NUL too: the agent still sees the failure and why.
    let ack = eventually(10, "the acknowledgement's wamid", || async {
        let out = app.outbound_of(shopper).await;
        out.iter()
            .find_map(|m| m["wamid"].as_str().map(String::from))
    })
    .await;
    let receipt = envelope(
        &app.number_id(),
        vec![status_value(
            &ack,
            "failed",
            now_s(),
            shopper,
            Some((131026, "no\0phone")),
        )],
    );
    assert_eq!(
        app.post_webhook(&receipt, Signature::Good).await.status(),
        200,
        "{label}"
    );
    let failed: Value = eventually(10, "the acknowledgement's failure", || async {
        let out = app.outbound_of(shopper).await;
        out.into_iter().find(|m| m["status"] == "failed")
    })
    .await;
    assert_eq!(failed["error"]["code"], 131026, "{label}");
    let reason = failed["error"]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("no\u{FFFD}phone"), "{label}: {reason}");
}

#[tokio::test]
async fn a_nul_in_a_text_a_name_an_error_and_a_receipt_is_stored_and_shown_on_sqlite() {
    a_nul_in_a_text_a_name_an_error_and_a_receipt_is_stored_and_shown(db::sqlite()).await;
}

#[tokio::test]
async fn a_nul_in_a_text_a_name_an_error_and_a_receipt_is_stored_and_shown_on_postgres() {
    if let Some(pg) = db::postgres().await {
        a_nul_in_a_text_a_name_an_error_and_a_receipt_is_stored_and_shown(pg).await;
    }
}

/// How many webhooks arrive at once, and which one the database refuses.
const AT_ONCE: usize = 40;
const REFUSED: usize = 17;

fn group_shopper(i: usize) -> String {
    format!("55119002{i:05}")
}

fn group_text(i: usize) -> String {
    match i {
        REFUSED => REFUSED_TEXT.to_string(),
        i if i.is_multiple_of(4) => format!("pedido\0{i}"),
        i => format!("pedido {i}"),
    }
}

async fn a_refused_webhook_is_kept_as_a_dead_letter_and_the_others_arriving_with_it_are_stored(
    db: TestDb,
) {
    let label = db.label;
    let app = quiet_desk_on(db, |_, _| {}).await;
    refuse_one_text(&app.db).await;
    let bodies: Vec<Vec<u8>> = (0..AT_ONCE)
        .map(|i| {
            let value = text_value(
                &group_shopper(i),
                "Shopper",
                &format!("wamid.GROUP{i}"),
                &group_text(i),
                now_s(),
            );
            envelope(&app.number_id(), vec![value])
        })
        .collect();
    // All at once: while one group is written, the others queue for the next.
    let answers =
        futures::future::join_all(bodies.iter().map(|b| app.post_webhook(b, Signature::Good)))
            .await;
    let statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    assert!(
        statuses.iter().all(|s| *s == 200),
        "{label}: every delivery is answered 200, so Meta's queue flows: {statuses:?}"
    );
    let letters = app.api("/dead-letters").await;
    let kept: Vec<&Value> = letters["dead_letters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| {
            l["body"]
                .as_str()
                .is_some_and(|b| b.contains(&format!("\"wamid.GROUP{REFUSED}\"")))
        })
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "{label}: the refused delivery is kept whole: {letters}"
    );
    for i in (0..AT_ONCE).filter(|i| *i != REFUSED) {
        let inbound = eventually(10, &format!("{label}: message {i}"), || async {
            app.inbound_of(&group_shopper(i)).await.into_iter().next()
        })
        .await;
        assert_eq!(
            inbound["text"],
            group_text(i).replace('\0', "\u{FFFD}"),
            "{label}"
        );
    }
    assert_eq!(
        app.conversation_id(&group_shopper(REFUSED)).await,
        None,
        "{label}"
    );
}

#[tokio::test]
async fn a_refused_webhook_is_kept_as_a_dead_letter_and_the_others_arriving_with_it_are_stored_on_sqlite(
) {
    a_refused_webhook_is_kept_as_a_dead_letter_and_the_others_arriving_with_it_are_stored(
        db::sqlite(),
    )
    .await;
}

#[tokio::test]
async fn a_refused_webhook_is_kept_as_a_dead_letter_and_the_others_arriving_with_it_are_stored_on_postgres(
) {
    if let Some(pg) = db::postgres().await {
        a_refused_webhook_is_kept_as_a_dead_letter_and_the_others_arriving_with_it_are_stored(pg)
            .await;
    }
}

fn one_message(wamid: &str, text: &str) -> Delivery {
    Delivery {
        messages: vec![NewInbound {
            phone_number_id: "200".into(),
            contact_key: "5511".into(),
            wamid: wamid.into(),
            msg_type: "text".into(),
            body: Some(text.into()),
            raw_json: "{}".into(),
            sent_at: 1000,
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// The group commit itself, without HTTP's timing: three deliveries in one call, the middle one refused.
#[tokio::test]
async fn a_delivery_the_database_refuses_fails_alone_and_the_rest_of_its_group_is_stored() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        refuse_one_text(&db).await;
        let results = store
            .record_webhooks(vec![
                one_message("wamid.G1", "oi"),
                one_message("wamid.G2", REFUSED_TEXT),
                one_message("wamid.G3", "ol\0á"),
            ])
            .await;
        let stored =
            |r: &Result<IngestOutcome, NotStored>| r.as_ref().ok().map(|o| o.new_messages.len());
        assert_eq!(stored(&results[0]), Some(1), "{}", db.label);
        assert!(
            matches!(results[1], Err(NotStored::Refused(_))),
            "{}: {:?}",
            db.label,
            results[1]
        );
        assert_eq!(stored(&results[2]), Some(1), "{}", db.label);
        let bodies: Vec<Option<String>> = store
            .pending_inbound(-1_000_000, 10)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.body)
            .collect();
        assert_eq!(
            bodies,
            [Some("oi".to_string()), Some("ol\u{FFFD}á".to_string())],
            "{}",
            db.label
        );
    }
}
