//! The schema, written once for SQLite and PostgreSQL. Times are Unix milliseconds (BIGINT), JSON is TEXT,
//! so the same queries run on both.

/// Ordered migrations; each runs once, in a transaction, recorded in `schema_migrations`.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, V1),
    (2, V2_ORDERS),
    (3, super::accounts::V3_ACCOUNTS),
    (4, V4_CASES),
    (5, V5_PREVIOUS_INBOUND),
    (6, V6_CONTACT_LANGUAGE_SOURCE),
    (7, V7_IDENTITIES),
    (8, super::numbers::V8_NUMBER_HEALTH),
    (9, super::leases::V9_LEASES),
    (10, super::actions::V10_PENDING_ACTIONS),
    (11, super::ownership::V11_ORDER_OWNERSHIP),
    (12, super::promises::V12_PROMISED_ANSWERS),
    (13, super::search::V13_SEARCH_NAMES),
];

const V1: &str = r#"
CREATE TABLE contacts (
    id {ID},
    contact_key TEXT NOT NULL UNIQUE,
    wa_id TEXT,
    user_id TEXT,
    name TEXT,
    country TEXT,
    time_zone TEXT,
    language TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE conversations (
    id {ID},
    contact_id BIGINT NOT NULL REFERENCES contacts(id),
    phone_number_id TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    last_inbound_at BIGINT,
    last_message_at BIGINT NOT NULL,
    window_expires_at BIGINT,
    UNIQUE (contact_id, phone_number_id)
);
CREATE INDEX conversations_recent ON conversations (last_message_at);

CREATE TABLE messages (
    id {ID},
    direction TEXT NOT NULL,
    phone_number_id TEXT NOT NULL,
    contact_key TEXT NOT NULL,
    conversation_id BIGINT REFERENCES conversations(id),
    wamid TEXT UNIQUE,
    msg_type TEXT NOT NULL,
    body TEXT,
    media_json TEXT,
    context_json TEXT,
    payload_json TEXT,
    raw_json TEXT,
    contact_name TEXT,
    status TEXT NOT NULL,
    status_rank BIGINT NOT NULL DEFAULT 0,
    status_at BIGINT,
    error_code BIGINT,
    error_reason TEXT,
    sent_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    processed_at BIGINT,
    triage_json TEXT,
    -- outbox
    dedupe_key TEXT UNIQUE,
    fallback_json TEXT,
    reply_to TEXT,
    not_before BIGINT,
    next_attempt_at BIGINT,
    lease_until BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    author TEXT
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, sent_at);
CREATE INDEX messages_unprocessed ON messages (processed_at, direction);
CREATE INDEX messages_outbox ON messages (status, next_attempt_at);

CREATE TABLE message_statuses (
    id {ID},
    wamid TEXT NOT NULL,
    status TEXT NOT NULL,
    status_rank BIGINT NOT NULL,
    at BIGINT NOT NULL,
    recipient TEXT,
    callback TEXT,
    error_code BIGINT,
    error_reason TEXT,
    pricing_json TEXT,
    raw_json TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    UNIQUE (wamid, status)
);
CREATE INDEX message_statuses_callback ON message_statuses (callback);

CREATE TABLE webhook_errors (
    id {ID},
    phone_number_id TEXT,
    code BIGINT NOT NULL,
    title TEXT,
    details TEXT,
    raw_json TEXT NOT NULL,
    received_at BIGINT NOT NULL
);

CREATE TABLE dead_letters (
    id {ID},
    received_at BIGINT NOT NULL,
    reason TEXT NOT NULL,
    body {BLOB} NOT NULL
);

CREATE TABLE media (
    id {ID},
    message_id BIGINT NOT NULL UNIQUE REFERENCES messages(id),
    phone_number_id TEXT NOT NULL,
    media_id TEXT NOT NULL,
    mime_type TEXT,
    expected_sha256 TEXT,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    path TEXT,
    size BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX media_due ON media (status, next_attempt_at);
"#;

/// Orders and parcels attached to a conversation, as the shop and the tracker last returned them.
const V2_ORDERS: &str = r#"
CREATE TABLE conversation_orders (
    id {ID},
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    store TEXT NOT NULL,
    order_number TEXT NOT NULL,
    order_json TEXT,
    error TEXT,
    source TEXT NOT NULL,
    fetched_at BIGINT NOT NULL,
    UNIQUE (conversation_id, store, order_number)
);
"#;

/// Cases (one exception for one shopper), their audit trail, compensation and its approvals, canned replies.
const V4_CASES: &str = r#"
CREATE TABLE cases (
    id {ID},
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    phone_number_id TEXT NOT NULL,
    contact_key TEXT NOT NULL,
    order_number TEXT,
    kind TEXT NOT NULL,
    kind_locked BIGINT NOT NULL DEFAULT 0,
    priority TEXT NOT NULL,
    priority_rank BIGINT NOT NULL,
    escalated BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    assignee TEXT,
    labels_json TEXT NOT NULL,
    reading_json TEXT,
    clocks_json TEXT NOT NULL,
    offers_json TEXT,
    breached BIGINT NOT NULL DEFAULT 0,
    next_deadline BIGINT,
    language TEXT,
    opened_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    resolved_at BIGINT
);
CREATE INDEX cases_by_conversation ON cases (conversation_id);
CREATE INDEX cases_queue ON cases (status, escalated, breached, priority_rank, next_deadline);
CREATE INDEX cases_due ON cases (breached, next_deadline);

CREATE TABLE case_events (
    id {ID},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    event_json TEXT NOT NULL
);
CREATE INDEX case_events_by_case ON case_events (case_id, id);

CREATE TABLE compensations (
    id {ID},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    store TEXT,
    order_number TEXT,
    remedy_json TEXT NOT NULL,
    value_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_role TEXT NOT NULL,
    needs_role TEXT,
    decided_by TEXT,
    why TEXT,
    idempotency_key TEXT NOT NULL UNIQUE,
    result_json TEXT,
    error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX compensations_by_status ON compensations (status);
CREATE INDEX compensations_by_order ON compensations (order_number);

CREATE TABLE canned_replies (
    id {ID},
    shortcut TEXT NOT NULL,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (shortcut, language)
);
"#;

/// The inbound time before the latest, kept by the same statement that moves the window, so the worker
/// learns "is this a new conversation?" without a second query.
const V5_PREVIOUS_INBOUND: &str =
    "ALTER TABLE conversations ADD COLUMN previous_inbound_at BIGINT;";

/// Whether a contact row's language came from the shopper's words (a batch upsert needs it per row).
const V6_CONTACT_LANGUAGE_SOURCE: &str =
    "ALTER TABLE contacts ADD COLUMN language_from_words BIGINT NOT NULL DEFAULT 0;";

/// A shopper's ids kept apart (phone, BSUID, parent BSUID, username), and every id the desk has seen for
/// a contact mapped to that contact, so a new BSUID (a changed number) or a phone written before the BSUID
/// era lands in the same conversation.
const V7_IDENTITIES: &str = r#"
ALTER TABLE contacts ADD COLUMN parent_user_id TEXT;
ALTER TABLE contacts ADD COLUMN username TEXT;
ALTER TABLE messages ADD COLUMN sender_json TEXT;
CREATE TABLE contact_aliases (
    alias TEXT PRIMARY KEY,
    contact_key TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
INSERT INTO contact_aliases (alias, contact_key, created_at)
    SELECT contact_key, contact_key, 0 FROM contacts WHERE true ON CONFLICT (alias) DO NOTHING;
INSERT INTO contact_aliases (alias, contact_key, created_at)
    SELECT wa_id, contact_key, 0 FROM contacts WHERE wa_id IS NOT NULL ON CONFLICT (alias) DO NOTHING;
INSERT INTO contact_aliases (alias, contact_key, created_at)
    SELECT user_id, contact_key, 0 FROM contacts WHERE user_id IS NOT NULL ON CONFLICT (alias) DO NOTHING;
"#;

/// The DDL for one backend.
pub fn ddl(sql: &str, postgres: bool) -> String {
    let (id, blob) = if postgres {
        (
            "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
            "BYTEA",
        )
    } else {
        ("INTEGER PRIMARY KEY", "BLOB")
    };
    sql.replace("{ID}", id).replace("{BLOB}", blob)
}
