//! Start-up checks on a store's override files: every error names the file and the entry.

use std::path::PathBuf;

use lifeline_desk::playbook::{PlaybookError, Playbooks};
use lifeline_desk::situation::{Facts, Situation};

/// A fresh directory under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("lifeline-words-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("playbooks")).expect("create scratch dir");
        std::fs::create_dir_all(dir.join("ack")).expect("create scratch dir");
        Scratch(dir)
    }
    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.0.join(rel), text).expect("write override");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn problems(err: PlaybookError) -> Vec<String> {
    match err {
        PlaybookError::Invalid { problems } => problems,
        other => panic!("expected validation problems, got {other}"),
    }
}

#[test]
fn a_too_long_button_title_names_the_file_and_the_entry() {
    let dir = Scratch::new("long-button");
    dir.write(
        "playbooks/de.toml",
        "[stalled.buttons]\nreplacement = \"Neue Sendung schicken!!\"\n",
    );
    let books = Playbooks::load_dir(&dir.0).expect("loads");
    let found = problems(books.validate().expect_err("must fail"));
    let path = dir.0.join("playbooks/de.toml").display().to_string();
    assert_eq!(
        found,
        vec![format!(
            "{path}: [stalled].buttons.replacement is 23 characters; WhatsApp allows 20"
        )]
    );
}

#[test]
fn unknown_placeholders_entries_and_stray_braces_are_each_reported() {
    let dir = Scratch::new("placeholders");
    dir.write(
        "playbooks/pt.toml",
        "[stalled]\ntext = \"Oi {nome}, pedido {order}\"\n[stalld]\ntext = \"x\"\n[other]\ntext = \"Oi {name\"\n",
    );
    dir.write(
        "ack/fr.toml",
        "[with_order]\ntext = \"Bonjour {name}, commande {tracking_number}\"\n",
    );
    let found = problems(
        Playbooks::load_dir(&dir.0)
            .expect("loads")
            .validate()
            .expect_err("must fail"),
    );
    let joined = found.join("\n");
    assert!(
        joined.contains(
            "playbooks/pt.toml: [stalled].text uses {nome}, which is not a known placeholder"
        ),
        "{joined}"
    );
    assert!(
        joined.contains("playbooks/pt.toml: [stalld].text is not a known entry"),
        "{joined}"
    );
    assert!(
        joined.contains("playbooks/pt.toml: [other].text has a stray brace at character 4"),
        "{joined}"
    );
    assert!(
        joined.contains("ack/fr.toml: [with_order].text uses {tracking_number}"),
        "{joined}"
    );
    assert_eq!(found.len(), 4, "{joined}");
}

#[test]
fn more_than_three_buttons_and_a_missing_language_entry_are_errors() {
    let dir = Scratch::new("counts");
    dir.write(
        "playbooks/it.toml",
        "[oversold.buttons]\nfull_refund = \"A\"\nreplacement = \"B\"\ncoupon = \"C\"\nkeep_item = \"D\"\n",
    );
    // A new language must be complete: one entry is not enough.
    dir.write("playbooks/sv.toml", "[stalled]\ntext = \"Hej {name}\"\n");
    let found = problems(
        Playbooks::load_dir(&dir.0)
            .expect("loads")
            .validate()
            .expect_err("must fail"),
    );
    let joined = found.join("\n");
    assert!(
        joined.contains("it.toml: [oversold].buttons has 4 titles; WhatsApp allows 3 buttons"),
        "{joined}"
    );
    assert!(
        joined.contains("sv.toml: [where_moving].text is missing"),
        "{joined}"
    );
    assert!(
        joined.contains("texts/ack/sv.toml: the file is missing"),
        "{joined}"
    );
}

#[test]
fn a_valid_override_replaces_one_entry_and_keeps_the_rest() {
    let dir = Scratch::new("override");
    dir.write(
        "playbooks/en.toml",
        "[stalled]\ntext = \"Hey {name}, order {order} is stuck; on it.\"\n",
    );
    let books = Playbooks::load_dir(&dir.0).expect("loads");
    books.validate().expect("still valid");
    let facts = Facts {
        shopper_name: Some("Jo".into()),
        order_number: Some("7".into()),
        ..Facts::default()
    };
    assert_eq!(
        books.draft(Situation::Stalled, "en", &facts).text,
        "Hey Jo, order #7 is stuck; on it."
    );
    assert!(books
        .draft(Situation::Other, "en", &facts)
        .text
        .contains("Jo"));
}

#[test]
fn broken_toml_and_missing_directories_are_clear_errors() {
    let dir = Scratch::new("syntax");
    dir.write("playbooks/es.toml", "[stalled\ntext = 1\n");
    let err = Playbooks::load_dir(&dir.0)
        .expect_err("must fail")
        .to_string();
    assert!(err.contains("playbooks/es.toml"), "{err}");
    let dir2 = Scratch::new("not-text");
    dir2.write("playbooks/es.toml", "[stalled]\ntext = 1\n");
    let err = Playbooks::load_dir(&dir2.0)
        .expect_err("must fail")
        .to_string();
    assert!(err.contains("[stalled].text must be text"), "{err}");
    let err = Playbooks::load_dir("/nonexistent/lifeline")
        .expect_err("must fail")
        .to_string();
    assert!(err.contains("/nonexistent/lifeline"), "{err}");
}
