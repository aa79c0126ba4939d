//! Who a send is for, read as Meta reads it since 2026: a phone number in `to`, a business-scoped user id
//! (or parent BSUID) in `recipient`, `to` winning when both are given.

use lifeline_whatsapp::recipient::{is_user_id, phone_digits};
use serde_json::Value;

use crate::graph_error::GraphError;

/// The address of an accepted send.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Address {
    /// Phone digits with country code, no `+`.
    Phone(String),
    /// A BSUID or parent BSUID, as given in `recipient`.
    UserId(String),
}

/// A send's address and the text it was written as (echoed as `contacts[].input`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Addressed {
    pub address: Address,
    pub input: String,
}

fn field<'a>(body: &'a Value, name: &str) -> Option<&'a str> {
    body.get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// Reads `to` or `recipient`; a BSUID in `to` or a phone in `recipient` is refused with Meta's 131009.
pub(crate) fn address(body: &Value) -> Result<Addressed, GraphError> {
    if let Some(to) = field(body, "to") {
        let digits = phone_digits(to).filter(|d| (6..=15).contains(&d.len()));
        let digits =
            digits.ok_or_else(|| GraphError::value_invalid("Invalid E.164 phone number"))?;
        return Ok(Addressed {
            address: Address::Phone(digits),
            input: to.to_string(),
        });
    }
    if let Some(recipient) = field(body, "recipient") {
        if !is_user_id(recipient) {
            return Err(GraphError::value_invalid("Invalid BSUID format"));
        }
        return Ok(Addressed {
            address: Address::UserId(recipient.trim().to_string()),
            input: recipient.to_string(),
        });
    }
    Err(GraphError::required_missing(
        "The parameter to (a phone number) or recipient (a business-scoped user id) is required.",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn code(body: Value) -> Result<Address, (i64, String)> {
        address(&body)
            .map(|a| a.address)
            .map_err(|e| (e.code, e.details))
    }

    #[test]
    fn a_phone_goes_in_to_and_a_bsuid_in_recipient() {
        assert_eq!(
            code(json!({"to": "+55 11 98765-4321"})),
            Ok(Address::Phone("5511987654321".into()))
        );
        assert_eq!(
            code(json!({"recipient": "US.13491208655302741918"})),
            Ok(Address::UserId("US.13491208655302741918".into()))
        );
        assert_eq!(
            code(json!({"recipient": "US.ENT.11815799212886844830"})),
            Ok(Address::UserId("US.ENT.11815799212886844830".into()))
        );
    }

    #[test]
    fn to_wins_when_both_are_given() {
        let both = json!({"to": "5511987654321", "recipient": "US.13491208655302741918"});
        assert_eq!(code(both), Ok(Address::Phone("5511987654321".into())));
    }

    #[test]
    fn the_wrong_kind_of_id_is_refused_in_meta_words() {
        let bsuid_in_to = code(json!({"to": "US.13491208655302741918"}));
        assert_eq!(
            bsuid_in_to,
            Err((131009, "Invalid E.164 phone number".into()))
        );
        let phone_in_recipient = code(json!({"recipient": "+5511987654321"}));
        assert_eq!(
            phone_in_recipient,
            Err((131009, "Invalid BSUID format".into()))
        );
        assert_eq!(code(json!({"to": ""})).unwrap_err().0, 131008);
    }
}
