//! Template components and parameters, as agents and playbooks write them.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::limits::{check_text, LimitError};

/// Which part of a template a component fills.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    Header,
    Body,
    Button,
}

/// The kind of template button a `button` component fills.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ButtonSubType {
    /// A quick-reply button; its parameter is a `payload` that comes back when tapped.
    QuickReply,
    /// A URL button; its `text` parameter is appended to the template's URL.
    Url,
}

/// The values for one part of a template. In JSON `type` names the part (`kind` is accepted too).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct TemplateComponent {
    #[serde(rename = "type", alias = "kind")]
    pub kind: ComponentKind,
    /// Required for buttons.
    #[serde(default)]
    pub sub_type: Option<ButtonSubType>,
    /// The button's position in the template, from 0; required for buttons.
    #[serde(default)]
    pub index: Option<u32>,
    #[serde(default)]
    pub parameters: Vec<TemplateParameter>,
}

/// One value substituted into a template.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TemplateParameter {
    Text {
        text: String,
        /// For templates with named parameters.
        #[serde(default)]
        parameter_name: Option<String>,
    },
    /// An amount of money: `amount_1000` is the amount times 1000 (exact, never a float).
    Currency {
        fallback_value: String,
        code: String,
        amount_1000: i64,
        #[serde(default)]
        parameter_name: Option<String>,
    },
    DateTime {
        fallback_value: String,
        #[serde(default)]
        parameter_name: Option<String>,
    },
    Image {
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        link: Option<String>,
    },
    Video {
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        link: Option<String>,
    },
    Document {
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        link: Option<String>,
        #[serde(default)]
        filename: Option<String>,
    },
    /// The value a quick-reply button sends back when tapped.
    Payload { payload: String },
}

impl TemplateParameter {
    /// A currency parameter from an amount in minor units (`decimals` digits, at most 3):
    /// 12.34 EUR is `currency("EUR", 1234, 2, "€12.34")`. `None` if it would overflow.
    pub fn currency(
        code: &str,
        minor_units: i64,
        decimals: u32,
        fallback_value: &str,
    ) -> Option<Self> {
        let factor = 10_i64.checked_pow(3_u32.checked_sub(decimals)?)?;
        Some(TemplateParameter::Currency {
            fallback_value: fallback_value.to_owned(),
            code: code.to_owned(),
            amount_1000: minor_units.checked_mul(factor)?,
            parameter_name: None,
        })
    }

    fn type_name(&self) -> &'static str {
        match self {
            TemplateParameter::Text { .. } => "text",
            TemplateParameter::Currency { .. } => "currency",
            TemplateParameter::DateTime { .. } => "date_time",
            TemplateParameter::Image { .. } => "image",
            TemplateParameter::Video { .. } => "video",
            TemplateParameter::Document { .. } => "document",
            TemplateParameter::Payload { .. } => "payload",
        }
    }

    /// The Graph API shape of this parameter.
    pub(crate) fn to_wire(&self) -> Value {
        let mut out = Map::new();
        out.insert("type".into(), json!(self.type_name()));
        let (inner, name) = match self {
            TemplateParameter::Text {
                text,
                parameter_name,
            } => (json!(text), parameter_name),
            TemplateParameter::Currency {
                fallback_value,
                code,
                amount_1000,
                parameter_name,
            } => (
                json!({"fallback_value": fallback_value, "code": code, "amount_1000": amount_1000}),
                parameter_name,
            ),
            TemplateParameter::DateTime {
                fallback_value,
                parameter_name,
            } => (json!({ "fallback_value": fallback_value }), parameter_name),
            TemplateParameter::Image { id, link } | TemplateParameter::Video { id, link } => {
                (media_source(id, link, &None), &None)
            }
            TemplateParameter::Document { id, link, filename } => {
                (media_source(id, link, filename), &None)
            }
            TemplateParameter::Payload { payload } => (json!(payload), &None),
        };
        out.insert(self.type_name().into(), inner);
        if let Some(name) = name {
            out.insert("parameter_name".into(), json!(name));
        }
        Value::Object(out)
    }

    fn validate(&self, part: &str) -> Result<(), LimitError> {
        let what = format!("{part} {} parameter", self.type_name());
        match self {
            TemplateParameter::Text { text, .. } => check_text(&what, text, 1024),
            TemplateParameter::Currency {
                fallback_value,
                code,
                ..
            } => {
                check_text(&what, fallback_value, 1024)?;
                let ok = code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase());
                if ok {
                    Ok(())
                } else {
                    Err(LimitError::Invalid(format!(
                        "currency code '{code}' is not a three-letter ISO 4217 code such as EUR"
                    )))
                }
            }
            TemplateParameter::DateTime { fallback_value, .. } => {
                check_text(&what, fallback_value, 1024)
            }
            TemplateParameter::Image { id, link }
            | TemplateParameter::Video { id, link }
            | TemplateParameter::Document { id, link, .. } => {
                super::validate::one_source(&what, id, link)
            }
            TemplateParameter::Payload { payload } => check_text(&what, payload, 1024),
        }
    }
}

