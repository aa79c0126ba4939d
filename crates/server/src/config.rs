//! Configuration: defaults, then `lifeline.toml`, then `LIFELINE_*` environment variables, then flags.

use std::{fmt, path::PathBuf, time::Duration};

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};

pub use crate::proxies::TrustedProxies;

/// A secret value (token, app secret): never shown by `Debug` or in logs.
#[derive(Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The secret itself, for the one place that must use it.
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// One WhatsApp business number and the Meta app it belongs to.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NumberConfig {
    pub phone_number_id: String,
    #[serde(default)]
    pub display_phone_number: String,
    /// WhatsApp Business Account id, used to sync approved templates.
    #[serde(default)]
    pub waba_id: Option<String>,
    pub access_token: Secret,
    pub app_secret: Secret,
    #[serde(default)]
    pub verify_token: Secret,
    #[serde(default = "default_api_base")]
    pub api_base: String,
    #[serde(default = "default_api_version")]
    pub api_version: String,
    /// Messages per second this number may send (80 by default; 20 for numbers shared with the Business app).
    #[serde(default)]
    pub throughput_mps: Option<u32>,
}

fn default_api_base() -> String {
    "https://graph.facebook.com".into()
}
fn default_api_version() -> String {
    "v23.0".into()
}

/// How the sender paces messages.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SendingConfig {
    /// Default per-number throughput, messages per second.
    pub throughput_mps: u32,
    /// One message per this interval to one shopper, on average.
    #[serde(with = "humane")]
    pub pair_interval: Duration,
    /// How many messages to one shopper may go out at once before pacing starts.
    pub pair_burst: u32,
    /// Concurrent sends in flight.
    pub concurrency: usize,
    /// How long a send may be in flight before a crash is assumed and its receipts are checked.
    /// Must exceed the Cloud API call timeout (10 s).
    #[serde(with = "humane")]
    pub lease: Duration,
    /// How long a send whose outcome is unknown (the desk died, or Meta's answer was lost after the
    /// request went out) waits for Meta's receipt before it is sent again. Meta may have accepted it,
    /// so sending sooner risks the shopper reading the same reply twice; waiting delays a reply Meta never
    /// got by this much. Minutes: receipts normally come within seconds, but can lag during Meta's incidents.
    #[serde(with = "humane")]
    pub settle_window: Duration,
    /// How long an automatic acknowledgement keeps being retried through transient errors (a Graph
    /// outage). After that it is dropped with a visible reason: "we got your message" hours later helps
    /// nobody, and the agent's reply is what the shopper waits for.
    #[serde(with = "humane")]
    pub retry_acknowledgements_for: Duration,
    /// How long every other message (an agent's reply, a confirmation, a follow-up) keeps being retried
    /// through transient errors before it is marked failed.
    #[serde(with = "humane")]
    pub retry_for: Duration,
}

impl Default for SendingConfig {
    fn default() -> Self {
        SendingConfig {
            throughput_mps: 80,
            pair_interval: Duration::from_secs(6),
            pair_burst: 5,
            concurrency: 16,
            lease: Duration::from_secs(30),
            settle_window: Duration::from_secs(10 * 60),
            retry_acknowledgements_for: Duration::from_secs(30 * 60),
            retry_for: Duration::from_secs(12 * 3600),
        }
    }
}

/// The automatic acknowledgement of a new conversation.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct GreetingConfig {
    pub enabled: bool,
    /// A conversation silent for this long starts anew (and is greeted again).
    #[serde(with = "humane")]
    pub new_conversation_after: Duration,
    /// Minutes promised to the shopper in the acknowledgement ("within 15 minutes").
    pub promise_minutes: u32,
    /// Overrides the built-in multilingual acknowledgement with one fixed text, when set.
    pub text: Option<String>,
}

impl Default for GreetingConfig {
    fn default() -> Self {
        GreetingConfig {
            enabled: true,
            new_conversation_after: Duration::from_secs(14 * 24 * 3600),
            promise_minutes: 15,
            text: None,
        }
    }
}

/// The WhatsApp channel as a whole (each number has its own `[[numbers]]` block).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct WhatsAppConfig {
    /// Where media downloads may go with a number's access token, besides its Graph API base: `host`,
    /// `host:port`, `*.domain`, or a whole origin (`http://127.0.0.1:8080`, for a simulator). Https only,
    /// except for a whole origin. A media URL elsewhere is refused and shown as the download error.
    pub media_hosts: Vec<String>,
}

impl Default for WhatsAppConfig {
    fn default() -> Self {
        WhatsAppConfig {
            media_hosts: lifeline_whatsapp::client::META_MEDIA_HOSTS
                .iter()
                .map(|h| h.to_string())
                .collect(),
        }
    }
}

