//! Scratch evaluation of a file named by TRIAGE_EVAL_FILE (skipped when unset).
use lifeline_triage::{eval::evaluate, TriageConfig, Triager};
#[test]
fn scratch() {
    let Some(path) = std::env::var_os("TRIAGE_EVAL_FILE") else {
        return;
    };
    let set = std::fs::read_to_string(path).expect("readable");
    let r = evaluate(
        &Triager::new(TriageConfig::default()).expect("builds"),
        &set,
    );
    println!("{r}");
    for m in &r.mistakes {
        println!("line {} {:?}: {:?}\n   expected {} {} {:?} esc={}\n   got      {} {} {:?} esc={}\n   {:?}",
            m.line, m.fields, m.expected.text, m.expected.language, m.expected.kind.as_str(), m.expected.order_numbers, m.expected.escalate,
            m.got.language, m.got.kind.as_str(), m.got.order_numbers, m.got.escalate, &m.got.reasons[1..]);
    }
}
