//! Calls and returns: frame push/pop, native calls, `pcall` continuations,
//! error recovery, upvalue and to-be-closed variable closing.

use super::debuginfo::Operand;
use super::error::{LResult, LuaError};
use super::func::{NativeCode, UpVal};
use super::gc::Gc;
use super::meta::Tm;
use super::state::{cf, CallInfo, Cont, Popped, MIN_STACK, MULTRET};
use super::value::{Args, Value};
use super::{Vm, MAX_CCALLS};

/// Returned by a native function that pushed a Lua frame and wants its
/// continuation run when that frame returns (see `Cont`).
pub const NATIVE_CONT: usize = usize::MAX;

impl Vm {
    /// Call the value at `func` with the arguments `func+1..top`.
    /// Returns `true` when a Lua frame was pushed (the interpreter must run it),
    /// `false` when a native function ran to completion (its results are at
    /// `func..` and `top` is set).
    pub(crate) fn precall(&mut self, func: usize, nresults: i32, flags: u16) -> LResult<bool> {
        let mut tries = 0;
        loop {
            match self.st.stack[func] {
                Value::LuaFn(cl) => {
                    let p = cl.proto;
                    let mut nargs = self.st.top - func - 1;
                    let maxstack = p.maxstack as usize;
                    let nfix = p.numparams as usize;
                    let needed = func + 1 + nargs.max(nfix) + 1 + maxstack + MIN_STACK;
                    if needed > self.st.stack.len() {
                        self.grow_stack(needed)?;
                    }
                    let stack = &mut self.st.stack;
                    for slot in stack
                        .iter_mut()
                        .skip(func + 1 + nargs)
                        .take(nfix.saturating_sub(nargs))
                    {
                        *slot = Value::Nil;
                    }
                    if nargs < nfix {
                        nargs = nfix;
                    }
                    let (base, nextra) = if p.is_vararg {
                        let newfunc = func + 1 + nargs;
                        stack[newfunc] = stack[func];
                        for i in 0..nfix {
                            stack[newfunc + 1 + i] = stack[func + 1 + i];
                            stack[func + 1 + i] = Value::Nil;
                        }
                        (newfunc + 1, (nargs - nfix) as u32)
                    } else {
                        (func + 1, 0)
                    };
                    if self.st.frames.len() >= super::state::MAX_FRAMES && !self.frames_room() {
                        return Err(self.rt_error("stack overflow"));
                    }
                    self.st.frames.push(CallInfo {
                        func,
                        base,
                        top: base + maxstack,
                        pc: 0,
                        nresults,
                        cl: Some(cl),
                        flags,
                        nextra,
                        aux: 0,
                        cont: Cont::None,
                    });
                    self.st.top = base + maxstack;
                    return Ok(true);
                }
                Value::NativeFn(_) | Value::NativeClosure(_) => {
                    return self.call_native(func, nresults, flags);
                }
                v => {
                    let Some(tm) = self.get_tm(v, Tm::Call) else {
                        return Err(self.call_error(func));
                    };
                    tries += 1;
                    if tries > 2000 {
                        return Err(self.rt_error("'__call' chain too long; possible loop"));
                    }
                    self.ensure_stack(1)?;
                    let top = self.st.top;
                    self.st.stack.copy_within(func..top, func + 1);
                    self.st.stack[func] = tm;
                    self.st.top = top + 1;
                }
            }
        }
    }

    #[cold]
    fn call_error(&mut self, func: usize) -> LuaError {
        let v = self.st.stack[func];
        let o = match self.st.frames.last() {
            Some(ci) if ci.is_lua() && func >= ci.base => Operand::Reg(func - ci.base),
            _ => Operand::None,
        };
        // A `for` iterator call is described by the calling instruction.
        if let Some(ci) = self.st.frames.last() {
            if let Some(cl) = ci.cl {
                let i = cl.proto.code[ci.pc - 1];
                if crate::bytecode::get_op(i) == crate::bytecode::OP_TFORCALL {
                    let t = self.obj_type_name(v);
                    return self.rt_error(format!(
                        "attempt to call a {t} value (for iterator 'for iterator')"
                    ));
                }
            }
        }
        self.type_error(v, o, "call")
    }

