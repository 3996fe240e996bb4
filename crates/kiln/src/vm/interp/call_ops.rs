//! Handlers for calls, returns, closures, varargs, the generic `for`,
//! concatenation and to-be-closed variables.
//!
//! A call of a Lua function with fixed parameters pushes its frame and jumps
//! straight to the callee's first instruction; a return to a Lua caller
//! jumps straight back into it. Everything else (native functions, `__call`,
//! varargs, hooks, continuations) goes through `precall` / `settle` and the
//! trampoline.

use super::super::func::LuaClosure;
use super::super::gc::Gc;
use super::super::state::{cf, CallInfo, Cont, Popped, MAX_FRAMES, MIN_STACK, MULTRET};
use super::super::table::Table;
use super::super::value::{NativeFn, Value};
use super::super::Vm;
use super::*;

/// Enter Lua frame `c` (the new top frame) at its saved pc.
macro_rules! enter {
    ($vm:ident, $c:expr, $ncl:expr) => {{
        let (base, pc) = ($c.base, $c.pc);
        let ncl: Gc<LuaClosure> = $ncl;
        let p = ncl.proto;
        // SAFETY: a saved pc is inside its prototype's code; the frame's base
        // is inside the stack.
        let (ip, rb) = unsafe { (p.code.as_ptr().add(pc), $vm.st.stack.as_mut_ptr().add(base)) };
        next_slow!($vm, ip, rb, p.k.as_ptr(), ncl)
    }};
}

