//! The REST API as documented: every operation in /api/openapi.json exists; canned replies, uploads, read.

mod common;

use common::app::{eventually, spawn_app_with};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::{json, Value};

#[tokio::test]
async fn every_documented_operation_is_served() {
    let app = common::app::spawn_app().await;
    let spec: Value = app
        .http
        .get(format!("{}/api/openapi.json", app.desk))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(spec["openapi"], "3.1.0");
    let paths = spec["paths"].as_object().unwrap();
    assert!(paths.len() >= 25, "{} paths", paths.len());
    for (path, ops) in paths {
        for method in ops.as_object().unwrap().keys() {
            let url = format!(
                "{}{}",
                app.desk,
                path.replace("{id}", "999999")
                    .replace("{shortcut}", "hello")
            );
            let req = match method.as_str() {
                "get" => app.http.get(&url),
                "post" => app.http.post(&url).json(&json!({})),
                "patch" => app.http.patch(&url).json(&json!({})),
                "delete" => app.http.delete(&url),
                other => panic!("unexpected method {other}"),
            };
            let r = req.bearer_auth(&app.token).send().await.unwrap();
            let status = r.status().as_u16();
            let body = r.text().await.unwrap_or_default();
            assert_ne!(status, 405, "{method} {path} is documented but not routed");
            let unknown_route = status == 404 && !body.contains("error");
            assert!(
                !unknown_route,
                "{method} {path} is documented but not routed"
            );
        }
    }
}

#[tokio::test]
async fn a_canned_reply_is_filled_for_the_case_in_the_shoppers_language() {
    let app = spawn_app_with(common::db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await;
    let (s, _) = app.api_post("/canned-replies", json!({"shortcut": "/rastreio", "language": "pt", "text": "Oi {name}! Seu pedido {order} pode ser acompanhado aqui: {tracking_link}"})).await;
    assert_eq!(s, 201);
    let (s, _) = app.api_post("/canned-replies", json!({"shortcut": "rastreio", "language": "en", "text": "Hi {name}, track order {order} here: {tracking_link}"})).await;
    assert_eq!(s, 201);
    let (s, bad) = app
        .api_post(
            "/canned-replies",
            json!({"shortcut": "two words", "language": "en", "text": "x"}),
        )
        .await;
    assert_eq!(s, 422, "{bad}");
    let ana = Shopper {
        wa_id: "5511987654321".into(),
        name: "Ana Souza".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    app.sandbox
        .shopper_says(
            &ana,
            ShopperMessage::Text("Oi, cadê o pedido #1001?".into()),
        )
        .await;
    let id = eventually(10, "the case with its order", || async {
        let cases = app.api("/cases").await["cases"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let id = cases.first()?["id"].as_i64()?;
        app.api(&format!("/cases/{id}")).await["order"]
            .is_object()
            .then_some(id)
    })
    .await;
    let filled = app.api(&format!("/cases/{id}/canned/rastreio")).await;
    assert_eq!(filled["language"], "pt");
    let text = filled["text"].as_str().unwrap();
    assert!(
        text.contains("Ana") && text.contains("1001") && text.contains("LP00007926919BR"),
        "{text}"
    );
    assert!(!text.contains('{'), "{text}");
}

#[tokio::test]
async fn a_local_file_is_uploaded_for_sending_and_the_chat_is_marked_read() {
    let app = common::app::spawn_app().await;
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(pdf)
            .file_name("invoice-1001.pdf")
            .mime_str("application/pdf")
            .unwrap(),
    );
    let r = app
        .http
        .post(format!(
            "{}/api/v1/numbers/{}/media",
            app.desk,
            app.number_id()
        ))
        .bearer_auth(&app.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let uploaded: Value = r.json().await.unwrap();
    assert_eq!(uploaded["kind"], "document");
    let media_id = uploaded["id"].as_str().unwrap().to_string();

    let ana = Shopper {
        wa_id: "5511900000010".into(),
        name: "Ana".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    app.sandbox
        .shopper_says(
            &ana,
            ShopperMessage::Text("pode mandar a nota fiscal?".into()),
        )
        .await;
    let conv = eventually(5, "the conversation", || async {
        app.conversations()
            .await
            .first()
            .and_then(|c| c["id"].as_i64())
    })
    .await;
    let (s, body) = app
        .api_post(&format!("/conversations/{conv}/messages"), json!({"message": {"type": "media", "kind": "document", "id": media_id, "filename": "invoice-1001.pdf", "caption": "Sua nota fiscal"}}))
        .await;
    assert_eq!(s, 202, "{body}");
    let doc = eventually(5, "the document at the phone", || async {
        app.sandbox
            .sent_to("5511900000010")
            .into_iter()
            .find(|m| m.body["type"] == "document")
    })
    .await;
    assert_eq!(doc.body["document"]["id"], media_id.as_str());
    let (s, read) = app
        .api_post(&format!("/conversations/{conv}/read"), json!({}))
        .await;
    assert_eq!(s, 200, "{read}");

    let exe = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(vec![0u8; 10])
            .file_name("x.exe")
            .mime_str("application/x-msdownload")
            .unwrap(),
    );
    let r = app
        .http
        .post(format!(
            "{}/api/v1/numbers/{}/media",
            app.desk,
            app.number_id()
        ))
        .bearer_auth(&app.token)
        .multipart(exe)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422, "WhatsApp does not take executables");
}
