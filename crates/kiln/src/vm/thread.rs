//! Coroutine objects.

use super::gc::{GcHeader, GcObject, Kind};
use super::state::ThreadState;
use super::HookState;
use std::cell::UnsafeCell;

/// A coroutine (or the main thread). While a thread runs, its state lives in the
/// `Vm` and the object holds an empty placeholder.
#[repr(C)]
pub struct Thread {
    hdr: GcHeader,
    state: UnsafeCell<Box<ThreadState>>,
    /// The thread's debug hook while it does not run (the running thread's
    /// is in the `Vm`).
    hook: UnsafeCell<HookState>,
}

// SAFETY: `Thread` is `#[repr(C)]` with the header first.
unsafe impl GcObject for Thread {
    const KIND: Kind = Kind::Thread;
}

impl Thread {
    pub(crate) fn new(state: ThreadState) -> Thread {
        Thread {
            hdr: GcHeader::new(Kind::Thread),
            state: UnsafeCell::new(Box::new(state)),
            hook: UnsafeCell::new(HookState::default()),
        }
    }

    /// The stored state (empty while the thread runs).
    pub(crate) fn state(&self) -> &ThreadState {
        // SAFETY: single-threaded VM; mutable access happens only through
        // `state_mut` in short, non-reentrant sections.
        unsafe { &*self.state.get() }
    }

    /// The box holding the stored state (swapped with the `Vm`'s on resume).
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn state_box(&self) -> &mut Box<ThreadState> {
        // SAFETY: as for `state_mut`.
        unsafe { &mut *self.state.get() }
    }

    /// The stored hook state (see the field).
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn hook_mut(&self) -> &mut HookState {
        // SAFETY: as for `state_mut`.
        unsafe { &mut *self.hook.get() }
    }

    #[allow(clippy::mut_from_ref)]
    pub(crate) fn state_mut(&self) -> &mut ThreadState {
        // SAFETY: single-threaded VM; callers do not keep the reference across
        // any operation that could access the same thread again.
        unsafe { &mut *self.state.get() }
    }
}
