//! Benchmark discovery and the round-robin measurement loop.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::format;
use crate::measure::{self, Outcome};
use crate::stats;
use crate::vm::{Vm, VmKind};

/// The name of the `-e ""` row.
pub const STARTUP: &str = "startup";

#[derive(Debug, Clone)]
pub enum Workload {
    /// `vm -e ""`: process start-up and shutdown only.
    Startup,
    Script(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Bench {
    pub name: String,
    pub workload: Workload,
    pub runs: usize,
}

impl Bench {
    pub fn is_startup(&self) -> bool {
        matches!(self.workload, Workload::Startup)
    }

    fn args(&self, vm: &Vm) -> Vec<OsString> {
        match &self.workload {
            Workload::Startup => vm.eval_args(""),
            Workload::Script(p) => vm.script_args(p),
        }
    }
}

/// Lists `dir/*.lua` as (name, path), sorted by name.
pub fn discover(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "lua") && path.is_file() {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                found.push((stem.to_string(), path));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// What a run measures: the startup row or not, and the benchmark files.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub startup: bool,
    pub scripts: Vec<(String, PathBuf)>,
}

/// Keeps the rows named in `names`, in discovery order: everything if
/// `names` is empty, else exactly the named benchmarks, plus the startup
/// row if [`STARTUP`] is among the names. Unknown names are an error.
pub fn select(all: Vec<(String, PathBuf)>, names: &[String]) -> Result<Selection, String> {
    let known = |n: &String| n == STARTUP || all.iter().any(|(a, _)| a == n);
    if let Some(bad) = names.iter().find(|n| !known(n)) {
        let mut known: Vec<_> = all.iter().map(|(a, _)| a.as_str()).collect();
        known.push(STARTUP);
        return Err(format!(
            "unknown benchmark {bad:?} (known: {})",
            known.join(", ")
        ));
    }
    let wanted = |n: &str| names.is_empty() || names.iter().any(|m| m == n);
    Ok(Selection {
        startup: wanted(STARTUP),
        scripts: all.into_iter().filter(|(n, _)| wanted(n)).collect(),
    })
}

/// One measured run.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub wall_secs: f64,
    pub max_rss_kib: u64,
}

/// Whether a VM's output for a benchmark could be trusted.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Every run exited 0 and printed exactly what lua5.4 printed.
    Ok,
    /// Every run exited 0, but there was no lua5.4 output to compare with.
    Unchecked,
    /// Some run printed something else than lua5.4.
    Mismatch { detail: String },
    /// A run failed (non-zero exit, signal, timeout, spawn error); the
    /// remaining runs of that VM were skipped.
    Failed { reason: String, stderr: String },
}

impl Check {
    pub fn is_ok(&self) -> bool {
        *self == Check::Ok
    }

    /// Short status for tables.
    pub fn short(&self) -> String {
        match self {
            Check::Ok => "ok".into(),
            Check::Unchecked => "unchecked".into(),
            Check::Mismatch { .. } => "MISMATCH".into(),
            Check::Failed { reason, .. } => format!("FAIL ({reason})"),
        }
    }
}

/// All runs of one VM on one benchmark.
#[derive(Debug, Clone)]
pub struct Cell {
    pub samples: Vec<Sample>,
    pub check: Check,
}

impl Cell {
    fn walls(&self) -> Vec<f64> {
        self.samples.iter().map(|s| s.wall_secs).collect()
    }

    pub fn median(&self) -> Option<f64> {
        stats::median(&self.walls())
    }

    pub fn min(&self) -> Option<f64> {
        stats::min(&self.walls())
    }

    pub fn max(&self) -> Option<f64> {
        stats::max(&self.walls())
    }

    pub fn peak_rss_kib(&self) -> Option<u64> {
        self.samples.iter().map(|s| s.max_rss_kib).max()
    }

    /// Timings are meaningful unless the VM failed.
    pub fn has_timing(&self) -> bool {
        !self.samples.is_empty() && !matches!(self.check, Check::Failed { .. })
    }
}

