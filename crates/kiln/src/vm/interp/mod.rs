//! The interpreter: one small function ("handler") per opcode, threaded by
//! tail calls.
//!
//! Every handler has the signature [`Handler`]: the VM, the instruction
//! pointer (already past the instruction), the frame's first register, its
//! constants, its closure and the instruction itself. These six values stay in
//! argument registers from one instruction to the next: a handler ends by
//! loading the next instruction and calling that opcode's handler in tail
//! position, which the compiler turns into a jump. There is no central loop
//! and no state to spill between instructions.
//!
//! The chain ends by *returning* an [`Exit`] to [`Vm::run`]'s trampoline:
//! when the running frame changes in a way a handler does not follow itself
//! (a metamethod frame was pushed, a native continuation must run, an
//! error), when a hook must see a frame entry, or when the handler chain
//! cannot be kept flat (see `next!`).
//!
//! Hooks do not cost the hot path anything: while a hook is set the VM
//! dispatches through a table whose every entry is [`op_hooked`], which
//! reports the count and line events and then runs the real handler.
//!
//! Lua-to-Lua calls and returns switch frames inside the chain; metamethods
//! written in Lua run as frames flagged `FIN_OP`, whose result `finish_op`
//! stores when they return.

#![allow(unused_unsafe)] // the operand macros nest `unsafe` blocks when combined

mod arith_ops;
pub(crate) mod call_ops;
mod flow_ops;
mod slow;
mod table_ops;

use super::error::{LResult, LuaError};
use super::func::LuaClosure;
use super::gc::Gc;
use super::state::cf;
use super::value::Value;
use super::Vm;
use crate::bytecode::*;
use crate::jit::tier::JitRun;

/// An opcode handler (see the module documentation).
pub(crate) type Handler =
    fn(&mut Vm, *const u32, *mut Value, *const Value, Gc<LuaClosure>, u32) -> Exit;

/// Why a handler chain returned to the trampoline.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Exit {
    /// The top frame changed (a frame was pushed or popped): enter it, with
    /// the hook events of a frame entry.
    Frame,
    /// Continue the top frame at its saved `pc` (no entry events).
    Resume,
    /// The frame count dropped to the trampoline's entry depth.
    Done,
    /// An error; the trampoline takes it from `Vm::exit_err`.
    Error,
}

/// Whether handlers chain by tail calls. Builds with debug assertions do
/// not optimize calls in tail position into jumps, so there each handler
/// returns to the trampoline instead (fuzzing builds are optimized builds
/// with debug assertions: they chain, so that fuzzing covers that path).
const TAIL: bool = cfg!(any(not(debug_assertions), fuzzing));

/// Native stack the handler chain may use below the trampoline before a
/// slow handler goes back to it (a guard against calls the compiler did not
/// turn into jumps). Small, because natives that call back into Lua nest
/// trampolines up to the C-stack limit (200 levels).
const CHAIN_STACK: usize = 16 * 1024;

/// The handler of each opcode (unused opcode numbers raise an error).
pub(crate) static HANDLERS: [Handler; 128] = handler_table();

/// The table used while a hook is set: every opcode goes through `op_hooked`.
pub(crate) static HOOKED: [Handler; 128] = [op_hooked as Handler; 128];

/// The table used while the JIT is on: calls and loop back-edges count
/// toward compilation and leave to the trampoline where machine code waits.
pub(crate) static JIT_HANDLERS: [Handler; 128] = jit_handler_table();

/// The table used for one instruction after machine code left to the
/// interpreter: the instruction runs, then the next one goes back to the
/// trampoline (which enters machine code again where there is some).
pub(crate) static STEP: [Handler; 128] = [op_step as Handler; 128];

const fn jit_handler_table() -> [Handler; 128] {
    let mut t = handler_table();
    t[OP_CALL as usize] = call_ops::op_call_jit;
    t[OP_TAILCALL as usize] = call_ops::op_tailcall_jit;
    t[OP_FORLOOP as usize] = flow_ops::op_forloop_jit;
    t[OP_TFORLOOP as usize] = flow_ops::op_tforloop_jit;
    t[OP_JMP as usize] = flow_ops::op_jmp_jit;
    t
}

