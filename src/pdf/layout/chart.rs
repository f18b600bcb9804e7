//! Bar charts: filled rectangles, grid lines and labels drawn with the layouter's own text.
//!
//! A chart is never split across pages: it moves to the next page when it does not fit.
//! Everything is mirrored in an Arabic document: the value axis sits at the right, the first
//! category is the rightmost group, the first series the rightmost bar of a group, and the
//! legend reads from the right.

use printpdf::{Color, Op, PaintMode, Rgb};

use super::{baseline_offset, Canvas, Layouter, Side, LINE_FACTOR, MM, PARAGRAPH_GAP, RULE_INK};
use crate::pdf::model::{Align, BarChart, Colour};
use crate::pdf::text::Style;

const LABEL_SIZE: f32 = 8.0;
const DEFAULT_HEIGHT_MM: f32 = 60.0;
/// Share of a category's slot its bars take.
const GROUP_SHARE: f32 = 0.7;
/// Widest bar (a chart with two categories would otherwise have slabs).
const MAX_BAR: f32 = 36.0;
const SWATCH: f32 = 7.0;
const AXIS_INK: f32 = 0.3;

impl Layouter<'_> {
    pub(super) fn bar_chart(&mut self, chart: &BarChart) {
        let categories = chart.categories.len();
        if categories == 0 || chart.series.is_empty() {
            return;
        }
        let line = LABEL_SIZE * LINE_FACTOR;
        let plot_height =
            if chart.height_mm.is_finite() && chart.height_mm > 0.0 { chart.height_mm } else { DEFAULT_HEIGHT_MM } * MM;
        let plot_height = plot_height.min((self.geometry.body_bottom - self.geometry.body_top) * 0.6);
        let value = |s: usize, c: usize| -> f64 {
            chart.series[s].values.get(c).copied().filter(|v| v.is_finite() && *v > 0.0).unwrap_or(0.0)
        };
        let series = chart.series.len();
        let max = (0..categories)
            .map(|c| {
                if chart.stacked {
                    (0..series).map(|s| value(s, c)).sum::<f64>()
                } else {
                    (0..series).map(|s| value(s, c)).fold(0.0, f64::max)
                }
            })
            .fold(0.0, f64::max);
        let (step, top) = nice_scale(max);
        let ticks: Vec<String> =
            (0..=((top / step).round() as usize)).map(|i| tick_label(i as f64 * step, step)).collect();
        let laid_ticks: Vec<_> =
            ticks.iter().map(|t| self.lay(t, Style::default(), LABEL_SIZE, f32::INFINITY)).collect();
        let gutter = laid_ticks.iter().filter_map(|l| l.lines.first()).map(|l| l.width).fold(0.0, f32::max) + 4.0;

        // The legend is laid out first: its height decides whether the chart fits here.
        let width = self.geometry.width();
        let legend_items: Vec<_> = chart
            .series
            .iter()
            .map(|s| (self.lay(&s.label, Style::default(), LABEL_SIZE, width - SWATCH - 4.0), s.colour))
            .collect();
        let mut legend_rows: Vec<Vec<usize>> = vec![Vec::new()];
        let mut used = 0.0;
        for (i, (laid, _)) in legend_items.iter().enumerate() {
            let w = SWATCH + 3.0 + laid.lines.first().map_or(0.0, |l| l.width) + 12.0;
            let row = legend_rows.last_mut().expect("one row at least");
            if used + w > width && !row.is_empty() {
                legend_rows.push(Vec::new());
                used = 0.0;
            }
            legend_rows.last_mut().expect("one row at least").push(i);
            used += w;
        }
        let has_category_label = !chart.category_label.trim().is_empty();
        let has_value_label = !chart.value_label.trim().is_empty();
        let total = f32::from(u8::from(has_value_label)) * line
            + plot_height
            + 4.0
            + line
            + f32::from(u8::from(has_category_label)) * line
            + 4.0
            + legend_rows.len() as f32 * line;
        self.ensure(total);

        let rtl = self.rtl;
        let (left, right) = (self.geometry.left, self.geometry.right);
        if has_value_label {
            let laid = self.lay(&chart.value_label, Style::default(), LABEL_SIZE, width);
            if let Some(l) = laid.lines.first() {
                let x = self.line_x(l, self.side(Align::Start), left, width);
                let baseline = self.y + baseline_offset(LABEL_SIZE);
                self.draw_line(l, x, baseline, LABEL_SIZE);
            }
            self.y += line;
        }
        // Plot box: leave half a label above the top grid line for its tick label.
        let plot_top = self.y + LABEL_SIZE * 0.6;
        let plot_bottom = plot_top + plot_height;
        let (plot_left, plot_right) = if rtl { (left, right - gutter) } else { (left + gutter, right) };
        let scale = plot_height / top as f32;
        for (i, laid) in laid_ticks.iter().enumerate() {
            let y = plot_bottom - (i as f32 * step as f32) * scale;
            let (weight, ink) = if i == 0 { (0.8, AXIS_INK) } else { (0.4, RULE_INK) };
            self.canvas().rule(plot_left, plot_right, y, weight, ink);
            if let Some(l) = laid.lines.first() {
                // Tick labels sit against the axis, vertically centred on their grid line.
                let x = if rtl { right - gutter + 4.0 } else { left + gutter - 4.0 - l.width };
                let baseline = y - LABEL_SIZE * LINE_FACTOR / 2.0 + baseline_offset(LABEL_SIZE);
                self.draw_line(l, x, baseline, LABEL_SIZE);
            }
        }
        let slot = (plot_right - plot_left) / categories as f32;
        let bars_per_group = if chart.stacked { 1 } else { series };
        let bar = (slot * GROUP_SHARE / bars_per_group as f32).min(MAX_BAR);
        let group_width = bar * bars_per_group as f32;
        for c in 0..categories {
            // The slot of category `c`, in reading order.
            let slot_x = if rtl { plot_right - (c + 1) as f32 * slot } else { plot_left + c as f32 * slot };
            let group_x = slot_x + (slot - group_width) / 2.0;
            let mut stack_top = plot_bottom;
            for s in 0..series {
                let h = value(s, c) as f32 * scale;
                let colour = chart.series[s].colour;
                if chart.stacked {
                    if h > 0.0 {
                        self.canvas().fill_rect_rgb(group_x, stack_top - h, bar, h, colour);
                        stack_top -= h;
                    }
                } else if h > 0.0 {
                    let k = if rtl { series - 1 - s } else { s };
                    self.canvas().fill_rect_rgb(group_x + k as f32 * bar, plot_bottom - h, bar, h, colour);
                }
            }
            let label = self.lay(&chart.categories[c], Style::default(), LABEL_SIZE, slot);
            if let Some(l) = label.lines.first() {
                let x = self.line_x(l, Side::Center, slot_x, slot);
                self.draw_line(l, x, plot_bottom + 4.0 + baseline_offset(LABEL_SIZE), LABEL_SIZE);
            }
        }
        self.y = plot_bottom + 4.0 + line;
        if has_category_label {
            let laid = self.lay(&chart.category_label, Style::default(), LABEL_SIZE, plot_right - plot_left);
            if let Some(l) = laid.lines.first() {
                let x = self.line_x(l, Side::Center, plot_left, plot_right - plot_left);
                self.draw_line(l, x, self.y + baseline_offset(LABEL_SIZE), LABEL_SIZE);
            }
            self.y += line;
        }
        self.y += 4.0;
        for row in legend_rows {
            let mut pen = 0.0;
            for i in row {
                let (laid, colour) = &legend_items[i];
                let Some(l) = laid.lines.first() else { continue };
                let swatch_top = self.y + (line - SWATCH) / 2.0;
                let baseline = self.y + baseline_offset(LABEL_SIZE);
                let item = SWATCH + 3.0 + l.width;
                if rtl {
                    let swatch_x = right - pen - SWATCH;
                    self.canvas().fill_rect_rgb(swatch_x, swatch_top, SWATCH, SWATCH, *colour);
                    self.draw_line(l, swatch_x - 3.0 - l.width, baseline, LABEL_SIZE);
                } else {
                    let swatch_x = left + pen;
                    self.canvas().fill_rect_rgb(swatch_x, swatch_top, SWATCH, SWATCH, *colour);
                    self.draw_line(l, swatch_x + SWATCH + 3.0, baseline, LABEL_SIZE);
                }
                pen += item + 12.0;
            }
            self.y += line;
        }
        self.y += PARAGRAPH_GAP;
    }
}

