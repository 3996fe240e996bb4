//! `kiln`: a command line compatible with `lua5.4`.
#![deny(clippy::undocumented_unsafe_blocks)]

mod repl;

use kiln::vm::state::MULTRET;
use kiln::vm::{Args, LResult, Value, Vm};
use std::io::Write;

const PROGNAME: &str = "kiln";

fn usage(badopt: &str) {
    let mut e = std::io::stderr().lock();
    if badopt.starts_with("-e") || badopt.starts_with("-l") || badopt.starts_with("-j") {
        let _ = writeln!(e, "{PROGNAME}: '{badopt}' needs argument");
    } else {
        let _ = writeln!(e, "{PROGNAME}: unrecognized option '{badopt}'");
    }
    let _ = write!(
        e,
        "usage: {PROGNAME} [options] [script [args]]\n\
Available options are:\n\
\x20 -e stat   execute string 'stat'\n\
\x20 -i        enter interactive mode after executing 'script'\n\
\x20 -l mod    require library 'mod' into global 'mod'\n\
\x20 -l g=mod  require library 'mod' into global 'g'\n\
\x20 -v        show version information\n\
\x20 -E        ignore environment variables\n\
\x20 -W        turn warnings on\n\
\x20 --        stop handling options\n\
\x20 -         stop handling options and execute stdin\n"
    );
}

/// Print an error message in the REPL (lua.c drops the program name there).
pub(crate) fn repl_message(msg: &str) {
    let mut e = std::io::stderr().lock();
    let _ = writeln!(e, "{msg}");
    let _ = e.flush();
}

/// Set while the REPL runs: messages then carry no program name (as lua.c).
pub(crate) static IN_REPL: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Print an error message the way lua.c does.
pub(crate) fn l_message(msg: &str) {
    if IN_REPL.load(std::sync::atomic::Ordering::Relaxed) {
        return repl_message(msg);
    }
    let mut e = std::io::stderr().lock();
    let _ = writeln!(e, "{PROGNAME}: {msg}");
    let _ = e.flush();
}

fn print_version() {
    println!(
        "Kiln {} (Lua 5.4)  Copyright (C) 2026 the Kiln authors",
        env!("CARGO_PKG_VERSION")
    );
}

/// The message handler of lua.c: add a traceback to the error message.
fn msghandler(vm: &mut Vm, a: Args) -> LResult<usize> {
    let v = vm.arg(a, 0);
    let msg: Vec<u8> = match v {
        Value::Str(s) => s.as_bytes().to_vec(),
        Value::Int(_) | Value::Float(_) => vm.coerce_to_str(v).expect("number").as_bytes().to_vec(),
        _ => {
            if let Some(tm) = vm.get_tm(v, kiln::vm::meta::Tm::Tostring) {
                let r = vm.call_value1(tm, &[v])?;
                if let Value::Str(_) = r {
                    return vm.ret1(r);
                }
            }
            format!("(error object is a {} value)", v.type_name()).into_bytes()
        }
    };
    let tb = vm.traceback(Some(&msg), 1);
    vm.ret_str(&tb)
}

/// A native entry frame (like lua.c's `pmain`): calls its first argument.
fn c_entry(vm: &mut Vm, a: Args) -> LResult<usize> {
    vm.call_at(a.base, MULTRET)?;
    Ok(vm.top() - a.base)
}