const fn handler_table() -> [Handler; 128] {
    let mut t = [op_invalid as Handler; 128];
    t[OP_MOVE as usize] = flow_ops::op_move;
    t[OP_LOADI as usize] = flow_ops::op_loadi;
    t[OP_LOADF as usize] = flow_ops::op_loadf;
    t[OP_LOADK as usize] = flow_ops::op_loadk;
    t[OP_LOADKX as usize] = flow_ops::op_loadkx;
    t[OP_LOADFALSE as usize] = flow_ops::op_loadfalse;
    t[OP_LFALSESKIP as usize] = flow_ops::op_lfalseskip;
    t[OP_LOADTRUE as usize] = flow_ops::op_loadtrue;
    t[OP_LOADNIL as usize] = flow_ops::op_loadnil;
    t[OP_GETUPVAL as usize] = flow_ops::op_getupval;
    t[OP_SETUPVAL as usize] = flow_ops::op_setupval;
    t[OP_GETTABUP as usize] = table_ops::op_gettabup;
    t[OP_GETTABLE as usize] = table_ops::op_gettable;
    t[OP_GETI as usize] = table_ops::op_geti;
    t[OP_GETFIELD as usize] = table_ops::op_getfield;
    t[OP_SETTABUP as usize] = table_ops::op_settabup;
    t[OP_SETTABLE as usize] = table_ops::op_settable;
    t[OP_SETI as usize] = table_ops::op_seti;
    t[OP_SETFIELD as usize] = table_ops::op_setfield;
    t[OP_NEWTABLE as usize] = table_ops::op_newtable;
    t[OP_SELF as usize] = table_ops::op_self;
    t[OP_ADDI as usize] = arith_ops::op_addi;
    t[OP_ADDK as usize] = arith_ops::op_addk;
    t[OP_SUBK as usize] = arith_ops::op_subk;
    t[OP_MULK as usize] = arith_ops::op_mulk;
    t[OP_MODK as usize] = arith_ops::op_modk;
    t[OP_POWK as usize] = arith_ops::op_powk;
    t[OP_DIVK as usize] = arith_ops::op_divk;
    t[OP_IDIVK as usize] = arith_ops::op_idivk;
    t[OP_BANDK as usize] = arith_ops::op_bandk;
    t[OP_BORK as usize] = arith_ops::op_bork;
    t[OP_BXORK as usize] = arith_ops::op_bxork;
    t[OP_SHRI as usize] = arith_ops::op_shri;
    t[OP_SHLI as usize] = arith_ops::op_shli;
    t[OP_ADD as usize] = arith_ops::op_add;
    t[OP_SUB as usize] = arith_ops::op_sub;
    t[OP_MUL as usize] = arith_ops::op_mul;
    t[OP_MOD as usize] = arith_ops::op_mod;
    t[OP_POW as usize] = arith_ops::op_pow;
    t[OP_DIV as usize] = arith_ops::op_div;
    t[OP_IDIV as usize] = arith_ops::op_idiv;
    t[OP_BAND as usize] = arith_ops::op_band;
    t[OP_BOR as usize] = arith_ops::op_bor;
    t[OP_BXOR as usize] = arith_ops::op_bxor;
    t[OP_SHL as usize] = arith_ops::op_shl;
    t[OP_SHR as usize] = arith_ops::op_shr;
    t[OP_MMBIN as usize] = arith_ops::op_mmbin;
    t[OP_MMBINI as usize] = arith_ops::op_mmbin;
    t[OP_MMBINK as usize] = arith_ops::op_mmbin;
    t[OP_UNM as usize] = arith_ops::op_unm;
    t[OP_BNOT as usize] = arith_ops::op_bnot;
    t[OP_NOT as usize] = flow_ops::op_not;
    t[OP_LEN as usize] = table_ops::op_len;
    t[OP_CONCAT as usize] = call_ops::op_concat;
    t[OP_CLOSE as usize] = call_ops::op_close;
    t[OP_TBC as usize] = call_ops::op_tbc;
    t[OP_JMP as usize] = flow_ops::op_jmp;
    t[OP_EQ as usize] = flow_ops::op_eq;
    t[OP_LT as usize] = flow_ops::op_lt;
    t[OP_LE as usize] = flow_ops::op_le;
    t[OP_EQK as usize] = flow_ops::op_eqk;
    t[OP_EQI as usize] = flow_ops::op_eqi;
    t[OP_LTI as usize] = flow_ops::op_lti;
    t[OP_LEI as usize] = flow_ops::op_lei;
    t[OP_GTI as usize] = flow_ops::op_gti;
    t[OP_GEI as usize] = flow_ops::op_gei;
    t[OP_TEST as usize] = flow_ops::op_test;
    t[OP_TESTSET as usize] = flow_ops::op_testset;
    t[OP_CALL as usize] = call_ops::op_call;
    t[OP_TAILCALL as usize] = call_ops::op_tailcall;
    t[OP_RETURN as usize] = call_ops::op_return;
    t[OP_RETURN0 as usize] = call_ops::op_return0;
    t[OP_RETURN1 as usize] = call_ops::op_return1;
    t[OP_FORLOOP as usize] = flow_ops::op_forloop;
    t[OP_FORPREP as usize] = flow_ops::op_forprep;
    t[OP_TFORPREP as usize] = call_ops::op_tforprep;
    t[OP_TFORCALL as usize] = call_ops::op_tforcall;
    t[OP_TFORLOOP as usize] = flow_ops::op_tforloop;
    t[OP_SETLIST as usize] = table_ops::op_setlist;
    t[OP_CLOSURE as usize] = call_ops::op_closure;
    t[OP_VARARG as usize] = call_ops::op_vararg;
    t[OP_VARARGPREP as usize] = flow_ops::op_nop;
    t[OP_EXTRAARG as usize] = flow_ops::op_nop;
    t
}