    /// Run a native function at `func` and move its results into place
    /// (`true`: it pushed a Lua frame and left a continuation, see `precall`).
    pub(crate) fn call_native(&mut self, func: usize, nresults: i32, flags: u16) -> LResult<bool> {
        if self.st.top + MIN_STACK > self.st.stack.len() {
            self.grow_stack(self.st.top + MIN_STACK)?;
        }
        if self.st.frames.len() >= super::state::MAX_FRAMES && !self.frames_room() {
            return Err(self.rt_error("stack overflow"));
        }
        let nargs = self.st.top - func - 1;
        self.st.frames.push(CallInfo {
            func,
            base: func + 1,
            top: self.st.top + MIN_STACK,
            pc: 0,
            nresults,
            cl: None,
            flags,
            nextra: 0,
            aux: 0,
            cont: Cont::None,
        });
        let args = Args {
            base: func + 1,
            n: nargs,
        };
        if self.trap {
            self.call_hook("call", None)?;
        }
        let n = match self.st.stack[func] {
            Value::NativeFn(f) => f(self, args)?,
            Value::NativeClosure(c) => match &c.code {
                NativeCode::Fn(f) => f(self, args)?,
                NativeCode::Boxed(b) => b(self, args)?,
            },
            _ => unreachable!(),
        };
        if n == NATIVE_CONT {
            // A Lua frame was pushed above; the continuation runs when it returns.
            return Ok(true);
        }
        if self.trap {
            let top = self.st.top;
            self.call_hook("return", None)?;
            self.st.top = top;
        }
        self.poscall(n);
        if self.trap {
            // back in a Lua caller, line events continue from its call (the
            // hook function may have moved the tracking)
            if let Some(c) = self.st.frames.last().filter(|c| c.is_lua()) {
                self.hook.oldpc = c.pc.saturating_sub(1);
            }
        }
        self.check_oom()?;
        if self.gc_due() {
            self.gc_safepoint();
        }
        Ok(false)
    }

    /// Pop the running frame, moving its `n` results (ending at `top`) to its
    /// function slot. Returns the popped frame.
    #[inline(always)]
    pub(crate) fn poscall(&mut self, n: usize) -> Popped {
        let len = self.st.frames.len();
        let c = &self.st.frames[len - 1];
        let ci = Popped {
            func: c.func,
            flags: c.flags,
            lua: c.cl.is_some(),
        };
        let nresults = c.nresults;
        self.st.frames.truncate(len - 1);
        let res = self.st.top - n;
        let dst = ci.func;
        if nresults == MULTRET {
            if res != dst {
                move_down(&mut self.st.stack, res, dst, n);
            }
            self.st.top = dst + n;
        } else {
            let wanted = nresults as usize;
            let m = n.min(wanted);
            if res != dst {
                move_down(&mut self.st.stack, res, dst, m);
            }
            for i in m..wanted {
                self.st.stack[dst + i] = Value::Nil;
            }
            self.st.top = dst + wanted;
        }
        ci
    }

    /// While a message handler runs, a few more frames are allowed.
    fn frames_room(&self) -> bool {
        self.extra_room && self.st.frames.len() < super::state::MAX_FRAMES + 1000
    }

    /// Recount metamethod frames after frames were dropped by an error.
    pub(crate) fn recount_fin(&mut self) {
        self.st.nfin = self
            .st
            .frames
            .iter()
            .filter(|c| c.counts_as_level())
            .count() as u32;
    }

    /// A frame that counted as a native level (flags `flags`) ends.
    fn uncount(&mut self, flags: u16) {
        if flags & cf::STALE == 0 {
            self.st.nfin = self.st.nfin.saturating_sub(1);
        }
    }

    /// Frames that count as native levels stop counting (a coroutine is
    /// resumed after a yield).
    pub(crate) fn make_levels_stale(&mut self) {
        if self.st.nfin == 0 {
            return;
        }
        for c in self.st.frames.iter_mut() {
            if c.could_count_as_level() {
                c.flags |= cf::STALE;
            }
        }
        self.st.nfin = 0;
    }

