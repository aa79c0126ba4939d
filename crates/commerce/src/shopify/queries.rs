//! The GraphQL documents sent to Shopify. Operation names are stable so logs (and the fake) can
//! tell them apart.

/// The order fields every lookup asks for.
const ORDER_FIELDS: &str = r#"
      id name createdAt email phone note tags currencyCode
      displayFinancialStatus displayFulfillmentStatus
      totalPriceSet { shopMoney { amount currencyCode } }
      customer { id firstName lastName
        defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
      shippingAddress { countryCodeV2 city zip phone }
      lineItems(first: 50) { nodes { id name sku quantity variant { id }
        originalUnitPriceSet { shopMoney { amount currencyCode } } } }
      fulfillments(first: 10) {
        status displayStatus estimatedDeliveryAt inTransitAt deliveredAt
        trackingInfo { company number url }
      }"#;

pub(crate) fn order_by_name() -> String {
    format!("query OrderByName($q: String!) {{\n  orders(first: 10, query: $q) {{\n    nodes {{{ORDER_FIELDS}\n    }}\n  }}\n}}")
}

pub(crate) fn orders_by_contact() -> String {
    format!(
        "query OrdersByContact($q: String!) {{\n  orders(first: 10, sortKey: CREATED_AT, reverse: true, query: $q) {{\n    nodes {{{ORDER_FIELDS}\n    }}\n  }}\n}}"
    )
}

pub(crate) const ACCESS_SCOPES: &str =
    "query AccessScopes {\n  currentAppInstallation { accessScopes { handle } }\n}";

pub(crate) const SUGGESTED_REFUND: &str = r#"query SuggestedRefund($id: ID!) {
  order(id: $id) {
    suggestedRefund(suggestFullRefund: true) {
      suggestedTransactions { parentTransaction { id } gateway kind
        amountSet { shopMoney { amount currencyCode } } }
    }
  }
}"#;

/// `refundCreate`, with `@idempotent` when the pinned version knows it (2026-01 and later).
pub(crate) fn refund(idempotency_key: Option<&str>) -> String {
    let directive = idempotency_key
        .map(|k| format!(" @idempotent(key: {})", graphql_string(k)))
        .unwrap_or_default();
    format!(
        "mutation Refund($input: RefundInput!) {{\n  refundCreate(input: $input){directive} {{\n    refund {{ id totalRefundedSet {{ shopMoney {{ amount currencyCode }} }} }}\n    userErrors {{ field message }}\n  }}\n}}"
    )
}

pub(crate) const DRAFT_ORDER_CREATE: &str = r#"mutation DraftOrderCreate($input: DraftOrderInput!) {
  draftOrderCreate(input: $input) {
    draftOrder { id name }
    userErrors { field message }
  }
}"#;

pub(crate) const DRAFT_ORDER_COMPLETE: &str = r#"mutation DraftOrderComplete($id: ID!) {
  draftOrderComplete(id: $id) {
    draftOrder { id order { id name } }
    userErrors { field message }
  }
}"#;

pub(crate) const DISCOUNT_CREATE: &str = r#"mutation DiscountCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
    codeDiscountNode { id codeDiscount { ... on DiscountCodeBasic { codes(first: 1) { nodes { code } } } } }
    userErrors { field code message }
  }
}"#;

pub(crate) const ORDER_NOTE: &str = r#"mutation OrderNote($input: OrderInput!) {
  orderUpdate(input: $input) { order { id } userErrors { field message } }
}"#;

pub(crate) const TAGS_ADD: &str = r#"mutation TagsAdd($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }
}"#;

/// A GraphQL string literal with JSON-compatible escaping.
pub(crate) fn graphql_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}
