//! A read-only view of the rules the desk applies: the SLA clocks, quiet hours, and the compensation
//! policy (what each kind of problem allows, how far each role may go). They change in `lifeline.toml`.

use askama::Template;
use axum::{extract::State, response::Response};
use lifeline_desk::{
    policy::{format_amount, Authority, Offer},
    Role,
};

use super::{page, Agent, Nav, WebError};
use crate::{state::AppState, web::dashboard::human};

/// One rule as a label and what it says.
struct Rule {
    label: String,
    value: String,
}

#[derive(Template)]
#[template(path = "admin_policy.html")]
struct PolicyPage {
    nav: Nav,
    clocks: Vec<Rule>,
    authority: Vec<Rule>,
    kinds: Vec<Rule>,
    keep_item: Vec<Rule>,
    order_cap_percent: u32,
}

/// "coupon up to 5% when more than 5 days late".
fn describe_offer(o: &Offer) -> String {
    let mut s = o.remedy.label().to_string();
    if let Some(p) = o.max_percent {
        s.push_str(&format!(" up to {p}%"));
    }
    if let Some(d) = o.days_late_over {
        s.push_str(&format!(" when more than {d} days late"));
    }
    s
}

/// "goodwill up to 10%; 50.00 EUR, 60.00 USD per gesture".
fn describe_authority(a: &Authority) -> String {
    let amounts = if a.any_amount {
        "any amount".to_string()
    } else if a.max_amount.is_empty() {
        "no money gestures without approval".to_string()
    } else {
        let each: Vec<String> = a
            .max_amount
            .iter()
            .map(|(cur, minor)| format_amount(*minor, cur))
            .collect();
        format!("up to {} per gesture", each.join(", "))
    };
    format!("goodwill up to {}% of the order; {amounts}", a.max_percent)
}

/// `GET /admin/policy`.
pub async fn policy_page(State(app): State<AppState>, agent: Agent) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    let (sla, policy, quiet) = (&app.desk.sla, &app.desk.policy, &app.desk.quiet);
    let clock = |label: &str, d: chrono::Duration| Rule {
        label: label.into(),
        value: human(d.num_milliseconds()),
    };
    let mut clocks = vec![
        clock("Automatic acknowledgement", sla.acknowledge),
        clock("First reply by a person", sla.first_human_reply),
        clock("Cause found and told", sla.cause_found),
        clock("Resolution agreed", sla.resolution),
    ];
    clocks.push(Rule {
        label: "Quiet hours (shopper's time)".into(),
        value: format!(
            "writes from {} until {}",
            quiet.start.format("%H:%M"),
            quiet.end.format("%H:%M")
        ),
    });
    let authority = [Role::Agent, Role::Supervisor, Role::Admin]
        .into_iter()
        .map(|role| Rule {
            label: role.as_str().into(),
            value: policy
                .authority
                .get(&role)
                .map(describe_authority)
                .unwrap_or_else(|| "nothing without approval".into()),
        })
        .collect();
    let kinds = policy
        .kinds
        .iter()
        .map(|(kind, rule)| Rule {
            label: kind.as_str().replace('_', " "),
            value: if rule.offers.is_empty() {
                "no compensation".into()
            } else {
                rule.offers
                    .iter()
                    .map(describe_offer)
                    .collect::<Vec<_>>()
                    .join("; ")
            },
        })
        .collect();
    let keep_item = policy
        .keep_item_below
        .iter()
        .map(|(cur, minor)| Rule {
            label: cur.clone(),
            value: format_amount(*minor, cur),
        })
        .collect();
    page(PolicyPage {
        nav: Nav::of(&agent, "admin"),
        clocks,
        authority,
        kinds,
        keep_item,
        order_cap_percent: policy.order_cap_percent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifeline_desk::policy::RemedyKind;

    #[test]
    fn offers_and_authority_read_as_sentences() {
        let o = Offer {
            days_late_over: Some(5),
            ..Offer::up_to(RemedyKind::Coupon, 5)
        };
        assert_eq!(
            describe_offer(&o),
            "coupon up to 5% when more than 5 days late"
        );
        let a = Authority {
            max_percent: 10,
            max_amount: [("EUR".to_string(), 5000)].into_iter().collect(),
            any_amount: false,
        };
        assert_eq!(
            describe_authority(&a),
            "goodwill up to 10% of the order; up to 50.00 EUR per gesture"
        );
    }
}
