//! The JIT's settings, spelled as LuaJIT's `-j` flags.

use std::path::PathBuf;

/// When prototypes are compiled.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum JitMode {
    /// Interpreter only.
    Off,
    /// Compile functions and loops that turn hot (the default).
    On,
    /// Compile every function at its first call (a test mode).
    Eager,
}

/// JIT settings.
///
/// ```
/// use kiln::jit::{JitMode, JitOptions};
/// let mut o = JitOptions::default();
/// o.apply("eager").unwrap();
/// o.apply("stats").unwrap();
/// assert_eq!(o.mode, JitMode::Eager);
/// assert!(o.stats);
/// assert!(o.apply("bogus").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JitOptions {
    /// When to compile.
    pub mode: JitMode,
    /// Calls plus loop iterations of a prototype before it is compiled.
    pub threshold: u32,
    /// Log compilations and exits on stderr (`-j v`).
    pub verbose: bool,
    /// Print a summary when the program ends (`-j stats`).
    pub stats: bool,
    /// Dump each compiled function's Cranelift IR (`-j dump=ir`).
    pub dump_ir: bool,
    /// Dump each compiled function's machine code (`-j dump=asm`).
    pub dump_asm: bool,
    /// Where dumps go (`-j dump=ir,asm:FILE`); stderr when `None`.
    pub dump_file: Option<PathBuf>,
}

impl Default for JitOptions {
    fn default() -> Self {
        JitOptions {
            mode: JitMode::On,
            threshold: 200,
            verbose: false,
            stats: false,
            dump_ir: false,
            dump_asm: false,
            dump_file: None,
        }
    }
}

impl JitOptions {
    /// Apply one setting: `off`, `on`, `eager`, `threshold=N`, `v`,
    /// `stats`, `dump=ir,asm` or `dump=ir,asm:FILE`. Several may be given
    /// separated by spaces.
    pub fn apply(&mut self, spec: &str) -> Result<(), String> {
        for s in spec.split_whitespace() {
            self.apply_one(s)?;
        }
        Ok(())
    }

    fn apply_one(&mut self, s: &str) -> Result<(), String> {
        match s {
            "off" | "0" => self.mode = JitMode::Off,
            "on" | "1" => self.mode = JitMode::On,
            "eager" => self.mode = JitMode::Eager,
            "v" | "verbose" => self.verbose = true,
            "stats" => self.stats = true,
            _ => {
                if let Some(n) = s.strip_prefix("threshold=") {
                    self.threshold = n
                        .parse::<u32>()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or_else(|| format!("bad JIT threshold '{n}'"))?;
                } else if let Some(d) = s.strip_prefix("dump=") {
                    let (what, file) = match d.split_once(':') {
                        Some((w, f)) => (w, Some(PathBuf::from(f))),
                        None => (d, None),
                    };
                    for w in what.split(',') {
                        match w {
                            "ir" => self.dump_ir = true,
                            "asm" => self.dump_asm = true,
                            _ => return Err(format!("unknown JIT dump '{w}'")),
                        }
                    }
                    self.dump_file = file;
                } else {
                    return Err(format!("unknown JIT option '{s}'"));
                }
            }
        }
        Ok(())
    }

    /// The threshold in effect (1 in eager mode).
    pub(crate) fn effective_threshold(&self) -> u32 {
        match self.mode {
            JitMode::Eager => 1,
            JitMode::On => self.threshold,
            JitMode::Off => u32::MAX,
        }
    }
}
