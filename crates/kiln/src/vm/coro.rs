//! Resuming and yielding coroutines. Each coroutine owns a `ThreadState`;
//! the running one is swapped into the `Vm`.

use super::error::LuaError;
use super::gc::Gc;
use super::state::{CoStatus, ThreadState, MULTRET};
use super::thread::Thread;
use super::value::Value;
use super::{Vm, MAX_CCALLS};

/// How a resume ended.
pub enum ResumeResult {
    /// The coroutine yielded these values.
    Yield(Vec<Value>),
    /// The coroutine returned these values.
    Return(Vec<Value>),
    /// The coroutine raised this error (it is now dead).
    Error(Value),
}

impl Vm {
    /// A new coroutine running `f`.
    pub fn new_thread(&mut self, f: Value) -> Gc<Thread> {
        let mut st = ThreadState::new();
        st.stack[0] = f;
        st.top = 1;
        let extra = st.stack.len() * std::mem::size_of::<Value>();
        let t = self.heap.alloc(Thread::new(st), extra);
        self.threads.push(t);
        t
    }

    /// Status of a coroutine as `coroutine.status` names it.
    pub fn thread_status(&self, co: Gc<Thread>) -> CoStatus {
        if co == self.cur {
            CoStatus::Running
        } else {
            co.state().status
        }
    }

    fn switch_to(&mut self, co: Gc<Thread>) {
        let prev = self.cur;
        // self.st: prev's state, co: co's state, prev's box: a placeholder
        std::mem::swap(&mut self.st, co.state_mut());
        std::mem::swap(co.state_box(), prev.state_box());
        prev.state_mut().status = CoStatus::Normal;
        self.resumers.push(prev);
        self.cur = co;
        self.st.status = CoStatus::Running;
        if self.hooks_used {
            let h = std::mem::take(co.hook_mut());
            *prev.hook_mut() = std::mem::replace(&mut self.hook, h);
            self.sync_trap();
        }
    }

    fn switch_back(&mut self, status: CoStatus) {
        let prev = self.resumers.pop().expect("resumer");
        // self.st: co's state, prev's box: prev's state, co's box: placeholder
        self.st.status = status;
        std::mem::swap(&mut self.st, prev.state_mut());
        std::mem::swap(prev.state_box(), self.cur.state_box());
        let left = self.cur;
        self.cur = prev;
        self.st.status = CoStatus::Running;
        if self.hooks_used {
            let h = std::mem::take(prev.hook_mut());
            *left.hook_mut() = std::mem::replace(&mut self.hook, h);
            self.sync_trap();
        }
    }

    /// Resume a suspended coroutine (the caller checked its status).
    pub fn resume(&mut self, co: Gc<Thread>, args: &[Value]) -> ResumeResult {
        self.xfer.clear();
        self.xfer.extend_from_slice(args);
        match self.resume_xfer(co) {
            Ok(true) => ResumeResult::Return(self.xfer.clone()),
            Ok(false) => ResumeResult::Yield(self.xfer.clone()),
            Err(e) => ResumeResult::Error(e),
        }
    }

    /// Resume with the arguments in `self.xfer`; the yielded or returned
    /// values come back in `self.xfer` (`Ok(true)`: the coroutine returned).
    /// Values in `xfer` are not GC roots: callers move them to a stack at once.
    pub fn resume_xfer(&mut self, co: Gc<Thread>) -> Result<bool, Value> {
        // the resumer's metamethod and protected-call frames stay counted
        // while the coroutine runs (its own count starts at zero)
        // (as the reference, the check is on the resumer's level: a
        // coroutine resumed at level 199 runs at 200, past the limit)
        let outer = 1 + self.st.nfin;
        if self.c_level() >= MAX_CCALLS {
            return Err(self.str_value(b"C stack overflow"));
        }
        self.switch_to(co);
        let r = self.with_levels(outer, |vm| vm.resume_inner());
        match r {
            Ok(()) => {
                self.xfer.clear();
                self.xfer.extend_from_slice(&self.st.stack[..self.st.top]);
                self.st.top = 0;
                self.switch_back(CoStatus::Dead);
                Ok(true)
            }
            Err(LuaError::Yield(n)) => {
                let top = self.st.top;
                self.xfer.clear();
                self.xfer.extend_from_slice(&self.st.stack[top - n..top]);
                self.st.top = top - n;
                self.switch_back(CoStatus::Suspended);
                Ok(false)
            }
            Err(LuaError::Error(e)) => {
                self.st.err = Some(e);
                self.switch_back(CoStatus::Dead);
                Err(e)
            }
        }
    }

    fn resume_inner(&mut self) -> Result<(), LuaError> {
        let nargs = self.xfer.len();
        self.ensure_stack(nargs + 1)?;
        let top = self.st.top;
        self.st.stack[top..top + nargs].copy_from_slice(&self.xfer);
        self.st.top = top + nargs;
        if self.st.frames.is_empty() {
            // first resume: call the body (the reference checks the level
            // here without adding one: a body started at the limit fails)
            let c = self.c_level();
            if c >= MAX_CCALLS {
                self.cstack_exceeded(c)?;
            }
            if self.precall(0, MULTRET, 0)? {
                self.execute(0)?;
            }
            return Ok(());
        }
        // resuming after a yield: the yield call returns the resume arguments
        self.make_levels_stale();
        let popped = self.poscall(nargs);
        if self.settle(0, popped)? {
            self.execute(0)?;
        } else if !self.st.frames.is_empty() {
            // a native frame without continuation: cannot happen (yield checks nny)
            return Err(LuaError::Error(
                self.str_value(b"cannot resume non-suspended coroutine"),
            ));
        }
        Ok(())
    }

    /// Close a suspended or dead coroutine: run its pending `__close` handlers.
    /// Returns the error that killed it or that a handler raised.
    pub fn close_thread(&mut self, co: Gc<Thread>) -> Option<Value> {
        {
            let st = co.state_mut();
            for uv in st.open_upvals.drain(..) {
                uv.close(&self.heap);
            }
            st.status = CoStatus::Dead;
        }
        // The coroutine keeps its stack (and so the closed values and the
        // error object stay reachable) until every handler has run.
        loop {
            let st = co.state_mut();
            let Some(slot) = st.tbc.pop() else { break };
            let v = st.stack[slot];
            let e = st.err.unwrap_or(Value::Nil);
            // (a missing metamethod is called all the same: "attempt to
            // call a nil value", as in lua5.4)
            let tm = self.get_tm(v, super::meta::Tm::Close).unwrap_or(Value::Nil);
            let func = self.st.top;
            if self.ensure_stack(4).is_err() {
                break;
            }
            self.st.stack[func] = tm;
            self.st.stack[func + 1] = v;
            self.st.stack[func + 2] = e;
            self.st.top = func + 3;
            let old = self.st.errfunc.take();
            if let Err(ev) = self.pcall_at(func, 0) {
                co.state_mut().err = Some(ev);
            }
            self.st.errfunc = old;
            self.st.top = func;
        }
        let st = co.state_mut();
        st.frames.clear();
        st.top = 0;
        st.err.take()
    }
}
