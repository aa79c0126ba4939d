//! Media through the production client: multipart upload, metadata, Bearer download, expired URLs.

mod common;

use common::fake_graph::*;
use lifeline_whatsapp::client::{sha256_matches, ClientError, CloudClient};
use lifeline_whatsapp::webhook::MediaId;

fn media_id(id: &str) -> MediaId {
    MediaId::parse(id).expect("a media id")
}

fn client(fake: &FakeGraph, token: &str) -> CloudClient {
    CloudClient::new(
        reqwest::Client::new(),
        &fake.base,
        VERSION,
        NUMBER_ID,
        token.to_owned(),
    )
}

#[tokio::test]
async fn a_media_upload_is_a_multipart_form_the_fake_can_read() {
    let fake = FakeGraph::start().await;
    let pdf = b"%PDF-1.4 return label".to_vec();
    let id = client(&fake, TOKEN)
        .upload_media(pdf.clone(), "application/pdf", "return-label.pdf")
        .await
        .expect("uploaded");
    assert_eq!(id, format!("1037543291543{}", pdf.len()));
    let r = &fake.requests()[0];
    assert_eq!(r.path, "/v25.0/200000000000002/media");
    assert_eq!(
        r.authorization.as_deref(),
        Some(&*format!("Bearer {TOKEN}"))
    );
    assert!(r
        .content_type
        .as_deref()
        .is_some_and(|c| c.starts_with("multipart/form-data; boundary=")));
    let part = |name: &str| {
        r.parts
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("part {name}"))
    };
    assert_eq!(part("messaging_product").data, b"whatsapp");
    assert_eq!(part("type").data, b"application/pdf");
    let file = part("file");
    assert_eq!(file.file_name.as_deref(), Some("return-label.pdf"));
    assert_eq!(file.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(file.data, pdf);
}

#[tokio::test]
async fn an_upload_of_a_refused_type_or_size_never_reaches_meta() {
    let fake = FakeGraph::start().await;
    let c = client(&fake, TOKEN);
    let err = c
        .upload_media(vec![1; 10], "application/zip", "a.zip")
        .await
        .expect_err("zip");
    assert!(
        err.to_string()
            .contains("does not accept files of type 'application/zip'"),
        "{err}"
    );
    let err = c
        .upload_media(vec![0; 5 * 1024 * 1024 + 1], "image/png", "huge.png")
        .await
        .expect_err("big");
    assert!(matches!(err, ClientError::Limit(_)), "{err:?}");
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn media_info_then_download_with_the_bearer_token_and_a_matching_hash() {
    let fake = FakeGraph::start().await;
    let c = client(&fake, TOKEN);
    let info = c.media_info(&media_id("1234567890")).await.expect("info");
    assert_eq!(info.id, "1234567890");
    assert_eq!(info.mime_type, "image/jpeg");
    assert_eq!(info.url, format!("{}/files/1234567890", fake.base));
    let bytes = c.download_media(&info.url, &[]).await.expect("downloaded");
    assert_eq!(bytes.as_ref(), file_bytes("1234567890").as_slice());
    assert_eq!(info.file_size, Some(bytes.len() as u64));
    assert!(sha256_matches(&bytes, &info.sha256));
    assert!(!sha256_matches(b"tampered", &info.sha256));

    let seen = fake.requests();
    assert_eq!(seen[0].path, "/v25.0/1234567890");
    assert_eq!(
        seen[0].query.get("phone_number_id").map(String::as_str),
        Some(NUMBER_ID)
    );
    assert_eq!(seen[1].path, "/files/1234567890");
    assert_eq!(
        seen[1].authorization.as_deref(),
        Some(&*format!("Bearer {TOKEN}"))
    );
}

#[tokio::test]
async fn an_expired_media_url_is_not_found_so_the_caller_refetches() {
    let fake = FakeGraph::start().await;
    let c = client(&fake, TOKEN);
    let err = c
        .download_media(&format!("{}/files/expired", fake.base), &[])
        .await
        .expect_err("404");
    assert_eq!(err, ClientError::NotFound);
    assert!(err.to_string().contains("fetch a fresh URL"));
    let err = c
        .media_info(&media_id(MISSING_MEDIA))
        .await
        .expect_err("no such media");
    assert_eq!(err.code(), Some(100));
}

#[tokio::test]
async fn the_token_is_not_sent_to_a_plain_http_url_from_an_https_client() {
    let fake = FakeGraph::start().await;
    let c = CloudClient::new(
        reqwest::Client::new(),
        "https://graph.facebook.com",
        VERSION,
        NUMBER_ID,
        TOKEN.into(),
    );
    let err = c
        .download_media(&format!("{}/files/x", fake.base), &[])
        .await
        .expect_err("refused");
    assert!(matches!(err, ClientError::Limit(_)));
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn a_media_url_on_another_host_is_refused_without_the_token() {
    let graph = FakeGraph::start().await;
    let elsewhere = FakeGraph::start().await;
    let c = client(&graph, TOKEN);
    let foreign = format!("{}/files/1234567890", elsewhere.base);
    let err = c
        .download_media(&foreign, &["lookaside.fbsbx.com".to_string()])
        .await
        .expect_err("refused");
    assert!(matches!(err, ClientError::Limit(_)), "{err:?}");
    assert!(err.to_string().contains("127.0.0.1"), "{err}");
    assert!(
        elsewhere.requests().is_empty(),
        "nothing went to the other host"
    );
    // Named by the operator (a whole origin, as for a simulator), the same host is fine.
    let bytes = c
        .download_media(&foreign, std::slice::from_ref(&elsewhere.base))
        .await
        .expect("allowed");
    assert_eq!(bytes.as_ref(), file_bytes("1234567890").as_slice());
}

#[tokio::test]
async fn a_media_id_stays_one_path_segment_of_the_api() {
    let fake = FakeGraph::start().await;
    let c = client(&fake, TOKEN);
    c.media_info(&media_id("0042")).await.expect("info");
    let seen = fake.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/v25.0/0042");
}

#[test]
fn webhook_hashes_in_base64_also_match() {
    // The SHA-256 of the empty string, as a webhook would carry it (base64) and as hex.
    assert!(sha256_matches(
        b"",
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    ));
    assert!(sha256_matches(
        b"",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    ));
    assert!(!sha256_matches(
        b"x",
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    ));
    assert!(!sha256_matches(b"", "not a hash"));
}
