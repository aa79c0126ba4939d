//! Retailer-readable text for `lifeline order show` and `lifeline track`.

use crate::model::{Channel, Customer, Order, Shipment};
use chrono::{DateTime, Utc};
use std::fmt;

fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn channel_word(c: Channel) -> &'static str {
    match c {
        Channel::Shop => "own store",
        Channel::Amazon => "Amazon (answer only, never contact first)",
        Channel::Ebay => "eBay",
    }
}

fn snake<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

/// Name · phone · e-mail · city, or a hint that the shop hid them.
fn contact_line(c: &Customer) -> String {
    let place = match (&c.city, &c.country) {
        (Some(city), Some(cc)) => Some(format!("{city}, {cc}")),
        (city, cc) => city.clone().or(cc.clone()),
    };
    let phone = c
        .phone
        .as_ref()
        .map(|p| format!("+{}", p.trim_start_matches('+')));
    let parts: Vec<String> = [c.name.clone(), phone, c.email.clone(), place]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        "(hidden by the shop)".to_string()
    } else {
        parts.join(" · ")
    }
}

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Order #{} ({}, store \"{}\")",
            self.number,
            channel_word(self.channel),
            self.store
        )?;
        writeln!(f, "  Placed:   {}", when(self.placed_at))?;
        writeln!(f, "  Customer: {}", contact_line(&self.customer))?;
        writeln!(
            f,
            "  Total:    {} · payment {} · fulfilment {}",
            self.total,
            snake(&self.financial_status),
            snake(&self.fulfilment_status)
        )?;
        writeln!(f, "  Items:")?;
        for item in &self.line_items {
            let sku = item
                .sku
                .as_deref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default();
            writeln!(
                f,
                "    {} × {}{} at {}",
                item.quantity, item.name, sku, item.unit_price
            )?;
        }
        if self.shipments.is_empty() {
            writeln!(f, "  No parcel yet.")?;
        }
        for s in &self.shipments {
            for line in s.to_string().lines() {
                writeln!(f, "  {line}")?;
            }
        }
        if let Some(note) = &self.note {
            writeln!(f, "  Note:     {}", note.replace('\n', " / "))?;
        }
        if !self.tags.is_empty() {
            writeln!(f, "  Tags:     {}", self.tags.join(", "))?;
        }
        if let Some(url) = &self.admin_url {
            writeln!(f, "  Admin:    {url}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Shipment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let carrier = self.carrier.as_deref().unwrap_or("carrier unknown");
        let sub = self
            .sub_status
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        writeln!(
            f,
            "Parcel {} via {}: {}{}",
            self.tracking_number,
            carrier,
            self.status.as_str().replace('_', " "),
            sub
        )?;
        if let Some(url) = &self.tracking_url {
            writeln!(f, "  Link:          {url}")?;
        }
        match self.last_movement() {
            Some(at) => writeln!(f, "  Last movement: {}", when(at))?,
            None => writeln!(f, "  Last movement: none recorded yet")?,
        }
        if let Some(eta) = self.estimated_delivery {
            writeln!(f, "  Expected by:   {}", when(eta))?;
        }
        for cp in self.checkpoints.iter().take(5) {
            let place = cp
                .place
                .as_deref()
                .map(|p| format!("{p}: "))
                .unwrap_or_default();
            writeln!(f, "    {}  {}{}", when(cp.at), place, cp.message)?;
        }
        if self.checkpoints.len() > 5 {
            writeln!(f, "    … {} older checkpoints", self.checkpoints.len() - 5)?;
        }
        Ok(())
    }
}
