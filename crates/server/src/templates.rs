//! Approved WhatsApp templates: synced from each number's account (`message_templates`) and declared in
//! the configuration, so the desk can offer the right utility template once a window has closed.

use std::{collections::HashMap, sync::RwLock, time::Duration};

use lifeline_desk::templates::{TemplateCategory, TemplateInfo, TemplateStatus};
use lifeline_whatsapp::outbound::{ComponentKind, TemplateComponent, TemplateParameter};
use lifeline_whatsapp::OutboundMessage;
use serde::{Deserialize, Serialize};

use crate::state::AppState;

/// A template the desk knows, with what it needs to be filled.
#[derive(Debug, Clone, Serialize)]
pub struct KnownTemplate {
    pub phone_number_id: String,
    pub info: TemplateInfo,
    /// The body text with its `{{n}}` placeholders, when known.
    pub body: Option<String>,
    /// How many body parameters it takes.
    pub body_params: usize,
    /// `synced` or `configured`.
    pub source: &'static str,
}

/// A template declared in `[[desk.templates]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Declared {
    name: String,
    language: String,
    #[serde(default = "utility")]
    category: String,
    purpose: Option<String>,
    #[serde(default)]
    body_params: usize,
    body: Option<String>,
    /// Limit it to one number; all numbers when absent.
    phone_number_id: Option<String>,
}

fn utility() -> String {
    "UTILITY".into()
}

/// Every known template and the outcome of the last sync per number.
#[derive(Default)]
pub struct Templates {
    known: RwLock<Vec<KnownTemplate>>,
    last_sync: RwLock<HashMap<String, Result<i64, String>>>,
}

/// Which purpose a synced template serves, by name (`[desk.template_purposes]` overrides).
fn default_purpose(name: &str) -> Option<&'static str> {
    match name {
        "order_update" | "case_update" => Some(lifeline_desk::templates::purpose::CASE_UPDATE),
        "delivery_update" => Some(lifeline_desk::templates::purpose::DELIVERY_UPDATE),
        "case_follow_up" | "last_check_in" => {
            Some(lifeline_desk::templates::purpose::LAST_CHECK_IN)
        }
        _ => None,
    }
}

fn count_params(body: &str) -> usize {
    (1..=20)
        .take_while(|n| body.contains(&format!("{{{{{n}}}}}")))
        .count()
}

fn info(
    name: &str,
    language: &str,
    category: &str,
    status: &str,
    purpose: Option<String>,
) -> TemplateInfo {
    let quoted = |s: &str| serde_json::Value::String(s.to_string());
    TemplateInfo {
        name: name.into(),
        language: language.into(),
        category: serde_json::from_value(quoted(category)).unwrap_or(TemplateCategory::Marketing),
        status: serde_json::from_value(quoted(status)).unwrap_or(TemplateStatus::Unknown),
        purpose,
    }
}

impl Templates {
    /// Templates declared in the configuration (checked at start-up).
    pub fn from_config(desk: &toml::Table, numbers: &[String]) -> anyhow::Result<Templates> {
        let declared: Vec<Declared> = match desk.get("templates") {
            Some(v) => v
                .clone()
                .try_into()
                .map_err(|e| anyhow::anyhow!("[[desk.templates]]: {e}"))?,
            None => Vec::new(),
        };
        let mut known = Vec::new();
        for d in declared {
            let targets: Vec<String> = d
                .phone_number_id
                .clone()
                .map(|n| vec![n])
                .unwrap_or_else(|| numbers.to_vec());
            for n in targets {
                let params = d.body.as_deref().map(count_params).unwrap_or(d.body_params);
                known.push(KnownTemplate {
                    phone_number_id: n,
                    info: info(
                        &d.name,
                        &d.language,
                        &d.category,
                        "APPROVED",
                        d.purpose.clone(),
                    ),
                    body: d.body.clone(),
                    body_params: params,
                    source: "configured",
                });
            }
        }
        Ok(Templates {
            known: RwLock::new(known),
            last_sync: RwLock::default(),
        })
    }

    pub fn all(&self) -> Vec<KnownTemplate> {
        self.known.read().map(|k| k.clone()).unwrap_or_default()
    }