    /// Run the continuation of the native frame on top (its Lua callee returned).
    pub(crate) fn finish_cont(&mut self) -> LResult<Popped> {
        let ci = *self.st.frames.last().expect("frame");
        match ci.cont {
            Cont::Protected {
                old_errfunc,
                xpcall,
            } => {
                self.uncount(ci.flags);
                self.st.errfunc = old_errfunc.map(|s| s as usize);
                // results of the protected call are at func+1 .. top (after the handler slot for xpcall)
                let first = if xpcall { ci.func + 2 } else { ci.func + 1 };
                let n = self.st.top - first;
                self.st.stack[first - 1] = Value::Bool(true);
                Ok(self.poscall(n + 1))
            }
            Cont::Pairs => {
                // the callee's results were adjusted to three
                self.uncount(ci.flags);
                Ok(self.poscall(3))
            }
            Cont::CoBody | Cont::None => unreachable!("no continuation"),
        }
    }

    /// Settle frames after a return: run native continuations until a Lua frame
    /// is on top or the frame count drops to `entry`. Returns whether a Lua frame
    /// should run.
    pub(crate) fn settle(&mut self, entry: usize, mut popped: Popped) -> LResult<bool> {
        loop {
            if self.st.frames.len() <= entry {
                return Ok(false);
            }
            if popped.flags & cf::FIN_OP != 0 {
                if popped.lua {
                    self.uncount(popped.flags);
                }
                let v = self.st.stack[popped.func];
                if self.finish_op(v)? {
                    return Ok(true);
                }
            }
            if popped.flags & cf::HOOKED != 0 {
                // A `__close` call that yielded and was resumed: run the
                // interrupted CLOSE/RETURN again to close the remaining variables.
                if let Some(ci) = self.st.frames.last_mut() {
                    if ci.is_lua() {
                        ci.pc -= 1;
                    }
                }
            }
            let top = self.st.frames.last().expect("frame");
            if top.is_lua() {
                return Ok(true);
            }
            if top.cont == Cont::None || top.cont == Cont::CoBody {
                return Ok(false);
            }
            popped = self.finish_cont()?;
        }
    }

    /// Recover from an error inside `execute(entry)`: find a protected call above
    /// `entry` and return into it. Returns false when none is there.
    pub(crate) fn catch(&mut self, entry: usize, err: Value) -> LResult<bool> {
        let mut j = self.st.frames.len();
        while j > entry {
            j -= 1;
            let ci = self.st.frames[j];
            if let Cont::Protected {
                old_errfunc,
                xpcall,
            } = ci.cont
            {
                let level = ci.func + 1;
                self.st.frames.truncate(j + 1);
                self.recount_fin();
                self.close_upvals(level);
                self.st.top = self.st.top.max(level);
                // `__close` handlers run under the protected call's own
                // message handler (xpcall's; none for pcall)
                self.st.errfunc = if xpcall { Some(ci.func + 1) } else { None };
                let err = self.close_tbc_with_error(level, err);
                self.st.errfunc = old_errfunc.map(|s| s as usize);
                self.st.stack[ci.func] = Value::Bool(false);
                self.st.stack[ci.func + 1] = err;
                self.st.top = ci.func + 2;
                let popped = self.poscall(2);
                self.recount_fin();
                return self.settle(entry, popped).map(|_| true);
            }
        }
        Ok(false)
    }

    /// Run the interpreter until the frame count drops to `entry`, handling
    /// errors caught by `pcall` frames above `entry`.
    pub(crate) fn execute(&mut self, entry: usize) -> LResult<()> {
        loop {
            match self.run(entry) {
                Ok(()) => return Ok(()),
                Err(LuaError::Error(e)) => {
                    if !self.catch(entry, e)? {
                        return Err(LuaError::Error(e));
                    }
                }
                Err(y) => return Err(y),
            }
        }
    }

    /// The C-stack check of a call that counts as one more native level (the
    /// reference's `ccall`): the call would run at level `c`. Exactly at
    /// [`MAX_CCALLS`] it is "C stack overflow", raised at that level, so the
    /// message handler it runs is past the limit; from there on calls pass
    /// (handling the overflow) until [`ERRERR_CCALLS`](super::ERRERR_CCALLS),
    /// "error in error handling".
    #[inline]
    pub(crate) fn check_cstack(&mut self) -> LResult<()> {
        let c = self.c_level() + 1;
        if c >= MAX_CCALLS {
            self.with_levels(1, |vm| vm.cstack_exceeded(c))
        } else {
            Ok(())
        }
    }

