//! The `debug` library (manual §6.10).

use crate::vm::gc::Gc;
use crate::vm::state::MULTRET;
use crate::vm::table::Table;
use crate::vm::thread::Thread;
use crate::vm::value::LuaType;
use crate::vm::{Args, LResult, Value, Vm};

/// Optional leading thread argument: (thread, index of the next argument).
fn opt_thread(vm: &Vm, a: Args) -> (Option<Gc<Thread>>, usize) {
    match vm.arg(a, 0) {
        Value::Thread(t) => (Some(t), 1),
        _ => (None, 0),
    }
}

fn traceback(vm: &mut Vm, a: Args) -> LResult<usize> {
    let (th, i) = opt_thread(vm, a);
    let msg = vm.arg(a, i);
    if !matches!(
        msg,
        Value::Nil | Value::Str(_) | Value::Int(_) | Value::Float(_)
    ) {
        return vm.ret1(msg);
    }
    let m = match msg {
        Value::Nil => None,
        _ => Some(vm.coerce_to_str(msg).expect("string").as_bytes().to_vec()),
    };
    let other = matches!(th, Some(t) if t != vm.cur);
    let level = vm.opt_int(a, i + 1, if other { 0 } else { 1 })?;
    let tb = if let (true, Some(t)) = (other, th) {
        vm.traceback_of(t, m.as_deref(), level.max(0) as usize)
    } else {
        vm.traceback(m.as_deref(), level.max(0) as usize)
    };
    vm.ret_str(&tb)
}

fn set_str(vm: &mut Vm, t: Gc<Table>, k: &str, v: &str) {
    let s = vm.str_value(v.as_bytes());
    vm.set_field(t, k, s);
}

fn getinfo(vm: &mut Vm, a: Args) -> LResult<usize> {
    let (th, i) = opt_thread(vm, a);
    if matches!(th, Some(t) if t != vm.cur) {
        // other threads: only function arguments are supported
        if !vm.arg(a, i).is_function() {
            return vm.ret1(Value::Nil);
        }
    }
    let what = match vm.opt_str(a, i + 1)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"flnSrtu".to_vec(),
    };
    if what.first() == Some(&b'>') {
        return Err(vm.arg_error(i + 2, "invalid option '>'"));
    }
    if what.iter().any(|c| !b"SlnrutfL".contains(c)) {
        return Err(vm.arg_error(i + 2, "invalid option"));
    }
    let target = vm.arg(a, i);
    let (info, func) = if target.is_function() {
        (vm.function_info(target), target)
    } else {
        let level = match target {
            Value::Int(_) | Value::Float(_) | Value::Str(_) => vm.check_int(a, i)?,
            _ => return Err(vm.arg_error(i + 1, "function or level expected")),
        };
        if level < 0 {
            return vm.ret1(Value::Nil);
        }
        match vm.frame_at(level as usize) {
            None => return vm.ret1(Value::Nil),
            Some(idx) => {
                let fi = vm.frame_info(idx);
                let f = vm.slot(vm.st.frames[idx].func);
                (fi, f)
            }
        }
    };
    let t = vm.new_table();
    // keep the result table on the stack while filling it
    vm.push(Value::Table(t))?;
    for &c in &what {
        match c {
            b'S' => {
                let src = vm.str_value(&info.source);
                vm.set_field(t, "source", src);
                set_str(vm, t, "short_src", &info.short_src);
                set_str(vm, t, "what", info.what);
                vm.set_field(t, "linedefined", Value::Int(info.linedefined));
                vm.set_field(t, "lastlinedefined", Value::Int(info.lastlinedefined));
            }
            b'l' => vm.set_field(t, "currentline", Value::Int(info.currentline)),
            b'u' => {
                vm.set_field(t, "nups", Value::Int(info.nups as i64));
                vm.set_field(t, "nparams", Value::Int(info.nparams as i64));
                vm.set_field(t, "isvararg", Value::Bool(info.isvararg));
            }
            b'n' => {
                if let Some(n) = &info.name {
                    set_str(vm, t, "name", n);
                    set_str(vm, t, "namewhat", info.namewhat);
                } else {
                    set_str(vm, t, "namewhat", "");
                }
            }
            b't' => vm.set_field(t, "istailcall", Value::Bool(info.istailcall)),
            b'r' => {
                vm.set_field(t, "ftransfer", Value::Int(0));
                vm.set_field(t, "ntransfer", Value::Int(0));
            }
            b'f' => vm.set_field(t, "func", func),
            b'L' => {
                if let Value::LuaFn(cl) = func {
                    let lines = vm.new_table();
                    let p = cl.proto;
                    let start = if p.is_vararg { 1 } else { 0 };
                    for pc in start..p.lineinfo.len() {
                        lines.set_int(vm.heap(), p.lineinfo[pc] as i64, Value::Bool(true));
                    }
                    vm.set_field(t, "activelines", Value::Table(lines));
                }
            }
            _ => {}
        }
    }
    Ok(1)
}

