//! The number's approved (and pending) message templates, for agents to pick from.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ClientError, CloudClient};
use crate::json::{array_at, non_empty_str_at, str_at};

/// Pages followed at most, so a misbehaving server cannot keep us looping.
const MAX_PAGES: usize = 100;

/// One template as WhatsApp Manager knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateInfo {
    pub name: String,
    /// Language code, e.g. "es_MX".
    pub language: String,
    /// MARKETING, UTILITY or AUTHENTICATION.
    pub category: String,
    /// APPROVED, PENDING, REJECTED, PAUSED…
    pub status: String,
    /// The template's header, body, footer and buttons, as Meta describes them.
    pub components: Value,
}

fn template_of(v: &Value) -> Option<TemplateInfo> {
    Some(TemplateInfo {
        name: non_empty_str_at(v, "name")?,
        language: str_at(v, "language").unwrap_or_default(),
        category: str_at(v, "category").unwrap_or_default(),
        status: str_at(v, "status").unwrap_or_default(),
        components: v.get("components").cloned().unwrap_or(Value::Array(vec![])),
    })
}

impl CloudClient {
    /// Lists every template of a WhatsApp Business Account, following `paging.next`. A `next`
    /// link outside the configured base is not followed directly; its `after` cursor is used
    /// against the base instead, so the token only goes to the configured host.
    pub async fn list_templates(&self, waba_id: &str) -> Result<Vec<TemplateInfo>, ClientError> {
        let first = self.url(&format!("{waba_id}/message_templates"));
        let mut request = self.http.get(&first).query(&[("limit", "100")]);
        let mut templates = Vec::new();
        for _ in 0..MAX_PAGES {
            let page = self.call_json(request).await?;
            templates.extend(array_at(&page, "data").iter().filter_map(template_of));
            let paging = page.get("paging");
            let Some(next) = paging.and_then(|p| non_empty_str_at(p, "next")) else {
                return Ok(templates);
            };
            request = if next.starts_with(&format!("{}/", self.api_base)) {
                self.http.get(next)
            } else {
                let after = paging
                    .and_then(|p| p.get("cursors"))
                    .and_then(|c| non_empty_str_at(c, "after"))
                    .ok_or_else(|| {
                        self.decode("paging.next points elsewhere and has no cursor".into())
                    })?;
                self.http
                    .get(&first)
                    .query(&[("limit", "100"), ("after", after.as_str())])
            };
        }
        Err(self.decode(format!("more than {MAX_PAGES} pages of templates")))
    }
}