// ----- macros shared by the handler modules ----------------------------------
//
// SAFETY (for every raw-pointer access these macros make): `precall` sized the
// stack for `base + maxstack`; verified code keeps register operands below
// `maxstack`, constants inside `k` and every jump, skip and fetch inside
// `code` (`bytecode::verify`; the compiler's own output obeys the same rules),
// and `ip` always points into `code`. `rb` is recomputed (`frame_rb`) after
// every operation that can reallocate the stack.

/// Register `x` of the running frame, as a place.
macro_rules! reg {
    ($rb:expr, $x:expr) => {
        // SAFETY: register operands are below `maxstack` (see above).
        *unsafe { &mut *$rb.add(($x) as usize) }
    };
}

/// Register `x` by reference (matching on it reads only what it needs).
macro_rules! rref {
    ($rb:expr, $x:expr) => {
        // SAFETY: register operands are below `maxstack` (see above).
        unsafe { &*$rb.add(($x) as usize) }
    };
}

/// Constant `x` by reference.
macro_rules! kref {
    ($k:expr, $x:expr) => {
        // SAFETY: constant operands are inside `k` (verified).
        unsafe { &*$k.add(($x) as usize) }
    };
}

/// `ip` moved by `n` instructions (inside `code`, verified).
macro_rules! ip_off {
    ($ip:expr, $n:expr) => {
        // SAFETY: jump and skip targets are inside `code` (verified).
        unsafe { $ip.offset(($n) as isize) }
    };
}

/// The instruction at `ip`.
macro_rules! fetch {
    ($ip:expr) => {
        // SAFETY: `ip` points into `code` (verified code never runs off its end).
        unsafe { *$ip }
    };
}

/// Record `ip` as the running frame's saved pc (before anything that can
/// raise an error, call out or inspect the frame).
macro_rules! savepc {
    ($vm:ident, $ip:expr, $cl:expr) => {
        $crate::vm::interp::save_pc($vm, $ip, $cl)
    };
}

/// Run the instruction at `ip`: a tail call to its handler.
macro_rules! next {
    ($vm:ident, $ip:expr, $rb:expr, $k:expr, $cl:expr) => {{
        let ip: *const u32 = $ip;
        if !$crate::vm::interp::TAIL {
            savepc!($vm, ip, $cl);
            return $crate::vm::interp::Exit::Resume;
        }
        let i = fetch!(ip);
        let h = $vm.dispatch[(i & 0x7f) as usize];
        return h($vm, ip_off!(ip, 1), $rb, $k, $cl, i);
    }};
}

