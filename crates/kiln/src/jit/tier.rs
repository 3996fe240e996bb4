//! Tiering: the JIT's state in the VM, compiling prototypes that turned
//! hot, entering their machine code, and the log, statistics and dumps.

use super::compile::Compiler;
use super::{exit, JitMode, JitOptions, Tier};
use crate::bytecode::{get_op, OP_NAMES};
use crate::vm::error::LuaError;
use crate::vm::func::{LuaClosure, Proto};
use crate::vm::gc::Gc;
use crate::vm::value::Value;
use crate::vm::Vm;
use std::collections::HashSet;
use std::io::Write;
use std::time::{Duration, Instant};

/// Largest prototype compiled, in instructions.
const MAX_COMPILE: usize = 4000;

/// Counters for `-j stats`.
#[derive(Default)]
struct Stats {
    compiled: u64,
    failed: u64,
    compile_time: Duration,
    native_bytes: usize,
    entries: u64,
    exits: Vec<u64>,
    /// Instructions the interpreter ran from inside machine code, by opcode.
    steps: Vec<u64>,
}

/// The JIT's state in a VM.
pub(crate) struct Jit {
    opts: JitOptions,
    /// Compile at all (mode is not `Off`).
    pub(crate) enabled: bool,
    /// Calls plus back-edges before a prototype is compiled.
    pub(crate) threshold: u32,
    /// Created at the first compilation; `Err` if this machine has no backend.
    compiler: Option<Result<Compiler, String>>,
    stats: Stats,
    /// Count exits (stats or log asked for).
    pub(crate) counting: bool,
    /// Exits already logged, by code address and pc.
    logged: HashSet<(usize, usize)>,
    /// Compiled frames nested on the native stack right now.
    pub(crate) depth: u32,
    /// The running frame's registers, set by helpers after anything that
    /// may move the stack (compiled code reloads its base from here).
    pub(crate) rb: *mut Value,
}

/// What the trampoline does after `Vm::jit_run`.
pub(crate) enum JitRun {
    /// No machine code ran: interpret the frame.
    Interpret,
    /// Machine code left at the top frame's saved pc: run that one
    /// instruction in the interpreter.
    Step,
    /// The frame machine code ran returned (its caller has machine code
    /// too): look at the new top frame.
    Continue,
    /// A call made by machine code pushed a frame: enter it.
    Frame,
    /// An instruction machine code had the interpreter run ended the run.
    Done,
    /// Machine code raised this error at the top frame's saved pc.
    Error(LuaError),
}

impl Jit {
    pub(crate) fn new(opts: JitOptions) -> Jit {
        let mut j = Jit {
            opts: JitOptions::default(),
            enabled: false,
            threshold: u32::MAX,
            compiler: None,
            stats: Stats::default(),
            counting: false,
            logged: HashSet::new(),
            depth: 0,
            rb: std::ptr::null_mut(),
        };
        j.set(opts);
        j
    }

    fn set(&mut self, opts: JitOptions) {
        self.enabled = opts.mode != JitMode::Off;
        self.threshold = opts.effective_threshold();
        self.counting = opts.stats || opts.verbose;
        self.opts = opts;
    }
}

/// The options the environment asks for (`KILN_JIT`, e.g. `eager` or
/// `off`), over the defaults.
pub(crate) fn options_from_env() -> JitOptions {
    let mut o = JitOptions::default();
    if let Ok(s) = std::env::var("KILN_JIT") {
        let _ = o.apply(&s);
    }
    o
}

/// `file:line` of a prototype, as messages show it.
fn where_is(p: &Proto) -> String {
    let src = crate::syntax::lexer::chunk_id(&p.source);
    let src = String::from_utf8_lossy(&src);
    if p.linedefined == 0 {
        format!("main chunk of {src}")
    } else {
        format!("function at {src}:{}", p.linedefined)
    }
}

impl Vm {
    /// The JIT settings in effect.
    pub fn jit_options(&self) -> &JitOptions {
        &self.jit.opts
    }

    /// Change the JIT settings (code compiled so far stays).
    pub fn set_jit(&mut self, opts: JitOptions) {
        self.jit.set(opts);
        self.sync_trap();
    }

