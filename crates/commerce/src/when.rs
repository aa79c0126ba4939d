//! Times as trackers write them: with an offset, without one (taken as UTC), or a bare date.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Reads an RFC 3339 time, a local time without offset (as UTC), or a date (noon UTC).
pub(crate) fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc());
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()?
        .and_hms_opt(12, 0, 0)
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tracker_times_in_every_shape_are_read() {
        let t = super::parse_time("2025-11-03T09:12:00-05:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2025-11-03T14:12:00+00:00");
        assert!(super::parse_time("2025-11-03T09:12:00").is_some());
        assert!(super::parse_time("2025-11-07").is_some());
        assert!(super::parse_time("soon").is_none());
    }
}
