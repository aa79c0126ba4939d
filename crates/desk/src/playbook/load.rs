//! Where the texts come from: the files built into Lifeline, and a store's override directory.

use std::collections::BTreeMap;
use std::path::Path;

use super::schema::Family;
use super::{PlaybookError, TextBook};

pub(super) const BUILTIN_PLAYBOOKS: [(&str, &str); 8] = [
    ("en", include_str!("../../texts/playbooks/en.toml")),
    ("es", include_str!("../../texts/playbooks/es.toml")),
    ("pt", include_str!("../../texts/playbooks/pt.toml")),
    ("fr", include_str!("../../texts/playbooks/fr.toml")),
    ("de", include_str!("../../texts/playbooks/de.toml")),
    ("it", include_str!("../../texts/playbooks/it.toml")),
    ("id", include_str!("../../texts/playbooks/id.toml")),
    ("nl", include_str!("../../texts/playbooks/nl.toml")),
];
pub(super) const BUILTIN_ACKS: [(&str, &str); 8] = [
    ("en", include_str!("../../texts/ack/en.toml")),
    ("es", include_str!("../../texts/ack/es.toml")),
    ("pt", include_str!("../../texts/ack/pt.toml")),
    ("fr", include_str!("../../texts/ack/fr.toml")),
    ("de", include_str!("../../texts/ack/de.toml")),
    ("it", include_str!("../../texts/ack/it.toml")),
    ("id", include_str!("../../texts/ack/id.toml")),
    ("nl", include_str!("../../texts/ack/nl.toml")),
];

pub(super) fn builtin_family(
    files: &[(&str, &str)],
    family: Family,
) -> Result<BTreeMap<String, TextBook>, PlaybookError> {
    files
        .iter()
        .map(|(lang, text)| {
            let file = format!("texts/{}/{lang}.toml", family.folder());
            Ok((lang.to_string(), TextBook::parse(&file, text)?))
        })
        .collect()
}

pub(super) fn override_family(
    dir: &Path,
    family: Family,
    books: &mut BTreeMap<String, TextBook>,
) -> Result<(), PlaybookError> {
    let folder = dir.join(family.folder());
    let Ok(listing) = std::fs::read_dir(&folder) else {
        return Ok(());
    };
    for item in listing {
        let path = item
            .map_err(|e| PlaybookError::Io {
                path: folder.display().to_string(),
                message: e.to_string(),
            })?
            .path();
        let Some(lang) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| PlaybookError::Io {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        books
            .entry(lang)
            .or_default()
            .merge(TextBook::parse(&shown, &text)?);
    }
    Ok(())
}
