//! Media downloads: metadata, then the file with the bearer token inside the URL's 5-minute life,
//! checked against its sha256 and stored content-addressed under the data dir. Failures are retried
//! with backoff and stay visible on the message; after the last attempt the job is marked failed.

use std::time::Duration;

use lifeline_whatsapp::{client::sha256_matches, webhook::MediaId, ClientError, ErrorClass};
use sha2::{Digest, Sha256};

use crate::{
    metrics::Metrics,
    state::AppState,
    store::{now_ms, MediaJob},
};

/// Attempts before a download is marked failed (a redelivered webhook revives it).
pub const MAX_ATTEMPTS: i64 = 8;

pub async fn run(app: AppState) {
    loop {
        let jobs = match app.store.claim_media_jobs(8, 120_000).await {
            Ok(j) => j,
            Err(e) => {
                tracing::warn!(error = format!("{e:#}"), "media claim failed");
                Vec::new()
            }
        };
        let idle = jobs.is_empty();
        let mut handles = Vec::new();
        for job in jobs {
            let app = app.clone();
            handles.push(tokio::spawn(async move { fetch(&app, job).await }));
        }
        for h in handles {
            let _ = h.await;
        }
        if idle {
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }
}

async fn fetch(app: &AppState, job: MediaJob) {
    let outcome = download(app, &job).await;
    let store = &app.store;
    let result = match outcome {
        Ok((path, size, mime)) => {
            Metrics::inc(&app.metrics.media_stored);
            store
                .record_media_stored(job.id, &path, size, mime.as_deref())
                .await
        }
        Err(Failure { why, permanent }) => {
            Metrics::inc(&app.metrics.media_failed_attempts);
            tracing::warn!(media_id = %job.media_id, attempt = job.attempts, %why, "media download failed");
            // What WhatsApp refuses for good (an unknown or expired media id) is shown as failed at once,
            // not after minutes of retries; a redelivered webhook still revives it.
            let retry = (job.attempts < MAX_ATTEMPTS && !permanent)
                .then(|| now_ms() + 1000 * 2i64.pow(job.attempts.clamp(0, 10) as u32));
            store.record_media_error(job.id, &why, retry).await
        }
    };
    if let Err(e) = result {
        tracing::error!(error = format!("{e:#}"), "could not record a media outcome");
    }
}

/// Why a download attempt failed, and whether trying again can help.
struct Failure {
    why: String,
    permanent: bool,
}

impl From<String> for Failure {
    fn from(why: String) -> Self {
        Failure {
            why,
            permanent: false,
        }
    }
}

impl From<&str> for Failure {
    fn from(why: &str) -> Self {
        Failure {
            why: why.to_string(),
            permanent: false,
        }
    }
}

impl From<ClientError> for Failure {
    fn from(e: ClientError) -> Self {
        // A 404 on the file URL only means the 5-minute URL expired: the next attempt fetches a fresh one.
        let permanent = !matches!(e, ClientError::NotFound) && e.class() == ErrorClass::Permanent;
        Failure {
            why: e.to_string(),
            permanent,
        }
    }
}

/// Returns (relative path, size, mime) or a reason an agent can read.
async fn download(
    app: &AppState,
    job: &MediaJob,
) -> Result<(String, i64, Option<String>), Failure> {
    let number = app
        .numbers
        .get(&job.phone_number_id)
        .ok_or("no credentials for the number that received it")?;
    // Stored ids came from webhooks (some before ids were checked): only Meta's kind reaches the Graph API.
    let id = MediaId::parse(&job.media_id).map_err(|e| Failure {
        why: e.to_string(),
        permanent: true,
    })?;
    let info = number.client.media_info(&id).await?;
    let hosts = &app.config.whatsapp.media_hosts;
    let bytes = number.client.download_media(&info.url, hosts).await?;
    let expected = job.expected_sha256.as_deref().unwrap_or(&info.sha256);
    if !expected.is_empty() && !sha256_matches(&bytes, expected) {
        return Err("the downloaded file does not match its sha256".into());
    }
    let digest = hex::encode(Sha256::digest(&bytes));
    let rel = format!("{}/{}", &digest[..2], digest);
    let path = app.media_dir.join(&rel);
    if !path.exists() {
        let parent = path.parent().ok_or("bad media path")?;
        let storing = |e: std::io::Error| Failure::from(format!("storing the file: {e}"));
        tokio::fs::create_dir_all(parent).await.map_err(storing)?;
        let tmp = path.with_extension("part");
        tokio::fs::write(&tmp, &bytes).await.map_err(storing)?;
        tokio::fs::rename(&tmp, &path).await.map_err(storing)?;
    }
    let mime = (!info.mime_type.is_empty()).then(|| info.mime_type.clone());
    Ok((rel, bytes.len() as i64, mime.or(job.mime_type.clone())))
}
