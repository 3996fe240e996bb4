//! The basic library (manual §6.1).

use crate::number::{str_to_int_base, str_to_number, Number};
use crate::vm::call::NATIVE_CONT;
use crate::vm::meta::Tm;
use crate::vm::state::{Cont, MULTRET};
use crate::vm::value::LuaType;
use crate::vm::{Args, LResult, LuaError, Value, Vm};

fn print(vm: &mut Vm, a: Args) -> LResult<usize> {
    let mut line = Vec::new();
    for i in 0..a.n {
        let v = vm.arg(a, i);
        let s = vm.tostring(v)?;
        if i > 0 {
            line.push(b'\t');
        }
        line.extend_from_slice(s.as_bytes());
    }
    line.push(b'\n');
    let _ = vm.write_out(&line);
    Ok(0)
}

fn type_(vm: &mut Vm, a: Args) -> LResult<usize> {
    let v = vm.check_any(a, 0)?;
    vm.ret_str(v.type_name().as_bytes())
}

fn tostring(vm: &mut Vm, a: Args) -> LResult<usize> {
    let v = vm.check_any(a, 0)?;
    let s = vm.tostring(v)?;
    vm.ret1(Value::Str(s))
}

fn tonumber(vm: &mut Vm, a: Args) -> LResult<usize> {
    if vm.arg(a, 1).is_nil() {
        let v = vm.check_any(a, 0)?;
        let r = match v {
            Value::Int(_) | Value::Float(_) => v,
            Value::Str(s) => match str_to_number(s.as_bytes()) {
                Some(Number::Int(i)) => Value::Int(i),
                Some(Number::Float(f)) => Value::Float(f),
                None => Value::Nil,
            },
            _ => Value::Nil,
        };
        return vm.ret1(r);
    }
    let base = vm.check_int(a, 1)?;
    let s = match vm.arg(a, 0) {
        Value::Str(s) => s,
        _ => return Err(vm.arg_type_error(a, 0, "string")),
    };
    if !(2..=36).contains(&base) {
        return Err(vm.arg_error(2, "base out of range"));
    }
    let r = match str_to_int_base(s.as_bytes(), base as u32) {
        Some(i) => Value::Int(i),
        None => Value::Nil,
    };
    vm.ret1(r)
}

pub(crate) fn ipairs_aux(vm: &mut Vm, a: Args) -> LResult<usize> {
    let i = vm.check_int(a, 1)?.wrapping_add(1);
    let t = vm.arg(a, 0);
    let v = match t {
        Value::Table(tt) => {
            let v = tt.get_int(i);
            if v.is_nil() && tt.metatable().is_some() {
                vm.index(t, Value::Int(i))?
            } else {
                v
            }
        }
        _ => vm.index(t, Value::Int(i))?,
    };
    if v.is_nil() {
        vm.ret1(Value::Nil)
    } else {
        vm.ret(&[Value::Int(i), v])
    }
}

fn ipairs(vm: &mut Vm, a: Args) -> LResult<usize> {
    let t = vm.check_any(a, 0)?;
    vm.ret(&[Value::NativeFn(ipairs_aux), t, Value::Int(0)])
}

pub(crate) fn next(vm: &mut Vm, a: Args) -> LResult<usize> {
    let t = vm.check_table(a, 0)?;
    let k = vm.arg(a, 1);
    match t.next(k) {
        Ok(Some((k, v))) => vm.ret(&[k, v]),
        Ok(None) => vm.ret1(Value::Nil),
        Err(()) => Err(vm.rt_error("invalid key to 'next'")),
    }
}

