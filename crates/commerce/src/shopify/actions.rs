//! The `Shop` operations for Shopify: lookups, refunds, replacements, codes and notes.

use super::parse::{Connection, GqlOrder};
use super::{queries, user_errors, ShopifyShop, SERVICE};
use crate::error::CommerceError;
use crate::model::Order;
use crate::shop::*;
use async_trait::async_trait;
use chrono::Utc;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

impl ShopifyShop {
    async fn orders_matching(&self, query: &str, q: String) -> Result<Vec<Order>, CommerceError> {
        let data = self.graphql(query, json!({ "q": q })).await?;
        let nodes: Connection<GqlOrder> = serde_json::from_value(data["orders"].clone())
            .map_err(|e| CommerceError::decode(SERVICE, e))?;
        nodes
            .nodes
            .into_iter()
            .map(|o| o.into_order(&self.name, &self.shop))
            .collect()
    }

    fn remembered<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let done = self.done.lock().ok()?;
        serde_json::from_value(done.get(key)?.clone()).ok()
    }

    fn remember<T: Serialize>(&self, key: &str, value: &T) {
        if let (Ok(mut done), Ok(v)) = (self.done.lock(), serde_json::to_value(value)) {
            done.insert(key.to_string(), v);
        }
    }

    /// The payment to refund through, from Shopify's own suggestion.
    async fn parent_transaction(&self, order: &Order) -> Result<(String, String), CommerceError> {
        let data = self
            .graphql(queries::SUGGESTED_REFUND, json!({ "id": order.id }))
            .await?;
        let txs = data["order"]["suggestedRefund"]["suggestedTransactions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        txs.iter()
            .find_map(|t| {
                Some((
                    t["parentTransaction"]["id"].as_str()?.to_string(),
                    t["gateway"].as_str()?.to_string(),
                ))
            })
            .ok_or_else(|| {
                CommerceError::UserErrors(vec![format!(
                    "order #{} has no payment left to refund through",
                    order.number
                )])
            })
    }
}

