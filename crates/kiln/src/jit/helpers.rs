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
use crate::vm::interp::Stepped;
use crate::vm::meta::Tm;
use crate::vm::state::{cf, CallInfo, Cont, MAX_FRAMES, MIN_STACK, MULTRET};
use crate::vm::string::LStr;
use crate::vm::table::Table;
use crate::vm::value::Value;
use crate::vm::Vm;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The helper did its work.
pub(crate) const DONE: u32 = 1;
/// Call statuses (`call`, `tforcall`, `tailcall`); the first three equal
/// the exit reasons compiled code returns with them.
/// An error is in `Vm::exit_err` (the frame's pc is saved).
pub(crate) const ERROR: u32 = super::exit::ERROR;
/// A frame was pushed (a continuation): the trampoline takes it.
pub(crate) const FRAME: u32 = super::exit::FRAME;
/// Done, but a hook is set now: the interpreter goes on after it.
pub(crate) const AFTER: u32 = super::exit::AFTER;
/// `out` names a compiled Lua callee whose frame is pushed: call it.
pub(crate) const CALL_LUA: u32 = 16;
/// A native function ran and its results are in place; the stack may
/// have moved (`Jit::rb` has the frame's registers).
pub(crate) const CALLED: u32 = 17;
/// The helper could not: the instruction must run in the interpreter.
pub(crate) const EXIT: u32 = 0;
/// The store was made but the heap went past its limit: raise the memory
/// error at this instruction.
pub(crate) const OOM: u32 = 2;

/// Run `f`, answering `EXIT` if it panics.
fn guarded(f: impl FnOnce() -> u32) -> u32 {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(EXIT)
}

/// Raw `t[key]`, with the interpreter's quick paths for integer and short
/// string keys.
#[inline(always)]
fn raw_get(t: Gc<Table>, key: Value) -> Value {
    let p = match key {
        Value::Int(n) => t.int_slot(n),
        Value::Str(s) if s.is_short() => t.short_str_slot(s),
        _ => return t.get(key),
    };
    if p.is_null() {
        Value::Nil
    } else {
        // SAFETY: a non-null slot points into the live table.
        unsafe { *p }
    }
}

/// A table from the payload compiled code passes.
///
/// # Safety
/// `t` must point to a live table.
unsafe fn table(t: *const Table) -> Gc<Table> {
    // SAFETY: the caller guarantees a live (so non-null) table.
    unsafe { Gc::from_raw(std::ptr::NonNull::new_unchecked(t as *mut Table)) }
}

/// `*out = t[*key]` when that needs no call: the value is present, or the
/// table's `__index` chain is made of tables (or absent).
pub(crate) extern "C" fn index(
    vm: *mut Vm,
    t: *const Table,
    key: *const Value,
    out: *mut Value,
) -> u32 {
    guarded(|| {
        // SAFETY: compiled code passes the running VM (not otherwise
        // borrowed while machine code runs), a live table (its register was
        // just checked to hold one) and pointers to valid stack or constant
        // slots.
        let (vm, t, key) = unsafe { (&*vm, table(t), *key) };
        let mut v = raw_get(t, key);
        if v.is_nil() {
            match vm.index_chain(t, key) {
                Some(x) => v = x,
                None => return EXIT,
            }
        }
        // SAFETY: `out` is a register slot of the running frame.
        unsafe { *out = v };
        DONE
    })
}

/// GETFIELD/GETTABUP with a constant short-string key, after the inline
/// probe of the node `cache` remembers missed: `index`, and remember
/// where the key is now.
pub(crate) extern "C" fn index_field(
    vm: *mut Vm,
    t: *const Table,
    key: *const Value,
    out: *mut Value,
    cache: *mut u32,
) -> u32 {
    guarded(|| {
        // SAFETY: see `index`; `cache` is this instruction's cell in the
        // cache array owned by the compiled code.
        let (t2, k) = unsafe { (table(t), *key) };
        if let Value::Str(s) = k {
            if let Some(n) = t2.short_str_node(s) {
                // SAFETY: as above.
                unsafe { *cache = n as u32 };
            }
        }
        index(vm, t, key, out)
    })
}