fn pairs(vm: &mut Vm, a: Args) -> LResult<usize> {
    let t = vm.check_any(a, 0)?;
    if let Some(mm) = vm.get_tm(t, Tm::Pairs) {
        // `__pairs(t)` runs with `pairs` as a continuation frame, so it may
        // yield (as with lua5.4's `lua_callk`); its results are cut or padded
        // to three. It counts toward the C-stack limit.
        vm.check_cstack()?;
        vm.ensure_stack(2)?;
        let func = vm.st.top;
        vm.st.stack[func] = mm;
        vm.st.stack[func + 1] = t;
        vm.st.top = func + 2;
        let ci_idx = vm.st.frames.len() - 1;
        vm.st.frames[ci_idx].cont = Cont::Pairs;
        vm.st.nfin += 1;
        let r = vm.precall(func, 3, 0);
        if !matches!(r, Ok(true)) {
            vm.st.nfin -= 1;
            vm.st.frames[ci_idx].cont = Cont::None;
        }
        return match r? {
            true => Ok(NATIVE_CONT),
            false => Ok(3),
        };
    }
    vm.ret(&[Value::NativeFn(next), t, Value::Nil])
}

fn select(vm: &mut Vm, a: Args) -> LResult<usize> {
    let n = a.n as i64;
    if let Value::Str(s) = vm.arg(a, 0) {
        if s.as_bytes().first() == Some(&b'#') {
            return vm.ret1(Value::Int(n - 1));
        }
    }
    let i = vm.check_int(a, 0)?;
    let i = if i < 0 {
        n + i
    } else if i > n {
        n
    } else {
        i
    };
    if i < 1 {
        return Err(vm.arg_error(1, "index out of range"));
    }
    // results: args i..n-1 are already the last values below top
    let count = (n - i) as usize;
    let top = vm.top();
    debug_assert!(top == a.base + a.n);
    Ok(count)
}

fn rawget(vm: &mut Vm, a: Args) -> LResult<usize> {
    let t = vm.check_table(a, 0)?;
    let k = vm.check_any(a, 1)?;
    vm.ret1(t.get(k))
}

fn rawset(vm: &mut Vm, a: Args) -> LResult<usize> {
    let t = vm.check_table(a, 0)?;
    let k = vm.check_any(a, 1)?;
    let v = vm.check_any(a, 2)?;
    vm.raw_set(t, k, v)?;
    vm.ret1(Value::Table(t))
}

fn rawequal(vm: &mut Vm, a: Args) -> LResult<usize> {
    let x = vm.check_any(a, 0)?;
    let y = vm.check_any(a, 1)?;
    vm.ret1(Value::Bool(x.raw_eq(&y)))
}

fn rawlen(vm: &mut Vm, a: Args) -> LResult<usize> {
    match vm.arg(a, 0) {
        Value::Table(t) => vm.ret1(Value::Int(t.length() as i64)),
        Value::Str(s) => vm.ret1(Value::Int(s.len() as i64)),
        _ => Err(vm.arg_type_error(a, 0, "table or string")),
    }
}

fn getmetatable(vm: &mut Vm, a: Args) -> LResult<usize> {
    let v = vm.check_any(a, 0)?;
    match vm.get_metatable(v) {
        None => vm.ret1(Value::Nil),
        Some(mt) => {
            let protected = vm.fast_tm(mt, Tm::Metatable);
            match protected {
                Some(p) => vm.ret1(p),
                None => vm.ret1(Value::Table(mt)),
            }
        }
    }
}

fn setmetatable(vm: &mut Vm, a: Args) -> LResult<usize> {
    let t = match vm.arg(a, 0) {
        Value::Table(t) => t,
        _ => return Err(vm.arg_type_error(a, 0, "table")),
    };
    let mt = match vm.arg(a, 1) {
        Value::Nil if a.n >= 2 => None,
        Value::Table(m) => Some(m),
        _ => return Err(vm.arg_type_error(a, 1, "nil or table")),
    };
    if let Some(old) = t.metatable() {
        if vm.fast_tm(old, Tm::Metatable).is_some() {
            return Err(vm.error_l1("cannot change a protected metatable"));
        }
    }
    t.set_metatable(vm.heap(), mt);
    vm.check_finalizer(Value::Table(t), mt);
    vm.ret1(Value::Table(t))
}