/// `next!` for slow paths, jumps, loops, calls and returns: goes back to the
/// trampoline when the handler chain has used more native stack than it
/// should (calls that were not turned into jumps: a build whose final code
/// generation did not optimize them). Every path that can repeat without
/// bound passes here, so the chain's depth stays bounded in any build.
macro_rules! next_slow {
    ($vm:ident, $ip:expr, $rb:expr, $k:expr, $cl:expr) => {{
        let ip: *const u32 = $ip;
        if $crate::vm::interp::chain_too_deep($vm) {
            savepc!($vm, ip, $cl);
            return $crate::vm::interp::Exit::Resume;
        }
        next!($vm, ip, $rb, $k, $cl)
    }};
}

/// Unwrap an `LResult` or leave the chain with the error.
macro_rules! tri {
    ($vm:ident, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return $crate::vm::interp::fail($vm, e),
        }
    };
}

/// `if cond != k then skip the next instruction else do the jump it holds`
/// (comparisons and tests are followed by a JMP; a jump may close a loop, so
/// it checks the chain's depth as `next_slow!` does).
macro_rules! cond_jump {
    ($vm:ident, $cond:expr, $i:expr, $ip:expr, $rb:expr, $k:expr, $cl:expr) => {{
        if $cond != get_k($i) {
            next!($vm, ip_off!($ip, 1), $rb, $k, $cl)
        } else {
            let ni = fetch!($ip);
            next_slow!($vm, ip_off!($ip, get_sj(ni) as isize + 1), $rb, $k, $cl)
        }
    }};
}

/// The end of a slow path whose operation may have pushed a metamethod
/// frame: `Some(v)` goes into R[`a`] (the stack may have moved) and the
/// next instruction runs; `None` leaves the new frame to the trampoline.
macro_rules! store_or_frame {
    ($vm:ident, $r:expr, $a:expr, $ip:expr, $k:expr, $cl:expr) => {
        match $r {
            Some(v) => {
                let rb = frame_rb($vm);
                reg!(rb, $a) = v;
                next_slow!($vm, $ip, rb, $k, $cl)
            }
            None => Exit::Frame,
        }
    };
}