/// SETFIELD/SETTABUP with a constant short-string key, after the inline
/// probe missed (see `index_field`).
pub(crate) extern "C" fn newindex_field(
    vm: *mut Vm,
    t: *const Table,
    key: *const Value,
    val: *const Value,
    cache: *mut u32,
) -> u32 {
    guarded(|| {
        let st = newindex(vm, t, key, val);
        // SAFETY: see `index_field`.
        let (t2, k) = unsafe { (table(t), *key) };
        if let Value::Str(s) = k {
            if let Some(n) = t2.short_str_node(s) {
                // SAFETY: as above.
                unsafe { *cache = n as u32 };
            }
        }
        st
    })
}

/// SELF: `out[1] = *obj; out[0] = obj[*key]` for a table or a string
/// whose method is found without calls.
pub(crate) extern "C" fn method(
    vm: *mut Vm,
    obj: *const Value,
    key: *const Value,
    out: *mut Value,
) -> u32 {
    guarded(|| {
        // SAFETY: see `index`; `out` is register A of SELF (A+1 is inside
        // the frame too).
        let (vm, o, key) = unsafe { (&*vm, *obj, *key) };
        let Value::Str(ks) = key else {
            return EXIT;
        };
        let v = match o {
            Value::Table(t) => {
                let v = raw_get(t, key);
                if v.is_nil() {
                    match vm.index_chain(t, key) {
                        Some(x) => x,
                        None => return EXIT,
                    }
                } else {
                    v
                }
            }
            Value::Str(_) => match vm.get_metatable(o) {
                Some(mt) => match vm.index_chain_mt(mt, ks) {
                    Some(x) => x,
                    None => return EXIT,
                },
                None => return EXIT,
            },
            _ => return EXIT,
        };
        // SAFETY: as above.
        unsafe {
            *out.add(1) = o;
            *out = v;
        }
        DONE
    })
}

/// Where a native call continues: filled by `call` for compiled code.
#[repr(C)]
pub(crate) struct CallTarget {
    pub(crate) entry: usize,
    pub(crate) base: *mut Value,
    pub(crate) upvals: *const std::cell::Cell<Gc<UpVal>>,
}

/// The machine code of callee `p`: what it has, or compiled now if this
/// call makes it hot.
fn compiled_entry(vm: &mut Vm, p: Gc<crate::vm::func::Proto>) -> Option<super::NativeFn> {
    if let Some(f) = p.jit.entry.get() {
        return Some(f);
    }
    if !p.jit.wants_native(vm.jit.threshold) || !vm.jit_compile(p) {
        return None;
    }
    p.jit.entry.get()
}

/// Most compiled frames nested on the native stack; deeper calls go
/// through the interpreter (which unwinds the native chain first).
const MAX_NATIVE_DEPTH: u32 = 200;