fn assert(vm: &mut Vm, a: Args) -> LResult<usize> {
    let v = vm.check_any(a, 0)?;
    if v.truthy() {
        return Ok(a.n);
    }
    let m = if a.n >= 2 {
        vm.arg(a, 1)
    } else {
        vm.str_value(b"assertion failed!")
    };
    let m = match m {
        Value::Str(s) => {
            let mut b = vm.where_(1);
            b.extend_from_slice(s.as_bytes());
            vm.str_value(&b)
        }
        _ => m,
    };
    Err(vm.throw(m))
}

fn error(vm: &mut Vm, a: Args) -> LResult<usize> {
    let v = vm.arg(a, 0);
    let level = vm.opt_int(a, 1, 1)?;
    let v = match v {
        Value::Str(s) if level > 0 => {
            let mut b = vm.where_(level as usize);
            b.extend_from_slice(s.as_bytes());
            vm.str_value(&b)
        }
        _ => v,
    };
    Err(vm.throw(v))
}

fn pcall(vm: &mut Vm, a: Args) -> LResult<usize> {
    vm.check_any(a, 0)?;
    let ci_idx = vm.st.frames.len() - 1;
    let old = vm.st.errfunc.take();
    vm.st.frames[ci_idx].cont = Cont::Protected {
        old_errfunc: old.map(|s| s as u32),
        xpcall: false,
    };
    let r = protected_call(vm, a.base, ci_idx);
    if !matches!(r, Ok(NATIVE_CONT) | Err(LuaError::Yield(_))) {
        vm.st.errfunc = old;
    }
    r
}

fn xpcall(vm: &mut Vm, a: Args) -> LResult<usize> {
    if !vm.arg(a, 1).is_function() {
        return Err(vm.arg_type_error(a, 1, "function"));
    }
    let ci_idx = vm.st.frames.len() - 1;
    let old = vm.st.errfunc;
    vm.st.frames[ci_idx].cont = Cont::Protected {
        old_errfunc: old.map(|s| s as u32),
        xpcall: true,
    };
    // handler goes first, the function after it
    vm.st.stack.swap(a.base, a.base + 1);
    vm.st.errfunc = Some(a.base);
    let r = protected_call(vm, a.base + 1, ci_idx);
    if !matches!(r, Ok(NATIVE_CONT) | Err(LuaError::Yield(_))) {
        vm.st.errfunc = old;
    }
    r
}

/// Call the function at `func` for `pcall`/`xpcall` whose frame is `ci_idx`.
fn protected_call(vm: &mut Vm, func: usize, ci_idx: usize) -> LResult<usize> {
    // A protected call counts as a native call (the reference interpreter
    // recurses in C there): deep pcall nesting ends in "C stack overflow".
    // The check is `call_at`'s (`Vm::check_cstack`).
    let call = if let Err(e) = vm.check_cstack() {
        Err(e)
    } else {
        vm.st.nfin += 1;
        let r = vm.precall(func, MULTRET, 0);
        if matches!(r, Ok(false) | Err(LuaError::Error(_))) {
            vm.st.nfin -= 1;
        }
        r
    };
    match call {
        Ok(true) => Ok(NATIVE_CONT),
        Ok(false) => {
            let ci = vm.st.frames[ci_idx];
            let first = func;
            let n = vm.st.top - first;
            vm.st.stack[first - 1] = Value::Bool(true);
            let _ = ci;
            Ok(n + 1)
        }
        Err(LuaError::Error(e)) => {
            let ci = vm.st.frames[ci_idx];
            vm.st.frames.truncate(ci_idx + 1);
            vm.recount_fin();
            let level = ci.func + 1;
            vm.close_upvals(level);
            vm.st.top = vm.st.top.max(level);
            vm.st.errfunc = match ci.cont {
                Cont::Protected { xpcall: true, .. } => Some(ci.func + 1),
                _ => None,
            };
            let e = vm.close_tbc_with_error(level, e);
            if let Cont::Protected { old_errfunc, .. } = ci.cont {
                vm.st.errfunc = old_errfunc.map(|s| s as usize);
            }
            vm.st.frames[ci_idx].cont = Cont::None;
            vm.recount_fin();
            vm.st.top = ci.func + 1;
            vm.ret(&[Value::Bool(false), e])
        }
        Err(y) => Err(y),
    }
}

