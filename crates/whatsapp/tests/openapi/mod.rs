//! Meta's OpenAPI description of `sendMessage` (reference §11), read as one JSON Schema document.
//!
//! OpenAPI 3.1 schemas are JSON Schema 2020-12 plus a `discriminator` hint. Reading them takes two
//! steps that loosen nothing: `#/components/schemas/X` becomes `#/$defs/X`, and a schema whose
//! `discriminator` maps a property to sub-schemas (a template component's `type`: header, body or
//! button) becomes a `oneOf` of them, so each part is held to its own schema rather than to the
//! loose base that names them all. Everything else Meta's file says is kept, except the gaps the
//! reference lists, each allowed by name in [`ALLOWANCES`].

use serde_json::{json, Map, Value};

pub mod requests;

/// CI checks out `shared/` beside the repository, as the developers' machines have it.
pub const SPEC_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/reference/meta-business-messaging-openapi-v23.yaml"
);
const SEND_MESSAGE: &str = "/{Version}/{Phone-Number-ID}/messages";
const COMPONENTS: &str = "#/components/schemas/";

/// Meta's component schemas, and the ones a request body to `sendMessage` may match.
#[derive(Clone)]
pub struct Spec {
    schemas: Map<String, Value>,
    roots: Vec<String>,
}

/// One known gap of Meta's file, allowed by name and applied as an edit of its schemas.
pub struct Allowance {
    pub name: &'static str,
    pub reason: &'static str,
    apply: fn(&mut Spec),
}

/// The gaps of reference §11, in the order they are applied (the merge of `allOf` comes last, so
/// every message kind inherits the edits of `BaseMessageProperties`).
pub const ALLOWANCES: &[Allowance] = &[
    Allowance {
        name: "bsuid-recipient",
        reason: "the file predates BSUID addressing: it has no `recipient` and requires `to`; \
                 reference §5 (2026) sends a BSUID in `recipient` instead of `to`, so exactly \
                 one of the two is required",
        apply: address_by_bsuid,
    },
    Allowance {
        name: "biz-opaque-callback-data",
        reason: "the file omits `biz_opaque_callback_data`, which reference §5 documents as an \
                 optional string echoed back in the status webhooks",
        apply: allow_callback_data,
    },
    Allowance {
        name: "template-language-policy-optional",
        reason: "the file requires `language.policy`; reference §5 and Meta's template examples \
                 send `language` with `code` alone (`deterministic`, the only policy, is the default)",
        apply: language_policy_optional,
    },
    Allowance {
        name: "template-button-index-0-to-9",
        reason: "the file's `index` pattern `^[2-6, 11-14]$` is a one-character class that refuses \
                 \"0\", the first button; its own description and reference §5 say the index is \
                 the button's position 0-9 written as a string, so it stays a string of one digit",
        apply: button_index_0_to_9,
    },
    Allowance {
        name: "read-receipt-is-a-send-message-body",
        reason: "the `sendMessage` request schema lists only messages, yet the same endpoint takes \
                 the read receipt (its own example `Send typing indicator and read receipt`); it \
                 is checked against the file's unreferenced `MarkMessageRequestPayload`, closed \
                 like the messages are, plus `typing_indicator` as that example and reference §5 \
                 write it",
        apply: read_receipt_body,
    },
    Allowance {
        name: "merge-all-of",
        reason: "each message kind is an `allOf` of `BaseMessageProperties` and a branch that \
                 says `additionalProperties: false`, which refuses the base's own fields; each \
                 `allOf` of objects is merged into one object that stays closed",
        apply: merge_all_of,
    },
];

impl Spec {
    /// Reads Meta's file; panics with the path when it is missing.
    pub fn load() -> Spec {
        let yaml = std::fs::read_to_string(SPEC_PATH)
            .unwrap_or_else(|e| panic!("Meta's OpenAPI file at {SPEC_PATH}: {e}"));
        let doc: Value = serde_norway::from_str(&yaml).expect("Meta's OpenAPI file is YAML");
        let root = doc["paths"][SEND_MESSAGE]["post"]["requestBody"]["content"]["application/json"]
            ["schema"]["$ref"]
            .as_str()
            .and_then(|r| r.strip_prefix(COMPONENTS))
            .expect("sendMessage has a request body schema")
            .to_owned();
        let schemas = doc["components"]["schemas"]
            .as_object()
            .expect("components.schemas")
            .clone();
        Spec {
            schemas,
            roots: vec![root],
        }
    }

