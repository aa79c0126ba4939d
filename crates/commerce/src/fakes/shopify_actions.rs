//! The fake Shopify's mutations: refunds, draft orders, discount codes, notes and tags.

use super::shopify::ShopifyState;
use crate::model::{FinancialStatus, FulfilmentStatus, Order};
use crate::money::Money;
use chrono::Utc;
use serde_json::{json, Value};

fn user_error(field: &[&str], message: &str) -> Value {
    json!([{ "field": field, "message": message }])
}

impl ShopifyState {
    fn gid(&mut self, kind: &str) -> String {
        self.next_id += 1;
        format!("gid://shopify/{kind}/{}", 7_000_000 + self.next_id)
    }

    /// `@idempotent` is unknown before 2026-01 and mandatory from 2026-04.
    pub(crate) fn refund(
        &mut self,
        version: &str,
        key: Option<String>,
        input: &Value,
    ) -> Result<Value, String> {
        match (&key, version) {
            (Some(_), v) if v < "2026-01" && v != "unstable" => {
                return Err("Directive 'idempotent' is not defined".into())
            }
            (None, v) if v >= "2026-04" => {
                return Err("The @idempotent directive is required for this mutation".into())
            }
            _ => {}
        }
        if let Some(done) = key.as_ref().and_then(|k| self.refund_keys.get(k)) {
            return Ok(done.clone());
        }
        let id = input["orderId"].as_str().unwrap_or_default();
        let Some(order) = self.orders.iter().find(|o| o.id == id).cloned() else {
            return Ok(
                json!({ "refundCreate": { "refund": null, "userErrors": user_error(&["orderId"], "Order does not exist") } }),
            );
        };
        let mut amount = 0i64;
        for tx in input["transactions"].as_array().into_iter().flatten() {
            match tx["amount"]
                .as_str()
                .map(|a| Money::parse(a, &order.currency))
            {
                Some(Ok(m)) => amount += m.minor,
                _ => {
                    return Ok(
                        json!({ "refundCreate": { "refund": null, "userErrors": user_error(&["transactions", "0", "amount"], "Amount is invalid") } }),
                    )
                }
            }
        }
        if amount > self.remaining(&order) {
            return Ok(json!({ "refundCreate": { "refund": null,
                "userErrors": user_error(&["transactions", "0", "amount"], "Refund amount exceeds the amount that can be refunded") } }));
        }
        *self.refunded.entry(order.id.clone()).or_default() += amount;
        let left = self.remaining(&order);
        if let Some(o) = self.orders.iter_mut().find(|o| o.id == id) {
            o.financial_status = if left <= 0 {
                FinancialStatus::Refunded
            } else {
                FinancialStatus::PartiallyRefunded
            };
        }
        let mut recorded = input.clone();
        if let Some(k) = &key {
            recorded["idempotencyKey"] = json!(k);
        }
        self.refunds.push(recorded);
        let refund_id = self.gid("Refund");
        let answer = json!({ "refundCreate": { "userErrors": [], "refund": { "id": refund_id,
            "totalRefundedSet": { "shopMoney": { "amount": Money::new(amount, &order.currency).to_decimal_string(), "currencyCode": order.currency } } } } });
        if let Some(k) = key {
            self.refund_keys.insert(k, answer.clone());
        }
        Ok(answer)
    }

    fn variant_owner(&self, variant: &str) -> Option<(Order, usize)> {
        self.orders.iter().find_map(|o| {
            let i = o
                .line_items
                .iter()
                .position(|l| l.variant_id.as_deref() == Some(variant))?;
            Some((o.clone(), i))
        })
    }

    pub(crate) fn draft_create(&mut self, input: &Value) -> Value {
        let lines = input["lineItems"].as_array().cloned().unwrap_or_default();
        if lines.is_empty() {
            return json!({ "draftOrderCreate": { "draftOrder": null, "userErrors": user_error(&["lineItems"], "Add at least 1 product") } });
        }
        for (i, l) in lines.iter().enumerate() {
            if self
                .variant_owner(l["variantId"].as_str().unwrap_or_default())
                .is_none()
            {
                let idx = i.to_string();
                return json!({ "draftOrderCreate": { "draftOrder": null,
                    "userErrors": user_error(&["lineItems", &idx, "variantId"], "Product variant does not exist") } });
            }
        }
        let id = self.gid("DraftOrder");
        let mut recorded = input.clone();
        recorded["id"] = json!(id);
        recorded["completed"] = json!(false);
        self.drafts.push(recorded);
        json!({ "draftOrderCreate": { "draftOrder": { "id": id, "name": format!("#D{}", self.drafts.len()) }, "userErrors": [] } })
    }