/// CALL from compiled code (operands packed `a | b << 8 | c << 16`) of a
/// Lua function that has machine code: push its frame as the
/// interpreter's fast path does (the caller continues at `next_pc`) and
/// fill `out`. EXIT when the call needs the interpreter: any other callee,
/// varargs, missing arguments, a full stack or frame list, a hook, or too
/// deep a native nesting.
pub(crate) extern "C" fn call(
    vm: *mut Vm,
    rb: *mut Value,
    ops: u32,
    next_pc: u32,
    out: *mut CallTarget,
) -> u32 {
    guarded(|| {
        // SAFETY: see `index`; `rb` is the caller's first register.
        let vm = unsafe { &mut *vm };
        let (a, b, c) = (ops & 0xff, (ops >> 8) & 0xff, (ops >> 16) & 0xff);
        if vm.trap || vm.jit.depth >= MAX_NATIVE_DEPTH {
            return EXIT;
        }
        // SAFETY: `rb` points into the stack, `a` below `maxstack`.
        let func = unsafe { rb.offset_from(vm.st.stack.as_ptr()) } as usize + a as usize;
        let Value::LuaFn(ncl) = vm.st.stack[func] else {
            return EXIT;
        };
        let p = ncl.proto;
        let Some(entry) = compiled_entry(vm, p) else {
            return EXIT;
        };
        let st = &mut vm.st;
        let newbase = func + 1;
        let newtop = newbase + p.maxstack as usize;
        let top = if b != 0 { func + b as usize } else { st.top };
        let nframes = st.frames.len();
        if p.is_vararg
            || newtop + MIN_STACK > st.stack.len()
            || nframes >= st.frames.capacity()
            || nframes >= MAX_FRAMES
            || top < newbase + p.numparams as usize
        {
            return EXIT;
        }
        if let Some(f) = st.frames.last_mut() {
            f.pc = next_pc as usize;
        }
        st.frames.push(CallInfo {
            func,
            base: newbase,
            top: newtop,
            pc: 0,
            nresults: c as i32 - 1,
            cl: Some(ncl),
            flags: cf::NATIVE,
            nextra: 0,
            aux: 0,
            cont: Cont::None,
        });
        st.top = newtop;
        vm.jit.depth += 1;
        // SAFETY: `out` is a scratch slot of the calling machine code;
        // `newbase` is inside the stack (checked above).
        unsafe {
            *out = CallTarget {
                entry: entry as usize,
                base: st.stack.as_mut_ptr().add(newbase),
                upvals: ncl.upvals.as_ptr(),
            }
        };
        CALL_LUA
    })
}

/// Run the instruction at `pc` of the running frame in the interpreter
/// (an instruction compiled code has no inline path for, or whose inline
/// path's guard failed): an exit word, CONTINUE with the pc to go on at
/// when the frame is still the running one.
pub(crate) extern "C" fn step(vm: *mut Vm, pc: u32) -> u64 {
    let r = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: see `call`.
        let vm = unsafe { &mut *vm };
        if vm.jit.counting {
            vm.jit_count_step(pc as usize);
        }
        match vm.step_one(pc as usize) {
            Stepped::Next(npc) => {
                vm.jit.rb = crate::vm::interp::frame_rb(vm);
                super::exit::word(npc as u32, super::exit::CONTINUE)
            }
            Stepped::After => super::exit::word(pc, super::exit::AFTER),
            Stepped::Frame => super::exit::word(pc, super::exit::FRAME),
            Stepped::Error => super::exit::word(pc, super::exit::ERROR),
            Stepped::Done => super::exit::word(pc, super::exit::DONE),
        }
    }));
    // (a panic cannot happen in the interpreter's handlers; should one,
    // the trampoline runs the instruction again and meets it there)
    r.unwrap_or(super::exit::word(pc, super::exit::STEP))
}

/// After a call from compiled code returned: record where the running
/// frame's registers are now, and whether a hook appeared.
fn called(vm: &mut Vm) -> u32 {
    vm.jit.rb = crate::vm::interp::frame_rb(vm);
    if vm.trap {
        AFTER
    } else {
        CALLED
    }
}

/// The status of a call that went through the interpreter's machinery.
fn call_result(vm: &mut Vm, r: crate::vm::error::LResult<bool>) -> u32 {
    match r {
        Ok(false) => called(vm),
        Ok(true) => FRAME,
        Err(e) => {
            vm.exit_err = Some(e);
            ERROR
        }
    }
}

