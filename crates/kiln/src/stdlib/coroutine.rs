//! The `coroutine` library.

use crate::vm::state::CoStatus;
use crate::vm::{Args, LResult, LuaError, Value, Vm};

fn check_co(
    vm: &mut Vm,
    a: Args,
    i: usize,
) -> LResult<crate::vm::gc::Gc<crate::vm::thread::Thread>> {
    match vm.arg(a, i) {
        Value::Thread(t) => Ok(t),
        _ => Err(vm.arg_type_error(a, i, "thread")),
    }
}

fn create(vm: &mut Vm, a: Args) -> LResult<usize> {
    let f = vm.arg(a, 0);
    if !f.is_function() {
        return Err(vm.arg_type_error(a, 0, "function"));
    }
    let t = vm.new_thread(f);
    vm.ret1(Value::Thread(t))
}

/// Resume `co` with arguments `a` from index `first`; the results are left
/// in `vm.xfer` (`Ok`) or the error is returned.
fn aux_resume(
    vm: &mut Vm,
    co: crate::vm::gc::Gc<crate::vm::thread::Thread>,
    a: Args,
    first: usize,
) -> Result<(), Value> {
    match vm.thread_status(co) {
        CoStatus::Suspended => {}
        CoStatus::Dead => return Err(vm.str_value(b"cannot resume dead coroutine")),
        _ => return Err(vm.str_value(b"cannot resume non-suspended coroutine")),
    }
    vm.xfer.clear();
    let n = a.n.saturating_sub(first);
    let base = a.base + first;
    let args = &vm.st.stack[base..base + n];
    vm.xfer.extend_from_slice(args);
    vm.resume_xfer(co).map(|_| ())
}

/// Push the values in `vm.xfer` as results (after `prefix`).
fn push_xfer(vm: &mut Vm, prefix: Option<Value>) -> LResult<usize> {
    let n = vm.xfer.len();
    vm.ensure_stack(n + 1)?;
    let mut count = 0;
    if let Some(p) = prefix {
        vm.push(p)?;
        count += 1;
    }
    let top = vm.st.top;
    let xfer = std::mem::take(&mut vm.xfer);
    vm.st.stack[top..top + n].copy_from_slice(&xfer);
    vm.xfer = xfer;
    vm.st.top = top + n;
    Ok(count + n)
}

fn resume(vm: &mut Vm, a: Args) -> LResult<usize> {
    let co = check_co(vm, a, 0)?;
    match aux_resume(vm, co, a, 1) {
        Ok(()) => push_xfer(vm, Some(Value::Bool(true))),
        Err(e) => vm.ret(&[Value::Bool(false), e]),
    }
}

fn wrap_aux(vm: &mut Vm, a: Args) -> LResult<usize> {
    let Value::Thread(co) = vm.native_upval(0) else {
        return Err(vm.error_l1("bad coroutine"));
    };
    match aux_resume(vm, co, a, 0) {
        Ok(()) => push_xfer(vm, None),
        Err(e) => {
            // keep the error object reachable while the coroutine closes
            vm.push(e)?;
            if vm.thread_status(co) == CoStatus::Dead {
                let _ = vm.close_thread(co);
            }
            let e = match e {
                Value::Str(s) => {
                    let mut b = vm.where_(1);
                    b.extend_from_slice(s.as_bytes());
                    vm.str_value(&b)
                }
                _ => e,
            };
            Err(vm.throw(e))
        }
    }
}

fn wrap(vm: &mut Vm, a: Args) -> LResult<usize> {
    let f = vm.arg(a, 0);
    if !f.is_function() {
        return Err(vm.arg_type_error(a, 0, "function"));
    }
    let t = vm.new_thread(f);
    let c = vm.new_native_closure(wrap_aux, vec![Value::Thread(t)]);
    vm.ret1(Value::NativeClosure(c))
}

fn yield_(vm: &mut Vm, a: Args) -> LResult<usize> {
    if vm.is_main_thread() {
        return Err(vm.rt_error("attempt to yield from outside a coroutine"));
    }
    if vm.st.nny > 0 {
        return Err(vm.rt_error("attempt to yield across a C-call boundary"));
    }
    Err(LuaError::Yield(a.n))
}

fn status(vm: &mut Vm, a: Args) -> LResult<usize> {
    let co = check_co(vm, a, 0)?;
    let s = match vm.thread_status(co) {
        CoStatus::Running => "running",
        CoStatus::Suspended => "suspended",
        CoStatus::Normal => "normal",
        CoStatus::Dead => "dead",
    };
    vm.ret_str(s.as_bytes())
}

fn running(vm: &mut Vm, _a: Args) -> LResult<usize> {
    let t = vm.cur;
    let main = vm.is_main_thread();
    vm.ret(&[Value::Thread(t), Value::Bool(main)])
}

fn isyieldable(vm: &mut Vm, a: Args) -> LResult<usize> {
    let r = match vm.arg(a, 0) {
        Value::Thread(t) if t != vm.cur => t != vm.main && t.state().nny == 0,
        _ => !vm.is_main_thread() && vm.st.nny == 0,
    };
    vm.ret1(Value::Bool(r))
}

fn close(vm: &mut Vm, a: Args) -> LResult<usize> {
    let co = check_co(vm, a, 0)?;
    match vm.thread_status(co) {
        CoStatus::Suspended | CoStatus::Dead => match vm.close_thread(co) {
            None => vm.ret1(Value::Bool(true)),
            Some(e) => vm.ret(&[Value::Bool(false), e]),
        },
        s => {
            let what = if s == CoStatus::Running {
                "running"
            } else {
                "normal"
            };
            Err(vm.error_l1(format!("cannot close a {what} coroutine")))
        }
    }
}

/// Register the library.
pub fn open(vm: &mut Vm) {
    super::register_lib(
        vm,
        "coroutine",
        &[
            ("create", create),
            ("resume", resume),
            ("yield", yield_),
            ("status", status),
            ("wrap", wrap),
            ("running", running),
            ("isyieldable", isyieldable),
            ("close", close),
        ],
    );
}
