//! Renders the report as Markdown (bench/RESULTS.md).

use std::fmt::Write;

use crate::format;
use crate::report::Report;
use crate::suite::Check;

/// The whole RESULTS.md document. `svg_name` is linked as the chart.
pub fn render(report: &Report, svg_name: &str) -> String {
    let mut out = String::new();
    header(&mut out, report);
    summary_table(&mut out, report);
    let _ = writeln!(out, "\n![time relative to lua5.4, log scale]({svg_name})\n");
    detail_table(&mut out, report);
    problems(&mut out, report);
    out
}

fn header(out: &mut String, r: &Report) {
    let s = &r.sys;
    let _ = writeln!(out, "# Kiln benchmark results\n");
    let _ = writeln!(out, "- Date: {}", s.date_utc);
    let _ = writeln!(out, "- Machine: {}, {} cores ({})", s.cpu, s.cores, s.arch);
    let _ = writeln!(out, "- OS: {}", s.os);
    let _ = writeln!(out, "- VMs:");
    for vm in &r.vms {
        let info = if vm.kind.informational() {
            " — speed informational only"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  - {}: `{}` ({}){info}",
            vm.label(),
            vm.command,
            vm.version
        );
    }
    for note in &r.skipped {
        let _ = writeln!(out, "  - {note}");
    }
    let startup = if r.results.iter().any(|res| res.is_startup) {
        format!(" ({} for the startup row)", r.startup_runs)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "- Runs: {} per benchmark and VM{startup}, VMs alternated round-robin",
        r.runs
    );
    let _ = writeln!(out, "- Command: `{}`", r.command);
    let _ = writeln!(
        out,
        "\nTimes are wall-clock medians. Ratios are median time divided by lua5.4's \
         median time: below 1 is faster than lua5.4. The geometric mean leaves out \
         the startup row and any benchmark where the VM failed or printed a \
         different checksum than lua5.4. The machine is shared and noisy: treat \
         differences below ~10% as noise.\n"
    );
}

/// Just the ratio table, for printing at the end of a run.
pub fn summary(report: &Report) -> String {
    let mut out = String::new();
    summary_table(&mut out, report);
    out
}

/// Benchmarks × VMs, ratio to lua5.4 in each cell.
fn summary_table(out: &mut String, r: &Report) {
    let _ = writeln!(out, "## Time relative to lua5.4 (lower is better)\n");
    let mut head = String::from("| benchmark |");
    let mut rule = String::from("|---|");
    for vm in &r.vms {
        let _ = write!(head, " {} |", vm.label());
        rule.push_str("---:|");
    }
    let _ = writeln!(out, "{head}\n{rule}");
    for res in &r.results {
        let name = if res.is_startup {
            "startup (`-e \"\"`)".to_string()
        } else {
            res.name.clone()
        };
        let _ = write!(out, "| {} |", format::md_cell(&name));
        for (i, cell) in res.cells.iter().enumerate() {
            let text = match (&cell.check, r.ratio(res, i)) {
                (Check::Failed { .. }, _) => "FAIL".to_string(),
                (Check::Mismatch { .. }, Some(x)) => format!("MISMATCH ({})", format::ratio(x)),
                (Check::Mismatch { .. }, None) => "MISMATCH".to_string(),
                (_, Some(x)) => format::ratio(x),
                (_, None) => "–".to_string(),
            };
            let _ = write!(out, " {text} |");
        }
        let _ = writeln!(out);
    }
    let _ = write!(out, "| **geometric mean** |");
    for i in 0..r.vms.len() {
        let text = match r.headline_geomean(i) {
            None => "(informational)".to_string(),
            Some(g) => match g.value {
                None => "–".to_string(),
                Some(v) if g.used == g.total => format!("**{}**", format::ratio(v)),
                Some(v) => format!("**{}** ({} of {})", format::ratio(v), g.used, g.total),
            },
        };
        let _ = write!(out, " {text} |");
    }
    let _ = writeln!(out);
    informational_note(out, r);
}

/// The note under the summary table for columns whose speed is only
/// informational.
fn informational_note(out: &mut String, r: &Report) {
    for vm in r.informational() {
        let _ = writeln!(
            out,
            "\n*{}* (`{}`: every function compiled at its first call) is a JIT test \
             mode: its checksums are checked against lua5.4 like every column's, \
             but its times are informational only, and it is left out of the \
             geometric mean.",
            vm.label(),
            vm.command
        );
    }
}

/// One row per benchmark and VM with all the numbers.
fn detail_table(out: &mut String, r: &Report) {
    let _ = writeln!(out, "## Details\n");
    let _ = writeln!(
        out,
        "| benchmark | VM | median | min – max | × lua5.4 | peak RSS (MB) | runs | check |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---|");
    for res in &r.results {
        for (i, (cell, vm)) in res.cells.iter().zip(&r.vms).enumerate() {
            let timing = cell.has_timing();
            let med = cell
                .median()
                .filter(|_| timing)
                .map(format::duration)
                .unwrap_or_else(|| "–".into());
            let range = match (cell.min(), cell.max()) {
                (Some(lo), Some(hi)) if timing => {
                    format!("{} – {}", format::duration(lo), format::duration(hi))
                }
                _ => "–".into(),
            };
            let ratio = r
                .ratio(res, i)
                .map(format::ratio)
                .unwrap_or_else(|| "–".into());
            let rss = cell
                .peak_rss_kib()
                .filter(|_| timing)
                .map(format::megabytes)
                .unwrap_or_else(|| "–".into());
            let _ = writeln!(
                out,
                "| {} | {} | {med} | {range} | {ratio} | {rss} | {} | {} |",
                format::md_cell(&res.name),
                vm.label(),
                cell.samples.len(),
                format::md_cell(&cell.check.short())
            );
        }
    }
}

