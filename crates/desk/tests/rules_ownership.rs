//! Whose order is it: phones in any spelling, what a shopper confirms, and what the agent is told.

use lifeline_desk::address::Register;
use lifeline_desk::ownership::{
    confirmed, judge, mask_email, same_phone, OrderContact, PhoneCheck, Proof, Shopper,
};
use lifeline_desk::playbook::{Playbooks, LANGUAGES};

fn anna() -> OrderContact {
    OrderContact {
        phone: Some("01701234567".into()),
        email: Some("Anna.Mueller@example.de".into()),
        postcode: Some("10115".into()),
        name: Some("Anna Müller".into()),
        country: Some("DE".into()),
    }
}

fn shopper(phone: &str, country: &str) -> Shopper {
    Shopper {
        phone: Some(phone.into()),
        country: Some(country.into()),
    }
}

#[test]
fn a_german_phone_in_national_form_is_the_same_as_its_international_form() {
    assert!(same_phone(
        "491701234567",
        Some("DE"),
        "01701234567",
        Some("DE")
    ));
    assert!(same_phone(
        "491701234567",
        Some("DE"),
        "00491701234567",
        None
    ));
    assert!(same_phone(
        "491701234567",
        Some("DE"),
        "+49 170 1234567",
        None
    ));
    // No country on the order: the shopper's own country reads the national form.
    assert!(same_phone("491701234567", Some("DE"), "0170 1234567", None));
    assert!(same_phone(
        "5511987654321",
        Some("BR"),
        "11987654321",
        Some("BR")
    ));
}

#[test]
fn a_different_number_is_not_the_same_phone() {
    assert!(!same_phone(
        "6281234567890",
        Some("ID"),
        "01701234567",
        Some("DE")
    ));
    assert!(!same_phone(
        "491701234568",
        Some("DE"),
        "01701234567",
        Some("DE")
    ));
    assert!(!same_phone("4917", Some("DE"), "4917", Some("DE")));
}

#[test]
fn someone_elses_order_is_not_verified_and_the_agent_is_told_why() {
    let v = judge(
        &anna(),
        &shopper("6281234567890", "ID"),
        &["#1024 punya teman saya"],
        "1024",
    );
    assert!(!v.is_verified());
    assert_eq!(v.phone, PhoneCheck::Different);
    let line = v.agent_line("1024");
    assert!(
        line.starts_with("order #1024 belongs to another customer"),
        "{line}"
    );
    assert!(
        line.contains("email, postcode, name not confirmed"),
        "{line}"
    );
    assert!(
        !line.contains("example.de") && !line.contains("1234567"),
        "masked only: {line}"
    );
}

#[test]
fn the_order_becomes_the_shoppers_when_they_write_its_email_postcode_or_full_name() {
    let o = anna();
    assert_eq!(
        confirmed(&o, "it's anna.mueller@EXAMPLE.de.", "1024"),
        Some(Proof::Email)
    );
    assert_eq!(confirmed(&o, "PLZ 10115", "1024"), Some(Proof::Postcode));
    assert_eq!(
        confirmed(&o, "the name is ANNA MULLER", "1024"),
        Some(Proof::Name)
    );
    assert_eq!(
        confirmed(&o, "Anna", "1024"),
        None,
        "a first name alone is not enough"
    );
    assert_eq!(confirmed(&o, "order 1011 5", "1024"), None);
    let v = judge(
        &o,
        &shopper("6281234567890", "ID"),
        &["hi", "10115"],
        "1024",
    );
    assert_eq!(v.proof, Some(Proof::Postcode));
}

#[test]
fn a_postcode_equal_to_the_order_number_proves_nothing() {
    let o = OrderContact {
        postcode: Some("1024".into()),
        ..OrderContact::default()
    };
    assert_eq!(confirmed(&o, "order #1024", "1024"), None);
}

#[test]
fn a_marketplace_order_without_a_phone_is_not_yet_confirmed_rather_than_someone_elses() {
    let o = OrderContact {
        email: Some("x7k2@marketplace.amazon.de".into()),
        postcode: Some("80331".into()),
        ..OrderContact::default()
    };
    let v = judge(&o, &shopper("491701234567", "DE"), &[], "302-1");
    assert_eq!(v.phone, PhoneCheck::NoOrderPhone);
    let line = v.agent_line("302-1");
    assert!(
        line.contains("not yet confirmed as this shopper's"),
        "{line}"
    );
    assert!(v
        .clone()
        .by_agent("mia")
        .agent_line("302-1")
        .contains("marked verified by mia"));
    assert_eq!(mask_email("x7k2@marketplace.amazon.de"), "x•••@m•••.de");
}

#[test]
fn the_shopper_is_asked_to_confirm_in_every_language_without_the_owners_name() {
    let books = Playbooks::builtin().unwrap();
    books.validate().unwrap();
    for lang in LANGUAGES {
        let text = books.ask_owner(lang, Register::Informal, Some("1024"), Some("Sari Dewi"));
        assert!(
            text.contains("#1024") && text.contains("Sari"),
            "{lang}: {text}"
        );
        assert!(!text.contains('{'), "{lang}: {text}");
    }
}
