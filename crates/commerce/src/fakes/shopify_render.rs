//! How the fake Shopify writes its orders: the Admin GraphQL shape the connector reads.

use crate::model::{FinancialStatus, FulfilmentStatus, Order, Shipment, ShipmentStatus};
use serde_json::{json, Value};

fn gid(kind: &str, n: impl std::fmt::Display) -> String {
    format!("gid://shopify/{kind}/{n}")
}

/// Gives a seeded order Shopify identities (gids) so it looks like one the shop created.
pub(crate) fn shopify_identities(mut o: Order, n: usize) -> Order {
    let base = 5_000_000 + n as u64 * 100;
    o.id = gid("Order", base);
    for (i, li) in o.line_items.iter_mut().enumerate() {
        li.id = gid("LineItem", base + 1 + i as u64);
        li.variant_id = Some(gid("ProductVariant", 40_000 + base + i as u64));
    }
    o.customer.id = Some(gid("Customer", 900_000 + n as u64));
    o
}

fn money(amount: String, currency: &str) -> Value {
    json!({ "shopMoney": { "amount": amount, "currencyCode": currency } })
}

fn financial(s: FinancialStatus) -> &'static str {
    match s {
        FinancialStatus::Pending => "PENDING",
        FinancialStatus::Authorized => "AUTHORIZED",
        FinancialStatus::Paid => "PAID",
        FinancialStatus::PartiallyPaid => "PARTIALLY_PAID",
        FinancialStatus::PartiallyRefunded => "PARTIALLY_REFUNDED",
        FinancialStatus::Refunded => "REFUNDED",
        FinancialStatus::Voided | FinancialStatus::Failed => "VOIDED",
        FinancialStatus::Expired | FinancialStatus::Unknown => "EXPIRED",
    }
}

fn fulfilment(s: FulfilmentStatus) -> &'static str {
    match s {
        FulfilmentStatus::Unfulfilled => "UNFULFILLED",
        FulfilmentStatus::PartiallyFulfilled => "PARTIALLY_FULFILLED",
        FulfilmentStatus::Fulfilled => "FULFILLED",
        FulfilmentStatus::OnHold => "ON_HOLD",
        FulfilmentStatus::Returned => "RESTOCKED",
        FulfilmentStatus::Cancelled | FulfilmentStatus::Unknown => "UNFULFILLED",
    }
}

fn display_status(s: ShipmentStatus) -> Value {
    json!(match s {
        ShipmentStatus::Pending => return Value::Null,
        ShipmentStatus::InfoReceived => "LABEL_PRINTED",
        ShipmentStatus::InTransit => "IN_TRANSIT",
        ShipmentStatus::OutForDelivery => "OUT_FOR_DELIVERY",
        ShipmentStatus::AttemptFail => "ATTEMPTED_DELIVERY",
        ShipmentStatus::Delivered => "DELIVERED",
        ShipmentStatus::AvailableForPickup => "READY_FOR_PICKUP",
        ShipmentStatus::Exception | ShipmentStatus::Expired => "FAILURE",
    })
}

fn fulfillment(s: &Shipment) -> Value {
    let last = s.last_movement().map(|t| t.to_rfc3339());
    let delivered = (s.status == ShipmentStatus::Delivered)
        .then(|| last.clone())
        .flatten();
    json!({
        "status": "SUCCESS",
        "displayStatus": display_status(s.status),
        "estimatedDeliveryAt": s.estimated_delivery.map(|t| t.to_rfc3339()),
        "inTransitAt": if delivered.is_some() { Value::Null } else { json!(last) },
        "deliveredAt": delivered,
        "trackingInfo": [{ "company": s.carrier, "number": s.tracking_number, "url": s.tracking_url }],
    })
}

/// The order as Shopify's `orders.nodes[]` item, honouring the connector's field list.
pub(crate) fn order_node(o: &Order) -> Value {
    let c = &o.customer;
    let (first, last) = match c
        .name
        .as_deref()
        .map(|n| n.split_once(' ').unwrap_or((n, "")))
    {
        Some((f, l)) => (json!(f), if l.is_empty() { Value::Null } else { json!(l) }),
        None => (Value::Null, Value::Null),
    };
    let phone = c.phone.as_ref().map(|p| format!("+{p}"));
    json!({
        "id": o.id, "name": format!("#{}", o.number), "createdAt": o.placed_at.to_rfc3339(),
        "email": c.email, "phone": phone, "note": o.note, "tags": o.tags, "currencyCode": o.currency,
        "displayFinancialStatus": financial(o.financial_status),
        "displayFulfillmentStatus": fulfilment(o.fulfilment_status),
        "totalPriceSet": money(o.total.to_decimal_string(), &o.currency),
        "customer": c.id.as_ref().map(|id| json!({ "id": id, "firstName": first, "lastName": last,
            "defaultEmailAddress": { "emailAddress": c.email }, "defaultPhoneNumber": { "phoneNumber": phone } })),
        "shippingAddress": { "countryCodeV2": c.country, "city": c.city, "zip": c.postcode, "phone": phone },
        "lineItems": { "nodes": o.line_items.iter().map(|l| json!({
            "id": l.id, "name": l.name, "sku": l.sku, "quantity": l.quantity,
            "variant": l.variant_id.as_ref().map(|v| json!({ "id": v })),
            "originalUnitPriceSet": money(l.unit_price.to_decimal_string(), &l.unit_price.currency),
        })).collect::<Vec<_>>() },
        "fulfillments": o.shipments.iter().map(fulfillment).collect::<Vec<_>>(),
    })
}