/// Declare a handler (unused operands are fine: each opcode reads what it needs).
macro_rules! handler {
    ($(#[$m:meta])* fn $name:ident($vm:ident, $ip:ident, $rb:ident, $k:ident, $cl:ident, $i:ident) $body:block) => {
        $(#[$m])*
        #[allow(unused_variables, unused_mut)]
        pub(super) fn $name(
            $vm: &mut Vm,
            $ip: *const u32,
            mut $rb: *mut Value,
            $k: *const Value,
            $cl: Gc<LuaClosure>,
            $i: u32,
        ) -> Exit $body
    };
}

pub(crate) use {
    cond_jump, fetch, handler, ip_off, kref, next, next_slow, reg, rref, savepc, store_or_frame,
    tri,
};

/// Store a number or boolean into a stack slot as two 8-byte writes (tag
/// word, payload word). The handlers read operands word by word, and a
/// word-sized load is forwarded from a word-sized store at once; packing
/// the two words into one 16-byte vector store first costs more than it
/// saves (measured on the benchmark suite).
#[inline(always)]
pub(crate) fn put(p: *mut Value, tag: u8, payload: u64) {
    // SAFETY: `p` points to a valid, aligned stack slot; the two words
    // written form a valid `Value` (`Value` is `repr(C, u64)`: tag word at
    // offset 0, payload at 8; a nil or boolean payload of 0/1 is valid).
    unsafe {
        let w = p as *mut u64;
        w.write(tag as u64);
        w.add(1).write(payload);
    }
}

/// Copy a value between slots word by word (see `put`: a 16-byte load of
/// a slot just written as two words would wait for the writes to retire).
/// (The loads are volatile so that they are not merged into one.)
#[inline(always)]
pub(crate) fn copy_slot(dst: *mut Value, src: *const Value) {
    // SAFETY: both point to valid, aligned slots; copying both words copies
    // a valid `Value`.
    unsafe {
        let (d, s) = (dst as *mut u64, src as *const u64);
        let (t, p) = (s.read_volatile(), s.add(1).read_volatile());
        d.write(t);
        d.add(1).write(p);
    }
}

/// Overwrite the payload of a slot whose tag stays what it is (a number's
/// value, when the slot is known to hold that kind of number).
#[inline(always)]
pub(crate) fn set_payload(p: *mut Value, payload: u64) {
    // SAFETY: `p` points to a valid, aligned stack slot; the payload word is
    // at offset 8 and any 64 bits are a valid integer or float payload.
    unsafe { (p as *mut u64).add(1).write(payload) }
}

#[inline(always)]
pub(crate) fn put_int(p: *mut Value, x: i64) {
    put(p, super::value::tag::INT, x as u64)
}

#[inline(always)]
pub(crate) fn put_flt(p: *mut Value, x: f64) {
    put(p, super::value::tag::FLOAT, x.to_bits())
}

#[inline(always)]
pub(crate) fn put_nil(p: *mut Value) {
    put(p, super::value::tag::NIL, 0)
}

#[inline(always)]
pub(crate) fn put_bool(p: *mut Value, b: bool) {
    put(p, super::value::tag::BOOL, b as u64)
}

/// Register `x` as a pointer (for `put_*`).
macro_rules! slot {
    ($rb:expr, $x:expr) => {
        // SAFETY: register operands are below `maxstack` (see above).
        unsafe { $rb.add(($x) as usize) }
    };
}
pub(crate) use slot;

// ----- helpers ---------------------------------------------------------------

/// Store `ip` (past the running instruction) as the top frame's pc.
#[inline(always)]
pub(crate) fn save_pc(vm: &mut Vm, ip: *const u32, cl: Gc<LuaClosure>) {
    // SAFETY: `ip` and the start of the code are in the same slice.
    let pc = unsafe { ip.offset_from(cl.proto.code.as_ptr()) } as usize;
    if let Some(c) = vm.st.frames.last_mut() {
        c.pc = pc;
    }
}

/// The first register of the running (top) frame.
#[inline(always)]
pub(crate) fn frame_rb(vm: &mut Vm) -> *mut Value {
    let base = vm.st.frames.last().map_or(0, |c| c.base);
    // SAFETY: the frame's base is inside the stack (`precall` sized it).
    unsafe { vm.st.stack.as_mut_ptr().add(base) }
}

/// The stack index of register `a` of the running frame.
#[inline(always)]
pub(crate) fn slot_index(vm: &Vm, a: usize) -> usize {
    vm.st.frames.last().map_or(0, |c| c.base) + a
}

/// The collection point after an instruction that allocated into register
/// `a` (NEWTABLE, CONCAT, CLOSURE): everything above it is dead. The caller
/// saved the pc; the stack may move (finalizers run Lua code).
#[cold]
#[inline(never)]
pub(crate) fn collect_after(vm: &mut Vm, a: usize) -> LResult<()> {
    vm.st.top = slot_index(vm, a + 1);
    vm.gc_safepoint();
    vm.check_heap_limit()
}

/// Leave the chain with error `e`.
#[cold]
#[inline(never)]
pub(crate) fn fail(vm: &mut Vm, e: LuaError) -> Exit {
    vm.exit_err = Some(e);
    Exit::Error
}

/// The current native stack pointer (an approximation is enough).
#[inline(always)]
fn stack_pointer() -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let sp: usize;
        // SAFETY: reads the stack pointer register; touches no memory.
        unsafe {
            std::arch::asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags))
        };
        sp
    }
    #[cfg(target_arch = "aarch64")]
    {
        let sp: usize;
        // SAFETY: reads the stack pointer register; touches no memory.
        unsafe {
            std::arch::asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags))
        };
        sp
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        let x = 0u8;
        std::hint::black_box(&x) as *const u8 as usize
    }
}

/// Has the handler chain grown deeper than `CHAIN_STACK` below the trampoline?
#[inline(always)]
pub(crate) fn chain_too_deep(vm: &Vm) -> bool {
    stack_pointer() < vm.sp_floor
}

