//! The virtual machine: values, heap, tables, closures, coroutine state and the
//! interpreter.

pub mod api;
pub mod arith;
pub mod call;
pub mod collect;
pub mod conv;
pub mod coro;
pub mod debuginfo;
pub mod error;
pub mod func;
pub mod gc;
pub mod interp;
pub mod meta;
pub(crate) mod pool;
pub mod state;
pub mod string;
pub mod table;
pub mod thread;
pub mod userdata;
pub mod value;

use self::func::{LuaClosure, NativeClosure, NativeCode, Proto, ProtoParts, UpVal, UpvalDesc};
use self::gc::{Gc, Heap};
use self::meta::Tm;
use self::state::{CoStatus, ThreadState, MAX_STACK};
use self::string::{LStr, StringTable};
use self::table::Table;
use self::thread::Thread;
use self::userdata::UserData;
use crate::bytecode::{Constant, FnProto};
pub use error::{LResult, LuaError};
use std::io::Write;
pub use value::{Args, NativeFn, Value};

/// Registry slot of the main thread.
pub const RIDX_MAINTHREAD: i64 = 1;
/// Registry slot of the globals table.
pub const RIDX_GLOBALS: i64 = 2;

/// Number of basic types that can carry a shared metatable.
const NUM_TYPES: usize = 9;

/// Garbage collector settings and bookkeeping.
pub struct GcState {
    /// `collectgarbage("stop")` turns this off.
    pub running: bool,
    /// Collect at every safepoint (testing aid).
    pub stress: bool,
    /// Objects with a `__gc` metamethod, not yet found dead.
    pub finobj: Vec<Value>,
    /// Dead objects waiting for their finalizer.
    pub tobefnz: Vec<Value>,
    /// A collection or finalizer is running.
    pub busy: bool,
    /// Pause between collections, percent of live data.
    pub pause: usize,
    /// Generational mode (else every collection is a major one).
    pub generational: bool,
    /// The next collection must be a major one.
    pub major_due: bool,
    /// Bytes alive after the last major collection.
    pub major_base: usize,
    /// A major collection when the heap grew by this percentage since the
    /// last one (`collectgarbage("generational", minor, major)`; lua5.4's
    /// default is 100, Kiln's 60: its objects are somewhat larger, and the
    /// old garbage a major collection waits for weighs more).
    pub major_mul: usize,
    /// A minor collection after allocating this percentage of the heap.
    pub minor_mul: usize,
    /// Collections run under `stress` (every 16th is a major one).
    pub stress_count: u32,
}

/// The whole state of one Lua universe.
pub struct Vm {
    pub(crate) heap: Heap,
    pub(crate) strings: StringTable,
    pub(crate) registry: Gc<Table>,
    pub(crate) globals: Gc<Table>,
    pub(crate) type_mt: [Option<Gc<Table>>; NUM_TYPES],
    pub(crate) tm_names: Vec<Gc<LStr>>,
    /// State of the running coroutine.
    /// (held inline, not boxed: the interpreter reaches the stack and frames
    /// with one load less; switching coroutines swaps the states by value)
    pub(crate) st: ThreadState,
    /// The running coroutine.
    pub(crate) cur: Gc<Thread>,
    /// The main thread.
    pub(crate) main: Gc<Thread>,
    /// Coroutines that resumed the running one (outermost first).
    pub(crate) resumers: Vec<Gc<Thread>>,
    /// Every coroutine object not yet collected (not roots: the collector
    /// uses the list to close the open upvalues of dead coroutines).
    pub(crate) threads: Vec<Gc<Thread>>,
    /// Values moving between coroutines (resume arguments, yields, results).
    pub(crate) xfer: Vec<Value>,
    /// Nesting of native → Lua re-entries (the "C stack").
    pub(crate) n_ccalls: u32,
    pub(crate) gc: GcState,
    pub(crate) warn_on: bool,
    pub(crate) warn_buf: Option<Vec<u8>>,
    /// Buffered standard output shared by `print` and `io.write`.
    pub(crate) out: std::io::BufWriter<std::io::Stdout>,
    /// Values pinned by the embedding API.
    pub(crate) pinned: Vec<Value>,
    /// Extra state of library modules.
    pub(crate) ext: ExtState,
    /// The running thread's hook state (the others keep theirs in their
    /// `Thread`; swapped on coroutine switches once any hook was set).
    pub(crate) hook: HookState,
    /// `debug.sethook` was called once: coroutine switches swap hook states.
    pub(crate) hooks_used: bool,
    /// `hook.hook.is_some()`: the interpreter checks this flag before
    /// every instruction (kept in sync by `sync_trap`).
    pub(crate) trap: bool,
    /// Frame count at which the innermost running interpreter returns.
    pub(crate) run_entry: usize,
    /// The handler table the interpreter dispatches through (`HOOKED`
    /// while a hook is set).
    pub(crate) dispatch: &'static [interp::Handler; 128],
    /// The error that ended the interpreter's handler chain.
    pub(crate) exit_err: Option<LuaError>,
    /// Native stack address below which the handler chain returns to the
    /// interpreter's trampoline (see `interp`).
    pub(crate) sp_floor: usize,
    /// A message handler runs: allow some stack beyond the limits.
    pub(crate) extra_room: bool,
    /// The JIT's settings, statistics and compiler.
    pub(crate) jit: crate::jit::tier::Jit,
}