    /// A validator for Meta's schemas with the named allowances applied (in [`ALLOWANCES`] order).
    pub fn checker(&self, allowed: &[&str]) -> Checker {
        let mut spec = self.clone();
        for a in ALLOWANCES.iter().filter(|a| allowed.contains(&a.name)) {
            (a.apply)(&mut spec);
        }
        let kinds = spec.message_kinds();
        spec.discriminators_to_one_of();
        let document = spec.document();
        let validator = jsonschema::draft202012::new(&document).expect("the schemas compile");
        Checker {
            validator,
            document,
            kinds,
        }
    }

    fn def_mut(&mut self, name: &str) -> &mut Map<String, Value> {
        self.schemas
            .get_mut(name)
            .and_then(Value::as_object_mut)
            .unwrap_or_else(|| panic!("Meta's file has no schema {name}"))
    }

    /// Which schema each message `type` names (the file's own discriminator on `Message`).
    fn message_kinds(&self) -> Map<String, Value> {
        self.schemas["Message"]["discriminator"]["mapping"]
            .as_object()
            .cloned()
            .unwrap_or_default()
    }

    /// A base with a discriminator mapping becomes a `oneOf` of its mapped schemas; those that
    /// still extend it through `allOf` extend a copy of it, `<name>Base`, so nothing refers to
    /// itself.
    fn discriminators_to_one_of(&mut self) {
        let bases: Vec<String> = self
            .schemas
            .iter()
            .filter(|(_, s)| s.get("discriminator").is_some() && s.get("oneOf").is_none())
            .map(|(n, _)| n.clone())
            .collect();
        for name in bases {
            let mut base = self.schemas[&name].clone();
            let mapping = base["discriminator"]["mapping"].clone();
            base.as_object_mut().unwrap().remove("discriminator");
            let copy = format!("{name}Base");
            self.schemas.insert(copy.clone(), base);
            let mut one_of = Vec::new();
            for target in mapping.as_object().into_iter().flat_map(|m| m.values()) {
                let child = target.as_str().unwrap().trim_start_matches(COMPONENTS);
                let own = format!("{COMPONENTS}{name}");
                for branch in self.schemas[child]
                    .get_mut("allOf")
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if branch["$ref"] == own.as_str() {
                        branch["$ref"] = json!(format!("{COMPONENTS}{copy}"));
                    }
                }
                one_of.push(json!({ "$ref": target }));
            }
            self.schemas.insert(name, json!({ "oneOf": one_of }));
        }
    }

    fn document(&self) -> Value {
        let mut defs = Value::Object(self.schemas.clone());
        rewrite_refs(&mut defs);
        let refs: Vec<Value> = self
            .roots
            .iter()
            .map(|r| json!({ "$ref": format!("#/$defs/{r}") }))
            .collect();
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "oneOf": refs,
            "$defs": defs,
        })
    }
}