/// Read a whole chunk from a reader function. Errors raised by the reader are
/// caught (`Err(Ok(value))`); errors of `load` itself are `Err(Err(..))`.
fn read_chunk_fn(vm: &mut Vm, f: Value) -> Result<Vec<u8>, Result<Value, LuaError>> {
    let mut buf = Vec::new();
    loop {
        let func = vm.top();
        vm.push(f).map_err(Err)?;
        if let Err(e) = vm.pcall_at(func, 1) {
            return Err(Ok(e));
        }
        let piece = vm.slot(func);
        vm.set_top(func);
        match piece {
            Value::Nil => break,
            Value::Str(_) | Value::Int(_) | Value::Float(_) => {
                let s = vm.coerce_to_str(piece).expect("string or number");
                if s.is_empty() {
                    break;
                }
                // (a reader that never ends fills the memory, not the process)
                if buf.len() + s.len() > vm.memory_room() {
                    return Err(Ok(vm.str_value(b"not enough memory")));
                }
                buf.extend_from_slice(s.as_bytes());
            }
            _ => {
                let e = vm.str_value(b"reader function must return a string");
                return Err(Ok(e));
            }
        }
    }
    Ok(buf)
}

/// Load a chunk (text or Kiln binary) honouring `mode`; sets `env` as first upvalue.
pub fn load_buffer(
    vm: &mut Vm,
    src: &[u8],
    chunkname: &[u8],
    mode: &[u8],
    env: Option<Value>,
) -> Result<Value, Value> {
    let is_binary = src.first() == Some(&0x1b);
    let want = if is_binary { b'b' } else { b't' };
    if !mode.contains(&want) {
        let msg = format!(
            "attempt to load a {} chunk (mode is '{}')",
            if is_binary { "binary" } else { "text" },
            String::from_utf8_lossy(mode)
        );
        return Err(vm.str_value(msg.as_bytes()));
    }
    if is_binary {
        return match crate::bytecode::dump::undump(src, chunkname) {
            Ok(fp) => {
                let p = vm.load_proto(&fp);
                let g = env.unwrap_or(Value::Table(vm.globals()));
                Ok(Value::LuaFn(vm.new_main_closure(p, g)))
            }
            Err(e) => {
                let id = crate::syntax::lexer::chunk_id(chunkname);
                let msg = format!("{}: {}", String::from_utf8_lossy(&id), e);
                Err(vm.str_value(msg.as_bytes()))
            }
        };
    }
    match crate::compiler::compile_at(src, chunkname, vm.c_level()) {
        Ok(fp) => {
            let p = vm.load_proto(&fp);
            let g = env.unwrap_or(Value::Table(vm.globals()));
            Ok(Value::LuaFn(vm.new_main_closure(p, g)))
        }
        Err(e) => {
            let v = vm.str_value(&e.message);
            if !e.runtime {
                return Err(v);
            }
            // the parser raised it at level 200 (its nesting counts as
            // levels): the message handler runs from there, as in lua5.4,
            // and load catches what it ends with (its parser runs protected)
            let lift = crate::vm::MAX_CCALLS.saturating_sub(vm.c_level());
            let top = vm.top();
            let thrown = |vm: &mut Vm| -> LResult<std::convert::Infallible> {
                Err(vm.with_levels(lift, |vm| vm.throw(v)))
            };
            match vm.protected(top, thrown) {
                Err(e) => Err(e),
                Ok(never) => match never {},
            }
        }
    }
}

