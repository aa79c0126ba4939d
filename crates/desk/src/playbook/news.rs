//! The words of an automatic message about a parcel's state: `follow_up.<news>` filled with the case's
//! facts (where it waits and until when, what the carrier reported, what customs ask), or the plain
//! tracking words when the state needs nothing more. Written like every other text (the shopper's
//! language and register), with no options: an automatic message offers nothing by itself.

use super::Playbooks;
use crate::followup::news::ParcelNews;
use crate::situation::Facts;

impl Playbooks {
    /// The automatic message telling the shopper the parcel's news. A sentence whose fact the parcel does
    /// not give (the place, the deadline, the link) is left out.
    pub fn parcel_news_text(&self, lang: &str, news: ParcelNews, facts: &Facts) -> String {
        let key = news.text_key().unwrap_or("tracking_changed");
        let facts = Facts {
            offers: Vec::new(),
            ..facts.clone()
        };
        self.compose(lang, &format!("follow_up.{key}"), None, &facts)
            .0
    }
}