    /// The native call level the running code is at (native calls in
    /// progress and the frames that count as such).
    pub(crate) fn c_level(&self) -> u32 {
        self.n_ccalls + self.st.nfin
    }

    /// Run `f` one native call level deeper, as code called from a native
    /// function is. (The standalone interpreter compiles its chunks this
    /// way, as lua.c does inside its entry function, so nesting limits
    /// match.)
    ///
    /// ```
    /// let mut vm = kiln::vm::Vm::new();
    /// let deep = format!("return {}1{}", "(".repeat(197), ")".repeat(197));
    /// assert!(kiln::stdlib::base::load_buffer(&mut vm, deep.as_bytes(), b"=t", b"t", None).is_ok());
    /// let r = vm.with_native_level(|vm| {
    ///     kiln::stdlib::base::load_buffer(vm, deep.as_bytes(), b"=t", b"t", None).is_ok()
    /// });
    /// assert!(!r);
    /// ```
    pub fn with_native_level<R>(&mut self, f: impl FnOnce(&mut Vm) -> R) -> R {
        self.with_levels(1, f)
    }

    /// Run `f` `n` native call levels deeper.
    pub(crate) fn with_levels<R>(&mut self, n: u32, f: impl FnOnce(&mut Vm) -> R) -> R {
        self.n_ccalls += n;
        let r = f(self);
        self.n_ccalls -= n;
        r
    }

    /// The check at level `c` (at least [`MAX_CCALLS`]), with the code
    /// already counted at that level.
    #[cold]
    pub(crate) fn cstack_exceeded(&mut self, c: u32) -> LResult<()> {
        if c == MAX_CCALLS {
            Err(self.rt_error("C stack overflow"))
        } else if c >= super::ERRERR_CCALLS {
            Err(LuaError::Error(self.str_value(b"error in error handling")))
        } else {
            Ok(())
        }
    }

    /// Call the value at `func` (arguments above it up to `top`) from native code.
    /// Results are left at `func..top`.
    pub fn call_at(&mut self, func: usize, nresults: i32) -> LResult<()> {
        self.check_cstack()?;
        self.st.nny += 1;
        let r = self.with_levels(1, |vm| vm.run_call(func, nresults, 0));
        self.st.nny -= 1;
        r
    }

    /// Call the value at `func` and run it to completion (a Lua callee in a
    /// nested interpreter run).
    fn run_call(&mut self, func: usize, nresults: i32, flags: u16) -> LResult<()> {
        let entry = self.st.frames.len();
        if self.precall(func, nresults, flags)? {
            self.execute(entry)?;
        }
        Ok(())
    }

    /// Protected call: like `call_at`, but an error is returned after the stack
    /// and frames are restored to their state before the call.
    pub fn pcall_at(&mut self, func: usize, nresults: i32) -> Result<(), Value> {
        self.protected(func, |vm| vm.call_at(func, nresults))
    }

    /// Run `f` protected, as `pcall_at` runs a call: on an error, the frames
    /// it left are dropped, upvalues and to-be-closed variables from stack
    /// slot `level` up are closed, `top` goes back to `level`, and the error
    /// value (after any `__close` replaced it) is returned.
    pub(crate) fn protected<R>(
        &mut self,
        level: usize,
        f: impl FnOnce(&mut Vm) -> LResult<R>,
    ) -> Result<R, Value> {
        let nframes = self.st.frames.len();
        let old_errfunc = self.st.errfunc;
        let old_nny = self.st.nny;
        let old_cc = self.n_ccalls;
        match f(self) {
            Ok(r) => Ok(r),
            Err(e) => {
                let ev = match e {
                    LuaError::Error(v) => v,
                    LuaError::Yield(_) => {
                        self.str_value(b"attempt to yield across a C-call boundary")
                    }
                };
                self.st.frames.truncate(nframes);
                self.recount_fin();
                self.st.errfunc = old_errfunc;
                self.st.nny = old_nny;
                self.n_ccalls = old_cc;
                self.close_upvals(level);
                self.st.top = self.st.top.max(level);
                let ev = self.close_tbc_with_error(level, ev);
                self.st.top = level;
                Err(ev)
            }
        }
    }

