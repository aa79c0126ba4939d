//! What the integration tests share: the default triager and a check of kind, situation and
//! language over a list of messages.

use lifeline_triage::{ExceptionKind, Situation, TriageConfig, Triager};

pub fn triager() -> Triager {
    Triager::new(TriageConfig::default()).expect("default config builds")
}

/// Each message must read as `kind` with `situation`, in its language.
pub fn reads(kind: ExceptionKind, situation: Situation, cases: &[(&str, &str)]) {
    let t = triager();
    for &(text, lang) in cases {
        let got = t.triage(text, None);
        assert_eq!(
            (got.language.as_str(), got.kind, got.situation),
            (lang, kind, situation),
            "{text}: {:?}",
            got.reasons
        );
    }
}