/// The agents' web app.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebConfig {
    /// Reverse proxies whose `X-Forwarded-For` names the client (addresses or networks); none by
    /// default, so the connection's peer is the client and the sign-in limit per address cannot be dodged.
    pub trusted_proxies: TrustedProxies,
}

/// The whole configuration of one desk.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub bind: String,
    pub database_url: String,
    pub data_dir: PathBuf,
    /// Bearer token of the REST API; the API refuses every call while it is empty.
    pub api_token: Secret,
    /// Where people reach this desk (printed by `lifeline demo`, used for links).
    pub public_url: Option<String>,
    #[serde(rename = "numbers")]
    pub numbers: Vec<NumberConfig>,
    pub whatsapp: WhatsAppConfig,
    pub sending: SendingConfig,
    pub greeting: GreetingConfig,
    pub web: WebConfig,
    /// Inbound workers: messages of one shopper are handled in order, shoppers in parallel. 0 chooses:
    /// one on SQLite (it has one writer, so one worker with large batches is fastest), 8 on PostgreSQL.
    pub inbound_workers: usize,
    /// Store-specific order and tracking number patterns for triage.
    pub triage: toml::Table,
    /// Shops, each tied to one or more WhatsApp numbers (see `lifeline config example`).
    pub stores: Vec<toml::Table>,
    pub tracking: Option<toml::Table>,
    /// Desk settings: SLA clocks, compensation policy, quiet hours, playbook overrides.
    pub desk: toml::Table,
    /// How log lines are written (`format = "json"` for a log collector).
    pub log: crate::telemetry::LogConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: "127.0.0.1:8080".into(),
            database_url: "sqlite://lifeline.db".into(),
            data_dir: PathBuf::from("lifeline-data"),
            api_token: Secret::default(),
            public_url: None,
            numbers: Vec::new(),
            whatsapp: WhatsAppConfig::default(),
            sending: SendingConfig::default(),
            greeting: GreetingConfig::default(),
            web: WebConfig::default(),
            inbound_workers: 0,
            triage: toml::Table::new(),
            stores: Vec::new(),
            tracking: None,
            desk: toml::Table::new(),
            log: Default::default(),
        }
    }
}

impl Config {
    /// Loads the file (when given or present), then applies the environment.
    pub fn load(path: Option<PathBuf>) -> anyhow::Result<Config> {
        let path = path.or_else(|| std::env::var_os("LIFELINE_CONFIG").map(PathBuf::from));
        let mut config = match &path {
            Some(p) => Self::from_file(p)?,
            None if std::path::Path::new("lifeline.toml").exists() => {
                Self::from_file(std::path::Path::new("lifeline.toml"))?
            }
            None => Config::default(),
        };
        config.apply_env(|k| std::env::var(k).ok())?;
        Ok(config)
    }

    fn from_file(path: &std::path::Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the configuration {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("in {}", path.display()))
    }

