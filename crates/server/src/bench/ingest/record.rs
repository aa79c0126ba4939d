//! What the run left behind, read from outside the desks: the simulator's record of every accepted send
//! (what shoppers saw, and when), the desks' database (the order messages were handled in) and their logs.
//!
//! The benchmark checks the desks, so it never counts with their own code.

use std::{collections::HashMap, path::Path};

use serde_json::Value;

/// One send the simulator accepted.
pub(super) struct Sent {
    pub(super) to: String,
    pub(super) phone_number_id: String,
    /// Unix milliseconds of acceptance.
    pub(super) at_ms: i64,
    /// The text the shopper read (a text message's body, else the kind).
    pub(super) text: String,
}

/// Every send the simulator accepted, in the order it accepted them.
pub(super) async fn sent(http: &reqwest::Client, sim: &str) -> anyhow::Result<Vec<Sent>> {
    let all: Value = http
        .get(format!("{sim}/sandbox/api/sent"))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(all["sent"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| Sent {
            to: s["to"].as_str().unwrap_or_default().to_string(),
            phone_number_id: s["phone_number_id"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            at_ms: s["at_ms"].as_i64().unwrap_or(0),
            text: s["body"]["text"]["body"]
                .as_str()
                .or(s["kind"].as_str())
                .unwrap_or_default()
                .to_string(),
        })
        .collect())
}

/// The sends to each of `shoppers`, in order; a shopper with none is absent.
pub(super) fn by_shopper<'a>(
    sent: &'a [Sent],
    shoppers: &[String],
) -> HashMap<&'a str, Vec<&'a Sent>> {
    let wanted: std::collections::HashSet<&str> = shoppers.iter().map(String::as_str).collect();
    let mut map: HashMap<&str, Vec<&Sent>> = HashMap::new();
    for s in sent.iter().filter(|s| wanted.contains(s.to.as_str())) {
        map.entry(s.to.as_str()).or_default().push(s);
    }
    map
}

/// How many shoppers were answered once, not at all, and more than once (duplicates).
pub(super) struct Answered {
    pub(super) once: usize,
    pub(super) none: usize,
    pub(super) twice: usize,
}

impl Answered {
    pub(super) fn count(replies: &HashMap<&str, Vec<&Sent>>, shoppers: usize) -> Answered {
        let once = replies.values().filter(|r| r.len() == 1).count();
        let twice = replies.values().filter(|r| r.len() > 1).count();
        Answered {
            once,
            none: shoppers.saturating_sub(once + twice),
            twice,
        }
    }
}

/// The most sends accepted within any `window_ms` (a sliding window over sorted times).
pub(super) fn most_within(times: &mut [i64], window_ms: i64) -> usize {
    times.sort_unstable();
    let mut first = 0;
    let mut most = 0;
    for last in 0..times.len() {
        while times[last] - times[first] >= window_ms {
            first += 1;
        }
        most = most.max(last - first + 1);
    }
    most
}

/// The peak sends within one second, per number.
pub(super) fn peak_per_second(sent: &[Sent]) -> Vec<(String, usize)> {
    let mut times: HashMap<&str, Vec<i64>> = HashMap::new();
    for s in sent {
        times.entry(&s.phone_number_id).or_default().push(s.at_ms);
    }
    let mut peaks: Vec<(String, usize)> = times
        .into_iter()
        .map(|(n, mut t)| (n.to_string(), most_within(&mut t, 1000)))
        .collect();
    peaks.sort();
    peaks
}

/// Shoppers of the conversation phase whose messages the desks marked handled out of the order they were
/// written in (a later message handled before an earlier one), read from the `messages` table: the wamid
/// `wamid.conv.<shopper>.<k>` says whose and which; `processed_at` when it was handled.
pub(super) async fn handled_out_of_order(db: &sqlx::AnyPool) -> anyhow::Result<(usize, usize)> {
    let rows: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT wamid, processed_at FROM messages WHERE direction = 'in' AND wamid LIKE 'wamid.conv.%'",
    )
    .fetch_all(db)
    .await?;
    let mut shoppers: HashMap<String, Vec<(usize, Option<i64>)>> = HashMap::new();
    for (wamid, at) in rows {
        let mut parts = wamid.trim_start_matches("wamid.conv.").split('.');
        let (Some(who), Some(Ok(k))) = (parts.next(), parts.next().map(str::parse::<usize>)) else {
            continue;
        };
        shoppers.entry(who.to_string()).or_default().push((k, at));
    }
    let unhandled = shoppers
        .values()
        .filter(|m| m.iter().any(|(_, at)| at.is_none()))
        .count();
    let inverted = shoppers
        .values_mut()
        .map(|m| {
            m.sort_unstable();
            m.windows(2)
                .any(|w| matches!((w[0].1, w[1].1), (Some(a), Some(b)) if b < a))
        })
        .filter(|late| *late)
        .count();
    Ok((inverted, unhandled))
}

/// What the desks' logs say went wrong: deadlocks, errors and warnings, with an example of each.
pub(super) struct Logged {
    pub(super) deadlocks: usize,
    pub(super) errors: usize,
    pub(super) warnings: usize,
    pub(super) examples: Vec<String>,
}

impl Logged {
    /// Reads every `desk-*.log` in `dir`.
    pub(super) fn read(dir: &Path) -> Logged {
        let mut logged = Logged {
            deadlocks: 0,
            errors: 0,
            warnings: 0,
            examples: Vec::new(),
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return logged;
        };
        let texts = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("desk-"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok());
        for text in texts {
            for line in text.lines() {
                logged.add(line);
            }
        }
        logged
    }

    pub(super) fn print(&self) {
        println!(
            "  desks' logs: {} \"deadlock detected\", {} errors, {} warnings",
            self.deadlocks, self.errors, self.warnings
        );
        if !self.examples.is_empty() {
            println!(
                "    first of each: {}",
                self.examples.join("\n                   ")
            );
        }
    }

    fn add(&mut self, line: &str) {
        let line = without_colours(line);
        let line = line.as_str();
        // The level is among the first words: `2026-…Z  WARN lifeline_server::…: what happened`.
        let level = |l: &str| line.split_whitespace().take(3).any(|w| w == l);
        let deadlock = line.contains("deadlock detected");
        let (error, warning) = (level("ERROR"), level("WARN"));
        // The first line of each kind is the example: the message after the target, shortened.
        let tail = || -> String {
            let tail = line.split_once(": ").map_or(line, |(_, t)| t);
            tail.chars().take(160).collect()
        };
        if deadlock && self.deadlocks == 0 {
            self.examples.push(format!("deadlock: {}", tail()));
        } else if error && self.errors == 0 && !deadlock {
            self.examples.push(format!("error: {}", tail()));
        } else if warning && self.warnings == 0 && !deadlock {
            self.examples.push(format!("warning: {}", tail()));
        }
        self.deadlocks += usize::from(deadlock);
        self.errors += usize::from(error);
        self.warnings += usize::from(warning);
    }
}

/// A log line without terminal colour codes (`ESC [ … m`).
fn without_colours(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::most_within;

    #[test]
    fn the_busiest_second_is_found_wherever_it_starts() {
        assert_eq!(most_within(&mut [], 1000), 0);
        assert_eq!(most_within(&mut [0, 999, 1000, 1500, 1999], 1000), 3);
        assert_eq!(most_within(&mut [5000, 0, 100, 200], 1000), 3);
    }
}