/// Failures and mismatches, with the first differing line or the end of
/// stderr.
fn problems(out: &mut String, r: &Report) {
    let mut lines = Vec::new();
    for res in &r.results {
        for (cell, vm) in res.cells.iter().zip(&r.vms) {
            match &cell.check {
                Check::Mismatch { detail } => lines.push(format!(
                    "- **{}** on {}: output differs from lua5.4 at {detail}",
                    res.name,
                    vm.label()
                )),
                Check::Failed { reason, stderr } => {
                    let last = stderr.lines().last().unwrap_or("").trim();
                    let tail = if last.is_empty() {
                        String::new()
                    } else {
                        format!(": `{}`", last.replace('`', "'"))
                    };
                    lines.push(format!(
                        "- **{}** on {}: failed ({reason}){tail}",
                        res.name,
                        vm.label()
                    ));
                }
                Check::Ok | Check::Unchecked => {}
            }
        }
    }
    if !lines.is_empty() {
        let _ = writeln!(out, "\n## Problems\n");
        for l in lines {
            let _ = writeln!(out, "{l}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::{sample_report, sample_report_with_eager};

    #[test]
    fn header_mentions_machine_versions_and_command() {
        let md = render(&sample_report(), "results.svg");
        assert!(md.starts_with("# Kiln benchmark results\n"));
        assert!(md.contains("- Date: 2025-01-02 03:04 UTC"));
        assert!(md.contains("- Machine: Test CPU, 2 cores (x86_64)"));
        assert!(md.contains("- OS: TestOS, Linux 6.0"));
        assert!(md.contains("  - lua5.4: `lua5.4` (Lua 5.4.4)"));
        assert!(md.contains("kiln, workspace commit abc123"));
        assert!(md.contains("- Runs: 3 per benchmark and VM (1 for the startup row)"));
        assert!(md.contains("`cargo run --release -p kiln-bench -- --runs 3`"));
        assert!(md.contains("![time relative to lua5.4, log scale](results.svg)"));
    }

    #[test]
    fn summary_rows() {
        let md = render(&sample_report(), "results.svg");
        assert!(md.contains("| benchmark | kiln | lua5.4 | luajit |\n|---|---:|---:|---:|\n"));
        assert!(md.contains("| startup (`-e \"\"`) | 2.00× | 1.00× | 1.00× |"));
        assert!(md.contains("| fib | 0.50× | 1.00× | 0.20× |"));
        assert!(md.contains("| nbody | MISMATCH (1.00×) | 1.00× | 0.25× |"));
        assert!(md.contains("| **geometric mean** | **0.50×** (1 of 2) | **1.00×** | **0.22×** |"));
    }

    #[test]
    fn detail_rows_and_problems() {
        let md = render(&sample_report(), "results.svg");
        assert!(
            md.contains("| fib | kiln | 500.0 ms | 400.0 ms – 600.0 ms | 0.50× | 2.0 | 3 | ok |")
        );
        assert!(md.contains(
            "| nbody | kiln | 2.000 s | 2.000 s – 2.000 s | 1.00× | 2.0 | 1 | MISMATCH |"
        ));
        assert!(
            md.contains("## Problems\n\n- **nbody** on kiln: output differs from lua5.4 at line 1")
        );
    }

    #[test]
    fn informational_column_is_shown_but_not_averaged() {
        let md = render(&sample_report_with_eager(), "results.svg");
        assert!(md.contains(
            "  - kiln-eager: `kiln -j eager` (kiln, workspace commit abc123) — speed informational only"
        ));
        assert!(md.contains(
            "| benchmark | kiln | kiln-eager | lua5.4 | luajit |\n|---|---:|---:|---:|---:|\n"
        ));
        assert!(md.contains("| fib | 0.50× | 0.50× | 1.00× | 0.20× |"));
        assert!(md.contains("| nbody | MISMATCH (1.00×) | FAIL | 1.00× | 0.25× |"));
        assert!(md.contains(
            "| **geometric mean** | **0.50×** (1 of 2) | (informational) | **1.00×** | **0.22×** |\n\n*kiln-eager* (`kiln -j eager`: every function compiled"
        ));
        assert!(md.contains("| fib | kiln-eager | 500.0 ms | 500.0 ms – 500.0 ms | 0.50× |"));
        assert!(md.contains("- **nbody** on kiln-eager: failed (exit 1): `boom`"));
        // Without a startup row, its run count is not mentioned.
        let mut r = sample_report();
        r.results.remove(0);
        assert!(render(&r, "x.svg").contains("- Runs: 3 per benchmark and VM, VMs alternated"));
        // No note without such a column.
        assert!(!render(&sample_report(), "x.svg").contains("informational"));
    }
}