/// CALL of a native function from compiled code (when `call` answered
/// EXIT): run it as the interpreter does.
pub(crate) extern "C" fn call_native(vm: *mut Vm, rb: *mut Value, ops: u32, next_pc: u32) -> u32 {
    guarded(|| {
        // SAFETY: see `call`.
        let vm = unsafe { &mut *vm };
        let (a, b, c) = (ops & 0xff, (ops >> 8) & 0xff, (ops >> 16) & 0xff);
        if vm.trap {
            return EXIT;
        }
        // SAFETY: `rb` points into the stack, `a` below `maxstack`.
        let func = unsafe { rb.offset_from(vm.st.stack.as_ptr()) } as usize + a as usize;
        if b == 0 && (vm.st.top <= func || vm.st.top > vm.st.stack.len()) {
            return EXIT;
        }
        if !matches!(
            vm.st.stack[func],
            Value::NativeFn(_) | Value::NativeClosure(_)
        ) {
            return EXIT;
        }
        if let Some(f) = vm.st.frames.last_mut() {
            f.pc = next_pc as usize;
        }
        if b != 0 {
            vm.st.top = func + b as usize;
        }
        let r = vm.call_native(func, c as i32 - 1, 0);
        call_result(vm, r)
    })
}

/// TFORCALL from compiled code, as the interpreter runs it: `pairs`/`next`
/// and `ipairs` over tables stepped in place, other iterators called.
pub(crate) extern "C" fn tforcall(
    vm: *mut Vm,
    rb: *mut Value,
    a: u32,
    c: u32,
    next_pc: u32,
) -> u32 {
    guarded(|| {
        // SAFETY: see `call`.
        let vm = unsafe { &mut *vm };
        if vm.trap || vm.c_level() + 1 >= crate::vm::MAX_CCALLS {
            return EXIT;
        }
        // SAFETY: `rb` points into the stack; registers `a .. a + 4 + c`
        // are inside the frame (verified code).
        let ra = unsafe { rb.offset_from(vm.st.stack.as_ptr()) } as usize + a as usize;
        let st = &mut vm.st;
        if let (Value::NativeFn(f), Value::Table(t)) = (st.stack[ra], st.stack[ra + 1]) {
            if let Some((key, v)) = crate::vm::interp::call_ops::table_step(f, t, st.stack[ra + 2])
            {
                let nres = c as usize;
                st.stack[ra + 4] = key;
                if nres >= 2 {
                    st.stack[ra + 5] = v;
                    for j in 2..nres {
                        st.stack[ra + 4 + j] = Value::Nil;
                    }
                }
                return called(vm);
            }
        }
        st.stack.copy_within(ra..ra + 3, ra + 4);
        st.top = ra + 4 + 3;
        if let Some(f) = st.frames.last_mut() {
            f.pc = next_pc as usize;
        }
        let r = vm.with_levels(1, |vm| vm.precall(ra + 4, c as i32, cf::FIN_OP));
        if let Ok(true) = r {
            vm.st.nfin += 1;
        }
        call_result(vm, r)
    })
}

