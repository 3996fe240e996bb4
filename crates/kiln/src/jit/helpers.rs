//! Runtime helpers called from machine code.
//!
//! Every helper is `extern "C"`, takes raw pointers to live VM objects and
//! returns a status instead of unwinding: a panic inside one is caught at
//! its boundary and reported as "leave to the interpreter", which then runs
//! the instruction itself. No helper calls Lua code, raises a Lua error or
//! runs the collector, so compiled code may keep values in registers across
//! them; whatever can do any of that is left to the interpreter through an
//! exit.

use crate::vm::func::UpVal;
use crate::vm::gc::Gc;
use crate::vm::string::LStr;
use crate::vm::table::Table;
use crate::vm::value::Value;
use crate::vm::Vm;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The helper did its work.
pub(crate) const DONE: u32 = 1;
/// The helper could not: the instruction must run in the interpreter.
pub(crate) const EXIT: u32 = 0;
/// The store was made but the heap went past its limit: raise the memory
/// error at this instruction.
pub(crate) const OOM: u32 = 2;

/// Run `f`, answering `EXIT` if it panics.
fn guarded(f: impl FnOnce() -> u32) -> u32 {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(EXIT)
}

/// `*out = t[*key]` when that is a raw read: the value is present, or the
/// table has no metatable to ask.
pub(crate) extern "C" fn index(t: *const Table, key: *const Value, out: *mut Value) -> u32 {
    guarded(|| {
        // SAFETY: compiled code passes a live table (its register was just
        // checked to hold one) and pointers to valid stack or constant slots.
        let (t, key) = unsafe { (&*t, *key) };
        let v = t.get(key);
        if v.is_nil() && t.metatable().is_some() {
            return EXIT;
        }
        // SAFETY: `out` is a register slot of the running frame.
        unsafe { *out = v };
        DONE
    })
}

/// `t[*key] = *val` when that is a raw assignment (the interpreter's inline
/// store: an existing value replaced, or a new integer or short-string key
/// in a table without metatable).
pub(crate) extern "C" fn newindex(
    vm: *mut Vm,
    t: *const Table,
    key: *const Value,
    val: *const Value,
) -> u32 {
    guarded(|| {
        // SAFETY: as in `index`; `vm` is the running VM, not otherwise
        // borrowed while machine code runs.
        let (vm, key, v) = unsafe { (&mut *vm, *key, *val) };
        // SAFETY: as above: `t` is a live table.
        let t = unsafe { Gc::from_raw(std::ptr::NonNull::new_unchecked(t as *mut Table)) };
        let (p, is_str, absent) = match key {
            Value::Int(n) => (t.int_slot(n), false, true),
            Value::Str(s) => (t.short_str_slot(s), true, s.is_short()),
            _ => return EXIT,
        };
        if !p.is_null() {
            vm.heap.barrier(t.header());
            // SAFETY: a non-null slot points into the live table, unchanged
            // since the lookup.
            if unsafe { !(*p).is_nil() } {
                // SAFETY: as above.
                unsafe { *p = v };
                return DONE;
            }
            if t.metatable().is_none() {
                if is_str {
                    t.clear_tm_cache();
                }
                // SAFETY: as above.
                unsafe { *p = v };
                return DONE;
            }
        } else if absent && t.metatable().is_none() {
            t.insert_absent(&vm.heap, key, v);
            return if vm.heap.oom.get() { OOM } else { DONE };
        }
        EXIT
    })
}

/// `*out = #*v` for a string, or a table without metatable.
pub(crate) extern "C" fn len(v: *const Value, out: *mut Value) -> u32 {
    guarded(|| {
        // SAFETY: `v` and `out` are register slots of the running frame.
        let n = match unsafe { *v } {
            Value::Str(s) => s.len() as i64,
            Value::Table(t) if t.metatable().is_none() => t.length() as i64,
            _ => return EXIT,
        };
        // SAFETY: as above.
        unsafe { *out = Value::Int(n) };
        DONE
    })
}

/// `U := *v` for upvalue `uv` (with the collector's barrier).
pub(crate) extern "C" fn set_upval(vm: *mut Vm, uv: *const UpVal, v: *const Value) -> u32 {
    guarded(|| {
        // SAFETY: `uv` is an upvalue of the running closure; see `newindex`.
        let (vm, uv, v) = unsafe { (&mut *vm, &*uv, *v) };
        uv.set(&vm.heap, v);
        DONE
    })
}

/// Equality of two strings (1 or 0).
pub(crate) extern "C" fn str_eq(a: *const LStr, b: *const LStr) -> u32 {
    guarded(|| {
        // SAFETY: both come from string values in live slots.
        let (a, b) = unsafe { (&*a, &*b) };
        (a.as_bytes() == b.as_bytes()) as u32
    })
}

/// Lua's float modulo: the result has the sign of the divisor.
pub(crate) extern "C" fn fmod(a: f64, b: f64) -> f64 {
    crate::vm::arith::fmod(a, b)
}

/// Float exponentiation.
pub(crate) extern "C" fn pow(a: f64, b: f64) -> f64 {
    crate::vm::arith::arith_float(crate::vm::arith::ArOp::Pow, a, b)
}