impl Canvas {
    /// A rectangle filled with a colour; `top` is measured down from the top of the page.
    fn fill_rect_rgb(&mut self, x: f32, top: f32, width: f32, height: f32, colour: Colour) {
        self.end_text();
        let channel = |c: u8| f32::from(c) / 255.0;
        self.ops.push(Op::SetFillColor {
            col: Color::Rgb(Rgb {
                r: channel(colour.r),
                g: channel(colour.g),
                b: channel(colour.b),
                icc_profile: None,
            }),
        });
        self.text_fill = None;
        self.rect(x, top, width, height, PaintMode::Fill);
    }
}

/// A step of 1, 2, 2.5 or 5 times a power of ten giving four to eight intervals, and the
/// axis top (a whole number of steps at or above `max`).
fn nice_scale(max: f64) -> (f64, f64) {
    if !(max.is_finite() && max > 0.0) {
        return (1.0, 5.0);
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(10.0 * magnitude);
    (step, (max / step).ceil().max(1.0) * step)
}

/// A tick value with thousands separators, and decimals only when the step has them.
fn tick_label(value: f64, step: f64) -> String {
    let decimals = if step.fract().abs() < 1e-9 {
        0
    } else if (step * 10.0).fract().abs() < 1e-9 {
        1
    } else {
        2
    };
    crate::money::grouped(&format!("{value:.decimals$}"))
}

#[cfg(test)]
mod tests {
    use super::{nice_scale, tick_label};

    #[test]
    fn scales_are_round() {
        for (max, step, top) in [
            (45.0, 10.0, 50.0),
            (15.0, 5.0, 15.0),
            (16.0, 5.0, 20.0),
            (0.7, 0.2, 0.8),
            (1234.0, 250.0, 1250.0),
            (0.0, 1.0, 5.0),
            (f64::NAN, 1.0, 5.0),
        ] {
            let (s, t) = nice_scale(max);
            assert!((s - step).abs() < 1e-9 && (t - top).abs() < 1e-9, "{max}: got {s} {t}, want {step} {top}");
        }
    }

    #[test]
    fn tick_labels_are_grouped() {
        for (value, step, text) in [
            (15000.0, 5000.0, "15,000"),
            (0.0, 1.0, "0"),
            (2.5, 2.5, "2.5"),
            (0.4, 0.2, "0.4"),
            (1250.0, 250.0, "1,250"),
        ] {
            assert_eq!(tick_label(value, step), text);
        }
    }
}
