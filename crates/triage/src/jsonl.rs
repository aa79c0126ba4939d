//! The body of the `lifeline triage` command: JSON Lines in, one JSON object per line out.

use std::io::{BufRead, Write};

use serde_json::Value;

use crate::triager::Triager;

/// Reads `{"text": "...", "from": "<wa_id, optional>"}` per line and writes one triage result per
/// line, in order. A line that cannot be read gets `{"error": "..."}` on its output line and the
/// stream goes on. Only IO failures stop it.
pub fn run_jsonl(
    input: impl BufRead,
    mut output: impl Write,
    triager: &Triager,
) -> std::io::Result<()> {
    for line in input.lines() {
        let line = line?;
        let out = match read_request(&line) {
            Ok((text, from)) => serde_json::to_string(&triager.triage(&text, from.as_deref())),
            Err(error) => serde_json::to_string(&serde_json::json!({ "error": error })),
        }
        .map_err(std::io::Error::other)?;
        writeln!(output, "{out}")?;
    }
    output.flush()
}

fn read_request(line: &str) -> Result<(String, Option<String>), String> {
    if line.trim().is_empty() {
        return Err("empty line: expected a JSON object with \"text\"".into());
    }
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(map) = value else {
        return Err("expected a JSON object with \"text\"".into());
    };
    let text = match map.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err("\"text\" must be a string".into()),
        None => return Err("missing \"text\"".into()),
    };
    let from = match map.get("from") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => return Err("\"from\" must be a string".into()),
    };
    Ok((text, from))
}