/// State owned by standard library modules.
#[derive(Default)]
pub struct ExtState {
    /// Random generator state (xoshiro256**).
    pub rng: [u64; 4],
    /// Everything else a library wants to keep, by name.
    pub slots: ExtSlots,
    /// Scratch buffer for number formatting in library functions.
    pub numbuf: Vec<u8>,
}

/// A handful of named values (`io`'s default files, `package`...): a short
/// list searched by name is cheaper than hashing the name on every
/// `io.write`.
#[derive(Default)]
pub struct ExtSlots(Vec<(&'static str, Value)>);

impl ExtSlots {
    /// The value stored under `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Store `v` under `name`.
    pub fn insert(&mut self, name: &'static str, v: Value) {
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some(e) => e.1 = v,
            None => self.0.push((name, v)),
        }
    }

    /// Every stored value (GC roots).
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.0.iter().map(|(_, v)| v)
    }
}

/// Limit of nested native calls (matches the reference `LUAI_MAXCCALLS`).
pub const MAX_CCALLS: u32 = 200;
/// Level at which handling a C-stack overflow gives up with "error in error
/// handling" (as the reference: 10% past [`MAX_CCALLS`]).
pub const ERRERR_CCALLS: u32 = MAX_CCALLS / 10 * 11;

impl Default for Vm {
    fn default() -> Self {
        Self::new()
    }
}

