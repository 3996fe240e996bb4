//! Renders the ratios as a hand-written SVG bar chart (bench/results.svg).
//!
//! One group of horizontal bars per benchmark (plus the startup row and the
//! geometric mean), one bar per VM other than lua5.4. The x axis is the
//! time relative to lua5.4 on a log scale; bars grow from the 1× line, to
//! the left for faster and to the right for slower.

use std::fmt::Write;

use crate::format;
use crate::report::Report;
use crate::suite::Check;

const WIDTH: f64 = 900.0;
const LEFT: f64 = 160.0;
const RIGHT: f64 = 40.0;
const TOP: f64 = 96.0;
const BOTTOM: f64 = 44.0;
const BAR_H: f64 = 9.0;
const BAR_GAP: f64 = 2.0;
const GROUP_GAP: f64 = 9.0;

/// What to draw for one VM in one group.
#[derive(Debug, Clone, PartialEq)]
enum Mark {
    Bar(f64),
    Note(&'static str),
}

struct Group {
    label: String,
    bold: bool,
    marks: Vec<Mark>,
}

/// A log10 axis over [lo, hi] mapped onto [x0, x0 + width].
#[derive(Debug, Clone, Copy)]
pub struct LogAxis {
    pub lo: f64,
    pub hi: f64,
    pub x0: f64,
    pub width: f64,
}

impl LogAxis {
    /// Smallest whole-decade axis that shows every value and 1× with a
    /// margin of half a bar label on each side.
    pub fn fit(values: &[f64], x0: f64, width: f64) -> LogAxis {
        let lo = values.iter().copied().fold(1.0, f64::min) / 1.5;
        let hi = values.iter().copied().fold(1.0, f64::max) * 1.5;
        LogAxis {
            lo: 10f64.powf(lo.log10().floor()),
            hi: 10f64.powf(hi.log10().ceil()),
            x0,
            width,
        }
    }

    pub fn x(&self, v: f64) -> f64 {
        let t = (v.log10() - self.lo.log10()) / (self.hi.log10() - self.lo.log10());
        self.x0 + t.clamp(0.0, 1.0) * self.width
    }

    /// Tick values: 1, 2 and 5 times each power of ten in range, with a
    /// flag for the powers of ten themselves.
    pub fn ticks(&self) -> Vec<(f64, bool)> {
        let e0 = self.lo.log10().round() as i32;
        let e1 = self.hi.log10().round() as i32;
        let mut ticks = Vec::new();
        for e in e0..=e1 {
            for m in [1.0, 2.0, 5.0] {
                let v = m * 10f64.powi(e);
                if v <= self.hi * 1.000_001 {
                    ticks.push((v, m == 1.0));
                }
            }
        }
        ticks
    }
}

/// Tick label such as `0.05×`, `1×` or `20×`.
pub fn tick_label(v: f64) -> String {
    let decimals = (-v.log10().floor()).max(0.0) as usize;
    format!("{v:.decimals$}×")
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn render(report: &Report) -> String {
    let reference = report.reference();
    let bar_vms: Vec<usize> = (0..report.vms.len())
        .filter(|&i| Some(i) != reference)
        .collect();

    let mut groups: Vec<Group> = report
        .results
        .iter()
        .map(|res| Group {
            label: if res.is_startup {
                "startup (-e \"\")".to_string()
            } else {
                res.name.clone()
            },
            bold: false,
            marks: bar_vms
                .iter()
                .map(|&i| match (&res.cells[i].check, report.ratio(res, i)) {
                    (Check::Failed { .. }, _) => Mark::Note("FAIL"),
                    (Check::Mismatch { .. }, _) => Mark::Note("MISMATCH"),
                    (_, Some(r)) => Mark::Bar(r),
                    (_, None) => Mark::Note("n/a"),
                })
                .collect(),
        })
        .collect();
    groups.push(Group {
        label: "geometric mean".to_string(),
        bold: true,
        marks: bar_vms
            .iter()
            .map(|&i| match report.headline_geomean(i) {
                Some(g) => match g.value {
                    Some(v) => Mark::Bar(v),
                    None => Mark::Note("n/a"),
                },
                None => Mark::Note("informational: not in the mean"),
            })
            .collect(),
    });

    let values: Vec<f64> = groups
        .iter()
        .flat_map(|g| &g.marks)
        .filter_map(|m| match m {
            Mark::Bar(v) => Some(*v),
            Mark::Note(_) => None,
        })
        .collect();
    let plot_w = WIDTH - LEFT - RIGHT;
    let axis = LogAxis::fit(&values, LEFT, plot_w);
    let group_h = bar_vms.len().max(1) as f64 * (BAR_H + BAR_GAP) + GROUP_GAP;
    let plot_h = groups.len() as f64 * group_h;
    let height = TOP + plot_h + BOTTOM;

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0}" viewBox="0 0 {WIDTH} {height:.0}" font-family="Helvetica, Arial, sans-serif">"#
    );
    let _ = writeln!(
        s,
        r##"<rect x="0" y="0" width="{WIDTH}" height="{height:.0}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        s,
        r#"<text x="{LEFT}" y="22" font-size="15" font-weight="bold">Time relative to lua5.4 (log scale, lower is better)</text>"#
    );
    let _ = writeln!(
        s,
        r##"<text x="{LEFT}" y="39" font-size="10" fill="#555555">{}; {}, {} cores; {}</text>"##,
        escape(&report.sys.date_utc),
        escape(&report.sys.cpu),
        report.sys.cores,
        if report.runs == 1 {
            "1 run each".to_string()
        } else {
            format!("median of {} runs", report.runs)
        }
    );
    legend(&mut s, report, &bar_vms);
    grid(&mut s, &axis, plot_h);