    /// Call `f(args...)` and return its first result.
    pub fn call_value1(&mut self, f: Value, args: &[Value]) -> LResult<Value> {
        let func = self.st.top;
        self.ensure_stack(args.len() + 1 + MIN_STACK)?;
        self.st.stack[func] = f;
        self.st.stack[func + 1..func + 1 + args.len()].copy_from_slice(args);
        self.st.top = func + 1 + args.len();
        self.call_at(func, 1)?;
        let v = self.st.stack[func];
        self.st.top = func;
        Ok(v)
    }

    /// Call `f(args...)` and return all results.
    pub fn call_value(&mut self, f: Value, args: &[Value]) -> LResult<Vec<Value>> {
        let func = self.st.top;
        self.ensure_stack(args.len() + 1 + MIN_STACK)?;
        self.st.stack[func] = f;
        self.st.stack[func + 1..func + 1 + args.len()].copy_from_slice(args);
        self.st.top = func + 1 + args.len();
        self.call_at(func, MULTRET)?;
        let v = self.st.stack[func..self.st.top].to_vec();
        self.st.top = func;
        Ok(v)
    }

    /// Call a metamethod for the interpreter: the call runs as a frame flagged
    /// `FIN_OP` (returns `None`) or, for native functions, at once.
    pub(crate) fn call_tm_interp(&mut self, f: Value, args: &[Value]) -> LResult<Option<Value>> {
        let at = self.st.frames.last().expect("frame").top;
        let need = at + args.len() + 1 + MIN_STACK;
        if need > self.st.stack.len() {
            self.grow_stack(need)?;
        }
        self.st.stack[at] = f;
        self.st.stack[at + 1..at + 1 + args.len()].copy_from_slice(args);
        self.st.top = at + 1 + args.len();
        self.check_cstack()?;
        // a native metamethod counts as one level while it runs; a Lua one
        // while its frame is on the stack
        if self.with_levels(1, |vm| vm.precall(at, 1, cf::FIN_OP))? {
            if self.st.frames.last().is_some_and(|c| c.is_lua()) {
                self.st.nfin += 1;
            }
            Ok(None)
        } else {
            Ok(Some(self.st.stack[at]))
        }
    }

    // ----- upvalues -----------------------------------------------------------

    /// The open upvalue for stack slot `level`, created if needed.
    pub(crate) fn find_upval(&mut self, level: usize) -> Gc<UpVal> {
        let list = &self.st.open_upvals;
        let mut pos = list.len();
        while pos > 0 {
            let uv = list[pos - 1];
            let l = uv.level.get();
            if l == level {
                return uv;
            }
            if l < level {
                break;
            }
            pos -= 1;
        }
        let p = &mut self.st.stack[level] as *mut Value;
        let uv = self.heap.alloc(UpVal::new_open(p, level), 0);
        self.st.open_upvals.insert(pos, uv);
        uv
    }

    /// Close every open upvalue at or above `level`.
    pub(crate) fn close_upvals(&mut self, level: usize) {
        while let Some(&uv) = self.st.open_upvals.last() {
            if uv.level.get() < level {
                break;
            }
            uv.close(&self.heap);
            self.st.open_upvals.pop();
        }
    }

    /// Register a to-be-closed variable.
    pub(crate) fn new_tbc(&mut self, slot: usize, name_reg: Option<usize>) -> LResult<()> {
        let v = self.st.stack[slot];
        if !v.truthy() {
            return Ok(());
        }
        if self.get_tm(v, Tm::Close).is_none() {
            let name = match (name_reg, self.running_proto()) {
                (Some(r), Some(p)) => {
                    let pc = self.st.frames.last().map(|c| c.pc).unwrap_or(0);
                    super::debuginfo::get_obj_name(&p, pc.saturating_sub(1), r)
                        .map(|(_, n)| n)
                        .unwrap_or_else(|| b"?".to_vec())
                }
                _ => b"?".to_vec(),
            };
            let m = [&b"variable '"[..], &name, b"' got a non-closable value"].concat();
            return Err(self.rt_error(m));
        }
        self.st.tbc.push(slot);
        Ok(())
    }