/// Handler of opcode numbers that do not exist.
fn op_invalid(
    vm: &mut Vm,
    ip: *const u32,
    _rb: *mut Value,
    _k: *const Value,
    cl: Gc<LuaClosure>,
    _i: u32,
) -> Exit {
    savepc!(vm, ip, cl);
    let e = vm.rt_error("invalid instruction");
    fail(vm, e)
}

/// Every opcode after the one instruction the interpreter ran for machine
/// code: back to the trampoline, before this instruction.
fn op_step(
    vm: &mut Vm,
    ip: *const u32,
    _rb: *mut Value,
    _k: *const Value,
    cl: Gc<LuaClosure>,
    _i: u32,
) -> Exit {
    savepc!(vm, ip_off!(ip, -1), cl);
    Exit::Resume
}

/// A loop back-edge under the JIT: true when the loop should continue in
/// machine code (it has some, or just turned hot); the caller then leaves
/// to the trampoline with the pc of the looping instruction saved.
#[inline(always)]
pub(crate) fn jit_back_edge(vm: &Vm, cl: Gc<LuaClosure>) -> bool {
    cl.proto.jit.wants_native(vm.jit.threshold)
}

/// Every opcode while a hook is set: count and line events, then the real
/// handler.
fn op_hooked(
    vm: &mut Vm,
    ip: *const u32,
    _rb: *mut Value,
    k: *const Value,
    cl: Gc<LuaClosure>,
    i: u32,
) -> Exit {
    let here = ip_off!(ip, -1);
    // (saved past the instruction, as everywhere: a hook that asks for the
    // current line gets this instruction's)
    savepc!(vm, ip, cl);
    // SAFETY: as in `save_pc`.
    let pc = unsafe { here.offset_from(cl.proto.code.as_ptr()) } as usize;
    tri!(vm, vm.trace_exec(pc));
    let rb = frame_rb(vm);
    let h = HANDLERS[(i & 0x7f) as usize];
    h(vm, ip, rb, k, cl, i)
}

/// What running one instruction for machine code did (`Vm::step_one`).
pub(crate) enum Stepped {
    /// The frame goes on at this pc.
    Next(usize),
    /// The frame goes on, but a hook is set now: the interpreter takes it.
    After,
    /// The frame changed (a call, a metamethod frame): the trampoline
    /// takes the top frame.
    Frame,
    /// An error, in `Vm::exit_err`.
    Error,
    /// The run ended.
    Done,
}

impl Vm {
    /// Run the instruction at `pc` of the running frame, as the
    /// trampoline does after machine code left there.
    pub(crate) fn step_one(&mut self, pc: usize) -> Stepped {
        let n = self.st.frames.len();
        let Some(ci) = self.st.frames.last_mut() else {
            return Stepped::Frame;
        };
        let Some(cl) = ci.cl else {
            return Stepped::Frame;
        };
        if pc >= cl.proto.code.len() {
            return Stepped::Frame;
        }
        ci.pc = pc;
        let base = ci.base;
        let proto = cl.proto;
        // SAFETY: `pc` is inside `code` (checked above); the frame's base
        // is inside the stack.
        let (ip, rb) = unsafe {
            (
                proto.code.as_ptr().add(pc),
                self.st.stack.as_mut_ptr().add(base),
            )
        };
        let i = fetch!(ip);
        self.dispatch = &STEP;
        let exit = HANDLERS[(i & 0x7f) as usize](self, ip_off!(ip, 1), rb, proto.k.as_ptr(), cl, i);
        self.dispatch = self.normal_dispatch();
        match exit {
            Exit::Resume => {
                let same = self.st.frames.len() == n
                    && self
                        .st
                        .frames
                        .last()
                        .is_some_and(|c| c.base == base && c.cl == Some(cl));
                if !same {
                    Stepped::Frame
                } else if self.trap {
                    Stepped::After
                } else {
                    Stepped::Next(self.st.frames.last().map_or(0, |c| c.pc))
                }
            }
            Exit::Frame => Stepped::Frame,
            Exit::Error => Stepped::Error,
            Exit::Done => Stepped::Done,
        }
    }

