//! The dashboard's charts, drawn on the server as SVG and placed inline in the page: no script, no
//! image request, and they print.

use chrono::NaiveDate;
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

/// The desk's accent colour (the stylesheet's --accent green).
const ACCENT: RGBColor = RGBColor(0x0b, 0x7a, 0x5c);
const GRID: RGBColor = RGBColor(0xdd, 0xe3, 0xe2);

/// A kind's wire name as the chart labels it: `where_is_my_order` → `where is my order`.
pub fn kind_label(kind: &str) -> String {
    kind.chars()
        .map(|c| if c == '_' { ' ' } else { c })
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .take(32)
        .collect()
}

/// Gives the chart a name screen readers announce, and lets CSS scale it to the column's width.
fn label_svg(svg: String, name: &str) -> String {
    let name: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | ',' | '.' | '(' | ')'))
        .collect();
    svg.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{name}\" class=\"chart\" "),
        1,
    )
}

/// A horizontal bar per kind of exception, with the number of cases, the first kind on top.
pub fn volume_by_kind(by_kind: &[(String, u32)]) -> anyhow::Result<String> {
    let n = by_kind.len().max(1) as u32;
    // Segment `n - 1` is drawn on top: the kind at index `i` goes in segment `n - 1 - i`.
    let slot = |i: u32| n - 1 - i;
    let max = by_kind.iter().map(|p| p.1).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (560, 36 + 24 * n)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(22)
            .y_label_area_size(140)
            .build_cartesian_2d(0u32..max + max.div_ceil(8), (0..n - 1).into_segmented())?;
        let label = |v: &SegmentValue<u32>| match v {
            SegmentValue::CenterOf(i) if *i < n => by_kind
                .get(slot(*i) as usize)
                .map(|(k, _)| kind_label(k))
                .unwrap_or_default(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .y_labels(n as usize)
            .y_label_formatter(&label)
            .x_labels(6)
            .x_label_formatter(&|v| format!("{v}"))
            .label_style(("sans-serif", 13))
            .draw()?;
        chart.draw_series(by_kind.iter().enumerate().map(|(i, (_, count))| {
            let i = slot(i as u32);
            let mut bar = Rectangle::new(
                [
                    (0, SegmentValue::Exact(i)),
                    (*count, SegmentValue::Exact(i + 1)),
                ],
                ACCENT.filled(),
            );
            bar.set_margin(3, 3, 0, 0);
            bar
        }))?;
        root.present()?;
    }
    Ok(label_svg(svg, "Cases by kind of exception"))
}

/// Cases opened per day, as a line with a dot on each day.
pub fn volume_by_day(by_day: &[(NaiveDate, u32)]) -> anyhow::Result<String> {
    let days = by_day.len().max(1) as u32;
    let max = by_day.iter().map(|p| p.1).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (560, 240)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(24)
            .y_label_area_size(36)
            .build_cartesian_2d(0u32..days - 1, 0u32..max + max.div_ceil(8))?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_labels(7)
            .x_label_formatter(&|i| {
                by_day
                    .get(*i as usize)
                    .map(|(d, _)| d.format("%-d %b").to_string())
                    .unwrap_or_default()
            })
            .y_labels(5)
            .label_style(("sans-serif", 13))
            .draw()?;
        let points = by_day.iter().enumerate().map(|(i, (_, n))| (i as u32, *n));
        chart.draw_series(LineSeries::new(points.clone(), ACCENT.stroke_width(2)))?;
        chart.draw_series(points.map(|p| Circle::new(p, 3, ACCENT.filled())))?;
        root.present()?;
    }
    Ok(label_svg(svg, "Cases opened per day"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_is_drawn_for_each_kind_with_its_label() {
        let svg =
            volume_by_kind(&[("damaged".into(), 3), ("where_is_my_order".into(), 5)]).unwrap();
        assert!(svg.starts_with("<svg role=\"img\""), "{svg}");
        assert!(svg.contains("where is my order"));
        assert!(svg.contains("damaged"));
        // The background plus one filled bar per kind in the accent colour.
        assert_eq!(svg.matches("fill=\"#0B7A5C\"").count(), 2, "{svg}");
    }

    #[test]
    fn the_daily_chart_names_its_days() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 8).unwrap();
        let days: Vec<_> = (0..14)
            .map(|i| (d + chrono::Duration::days(i), i as u32))
            .collect();
        let svg = volume_by_day(&days).unwrap();
        assert!(svg.contains("8 Nov"), "{svg}");
        assert!(svg.contains("<polyline") || svg.contains("<path"), "{svg}");
    }

    #[test]
    fn labels_keep_only_plain_words() {
        assert_eq!(kind_label("wrong_item<script>"), "wrong itemscript");
    }
}