    /// Applies `LIFELINE_*` variables; one WhatsApp number can be configured from the environment alone.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(v) = var("LIFELINE_BIND") {
            self.bind = v;
        }
        if let Some(v) = var("LIFELINE_DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = var("LIFELINE_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        if let Some(v) = var("LIFELINE_API_TOKEN") {
            self.api_token = Secret::new(v);
        }
        if let Some(v) = var("LIFELINE_PUBLIC_URL") {
            self.public_url = Some(v);
        }
        if let Some(v) = var("LIFELINE_WHATSAPP_MEDIA_HOSTS") {
            self.whatsapp.media_hosts = v
                .split(',')
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .map(str::to_string)
                .collect();
        }
        if let Some(v) = var("LIFELINE_LOG_FORMAT") {
            self.log.format = v
                .parse()
                .map_err(|e| anyhow::anyhow!("LIFELINE_LOG_FORMAT: {e}"))?;
        }
        if let Some(v) = var("LIFELINE_TRUSTED_PROXIES") {
            self.web.trusted_proxies = TrustedProxies::parse(v.split(','))
                .map_err(|e| anyhow::anyhow!("LIFELINE_TRUSTED_PROXIES: {e}"))?;
        }
        let Some(id) = var("LIFELINE_WHATSAPP_PHONE_NUMBER_ID") else {
            return Ok(());
        };
        let index = match self.numbers.iter().position(|n| n.phone_number_id == id) {
            Some(i) => i,
            None => {
                self.numbers.push(NumberConfig {
                    phone_number_id: id.clone(),
                    display_phone_number: String::new(),
                    waba_id: None,
                    access_token: Secret::default(),
                    app_secret: Secret::default(),
                    verify_token: Secret::default(),
                    api_base: default_api_base(),
                    api_version: default_api_version(),
                    throughput_mps: None,
                });
                self.numbers.len() - 1
            }
        };
        let n = &mut self.numbers[index];
        let set = |slot: &mut String, key: &str| {
            if let Some(v) = var(key) {
                *slot = v;
            }
        };
        set(&mut n.api_base, "LIFELINE_WHATSAPP_API_BASE");
        set(&mut n.api_version, "LIFELINE_WHATSAPP_API_VERSION");
        set(
            &mut n.display_phone_number,
            "LIFELINE_WHATSAPP_DISPLAY_PHONE_NUMBER",
        );
        for (slot, key) in [
            (&mut n.access_token, "LIFELINE_WHATSAPP_ACCESS_TOKEN"),
            (&mut n.app_secret, "LIFELINE_WHATSAPP_APP_SECRET"),
            (&mut n.verify_token, "LIFELINE_WHATSAPP_VERIFY_TOKEN"),
        ] {
            if let Some(v) = var(key) {
                *slot = Secret::new(v);
            }
        }
        if let Some(v) = var("LIFELINE_WHATSAPP_WABA_ID") {
            n.waba_id = Some(v);
        }
        Ok(())
    }

    /// Checks what would otherwise fail later, with messages that say what to fix.
    pub fn validate(&self) -> anyhow::Result<()> {
        for n in &self.numbers {
            if n.app_secret.is_empty() {
                bail!(
                    "number {}: app_secret is empty; webhooks cannot be verified without it",
                    n.phone_number_id
                );
            }
            if n.access_token.is_empty() {
                bail!("number {}: access_token is empty", n.phone_number_id);
            }
        }
        let mut ids: Vec<_> = self.numbers.iter().map(|n| &n.phone_number_id).collect();
        ids.sort();
        ids.dedup();
        if ids.len() != self.numbers.len() {
            bail!("a phone_number_id is configured twice");
        }
        Ok(())
    }

    /// The number whose `phone_number_id` is given.
    pub fn number(&self, phone_number_id: &str) -> Option<&NumberConfig> {
        self.numbers
            .iter()
            .find(|n| n.phone_number_id == phone_number_id)
    }
}

/// Durations written the way people write them: "90s", "15m", "24h", "14d", "250ms".
pub mod humane {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    use std::time::Duration;

    pub fn parse(s: &str) -> Option<Duration> {
        let s = s.trim();
        let split = s.find(|c: char| !c.is_ascii_digit())?;
        let (num, unit) = s.split_at(split);
        let n: u64 = num.parse().ok()?;
        let secs = match unit.trim() {
            "ms" => return Some(Duration::from_millis(n)),
            "s" => n,
            "m" | "min" => n * 60,
            "h" => n * 3600,
            "d" => n * 86400,
            _ => return None,
        };
        Some(Duration::from_secs(secs))
    }

    pub fn format(d: &Duration) -> String {
        let s = d.as_secs();
        if d.subsec_millis() != 0 || s == 0 {
            format!("{}ms", d.as_millis())
        } else if s.is_multiple_of(86400) {
            format!("{}d", s / 86400)
        } else if s.is_multiple_of(3600) {
            format!("{}h", s / 3600)
        } else if s.is_multiple_of(60) {
            format!("{}m", s / 60)
        } else {
            format!("{s}s")
        }
    }

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let s = String::deserialize(d)?;
        parse(&s).ok_or_else(|| {
            D::Error::custom(format!("'{s}' is not a duration like 90s, 15m, 24h or 14d"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_alone_configures_one_number_and_overrides_the_file() {
        let mut c: Config = toml::from_str("bind = \"0.0.0.0:9\"\n").unwrap();
        let env: std::collections::HashMap<&str, &str> = [
            ("LIFELINE_BIND", "127.0.0.1:7000"),
            ("LIFELINE_WHATSAPP_PHONE_NUMBER_ID", "123"),
            ("LIFELINE_WHATSAPP_ACCESS_TOKEN", "EAAGsecret123"),
            ("LIFELINE_WHATSAPP_APP_SECRET", "sec"),
        ]
        .into();
        c.apply_env(|k| env.get(k).map(|v| v.to_string())).unwrap();
        assert_eq!(c.bind, "127.0.0.1:7000");
        assert_eq!(c.numbers[0].phone_number_id, "123");
        assert_eq!(c.numbers[0].api_version, "v23.0");
        assert!(
            !format!("{c:?}").contains("EAAGsecret123"),
            "secrets leak through Debug"
        );
        c.validate().unwrap();
    }

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(humane::parse("15m"), Some(Duration::from_secs(900)));
        assert_eq!(humane::parse("14d"), Some(Duration::from_secs(14 * 86400)));
        assert_eq!(humane::parse("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(humane::parse("soon"), None);
    }
}