    /// Interpret until the frame count drops to `entry`.
    pub(crate) fn run(&mut self, entry: usize) -> LResult<()> {
        // (kept in the VM rather than passed along the handler chain)
        let outer = std::mem::replace(&mut self.run_entry, entry);
        // (a native function called by a single-stepped instruction runs
        // Lua code here with the usual handlers)
        let stepping = std::ptr::eq(self.dispatch, &STEP);
        if stepping {
            self.dispatch = self.normal_dispatch();
        }
        let floor = std::mem::replace(
            &mut self.sp_floor,
            stack_pointer().saturating_sub(CHAIN_STACK),
        );
        let r = self.run_frames();
        self.sp_floor = floor;
        self.run_entry = outer;
        if stepping {
            self.dispatch = &STEP;
        }
        r
    }

    /// The trampoline: enter the top frame and run handlers until they exit.
    fn run_frames(&mut self) -> LResult<()> {
        let mut fresh = true;
        // run the top frame's next instruction only, for machine code
        let mut step = false;
        loop {
            // The top frame may be a native frame waiting for a continuation.
            let Some(ci) = self.st.frames.last() else {
                return Ok(());
            };
            let Some(cl) = ci.cl else {
                return Ok(());
            };
            let (base, pc, flags) = (ci.base, ci.pc, ci.flags);
            if self.trap && fresh {
                if pc == 0 {
                    self.hook.oldpc = 0;
                    let ev = if flags & cf::TAIL != 0 {
                        "tail call"
                    } else {
                        "call"
                    };
                    // a vararg function's hook runs after its VARARGPREP
                    // (a no-op here), as in the reference: the current line
                    // is then the next instruction's
                    let prep = cl.proto.is_vararg && cl.proto.code.len() > 1;
                    if prep {
                        self.st.frames.last_mut().expect("frame").pc = 2;
                    }
                    let r = self.call_hook(ev, None);
                    if prep {
                        self.st.frames.last_mut().expect("frame").pc = 0;
                    }
                    r?;
                } else {
                    self.hook.oldpc = pc.saturating_sub(1);
                }
            }
            let proto = cl.proto;
            // SAFETY: the frame's base is inside the stack.
            let rb = unsafe { self.st.stack.as_mut_ptr().add(base) };
            // Machine code runs the frame where it has some; where it
            // leaves, the interpreter runs one instruction and comes back.
            if !step {
                match self.jit_run(cl, pc, pc == 0, rb) {
                    JitRun::Interpret => {}
                    JitRun::Step => {
                        // (a hook set by a function compiled code called
                        // must see every instruction from here on)
                        step = !self.trap;
                        fresh = false;
                        continue;
                    }
                    JitRun::Frame => {
                        fresh = true;
                        continue;
                    }
                    JitRun::Done => return Ok(()),
                    JitRun::Continue => {
                        fresh = false;
                        continue;
                    }
                    JitRun::Error(e) => return Err(e),
                }
            }
            // SAFETY: `pc` is inside `code` (saved pcs always are, and so
            // are the pcs machine code leaves at); the closure in the
            // frame's function slot keeps the prototype alive while the
            // frame runs, and its slices are never resized.
            let ip = unsafe { proto.code.as_ptr().add(pc) };
            let k = proto.k.as_ptr();
            let i = fetch!(ip);
            // (a stepped instruction runs its plain handler: the JIT's
            // variants would send a back-edge straight back to the code
            // that just left)
            let h = if step {
                self.dispatch = &STEP;
                HANDLERS[(i & 0x7f) as usize]
            } else {
                self.dispatch[(i & 0x7f) as usize]
            };
            let exit = h(self, ip_off!(ip, 1), rb, k, cl, i);
            if step {
                self.dispatch = self.normal_dispatch();
                step = false;
            }
            match exit {
                Exit::Frame => fresh = true,
                Exit::Resume => fresh = false,
                Exit::Done => return Ok(()),
                Exit::Error => {
                    let e = self.exit_err.take();
                    return Err(e.unwrap_or_else(|| self.rt_error("lost error")));
                }
            }
        }
    }
}