fn load(vm: &mut Vm, a: Args) -> LResult<usize> {
    let chunk = vm.arg(a, 0);
    let mode = match vm.opt_str(a, 2)? {
        Some(m) => m.as_bytes().to_vec(),
        None => b"bt".to_vec(),
    };
    let env = if a.n >= 4 { Some(vm.arg(a, 3)) } else { None };
    let (src, name) = match chunk {
        Value::Str(s) => {
            let name = match vm.opt_str(a, 1)? {
                Some(n) => n.as_bytes().to_vec(),
                None => s.as_bytes().to_vec(),
            };
            (s.as_bytes().to_vec(), name)
        }
        _ if chunk.is_function() => {
            let name = match vm.opt_str(a, 1)? {
                Some(n) => n.as_bytes().to_vec(),
                None => b"=(load)".to_vec(),
            };
            let func = vm.top();
            vm.push(chunk)?;
            let r = read_chunk_fn(vm, chunk);
            vm.set_top(func);
            match r {
                Ok(b) => (b, name),
                Err(Ok(e)) => return vm.ret(&[Value::Nil, e]),
                Err(Err(y)) => return Err(y),
            }
        }
        Value::Int(_) | Value::Float(_) => {
            let s = vm.check_str(a, 0)?;
            let name = match vm.opt_str(a, 1)? {
                Some(n) => n.as_bytes().to_vec(),
                None => s.as_bytes().to_vec(),
            };
            (s.as_bytes().to_vec(), name)
        }
        _ => return Err(vm.arg_type_error(a, 0, "function")),
    };
    match load_buffer(vm, &src, &name, &mode, env) {
        Ok(f) => vm.ret1(f),
        Err(e) => vm.ret(&[Value::Nil, e]),
    }
}

/// Read a file for `loadfile`/`dofile` (None = stdin), skipping a first `#` line.
pub fn read_source_file(path: Option<&[u8]>) -> Result<(Vec<u8>, Vec<u8>), String> {
    use std::io::Read;
    let (mut data, name) = match path {
        None => {
            let mut d = Vec::new();
            std::io::stdin()
                .read_to_end(&mut d)
                .map_err(|e| format!("cannot read stdin: {}", crate::errno_text(&e)))?;
            (d, b"=stdin".to_vec())
        }
        Some(p) => {
            let ps = String::from_utf8_lossy(p).into_owned();
            let d = std::fs::read(&ps).map_err(|e| {
                let verb = if e.kind() == std::io::ErrorKind::IsADirectory
                    || e.raw_os_error() == Some(21)
                {
                    "read"
                } else {
                    "open"
                };
                format!("cannot {} {}: {}", verb, ps, crate::errno_text(&e))
            })?;
            let mut n = b"@".to_vec();
            n.extend_from_slice(p);
            (d, n)
        }
    };
    if data.first() == Some(&b'#') {
        let end = data.iter().position(|&c| c == b'\n').unwrap_or(data.len());
        // keep the newline so line numbers stay right
        data.drain(..end);
    }
    Ok((data, name))
}

fn loadfile(vm: &mut Vm, a: Args) -> LResult<usize> {
    let fname = vm.opt_str(a, 0)?.map(|s| s.as_bytes().to_vec());
    let mode = match vm.opt_str(a, 1)? {
        Some(m) => m.as_bytes().to_vec(),
        None => b"bt".to_vec(),
    };
    let env = if a.n >= 3 { Some(vm.arg(a, 2)) } else { None };
    match read_source_file(fname.as_deref()) {
        Ok((src, name)) => match load_buffer(vm, &src, &name, &mode, env) {
            Ok(f) => vm.ret1(f),
            Err(e) => vm.ret(&[Value::Nil, e]),
        },
        Err(msg) => {
            let e = vm.str_value(msg.as_bytes());
            vm.ret(&[Value::Nil, e])
        }
    }
}

fn dofile(vm: &mut Vm, a: Args) -> LResult<usize> {
    let fname = vm.opt_str(a, 0)?.map(|s| s.as_bytes().to_vec());
    let f = match read_source_file(fname.as_deref()) {
        Ok((src, name)) => match load_buffer(vm, &src, &name, b"bt", None) {
            Ok(f) => f,
            Err(e) => return Err(vm.throw(e)),
        },
        Err(msg) => {
            let e = vm.str_value(msg.as_bytes());
            return Err(vm.throw(e));
        }
    };
    let func = vm.top();
    vm.push(f)?;
    vm.call_at(func, MULTRET)?;
    Ok(vm.top() - func)
}

