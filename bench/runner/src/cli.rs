//! Command-line parsing (hand-written to keep the build light).

use std::path::PathBuf;

pub const USAGE: &str = "\
Usage: cargo run --release -p kiln-bench -- [OPTIONS] [BENCH...]

Runs the Lua programs in bench/*.lua on every available VM, alternating
VMs round-robin, and writes RESULTS.md and results.svg. The VMs (columns):
  kiln-interp   kiln -j off    interpreter only
  kiln          kiln -j on     the default tiering JIT
  kiln-eager    kiln -j eager  every function compiled at its first call;
                               checksums checked, speed informational only
                               (not in the geometric mean)
  lua5.4                       the reference: ratios and checksums
  luajit
KILN_JIT is removed from the kiln runs' environment.

Options:
  --runs N            runs per benchmark and VM (default 5)
  --startup-runs N    runs of the `-e \"\"` startup row (default 20)
  --quick             1 run of everything (smoke test); --runs and
                      --startup-runs still override it
  --kiln PATH         kiln executable (default <workspace>/target/release/kiln)
  --vms LIST          comma-separated subset of the columns (default all):
                      kiln-interp,kiln,kiln-eager,lua5.4,luajit
  --only NAME[,NAME...]
                      run only these benchmarks (like BENCH names; may be
                      repeated)
  --out-dir DIR       where RESULTS.md and results.svg go (default bench/)
  --bench-dir DIR     where the *.lua programs are (default bench/)
  --timeout SECS      kill a run after this many seconds (default 120)
  --no-startup        skip the startup row
  --list              list the benchmarks and exit
  -h, --help          show this help

BENCH names (or --only) select a subset, with or without the .lua
suffix; `startup` names the `-e \"\"` row, which a selection leaves out
unless it names it.
Exit status: 0 all good, 1 some run failed or printed a different
checksum than lua5.4, 2 usage or setup error.";

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub runs: usize,
    pub startup_runs: usize,
    pub kiln: Option<PathBuf>,
    pub vms: Option<Vec<String>>,
    pub out_dir: Option<PathBuf>,
    pub bench_dir: Option<PathBuf>,
    pub timeout_secs: f64,
    pub startup: bool,
    pub list: bool,
    pub benches: Vec<String>,
}

#[derive(Debug, PartialEq)]
pub enum Parsed {
    Run(Options),
    Help,
}

pub const DEFAULT_RUNS: usize = 5;
pub const DEFAULT_STARTUP_RUNS: usize = 20;
pub const DEFAULT_TIMEOUT_SECS: f64 = 120.0;

/// Parses the arguments after the program name.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Parsed, String> {
    let mut runs = None;
    let mut startup_runs = None;
    let mut quick = false;
    let mut opts = Options {
        runs: DEFAULT_RUNS,
        startup_runs: DEFAULT_STARTUP_RUNS,
        kiln: None,
        vms: None,
        out_dir: None,
        bench_dir: None,
        timeout_secs: DEFAULT_TIMEOUT_SECS,
        startup: true,
        list: false,
        benches: Vec::new(),
    };

    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        // Accept both `--opt value` and `--opt=value`.
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--runs" => runs = Some(positive(&name, &value("a number")?)?),
            "--startup-runs" => startup_runs = Some(positive(&name, &value("a number")?)?),
            "--quick" => quick = true,
            "--kiln" => opts.kiln = Some(PathBuf::from(value("a path")?)),
            "--vms" => {
                let list = comma_list(&value("a list")?);
                if list.is_empty() {
                    return Err("--vms needs at least one VM".into());
                }
                opts.vms = Some(list);
            }
            "--only" => {
                let list = comma_list(&value("a list of benchmarks")?);
                if list.is_empty() {
                    return Err("--only needs at least one benchmark".into());
                }
                opts.benches
                    .extend(list.iter().map(|b| bench_name(b).to_string()));
            }
            "--out-dir" => opts.out_dir = Some(PathBuf::from(value("a directory")?)),
            "--bench-dir" => opts.bench_dir = Some(PathBuf::from(value("a directory")?)),
            "--timeout" => {
                let v = value("a number of seconds")?;
                opts.timeout_secs = v
                    .parse::<f64>()
                    .ok()
                    .filter(|t| *t > 0.0 && t.is_finite())
                    .ok_or_else(|| format!("--timeout: not a positive number: {v}"))?;
            }
            "--no-startup" => opts.startup = false,
            "--list" => opts.list = true,
            _ if name.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ => opts.benches.push(bench_name(&arg).to_string()),
        }
    }

    let quick_default = if quick { Some(1) } else { None };
    opts.runs = runs.or(quick_default).unwrap_or(DEFAULT_RUNS);
    opts.startup_runs = startup_runs
        .or(quick_default)
        .unwrap_or(DEFAULT_STARTUP_RUNS);
    Ok(Parsed::Run(opts))
}

/// `a, b,,c` -> `["a", "b", "c"]`.
fn comma_list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// A benchmark name without its `.lua` suffix.
fn bench_name(arg: &str) -> &str {
    arg.strip_suffix(".lua").unwrap_or(arg)
}

fn positive(name: &str, v: &str) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{name}: not a positive integer: {v}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Options {
        match parse(args.iter().map(|s| s.to_string())).unwrap() {
            Parsed::Run(o) => o,
            Parsed::Help => panic!("unexpected help"),
        }
    }

    #[test]
    fn defaults() {
        let o = run(&[]);
        assert_eq!(o.runs, 5);
        assert_eq!(o.startup_runs, 20);
        assert!(o.startup);
        assert!(o.benches.is_empty());
        assert_eq!(o.vms, None);
    }

    #[test]
    fn options_with_values() {
        let o = run(&[
            "--runs",
            "3",
            "--kiln=/tmp/k",
            "--vms",
            "lua5.4, luajit",
            "--out-dir",
            "out",
            "fib.lua",
            "nbody",
        ]);
        assert_eq!(o.runs, 3);
        assert_eq!(o.kiln, Some(PathBuf::from("/tmp/k")));
        assert_eq!(
            o.vms,
            Some(vec!["lua5.4".to_string(), "luajit".to_string()])
        );
        assert_eq!(o.out_dir, Some(PathBuf::from("out")));
        assert_eq!(o.benches, vec!["fib", "nbody"]);
    }

    #[test]
    fn only_selects_benchmarks() {
        let o = run(&["--only", "fib, nbody.lua", "--only=sieve", "queens"]);
        assert_eq!(o.benches, vec!["fib", "nbody", "sieve", "queens"]);
        let o = run(&["--vms", "kiln,kiln-eager,lua5.4"]);
        assert_eq!(
            o.vms,
            Some(vec![
                "kiln".to_string(),
                "kiln-eager".to_string(),
                "lua5.4".to_string()
            ])
        );
    }

    #[test]
    fn quick_sets_one_run_unless_overridden() {
        let o = run(&["--quick"]);
        assert_eq!((o.runs, o.startup_runs), (1, 1));
        let o = run(&["--runs", "2", "--quick"]);
        assert_eq!((o.runs, o.startup_runs), (2, 1));
    }

    #[test]
    fn errors() {
        let err = |args: &[&str]| parse(args.iter().map(|s| s.to_string())).unwrap_err();
        assert!(err(&["--runs"]).contains("needs"));
        assert!(err(&["--runs", "0"]).contains("positive"));
        assert!(err(&["--runs", "x"]).contains("positive"));
        assert!(err(&["--bogus"]).contains("unknown option"));
        assert!(err(&["--timeout", "-1"]).contains("positive"));
        assert!(err(&["--vms", ","]).contains("at least one"));
        assert!(err(&["--only", " ,"]).contains("at least one"));
        assert!(err(&["--only"]).contains("needs"));
    }

    #[test]
    fn help() {
        assert_eq!(parse(vec!["-h".to_string()]), Ok(Parsed::Help));
    }
}