    /// Places the draft as a real order; a 100 % discount makes it free.
    pub(crate) fn draft_complete(&mut self, id: &str) -> Value {
        let Some(idx) = self.drafts.iter().position(|d| d["id"] == id) else {
            return json!({ "draftOrderComplete": { "draftOrder": null, "userErrors": user_error(&["id"], "Draft order does not exist") } });
        };
        let draft = self.drafts[idx].clone();
        let free = draft["appliedDiscount"]["valueType"] == "PERCENTAGE"
            && draft["appliedDiscount"]["value"].as_f64() == Some(100.0);
        let mut lines = Vec::new();
        let mut customer_of = None;
        for l in draft["lineItems"].as_array().into_iter().flatten() {
            if let Some((o, i)) = self.variant_owner(l["variantId"].as_str().unwrap_or_default()) {
                let mut li = o.line_items[i].clone();
                li.quantity = l["quantity"].as_u64().unwrap_or(1) as u32;
                if free {
                    li.unit_price = Money::zero(&o.currency);
                }
                customer_of.get_or_insert(o);
                lines.push(li);
            }
        }
        let Some(template) = customer_of else {
            return json!({ "draftOrderComplete": { "draftOrder": null, "userErrors": user_error(&["id"], "Draft order has no items") } });
        };
        let total = lines
            .iter()
            .map(|l| l.unit_price.minor * i64::from(l.quantity))
            .sum::<i64>();
        let number = self.next_number;
        self.next_number += 1;
        let order = Order {
            number: number.to_string(),
            id: self.gid("Order"),
            placed_at: Utc::now(),
            total: Money::new(total, &template.currency),
            line_items: lines,
            financial_status: FinancialStatus::Paid,
            fulfilment_status: FulfilmentStatus::Unfulfilled,
            shipments: Vec::new(),
            note: draft["note"].as_str().map(String::from),
            tags: draft["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str().map(String::from))
                .collect(),
            ..template
        };
        self.drafts[idx]["completed"] = json!(true);
        let answer = json!({ "draftOrderComplete": { "userErrors": [], "draftOrder": { "id": id,
            "order": { "id": order.id, "name": format!("#{number}") } } } });
        self.orders.push(order);
        answer
    }

    /// `context` exists from 2025-10; before that only `customerSelection`.
    pub(crate) fn discount(&mut self, version: &str, input: &Value) -> Result<Value, String> {
        if version < "2025-10" && !input["context"].is_null() {
            return Err(
                "InputObject 'DiscountCodeBasicInput' doesn't accept argument 'context'".into(),
            );
        }
        let code = input["code"].as_str().unwrap_or_default();
        let bad = |field: &str, message: &str| {
            json!({ "discountCodeBasicCreate": { "codeDiscountNode": null,
            "userErrors": [{ "field": ["basicCodeDiscount", field], "code": "INVALID", "message": message }] } })
        };
        if code.is_empty() {
            return Ok(bad("code", "Code can't be blank"));
        }
        if self.discounts.iter().any(|d| {
            d["code"]
                .as_str()
                .is_some_and(|c| c.eq_ignore_ascii_case(code))
        }) {
            return Ok(
                json!({ "discountCodeBasicCreate": { "codeDiscountNode": null, "userErrors": [{ "field": ["basicCodeDiscount", "code"],
                "code": "TAKEN", "message": "Code must be unique. Please try a different code." }] } }),
            );
        }
        if let Some(p) = input["customerGets"]["value"]["percentage"].as_f64() {
            if !(0.0..=1.0).contains(&p) {
                return Ok(bad("customerGets", "Value must be between 0.0 and 1.0"));
            }
        }
        let id = self.gid("DiscountCodeNode");
        let mut recorded = input.clone();
        recorded["id"] = json!(id);
        self.discounts.push(recorded);
        Ok(
            json!({ "discountCodeBasicCreate": { "userErrors": [], "codeDiscountNode": { "id": id,
            "codeDiscount": { "codes": { "nodes": [{ "code": code }] } } } } }),
        )
    }

    pub(crate) fn note(&mut self, input: &Value) -> Value {
        let id = input["id"].as_str().unwrap_or_default().to_string();
        let note = input["note"].as_str().unwrap_or_default().to_string();
        let Some(o) = self.orders.iter_mut().find(|o| o.id == id) else {
            return json!({ "orderUpdate": { "order": null, "userErrors": user_error(&["id"], "Order does not exist") } });
        };
        o.note = Some(note.clone());
        self.notes.push((id.clone(), note));
        json!({ "orderUpdate": { "order": { "id": id }, "userErrors": [] } })
    }

    pub(crate) fn tags_add(&mut self, id: &str, tags: &Value) -> Value {
        let Some(o) = self.orders.iter_mut().find(|o| o.id == id) else {
            return json!({ "tagsAdd": { "node": null, "userErrors": user_error(&["id"], "Resource does not exist") } });
        };
        for t in tags
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !o.tags.iter().any(|x| x == t) {
                o.tags.push(t.to_string());
            }
        }
        json!({ "tagsAdd": { "node": { "id": id }, "userErrors": [] } })
    }
}