    pub fn sync_state(&self) -> HashMap<String, Result<i64, String>> {
        self.last_sync.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// The number's approved utility template for `purpose`, in the shopper's language or the nearest one.
    pub fn choose(
        &self,
        phone_number_id: &str,
        purpose: &str,
        lang: &str,
    ) -> Option<KnownTemplate> {
        let all: Vec<KnownTemplate> = self
            .all()
            .into_iter()
            .filter(|t| t.phone_number_id == phone_number_id)
            .collect();
        let infos: Vec<TemplateInfo> = all.iter().map(|t| t.info.clone()).collect();
        let chosen = lifeline_desk::templates::choose_template(&infos, purpose, lang)?;
        all.into_iter()
            .find(|t| t.info.name == chosen.name && t.info.language == chosen.language)
    }

    /// A known template by name and language.
    pub fn find(&self, phone_number_id: &str, name: &str, language: &str) -> Option<KnownTemplate> {
        self.all().into_iter().find(|t| {
            t.phone_number_id == phone_number_id
                && t.info.name == name
                && t.info.language == language
        })
    }

    fn replace_synced(&self, phone_number_id: &str, fresh: Vec<KnownTemplate>) {
        if let Ok(mut k) = self.known.write() {
            k.retain(|t| !(t.phone_number_id == phone_number_id && t.source == "synced"));
            k.extend(fresh);
        }
    }
}

/// The message that sends a template with its body parameters.
pub fn message(t: &KnownTemplate, params: &[String]) -> OutboundMessage {
    let parameters = params
        .iter()
        .map(|p| TemplateParameter::Text {
            text: one_line(p),
            parameter_name: None,
        })
        .collect::<Vec<_>>();
    let components = if parameters.is_empty() {
        Vec::new()
    } else {
        vec![TemplateComponent {
            kind: ComponentKind::Body,
            sub_type: None,
            index: None,
            parameters,
        }]
    };
    OutboundMessage::Template {
        name: t.info.name.clone(),
        language: t.info.language.clone(),
        components,
    }
}

/// Template parameters may not hold new lines, tabs or long runs of spaces.
pub fn one_line(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.chars().take(900).collect()
}

/// Syncs every number with a WhatsApp Business Account id now, and records the outcome where every desk
/// sharing the database reads it.
pub async fn sync_all(app: &AppState) {
    for number in app.numbers.iter() {
        let Some(waba) = number.config.waba_id.clone() else {
            continue;
        };
        let pnid = number.config.phone_number_id.clone();
        let now = crate::store::now_ms();
        let outcome = match number.client.list_templates(&waba).await {
            Ok(list) => {
                let json = serde_json::to_string(&list).unwrap_or_else(|_| "[]".into());
                if let Err(e) = app.store.record_template_sync(&pnid, Ok(&json), now).await {
                    tracing::warn!(number = %pnid, error = format!("{e:#}"), "template sync not recorded");
                }
                apply_synced(app, &pnid, &list);
                Ok(now)
            }
            Err(e) => {
                tracing::warn!(number = %pnid, error = %e, "template sync failed");
                let reason = e.to_string();
                let _ = app
                    .store
                    .record_template_sync(&pnid, Err(&reason), now)
                    .await;
                Err(reason)
            }
        };
        if let Ok(mut s) = app.templates.last_sync.write() {
            s.insert(pnid, outcome);
        }
    }
}

/// What Meta returned for a number, as templates the desk can choose from.
fn apply_synced(app: &AppState, pnid: &str, list: &[lifeline_whatsapp::client::TemplateInfo]) {
    let purposes: HashMap<String, String> = app
        .config
        .desk
        .get("template_purposes")
        .and_then(|v| v.clone().try_into().ok())
        .unwrap_or_default();
    let fresh = list
        .iter()
        .map(|t| {
            let body = t.components.as_array().and_then(|cs| {
                cs.iter().find(|c| {
                    c["type"]
                        .as_str()
                        .is_some_and(|k| k.eq_ignore_ascii_case("body"))
                })
            });
            let body = body.and_then(|b| b["text"].as_str()).map(String::from);
            let purpose = purposes
                .get(&t.name)
                .cloned()
                .or(default_purpose(&t.name).map(String::from));
            KnownTemplate {
                phone_number_id: pnid.to_string(),
                info: info(&t.name, &t.language, &t.category, &t.status, purpose),
                body_params: body.as_deref().map(count_params).unwrap_or(0),
                body,
                source: "synced",
            }
        })
        .collect();
    app.templates.replace_synced(pnid, fresh);
}

/// Takes the syncs another desk recorded since this one last looked.
async fn load_recorded(app: &AppState) -> anyhow::Result<()> {
    for row in app.store.template_syncs().await? {
        let seen = app
            .templates
            .sync_state()
            .get(&row.phone_number_id)
            .map(|r| r.as_ref().map(|at| *at).unwrap_or(0));
        if seen.is_some_and(|at| at >= row.synced_at) {
            continue;
        }
        if let Some(json) = &row.templates_json {
            let list: Vec<lifeline_whatsapp::client::TemplateInfo> = serde_json::from_str(json)?;
            apply_synced(app, &row.phone_number_id, &list);
        }
        let outcome = match &row.error {
            Some(e) => Err(e.clone()),
            None => Ok(row.synced_at),
        };
        if let Ok(mut s) = app.templates.last_sync.write() {
            s.insert(row.phone_number_id.clone(), outcome);
        }
    }
    Ok(())
}

/// How often Meta is asked, by whichever desk holds the sync's lease.
const SYNC_EVERY: Duration = Duration::from_secs(15 * 60);

/// How often a desk takes what the syncing desk recorded.
const LOAD_EVERY: Duration = Duration::from_secs(60);

/// Syncs at start and every 15 minutes, once for all desks sharing the database: the desk holding the
/// lease asks Meta when the last recorded sync is older than that; every desk takes the recorded answer.
pub async fn run(app: AppState) {
    loop {
        if let Err(e) = load_recorded(&app).await {
            tracing::warn!(
                error = format!("{e:#}"),
                "reading the recorded template syncs failed"
            );
        }
        crate::leases::exclusively(&app.store, "templates", async {
            let recorded = app.store.template_syncs().await.unwrap_or_default();
            let now = crate::store::now_ms();
            let stale = app.numbers.iter().any(|n| {
                n.config.waba_id.is_some()
                    && recorded
                        .iter()
                        .find(|r| r.phone_number_id == n.config.phone_number_id)
                        .is_none_or(|r| now - r.synced_at >= SYNC_EVERY.as_millis() as i64)
            });
            if stale {
                sync_all(&app).await;
            }
        })
        .await;
        tokio::time::sleep(LOAD_EVERY).await;
    }
}