fn rewrite_refs(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match (k.as_str(), x.as_str()) {
                    ("$ref", Some(r)) if r.starts_with(COMPONENTS) => {
                        *x = json!(r.replacen(COMPONENTS, "#/$defs/", 1));
                    }
                    _ => rewrite_refs(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

/// Meta's schemas compiled, with what is needed to explain a refusal.
pub struct Checker {
    validator: jsonschema::Validator,
    document: Value,
    kinds: Map<String, Value>,
}

impl Checker {
    /// `Ok` when `body` is a valid `sendMessage` request; otherwise every reason, including those
    /// of the schema its `type` names (a bare `oneOf` refusal says little).
    pub fn check(&self, body: &Value) -> Result<(), String> {
        if self.validator.is_valid(body) {
            return Ok(());
        }
        let mut why = reasons(&self.validator, body);
        let kind = body["type"].as_str().and_then(|t| self.kinds.get(t));
        if let Some(def) = kind.and_then(Value::as_str) {
            let mut doc = self.document.clone();
            doc.as_object_mut().unwrap().remove("oneOf");
            doc["$ref"] = json!(def.replacen(COMPONENTS, "#/$defs/", 1));
            let by_kind = jsonschema::draft202012::new(&doc).expect("the schemas compile");
            why.extend(reasons(&by_kind, body));
        }
        Err(why.join("\n    "))
    }
}

fn reasons(validator: &jsonschema::Validator, body: &Value) -> Vec<String> {
    validator
        .iter_errors(body)
        .map(|e| {
            let text = e.to_string();
            let short: String = text.chars().take(240).collect();
            format!("at '{}': {short}", e.instance_path())
        })
        .collect()
}

fn drop_required(schema: &mut Map<String, Value>, field: &str) {
    let required = schema["required"].as_array_mut().expect("a required list");
    let before = required.len();
    required.retain(|r| r != field);
    assert!(before > required.len(), "`{field}` is no longer required");
}

fn properties(schema: &mut Map<String, Value>) -> &mut Map<String, Value> {
    schema["properties"].as_object_mut().expect("properties")
}

fn address_by_bsuid(spec: &mut Spec) {
    let base = spec.def_mut("BaseMessageProperties");
    assert!(
        properties(base).get("recipient").is_none(),
        "Meta added `recipient`"
    );
    drop_required(base, "to");
    properties(base).insert(
        "recipient".into(),
        json!({ "type": "string", "description": "A BSUID or parent BSUID, instead of `to`." }),
    );
    base.insert(
        "oneOf".into(),
        json!([{ "required": ["to"] }, { "required": ["recipient"] }]),
    );
}

fn allow_callback_data(spec: &mut Spec) {
    let base = spec.def_mut("BaseMessageProperties");
    let added = properties(base).insert(
        "biz_opaque_callback_data".into(),
        json!({ "type": "string" }),
    );
    assert!(added.is_none(), "Meta added `biz_opaque_callback_data`");
}

fn language_policy_optional(spec: &mut Spec) {
    drop_required(spec.def_mut("LanguageObject"), "policy");
}

fn button_index_0_to_9(spec: &mut Spec) {
    let mut replaced = 0;
    for name in ["TemplateComponent", "ButtonComponent"] {
        replace_pattern(&mut spec.schemas[name], &mut replaced);
    }
    assert!(replaced > 0, "the broken index pattern is gone");
}

fn replace_pattern(v: &mut Value, replaced: &mut usize) {
    match v {
        Value::Object(m) => {
            if m.get("pattern") == Some(&json!("^[2-6, 11-14]$")) {
                m.insert("pattern".into(), json!("^[0-9]$"));
                *replaced += 1;
            }
            m.values_mut().for_each(|x| replace_pattern(x, replaced));
        }
        Value::Array(a) => a.iter_mut().for_each(|x| replace_pattern(x, replaced)),
        _ => {}
    }
}

fn read_receipt_body(spec: &mut Spec) {
    let mut receipt = spec.def_mut("MarkMessageRequestPayload").clone();
    properties(&mut receipt).insert(
        "typing_indicator".into(),
        json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["type"],
            "properties": { "type": { "type": "string", "enum": ["text"] } },
        }),
    );
    receipt.insert("additionalProperties".into(), json!(false));
    spec.schemas
        .insert("ReadReceipt".into(), Value::Object(receipt));
    spec.roots.push("ReadReceipt".into());
}

fn merge_all_of(spec: &mut Spec) {
    let originals = spec.schemas.clone();
    let mut merged = 0;
    for schema in spec.schemas.values_mut() {
        if let Some(one) = merged_object(&originals, schema) {
            *schema = one;
            merged += 1;
        }
    }
    assert!(merged > 0, "Meta's file has no allOf left to merge");
}

/// One object schema for an `allOf` of object schemas (`$ref`s resolved, merged in turn):
/// properties and `required` are united, a property named twice must satisfy both, and the result
/// is closed if any branch was. `None` when `schema` has no `allOf`.
fn merged_object(originals: &Map<String, Value>, schema: &Value) -> Option<Value> {
    let branches = schema.get("allOf")?.as_array()?;
    let mut out = schema.as_object()?.clone();
    out.remove("allOf");
    let mut props = Map::new();
    let mut required: Vec<Value> = Vec::new();
    for branch in branches {
        let branch = match branch["$ref"].as_str() {
            Some(r) => {
                let target = &originals[r.trim_start_matches(COMPONENTS)];
                merged_object(originals, target).unwrap_or_else(|| target.clone())
            }
            None => branch.clone(),
        };
        for (key, value) in branch.as_object().expect("an object branch") {
            match key.as_str() {
                "properties" => {
                    for (p, s) in value.as_object().expect("properties") {
                        let both = match props.remove(p) {
                            Some(earlier) => json!({ "allOf": [earlier, s] }),
                            None => s.clone(),
                        };
                        props.insert(p.clone(), both);
                    }
                }
                "required" => {
                    for r in value.as_array().expect("required") {
                        if !required.contains(r) {
                            required.push(r.clone());
                        }
                    }
                }
                "additionalProperties" if value == &json!(false) => {
                    out.insert(key.clone(), json!(false));
                }
                "type" => assert_eq!(value, "object", "allOf of a non-object"),
                "discriminator" | "description" | "example" => {}
                _ => {
                    let earlier = out.insert(key.clone(), value.clone());
                    assert!(earlier.is_none(), "two allOf branches both say `{key}`");
                }
            }
        }
    }
    out.insert("type".into(), json!("object"));
    out.insert("properties".into(), Value::Object(props));
    out.insert("required".into(), Value::Array(required));
    Some(Value::Object(out))
}
