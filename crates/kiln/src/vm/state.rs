//! Per-coroutine execution state: the value stack and the call frames.

use super::func::{LuaClosure, UpVal};
use super::gc::Gc;
use super::value::Value;

/// Results wanted by a call: a fixed count, or all of them.
pub const MULTRET: i32 = -1;

/// Frame flags.
pub mod cf {
    /// The results of this frame finish an interrupted instruction of the caller
    /// (a metamethod called by the interpreter).
    pub const FIN_OP: u16 = 1;
    /// This frame was entered through a tail call.
    pub const TAIL: u16 = 2;
    /// This frame is the first of a (re)entry into the interpreter: returning
    /// from it leaves `execute`.
    pub const FRESH: u16 = 4;
    /// A `__close` or finalizer call: hide from "yield" checks.
    pub const HOOKED: u16 = 8;
    /// A frame that counted as a native level when its coroutine yielded:
    /// after the resume it no longer does (the reference's C frames are gone
    /// then, and the coroutine's level restarts from its resumer's).
    pub const STALE: u16 = 16;
    /// Pushed by compiled code calling compiled code: when this frame
    /// returns natively, its caller's machine code continues.
    pub const NATIVE: u16 = 32;
}

/// What a native frame does when the Lua function it called returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cont {
    /// Nothing: an ordinary native frame.
    None,
    /// `pcall`/`xpcall`: prepend `true` to the results and restore the
    /// message handler that was active before.
    Protected {
        /// Handler slot active before the call (32 bits keep the frame
        /// record small; stack indices are far below 2^32).
        old_errfunc: Option<u32>,
        /// `xpcall` (the handler occupies the slot before the function).
        xpcall: bool,
    },
    /// `pairs` called `__pairs`: its first three results are `pairs`' results.
    Pairs,
    /// A coroutine's body has returned: nothing to do (resume collects results).
    CoBody,
}

/// One activation record.
#[derive(Clone, Copy, Debug)]
pub struct CallInfo {
    /// Stack index of the called function; results are moved here.
    pub func: usize,
    /// First register (Lua) or first argument (native).
    pub base: usize,
    /// Top of the frame: `base + maxstack` for Lua frames.
    pub top: usize,
    /// Next instruction (Lua frames).
    pub pc: usize,
    /// Results wanted by the caller, or `MULTRET`.
    pub nresults: i32,
    /// The running Lua closure; `None` for native frames.
    pub cl: Option<Gc<LuaClosure>>,
    /// `cf::*` bits.
    pub flags: u16,
    /// Number of extra (vararg) arguments below `func`'s copy.
    pub nextra: u32,
    /// Scratch for an interrupted instruction (the pending CONCAT count, or
    /// 1 when `<=` is answered by `__lt`).
    pub aux: u16,
    /// Continuation for native frames.
    pub cont: Cont,
}

/// What is left of a frame after it returned (read field by field: copying
/// the whole `CallInfo` right after writing parts of it stalls the CPU).
#[derive(Clone, Copy, Debug)]
pub struct Popped {
    /// Function slot (where the results are).
    pub func: usize,
    /// `cf::*` bits.
    pub flags: u16,
    /// Was a Lua frame.
    pub lua: bool,
}

// A frame record is written on every call: keep it one cache line.
const _: () = assert!(std::mem::size_of::<CallInfo>() == 64);

impl CallInfo {
    pub(crate) fn is_lua(&self) -> bool {
        self.cl.is_some()
    }

    /// The frame counts as a native call level (a Lua metamethod or
    /// iterator frame, or a `pcall`/`pairs` frame waiting for its callee),
    /// unless it went stale at a yield.
    pub(crate) fn counts_as_level(&self) -> bool {
        self.flags & cf::STALE == 0 && self.could_count_as_level()
    }

    /// The frame is of a kind that counts as a native call level.
    pub(crate) fn could_count_as_level(&self) -> bool {
        (self.flags & cf::FIN_OP != 0 && self.is_lua())
            || matches!(self.cont, Cont::Protected { .. } | Cont::Pairs)
    }
}

/// Status of a coroutine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoStatus {
    /// Created or yielded.
    Suspended,
    /// The running coroutine.
    Running,
    /// It resumed another coroutine.
    Normal,
    /// Finished or failed.
    Dead,
}

/// The stack and frames of one coroutine.
pub struct ThreadState {
    /// Value stack; its length is the allocated size.
    pub stack: Vec<Value>,
    /// First free slot.
    pub top: usize,
    /// Active frames, innermost last.
    pub frames: Vec<CallInfo>,
    /// Open upvalues, ordered by stack level (ascending).
    pub open_upvals: Vec<Gc<UpVal>>,
    /// Stack slots of to-be-closed variables (ascending).
    pub tbc: Vec<usize>,
    /// Depth of native calls that cannot be resumed after a yield.
    pub nny: u32,
    /// Stack slot of the active `xpcall` message handler.
    pub errfunc: Option<usize>,
    /// Coroutine status.
    pub status: CoStatus,
    /// The error that killed this coroutine, if any.
    pub err: Option<Value>,
    /// Number of Lua frames running metamethods for the interpreter (they
    /// count against the native-call limit, like the reference's C stack).
    pub nfin: u32,
}

/// Initial stack size.
pub const BASIC_STACK: usize = 64;
/// Extra slots a native function may use without checking.
pub const MIN_STACK: usize = 20;
/// Most nested calls before "stack overflow".
pub const MAX_FRAMES: usize = 250_000;
/// Largest stack, in slots; beyond it a "stack overflow" error is raised.
pub const MAX_STACK: usize = 1_000_000;

impl ThreadState {
    pub(crate) fn new() -> ThreadState {
        ThreadState {
            stack: vec![Value::Nil; BASIC_STACK],
            top: 0,
            frames: Vec::new(),
            open_upvals: Vec::new(),
            tbc: Vec::new(),
            nny: 0,
            errfunc: None,
            status: CoStatus::Suspended,
            err: None,
            nfin: 0,
        }
    }

    /// A state without a stack (placeholder while a thread's real state is
    /// elsewhere).
    pub(crate) fn empty(status: CoStatus) -> ThreadState {
        ThreadState {
            stack: Vec::new(),
            top: 0,
            frames: Vec::new(),
            open_upvals: Vec::new(),
            tbc: Vec::new(),
            nny: 0,
            errfunc: None,
            status,
            err: None,
            nfin: 0,
        }
    }

    /// Highest slot that may hold a live value.
    /// Everything below `top` is live: the interpreter sets `top` just above the
    /// last live register at its collection points, and every frame below the
    /// innermost one lies entirely under the callee's function slot.
    pub(crate) fn live_extent(&self) -> usize {
        self.top.min(self.stack.len())
    }
}