    /// Compile `p` now; false if it cannot be.
    pub(crate) fn jit_compile(&mut self, p: Gc<Proto>) -> bool {
        if p.code.len() > MAX_COMPILE {
            // (compile time grows faster than the code: such prototypes are
            // generated code or data, run once)
            if self.jit.opts.verbose {
                eprintln!(
                    "[jit] not compiling {}: {} instructions (limit {MAX_COMPILE})",
                    where_is(&p),
                    p.code.len()
                );
            }
            p.jit.demote();
            return false;
        }
        let start = Instant::now();
        let (ir, asm) = (self.jit.opts.dump_ir, self.jit.opts.dump_asm);
        let compiler = self.jit.compiler.get_or_insert_with(Compiler::new).as_mut();
        let r = match compiler {
            Ok(c) => c.compile(&p, ir, asm),
            Err(e) => Err(e.clone()),
        };
        let took = start.elapsed();
        self.jit.stats.compile_time += took;
        match r {
            Ok(out) => {
                let size = out.code.size;
                self.jit.stats.compiled += 1;
                self.jit.stats.native_bytes += size;
                if self.jit.opts.verbose {
                    eprintln!(
                        "[jit] compiled {} ({} instructions -> {} bytes, {} us)",
                        where_is(&p),
                        p.code.len(),
                        size,
                        took.as_micros()
                    );
                }
                if ir || asm {
                    self.jit_dump(&p, out.ir.as_deref(), out.asm.as_deref());
                }
                p.jit.install(Box::new(out.code));
                true
            }
            Err(e) => {
                self.jit.stats.failed += 1;
                if self.jit.opts.verbose {
                    eprintln!("[jit] cannot compile {}: {e}", where_is(&p));
                }
                p.jit.demote();
                false
            }
        }
    }

    fn jit_dump(&mut self, p: &Proto, ir: Option<&str>, asm: Option<&str>) {
        let mut text = format!(";; {}\n", where_is(p));
        if let Some(ir) = ir {
            text.push_str(";; Cranelift IR (@pc: the bytecode pc of each instruction)\n");
            text.push_str(ir);
        }
        if let Some(asm) = asm {
            text.push_str(";; machine code\n");
            text.push_str(asm);
        }
        text.push('\n');
        match &self.jit.opts.dump_file {
            Some(f) => {
                let ok = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(f)
                    .and_then(|mut f| f.write_all(text.as_bytes()));
                if let Err(e) = ok {
                    eprintln!("[jit] cannot write dump to {}: {e}", f.display());
                }
            }
            None => eprint!("{text}"),
        }
    }

    /// Before the trampoline interprets closure `cl` at `pc`: run its
    /// machine code instead when it has some (compiling it first if it just
    /// turned hot; `call` counts a call).
    #[inline]
    pub(crate) fn jit_run(
        &mut self,
        cl: Gc<LuaClosure>,
        pc: usize,
        call: bool,
        rb: *mut Value,
    ) -> JitRun {
        match self.jit_enter(cl, pc, call, rb) {
            None => JitRun::Interpret,
            Some(w) => self.jit_exit(w),
        }
    }

    /// Run the machine code of `cl` from `pc` if it has some (see
    /// `jit_run`); the exit word.
    #[inline]
    fn jit_enter(
        &mut self,
        cl: Gc<LuaClosure>,
        pc: usize,
        call: bool,
        rb: *mut Value,
    ) -> Option<u64> {
        if !self.jit.enabled || self.trap {
            return None;
        }
        let p = cl.proto;
        let f = match p.jit.entry.get() {
            Some(f) => f,
            None => {
                if p.jit.tier.get() != Tier::Cold {
                    return None;
                }
                if call {
                    p.jit.hot.set(p.jit.hot.get().saturating_add(1));
                }
                if p.jit.hot.get() < self.jit.threshold || !self.jit_compile(p) {
                    return None;
                }
                p.jit.entry.get()?
            }
        };
        let upvals = cl.upvals.as_ptr();
        let vm: *mut Vm = self;
        let outer = self.jit.depth;
        // SAFETY: `f` is the machine code of this closure's prototype,
        // compiled for exactly its register layout; `rb` is the frame's
        // first register with `maxstack` slots above it (sized by
        // `precall`), `upvals` the closure's upvalue list and `pc` a valid
        // instruction index. The code reaches the VM only through helpers,
        // reloads its registers' address after any helper that may move
        // the stack, and nothing else uses the VM while it runs.
        let w = unsafe { f(rb, vm, upvals, pc as u32) };
        self.jit.depth = outer;
        Some(w)
    }

