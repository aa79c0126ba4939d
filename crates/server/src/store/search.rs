//! What the inbox and the queue search in: a shopper's name and username folded the same way as what the
//! agent types (lower case, accents dropped), so "lucia garcia" finds "Lucía García" on SQLite, whose
//! `LOWER` only knows ASCII, and on PostgreSQL alike.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use super::Store;

/// The folded copies of a contact's name and username, kept beside them.
pub const V13_SEARCH_NAMES: &str = r#"
ALTER TABLE contacts ADD COLUMN search_name TEXT;
ALTER TABLE contacts ADD COLUMN search_username TEXT;
"#;

/// `text` in lower case without accents: "Lucía" → "lucia", "Straße" → "strasse", "ÇAĞRI" → "cagri".
pub fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let letters = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase);
    for c in letters {
        match c {
            'ß' => out.push_str("ss"),
            'ı' => out.push('i'),
            c => out.push(c),
        }
    }
    out
}

/// The folded form of an optional text.
pub fn folded_opt(text: Option<&str>) -> Option<String> {
    text.map(folded)
}

/// Rows folded per statement while filling in contacts written before the folded columns existed.
const FILL_BATCH: i64 = 500;

impl Store {
    /// Folds the names and usernames of contacts stored before the folded columns existed; a no-op once
    /// every contact has them. Run at start, after the migrations.
    pub(super) async fn fill_search_names(&self) -> anyhow::Result<u64> {
        let mut filled = 0;
        loop {
            let rows: Vec<(i64, Option<String>, Option<String>)> = sqlx::query_as(
                "SELECT id, name, username FROM contacts \
                 WHERE (name IS NOT NULL AND search_name IS NULL) \
                    OR (username IS NOT NULL AND search_username IS NULL) \
                 ORDER BY id LIMIT $1",
            )
            .bind(FILL_BATCH)
            .fetch_all(&self.writer)
            .await?;
            if rows.is_empty() {
                return Ok(filled);
            }
            let mut tx = self.writer.begin().await?;
            for (id, name, username) in &rows {
                sqlx::query(
                    "UPDATE contacts SET search_name = $1, search_username = $2 WHERE id = $3",
                )
                .bind(folded_opt(name.as_deref()).unwrap_or_default())
                .bind(folded_opt(username.as_deref()).unwrap_or_default())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            filled += rows.len() as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::folded;

    #[test]
    fn accents_and_case_fold_away() {
        assert_eq!(folded("Lucía García"), "lucia garcia");
        assert_eq!(folded("JOÃO CONCEIÇÃO"), "joao conceicao");
        assert_eq!(folded("Straße"), "strasse");
        assert_eq!(folded("Zoë Ørsted"), "zoe ørsted");
        assert_eq!(folded("#1024"), "#1024");
    }
}