/// Frame index for a level argument, or an argument error.
fn level_frame(vm: &mut Vm, a: Args, i: usize) -> LResult<usize> {
    let level = vm.check_int(a, i)?;
    match (level >= 0).then(|| vm.frame_at(level as usize)).flatten() {
        Some(idx) => Ok(idx),
        None => Err(vm.arg_error(i + 1, "level out of range")),
    }
}

fn getlocal(vm: &mut Vm, a: Args) -> LResult<usize> {
    let (_th, i) = opt_thread(vm, a);
    let n = vm.check_int(a, i + 1)?;
    let target = vm.arg(a, i);
    if let Value::LuaFn(cl) = target {
        let name = if n > 0 {
            cl.proto.local_name(n as usize, 0).map(|s| s.to_string())
        } else {
            None
        };
        return match name {
            Some(nm) => vm.ret_str(nm.as_bytes()),
            None => vm.ret1(Value::Nil),
        };
    }
    if target.is_function() {
        return vm.ret1(Value::Nil);
    }
    let idx = level_frame(vm, a, i)?;
    match vm.local_slot(idx, n) {
        Some((name, slot)) => {
            let nv = vm.str_value(name.as_bytes());
            let v = vm.slot(slot);
            vm.ret(&[nv, v])
        }
        None => vm.ret1(Value::Nil),
    }
}

fn setlocal(vm: &mut Vm, a: Args) -> LResult<usize> {
    let (_th, i) = opt_thread(vm, a);
    let idx = level_frame(vm, a, i)?;
    let n = vm.check_int(a, i + 1)?;
    let v = vm.check_any(a, i + 2)?;
    match vm.local_slot(idx, n) {
        Some((name, slot)) => {
            vm.st.stack[slot] = v;
            vm.ret_str(name.as_bytes())
        }
        None => vm.ret1(Value::Nil),
    }
}

fn check_function(vm: &mut Vm, a: Args, i: usize) -> LResult<Value> {
    let f = vm.arg(a, i);
    if !f.is_function() {
        return Err(vm.arg_type_error(a, i, "function"));
    }
    Ok(f)
}

fn getupvalue(vm: &mut Vm, a: Args) -> LResult<usize> {
    let f = check_function(vm, a, 0)?;
    let n = vm.check_int(a, 1)?;
    match f {
        Value::LuaFn(cl) if n >= 1 && (n as usize) <= cl.upvals.len() => {
            let name = cl.proto.upvals[n as usize - 1]
                .name
                .as_deref()
                .unwrap_or("(no name)")
                .to_string();
            let v = cl.upvals[n as usize - 1].get().get();
            let nv = vm.str_value(name.as_bytes());
            vm.ret(&[nv, v])
        }
        Value::NativeClosure(c) if n >= 1 && (n as usize) <= c.upvals.len() => {
            let v = c.upvals[n as usize - 1].get();
            let nv = vm.str_value(b"");
            vm.ret(&[nv, v])
        }
        _ => Ok(0),
    }
}