/// TAILCALL from compiled code of a compiled Lua function with fixed
/// parameters, all given: the frame is reused as the interpreter's fast
/// path does, and `out` names the callee. EXIT for everything else.
pub(crate) extern "C" fn tailcall(
    vm: *mut Vm,
    rb: *mut Value,
    ops: u32,
    out: *mut CallTarget,
) -> u32 {
    guarded(|| {
        // SAFETY: see `call`.
        let vm = unsafe { &mut *vm };
        let (a, b, k) = (ops & 0xff, (ops >> 8) & 0xff, (ops >> 16) & 1 != 0);
        if vm.trap || vm.jit.depth >= MAX_NATIVE_DEPTH {
            return EXIT;
        }
        // SAFETY: `rb` points into the stack.
        let base = unsafe { rb.offset_from(vm.st.stack.as_ptr()) } as usize;
        let func = base + a as usize;
        let Value::LuaFn(ncl) = vm.st.stack[func] else {
            return EXIT;
        };
        let p = ncl.proto;
        let Some(entry) = compiled_entry(vm, p) else {
            return EXIT;
        };
        let Some(cfunc) = vm.st.frames.last().map(|c| c.func) else {
            return EXIT;
        };
        let top = if b != 0 { func + b as usize } else { vm.st.top };
        let newtop = cfunc + 1 + p.maxstack as usize;
        if p.is_vararg
            || top <= func
            || top > vm.st.stack.len()
            || top - func <= p.numparams as usize
            || newtop + MIN_STACK > vm.st.stack.len()
        {
            return EXIT;
        }
        if k {
            vm.close_upvals(base);
        }
        let st = &mut vm.st;
        st.stack.copy_within(func..top, cfunc);
        if let Some(c) = st.frames.last_mut() {
            c.base = cfunc + 1;
            c.top = newtop;
            c.pc = 0;
            c.cl = Some(ncl);
            c.flags = (c.flags & (cf::FIN_OP | cf::STALE | cf::NATIVE)) | cf::TAIL;
            c.nextra = 0;
            c.aux = 0;
            c.cont = Cont::None;
        }
        st.top = newtop;
        vm.jit.depth += 1;
        // SAFETY: `out` is a scratch slot of the calling machine code;
        // `cfunc + 1` is inside the stack (checked above).
        unsafe {
            *out = CallTarget {
                entry: entry as usize,
                base: st.stack.as_mut_ptr().add(cfunc + 1),
                upvals: ncl.upvals.as_ptr(),
            }
        };
        CALL_LUA
    })
}

/// RETURN of `n` values from register `a` (RETURN0/RETURN1, or RETURN with
/// a fixed count and nothing to close) of a frame that compiled code
/// called: the results go where the caller wants them and the frame is
/// popped. EXIT for any other frame (the interpreter returns from it).
pub(crate) extern "C" fn ret(vm: *mut Vm, rb: *mut Value, a: u32, n: u32) -> u32 {
    guarded(|| {
        // SAFETY: see `call`.
        let vm = unsafe { &mut *vm };
        let st = &mut vm.st;
        let Some(ci) = st.frames.last() else {
            return EXIT;
        };
        if ci.flags & cf::NATIVE == 0 || ci.flags & !(cf::NATIVE | cf::TAIL) != 0 {
            return EXIT;
        }
        let (func, nresults) = (ci.func, ci.nresults);
        let n = n as usize;
        let wanted = if nresults == MULTRET {
            n
        } else {
            nresults as usize
        };
        if func + wanted > st.stack.len() {
            return EXIT;
        }
        // SAFETY: `rb` is the returning frame's first register, inside the
        // stack; register `a + j` for `j < n` is inside the frame.
        let base = unsafe { rb.offset_from(st.stack.as_ptr()) } as usize;
        for j in 0..wanted {
            st.stack[func + j] = if j < n {
                st.stack[base + a as usize + j]
            } else {
                Value::Nil
            };
        }
        st.top = func + wanted;
        st.frames.pop();
        vm.jit.depth = vm.jit.depth.saturating_sub(1);
        vm.jit.rb = crate::vm::interp::frame_rb(vm);
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
            if vm.get_tm(Value::Table(t), Tm::NewIndex).is_none() {
                if is_str {
                    t.clear_tm_cache();
                }
                // SAFETY: as above.
                unsafe { *p = v };
                return DONE;
            }
        } else if absent && vm.get_tm(Value::Table(t), Tm::NewIndex).is_none() {
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

/// Equality of two different tables or userdata (1 or 0) when neither has
/// `__eq`; EXIT (2) otherwise.
pub(crate) extern "C" fn eq_objects(vm: *mut Vm, a: *const Value, b: *const Value) -> u32 {
    // (not `guarded`: its EXIT is 0, which here would mean "unequal")
    catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: see `index`.
        let (vm, a, b) = unsafe { (&*vm, *a, *b) };
        if vm.get_tm(a, Tm::Eq).is_some() || vm.get_tm(b, Tm::Eq).is_some() {
            2
        } else {
            0
        }
    }))
    .unwrap_or(2)
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