    for (g, group) in groups.iter().enumerate() {
        let gy = TOP + g as f64 * group_h;
        if group.bold {
            let _ = writeln!(
                s,
                r##"<line x1="8" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#888888"/>"##,
                WIDTH - RIGHT,
                gy - 1.0,
                gy - 1.0
            );
        }
        let weight = if group.bold { "bold" } else { "normal" };
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" font-weight="{weight}">{}</text>"#,
            LEFT - 8.0,
            gy + (group_h - GROUP_GAP) / 2.0 + 4.0,
            escape(&group.label)
        );
        for (j, mark) in group.marks.iter().enumerate() {
            let y = gy + j as f64 * (BAR_H + BAR_GAP) + GROUP_GAP / 2.0;
            let color = report.vms[bar_vms[j]].kind.color();
            bar(&mut s, &axis, mark, y, color);
        }
    }

    // 1× reference line on top of the bars.
    let x1 = axis.x(1.0);
    let _ = writeln!(
        s,
        r##"<line x1="{x1:.1}" x2="{x1:.1}" y1="{:.1}" y2="{:.1}" stroke="#333333" stroke-width="1.2" stroke-dasharray="4,3"/>"##,
        TOP - 4.0,
        TOP + plot_h
    );
    s.push_str("</svg>\n");
    s
}

fn legend(s: &mut String, report: &Report, bar_vms: &[usize]) {
    let mut x = LEFT;
    let y = 58.0;
    for &i in bar_vms {
        let vm = &report.vms[i];
        let label = if vm.kind.informational() {
            format!("{} (informational)", vm.label())
        } else {
            vm.label().to_string()
        };
        let _ = writeln!(
            s,
            r#"<rect x="{x:.1}" y="{:.1}" width="12" height="10" fill="{}"/>"#,
            y - 9.0,
            vm.kind.color()
        );
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{y:.1}" font-size="11">{}</text>"#,
            x + 16.0,
            escape(&label)
        );
        x += 30.0 + 7.0 * label.chars().count() as f64;
    }
    let note = if report.reference().is_some() {
        "lua5.4 = 1×"
    } else {
        "no lua5.4 reference: nothing to compare"
    };
    let _ = writeln!(
        s,
        r##"<line x1="{x:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#333333" stroke-width="1.2" stroke-dasharray="4,3"/>"##,
        x + 14.0,
        y - 4.0,
        y - 4.0
    );
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{y:.1}" font-size="11">{note}</text>"#,
        x + 18.0
    );
}