    /// Call `__close` of each to-be-closed variable at or above `level` (normal exit).
    pub(crate) fn close_tbc(&mut self, level: usize) -> LResult<()> {
        while let Some(&slot) = self.st.tbc.last() {
            if slot < level {
                break;
            }
            self.st.tbc.pop();
            let v = self.st.stack[slot];
            self.call_close(v, Value::Nil)?;
        }
        Ok(())
    }

    fn call_close(&mut self, v: Value, err: Value) -> LResult<()> {
        // (a metamethod removed or replaced since the variable was declared
        // is called all the same, as in lua5.4: a call error, named after
        // the running Lua function's RETURN/CLOSE)
        let tm = self.get_tm(v, Tm::Close).unwrap_or(Value::Nil);
        if !tm.is_function() && self.get_tm(tm, Tm::Call).is_none() {
            let mut m = b"attempt to call a ".to_vec();
            m.extend_from_slice(&self.obj_type_name_bytes(tm));
            m.extend_from_slice(b" value");
            if self.st.frames.last().is_some_and(|c| c.is_lua()) {
                m.extend_from_slice(b" (metamethod 'close')");
            }
            return Err(self.rt_error(m));
        }
        let func = self.st.top;
        self.ensure_stack(3 + MIN_STACK)?;
        self.st.stack[func] = tm;
        self.st.stack[func + 1] = v;
        self.st.stack[func + 2] = err;
        self.st.top = func + 3;
        self.check_cstack()?;
        let entry = self.st.frames.len();
        let r = self.with_levels(1, |vm| vm.run_call(func, 0, cf::HOOKED));
        match r {
            Err(LuaError::Yield(_)) => return r,
            Err(LuaError::Error(_)) => {
                self.st.frames.truncate(entry);
                self.recount_fin();
            }
            Ok(()) => {}
        }
        self.st.top = func;
        r
    }

    /// Close to-be-closed variables while unwinding an error; an error in a
    /// `__close` replaces the error object. Returns the final error object.
    pub(crate) fn close_tbc_with_error(&mut self, level: usize, mut err: Value) -> Value {
        while let Some(&slot) = self.st.tbc.last() {
            if slot < level {
                break;
            }
            self.st.tbc.pop();
            let v = self.st.stack[slot];
            let top = self.st.top.max(slot + 1);
            self.st.top = top;
            // keep the error object alive while the handler runs
            let _ = self.push(err);
            match self.call_close(v, err) {
                Ok(()) => {}
                Err(LuaError::Error(e)) => err = e,
                Err(LuaError::Yield(_)) => {}
            }
            self.st.top = top;
        }
        err
    }
}

impl Vm {
    /// Protected call with a message handler (like `lua_pcall` with `msgh`):
    /// the handler sees the error while the failing frames are still active.
    /// Results are left at `func..top`.
    pub fn pcall_with_handler(
        &mut self,
        func: usize,
        nresults: i32,
        handler: Value,
    ) -> Result<(), Value> {
        if self.ensure_stack(1).is_err() {
            return Err(self.str_value(b"stack overflow"));
        }
        let top = self.st.top;
        self.st.stack.copy_within(func..top, func + 1);
        self.st.stack[func] = handler;
        self.st.top = top + 1;
        let old = self.st.errfunc;
        self.st.errfunc = Some(func);
        let r = self.pcall_at(func + 1, nresults);
        self.st.errfunc = old;
        match r {
            Ok(()) => {
                let top = self.st.top;
                self.st.stack.copy_within(func + 1..top, func);
                self.st.top = top - 1;
                Ok(())
            }
            Err(e) => {
                self.st.top = func;
                Err(e)
            }
        }
    }
}

/// Move `n` values from `from` down to `to` (`to < from`). Results are
/// usually one or two values: a loop beats a `memmove` call.
#[inline(always)]
fn move_down(stack: &mut [Value], from: usize, to: usize, n: usize) {
    if n <= 4 {
        for j in 0..n {
            stack[to + j] = stack[from + j];
        }
    } else {
        stack.copy_within(from..from + n, to);
    }
}
