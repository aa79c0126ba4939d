//! Several desks behind one load balancer: webhooks spread over them, a desk that refuses is passed
//! over, and the record of accepted sends says when each was accepted, to the millisecond.

use crate::world::{all, another_hook, text_body, world};
use lifeline_sandbox::ShopperMessage;

#[tokio::test]
async fn webhooks_go_to_each_desk_in_turn_and_a_refused_one_to_the_other_desk() {
    let (second, url) = another_hook("sandbox-app-secret").await;
    let w = world(|c| c.load_balanced = vec![url]).await;
    let ana = w.shopper("5511987654321", "Ana Souza");
    for text in ["Oi", "Meu pedido #1001", "não chegou", "ainda"] {
        w.sb.shopper_says(&ana, ShopperMessage::Text(text.into()))
            .await;
        w.wait_for("the webhook", |_| {
            (w.sb.pending_webhooks() == 0).then_some(())
        })
        .await;
    }
    let first = all(&w.received(), "messages").len();
    let other = all(&second.got.lock().unwrap(), "messages").len();
    assert_eq!(
        (first, other),
        (2, 2),
        "each desk gets every other delivery"
    );
    assert!(second.got.lock().unwrap().iter().all(|r| r.signature_ok));

    // The next delivery is the first desk's turn; it refuses, and the retry goes to the second.
    w.hook.script.lock().unwrap().push_back(503);
    let wamid =
        w.sb.shopper_says(&ana, ShopperMessage::Text("alô?".into()))
            .await;
    w.wait_for("the retry at the second desk", |_| {
        all(&second.got.lock().unwrap(), "messages")
            .iter()
            .any(|m| m["id"] == wamid.as_str())
            .then_some(())
    })
    .await;
    assert_eq!(all(&w.received(), "messages").len(), 3, "the refused POST");
}

#[tokio::test]
async fn the_record_of_sends_gives_each_its_millisecond_in_the_order_accepted() {
    let w = world(|_| {}).await;
    let ana = w.shopper("5511987654321", "Ana Souza");
    w.sb.shopper_says(&ana, ShopperMessage::Text("Oi".into()))
        .await;
    let before = chrono_ms();
    for text in ["one", "two"] {
        let (status, body) = w.send(&text_body("5511987654321", text)).await;
        assert_eq!(status, 200, "{body}");
    }
    let sent = w.get_json("/sandbox/api/sent").await;
    let sent = sent["sent"].as_array().unwrap();
    let texts: Vec<&str> = sent
        .iter()
        .map(|s| s["body"]["text"]["body"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["one", "two"]);
    let at: Vec<i64> = sent.iter().map(|s| s["at_ms"].as_i64().unwrap()).collect();
    assert!(
        at[0] >= before - 1 && at[0] <= at[1],
        "{at:?} from {before}"
    );
    assert_eq!(sent[0]["to"], "5511987654321");
    assert_eq!(sent[0]["phone_number_id"], w.number.phone_number_id);
}

fn chrono_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}
