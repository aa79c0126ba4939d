//! Orders from a CSV export: one row per line item, rows sharing a number form one order.
//! Columns are found by header name, in any order; unknown columns are ignored.

use super::format::{FileCheckpoint, FileItem, FileOrder, FileShipment};
use crate::model::{Channel, Customer, FinancialStatus, FulfilmentStatus, ShipmentStatus};
use serde::de::DeserializeOwned;

/// Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, newlines inside quotes).
pub(crate) fn records(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                if row.iter().any(|f| !f.is_empty()) {
                    rows.push(std::mem::take(&mut row));
                }
                row.clear();
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err("a quoted field is never closed".into());
    }
    row.push(field);
    if row.iter().any(|f| !f.is_empty()) {
        rows.push(row);
    }
    Ok(rows)
}

struct Row<'a> {
    header: &'a [String],
    cells: &'a [String],
}

impl Row<'_> {
    fn get(&self, name: &str) -> Option<String> {
        let i = self
            .header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))?;
        self.cells
            .get(i)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    fn word<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => serde_json::from_value(serde_json::Value::String(v.to_lowercase()))
                .map(Some)
                .map_err(|_| format!("column {name}: {v:?} is not a known value")),
        }
    }
}

/// Reads a CSV export into the same shape as the JSON file.
pub(crate) fn orders(text: &str) -> Result<Vec<FileOrder>, String> {
    let recs = records(text)?;
    let Some((header, body)) = recs.split_first() else {
        return Ok(Vec::new());
    };
    let mut out: Vec<FileOrder> = Vec::new();
    for (n, cells) in body.iter().enumerate() {
        let row = Row { header, cells };
        let at = |e: String| format!("row {}: {e}", n + 2);
        let number = row
            .get("number")
            .ok_or_else(|| at("the number column is empty".into()))?;
        let number = number.trim_start_matches('#').to_string();
        let idx = match out.iter().position(|o| o.number == number) {
            Some(i) => i,
            None => {
                out.push(new_order(&row, number).map_err(at)?);
                out.len() - 1
            }
        };
        add_details(&mut out[idx], &row).map_err(at)?;
    }
    Ok(out)
}

fn new_order(row: &Row, number: String) -> Result<FileOrder, String> {
    Ok(FileOrder {
        number,
        id: row.get("id"),
        channel: row.word::<Channel>("channel")?.unwrap_or(Channel::Shop),
        placed_at: row
            .get("placed_at")
            .ok_or("the placed_at column is empty")?,
        currency: row.get("currency").ok_or("the currency column is empty")?,
        total: row.get("total"),
        financial_status: row
            .word("financial_status")?
            .unwrap_or(FinancialStatus::Paid),
        fulfilment_status: row
            .word("fulfilment_status")?
            .unwrap_or(FulfilmentStatus::Unfulfilled),
        customer: Customer {
            name: row.get("customer_name"),
            first_name: row.get("first_name"),
            phone: row
                .get("phone")
                .map(|p| p.chars().filter(char::is_ascii_digit).collect()),
            email: row.get("email"),
            country: row.get("country").map(|c| c.to_ascii_uppercase()),
            city: row.get("city"),
            postcode: row.get("postcode"),
            id: row.get("customer_id"),
        },
        items: Vec::new(),
        shipments: Vec::new(),
        note: row.get("note"),
        tags: row
            .get("tags")
            .map(|t| {
                t.split(';')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    })
}

fn add_details(order: &mut FileOrder, row: &Row) -> Result<(), String> {
    if let Some(name) = row.get("item_name") {
        let quantity = match row.get("quantity") {
            Some(q) => q
                .parse()
                .map_err(|_| format!("quantity {q:?} is not a whole number"))?,
            None => 1,
        };
        order.items.push(FileItem {
            id: row.get("line_item_id"),
            sku: row.get("sku"),
            name,
            quantity,
            unit_price: row.get("unit_price").ok_or("an item has no unit_price")?,
            variant_id: row.get("variant_id"),
        });
    }
    if let Some(number) = row.get("tracking_number") {
        if !order.shipments.iter().any(|s| s.tracking_number == number) {
            let status: ShipmentStatus = row
                .word("shipment_status")?
                .unwrap_or(ShipmentStatus::InTransit);
            let checkpoints = row
                .get("last_event_at")
                .map(|at| FileCheckpoint {
                    at,
                    place: row.get("last_event_place"),
                    message: row
                        .get("last_event")
                        .unwrap_or_else(|| status.as_str().replace('_', " ")),
                    status: Some(status),
                })
                .into_iter()
                .collect();
            order.shipments.push(FileShipment {
                carrier: row.get("carrier"),
                tracking_number: number,
                tracking_url: row.get("tracking_url"),
                status,
                sub_status: row.get("sub_status"),
                checkpoints,
                estimated_delivery: row.get("estimated_delivery"),
                pickup_until: row.get("pickup_until"),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_quotes_and_newlines() {
        let r = records("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n\n").unwrap();
        assert_eq!(r, vec![vec!["a", "b"], vec!["x, y", "say \"hi\"\nthere"]]);
        assert!(records("\"open").is_err());
    }

    #[test]
    fn rows_with_one_number_make_one_order() {
        let text = "number,placed_at,currency,customer_name,phone,item_name,quantity,unit_price,tracking_number,shipment_status\n\
                    #1001,-3d,EUR,Lucía García,+34 612 345 678,Bolso,1,39.90,RR1ES,in_transit\n\
                    1001,-3d,EUR,,,Cartera,2,10.00,RR1ES,\n\
                    1002,-1d,BRL,Ana,,Tênis,1,199.90,,\n";
        let o = orders(text).unwrap();
        assert_eq!(o.len(), 2);
        assert_eq!(o[0].items.len(), 2);
        assert_eq!(o[0].shipments.len(), 1);
        assert_eq!(o[0].customer.phone.as_deref(), Some("34612345678"));
        assert!(orders("number,placed_at,currency,financial_status\n1,-1d,EUR,maybe\n").is_err());
    }
}
