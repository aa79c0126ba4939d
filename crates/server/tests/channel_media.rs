//! The WhatsApp channel, media: what shoppers send is downloaded, checked against its sha256 and kept
//! under the data dir; failures are retried and stay visible, and a redelivered webhook revives them.

mod common;

use std::sync::{
    atomic::{AtomicBool, AtomicUsize, Ordering},
    Arc,
};

use axum::{
    extract::Path,
    http::{HeaderMap, StatusCode},
    response::IntoResponse,
    routing::get,
    Json, Router,
};
use common::{
    app::{envelope, eventually, graph_error, now_s, spawn_app_with, Signature, TestApp},
    db,
};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// A small JPEG-looking file and an Ogg-looking voice note, different on every call of a test.
fn photo() -> Vec<u8> {
    let mut b = vec![0xff, 0xd8, 0xff, 0xe0];
    b.extend((0..40_000u32).map(|i| (i * 7 % 251) as u8));
    b
}

fn voice_note() -> Vec<u8> {
    let mut b = b"OggS".to_vec();
    b.extend((0..12_000u32).map(|i| (i * 13 % 241) as u8));
    b
}

/// Standard base64 with padding, the way Meta writes a file's sha256 in webhooks.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn sha_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The one inbound message of `key` once its media reached `status`.
async fn media_when(app: &TestApp, key: &str, status: &str) -> Value {
    eventually(20, &format!("{key}'s media {status}"), || async {
        let m = app.inbound_of(key).await;
        m.into_iter().find(|m| m["media"]["status"] == status)
    })
    .await
}

/// Checks the stored file: its size, the content-addressed file under the data dir, and the API download.
async fn assert_stored(app: &TestApp, m: &Value, bytes: &[u8], mime: &str) {
    assert_eq!(m["media"]["size"], bytes.len(), "{m:#}");
    let digest = sha_hex(bytes);
    let file = app
        .config
        .data_dir
        .join("media")
        .join(&digest[..2])
        .join(&digest);
    let on_disk = std::fs::read(&file)
        .unwrap_or_else(|e| panic!("{} under the data dir: {e}", file.display()));
    assert_eq!(
        sha_hex(&on_disk),
        digest,
        "the stored file is the shopper's file"
    );
    let url = m["media"]["url"].as_str().expect("a stored file has a URL");
    let r = app.get(url).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], mime);
    assert_eq!(sha_hex(&r.bytes().await.unwrap()), digest);
}

