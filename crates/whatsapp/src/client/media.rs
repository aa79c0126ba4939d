//! Media: upload for sending, metadata and download for what shoppers send.

use base64::Engine as _;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{ClientError, CloudClient};
use crate::json::{id_at, int_at, non_empty_str_at};
use crate::limits::{check_media, kind_for_mime, LimitError, INBOUND_MEDIA_MAX};

/// Where and what a media id is; the `url` lasts 5 minutes and needs the Bearer token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaInfo {
    pub url: String,
    pub mime_type: String,
    /// The file's SHA-256 as Meta reports it; check downloads with [`sha256_matches`].
    pub sha256: String,
    pub file_size: Option<u64>,
    pub id: String,
}

/// True when `bytes` hash to `expected`, given as hex (media info) or base64 (webhooks).
pub fn sha256_matches(bytes: &[u8], expected: &str) -> bool {
    let digest = Sha256::digest(bytes);
    let expected = expected.trim();
    if expected.len() == 64 {
        if let Ok(raw) = hex::decode(expected) {
            return raw.as_slice() == digest.as_slice();
        }
    }
    [
        base64::engine::general_purpose::STANDARD,
        base64::engine::general_purpose::URL_SAFE,
    ]
    .iter()
    .filter_map(|engine| engine.decode(expected).ok())
    .any(|raw| raw.as_slice() == digest.as_slice())
}

impl CloudClient {
    /// Uploads a file for sending and returns its media id (valid 30 days). The type and size are
    /// checked against WhatsApp's limits first (`image/webp` counts as a sticker).
    pub async fn upload_media(
        &self,
        bytes: Vec<u8>,
        mime: &str,
        filename: &str,
    ) -> Result<String, ClientError> {
        let kind = kind_for_mime(mime).ok_or_else(|| {
            LimitError::Invalid(format!("WhatsApp does not accept files of type '{mime}'"))
        })?;
        check_media(kind, mime, bytes.len() as u64)?;
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(filename.to_owned())
            .mime_str(mime)
            .map_err(|_| LimitError::Invalid(format!("'{mime}' is not a valid MIME type")))?;
        let form = reqwest::multipart::Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", mime.to_owned())
            .part("file", part);
        let url = self.url(&format!("{}/media", self.phone_number_id));
        let request = self.http.post(url).multipart(form);
        let body = self.execute(request, self.media_timeout).await?;
        let answer: serde_json::Value =
            serde_json::from_slice(&body).map_err(|e| self.decode(e.to_string()))?;
        id_at(&answer, "id").ok_or_else(|| self.decode("the upload answer has no id".into()))
    }

    /// Looks up a media id: a fresh download URL (5 minutes), type, hash and size.
    pub async fn media_info(&self, media_id: &str) -> Result<MediaInfo, ClientError> {
        let request = self
            .http
            .get(self.url(media_id))
            .query(&[("phone_number_id", self.phone_number_id.as_str())]);
        let answer = self.call_json(request).await?;
        let field = |key: &str| {
            non_empty_str_at(&answer, key)
                .ok_or_else(|| self.decode(format!("the media answer has no '{key}'")))
        };
        Ok(MediaInfo {
            url: field("url")?,
            mime_type: field("mime_type")?,
            sha256: field("sha256")?,
            file_size: int_at(&answer, "file_size").and_then(|n| u64::try_from(n).ok()),
            id: id_at(&answer, "id").unwrap_or_else(|| media_id.to_owned()),
        })
    }

    /// Downloads a media URL with the Bearer token. A 404 is [`ClientError::NotFound`]: fetch a
    /// fresh URL with `media_info`. The token is sent only over https, or over http when the
    /// client itself talks to an http base (the sandbox and tests).
    pub async fn download_media(&self, url: &str) -> Result<Bytes, ClientError> {
        let lower = url.to_ascii_lowercase();
        let plain_ok = self.api_base.to_ascii_lowercase().starts_with("http://");
        if !(lower.starts_with("https://") || (plain_ok && lower.starts_with("http://"))) {
            return Err(LimitError::Invalid(
                "refusing to send the access token to a media URL that is not https".into(),
            )
            .into());
        }
        let result = self.execute(self.http.get(url), self.media_timeout).await;
        match result {
            Err(
                ClientError::Api {
                    http_status: 404, ..
                }
                | ClientError::Http {
                    http_status: 404, ..
                },
            ) => Err(ClientError::NotFound),
            Ok(bytes) if bytes.len() as u64 > INBOUND_MEDIA_MAX => Err(self.decode(format!(
                "the file is {} bytes, above WhatsApp's {} byte limit",
                bytes.len(),
                INBOUND_MEDIA_MAX
            ))),
            other => other,
        }
    }
}
