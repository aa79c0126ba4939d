//! The `Shop` operations for WooCommerce.

use super::{digits, WooCommerceShop, SERVICE};
use crate::error::CommerceError;
use crate::model::Order;
use crate::money::Money;
use crate::shop::*;
use async_trait::async_trait;
use reqwest::Method;
use serde_json::json;

#[async_trait]
impl Shop for WooCommerceShop {
    fn name(&self) -> &str {
        &self.name
    }

    /// The number usually equals the id; plugins may renumber, so the number is always checked
    /// and a search is the fallback.
    async fn order_by_number(&self, number: &str) -> Result<Option<Order>, CommerceError> {
        let wanted = number.trim().trim_start_matches('#');
        if wanted.is_empty() {
            return Ok(None);
        }
        if wanted.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(v) = self.fetch(wanted).await? {
                let o = self.to_order(v)?;
                if o.number == wanted {
                    return Ok(Some(o));
                }
            }
        }
        let found = self.search(wanted, |o| o.number == wanted).await?;
        Ok(found.into_iter().find(|o| o.number == wanted))
    }

    async fn recent_orders_by_contact(
        &self,
        phone: Option<&str>,
        email: Option<&str>,
    ) -> Result<Vec<Order>, CommerceError> {
        let phone = phone.map(digits).filter(|p| p.len() >= 6);
        let email = email
            .map(|e| e.trim().to_lowercase())
            .filter(|e| e.contains('@'));
        let matches = |o: &Order| {
            phone.is_some() && o.customer.phone.as_deref().map(digits) == phone
                || email.is_some() && o.customer.email.as_deref().map(str::to_lowercase) == email
        };
        let mut out: Vec<Order> = Vec::new();
        // Sites store phones as typed ("+55 11 98765-4321"), so search by the last four
        // digits, which survive any formatting, and keep only exact digit matches.
        let phone_term = phone.as_ref().map(|p| p[p.len() - 4..].to_string());
        for term in [email.clone(), phone_term].into_iter().flatten() {
            for o in self.search(&term, |_| false).await? {
                if matches(&o) && !out.iter().any(|x| x.id == o.id) {
                    out.push(o);
                }
            }
        }
        out.sort_by_key(|x| std::cmp::Reverse(x.placed_at));
        out.truncate(10);
        Ok(out)
    }

    /// `api_refund` is always sent: true moves money through the gateway, false only records.
    async fn refund(
        &self,
        order: &Order,
        req: &RefundRequest,
    ) -> Result<RefundDone, CommerceError> {
        let memo = format!("refund:{}", req.idempotency_key);
        if let Some(d) = self.remembered::<RefundDone>(&memo) {
            return Ok(d);
        }
        check_refund(order, req)?;
        let mut body = json!({ "amount": req.amount.to_decimal_string(), "reason": req.reason,
            "api_refund": req.through_gateway, "api_restock": false });
        if !req.lines.is_empty() {
            body["line_items"] = json!(refund_lines(order, &req.lines)?);
        }
        let (v, _) = self
            .call(
                Method::POST,
                &format!("orders/{}/refunds", order.id),
                &[],
                Some(body),
            )
            .await?;
        let id = v["id"]
            .as_u64()
            .ok_or_else(|| CommerceError::decode(SERVICE, "refund id missing"))?;
        let amount = match v["amount"].as_str() {
            Some(a) => {
                Money::parse(a, &order.currency).map_err(|e| CommerceError::decode(SERVICE, e))?
            }
            None => req.amount.clone(),
        };
        let done = RefundDone {
            id: id.to_string(),
            amount,
        };
        self.remember(&memo, &done);
        Ok(done)
    }

    /// A new paid order at zero price for the chosen lines, to the original addresses.
    async fn create_replacement(
        &self,
        order: &Order,
        items: &[ReplacementItem],
        note: &str,
        idempotency_key: &str,
    ) -> Result<ReplacementDone, CommerceError> {
        let memo = format!("replacement:{idempotency_key}");
        if let Some(d) = self.remembered::<ReplacementDone>(&memo) {
            return Ok(d);
        }
        let mut lines = Vec::new();
        for it in items {
            let line = order.line_items.iter().find(|l| l.id == it.line_item_id);
            match line.and_then(|l| Some((l.product_id.as_ref()?, l))) {
                Some((product, l)) if it.quantity > 0 => lines.push(json!({ "product_id": product.parse::<u64>().unwrap_or(0),
                    "variation_id": l.variant_id.as_deref().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0),
                    "quantity": it.quantity, "subtotal": "0.00", "total": "0.00" })),
                _ => return Err(CommerceError::UserErrors(vec![format!("line item {} of order #{} cannot be sent again", it.line_item_id, order.number)])),
            }
        }
        if lines.is_empty() {
            return Err(CommerceError::UserErrors(vec!["nothing to replace".into()]));
        }
        let original = self
            .fetch(&order.id)
            .await?
            .ok_or_else(|| CommerceError::NotFound {
                what: format!("order #{}", order.number),
            })?;
        let body = json!({
            "status": "processing", "set_paid": true, "currency": order.currency,
            "customer_id": original["customer_id"], "billing": original["billing"], "shipping": original["shipping"],
            "line_items": lines, "customer_note": note,
            "meta_data": [{ "key": "_lifeline_replaces", "value": order.number }, { "key": "_lifeline_idempotency_key", "value": idempotency_key }],
        });
        let (v, _) = self.call(Method::POST, "orders", &[], Some(body)).await?;
        let (Some(id), Some(number)) = (v["id"].as_u64(), v["number"].as_str()) else {
            return Err(CommerceError::decode(
                SERVICE,
                "the new order has no id or number",
            ));
        };
        let done = ReplacementDone {
            order_number: number.to_string(),
            id: id.to_string(),
        };
        self.remember(&memo, &done);
        Ok(done)
    }

    /// A coupon usable once, by this shopper's e-mail only.
    async fn create_discount_code(
        &self,
        order: &Order,
        req: &DiscountRequest,
    ) -> Result<DiscountDone, CommerceError> {
        let memo = format!("discount:{}", req.idempotency_key);
        if let Some(d) = self.remembered::<DiscountDone>(&memo) {
            return Ok(d);
        }
        let Some(email) = &order.customer.email else {
            return Err(CommerceError::UserErrors(vec![format!(
                "order #{} has no e-mail to restrict the coupon to",
                order.number
            )]));
        };
        let (kind, amount) = match &req.value {
            DiscountValue::PercentBasisPoints(bp) if *bp > 0 && *bp <= 10_000 => {
                ("percent", percent_string(*bp))
            }
            DiscountValue::Fixed(m) if m.currency == order.currency && m.minor > 0 => {
                ("fixed_cart", m.to_decimal_string())
            }
            other => {
                return Err(CommerceError::UserErrors(vec![format!(
                    "{other:?} is not a valid gesture for order #{}",
                    order.number
                )]))
            }
        };
        let mut body = json!({ "code": req.code, "discount_type": kind, "amount": amount, "usage_limit": 1,
            "usage_limit_per_user": 1, "individual_use": true, "email_restrictions": [email],
            "description": format!("Apology for order #{}", order.number) });
        if let Some(end) = req.expires_at {
            body["date_expires_gmt"] = json!(end.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
        let (v, _) = self.call(Method::POST, "coupons", &[], Some(body)).await?;
        let id = v["id"]
            .as_u64()
            .ok_or_else(|| CommerceError::decode(SERVICE, "coupon id missing"))?;
        let done = DiscountDone {
            code: v["code"].as_str().unwrap_or(&req.code).to_string(),
            id: id.to_string(),
        };
        self.remember(&memo, &done);
        Ok(done)
    }

    /// A private order note; tags (WooCommerce orders have none) go to the `_lifeline_tags` meta.
    async fn add_note(
        &self,
        order: &Order,
        note: &str,
        tags: &[String],
    ) -> Result<(), CommerceError> {
        let body = json!({ "note": note, "customer_note": false });
        self.call(
            Method::POST,
            &format!("orders/{}/notes", order.id),
            &[],
            Some(body),
        )
        .await?;
        if !tags.is_empty() {
            let mut all = order.tags.clone();
            all.extend(tags.iter().filter(|t| !order.tags.contains(t)).cloned());
            let meta =
                json!({ "meta_data": [{ "key": "_lifeline_tags", "value": all.join(",") }] });
            self.call(
                Method::PUT,
                &format!("orders/{}", order.id),
                &[],
                Some(meta),
            )
            .await?;
        }
        Ok(())
    }
}

/// WooCommerce's refund lines: the line's numeric id, how many, and what they cost. A line the order
/// does not have, or whose id is not WooCommerce's number, is refused rather than left out: a refund
/// must say which goods it pays back.
fn refund_lines(
    order: &Order,
    lines: &[RefundLine],
) -> Result<Vec<serde_json::Value>, CommerceError> {
    lines
        .iter()
        .map(|r| {
            let unknown = || {
                CommerceError::UserErrors(vec![format!(
                    "order {} has no WooCommerce line {}",
                    order.number, r.line_item_id
                )])
            };
            let l = order
                .line_items
                .iter()
                .find(|l| l.id == r.line_item_id)
                .ok_or_else(unknown)?;
            let id = l.id.parse::<u64>().map_err(|_| unknown())?;
            let total = Money::new(
                l.unit_price.minor.saturating_mul(i64::from(r.quantity)),
                &order.currency,
            );
            Ok(json!({ "id": id, "quantity": r.quantity,
                "refund_total": total.to_decimal_string() }))
        })
        .collect()
}
