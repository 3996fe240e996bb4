//! The `coroutine` library.

use crate::vm::coro::ResumeResult;
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

/// Resume `co` with `args`; `Ok(Ok(values))` or `Ok(Err(error))`.
fn aux_resume(
    vm: &mut Vm,
    co: crate::vm::gc::Gc<crate::vm::thread::Thread>,
    args: &[Value],
) -> Result<Vec<Value>, Value> {
    match vm.thread_status(co) {
        CoStatus::Suspended => {}
        CoStatus::Dead => return Err(vm.str_value(b"cannot resume dead coroutine")),
        _ => return Err(vm.str_value(b"cannot resume non-suspended coroutine")),
    }
    match vm.resume(co, args) {
        ResumeResult::Yield(v) | ResumeResult::Return(v) => Ok(v),
        ResumeResult::Error(e) => Err(e),
    }
}

fn resume(vm: &mut Vm, a: Args) -> LResult<usize> {
    let co = check_co(vm, a, 0)?;
    let args: Vec<Value> = (1..a.n).map(|i| vm.arg(a, i)).collect();
    match aux_resume(vm, co, &args) {
        Ok(vals) => {
            vm.ensure_stack(vals.len() + 1)?;
            vm.push(Value::Bool(true))?;
            for v in &vals {
                vm.push(*v)?;
            }
            Ok(vals.len() + 1)
        }
        Err(e) => vm.ret(&[Value::Bool(false), e]),
    }
}

fn wrap_aux(vm: &mut Vm, a: Args) -> LResult<usize> {
    let Value::Thread(co) = vm.native_upval(0) else {
        return Err(vm.error_l1("bad coroutine"));
    };
    let args: Vec<Value> = (0..a.n).map(|i| vm.arg(a, i)).collect();
    match aux_resume(vm, co, &args) {
        Ok(vals) => vm.ret(&vals),
        Err(e) => {
            let e = if vm.thread_status(co) == CoStatus::Dead {
                let _ = vm.close_thread(co);
                e
            } else {
                e
            };
            let e = match e {
                Value::Str(s) => {
                    let w = vm.where_(1);
                    let mut b = w.into_bytes();
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
