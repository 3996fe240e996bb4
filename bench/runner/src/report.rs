//! The data shared by the Markdown and SVG reports.

use crate::stats;
use crate::suite::{BenchResult, Check};
use crate::sysinfo::SysInfo;
use crate::vm::VmKind;

/// A VM column in the reports.
#[derive(Debug, Clone)]
pub struct VmInfo {
    pub kind: VmKind,
    /// e.g. `target/release/kiln -j off`
    pub command: String,
    /// e.g. `Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio`
    pub version: String,
}

impl VmInfo {
    pub fn label(&self) -> &'static str {
        self.kind.label()
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub sys: SysInfo,
    pub vms: Vec<VmInfo>,
    /// The startup row (if measured) first, then the benchmarks.
    pub results: Vec<BenchResult>,
    pub runs: usize,
    pub startup_runs: usize,
    /// The command line that produced the report.
    pub command: String,
    /// VMs that were asked for but not found.
    pub skipped: Vec<String>,
}

/// Geometric mean of one VM's ratios over the non-startup benchmarks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geomean {
    pub value: Option<f64>,
    /// Benchmarks that went into it (those the VM passed).
    pub used: usize,
    /// Non-startup benchmarks in the report.
    pub total: usize,
}

impl Report {
    pub fn reference(&self) -> Option<usize> {
        self.vms.iter().position(|v| v.kind == VmKind::Lua54)
    }

    /// Ratio to lua5.4 for a benchmark and VM, if it is meaningful.
    pub fn ratio(&self, result: &BenchResult, vm: usize) -> Option<f64> {
        result.ratio(vm, self.reference())
    }

    /// Geometric mean of the ratios of `vm`, over the benchmarks (not the
    /// startup row) where it produced the right output.
    pub fn geomean(&self, vm: usize) -> Geomean {
        let benches: Vec<&BenchResult> = self.results.iter().filter(|r| !r.is_startup).collect();
        let ratios: Vec<f64> = benches
            .iter()
            .filter(|r| r.cells[vm].check.is_ok())
            .filter_map(|r| self.ratio(r, vm))
            .collect();
        Geomean {
            value: stats::geomean(&ratios),
            used: ratios.len(),
            total: benches.len(),
        }
    }

    /// The geometric mean shown in the comparison headline (the summary
    /// table's last row and the chart), or `None` for an informational
    /// column, which is left out of it.
    pub fn headline_geomean(&self, vm: usize) -> Option<Geomean> {
        Some(self.geomean(vm)).filter(|_| !self.vms[vm].kind.informational())
    }

    /// The informational columns (speed not compared), e.g. kiln-eager.
    pub fn informational(&self) -> impl Iterator<Item = &VmInfo> {
        self.vms.iter().filter(|v| v.kind.informational())
    }

    /// True if every VM passed every benchmark.
    pub fn all_ok(&self) -> bool {
        self.results.iter().all(|r| {
            r.cells
                .iter()
                .all(|c| matches!(c.check, Check::Ok | Check::Unchecked))
        })
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::suite::{Cell, Sample};

    pub fn cell(walls: &[f64], check: Check) -> Cell {
        Cell {
            samples: walls
                .iter()
                .map(|&w| Sample {
                    wall_secs: w,
                    max_rss_kib: 2048,
                })
                .collect(),
            check,
        }
    }

    /// A report with VMs kiln, lua5.4, luajit and three rows.
    pub fn sample_report() -> Report {
        let vm = |kind, version: &str| VmInfo {
            kind,
            command: kind.label().to_string(),
            version: version.to_string(),
        };
        let row = |name: &str, startup, cells| BenchResult {
            name: name.to_string(),
            is_startup: startup,
            cells,
        };
        Report {
            sys: SysInfo {
                date_utc: "2025-01-02 03:04 UTC".into(),
                cpu: "Test CPU".into(),
                cores: 2,
                arch: "x86_64".into(),
                os: "TestOS, Linux 6.0".into(),
            },
            vms: vec![
                vm(VmKind::Kiln, "kiln, workspace commit abc123"),
                vm(VmKind::Lua54, "Lua 5.4.4"),
                vm(VmKind::LuaJit, "LuaJIT 2.1"),
            ],
            results: vec![
                row(
                    "startup",
                    true,
                    vec![
                        cell(&[0.002], Check::Ok),
                        cell(&[0.001], Check::Ok),
                        cell(&[0.001], Check::Ok),
                    ],
                ),
                row(
                    "fib",
                    false,
                    vec![
                        cell(&[0.5, 0.6, 0.4], Check::Ok),
                        cell(&[1.0, 1.1, 0.9], Check::Ok),
                        cell(&[0.2, 0.2, 0.2], Check::Ok),
                    ],
                ),
                row(
                    "nbody",
                    false,
                    vec![
                        cell(
                            &[2.0],
                            Check::Mismatch {
                                detail: "line 1: expected `a`, got `b`".into(),
                            },
                        ),
                        cell(&[2.0, 2.0, 2.0], Check::Ok),
                        cell(&[0.5, 0.5, 0.5], Check::Ok),
                    ],
                ),
            ],
            runs: 3,
            startup_runs: 1,
            command: "cargo run --release -p kiln-bench -- --runs 3".into(),
            skipped: vec![],
        }
    }

    /// `sample_report` with a kiln-eager column after kiln: as fast as kiln
    /// on fib, failed on nbody.
    pub fn sample_report_with_eager() -> Report {
        let mut r = sample_report();
        r.vms.insert(
            1,
            VmInfo {
                kind: VmKind::KilnEager,
                command: "kiln -j eager".into(),
                version: "kiln, workspace commit abc123".into(),
            },
        );
        let eager = [
            cell(&[0.004], Check::Ok),
            cell(&[0.5, 0.5, 0.5], Check::Ok),
            cell(
                &[],
                Check::Failed {
                    reason: "exit 1".into(),
                    stderr: "boom".into(),
                },
            ),
        ];
        for (res, c) in r.results.iter_mut().zip(eager) {
            res.cells.insert(1, c);
        }
        r
    }

    #[test]
    fn informational_columns_have_no_headline_mean() {
        let r = sample_report_with_eager();
        assert_eq!(r.headline_geomean(1), None);
        assert_eq!(r.geomean(1).used, 1);
        assert!(r.headline_geomean(0).is_some());
        let labels: Vec<_> = r.informational().map(|v| v.label()).collect();
        assert_eq!(labels, ["kiln-eager"]);
        assert!(sample_report().informational().next().is_none());
        // Its failures still count.
        assert!(!r.all_ok());
    }

    #[test]
    fn geomean_skips_startup_and_bad_checks() {
        let r = sample_report();
        // kiln: only fib counts (nbody mismatched): 0.5
        let g = r.geomean(0);
        assert_eq!((g.used, g.total), (1, 2));
        assert!((g.value.unwrap() - 0.5).abs() < 1e-12);
        // luajit: sqrt(0.2 * 0.25)
        let g = r.geomean(2);
        assert_eq!(g.used, 2);
        assert!((g.value.unwrap() - (0.2f64 * 0.25).sqrt()).abs() < 1e-12);
        assert_eq!(r.geomean(1).value, Some(1.0));
        assert!(!r.all_ok());
    }
}
