//! Media: upload for sending, metadata and download for what shoppers send.

use base64::Engine as _;
use bytes::Bytes;
use reqwest::Url;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{ClientError, CloudClient};
use crate::json::{id_at, int_at, non_empty_str_at};
use crate::limits::{check_media, kind_for_mime, LimitError, INBOUND_MEDIA_MAX};
use crate::webhook::MediaId;

/// Where Meta serves media files, besides the Graph API host itself: the hosts a desk allows by default.
pub const META_MEDIA_HOSTS: [&str; 3] = ["lookaside.fbsbx.com", "*.fbcdn.net", "*.whatsapp.net"];

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
    pub async fn media_info(&self, media_id: &MediaId) -> Result<MediaInfo, ClientError> {
        let request = self
            .http
            .get(self.url_with_segment(media_id.as_str())?)
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
            id: id_at(&answer, "id").unwrap_or_else(|| media_id.to_string()),
        })
    }

    /// `{api_base}/{version}/{segment}`, the segment escaped so that it stays one path segment.
    fn url_with_segment(&self, segment: &str) -> Result<Url, ClientError> {
        let mut url = Url::parse(&self.url(""))
            .map_err(|e| self.decode(format!("the API base is not a URL: {e}")))?;
        url.path_segments_mut()
            .map_err(|_| self.decode("the API base cannot take a path".into()))?
            .pop_if_empty()
            .push(segment);
        Ok(url)
    }

    /// Downloads a media URL with the Bearer token. A 404 is [`ClientError::NotFound`]: fetch a
    /// fresh URL with `media_info`. The URL comes from an answer, so the token goes only where
    /// the operator allows: the API base's own origin, or https to one of `allowed_hosts` (`host`,
    /// `host:port`, `*.domain`, or a whole origin such as `http://127.0.0.1:8080` for a simulator).
    pub async fn download_media(
        &self,
        url: &str,
        allowed_hosts: &[String],
    ) -> Result<Bytes, ClientError> {
        let parsed = Url::parse(url).ok();
        let base = Url::parse(&self.api_base).ok();
        let allowed = match (&parsed, &base) {
            (Some(u), Some(b)) => media_host_allowed(u, b, allowed_hosts),
            _ => false,
        };
        let Some(url) = parsed.filter(|_| allowed) else {
            return Err(LimitError::Invalid(format!(
                "refusing to send the access token to the media URL's host ({}): downloads go only to \
                 the Graph API or over https to the media hosts configured",
                host_of(url)
            ))
            .into());
        };
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

/// Whether a media URL may carry the token: the API base's own origin (whatever its scheme: the sandbox
/// and tests run on http), or https to a host in `allowed_hosts`, each written `host`, `host:port`,
/// `*.domain` (any host under it) or a whole origin such as `http://127.0.0.1:8080`.
pub(crate) fn media_host_allowed(url: &Url, api_base: &Url, allowed_hosts: &[String]) -> bool {
    if url.origin() == api_base.origin() {
        return true;
    }
    let Some(host) = url.host_str() else {
        return false;
    };
    allowed_hosts.iter().any(|pattern| {
        let pattern = pattern.trim().to_ascii_lowercase();
        if pattern.contains("://") {
            return Url::parse(&pattern).is_ok_and(|p| p.origin() == url.origin());
        }
        if url.scheme() != "https" {
            return false;
        }
        let (name, port) = match pattern.rsplit_once(':') {
            Some((name, port)) if !name.contains(':') => (name, port.parse().ok()),
            _ => (pattern.as_str(), Some(443)),
        };
        let port_ok = url.port_or_known_default() == port;
        let name_ok = match name.strip_prefix("*.") {
            Some(domain) => host.ends_with(&format!(".{domain}")),
            None => host == name,
        };
        port_ok && name_ok
    })
}

/// The host of a URL, for a refusal an agent reads (never the whole URL: it may carry a signature).
fn host_of(url: &str) -> String {
    Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "not a URL".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(url: &str, base: &str) -> bool {
        let hosts: Vec<String> = META_MEDIA_HOSTS.iter().map(|h| h.to_string()).collect();
        media_host_allowed(
            &Url::parse(url).unwrap(),
            &Url::parse(base).unwrap(),
            &hosts,
        )
    }

    const GRAPH: &str = "https://graph.facebook.com";

    #[test]
    fn metas_media_hosts_and_the_api_base_are_allowed() {
        assert!(allowed(
            "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1",
            GRAPH
        ));
        assert!(allowed(
            "https://scontent-iad3-1.xx.fbcdn.net/v/t45/x.jpg",
            GRAPH
        ));
        assert!(allowed("https://mmg.whatsapp.net/d/f/x.enc", GRAPH));
        assert!(allowed("https://graph.facebook.com/v23.0/files/1", GRAPH));
        assert!(allowed(
            "http://127.0.0.1:9000/files/1",
            "http://127.0.0.1:9000/graph"
        ));
    }

    #[test]
    fn other_hosts_plain_http_and_look_alikes_are_refused() {
        assert!(!allowed("https://attacker.example/x", GRAPH));
        assert!(!allowed("http://lookaside.fbsbx.com/x", GRAPH), "not https");
        assert!(
            !allowed("https://lookaside.fbsbx.com:8443/x", GRAPH),
            "another port"
        );
        assert!(!allowed("https://fbcdn.net.attacker.example/x", GRAPH));
        assert!(!allowed("https://evilfbcdn.net/x", GRAPH));
        assert!(!allowed(
            "https://lookaside.fbsbx.com.attacker.example/x",
            GRAPH
        ));
        assert!(
            !allowed("http://127.0.0.1:9001/x", "http://127.0.0.1:9000/graph"),
            "another port"
        );
        assert!(!allowed("file:///etc/passwd", GRAPH));
    }

    #[test]
    fn hosts_may_be_configured_with_a_port_or_as_an_origin() {
        let u = |s: &str| Url::parse(s).unwrap();
        let hosts = vec![
            "media.example:8443".to_string(),
            "http://127.0.0.1:7000".to_string(),
        ];
        assert!(media_host_allowed(
            &u("https://media.example:8443/a"),
            &u(GRAPH),
            &hosts
        ));
        assert!(!media_host_allowed(
            &u("https://media.example/a"),
            &u(GRAPH),
            &hosts
        ));
        assert!(media_host_allowed(
            &u("http://127.0.0.1:7000/a"),
            &u(GRAPH),
            &hosts
        ));
        assert!(!media_host_allowed(
            &u("http://127.0.0.1:7001/a"),
            &u(GRAPH),
            &hosts
        ));
    }
}