fn setupvalue(vm: &mut Vm, a: Args) -> LResult<usize> {
    let f = check_function(vm, a, 0)?;
    let n = vm.check_int(a, 1)?;
    let v = vm.check_any(a, 2)?;
    match f {
        Value::LuaFn(cl) if n >= 1 && (n as usize) <= cl.upvals.len() => {
            let name = cl.proto.upvals[n as usize - 1]
                .name
                .as_deref()
                .unwrap_or("(no name)")
                .to_string();
            cl.upvals[n as usize - 1].get().set(vm.heap(), v);
            vm.ret_str(name.as_bytes())
        }
        Value::NativeClosure(c) if n >= 1 && (n as usize) <= c.upvals.len() => {
            vm.heap().barrier(c.header());
            c.upvals[n as usize - 1].set(v);
            vm.ret_str(b"")
        }
        _ => Ok(0),
    }
}

fn upvalueid(vm: &mut Vm, a: Args) -> LResult<usize> {
    let n = vm.check_int(a, 1)?;
    let f = check_function(vm, a, 0)?;
    match f {
        Value::LuaFn(cl) if n >= 1 && (n as usize) <= cl.upvals.len() => {
            let p = cl.upvals[n as usize - 1].get().as_ptr() as usize;
            vm.ret1(Value::LightUserData(p))
        }
        Value::NativeClosure(c) if n >= 1 && (n as usize) <= c.upvals.len() => {
            let p = &c.upvals[n as usize - 1] as *const _ as usize;
            vm.ret1(Value::LightUserData(p))
        }
        // (no such upvalue: fail, as lua5.4.4)
        _ => vm.ret1(Value::Nil),
    }
}

fn upvaluejoin(vm: &mut Vm, a: Args) -> LResult<usize> {
    let f1 = check_function(vm, a, 0)?;
    let n1 = vm.check_int(a, 1)?;
    let f2 = check_function(vm, a, 2)?;
    let n2 = vm.check_int(a, 3)?;
    let Value::LuaFn(c1) = f1 else {
        return Err(vm.arg_error(1, "Lua function expected"));
    };
    let Value::LuaFn(c2) = f2 else {
        return Err(vm.arg_error(3, "Lua function expected"));
    };
    if n1 < 1 || n1 as usize > c1.upvals.len() {
        return Err(vm.arg_error(2, "invalid upvalue index"));
    }
    if n2 < 1 || n2 as usize > c2.upvals.len() {
        return Err(vm.arg_error(4, "invalid upvalue index"));
    }
    vm.heap().barrier(c1.header());
    c1.upvals[n1 as usize - 1].set(c2.upvals[n2 as usize - 1].get());
    Ok(0)
}

fn getmetatable(vm: &mut Vm, a: Args) -> LResult<usize> {
    let v = vm.check_any(a, 0)?;
    match vm.get_metatable(v) {
        Some(mt) => vm.ret1(Value::Table(mt)),
        None => vm.ret1(Value::Nil),
    }
}

fn setmetatable(vm: &mut Vm, a: Args) -> LResult<usize> {
    let v = vm.arg(a, 0);
    let mt = match vm.arg(a, 1) {
        Value::Nil => None,
        Value::Table(t) => Some(t),
        _ => return Err(vm.arg_type_error(a, 1, "nil or table")),
    };
    match v {
        Value::Table(t) => t.set_metatable(vm.heap(), mt),
        Value::UserData(u) => u.set_metatable(vm.heap(), mt),
        _ => vm.set_type_metatable(v.type_of(), mt),
    }
    vm.check_finalizer(v, mt);
    vm.ret1(v)
}

fn getregistry(vm: &mut Vm, _a: Args) -> LResult<usize> {
    let r = vm.registry();
    vm.ret1(Value::Table(r))
}

fn getuservalue(vm: &mut Vm, a: Args) -> LResult<usize> {
    let n = vm.opt_int(a, 1, 1)?;
    match vm.arg(a, 0) {
        Value::UserData(u) if n >= 1 && (n as usize) <= u.user_values.len() => {
            let v = u.user_values[n as usize - 1].get();
            vm.ret(&[v, Value::Bool(true)])
        }
        Value::UserData(_) => vm.ret(&[Value::Nil, Value::Bool(false)]),
        _ => vm.ret1(Value::Nil),
    }
}