#[tokio::test]
async fn a_shoppers_photo_and_voice_note_are_downloaded_and_kept() {
    let app = spawn_app_with(db::sqlite(), |_, desk| desk.greeting.enabled = false).await;
    let shopper = Shopper {
        wa_id: "5511987650001".into(),
        name: "Ana".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    let (photo, voice) = (photo(), voice_note());
    let image = ShopperMessage::Image {
        bytes: photo.clone(),
        mime: "image/jpeg".into(),
        caption: Some("Chegou assim".into()),
    };
    app.sandbox.shopper_says(&shopper, image).await;
    app.sandbox
        .shopper_says(
            &shopper,
            ShopperMessage::Voice {
                bytes: voice.clone(),
            },
        )
        .await;
    let stored = eventually(20, "both files stored", || async {
        let m = app.inbound_of("5511987650001").await;
        (m.len() == 2 && m.iter().all(|m| m["media"]["status"] == "stored")).then_some(m)
    })
    .await;
    let picture = stored
        .iter()
        .find(|m| m["type"] == "image")
        .expect("the photo");
    assert_eq!(picture["text"], "Chegou assim");
    assert_eq!(picture["media"]["attempts"], 1);
    assert_stored(&app, picture, &photo, "image/jpeg").await;
    let note = stored
        .iter()
        .find(|m| m["type"] == "audio")
        .expect("the voice note");
    assert_eq!(note["raw"]["audio"]["voice"], true);
    assert_stored(&app, note, &voice, "audio/ogg; codecs=opus").await;
}

/// A fake Graph API serving one file: metadata at `/graph/{v}/{id}`, the file at `/files/{id}` (Bearer only).
struct FakeMedia {
    base: String,
    /// Metadata answers "does not exist" while false.
    known: Arc<AtomicBool>,
    /// Download calls so far.
    downloads: Arc<AtomicUsize>,
}

async fn fake_media(
    file: Vec<u8>,
    mime: &'static str,
    known: bool,
    failing_downloads: usize,
) -> FakeMedia {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (known, downloads) = (
        Arc::new(AtomicBool::new(known)),
        Arc::new(AtomicUsize::new(0)),
    );
    let (k, d, url_base, sha) = (
        known.clone(),
        downloads.clone(),
        base.clone(),
        sha_hex(&file),
    );
    let size = file.len();
    let info = move |Path((_v, id)): Path<(String, String)>| {
        let (k, url_base, sha) = (k.clone(), url_base.clone(), sha.clone());
        async move {
            if !k.load(Ordering::SeqCst) {
                return graph_error(
                    400,
                    100,
                    &format!("Unsupported get request. Object with ID '{id}' does not exist"),
                );
            }
            Json(json!({"messaging_product": "whatsapp", "url": format!("{url_base}/files/{id}"), "mime_type": mime,
                "sha256": sha, "file_size": size.to_string(), "id": id}))
            .into_response()
        }
    };
    let download = move |headers: HeaderMap| {
        let (d, file) = (d.clone(), file.clone());
        async move {
            if headers.get("authorization").and_then(|v| v.to_str().ok())
                != Some("Bearer sandbox-access-token")
            {
                return (StatusCode::UNAUTHORIZED, "the token is required").into_response();
            }
            if d.fetch_add(1, Ordering::SeqCst) < failing_downloads {
                return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
            }
            ([("content-type", mime)], file).into_response()
        }
    };
    let router = Router::new()
        .route("/graph/{version}/{id}", get(info))
        .route("/files/{id}", get(download));
    tokio::spawn(async move { axum::serve(listener, router).await });
    FakeMedia {
        base,
        known,
        downloads,
    }
}

/// A signed webhook with one photo from `wa_id`, media id `id`, sha256 as Meta sends it (base64).
fn photo_webhook(app: &TestApp, wa_id: &str, wamid: &str, id: &str, bytes: &[u8]) -> Vec<u8> {
    let sha = base64(&Sha256::digest(bytes));
    let value = json!({
        "contacts": [{"profile": {"name": "Bea"}, "wa_id": wa_id}],
        "messages": [{"from": wa_id, "id": wamid, "timestamp": now_s().to_string(), "type": "image",
                      "image": {"id": id, "mime_type": "image/jpeg", "sha256": sha, "caption": "A caixa amassada"}}]
    });
    envelope(&app.number_id(), vec![value])
}

async fn desk_with_graph(fake: &FakeMedia) -> TestApp {
    desk_with_graph_on(db::sqlite(), fake).await
}

async fn desk_with_graph_on(db: db::TestDb, fake: &FakeMedia) -> TestApp {
    let base = format!("{}/graph", fake.base);
    spawn_app_with(db, move |_, desk| {
        desk.greeting.enabled = false;
        desk.numbers[0].api_base = base;
    })
    .await
}

#[tokio::test]
async fn a_failed_download_is_retried_visibly_and_ends_stored() {
    let file = photo();
    let fake = fake_media(file.clone(), "image/jpeg", true, 1).await;
    let app = desk_with_graph(&fake).await;
    let body = photo_webhook(&app, "5511987650002", "wamid.MEDIA.RETRY", "8001", &file);
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let failing = eventually(10, "the first failure, shown", || async {
        let m = app.inbound_of("5511987650002").await;
        m.into_iter().find(|m| m["media"]["error"].is_string())
    })
    .await;
    assert_eq!(
        failing["media"]["status"], "pending",
        "it will be tried again: {failing:#}"
    );
    assert!(
        failing["media"]["error"].as_str().unwrap().contains("500"),
        "{failing:#}"
    );
    let stored = media_when(&app, "5511987650002", "stored").await;
    assert_eq!(stored["media"]["attempts"], 2, "{stored:#}");
    assert!(stored["media"]["error"].is_null());
    assert_eq!(fake.downloads.load(Ordering::SeqCst), 2);
    assert_stored(&app, &stored, &file, "image/jpeg").await;
}

#[tokio::test]
async fn a_download_that_cannot_succeed_is_marked_failed_and_a_redelivery_revives_it_on_sqlite() {
    a_download_that_cannot_succeed_is_marked_failed_and_a_redelivery_revives_it(db::sqlite()).await;
}

#[tokio::test]
async fn a_download_that_cannot_succeed_is_marked_failed_and_a_redelivery_revives_it_on_postgres() {
    if let Some(pg) = db::postgres().await {
        a_download_that_cannot_succeed_is_marked_failed_and_a_redelivery_revives_it(pg).await;
    }
}

async fn a_download_that_cannot_succeed_is_marked_failed_and_a_redelivery_revives_it(
    db: db::TestDb,
) {
    let file = photo();
    let fake = fake_media(file.clone(), "image/jpeg", false, 0).await;
    let app = desk_with_graph_on(db, &fake).await;
    let body = photo_webhook(&app, "5511987650003", "wamid.MEDIA.GONE", "8002", &file);
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let failed = media_when(&app, "5511987650003", "failed").await;
    let reason = failed["media"]["error"].as_str().unwrap_or_default();
    assert!(
        reason.contains("does not exist"),
        "the reason is visible: {failed:#}"
    );
    assert_eq!(
        failed["text"], "A caixa amassada",
        "the message itself is kept"
    );
    // Meta redelivers the same webhook; by now the file can be fetched.
    fake.known.store(true, Ordering::SeqCst);
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let stored = media_when(&app, "5511987650003", "stored").await;
    assert_eq!(
        app.inbound_of("5511987650003").await.len(),
        1,
        "still one message"
    );
    assert_stored(&app, &stored, &file, "image/jpeg").await;
}

#[tokio::test]
async fn a_file_that_does_not_match_its_sha256_is_not_kept() {
    let file = photo();
    let fake = fake_media(file.clone(), "image/jpeg", true, 0).await;
    let app = desk_with_graph(&fake).await;
    let mut announced = file.clone();
    announced.push(0); // Meta's webhook describes a different file than the one served.
    let body = photo_webhook(&app, "5511987650004", "wamid.MEDIA.SHA", "8003", &announced);
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let m = eventually(10, "the mismatch, shown", || async {
        let m = app.inbound_of("5511987650004").await;
        m.into_iter().find(|m| m["media"]["error"].is_string())
    })
    .await;
    assert!(
        m["media"]["error"].as_str().unwrap().contains("sha256"),
        "{m:#}"
    );
    assert_ne!(m["media"]["status"], "stored");
    let digest = sha_hex(&file);
    assert!(
        !app.config
            .data_dir
            .join("media")
            .join(&digest[..2])
            .join(&digest)
            .exists(),
        "nothing kept"
    );
}
