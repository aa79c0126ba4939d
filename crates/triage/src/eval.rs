//! Scores the triager against a labelled JSON Lines set: accuracy per field, per kind and per
//! language, and the confusion between kinds. The body of `lifeline triage eval`.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::kind::{ExceptionKind, Priority};
use crate::situation::Situation;
use crate::triager::{Triage, Triager};

/// One labelled message.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub text: String,
    #[serde(default)]
    pub from: Option<String>,
    pub language: String,
    pub kind: ExceptionKind,
    pub priority: Priority,
    #[serde(default)]
    pub order_numbers: Vec<String>,
    #[serde(default)]
    pub tracking_numbers: Vec<String>,
    pub escalate: bool,
    /// Optional: a line without it describes no parcel situation.
    #[serde(default)]
    pub situation: Situation,
}

/// A message triage got wrong in at least one field.
#[derive(Debug, Clone)]
pub struct Mistake {
    pub line: usize,
    pub fields: Vec<&'static str>,
    pub expected: Labelled,
    pub got: Triage,
}

/// Right / total counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub right: usize,
    pub total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.right += usize::from(ok);
    }

    /// Share right, 0 when empty.
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

/// The evaluation of one labelled set.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub messages: usize,
    /// Lines that could not be read as labelled messages: (line number, problem).
    pub bad_lines: Vec<(usize, String)>,
    /// Per field: language, kind, priority, order_numbers, tracking_numbers, escalate, situation.
    pub fields: BTreeMap<&'static str, Tally>,
    /// Kind accuracy per expected kind.
    pub per_kind: BTreeMap<ExceptionKind, Tally>,
    /// Situation accuracy per expected situation.
    pub per_situation: BTreeMap<Situation, Tally>,
    /// Per expected language: (language tally, kind tally).
    pub per_language: BTreeMap<String, (Tally, Tally)>,
    /// (expected, got) → count.
    pub confusion: BTreeMap<(ExceptionKind, ExceptionKind), usize>,
    pub mistakes: Vec<Mistake>,
}

impl Report {
    /// Accuracy of one field (`"kind"`, `"language"`, `"order_numbers"`, …).
    pub fn accuracy(&self, field: &str) -> f64 {
        self.fields.get(field).map_or(0.0, Tally::rate)
    }
}

/// Triage every labelled line of `labelled_jsonl` and compare.
pub fn evaluate(triager: &Triager, labelled_jsonl: &str) -> Report {
    let mut report = Report::default();
    for (i, line) in labelled_jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let expected: Labelled = match serde_json::from_str(line) {
            Ok(l) => l,
            Err(e) => {
                report.bad_lines.push((i + 1, e.to_string()));
                continue;
            }
        };
        let got = triager.triage(&expected.text, expected.from.as_deref());
        record(&mut report, i + 1, expected, got);
    }
    report
}

fn record(report: &mut Report, line: usize, expected: Labelled, got: Triage) {
    report.messages += 1;
    let checks: [(&'static str, bool); 7] = [
        ("language", got.language == expected.language),
        ("kind", got.kind == expected.kind),
        ("priority", got.priority == expected.priority),
        ("order_numbers", got.order_numbers == expected.order_numbers),
        (
            "tracking_numbers",
            got.tracking_numbers == expected.tracking_numbers,
        ),
        ("escalate", got.escalate == expected.escalate),
        ("situation", got.situation == expected.situation),
    ];
    for (field, ok) in checks {
        report.fields.entry(field).or_default().add(ok);
    }
    report
        .per_kind
        .entry(expected.kind)
        .or_default()
        .add(checks[1].1);
    report
        .per_situation
        .entry(expected.situation)
        .or_default()
        .add(checks[6].1);
    let lang = report
        .per_language
        .entry(expected.language.clone())
        .or_default();
    lang.0.add(checks[0].1);
    lang.1.add(checks[1].1);
    *report
        .confusion
        .entry((expected.kind, got.kind))
        .or_default() += 1;
    let fields: Vec<&'static str> = checks.iter().filter(|c| !c.1).map(|c| c.0).collect();
    if !fields.is_empty() {
        report.mistakes.push(Mistake {
            line,
            fields,
            expected,
            got,
        });
    }
}

fn short(kind: ExceptionKind) -> &'static str {
    match kind {
        ExceptionKind::WhereIsMyOrder => "wismo",
        ExceptionKind::Delayed => "delay",
        ExceptionKind::Lost => "lost",
        ExceptionKind::Damaged => "damag",
        ExceptionKind::WrongItem => "wrong",
        ExceptionKind::MissingItem => "missg",
        ExceptionKind::OutOfStock => "stock",
        ExceptionKind::ReturnExchange => "retrn",
        ExceptionKind::Payment => "paymt",
        ExceptionKind::Other => "other",
    }
}

impl Report {
    fn write_confusion(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "\nkind confusion (rows expected, columns got)")?;
        write!(f, "  {:<6}", "")?;
        for k in ExceptionKind::ALL {
            write!(f, " {:>5}", short(k))?;
        }
        writeln!(f)?;
        for e in ExceptionKind::ALL {
            write!(f, "  {:<6}", short(e))?;
            for g in ExceptionKind::ALL {
                let n = self.confusion.get(&(e, g)).copied().unwrap_or(0);
                write!(
                    f,
                    " {:>5}",
                    if n == 0 {
                        ".".to_string()
                    } else {
                        n.to_string()
                    }
                )?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} messages, {} unreadable lines",
            self.messages,
            self.bad_lines.len()
        )?;
        writeln!(f, "\naccuracy per field")?;
        for (field, t) in &self.fields {
            writeln!(
                f,
                "  {field:<17} {:.3}  ({}/{})",
                t.rate(),
                t.right,
                t.total
            )?;
        }
        writeln!(f, "\nkind accuracy per kind")?;
        for (kind, t) in &self.per_kind {
            writeln!(
                f,
                "  {:<17} {:.3}  ({}/{})",
                kind.as_str(),
                t.rate(),
                t.right,
                t.total
            )?;
        }
        writeln!(f, "\nsituation accuracy per situation")?;
        for (situation, t) in &self.per_situation {
            writeln!(
                f,
                "  {:<17} {:.3}  ({}/{})",
                situation.as_str(),
                t.rate(),
                t.right,
                t.total
            )?;
        }
        writeln!(f, "\nper language          language  kind")?;
        for (lang, (l, k)) in &self.per_language {
            writeln!(
                f,
                "  {lang:<19} {:.3}     {:.3}  ({} messages)",
                l.rate(),
                k.rate(),
                l.total
            )?;
        }
        self.write_confusion(f)?;
        for (line, problem) in &self.bad_lines {
            writeln!(f, "unreadable line {line}: {problem}")?;
        }
        Ok(())
    }
}