impl Vm {
    /// A fresh state with no libraries loaded.
    pub fn new() -> Vm {
        let heap = Heap::new();
        let mut strings = StringTable::new();
        let registry = heap.alloc(Table::new(2, 4), 0);
        let globals = heap.alloc(Table::new(0, 64), 0);
        let mut st = ThreadState::new();
        st.status = CoStatus::Running;
        let main = heap.alloc(Thread::new(ThreadState::new()), 0);
        main.state_mut().stack = Vec::new();
        let tm_names = Tm::NAMES
            .iter()
            .map(|n| strings.intern(&heap, n.as_bytes()))
            .collect();
        registry.set_int(&heap, RIDX_MAINTHREAD, Value::Thread(main));
        registry.set_int(&heap, RIDX_GLOBALS, Value::Table(globals));
        let stress = std::env::var_os("KILN_GC_STRESS").is_some_and(|v| v != "0");
        heap.limit.set(default_mem_limit());
        let jit = crate::jit::tier::Jit::new(crate::jit::tier::options_from_env());
        let dispatch: &'static [interp::Handler; 128] = if jit.enabled {
            &interp::JIT_HANDLERS
        } else {
            &interp::HANDLERS
        };
        Vm {
            heap,
            strings,
            registry,
            globals,
            type_mt: [None; NUM_TYPES],
            tm_names,
            st,
            cur: main,
            main,
            resumers: Vec::new(),
            threads: Vec::new(),
            xfer: Vec::new(),
            n_ccalls: 0,
            hook: HookState::default(),
            hooks_used: false,
            gc: GcState {
                running: true,
                stress,
                finobj: Vec::new(),
                tobefnz: Vec::new(),
                busy: false,
                pause: 200,
                generational: true,
                major_due: false,
                major_base: 0,
                major_mul: 60,
                minor_mul: 20,
                stress_count: 0,
            },
            warn_on: false,
            warn_buf: None,
            out: std::io::BufWriter::with_capacity(1 << 15, std::io::stdout()),
            pinned: Vec::new(),
            ext: ExtState::default(),
            trap: false,
            run_entry: 0,
            dispatch,
            exit_err: None,
            sp_floor: 0,
            extra_room: false,
            jit,
        }
    }

    // ----- allocation -------------------------------------------------------

    /// Intern (short) or create (long) a string.
    #[inline]
    pub fn new_str(&mut self, b: &[u8]) -> Gc<LStr> {
        self.strings.intern(&self.heap, b)
    }

    /// A string value.
    pub fn str_value(&mut self, b: &[u8]) -> Value {
        Value::Str(self.new_str(b))
    }

    /// A new table with preallocated parts.
    pub fn new_table_sized(&mut self, narray: usize, nhash: usize) -> Gc<Table> {
        let hsize = if nhash == 0 {
            0
        } else {
            nhash.next_power_of_two()
        };
        let mut pool = self.heap.pool.borrow_mut();
        let (array, node) = (pool.array(narray), pool.nodes(hsize));
        let t = pool.boxed(Table::with_parts(array, node));
        drop(pool);
        let extra = t.extra_bytes();
        self.heap.adopt(t, extra)
    }

    /// A new empty table.
    pub fn new_table(&mut self) -> Gc<Table> {
        self.new_table_sized(0, 0)
    }

    /// A native function value with upvalues and a name.
    pub fn new_native_closure(&mut self, f: NativeFn, upvals: Vec<Value>) -> Gc<NativeClosure> {
        let n = upvals.len();
        self.heap
            .alloc(NativeClosure::new(NativeCode::Fn(f), upvals), n * 16)
    }

    /// A native function value wrapping a Rust closure.
    pub fn new_boxed_native(&mut self, f: func::BoxedNative) -> Gc<NativeClosure> {
        self.heap
            .alloc(NativeClosure::new(NativeCode::Boxed(f), Vec::new()), 64)
    }

    /// A full userdata.
    pub fn new_userdata(&mut self, data: Box<dyn std::any::Any>, nuv: usize) -> Gc<UserData> {
        self.heap.alloc(UserData::new(data, nuv), 64 + nuv * 16)
    }

    pub(crate) fn new_upval_closed(&mut self, v: Value) -> Gc<UpVal> {
        let uv = self.heap.alloc(UpVal::new_closed(v), 0);
        uv.fix_closed();
        uv
    }

    /// Turn a compiled prototype into a heap prototype.
    pub fn load_proto(&mut self, fp: &FnProto) -> Gc<Proto> {
        let k =
            fp.k.iter()
                .map(|c| match c {
                    Constant::Nil => Value::Nil,
                    Constant::Bool(b) => Value::Bool(*b),
                    Constant::Int(i) => Value::Int(*i),
                    Constant::Float(f) => Value::Float(*f),
                    Constant::Str(s) => Value::Str(self.new_str(s)),
                })
                .collect();
        let protos = fp.protos.iter().map(|p| self.load_proto(p)).collect();
        let parts = ProtoParts {
            code: fp.code.clone(),
            k,
            protos,
            upvals: fp
                .upvals
                .iter()
                .map(|u| UpvalDesc {
                    name: u.name.clone(),
                    in_stack: u.in_stack,
                    index: u.index,
                    kind: u.kind,
                })
                .collect(),
            lineinfo: fp.lineinfo.clone(),
            locvars: fp
                .locvars
                .iter()
                .map(|l| func::LocVar {
                    name: l.name.clone(),
                    start_pc: l.start_pc,
                    end_pc: l.end_pc,
                })
                .collect(),
            source: fp.source.clone(),
            linedefined: fp.linedefined,
            lastlinedefined: fp.lastlinedefined,
            numparams: fp.numparams,
            is_vararg: fp.is_vararg,
            maxstack: fp.maxstack.max(2),
        };
        let p = Proto::new(parts);
        let extra = p.extra_bytes();
        self.heap.alloc(p, extra)
    }

    /// The compiled form of a heap prototype (for `string.dump`).
    pub fn proto_to_fnproto(p: &Proto) -> FnProto {
        use crate::bytecode::{LocVarInfo, UpvalInfo};
        FnProto {
            code: p.code.to_vec(),
            k: p.k
                .iter()
                .map(|v| match *v {
                    Value::Bool(b) => Constant::Bool(b),
                    Value::Int(i) => Constant::Int(i),
                    Value::Float(f) => Constant::Float(f),
                    Value::Str(s) => Constant::Str(s.as_bytes().into()),
                    _ => Constant::Nil,
                })
                .collect(),
            protos: p.protos.iter().map(|q| Self::proto_to_fnproto(q)).collect(),
            upvals: p
                .upvals
                .iter()
                .map(|u| UpvalInfo {
                    name: u.name.clone(),
                    in_stack: u.in_stack,
                    index: u.index,
                    kind: u.kind,
                })
                .collect(),
            lineinfo: p.lineinfo.to_vec(),
            locvars: p
                .locvars
                .iter()
                .map(|l| LocVarInfo {
                    name: l.name.clone(),
                    start_pc: l.start_pc,
                    end_pc: l.end_pc,
                })
                .collect(),
            source: Some(p.source.clone()),
            linedefined: p.linedefined,
            lastlinedefined: p.lastlinedefined,
            numparams: p.numparams,
            is_vararg: p.is_vararg,
            maxstack: p.maxstack,
        }
    }

    /// A closure of a main chunk: its first upvalue (if any) is `env`, others are fresh.
    pub fn new_main_closure(&mut self, p: Gc<Proto>, env: Value) -> Gc<LuaClosure> {
        let n = p.upvals.len();
        let mut ups = Vec::with_capacity(n);
        for i in 0..n {
            let v = if i == 0 { env } else { Value::Nil };
            ups.push(self.new_upval_closed(v));
        }
        self.heap.alloc(LuaClosure::new(p, ups), n * 8)
    }

    /// Compile a chunk and wrap it in a closure whose `_ENV` is the globals.
    pub fn load_chunk(&mut self, src: &[u8], chunkname: &[u8]) -> Result<Value, String> {
        let fp = crate::compiler::compile(src, chunkname)
            .map_err(|e| String::from_utf8_lossy(&e.message).into_owned())?;
        let p = self.load_proto(&fp);
        let g = Value::Table(self.globals);
        Ok(Value::LuaFn(self.new_main_closure(p, g)))
    }

    // ----- stack --------------------------------------------------------------

    /// Make room for `n` more slots above `top`.
    #[inline]
    pub fn ensure_stack(&mut self, n: usize) -> LResult<()> {
        if self.st.top + n > self.st.stack.len() {
            self.grow_stack(self.st.top + n)?;
        }
        Ok(())
    }

    /// Grow the stack so that `needed` slots exist.
    #[cold]
    pub(crate) fn grow_stack(&mut self, needed: usize) -> LResult<()> {
        let limit = if self.extra_room {
            MAX_STACK + 10_000
        } else {
            MAX_STACK
        };
        if needed > limit {
            // Leave room for the error handling itself.
            if self.st.stack.len() < MAX_STACK + 200 {
                self.realloc_stack(MAX_STACK + 200);
            }
            return Err(self.rt_error("stack overflow"));
        }
        let mut n = self.st.stack.len().max(32) * 2;
        while n < needed {
            n *= 2;
        }
        self.realloc_stack(n.min(limit + 200).max(needed));
        Ok(())
    }

    fn realloc_stack(&mut self, n: usize) {
        let old = self.st.stack.len();
        if n <= old {
            return;
        }
        self.st.stack.resize(n, Value::Nil);
        self.heap.grow((n - old) * std::mem::size_of::<Value>());
        let p = self.st.stack.as_mut_ptr();
        for uv in &self.st.open_upvals {
            // SAFETY: `level` is an index inside the (now larger) stack.
            uv.v.set(unsafe { p.add(uv.level.get()) });
        }
    }

    /// Push a value (growing the stack as needed).
    #[inline]
    pub fn push(&mut self, v: Value) -> LResult<()> {
        if self.st.top >= self.st.stack.len() {
            self.grow_stack(self.st.top + 1)?;
        }
        self.st.stack[self.st.top] = v;
        self.st.top += 1;
        Ok(())
    }

    /// Stack slot `i` (absolute).
    #[inline(always)]
    pub fn slot(&self, i: usize) -> Value {
        self.st.stack[i]
    }

    /// Current top.
    #[inline(always)]
    pub fn top(&self) -> usize {
        self.st.top
    }

    /// Set the top; slots between the old and new top become nil when growing.
    pub fn set_top(&mut self, t: usize) {
        if t > self.st.stack.len() {
            let _ = self.grow_stack(t);
        }
        for i in self.st.top..t {
            self.st.stack[i] = Value::Nil;
        }
        self.st.top = t;
    }

    // ----- metatables ---------------------------------------------------------

    /// The metatable of any value.
    #[inline]
    pub fn get_metatable(&self, v: Value) -> Option<Gc<Table>> {
        match v {
            Value::Table(t) => t.metatable(),
            Value::UserData(u) => u.metatable(),
            _ => self.type_mt[v.type_of().index()],
        }
    }

    /// Set the shared metatable of a basic type.
    pub fn set_type_metatable(&mut self, ty: value::LuaType, mt: Option<Gc<Table>>) {
        self.type_mt[ty.index()] = mt;
    }

    /// The globals table.
    pub fn globals(&self) -> Gc<Table> {
        self.globals
    }

    /// The registry table.
    pub fn registry(&self) -> Gc<Table> {
        self.registry
    }

    /// Raw-set a global by name.
    pub fn set_global(&mut self, name: &str, v: Value) {
        let k = self.new_str(name.as_bytes());
        self.globals.set_str(&self.heap, k, v);
    }

    /// Raw-get a global by name.
    pub fn get_global(&mut self, name: &str) -> Value {
        let k = self.new_str(name.as_bytes());
        self.globals.get_str(k)
    }

    /// Set `t[name] = v` raw, with a string key.
    pub fn set_field(&mut self, t: Gc<Table>, name: &str, v: Value) {
        let k = self.new_str(name.as_bytes());
        t.set_str(&self.heap, k, v);
    }

    /// Raw `t[name]`.
    pub fn get_field(&mut self, t: Gc<Table>, name: &str) -> Value {
        let k = self.new_str(name.as_bytes());
        t.get_str(k)
    }

    /// Raw set that reports Lua's key errors.
    pub fn raw_set(&mut self, t: Gc<Table>, k: Value, v: Value) -> LResult<()> {
        t.set(&self.heap, k, v)
            .map_err(|e| self.rt_error(e.message()))?;
        self.check_oom()
    }

    /// Cap the heap at `bytes` (see `Lua::set_memory_limit`).
    pub fn set_memory_limit(&mut self, bytes: usize) {
        self.heap.limit.set(bytes);
    }

    /// Bytes the heap uses now.
    pub fn used_memory(&self) -> usize {
        self.heap.bytes.get()
    }

    /// Recompute `trap` after the running thread's hook or the running
    /// thread changed.
    #[inline]
    /// The handler table for the current hook and JIT settings.
    pub(crate) fn normal_dispatch(&self) -> &'static [interp::Handler; 128] {
        if self.trap {
            &interp::HOOKED
        } else if self.jit.enabled {
            &interp::JIT_HANDLERS
        } else {
            &interp::HANDLERS
        }
    }

    pub(crate) fn sync_trap(&mut self) {
        // (also inside the hook: as in the reference, its own instructions
        // count toward the next count event and move the line tracking,
        // though no hook runs there)
        self.trap = self.hook.hook.is_some();
        self.dispatch = self.normal_dispatch();
    }

    /// Raise "not enough memory" if an allocation was refused since the last
    /// check (the heap limit protects the process from aborting).
    #[inline]
    pub fn check_oom(&mut self) -> LResult<()> {
        if self.heap.oom.get() {
            return Err(self.memory_error());
        }
        Ok(())
    }

    /// Bytes the heap may still grow by before its limit.
    pub fn memory_room(&self) -> usize {
        self.heap.limit.get().saturating_sub(self.heap.bytes.get())
    }

    /// The "not enough memory" error, for a refused allocation or a request
    /// the heap limit cannot meet (also buffers outside the heap that would
    /// not fit in it).
    #[cold]
    pub fn memory_error(&mut self) -> LuaError {
        self.heap.oom.set(false);
        self.full_gc();
        // (like the reference, memory errors skip the message handler)
        LuaError::Error(self.str_value(b"not enough memory"))
    }

    /// After a collection: still above the heap limit means out of memory.
    #[inline]
    pub(crate) fn check_heap_limit(&mut self) -> LResult<()> {
        if self.heap.bytes.get() > self.heap.limit.get() {
            self.heap.oom.set(true);
        }
        self.check_oom()
    }

    /// Can `n` more bytes be allocated? (`false` also flags the refusal, so
    /// the next `check_oom` raises the error.)
    pub fn reserve_bytes(&self, n: usize) -> bool {
        self.heap.reserve(n)
    }

    /// Is the running coroutine the main thread?
    pub fn is_main_thread(&self) -> bool {
        self.cur == self.main
    }

    /// Write to the shared standard output buffer.
    pub fn write_out(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.out.write_all(b)
    }

    /// Flush standard output.
    pub fn flush_out(&mut self) {
        let _ = self.out.flush();
    }

    /// Emit a warning piece (the `warn` protocol of the manual).
    pub fn warn(&mut self, msg: &[u8], tocont: bool) {
        match &mut self.warn_buf {
            Some(buf) => buf.extend_from_slice(msg),
            None => {
                if !tocont && msg.first() == Some(&b'@') {
                    match msg {
                        b"@on" => self.warn_on = true,
                        b"@off" => self.warn_on = false,
                        _ => {}
                    }
                    return;
                }
                self.warn_buf = Some(msg.to_vec());
            }
        }
        if !tocont {
            let buf = self.warn_buf.take().unwrap_or_default();
            if self.warn_on {
                self.flush_out();
                let mut e = std::io::stderr().lock();
                let _ = e.write_all(b"Lua warning: ");
                let _ = e.write_all(&buf);
                let _ = e.write_all(b"\n");
            }
        }
    }

    /// Keep a value alive across collections (released by `unpin`).
    pub fn pin(&mut self, v: Value) -> usize {
        self.pinned.push(v);
        self.pinned.len() - 1
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        self.flush_out();
        collect::free_all(self);
    }
}