/// A benchmark's results: one cell per VM, in the order of the VM list.
#[derive(Debug, Clone)]
pub struct BenchResult {
    pub name: String,
    pub is_startup: bool,
    pub cells: Vec<Cell>,
}

impl BenchResult {
    /// Median time of VM `vm` divided by the reference VM's median.
    pub fn ratio(&self, vm: usize, reference: Option<usize>) -> Option<f64> {
        let r = &self.cells[reference?];
        let c = &self.cells[vm];
        if !c.has_timing() || !r.has_timing() {
            return None;
        }
        Some(c.median()? / r.median()?)
    }
}

/// Index of lua5.4 in `vms`, if it is being measured.
pub fn reference_index(vms: &[Vm]) -> Option<usize> {
    vms.iter().position(|v| v.kind == VmKind::Lua54)
}

/// Runs `bench` `bench.runs` times on every VM, round-robin: run 1 of each
/// VM, then run 2 of each, and so on. A VM that fails is not run again on
/// this benchmark. `progress` receives one line per run.
pub fn run_bench(
    bench: &Bench,
    vms: &[Vm],
    cwd: &Path,
    timeout: Duration,
    mut progress: impl FnMut(&str),
) -> BenchResult {
    let mut outcomes: Vec<Vec<Outcome>> = vec![Vec::new(); vms.len()];
    let mut failures: Vec<Option<Check>> = vec![None; vms.len()];

    for round in 1..=bench.runs {
        for (i, vm) in vms.iter().enumerate() {
            if failures[i].is_some() {
                continue;
            }
            let prefix = format!("[{} {round}/{}] {:<11}", bench.name, bench.runs, vm.label());
            match measure::run(&vm.program, &bench.args(vm), vm.env_remove, cwd, timeout) {
                Ok(o) if o.exit.success() => {
                    progress(&format!(
                        "{prefix} {:>10}  {:>7} MB",
                        format::duration(o.wall_secs),
                        format::megabytes(o.max_rss_kib)
                    ));
                    outcomes[i].push(o);
                }
                Ok(o) => {
                    let reason = o.exit.describe();
                    let last = o.stderr_tail.lines().last().unwrap_or("");
                    progress(&format!("{prefix} FAILED ({reason}) {last}"));
                    failures[i] = Some(Check::Failed {
                        reason,
                        stderr: o.stderr_tail,
                    });
                }
                Err(e) => {
                    progress(&format!("{prefix} FAILED to start: {e}"));
                    failures[i] = Some(Check::Failed {
                        reason: "could not start".into(),
                        stderr: e.to_string(),
                    });
                }
            }
        }
    }

    let reference: Option<Vec<u8>> = reference_index(vms)
        .filter(|&r| failures[r].is_none())
        .and_then(|r| outcomes[r].first())
        .map(|o| o.stdout.clone());

    let cells = outcomes
        .into_iter()
        .zip(failures)
        .map(|(runs, failure)| {
            let check = failure.unwrap_or_else(|| compare(&runs, reference.as_deref()));
            let samples = runs
                .iter()
                .map(|o| Sample {
                    wall_secs: o.wall_secs,
                    max_rss_kib: o.max_rss_kib,
                })
                .collect();
            Cell { samples, check }
        })
        .collect();

    BenchResult {
        name: bench.name.clone(),
        is_startup: bench.is_startup(),
        cells,
    }
}

/// Compares every run's stdout with the reference output.
fn compare(runs: &[Outcome], reference: Option<&[u8]>) -> Check {
    let Some(expected) = reference else {
        return Check::Unchecked;
    };
    match runs.iter().find(|o| o.stdout != expected) {
        None => Check::Ok,
        Some(o) => Check::Mismatch {
            detail: first_difference(expected, &o.stdout),
        },
    }
}