fn contact_query(phone: Option<&str>, email: Option<&str>) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(e) = email.map(str::trim).filter(|e| e.contains('@')) {
        parts.push(format!("email:{}", queries::graphql_string(e)));
    }
    if let Some(p) = phone.map(digits).filter(|p| p.len() >= 6) {
        parts.push(format!(
            "phone:{}",
            queries::graphql_string(&format!("+{p}"))
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" OR "))
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn discount_value(order: &Order, value: &DiscountValue) -> Result<Value, CommerceError> {
    match value {
        DiscountValue::PercentBasisPoints(bp) if *bp > 0 && *bp <= 10_000 => {
            // Shopify wants a 0.00–1.00 fraction; this is a protocol number, not money.
            Ok(json!({ "percentage": f64::from(*bp) / 10_000.0 }))
        }
        DiscountValue::PercentBasisPoints(bp) => Err(CommerceError::UserErrors(vec![format!(
            "a discount of {} % is not between 0 and 100",
            percent_string(*bp)
        )])),
        DiscountValue::Fixed(m) if m.currency == order.currency && m.minor > 0 => Ok(
            json!({ "discountAmount": { "amount": m.to_decimal_string(), "appliesOnEachItem": false } }),
        ),
        DiscountValue::Fixed(m) => Err(CommerceError::UserErrors(vec![format!(
            "a fixed discount must be a positive amount in {}, not {m}",
            order.currency
        )])),
    }
}

#[async_trait]
impl Shop for ShopifyShop {
    fn name(&self) -> &str {
        &self.name
    }

    /// Searches by name and keeps only an exact match (Shopify's search may match prefixes).
    /// Not found and no `read_all_orders` → `TooOld`, which explains the 60-day window.
    async fn order_by_number(&self, number: &str) -> Result<Option<Order>, CommerceError> {
        let wanted = number.trim().trim_start_matches('#');
        if wanted.is_empty() {
            return Ok(None);
        }
        let found = self
            .orders_matching(&queries::order_by_name(), format!("name:#{wanted}"))
            .await?;
        if let Some(o) = found
            .into_iter()
            .find(|o| o.number.eq_ignore_ascii_case(wanted))
        {
            return Ok(Some(o));
        }
        let all_orders = match self.scopes().await {
            Ok(s) => s.iter().any(|s| s == "read_all_orders"),
            Err(e) => {
                tracing::warn!(store = %self.name, error = %e, "could not read the app's scopes");
                false
            }
        };
        if all_orders {
            Ok(None)
        } else {
            Err(CommerceError::TooOld {
                number: wanted.to_string(),
            })
        }
    }

    async fn recent_orders_by_contact(
        &self,
        phone: Option<&str>,
        email: Option<&str>,
    ) -> Result<Vec<Order>, CommerceError> {
        let Some(q) = contact_query(phone, email) else {
            return Ok(Vec::new());
        };
        let phone = phone.map(digits).filter(|p| p.len() >= 6);
        let email = email.map(|e| e.trim().to_lowercase());
        let orders = self
            .orders_matching(&queries::orders_by_contact(), q)
            .await?;
        Ok(orders
            .into_iter()
            .filter(|o| {
                phone.is_some() && o.customer.phone.as_deref().map(digits) == phone
                    || email.is_some()
                        && o.customer.email.as_deref().map(str::to_lowercase) == email
            })
            .collect())
    }

    async fn refund(
        &self,
        order: &Order,
        req: &RefundRequest,
    ) -> Result<RefundDone, CommerceError> {
        let memo = format!("refund:{}", req.idempotency_key);
        if let Some(done) = self.remembered::<RefundDone>(&memo) {
            return Ok(done);
        }
        check_refund(order, req)?;
        let mut input = json!({ "orderId": order.id, "note": req.reason, "notify": req.notify });
        if !req.lines.is_empty() {
            let lines: Vec<Value> = req
                .lines
                .iter()
                .map(|l| {
                    json!({ "lineItemId": l.line_item_id,
                "quantity": l.quantity, "restockType": "NO_RESTOCK" })
                })
                .collect();
            input["refundLineItems"] = json!(lines);
        }
        if req.through_gateway {
            let (parent, gateway) = self.parent_transaction(order).await?;
            input["transactions"] = json!([{ "orderId": order.id, "parentId": parent, "gateway": gateway,
                "kind": "REFUND", "amount": req.amount.to_decimal_string() }]);
        }
        let key = self
            .version_at_least("2026-01")
            .then_some(req.idempotency_key.as_str());
        let data = self
            .graphql(&queries::refund(key), json!({ "input": input }))
            .await?;
        let payload = &data["refundCreate"];
        user_errors(payload)?;
        let id = payload["refund"]["id"]
            .as_str()
            .ok_or_else(|| CommerceError::decode(SERVICE, "refund id missing"))?;
        let amount = match payload["refund"]["totalRefundedSet"]["shopMoney"].clone() {
            Value::Null => req.amount.clone(),
            m => serde_json::from_value::<super::parse::GqlMoney>(m)
                .map_err(|e| CommerceError::decode(SERVICE, e))?
                .to_money()?,
        };
        let done = RefundDone {
            id: id.to_string(),
            amount,
        };
        self.remember(&memo, &done);
        Ok(done)
    }

    async fn create_replacement(
        &self,
        order: &Order,
        items: &[ReplacementItem],
        note: &str,
        idempotency_key: &str,
    ) -> Result<ReplacementDone, CommerceError> {
        let memo = format!("replacement:{idempotency_key}");
        if let Some(done) = self.remembered::<ReplacementDone>(&memo) {
            return Ok(done);
        }
        let mut lines = Vec::new();
        let mut problems = Vec::new();
        for it in items {
            match order.line_items.iter().find(|l| l.id == it.line_item_id).and_then(|l| l.variant_id.as_ref()) {
                Some(v) if it.quantity > 0 => lines.push(json!({ "variantId": v, "quantity": it.quantity })),
                _ => problems.push(format!("line item {} cannot be sent again (not in the order, no variant, or quantity 0)", it.line_item_id)),
            }
        }
        if lines.is_empty() || !problems.is_empty() {
            problems.push("nothing to replace".into());
            return Err(CommerceError::UserErrors(problems));
        }
        let mut input = json!({
            "lineItems": lines,
            "appliedDiscount": { "valueType": "PERCENTAGE", "value": 100.0, "title": "Free replacement" },
            "note": note,
            "tags": ["lifeline-replacement", format!("replaces-{}", order.number)],
        });
        if let Some(c) = &order.customer.id {
            input["purchasingEntity"] = json!({ "customerId": c });
        }
        if let Some(e) = &order.customer.email {
            input["email"] = json!(e);
        }
        let data = self
            .graphql(queries::DRAFT_ORDER_CREATE, json!({ "input": input }))
            .await?;
        user_errors(&data["draftOrderCreate"])?;
        let draft = data["draftOrderCreate"]["draftOrder"]["id"]
            .as_str()
            .ok_or_else(|| CommerceError::decode(SERVICE, "draft order id missing"))?;
        let data = self
            .graphql(queries::DRAFT_ORDER_COMPLETE, json!({ "id": draft }))
            .await?;
        user_errors(&data["draftOrderComplete"])?;
        let placed = &data["draftOrderComplete"]["draftOrder"]["order"];
        let (Some(id), Some(name)) = (placed["id"].as_str(), placed["name"].as_str()) else {
            return Err(CommerceError::decode(
                SERVICE,
                "the completed draft has no order",
            ));
        };
        let done = ReplacementDone {
            order_number: name.trim_start_matches('#').to_string(),
            id: id.to_string(),
        };
        self.remember(&memo, &done);
        Ok(done)
    }

    async fn create_discount_code(
        &self,
        order: &Order,
        req: &DiscountRequest,
    ) -> Result<DiscountDone, CommerceError> {
        let memo = format!("discount:{}", req.idempotency_key);
        if let Some(done) = self.remembered::<DiscountDone>(&memo) {
            return Ok(done);
        }
        let Some(customer) = &order.customer.id else {
            return Err(CommerceError::UserErrors(vec![format!(
                "order #{} has no customer to tie the code to",
                order.number
            )]));
        };
        let mut input = json!({
            "title": format!("Apology {} #{}", req.code, order.number),
            "code": req.code,
            "startsAt": Utc::now().to_rfc3339(),
            "usageLimit": 1,
            "appliesOncePerCustomer": true,
            "customerGets": { "value": discount_value(order, &req.value)?, "items": { "all": true } },
        });
        if let Some(end) = req.expires_at {
            input["endsAt"] = json!(end.to_rfc3339());
        }
        let who = json!({ "customers": { "add": [customer] } });
        let field = if self.version_at_least("2025-10") {
            "context"
        } else {
            "customerSelection"
        };
        input[field] = who;
        let data = self
            .graphql(
                queries::DISCOUNT_CREATE,
                json!({ "basicCodeDiscount": input }),
            )
            .await?;
        let payload = &data["discountCodeBasicCreate"];
        user_errors(payload)?;
        let id = payload["codeDiscountNode"]["id"]
            .as_str()
            .ok_or_else(|| CommerceError::decode(SERVICE, "discount id missing"))?;
        let done = DiscountDone {
            code: req.code.clone(),
            id: id.to_string(),
        };
        self.remember(&memo, &done);
        Ok(done)
    }

    async fn add_note(
        &self,
        order: &Order,
        note: &str,
        tags: &[String],
    ) -> Result<(), CommerceError> {
        let full = match order.note.as_deref().filter(|n| !n.is_empty()) {
            Some(old) => format!("{old}\n{note}"),
            None => note.to_string(),
        };
        let data = self
            .graphql(
                queries::ORDER_NOTE,
                json!({ "input": { "id": order.id, "note": full } }),
            )
            .await?;
        user_errors(&data["orderUpdate"])?;
        if !tags.is_empty() {
            let data = self
                .graphql(queries::TAGS_ADD, json!({ "id": order.id, "tags": tags }))
                .await?;
            user_errors(&data["tagsAdd"])?;
        }
        Ok(())
    }
}
