//! The business number as Meta describes it: the cheapest call that proves the token still works.

use serde::{Deserialize, Serialize};

use super::{ClientError, CloudClient};
use crate::json::{id_at, non_empty_str_at};

/// What `GET /{version}/{phone-number-id}` says about the number this client sends from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberInfo {
    /// The phone number id, as Meta echoes it.
    pub id: String,
    /// The number as WhatsApp shows it to shoppers, e.g. "+1 555-555-5555".
    pub display_phone_number: Option<String>,
}

impl CloudClient {
    /// Reads the number's id and display number (Meta's `getPhoneNumberById`). It sends nothing to
    /// anyone, so the desk calls it at start and while a number is unhealthy: an expired or revoked
    /// token answers 401 with code 190 here exactly as it would on a send.
    pub async fn number_info(&self) -> Result<NumberInfo, ClientError> {
        let url = self.url(&self.phone_number_id);
        let request = self
            .http
            .get(url)
            .query(&[("fields", "id,display_phone_number")]);
        let answer = self.call_json(request).await?;
        let id = id_at(&answer, "id")
            .ok_or_else(|| self.decode("the phone number answer has no id".into()))?;
        Ok(NumberInfo {
            id,
            display_phone_number: non_empty_str_at(&answer, "display_phone_number"),
        })
    }
}