/// Describes the first line where `got` differs from `expected`.
pub fn first_difference(expected: &[u8], got: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let g = String::from_utf8_lossy(got);
    let mut el = e.lines();
    let mut gl = g.lines();
    let mut line = 1;
    loop {
        match (el.next(), gl.next()) {
            (Some(a), Some(b)) if a == b => line += 1,
            (None, None) => return "outputs differ only in line endings".into(),
            (a, b) => {
                let show = |s: Option<&str>| match s {
                    Some(s) => format!("`{}`", clip(s, 80)),
                    None => "end of output".to_string(),
                };
                return format!("line {line}: expected {}, got {}", show(a), show(b));
            }
        }
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(walls: &[f64], check: Check) -> Cell {
        Cell {
            samples: walls
                .iter()
                .map(|&w| Sample {
                    wall_secs: w,
                    max_rss_kib: 1024,
                })
                .collect(),
            check,
        }
    }

    #[test]
    fn ratio_uses_medians() {
        let r = BenchResult {
            name: "x".into(),
            is_startup: false,
            cells: vec![
                cell(&[1.0, 9.0, 2.0], Check::Ok),
                cell(&[4.0, 4.0, 4.0], Check::Ok),
                cell(
                    &[1.0],
                    Check::Failed {
                        reason: "exit 1".into(),
                        stderr: String::new(),
                    },
                ),
            ],
        };
        assert_eq!(r.ratio(0, Some(1)), Some(0.5));
        assert_eq!(r.ratio(1, Some(1)), Some(1.0));
        assert_eq!(r.ratio(2, Some(1)), None);
        assert_eq!(r.ratio(0, None), None);
    }

    #[test]
    fn differences_are_located() {
        assert_eq!(
            first_difference(b"a\nb\nc\n", b"a\nB\nc\n"),
            "line 2: expected `b`, got `B`"
        );
        assert_eq!(
            first_difference(b"a\nb\n", b"a\n"),
            "line 2: expected `b`, got end of output"
        );
        assert_eq!(
            first_difference(b"a\n", b""),
            "line 1: expected `a`, got end of output"
        );
    }

    #[test]
    fn select_checks_names() {
        let all = vec![
            ("fib".to_string(), PathBuf::from("fib.lua")),
            ("nbody".to_string(), PathBuf::from("nbody.lua")),
        ];
        let every = select(all.clone(), &[]).unwrap();
        assert!(every.startup);
        assert_eq!(every.scripts.len(), 2);
        let one = select(all.clone(), &["nbody".into()]).unwrap();
        assert!(!one.startup);
        assert_eq!(one.scripts.len(), 1);
        assert_eq!(one.scripts[0].0, "nbody");
        let startup = select(all.clone(), &["startup".into()]).unwrap();
        assert!(startup.startup);
        assert!(startup.scripts.is_empty());
        let both = select(all.clone(), &["fib".into(), "startup".into()]).unwrap();
        assert!(both.startup);
        assert_eq!(both.scripts.len(), 1);
        assert!(select(all, &["nope".into()])
            .unwrap_err()
            .contains("unknown"));
    }

    #[test]
    fn checks_compare_against_reference() {
        let out = |s: &str| Outcome {
            wall_secs: 0.1,
            max_rss_kib: 1,
            stdout: s.as_bytes().to_vec(),
            stderr_tail: String::new(),
            exit: measure::Exit::Code(0),
        };
        assert_eq!(compare(&[out("1\n"), out("1\n")], Some(b"1\n")), Check::Ok);
        assert_eq!(compare(&[out("1\n")], None), Check::Unchecked);
        assert!(matches!(
            compare(&[out("1\n"), out("2\n")], Some(b"1\n")),
            Check::Mismatch { .. }
        ));
    }

    #[test]
    fn the_shipped_benchmarks_are_found() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let all = discover(&dir).unwrap();
        assert!(all.len() >= 16, "only {} benchmarks", all.len());
        assert!(all.iter().any(|(n, _)| n == "fib"));
    }
}