impl Vm {
    /// The heap (for raw table stores from embedding code).
    pub fn heap(&self) -> &Heap {
        &self.heap
    }
}

/// A debug hook set by `debug.sethook` (each thread has its own).
#[derive(Clone, Copy, Debug)]
pub struct Hook {
    /// The hook function.
    pub func: Value,
    /// Call events.
    pub call: bool,
    /// Return events.
    pub ret: bool,
    /// Line events.
    pub line: bool,
    /// Count events every `count` instructions (0 = off).
    pub count: u32,
}

/// A thread's hook and the state of its events.
#[derive(Clone, Copy, Debug, Default)]
pub struct HookState {
    /// The hook, if one is set.
    pub hook: Option<Hook>,
    /// The hook function is running (no events until it returns).
    pub running: bool,
    /// Instructions left before the next count event.
    pub count_left: u32,
    /// Instruction of the last line event.
    pub oldpc: usize,
    /// Frame index of the running hook function (while `running`).
    pub frame: usize,
}

/// The heap limit: `KILN_MEM_LIMIT` (bytes) if set, else half of
/// the address-space limit (`ulimit -v`) or of physical memory.
fn default_mem_limit() -> usize {
    if let Some(n) = std::env::var("KILN_MEM_LIMIT")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return n;
    }
    let mut lim = usize::MAX;
    let mut rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct we pass.
    if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut rl) } == 0
        && rl.rlim_cur != libc::RLIM_INFINITY
    {
        lim = lim.min(rl.rlim_cur as usize);
    }
    if let Ok(info) = std::fs::read_to_string("/proc/meminfo") {
        if let Some(kb) = info
            .lines()
            .find(|l| l.starts_with("MemTotal:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse::<usize>().ok())
        {
            lim = lim.min(kb.saturating_mul(1024));
        }
    }
    if lim == usize::MAX {
        lim
    } else {
        // room for the program, thread stacks and allocator overhead
        lim / 2
    }
}