/// `{"id": …}` or `{"link": …}`, plus a document's filename.
pub(crate) fn media_source(
    id: &Option<String>,
    link: &Option<String>,
    filename: &Option<String>,
) -> Value {
    let mut out = Map::new();
    if let Some(id) = id {
        out.insert("id".into(), json!(id));
    } else if let Some(link) = link {
        out.insert("link".into(), json!(link));
    }
    if let Some(filename) = filename {
        out.insert("filename".into(), json!(filename));
    }
    Value::Object(out)
}

impl TemplateComponent {
    /// The Graph API shape of this component (`index` is sent as a string).
    pub(crate) fn to_wire(&self) -> Value {
        let mut out = Map::new();
        out.insert("type".into(), json!(self.kind));
        if let Some(sub) = self.sub_type {
            out.insert("sub_type".into(), json!(sub));
        }
        if let Some(index) = self.index {
            out.insert("index".into(), json!(index.to_string()));
        }
        let params: Vec<Value> = self
            .parameters
            .iter()
            .map(TemplateParameter::to_wire)
            .collect();
        out.insert("parameters".into(), Value::Array(params));
        Value::Object(out)
    }

    /// Checks that parameters fit the part they fill and that buttons say which button.
    pub(crate) fn validate(&self) -> Result<(), LimitError> {
        use TemplateParameter as P;
        let part = match self.kind {
            ComponentKind::Header => "header",
            ComponentKind::Body => "body",
            ComponentKind::Button => "button",
        };
        for p in &self.parameters {
            let fits = match (self.kind, self.sub_type) {
                (ComponentKind::Header, _) => {
                    matches!(
                        p,
                        P::Text { .. } | P::Image { .. } | P::Video { .. } | P::Document { .. }
                    )
                }
                (ComponentKind::Body, _) => {
                    matches!(p, P::Text { .. } | P::Currency { .. } | P::DateTime { .. })
                }
                (ComponentKind::Button, Some(ButtonSubType::QuickReply)) => {
                    matches!(p, P::Payload { .. })
                }
                (ComponentKind::Button, _) => matches!(p, P::Text { .. }),
            };
            if !fits {
                return Err(LimitError::Invalid(format!(
                    "a template {part} cannot take a {} parameter",
                    p.type_name()
                )));
            }
            p.validate(part)?;
        }
        match (self.kind, self.sub_type, self.index) {
            (ComponentKind::Button, Some(_), Some(i)) if i < 10 => Ok(()),
            (ComponentKind::Button, Some(_), Some(i)) => Err(LimitError::Invalid(format!(
                "template button index {i} is out of range; buttons are numbered 0 to 9"
            ))),
            (ComponentKind::Button, _, _) => Err(LimitError::Invalid(
                "a template button component needs a sub_type (quick_reply or url) and an index"
                    .into(),
            )),
            (_, None, None) => Ok(()),
            _ => Err(LimitError::Invalid(format!(
                "sub_type and index belong only to template buttons, not to the {part}"
            ))),
        }
    }
}

/// "[template order_update] Ana, #4521" for conversation lists.
pub(crate) fn preview(name: &str, components: &[TemplateComponent]) -> String {
    let values: Vec<String> = components
        .iter()
        .filter(|c| c.kind != ComponentKind::Button)
        .flat_map(|c| &c.parameters)
        .filter_map(|p| match p {
            TemplateParameter::Text { text, .. } => Some(text.clone()),
            TemplateParameter::Currency { fallback_value, .. }
            | TemplateParameter::DateTime { fallback_value, .. } => Some(fallback_value.clone()),
            _ => None,
        })
        .collect();
    if values.is_empty() {
        format!("[template {name}]")
    } else {
        format!("[template {name}] {}", values.join(", "))
    }
}