handler! {
    fn op_call(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        if let Value::LuaFn(ncl) = *rref!(rb, a) {
            let b = get_b(i) as usize;
            let p = ncl.proto;
            let st = &mut vm.st;
            // SAFETY: `rb` points into the stack.
            let func = unsafe { rb.offset_from(st.stack.as_ptr()) } as usize + a;
            let newbase = func + 1;
            let newtop = newbase + p.maxstack as usize;
            let top = if b != 0 { func + b } else { st.top };
            let nframes = st.frames.len();
            // (missing arguments, varargs, a full stack or frame list and
            // hooks take the slow path)
            if !p.is_vararg
                && newtop + MIN_STACK <= st.stack.len()
                && nframes < st.frames.capacity()
                && nframes < MAX_FRAMES
                && top >= newbase + p.numparams as usize
                && !vm.trap
            {
                // SAFETY: `newtop` is inside the stack (checked above).
                let nrb = unsafe { st.stack.as_mut_ptr().add(newbase) };
                // the caller's pc
                // SAFETY: `ip` and the code start are in the same slice.
                let pc = unsafe { ip.offset_from(cl.proto.code.as_ptr()) } as usize;
                if let Some(c) = st.frames.last_mut() {
                    c.pc = pc;
                }
                let frame = CallInfo {
                    func,
                    base: newbase,
                    top: newtop,
                    pc: 0,
                    nresults: get_c(i) as i32 - 1,
                    cl: Some(ncl),
                    flags: 0,
                    nextra: 0,
                    aux: 0,
                    cont: Cont::None,
                };
                // SAFETY: `nframes < capacity` (checked above): the slot
                // exists and writing it needs no reallocation.
                unsafe {
                    st.frames.as_mut_ptr().add(nframes).write(frame);
                    st.frames.set_len(nframes + 1);
                }
                st.top = newtop;
                next_slow!(vm, p.code.as_ptr(), nrb, p.k.as_ptr(), ncl)
            }
        }
        call_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    /// CALL under the JIT: a Lua callee that has machine code (or just
    /// turned hot) is entered through the trampoline, which runs its code.
    fn op_call_jit(vm, ip, rb, k, cl, i) {
        if let Value::LuaFn(ncl) = *rref!(rb, get_a(i) as usize) {
            if ncl.proto.jit.wants_native(vm.jit.threshold) {
                return call_slow(vm, ip, rb, k, cl, i);
            }
        }
        op_call(vm, ip, rb, k, cl, i)
    }
}

handler! {
    /// Calls of native functions, varargs functions, `__call`; calls that
    /// grow the stack or the frame list; calls under a hook.
    #[inline(never)]
    fn call_slow(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        let b = get_b(i) as usize;
        let func = slot_index(vm, a);
        savepc!(vm, ip, cl);
        if b != 0 {
            vm.st.top = func + b;
        } else {
            tri!(vm, vm.check_top(func + 1));
        }
        let nresults = get_c(i) as i32 - 1;
        let pushed = if let Value::NativeFn(_) = vm.st.stack[func] {
            // (the common native case, without `precall`'s dispatch)
            tri!(vm, vm.call_native(func, nresults, 0))
        } else {
            tri!(vm, vm.precall(func, nresults, 0))
        };
        if pushed {
            return Exit::Frame;
        }
        let rb = frame_rb(vm);
        next_slow!(vm, ip, rb, k, cl)
    }
}

handler! {
    /// TAILCALL under the JIT (see `op_call_jit`).
    fn op_tailcall_jit(vm, ip, rb, k, cl, i) {
        if let Value::LuaFn(ncl) = *rref!(rb, get_a(i) as usize) {
            if ncl.proto.jit.wants_native(vm.jit.threshold) {
                return tailcall_slow(vm, ip, rb, k, cl, i);
            }
        }
        op_tailcall(vm, ip, rb, k, cl, i)
    }
}

handler! {
    #[inline(never)]
    fn op_tailcall(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        let b = get_b(i) as usize;
        // Fast path: a Lua function with fixed parameters, all of them given,
        // room on the stack, no hook: reuse the frame in place.
        if let Value::LuaFn(ncl) = *rref!(rb, a) {
            let p = ncl.proto;
            let (base, cfunc) = vm.st.frames.last().map_or((0, 0), |c| (c.base, c.func));
            let func = base + a;
            let top = if b != 0 { func + b } else { vm.st.top };
            let newtop = cfunc + 1 + p.maxstack as usize;
            if !p.is_vararg
                && !vm.trap
                && top > func
                && top <= vm.st.stack.len()
                && top - func > p.numparams as usize
                && newtop + MIN_STACK <= vm.st.stack.len()
            {
                if get_k(i) {
                    vm.close_upvals(base);
                }
                let st = &mut vm.st;
                st.stack.copy_within(func..top, cfunc);
                if let Some(c) = st.frames.last_mut() {
                    c.base = cfunc + 1;
                    c.top = newtop;
                    c.pc = 0;
                    c.cl = Some(ncl);
                    c.flags = (c.flags & (cf::FIN_OP | cf::STALE)) | cf::TAIL;
                    c.nextra = 0;
                    c.aux = 0;
                    c.cont = Cont::None;
                }
                st.top = newtop;
                // SAFETY: `cfunc + 1` is inside the stack (checked above).
                let nrb = unsafe { st.stack.as_mut_ptr().add(cfunc + 1) };
                next_slow!(vm, p.code.as_ptr(), nrb, p.k.as_ptr(), ncl)
            }
        }
        tailcall_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    /// TAILCALL of anything but a plain Lua function: natives, `__call`,
    /// varargs, a full stack, hooks (and callees with machine code, so
    /// that the trampoline enters it).
    #[inline(never)]
    fn tailcall_slow(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        let b = get_b(i) as usize;
        let func = slot_index(vm, a);
        savepc!(vm, ip, cl);
        if b != 0 {
            vm.st.top = func + b;
        } else {
            tri!(vm, vm.check_top(func + 1));
        }
        if get_k(i) {
            vm.close_upvals(slot_index(vm, 0));
        }
        // Resolve `__call` first so the callee kind is known.
        let mut f = vm.st.stack[func];
        let mut tries = 0;
        while !f.is_function() {
            let Some(tm) = vm.get_tm(f, super::super::meta::Tm::Call) else {
                let e = vm.tail_call_error(func);
                return fail(vm, e);
            };
            tries += 1;
            if tries > 2000 {
                let e = vm.rt_error("'__call' chain too long; possible loop");
                return fail(vm, e);
            }
            tri!(vm, vm.ensure_stack(1));
            let top = vm.st.top;
            vm.st.stack.copy_within(func..top, func + 1);
            vm.st.stack[func] = tm;
            vm.st.top = top + 1;
            f = tm;
        }
        if let Value::LuaFn(_) = f {
            let c = vm.st.frames.pop().expect("frame");
            let n = vm.st.top - func;
            vm.st.stack.copy_within(func..func + n, c.func);
            vm.st.top = c.func + n;
            let flags = (c.flags & (cf::FIN_OP | cf::STALE)) | cf::TAIL;
            tri!(vm, vm.precall(c.func, c.nresults, flags));
            return Exit::Frame;
        }
        // Native callee: call it here; the RETURN that always follows a
        // TAILCALL returns its results.
        if tri!(vm, vm.precall(func, MULTRET, 0)) {
            return Exit::Frame;
        }
        let rb = frame_rb(vm);
        if vm.trap {
            // that RETURN is part of the tail call, not an instruction of its
            // own for count and line hooks (the reference returns at once)
            let i2 = fetch!(ip);
            return super::HANDLERS[(i2 & 0x7f) as usize](vm, ip_off!(ip, 1), rb, k, cl, i2);
        }
        next_slow!(vm, ip, rb, k, cl)
    }
}

/// After a Lua frame returned (`popped`, results in place): continue the
/// caller when it is a Lua frame of this run, else let `settle` decide
/// (metamethod results, native continuations, the end of the run).
#[inline(always)]
fn after_return(vm: &mut Vm, func: usize, flags: u16) -> Exit {
    if flags & (cf::FIN_OP | cf::HOOKED) == 0 && vm.st.frames.len() > vm.run_entry && !vm.trap {
        if let Some(c) = vm.st.frames.last() {
            if let Some(ncl) = c.cl {
                if ncl.proto.jit.entry.get().is_some() {
                    // the caller continues in machine code (trampoline)
                    return Exit::Resume;
                }
                enter!(vm, c, ncl)
            }
        }
    }
    settle_after(vm, func, flags)
}

#[inline(never)]
fn settle_after(vm: &mut Vm, func: usize, flags: u16) -> Exit {
    let popped = Popped {
        func,
        flags,
        lua: true,
    };
    match vm.settle(vm.run_entry, popped) {
        Ok(true) => Exit::Frame,
        Ok(false) => Exit::Done,
        Err(e) => fail(vm, e),
    }
}

/// The return hook (the running frame is still on top).
#[cold]
#[inline(never)]
fn return_hook(vm: &mut Vm, ip: *const u32, cl: Gc<LuaClosure>) -> LResult<()> {
    savepc!(vm, ip, cl);
    vm.call_hook("return", None)
}

handler! {
    fn op_return(vm, ip, rb, k, cl, i) {
        if vm.trap {
            tri!(vm, return_hook(vm, ip, cl));
        }
        let a = get_a(i) as usize;
        let b = get_b(i) as usize;
        let ra = slot_index(vm, a);
        let n = if b != 0 {
            b - 1
        } else {
            savepc!(vm, ip, cl);
            tri!(vm, vm.check_top(ra));
            vm.st.top - ra
        };
        if get_k(i) {
            savepc!(vm, ip, cl);
            vm.st.top = ra + n;
            vm.close_upvals(slot_index(vm, 0));
            tri!(vm, vm.close_tbc(slot_index(vm, 0)));
        }
        vm.st.top = ra + n;
        let popped = vm.poscall(n);
        after_return(vm, popped.func, popped.flags)
    }
}

handler! {
    fn op_return0(vm, ip, rb, k, cl, i) {
        if vm.trap {
            tri!(vm, return_hook(vm, ip, cl));
        }
        let st = &mut vm.st;
        let Some(c) = st.frames.last() else {
            return Exit::Done;
        };
        // (read field by field: copying the whole frame right after parts
        // of it were written stalls the CPU)
        let (func, flags, nresults) = (c.func, c.flags, c.nresults);
        st.frames.truncate(st.frames.len() - 1);
        if nresults == MULTRET {
            st.top = func;
        } else {
            for j in 0..nresults as usize {
                st.stack[func + j] = Value::Nil;
            }
            st.top = func + nresults as usize;
        }
        after_return(vm, func, flags)
    }
}

handler! {
    fn op_return1(vm, ip, rb, k, cl, i) {
        if vm.trap {
            return return1_general(vm, ip, rb, k, cl, i);
        }
        let st = &mut vm.st;
        let Some(c) = st.frames.last() else {
            return Exit::Done;
        };
        // (read field by field: copying the whole frame right after parts
        // of it were written stalls the CPU)
        let (func, flags, nresults) = (c.func, c.flags, c.nresults);
        // one result wanted, all of them, or none
        if nresults > 1 || func >= st.stack.len() {
            return return1_general(vm, ip, rb, k, cl, i);
        }
        let n = (nresults != 0) as usize;
        if n != 0 {
            // SAFETY: `func` is inside the stack (checked above).
            copy_slot(unsafe { st.stack.as_mut_ptr().add(func) }, slot!(rb, get_a(i)));
        }
        st.top = func + n;
        st.frames.truncate(st.frames.len() - 1);
        after_return(vm, func, flags)
    }
}

handler! {
    /// RETURN1 under a hook, or when the caller wants several results.
    #[inline(never)]
    fn return1_general(vm, ip, rb, k, cl, i) {
        if vm.trap {
            tri!(vm, return_hook(vm, ip, cl));
            rb = frame_rb(vm);
        }
        let st = &mut vm.st;
        let Some(c) = st.frames.last() else {
            return Exit::Done;
        };
        let (func, flags, nresults) = (c.func, c.flags, c.nresults);
        let wanted = if nresults == MULTRET { 1 } else { nresults as usize };
        if func + wanted > st.stack.len() {
            return super::flow_ops::bad_code(vm, ip, cl);
        }
        st.frames.truncate(st.frames.len() - 1);
        // SAFETY: `func + wanted` is inside the stack (checked above).
        let dst = unsafe { st.stack.as_mut_ptr().add(func) };
        if wanted > 0 {
            copy_slot(dst, slot!(rb, get_a(i)));
            for j in 1..wanted {
                put_nil(slot!(dst, j));
            }
        }
        st.top = func + wanted;
        after_return(vm, func, flags)
    }
}

handler! {
    #[inline(never)]
    fn op_concat(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        savepc!(vm, ip, cl);
        if tri!(vm, vm.concat(slot_index(vm, a), get_b(i) as usize, true)) {
            return Exit::Frame;
        }
        if vm.gc_due() {
            tri!(vm, collect_after(vm, a));
        }
        let rb = frame_rb(vm);
        next_slow!(vm, ip, rb, k, cl)
    }
}

handler! {
    #[inline(never)]
    fn op_close(vm, ip, rb, k, cl, i) {
        savepc!(vm, ip, cl);
        let level = slot_index(vm, get_a(i) as usize);
        vm.close_upvals(level);
        tri!(vm, vm.close_tbc(level));
        let rb = frame_rb(vm);
        next_slow!(vm, ip, rb, k, cl)
    }
}

handler! {
    #[inline(never)]
    fn op_tbc(vm, ip, rb, k, cl, i) {
        savepc!(vm, ip, cl);
        let a = get_a(i) as usize;
        tri!(vm, vm.new_tbc(slot_index(vm, a), Some(a)));
        next_slow!(vm, ip, rb, k, cl)
    }
}

handler! {
    #[inline(never)]
    fn op_tforprep(vm, ip, rb, k, cl, i) {
        savepc!(vm, ip, cl);
        let a = get_a(i) as usize;
        tri!(vm, vm.new_tbc(slot_index(vm, a + 3), Some(a + 3)));
        next_slow!(vm, ip_off!(ip, get_bx(i)), rb, k, cl)
    }
}

/// One step of a generic `for` whose iterator is the library's `next` or
/// `ipairs` iterator over table `t` (`None`: not one of those, or a case the
/// real call must handle: an invalid key, an `__index` to consult).
#[inline(always)]
pub(crate) fn table_step(f: NativeFn, t: Gc<Table>, control: Value) -> Option<(Value, Value)> {
    // (a false negative would only mean the slow path)
    if std::ptr::fn_addr_eq(f, crate::stdlib::base::next as NativeFn) {
        match t.next(control) {
            Ok(Some(kv)) => Some(kv),
            Ok(None) => Some((Value::Nil, Value::Nil)),
            Err(()) => None,
        }
    } else if std::ptr::fn_addr_eq(f, crate::stdlib::base::ipairs_aux as NativeFn) {
        let Value::Int(n) = control else { return None };
        let j = n.wrapping_add(1);
        let v = t.get_int(j);
        if !v.is_nil() {
            Some((Value::Int(j), v))
        } else if t.metatable().is_none() {
            Some((Value::Nil, Value::Nil))
        } else {
            None
        }
    } else {
        None
    }
}

handler! {
    #[inline(never)]
    fn op_tforcall(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        // the iterator call counts toward the C-stack limit, as the
        // reference's luaD_call does
        if vm.c_level() + 1 >= super::super::MAX_CCALLS {
            savepc!(vm, ip, cl);
            if let Err(e) = vm.check_cstack() {
                return fail(vm, e);
            }
        }
        // `pairs` and `ipairs` loops over tables: step the iteration here
        // instead of calling `next`/the ipairs iterator (same results; any
        // other case, an error or a hook goes through the call below)
        if !vm.trap {
            if let (Value::NativeFn(f), Value::Table(t)) = (reg!(rb, a), reg!(rb, a + 1)) {
                if let Some((key, v)) = table_step(f, t, reg!(rb, a + 2)) {
                    let nres = get_c(i) as usize;
                    reg!(rb, a + 4) = key;
                    if nres >= 2 {
                        reg!(rb, a + 5) = v;
                        for j in 2..nres {
                            reg!(rb, a + 4 + j) = Value::Nil;
                        }
                    }
                    next_slow!(vm, ip, rb, k, cl)
                }
            }
        }
        let ra = slot_index(vm, a);
        vm.st.stack.copy_within(ra..ra + 3, ra + 4);
        vm.st.top = ra + 4 + 3;
        savepc!(vm, ip, cl);
        // a Lua iterator runs as a counted frame (`FIN_OP`, nothing to
        // finish), so iterators that loop over themselves end in "C stack
        // overflow" as in lua5.4 (a native iterator counts while it runs)
        let r = vm.with_levels(1, |vm| vm.precall(ra + 4, get_c(i) as i32, cf::FIN_OP));
        if tri!(vm, r) {
            vm.st.nfin += 1;
            return Exit::Frame;
        }
        let rb = frame_rb(vm);
        next_slow!(vm, ip, rb, k, cl)
    }
}

handler! {
    #[inline(never)]
    fn op_closure(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        let p = cl.proto.protos[get_bx(i) as usize];
        let mut ups = Vec::with_capacity(p.upvals.len());
        let base = slot_index(vm, 0);
        for d in p.upvals.iter() {
            if d.in_stack {
                ups.push(vm.find_upval(base + d.index as usize));
            } else {
                ups.push(cl.upvals[d.index as usize].get());
            }
        }
        let n = ups.len();
        let ncl = vm.heap.alloc(LuaClosure::new(p, ups), n * 8);
        reg!(rb, a) = Value::LuaFn(ncl);
        if vm.gc_due() {
            savepc!(vm, ip, cl);
            tri!(vm, collect_after(vm, a));
        }
        let rb = frame_rb(vm);
        next_slow!(vm, ip, rb, k, cl)
    }
}

handler! {
    #[inline(never)]
    fn op_vararg(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        let wanted = get_c(i) as i32 - 1;
        let Some(ci) = vm.st.frames.last() else {
            return super::flow_ops::bad_code(vm, ip, cl);
        };
        let (nextra, func, base) = (ci.nextra as usize, ci.func, ci.base);
        let from = func + 1 + cl.proto.numparams as usize;
        let ra = base + a;
        // the varargs lie below the frame's base: `from + nextra <= ra`
        if wanted < 0 {
            let need = ra + nextra + MIN_STACK;
            if need > vm.st.stack.len() {
                savepc!(vm, ip, cl);
                tri!(vm, vm.grow_stack(need));
            }
            vm.st.stack.copy_within(from..from + nextra, ra);
            vm.st.top = ra + nextra;
            let rb = frame_rb(vm);
            next_slow!(vm, ip, rb, k, cl)
        }
        let w = wanted as usize;
        if from + nextra > ra || ra + w > vm.st.stack.len() {
            return super::flow_ops::bad_code(vm, ip, cl);
        }
        let n = w.min(nextra);
        let p = vm.st.stack.as_mut_ptr();
        for j in 0..n {
            // SAFETY: `from + j < from + nextra <= ra` and `ra + j < ra + w`,
            // both inside the stack (checked above).
            unsafe { copy_slot(p.add(ra + j), p.add(from + j)) };
        }
        for j in n..w {
            // SAFETY: as above.
            put_nil(unsafe { p.add(ra + j) });
        }
        next!(vm, ip, rb, k, cl)
    }
}