/// Call `f(args)` with the traceback handler; report errors. Returns success.
pub(crate) fn docall(
    vm: &mut Vm,
    f: Value,
    args: &[Value],
    nresults: i32,
) -> Result<Vec<Value>, ()> {
    let func = vm.top();
    let ok = vm.push(Value::NativeFn(c_entry)).is_ok()
        && vm.push(f).is_ok()
        && args.iter().all(|a| vm.push(*a).is_ok());
    if !ok {
        l_message("stack overflow");
        return Err(());
    }
    let _ = nresults;
    let r = vm.pcall_with_handler(func, MULTRET, Value::NativeFn(msghandler));
    vm.flush_out();
    match r {
        Ok(()) => {
            let vals = (func..vm.top()).map(|i| vm.slot(i)).collect();
            vm.set_top(func);
            Ok(vals)
        }
        Err(e) => {
            let msg = match e {
                Value::Str(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
                _ => format!("(error object is a {} value)", e.type_name()),
            };
            l_message(&msg);
            vm.set_top(func);
            Err(())
        }
    }
}

fn dochunk(vm: &mut Vm, src: &[u8], name: &[u8]) -> bool {
    match vm.with_native_level(|vm| kiln::stdlib::base::load_buffer(vm, src, name, b"bt", None)) {
        Ok(f) => docall(vm, f, &[], 0).is_ok(),
        Err(e) => {
            report_value(e);
            false
        }
    }
}

fn report_value(e: Value) {
    match e {
        Value::Str(s) => l_message(&String::from_utf8_lossy(s.as_bytes())),
        _ => l_message(&format!("(error object is a {} value)", e.type_name())),
    }
}

fn dolibrary(vm: &mut Vm, spec: &str) -> bool {
    let (global, module) = match spec.find('=') {
        Some(i) => (&spec[..i], &spec[i + 1..]),
        None => (spec, spec),
    };
    let req = vm.get_global("require");
    let m = vm.str_value(module.as_bytes());
    match docall(vm, req, &[m], 1) {
        Ok(vals) => {
            let v = vals.first().copied().unwrap_or(Value::Nil);
            vm.set_global(global, v);
            true
        }
        Err(()) => false,
    }
}

fn list_file(path: &str) -> i32 {
    let data = match std::fs::read(path) {
        Ok(d) => d,
        Err(e) => {
            l_message(&format!("cannot open {}: {}", path, kiln::errno_text(&e)));
            return 1;
        }
    };
    let name = format!("@{path}");
    match kiln::compiler::compile(&data, name.as_bytes()) {
        Ok(p) => {
            let mut out = String::new();
            kiln::bytecode::listing::listing(&p, &mut out);
            print!("{out}");
            0
        }
        Err(e) => {
            l_message(&String::from_utf8_lossy(&e.message));
            1
        }
    }
}

fn real_main() -> i32 {
    let argv: Vec<String> = std::env::args().collect();
    let mut script: Option<usize> = None;
    let mut has_e = false;
    let mut has_v = false;
    let mut has_i = false;
    let mut ignore_env = false;
    let mut actions: Vec<(char, String)> = Vec::new();
    let mut jit = kiln::jit::JitOptions::default();
    if let Ok(s) = std::env::var("KILN_JIT") {
        if let Err(e) = jit.apply(&s) {
            l_message(&format!("KILN_JIT: {e}"));
            return 1;
        }
    }
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if !a.starts_with('-') {
            script = Some(i);
            break;
        }
        match a.as_str() {
            "--" => {
                if i + 1 < argv.len() {
                    script = Some(i + 1);
                }
                break;
            }
            "-" => {
                script = Some(i);
                break;
            }
            "-E" => ignore_env = true,
            "-W" => actions.push(('W', String::new())),
            "-i" => {
                has_i = true;
                has_v = true;
            }
            "-v" => has_v = true,
            "--list" => {
                if i + 1 < argv.len() {
                    return list_file(&argv[i + 1]);
                }
                usage(a);
                return 1;
            }
            _ => {
                let opt = a.as_bytes()[1] as char;
                match opt {
                    'e' | 'l' | 'j' => {
                        let val = if a.len() > 2 {
                            a[2..].to_string()
                        } else {
                            i += 1;
                            if i >= argv.len() || argv[i].starts_with('-') && opt != 'j' {
                                usage(a);
                                return 1;
                            }
                            argv[i].clone()
                        };
                        if opt == 'e' {
                            has_e = true;
                        }
                        if opt == 'j' {
                            if let Err(e) = jit.apply(&val) {
                                l_message(&e);
                                return 1;
                            }
                        } else {
                            actions.push((opt, val));
                        }
                    }
                    _ => {
                        usage(a);
                        return 1;
                    }
                }
            }
        }
        i += 1;
    }
    if has_v {
        print_version();
    }
    let mut vm = Vm::new();
    vm.set_jit(jit);
    kiln::stdlib::open_all(&mut vm);
    // the `arg` table
    let sidx = script.unwrap_or(0);
    let argt = vm.new_table();
    for (j, a) in argv.iter().enumerate() {
        let v = vm.str_value(a.as_bytes());
        argt.set_int(vm.heap(), j as i64 - sidx as i64, v);
    }
    vm.set_global("arg", Value::Table(argt));
    if ignore_env {
        kiln::stdlib::package::reset_paths_to_default(&mut vm);
    }
    if !ignore_env {
        let init = std::env::var_os("LUA_INIT_5_4").or_else(|| std::env::var_os("LUA_INIT"));
        let name = if std::env::var_os("LUA_INIT_5_4").is_some() {
            "=LUA_INIT_5_4"
        } else {
            "=LUA_INIT"
        };
        if let Some(init) = init {
            use std::os::unix::ffi::OsStrExt;
            let b = init.as_bytes().to_vec();
            let ok = if b.first() == Some(&b'@') {
                let path = String::from_utf8_lossy(&b[1..]).into_owned();
                match kiln::stdlib::base::read_source_file(Some(path.as_bytes())) {
                    Ok((src, n)) => dochunk(&mut vm, &src, &n),
                    Err(m) => {
                        l_message(&m);
                        false
                    }
                }
            } else {
                dochunk(&mut vm, &b, name.as_bytes())
            };
            if !ok {
                return finish(vm, 1);
            }
        }
    }
    for (opt, val) in &actions {
        let ok = match opt {
            'e' => dochunk(&mut vm, val.as_bytes(), b"=(command line)"),
            'l' => dolibrary(&mut vm, val),
            'W' => {
                vm.warn(b"@on", false);
                true
            }
            _ => true,
        };
        if !ok {
            return finish(vm, 1);
        }
    }
    if let Some(s) = script {
        let path = &argv[s];
        let file = if path == "-" && (s == 0 || argv[s - 1] != "--") {
            None
        } else {
            Some(path.as_bytes())
        };
        let args: Vec<Value> = argv[s + 1..]
            .iter()
            .map(|a| vm.str_value(a.as_bytes()))
            .collect();
        let f = match kiln::stdlib::base::read_source_file(file) {
            Ok((src, name)) => vm.with_native_level(|vm| {
                kiln::stdlib::base::load_buffer(vm, &src, &name, b"bt", None)
            }),
            Err(m) => Err(vm.str_value(m.as_bytes())),
        };
        match f {
            Ok(f) => {
                if docall(&mut vm, f, &args, 0).is_err() {
                    return finish(vm, 1);
                }
            }
            Err(e) => {
                report_value(e);
                return finish(vm, 1);
            }
        }
    }
    if has_i {
        repl::run(&mut vm);
    } else if script.is_none() && !has_e && !has_v {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() {
            print_version();
            repl::run(&mut vm);
        } else if !dochunk_stdin(&mut vm) {
            return finish(vm, 1);
        }
    }
    finish(vm, 0)
}

fn dochunk_stdin(vm: &mut Vm) -> bool {
    match kiln::stdlib::base::read_source_file(None) {
        Ok((src, name)) => dochunk(vm, &src, &name),
        Err(m) => {
            l_message(&m);
            false
        }
    }
}

fn finish(mut vm: Vm, code: i32) -> i32 {
    vm.close_state();
    vm.flush_out();
    if vm.jit_options().stats {
        eprint!("{}", vm.jit_report());
    }
    code
}

fn main() {
    // Run on a thread with a large stack: parsing and native recursion are
    // bounded, but generously.
    let child = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(real_main)
        .expect("spawn main thread");
    let code = child.join().unwrap_or(1);
    std::process::exit(code);
}