fn grid(s: &mut String, axis: &LogAxis, plot_h: f64) {
    let ticks = axis.ticks();
    let decades = (axis.hi / axis.lo).log10().round();
    for (v, major) in ticks {
        let x = axis.x(v);
        let (stroke, width) = if major {
            ("#bbbbbb", 1.0)
        } else {
            ("#e4e4e4", 0.8)
        };
        let _ = writeln!(
            s,
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="{:.1}" y2="{:.1}" stroke="{stroke}" stroke-width="{width}"/>"#,
            TOP - 4.0,
            TOP + plot_h
        );
        if major || decades <= 3.0 {
            let label = tick_label(v);
            let _ = writeln!(
                s,
                r##"<text x="{x:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#444444">{label}</text>"##,
                TOP - 8.0
            );
            let _ = writeln!(
                s,
                r##"<text x="{x:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#444444">{label}</text>"##,
                TOP + plot_h + 14.0
            );
        }
    }
    let _ = writeln!(
        s,
        r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#444444">← faster than lua5.4 · slower than lua5.4 →</text>"##,
        axis.x(1.0),
        TOP + plot_h + 32.0
    );
}

fn bar(s: &mut String, axis: &LogAxis, mark: &Mark, y: f64, color: &str) {
    let x1 = axis.x(1.0);
    match mark {
        Mark::Bar(r) => {
            let xr = axis.x(*r);
            let (x, w) = if xr >= x1 {
                (x1, xr - x1)
            } else {
                (xr, x1 - xr)
            };
            let _ = writeln!(
                s,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{BAR_H}" fill="{color}"/>"#,
                w.max(0.5)
            );
            let (tx, anchor) = if xr >= x1 {
                (xr + 3.0, "start")
            } else {
                (xr - 3.0, "end")
            };
            let _ = writeln!(
                s,
                r##"<text x="{tx:.1}" y="{:.1}" font-size="8" text-anchor="{anchor}" fill="#333333">{}</text>"##,
                y + BAR_H - 1.5,
                format::ratio(*r)
            );
        }
        Mark::Note(text) => {
            let _ = writeln!(
                s,
                r#"<text x="{:.1}" y="{:.1}" font-size="8" fill="{}">{text}</text>"#,
                x1 + 4.0,
                y + BAR_H - 1.5,
                if matches!(*text, "FAIL" | "MISMATCH") {
                    "#c00000"
                } else {
                    "#777777"
                }
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::{sample_report, sample_report_with_eager};

    #[test]
    fn axis_covers_values_in_whole_decades() {
        let a = LogAxis::fit(&[0.2, 3.0], 0.0, 100.0);
        assert_eq!((a.lo, a.hi), (0.1, 10.0));
        assert!((a.x(1.0) - 50.0).abs() < 1e-9);
        assert!((a.x(0.1) - 0.0).abs() < 1e-9);
        assert!((a.x(10.0) - 100.0).abs() < 1e-9);
        let a = LogAxis::fit(&[0.03], 0.0, 100.0);
        assert_eq!((a.lo, a.hi), (0.01, 10.0));
        let a = LogAxis::fit(&[], 0.0, 100.0);
        assert_eq!((a.lo, a.hi), (0.1, 10.0));
    }

    #[test]
    fn ticks_and_labels() {
        let a = LogAxis::fit(&[0.2, 3.0], 0.0, 100.0);
        let labels: Vec<String> = a.ticks().iter().map(|(v, _)| tick_label(*v)).collect();
        assert_eq!(labels, ["0.1×", "0.2×", "0.5×", "1×", "2×", "5×", "10×"]);
        assert_eq!(tick_label(0.05), "0.05×");
        assert_eq!(tick_label(20.0), "20×");
    }

    #[test]
    fn escapes_xml() {
        assert_eq!(escape(r#"a<b>&"c""#), "a&lt;b&gt;&amp;&quot;c&quot;");
    }

    #[test]
    fn renders_bars_notes_and_legend() {
        let svg = render(&sample_report());
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        // Legend: the two non-reference VMs and the reference line.
        assert!(svg.contains(">kiln</text>"));
        assert!(svg.contains(">luajit</text>"));
        assert!(svg.contains("lua5.4 = 1×"));
        assert!(!svg.contains(">lua5.4</text>"));
        // Rows, including the geometric mean, and the mismatch note.
        assert!(svg.contains(">fib</text>"));
        assert!(svg.contains(">geometric mean</text>"));
        assert!(svg.contains(">MISMATCH</text>"));
        assert!(svg.contains(">0.20×</text>"));
        // Balanced elements.
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    }

    #[test]
    fn informational_column_has_bars_but_no_mean() {
        let svg = render(&sample_report_with_eager());
        assert!(svg.contains(">kiln-eager (informational)</text>"));
        assert!(svg.contains(">informational: not in the mean</text>"));
        assert!(svg.contains(">FAIL</text>"));
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    }
}
