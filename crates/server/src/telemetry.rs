//! How the desk's logs are written: as text for people or as JSON lines for a collector. Spans carry the
//! desk's name (`leases::this_desk`), so one shopper's message can be followed across desks.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How log lines are written to stderr.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One readable line per event, with its spans in front.
    #[default]
    Text,
    /// One JSON object per line, with the event's span and the spans around it as fields.
    Json,
}

impl FromStr for LogFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            other => Err(format!("{other:?} is not a log format: text or json")),
        }
    }
}

impl LogFormat {
    /// `LIFELINE_LOG_FORMAT`, for the commands that read no configuration; text when unset or unknown.
    pub fn from_env() -> LogFormat {
        std::env::var("LIFELINE_LOG_FORMAT")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_default()
    }
}

/// `[log]` in lifeline.toml.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// `text` (the default) or `json`; `LIFELINE_LOG_FORMAT` overrides it.
    pub format: LogFormat,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_formats_read_as_written_and_refuse_others() {
        assert_eq!("json".parse(), Ok(LogFormat::Json));
        assert_eq!(" Text ".parse(), Ok(LogFormat::Text));
        assert!("yaml".parse::<LogFormat>().is_err());
    }
}
