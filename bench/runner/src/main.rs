//! kiln-bench: runs bench/*.lua on kiln, lua5.4 and luajit and reports
//! median times, ratios to lua5.4 and peak memory. See bench/README.md.
#![deny(clippy::undocumented_unsafe_blocks)]

mod cli;
mod format;
mod measure;
mod report;
mod report_md;
mod stats;
mod suite;
mod svg;
mod sysinfo;
mod vm;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use cli::{Options, Parsed};
use report::{Report, VmInfo};
use suite::{Bench, Workload};
use vm::VmKind;

const MD_NAME: &str = "RESULTS.md";
const SVG_NAME: &str = "results.svg";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = match cli::parse(args.clone()) {
        Ok(Parsed::Run(o)) => o,
        Ok(Parsed::Help) => {
            println!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("kiln-bench: {e}\n(try --help)");
            return ExitCode::from(2);
        }
    };
    match run(&opts, &args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("kiln-bench: {e}");
            ExitCode::from(2)
        }
    }
}

/// The workspace root: this crate lives in <root>/bench/runner.
fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    here.canonicalize().unwrap_or(here)
}

/// Runs everything; returns whether every run passed its check.
fn run(opts: &Options, args: &[String]) -> Result<bool, String> {
    let root = workspace_root();
    let bench_dir = opts.bench_dir.clone().unwrap_or_else(|| root.join("bench"));
    let out_dir = opts.out_dir.clone().unwrap_or_else(|| root.join("bench"));

    let all = suite::discover(&bench_dir)
        .map_err(|e| format!("cannot list {}: {e}", bench_dir.display()))?;
    if opts.list {
        for (name, _) in &all {
            println!("{name}");
        }
        return Ok(true);
    }
    let selected = suite::select(all, &opts.benches)?;

    let kinds = match &opts.vms {
        Some(labels) => vm::parse_kinds(labels)?,
        None => VmKind::ALL.to_vec(),
    };
    let kiln = opts
        .kiln
        .clone()
        .unwrap_or_else(|| root.join("target/release/kiln"));
    let (vms, skipped) = vm::discover(&kinds, &kiln);
    for note in &skipped {
        eprintln!("kiln-bench: {note}");
    }
    if vms.is_empty() {
        return Err("no VM to run".into());
    }
    if suite::reference_index(&vms).is_none() {
        eprintln!(
            "kiln-bench: lua5.4 is not measured: outputs are unchecked and there are no ratios"
        );
    }

    let mut benches = Vec::new();
    if opts.startup && selected.startup {
        benches.push(Bench {
            name: suite::STARTUP.to_string(),
            workload: Workload::Startup,
            runs: opts.startup_runs,
        });
    }
    benches.extend(selected.scripts.into_iter().map(|(name, path)| Bench {
        name,
        workload: Workload::Script(path),
        runs: opts.runs,
    }));

    if benches.is_empty() {
        return Err(
            "nothing to run (the selection has only the startup row and --no-startup)".into(),
        );
    }

    let labels: Vec<&str> = vms.iter().map(|v| v.label()).collect();
    eprintln!(
        "kiln-bench: {} benchmarks x {} runs on {}",
        benches.len(),
        opts.runs,
        labels.join(", ")
    );
    let timeout = Duration::from_secs_f64(opts.timeout_secs);
    let mut results = Vec::new();
    for bench in &benches {
        let result = suite::run_bench(bench, &vms, &bench_dir, timeout, |line| eprintln!("{line}"));
        let reference = suite::reference_index(&vms);
        let parts: Vec<String> = result
            .cells
            .iter()
            .zip(&vms)
            .enumerate()
            .map(|(i, (cell, vm))| {
                let time = cell
                    .median()
                    .filter(|_| cell.has_timing())
                    .map(format::duration)
                    .unwrap_or_else(|| "-".into());
                let ratio = result
                    .ratio(i, reference)
                    .map(|r| format!(" ({})", format::ratio(r)))
                    .unwrap_or_default();
                let check = if cell.check.is_ok() {
                    String::new()
                } else {
                    format!(" {}", cell.check.short())
                };
                format!("{} {time}{ratio}{check}", vm.label())
            })
            .collect();
        eprintln!("== {}: {}", result.name, parts.join(", "));
        results.push(result);
    }

    let quoted: Vec<String> = args.iter().map(|a| format::shell_quote(a)).collect();
    let command = format!("cargo run --release -p kiln-bench -- {}", quoted.join(" "))
        .trim_end()
        .to_string();
    let report = Report {
        sys: sysinfo::collect(),
        vms: vms
            .iter()
            .map(|v| VmInfo {
                kind: v.kind,
                command: v.command_line(&root),
                version: v.version(&root),
            })
            .collect(),
        results,
        runs: opts.runs,
        startup_runs: opts.startup_runs,
        command,
        skipped,
    };

    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let md_path = out_dir.join(MD_NAME);
    let svg_path = out_dir.join(SVG_NAME);
    std::fs::write(&md_path, report_md::render(&report, SVG_NAME))
        .map_err(|e| format!("cannot write {}: {e}", md_path.display()))?;
    std::fs::write(&svg_path, svg::render(&report))
        .map_err(|e| format!("cannot write {}: {e}", svg_path.display()))?;

    print!("{}", report_md::summary(&report));
    eprintln!(
        "kiln-bench: wrote {} and {}",
        md_path.display(),
        svg_path.display()
    );
    let ok = report.all_ok();
    if !ok {
        eprintln!("kiln-bench: some runs failed or printed a different checksum than lua5.4 (see {MD_NAME})");
    }
    Ok(ok)
}
