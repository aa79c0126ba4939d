//! The answer to a tapped option the desk did not carry out, in every language: it names the option,
//! says a person replies and by when, and for an option that waits for approval says it is not done yet.

use lifeline_desk::address::Register;
use lifeline_desk::playbook::{ChoiceAnswer, Playbooks, LANGUAGES};
use lifeline_desk::situation::Facts;
use lifeline_desk::Remedy;

fn books() -> Playbooks {
    let books = Playbooks::builtin().expect("built-in texts parse");
    books.validate().expect("built-in texts are valid");
    books
}

fn ana() -> Facts {
    Facts {
        shopper_name: Some("Ana Souza".into()),
        order_number: Some("1042".into()),
        ..Facts::default()
    }
}

fn clean(text: &str) -> bool {
    !text.trim().is_empty() && !text.contains(['{', '}']) && !text.contains("||")
}

#[test]
fn a_choice_waiting_for_approval_is_answered_in_every_language_with_the_wait() {
    let books = books();
    for lang in LANGUAGES {
        let answer = ChoiceAnswer::NeedsApproval;
        let told = books.choice_answer(
            lang,
            answer,
            &Remedy::FullRefund,
            Some("Refund me"),
            &ana(),
            Some(10),
        );
        assert!(clean(&told), "{lang}: {told}");
        assert!(
            told.contains("*Refund me*") && told.contains("Ana") && told.contains("10"),
            "{lang}: names the option, the shopper and the wait: {told}"
        );
        let refused = books.choice_answer(
            lang,
            ChoiceAnswer::Refused,
            &Remedy::FullRefund,
            Some("Refund me"),
            &ana(),
            Some(10),
        );
        assert_ne!(told, refused, "{lang}: waiting is not refused");
        assert!(refused.contains("10"), "{lang}: {refused}");
        if lang != "en" {
            let english = books.choice_answer(
                "en",
                answer,
                &Remedy::FullRefund,
                Some("Refund me"),
                &ana(),
                Some(10),
            );
            assert_ne!(told, english, "{lang} has its own words");
        }
    }
}

#[test]
fn without_a_known_wait_the_answer_promises_no_time() {
    let books = books();
    for lang in LANGUAGES {
        for answer in [ChoiceAnswer::Refused, ChoiceAnswer::NeedsApproval] {
            let told = books.choice_answer(lang, answer, &Remedy::Replacement, None, &ana(), None);
            assert!(clean(&told), "{lang}: {told}");
            assert!(!told.contains("10"), "{lang}: {told}");
        }
    }
}

#[test]
fn a_choice_waiting_for_approval_says_it_is_not_done_yet() {
    let books = books();
    let not_yet = [
        ("en", "not been done yet"),
        ("es", "todavía no"),
        ("pt", "ainda não"),
        ("de", "noch nicht"),
        ("fr", "pas encore"),
        ("it", "non è ancora"),
        ("nl", "nog niet"),
        ("id", "belum"),
    ];
    for (lang, words) in not_yet {
        let told = books.choice_answer(
            lang,
            ChoiceAnswer::NeedsApproval,
            &Remedy::FullRefund,
            None,
            &ana(),
            Some(10),
        );
        assert!(told.contains(words), "{lang}: {told}");
    }
}

#[test]
fn a_choice_a_supervisor_did_not_approve_is_told_as_not_done_in_every_language_and_register() {
    let books = books();
    let not_done = [
        ("en", "was not approved"),
        ("es", "no se ha aprobado"),
        ("pt", "não foi aprovado"),
        ("de", "nicht freigegeben"),
        ("fr", "n'a pas été validé"),
        ("it", "non è stato approvato"),
        ("nl", "niet goedgekeurd"),
        ("id", "tidak disetujui"),
    ];
    for (lang, words) in not_done {
        for register in [Register::Informal, Register::Formal] {
            let facts = Facts { register, ..ana() };
            let answer = |kind, wait| {
                books.choice_answer(
                    lang,
                    kind,
                    &Remedy::FullRefund,
                    Some("Refund me"),
                    &facts,
                    wait,
                )
            };
            let told = answer(ChoiceAnswer::NotApproved, Some(10));
            assert!(clean(&told), "{lang} {register:?}: {told}");
            assert!(
                told.contains("*Refund me*") && told.contains(words) && told.contains("10"),
                "{lang} {register:?}: names the option, says no, and when a person replies: {told}"
            );
            assert_ne!(
                told,
                answer(ChoiceAnswer::NeedsApproval, Some(10)),
                "{lang}"
            );
            assert_ne!(told, answer(ChoiceAnswer::Refused, Some(10)), "{lang}");
            let no_time = answer(ChoiceAnswer::NotApproved, None);
            assert!(
                clean(&no_time) && !no_time.contains("10"),
                "{lang}: {no_time}"
            );
        }
    }
}
