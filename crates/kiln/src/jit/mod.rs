//! The just-in-time compiler: hot prototypes to native code with Cranelift.
//!
//! - [`options`]: the `-j` settings (mode, threshold, log, stats, dumps).
//! - `lower`: bytecode to Cranelift IR, one block per instruction.
//! - `compile`: Cranelift settings, machine code into `codemem`.
//! - `helpers`: the `extern "C"` functions machine code calls.
//! - `exit`: the word a compiled function returns to the interpreter.
//! - `tier`: counting, compiling, entering and the event log.
//!
//! See `docs/JIT.md` for the design.

mod codemem;
mod compile;
mod exit;
mod helpers;
mod lower;
pub mod options;
pub(crate) mod tier;

pub use options::{JitMode, JitOptions};

use crate::vm::func::UpVal;
use crate::vm::gc::Gc;
use crate::vm::value::Value;
use crate::vm::Vm;
use std::cell::Cell;

/// A compiled function: `(registers, vm, upvalues, entry pc) -> exit word`.
pub(crate) type NativeFn =
    unsafe extern "C" fn(*mut Value, *mut Vm, *const Cell<Gc<UpVal>>, u32) -> u64;

/// Where a prototype stands with the JIT.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Tier {
    /// Interpreted, counting toward the threshold.
    Cold,
    /// Has machine code.
    Native,
    /// Compilation failed, or the code left to the interpreter too often:
    /// interpreted for good.
    Interpreted,
}

/// The JIT's part of a prototype: its machine code and counters. Dropping
/// it (with the prototype) frees the code.
#[repr(C)]
pub(crate) struct ProtoJit {
    /// Entry point of the machine code, if any (read on every call and
    /// return: kept apart from the owning box).
    pub(crate) entry: Cell<Option<NativeFn>>,
    code: Cell<Option<Box<compile::Compiled>>>,
    pub(crate) tier: Cell<Tier>,
    /// Calls plus loop back-edges seen while interpreted.
    pub(crate) hot: Cell<u32>,
}

impl Default for ProtoJit {
    fn default() -> Self {
        ProtoJit {
            entry: Cell::new(None),
            code: Cell::new(None),
            tier: Cell::new(Tier::Cold),
            hot: Cell::new(0),
        }
    }
}

impl ProtoJit {
    /// Count one call or back-edge; true when the prototype should run
    /// natively (it has code, or it just reached the threshold).
    #[inline(always)]
    pub(crate) fn wants_native(&self, threshold: u32) -> bool {
        if self.entry.get().is_some() {
            return true;
        }
        if self.tier.get() != Tier::Cold {
            return false;
        }
        let h = self.hot.get().wrapping_add(1);
        self.hot.set(h);
        h >= threshold
    }

    fn install(&self, c: Box<compile::Compiled>) {
        self.entry.set(Some(c.entry()));
        self.code.set(Some(c));
        self.tier.set(Tier::Native);
    }

    /// Drop the machine code: the prototype is interpreted from now on.
    fn demote(&self) {
        self.entry.set(None);
        self.code.set(None);
        self.tier.set(Tier::Interpreted);
    }
}