fn collectgarbage(vm: &mut Vm, a: Args) -> LResult<usize> {
    const OPTS: [&str; 11] = [
        "stop",
        "restart",
        "collect",
        "count",
        "step",
        "setpause",
        "setstepmul",
        "isrunning",
        "generational",
        "incremental",
        "",
    ];
    let o = vm.check_option(a, 0, Some("collect"), &OPTS[..10])?;
    match OPTS[o] {
        "stop" => {
            vm.gc.running = false;
            vm.ret1(Value::Int(0))
        }
        "restart" => {
            vm.gc.running = true;
            vm.ret1(Value::Int(0))
        }
        "collect" => {
            vm.full_gc();
            vm.run_finalizers();
            vm.ret1(Value::Int(0))
        }
        "count" => {
            let k = vm.heap_bytes() as f64 / 1024.0;
            vm.ret1(Value::Float(k))
        }
        "step" => {
            vm.opt_int(a, 1, 0)?;
            vm.full_gc();
            vm.run_finalizers();
            // a step ends a cycle in incremental mode (here: always); in
            // generational mode lua5.4 never reports one as ended
            let done = !vm.gc.generational;
            vm.ret1(Value::Bool(done))
        }
        "setpause" => {
            let old = vm.gc.pause as i64;
            let p = vm.opt_int(a, 1, 0)?;
            vm.gc.pause = p.clamp(0, 100_000) as usize;
            vm.ret1(Value::Int(old))
        }
        "setstepmul" => {
            let _ = vm.opt_int(a, 1, 0)?;
            vm.ret1(Value::Int(100))
        }
        "isrunning" => {
            let r = vm.gc.running;
            vm.ret1(Value::Bool(r))
        }
        "generational" | "incremental" => {
            let old = if vm.gc.generational {
                "generational"
            } else {
                "incremental"
            };
            let (p1, p2) = (vm.opt_int(a, 1, 0)?, vm.opt_int(a, 2, 0)?);
            let gen = OPTS[o] == "generational";
            // (0 keeps the current setting, as in lua5.4)
            if gen {
                if p1 != 0 {
                    vm.gc.minor_mul = p1.clamp(1, 1000) as usize;
                }
                if p2 != 0 {
                    vm.gc.major_mul = p2.clamp(1, 10_000) as usize;
                }
            } else if p1 != 0 {
                vm.gc.pause = p1.clamp(0, 100_000) as usize;
            }
            vm.gc.generational = gen;
            vm.gc.major_due = false;
            vm.ret_str(old.as_bytes())
        }
        _ => unreachable!(),
    }
}

fn warn(vm: &mut Vm, a: Args) -> LResult<usize> {
    vm.check_str(a, 0)?;
    for i in 1..a.n {
        vm.check_str(a, i)?;
    }
    for i in 0..a.n {
        let s = vm.check_str(a, i)?;
        let b = s.as_bytes().to_vec();
        vm.warn(&b, i + 1 < a.n);
    }
    Ok(0)
}

/// Register the library.
pub fn open(vm: &mut Vm) {
    let funcs: &[(&str, crate::vm::NativeFn)] = &[
        ("print", print),
        ("type", type_),
        ("tostring", tostring),
        ("tonumber", tonumber),
        ("ipairs", ipairs),
        ("pairs", pairs),
        ("next", next),
        ("select", select),
        ("rawget", rawget),
        ("rawset", rawset),
        ("rawequal", rawequal),
        ("rawlen", rawlen),
        ("getmetatable", getmetatable),
        ("setmetatable", setmetatable),
        ("assert", assert),
        ("error", error),
        ("pcall", pcall),
        ("xpcall", xpcall),
        ("load", load),
        ("loadfile", loadfile),
        ("dofile", dofile),
        ("collectgarbage", collectgarbage),
        ("warn", warn),
    ];
    for (n, f) in funcs {
        vm.set_global(n, Value::NativeFn(*f));
    }
    let g = vm.globals();
    vm.set_global("_G", Value::Table(g));
    let ver = vm.str_value(b"Lua 5.4");
    vm.set_global("_VERSION", ver);
    super::set_loaded(vm, "_G", Value::Table(g));
    let _ = LuaType::Nil;
}