fn setuservalue(vm: &mut Vm, a: Args) -> LResult<usize> {
    let u = match vm.arg(a, 0) {
        Value::UserData(u) => u,
        _ => return Err(vm.arg_type_error(a, 0, "userdata")),
    };
    let v = vm.check_any(a, 1)?;
    let n = vm.opt_int(a, 2, 1)?;
    if n >= 1 && (n as usize) <= u.user_values.len() {
        vm.heap().barrier(u.header());
        u.user_values[n as usize - 1].set(v);
        vm.ret1(Value::UserData(u))
    } else {
        vm.ret1(Value::Nil)
    }
}

/// Run `f` on the hook state of `th` (the running thread when `None`).
fn with_hook<R>(
    vm: &mut Vm,
    th: Option<Gc<Thread>>,
    f: impl FnOnce(&mut crate::vm::HookState) -> R,
) -> R {
    match th {
        Some(t) if t != vm.cur => f(t.hook_mut()),
        _ => f(&mut vm.hook),
    }
}

fn sethook(vm: &mut Vm, a: Args) -> LResult<usize> {
    let (th, i) = opt_thread(vm, a);
    let f = vm.arg(a, i);
    let mask = match vm.opt_str(a, i + 1)? {
        Some(s) => s.as_bytes().to_vec(),
        None => Vec::new(),
    };
    let count = vm.opt_int(a, i + 2, 0)?;
    let hook = if f.is_nil() || (mask.is_empty() && count == 0) {
        None
    } else {
        Some(crate::vm::Hook {
            func: f,
            call: mask.contains(&b'c'),
            ret: mask.contains(&b'r'),
            line: mask.contains(&b'l'),
            count: count.max(0) as u32,
        })
    };
    vm.hooks_used = true;
    with_hook(vm, th, |hs| {
        hs.hook = hook;
        hs.count_left = count.max(0) as u32;
    });
    vm.sync_trap();
    Ok(0)
}

fn gethook(vm: &mut Vm, a: Args) -> LResult<usize> {
    let (th, _) = opt_thread(vm, a);
    match with_hook(vm, th, |hs| hs.hook) {
        None => vm.ret1(Value::Nil),
        Some(h) => {
            let mut m = String::new();
            if h.call {
                m.push('c');
            }
            if h.ret {
                m.push('r');
            }
            if h.line {
                m.push('l');
            }
            let ms = vm.str_value(m.as_bytes());
            vm.ret(&[h.func, ms, Value::Int(h.count as i64)])
        }
    }
}

fn debug_debug(vm: &mut Vm, _a: Args) -> LResult<usize> {
    use std::io::{BufRead, Write};
    loop {
        vm.flush_out();
        eprint!("lua_debug> ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line).unwrap_or(0) == 0 || line.trim() == "cont" {
            return Ok(0);
        }
        match super::base::load_buffer(vm, line.as_bytes(), b"=(debug command)", b"t", None) {
            Ok(f) => {
                let func = vm.top();
                vm.push(f)?;
                if let Err(e) = vm.pcall_at(func, MULTRET) {
                    let s = vm
                        .tostring(e)
                        .map(|s| s.as_bytes().to_vec())
                        .unwrap_or_default();
                    eprintln!("{}", String::from_utf8_lossy(&s));
                }
                vm.set_top(func);
            }
            Err(e) => {
                let s = vm
                    .tostring(e)
                    .map(|s| s.as_bytes().to_vec())
                    .unwrap_or_default();
                eprintln!("{}", String::from_utf8_lossy(&s));
            }
        }
    }
}

/// Register the library.
pub fn open(vm: &mut Vm) {
    super::register_lib(
        vm,
        "debug",
        &[
            ("traceback", traceback),
            ("getinfo", getinfo),
            ("getlocal", getlocal),
            ("setlocal", setlocal),
            ("getupvalue", getupvalue),
            ("setupvalue", setupvalue),
            ("upvalueid", upvalueid),
            ("upvaluejoin", upvaluejoin),
            ("getmetatable", getmetatable),
            ("setmetatable", setmetatable),
            ("getregistry", getregistry),
            ("getuservalue", getuservalue),
            ("setuservalue", setuservalue),
            ("sethook", sethook),
            ("gethook", gethook),
            ("debug", debug_debug),
        ],
    );
    let _ = LuaType::Nil;
}