    /// Act on the word machine code returned: it speaks of the top frame
    /// (the innermost compiled frame, when compiled code called compiled
    /// code), whose pc it sets.
    fn jit_exit(&mut self, w: u64) -> JitRun {
        let (xpc, reason) = exit::unpack(w);
        match reason {
            exit::RETURNED => return JitRun::Continue,
            exit::FRAME => return JitRun::Frame,
            exit::AFTER => return JitRun::Step,
            exit::DONE => return JitRun::Done,
            exit::ERROR => {
                let e = self.exit_err.take();
                return JitRun::Error(e.unwrap_or_else(|| self.rt_error("lost error")));
            }
            _ => {}
        }
        let Some(c) = self.st.frames.last_mut() else {
            return JitRun::Continue;
        };
        c.pc = xpc;
        let cl = c.cl;
        if self.jit.counting {
            if let Some(cl) = cl {
                self.jit_count_exit(cl.proto, xpc);
            }
        }
        if reason == exit::OOM {
            if let Some(c) = self.st.frames.last_mut() {
                c.pc = xpc + 1;
            }
            return JitRun::Error(self.memory_error());
        }
        JitRun::Step
    }

    /// Count an instruction the interpreter ran for machine code.
    #[cold]
    pub(crate) fn jit_count_step(&mut self, pc: usize) {
        let Some(p) = self.st.frames.last().and_then(|c| c.cl).map(|c| c.proto) else {
            return;
        };
        let op = p.code.get(pc).map_or(0, |&i| get_op(i) as usize);
        let s = &mut self.jit.stats;
        if s.steps.len() < OP_NAMES.len() {
            s.steps.resize(OP_NAMES.len(), 0);
        }
        if let Some(n) = s.steps.get_mut(op) {
            *n += 1;
        }
    }

    #[cold]
    fn jit_count_exit(&mut self, p: Gc<Proto>, pc: usize) {
        let op = p.code.get(pc).map_or(0, |&i| get_op(i) as usize);
        let s = &mut self.jit.stats;
        s.entries += 1;
        if s.exits.len() < OP_NAMES.len() {
            s.exits.resize(OP_NAMES.len(), 0);
        }
        if let Some(n) = s.exits.get_mut(op) {
            *n += 1;
        }
        if self.jit.opts.verbose && self.jit.logged.insert((p.as_ptr() as usize, pc)) {
            eprintln!(
                "[jit] exit {}, pc {} (line {}): {}",
                where_is(&p),
                pc + 1,
                p.line_at(pc),
                OP_NAMES.get(op).copied().unwrap_or("?")
            );
        }
    }

    /// The `-j stats` summary.
    pub fn jit_report(&self) -> String {
        let s = &self.jit.stats;
        let mut out = format!(
            "jit: mode {:?}, threshold {}\njit: {} prototypes compiled, {} failed, {:.3} ms compiling, {} bytes of machine code\n",
            self.jit.opts.mode,
            self.jit.opts.threshold,
            s.compiled,
            s.failed,
            s.compile_time.as_secs_f64() * 1e3,
            s.native_bytes
        );
        out.push_str(&format!("jit: {} entries into machine code\n", s.entries));
        for (what, counts) in [
            ("exits to the interpreter", &s.exits),
            (
                "instructions run by the interpreter inside machine code",
                &s.steps,
            ),
        ] {
            let mut by: Vec<(u64, &str)> = counts
                .iter()
                .enumerate()
                .filter(|(_, &n)| n > 0)
                .map(|(op, &n)| (n, OP_NAMES.get(op).copied().unwrap_or("?")))
                .collect();
            by.sort_by(|a, b| b.cmp(a));
            if !by.is_empty() {
                out.push_str(&format!("jit: {what}, by instruction:"));
                for (n, name) in by {
                    out.push_str(&format!(" {name} {n},"));
                }
                out.pop();
                out.push('\n');
            }
        }
        out
    }
}
