use std::time::Duration;

use lifeline_sandbox::ShopperMessage;
use reqwest::multipart::{Form, Part};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::world::{all, world, World};

const PNG: &[u8] = include_bytes!("../../assets/sample-parcel.png");

async fn upload(w: &World, bytes: &[u8], mime: &str, declared: &str) -> (u16, Value) {
    let part = Part::bytes(bytes.to_vec())
        .file_name("photo.png")
        .mime_str(mime)
        .unwrap();
    let form = Form::new()
        .text("messaging_product", "whatsapp")
        .text("type", declared.to_string())
        .part("file", part);
    let url = format!("{}/graph/v23.0/{}/media", w.base, w.number.phone_number_id);
    let resp = w
        .http
        .post(url)
        .bearer_auth(&w.number.access_token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    (
        resp.status().as_u16(),
        resp.json().await.unwrap_or(Value::Null),
    )
}

async fn info(w: &World, id: &str) -> (u16, Value) {
    let url = format!("{}/graph/v23.0/{id}", w.base);
    let resp = w
        .http
        .get(url)
        .bearer_auth(&w.number.access_token)
        .send()
        .await
        .unwrap();
    (
        resp.status().as_u16(),
        resp.json().await.unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn media_uploads_downloads_with_the_token_and_its_url_expires() {
    let w = world(|c| c.media_url_ttl = Duration::from_millis(400)).await;
    let (status, body) = upload(&w, PNG, "image/png", "image/png").await;
    assert_eq!(status, 200, "{body}");
    let id = body["id"].as_str().unwrap().to_string();

    let (status, meta) = info(&w, &id).await;
    assert_eq!(status, 200, "{meta}");
    assert_eq!(meta["mime_type"], "image/png");
    assert_eq!(meta["messaging_product"], "whatsapp");
    assert_eq!(meta["file_size"], PNG.len());
    assert_eq!(meta["sha256"], hex::encode(Sha256::digest(PNG)));
    let url = meta["url"].as_str().unwrap().to_string();

    let anonymous = w.http.get(&url).send().await.unwrap();
    assert_eq!(
        anonymous.status().as_u16(),
        401,
        "the download needs the Bearer token"
    );
    let got = w
        .http
        .get(&url)
        .bearer_auth(&w.number.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(got.status().as_u16(), 200);
    assert_eq!(got.bytes().await.unwrap().as_ref(), PNG);

    tokio::time::sleep(Duration::from_millis(450)).await;
    let expired = w
        .http
        .get(&url)
        .bearer_auth(&w.number.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        expired.status().as_u16(),
        404,
        "the URL lives media_url_ttl"
    );
    let fresh = info(&w, &id).await.1["url"].as_str().unwrap().to_string();
    let again = w
        .http
        .get(&fresh)
        .bearer_auth(&w.number.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 200, "a fresh URL works again");

    let del = w
        .http
        .delete(format!("{}/graph/v23.0/{id}", w.base))
        .bearer_auth(&w.number.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        del.json::<Value>().await.unwrap(),
        serde_json::json!({"success": true})
    );
    assert_eq!(info(&w, &id).await.0, 400);
}

#[tokio::test]
async fn unsupported_or_mismatched_media_is_refused_with_131053() {
    let w = world(|_| {}).await;
    let (status, body) = upload(&w, b"GIF89a....", "image/gif", "image/gif").await;
    assert_eq!(
        (status, body["error"]["code"].as_i64()),
        (400, Some(131053)),
        "{body}"
    );
    let (_, body) = upload(&w, b"not a png at all", "image/png", "image/png").await;
    assert_eq!(body["error"]["code"], 131053);
    let (_, body) = upload(&w, PNG, "image/png", "audio/ogg").await;
    assert_eq!(body["error"]["code"], 131053);
    let big = [PNG, &vec![0u8; 5 * 1024 * 1024]].concat();
    let (_, body) = upload(&w, &big, "image/png", "image/png").await;
    assert_eq!(body["error"]["code"], 131053);
}

#[tokio::test]
async fn a_shoppers_photo_is_retrievable_like_metas() {
    let w = world(|_| {}).await;
    let ana = w.shopper("5511987654321", "Ana");
    let caption = "chegou assim 😢".to_string();
    w.sb.shopper_says(
        &ana,
        ShopperMessage::Image {
            bytes: PNG.to_vec(),
            mime: "image/png".into(),
            caption: Some(caption.clone()),
        },
    )
    .await;
    let msg = w
        .wait_for("image", |g| all(g, "messages").first().cloned())
        .await;
    assert_eq!(msg["type"], "image");
    assert_eq!(msg["image"]["caption"], caption);
    use base64::Engine;
    assert_eq!(
        msg["image"]["sha256"],
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(PNG))
    );
    let id = msg["image"]["id"].as_str().unwrap();
    let url = info(&w, id).await.1["url"].as_str().unwrap().to_string();
    let got = w
        .http
        .get(&url)
        .bearer_auth(&w.number.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(got.bytes().await.unwrap().as_ref(), PNG);

    w.sb.shopper_says(
        &ana,
        ShopperMessage::Voice {
            bytes: b"OggS-voice".to_vec(),
        },
    )
    .await;
    let voice = w
        .wait_for("voice", |g| all(g, "messages").get(1).cloned())
        .await;
    assert_eq!(voice["audio"]["voice"], true);
    assert_eq!(voice["audio"]["mime_type"], "audio/ogg; codecs=opus");
}
