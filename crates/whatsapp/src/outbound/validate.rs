//! `OutboundMessage::validate`: every limit of the reference, as a sentence an agent understands.

use std::collections::HashSet;

use super::{ListSection, OutboundMessage, ReplyButton};
use crate::limits::*;
use crate::webhook::MediaKind;

impl OutboundMessage {
    /// Checks WhatsApp's limits (§5 and §8 of the reference) before anything is sent, so an agent
    /// gets a clear sentence instead of a 400 from Meta.
    pub fn validate(&self) -> Result<(), LimitError> {
        match self {
            OutboundMessage::Text { body, .. } => check_text("text body", body, TEXT_BODY_MAX),
            OutboundMessage::Template {
                name,
                language,
                components,
            } => {
                check_text("template name", name, 512)?;
                check_text("template language", language, 16)?;
                components.iter().try_for_each(|c| c.validate())
            }
            OutboundMessage::Buttons {
                body,
                header,
                footer,
                buttons,
            } => {
                check_text("button message body", body, BUTTONS_BODY_MAX)?;
                check_header_footer(header.as_deref(), footer.as_deref())?;
                check_buttons(buttons)
            }
            OutboundMessage::List {
                body,
                header,
                footer,
                button,
                sections,
            } => {
                check_text("list body", body, TEXT_BODY_MAX)?;
                check_header_footer(header.as_deref(), footer.as_deref())?;
                check_text("list button label", button, BUTTON_TITLE_MAX)?;
                check_sections(sections)
            }
            OutboundMessage::Media {
                kind,
                id,
                link,
                caption,
                filename,
            } => check_media_message(*kind, id, link, caption.as_deref(), filename.as_deref()),
            OutboundMessage::Reaction { message_id, emoji } => {
                check_text("reaction message id", message_id, 512)?;
                if is_single_emoji(emoji) {
                    Ok(())
                } else {
                    Err(LimitError::Invalid(format!(
                        "reaction '{emoji}' is not a single emoji; WhatsApp reacts with exactly one"
                    )))
                }
            }
        }
    }
}

fn check_header_footer(header: Option<&str>, footer: Option<&str>) -> Result<(), LimitError> {
    if let Some(h) = header {
        check_text("header", h, HEADER_FOOTER_MAX)?;
    }
    if let Some(f) = footer {
        check_text("footer", f, HEADER_FOOTER_MAX)?;
    }
    Ok(())
}

fn check_count(what: &str, count: usize, max: usize) -> Result<(), LimitError> {
    if (1..=max).contains(&count) {
        return Ok(());
    }
    Err(LimitError::Count {
        what: what.into(),
        count,
        min: 1,
        max,
    })
}

/// Records `value` in `seen`, refusing a repeat.
fn unique<'a>(what: &str, value: &'a str, seen: &mut HashSet<&'a str>) -> Result<(), LimitError> {
    if seen.insert(value) {
        return Ok(());
    }
    Err(LimitError::Duplicate {
        what: what.into(),
        value: value.into(),
    })
}

fn check_buttons(buttons: &[ReplyButton]) -> Result<(), LimitError> {
    check_count("reply buttons", buttons.len(), BUTTONS_MAX)?;
    let (mut titles, mut ids) = (HashSet::new(), HashSet::new());
    for b in buttons {
        check_text("button title", &b.title, BUTTON_TITLE_MAX)?;
        check_text("button id", &b.id, BUTTON_ID_MAX)?;
        unique("button title", b.title.trim(), &mut titles)?;
        unique("button id", &b.id, &mut ids)?;
    }
    Ok(())
}

fn check_sections(sections: &[ListSection]) -> Result<(), LimitError> {
    check_count("list sections", sections.len(), LIST_SECTIONS_MAX)?;
    let rows = sections.iter().map(|s| s.rows.len()).sum();
    check_count("list rows (across all sections)", rows, LIST_ROWS_MAX)?;
    let mut ids = HashSet::new();
    for section in sections {
        match section.title.as_deref() {
            Some(t) => check_text("section title", t, SECTION_TITLE_MAX)?,
            None if sections.len() > 1 => {
                return Err(LimitError::Invalid(
                    "a list with several sections needs a title on each section".into(),
                ))
            }
            None => {}
        }
        if section.rows.is_empty() {
            return Err(LimitError::Invalid("a list section has no rows".into()));
        }
        for row in &section.rows {
            check_text("row title", &row.title, ROW_TITLE_MAX)?;
            check_text("row id", &row.id, ROW_ID_MAX)?;
            check_optional_text(
                "row description",
                row.description.as_deref(),
                ROW_DESCRIPTION_MAX,
            )?;
            unique("row id", &row.id, &mut ids)?;
        }
    }
    Ok(())
}

/// Exactly one of a media id and an https link.
pub(crate) fn one_source(
    what: &str,
    id: &Option<String>,
    link: &Option<String>,
) -> Result<(), LimitError> {
    match (id.as_deref(), link.as_deref()) {
        (Some(id), None) => check_text(&format!("{what} media id"), id, 512),
        (None, Some(link)) => {
            let lower = link.to_ascii_lowercase();
            if lower.starts_with("https://") || lower.starts_with("http://") {
                Ok(())
            } else {
                Err(LimitError::Invalid(format!(
                    "{what} link '{link}' is not an http(s) URL"
                )))
            }
        }
        (Some(_), Some(_)) => Err(LimitError::Invalid(format!(
            "{what} has both a media id and a link; give exactly one"
        ))),
        (None, None) => Err(LimitError::Invalid(format!(
            "{what} has neither a media id nor a link; give exactly one"
        ))),
    }
}

fn check_media_message(
    kind: MediaKind,
    id: &Option<String>,
    link: &Option<String>,
    caption: Option<&str>,
    filename: Option<&str>,
) -> Result<(), LimitError> {
    one_source(kind.as_str(), id, link)?;
    if caption.is_some()
        && !matches!(
            kind,
            MediaKind::Image | MediaKind::Video | MediaKind::Document
        )
    {
        return Err(LimitError::Invalid(format!(
            "a {kind} cannot carry a caption; only images, videos and documents can"
        )));
    }
    check_optional_text("caption", caption, CAPTION_MAX)?;
    if filename.is_some() && kind != MediaKind::Document {
        return Err(LimitError::Invalid(format!(
            "a {kind} cannot carry a file name; only documents can"
        )));
    }
    check_optional_text("file name", filename, 240)
}
