//! A product's name in the words the shopper receives: set off as a name ("el artículo «Camiseta
//! azul»", "o item “Camiseta azul”", "den Artikel „Camiseta azul“"), never dropped bare into a sentence
//! whose grammar wants an article ("pediste Camiseta azul", "você pediu Camiseta azul").

use lifeline_desk::address::Register;
use lifeline_desk::missing::MissingLine;
use lifeline_desk::playbook::{Playbooks, LANGUAGES};
use lifeline_desk::remedy::OrderLine;
use lifeline_desk::situation::{Facts, Situation};
use lifeline_desk::Remedy;

const ITEM: &str = "Camiseta azul";

fn line() -> OrderLine {
    OrderLine {
        line_id: "7".into(),
        quantity: 1,
        name: ITEM.into(),
    }
}

fn order(register: Register) -> Facts {
    Facts {
        shopper_name: Some("Rafael".into()),
        order_number: Some("1042".into()),
        item: Some(ITEM.into()),
        order_total_minor: Some(5980),
        currency: Some("EUR".into()),
        has_photo: true,
        offers: vec![Remedy::Replacement, Remedy::FullRefund],
        register,
        ..Facts::default()
    }
}

fn missing(register: Register) -> Facts {
    Facts {
        missing_line: Some(MissingLine::Known {
            line: line(),
            unit_price_minor: 2990,
        }),
        offers: vec![
            Remedy::LineReplacement { line: line() },
            Remedy::LineRefund { line: line() },
        ],
        ..order(register)
    }
}

/// The drafts that name the item, for a shopper writing in `register`.
fn drafts(books: &Playbooks, lang: &str, register: Register) -> Vec<(Situation, String)> {
    let named = [
        (Situation::WrongItem, order(register)),
        (Situation::MissingItem, missing(register)),
        (Situation::DamagedWithPhoto, order(register)),
        (Situation::Oversold, order(register)),
    ];
    named
        .into_iter()
        .map(|(sit, facts)| (sit, books.draft(sit, lang, &facts).text))
        .collect()
}

/// What may stand right before a product's name: an opening quote or bracket.
const OPENERS: [&str; 6] = ["«", "« ", "“", "„", "‘", "("];

#[test]
fn a_product_name_is_always_set_off_as_a_name() {
    let books = Playbooks::builtin().expect("built-in texts parse");
    let mut problems = Vec::new();
    // Indonesian has no articles: "Kakak pesan Camiseta azul" reads right as it is.
    for lang in LANGUAGES.iter().filter(|l| **l != "id") {
        for register in [Register::Informal, Register::Formal] {
            for (sit, text) in drafts(&books, lang, register) {
                let bare = (text.match_indices(ITEM))
                    .any(|(at, _)| !OPENERS.iter().any(|o| text[..at].ends_with(o)));
                if bare || !text.contains(ITEM) {
                    problems.push(format!("{lang} {register:?} {sit:?}:\n{text}"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} drafts put the product name bare:\n{}",
        problems.len(),
        problems.join("\n---\n")
    );
}

#[test]
fn spanish_and_portuguese_wrong_items_name_the_article_ordered() {
    let books = Playbooks::builtin().expect("built-in texts parse");
    for (lang, words) in [
        ("es", "pediste el artículo «Camiseta azul»"),
        ("pt", "você pediu o item “Camiseta azul”"),
    ] {
        let text = books
            .draft(Situation::WrongItem, lang, &order(Register::Informal))
            .text;
        assert!(text.contains(words), "{lang}: {text}");
    }
    let missing = books
        .draft(Situation::MissingItem, "pt", &missing(Register::Informal))
        .text;
    assert!(
        missing.contains("tenha faltado 1 × “Camiseta azul” no seu pacote"),
        "{missing}"
    );
}
