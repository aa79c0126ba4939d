//! Watches the clocks: a clock that runs out marks its case breached, raises it in the queue, and counts.

use std::time::Duration;

use chrono::Utc;
use lifeline_desk::{case::TimelineEvent, clocks::ClockState};

use super::{clocks, event, refresh};
use crate::{events::DeskEvent, metrics::Metrics, state::AppState, store::now_ms};

pub async fn run(app: AppState) {
    loop {
        // One desk at a time watches the clocks, so a breach is marked and counted once.
        if let Some(Err(e)) = crate::leases::exclusively(&app.store, "breaches", sweep(&app)).await
        {
            tracing::warn!(error = format!("{e:#}"), "clock check failed");
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

async fn sweep(app: &AppState) -> anyhow::Result<()> {
    let now = Utc::now();
    for mut row in app.store.cases_due(now_ms()).await? {
        let c = clocks(&row);
        let newly: Vec<_> = c
            .iter()
            .filter(|k| k.met_at.is_none() && matches!(k.status(now), ClockState::Breached { .. }))
            .map(|k| k.kind.clone())
            .collect();
        refresh(&mut row, &c, now);
        if newly.is_empty() {
            row.next_deadline = None; // nothing left to watch
        }
        let mut tx = app.store.begin().await?;
        tx.save_case(&row).await?;
        for clock in newly {
            Metrics::inc(&app.metrics.clocks_breached);
            tx.add_case_event(
                row.id,
                "system",
                &event(&TimelineEvent::ClockBreached { clock }),
            )
            .await?;
        }
        tx.commit().await?;
        app.events
            .publish(DeskEvent::CaseChanged { case_id: row.id });
    }
    Ok(())
}
