//! The operating system library (manual §6.9).

use super::io::{c_path, exec_result, flush_all, make_temp};
use crate::vm::arith;
use crate::vm::{Args, LResult, LuaError, NativeFn, Value, Vm};
use std::ffi::CString;
use std::io;
use std::os::unix::ffi::OsStrExt;

/// Conversion specifiers accepted by `os.date` (C99 `strftime`): single
/// letters, then two-letter ones with the `E` and `O` modifiers.
const DATE_OPTS_1: &[u8] = b"aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";
const DATE_OPTS_2: [&[u8]; 19] = [
    b"Ec", b"EC", b"Ex", b"EX", b"Ey", b"EY", b"Od", b"Oe", b"OH", b"OI", b"Om", b"OM", b"OS",
    b"Ou", b"OU", b"OV", b"Ow", b"OW", b"Oy",
];
/// Room for the result of one conversion.
const SIZE_TIME_FMT: usize = 250;

/// A C string from Lua bytes (stopping at a NUL, as C would).
fn cstr(b: &[u8]) -> CString {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    CString::new(&b[..end]).expect("no NUL")
}

/// `luaL_fileresult` for a libc call returning 0 on success.
fn file_result(vm: &mut Vm, ok: bool, fname: Option<&[u8]>) -> LResult<usize> {
    if ok {
        return vm.ret1(Value::Bool(true));
    }
    let e = io::Error::last_os_error();
    let mut msg = Vec::new();
    if let Some(n) = fname {
        msg.extend_from_slice(n);
        msg.extend_from_slice(b": ");
    }
    msg.extend_from_slice(crate::errno_text(&e).as_bytes());
    let m = vm.str_value(&msg);
    let code = e.raw_os_error().unwrap_or(0) as i64;
    vm.ret(&[Value::Nil, m, Value::Int(code)])
}

fn os_clock(vm: &mut Vm, _a: Args) -> LResult<usize> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    // clock() counts microseconds (the casts matter where time_t is 32-bit)
    #[allow(clippy::unnecessary_cast)]
    let ticks = ts.tv_sec as i64 * 1_000_000 + ts.tv_nsec as i64 / 1000;
    vm.ret1(Value::Float(ticks as f64 / 1e6))
}

/// The current time in seconds.
fn now() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs_f64().ceil() as i64),
    }
}

/// Broken-down time of `t`, in UTC or local time.
fn break_time(t: i64, utc: bool) -> Option<libc::tm> {
    // SAFETY: an all-zero `tm` is a valid value (integers and a null pointer).
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let tt = t as libc::time_t;
    // SAFETY: both pointers refer to valid local values; the reentrant
    // functions only write into `tm`.
    let r = unsafe {
        if utc {
            libc::gmtime_r(&tt, &mut tm)
        } else {
            libc::localtime_r(&tt, &mut tm)
        }
    };
    if r.is_null() {
        None
    } else {
        Some(tm)
    }
}

/// Store the fields of `tm` into table `t` (through metamethods when `meta`).
fn set_all_fields(vm: &mut Vm, t: Value, tm: &libc::tm) -> LResult<()> {
    let fields: [(&str, i64); 8] = [
        ("year", tm.tm_year as i64 + 1900),
        ("month", tm.tm_mon as i64 + 1),
        ("day", tm.tm_mday as i64),
        ("hour", tm.tm_hour as i64),
        ("min", tm.tm_min as i64),
        ("sec", tm.tm_sec as i64),
        ("yday", tm.tm_yday as i64 + 1),
        ("wday", tm.tm_wday as i64 + 1),
    ];
    for (k, v) in fields {
        let key = vm.str_value(k.as_bytes());
        vm.set_index(t, key, Value::Int(v))?;
    }
    if tm.tm_isdst >= 0 {
        let key = vm.str_value(b"isdst");
        vm.set_index(t, key, Value::Bool(tm.tm_isdst != 0))?;
    }
    Ok(())
}

fn os_date(vm: &mut Vm, a: Args) -> LResult<usize> {
    let fmt = match vm.opt_str(a, 0)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"%c".to_vec(),
    };
    let t = if vm.arg(a, 1).is_nil() {
        now()
    } else {
        vm.check_int(a, 1)?
    };
    let (utc, s) = match fmt.strip_prefix(b"!") {
        Some(rest) => (true, rest),
        None => (false, &fmt[..]),
    };
    let Some(tm) = break_time(t, utc) else {
        return Err(vm.error_l1("date result cannot be represented in this installation"));
    };
    let cs = s.split(|&c| c == 0).next().unwrap_or(b"");
    if cs == b"*t" {
        let tab = vm.new_table_sized(0, 9);
        let tv = Value::Table(tab);
        vm.push(tv)?;
        set_all_fields(vm, tv, &tm)?;
        return Ok(1);
    }
    let mut out = Vec::with_capacity(s.len() * 2);
    let mut i = 0;
    let mut buf = [0u8; SIZE_TIME_FMT];
    while i < s.len() {
        if s[i] != b'%' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        i += 1;
        let rest = &s[i..];
        let spec: &[u8] = if rest.first().is_some_and(|c| DATE_OPTS_1.contains(c)) {
            &rest[..1]
        } else if let Some(o) = DATE_OPTS_2.iter().find(|o| rest.starts_with(o)) {
            o
        } else {
            let conv = rest.split(|&c| c == 0).next().unwrap_or(b"");
            let msg = format!(
                "invalid conversion specifier '%{}'",
                String::from_utf8_lossy(conv)
            );
            return Err(vm.arg_error(1, msg));
        };
        i += spec.len();
        let mut cc = [0u8; 4];
        cc[0] = b'%';
        cc[1..1 + spec.len()].copy_from_slice(spec);
        // SAFETY: `buf` has SIZE_TIME_FMT writable bytes, `cc` is a
        // NUL-terminated format and `tm` a valid broken-down time.
        let n = unsafe {
            libc::strftime(
                buf.as_mut_ptr() as *mut libc::c_char,
                SIZE_TIME_FMT,
                cc.as_ptr() as *const libc::c_char,
                &tm,
            )
        };
        out.extend_from_slice(&buf[..n]);
    }
    vm.ret_str(&out)
}

/// A date field for `os.time` (`getfield` of the reference implementation).
fn get_field(vm: &mut Vm, t: Value, key: &str, d: i64, delta: i64) -> LResult<i32> {
    let k = vm.str_value(key.as_bytes());
    let v = vm.index(t, k)?;
    let Some(r) = arith::to_integer(v) else {
        if !v.is_nil() {
            return Err(vm.error_l1(format!("field '{key}' is not an integer")));
        }
        if d < 0 {
            return Err(vm.error_l1(format!("field '{key}' missing in date table")));
        }
        return Ok(d as i32);
    };
    let fits = if r >= 0 {
        r - delta <= i32::MAX as i64
    } else {
        i32::MIN as i64 + delta <= r
    };
    if !fits {
        return Err(vm.error_l1(format!("field '{key}' is out-of-bound")));
    }
    Ok((r - delta) as i32)
}

fn os_time(vm: &mut Vm, a: Args) -> LResult<usize> {
    let t = if vm.arg(a, 0).is_nil() {
        now()
    } else {
        let tab = vm.check_table(a, 0)?;
        let tv = Value::Table(tab);
        // SAFETY: an all-zero `tm` is a valid value.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        tm.tm_year = get_field(vm, tv, "year", -1, 1900)?;
        tm.tm_mon = get_field(vm, tv, "month", -1, 1)?;
        tm.tm_mday = get_field(vm, tv, "day", -1, 0)?;
        tm.tm_hour = get_field(vm, tv, "hour", 12, 0)?;
        tm.tm_min = get_field(vm, tv, "min", 0, 0)?;
        tm.tm_sec = get_field(vm, tv, "sec", 0, 0)?;
        let k = vm.str_value(b"isdst");
        let dst = vm.index(tv, k)?;
        tm.tm_isdst = if dst.is_nil() {
            -1
        } else {
            dst.truthy() as i32
        };
        // SAFETY: `tm` is a valid broken-down time that mktime normalizes.
        let r = unsafe { libc::mktime(&mut tm) };
        set_all_fields(vm, tv, &tm)?;
        r as i64
    };
    if t == -1 {
        return Err(vm.error_l1("time result cannot be represented in this installation"));
    }
    vm.ret1(Value::Int(t))
}

fn os_difftime(vm: &mut Vm, a: Args) -> LResult<usize> {
    let t1 = vm.check_int(a, 0)?;
    let t2 = vm.check_int(a, 1)?;
    vm.ret1(Value::Float((t1 as i128 - t2 as i128) as f64))
}

fn os_getenv(vm: &mut Vm, a: Args) -> LResult<usize> {
    let name = vm.check_str(a, 0)?;
    let key = c_path(name.as_bytes());
    if key.is_empty() || key.as_bytes().contains(&b'=') {
        return vm.ret1(Value::Nil);
    }
    match std::env::var_os(key) {
        Some(v) => vm.ret_str(v.as_os_str().as_bytes()),
        None => vm.ret1(Value::Nil),
    }
}

fn os_remove(vm: &mut Vm, a: Args) -> LResult<usize> {
    let name = vm.check_str(a, 0)?;
    let c = cstr(name.as_bytes());
    // SAFETY: `c` is a valid NUL-terminated path.
    let ok = unsafe { libc::remove(c.as_ptr()) } == 0;
    file_result(vm, ok, Some(name.as_bytes()))
}

fn os_rename(vm: &mut Vm, a: Args) -> LResult<usize> {
    let from = vm.check_str(a, 0)?;
    let to = vm.check_str(a, 1)?;
    let cf = cstr(from.as_bytes());
    let ct = cstr(to.as_bytes());
    // SAFETY: both are valid NUL-terminated paths.
    let ok = unsafe { libc::rename(cf.as_ptr(), ct.as_ptr()) } == 0;
    file_result(vm, ok, None)
}

fn os_tmpname(vm: &mut Vm, _a: Args) -> LResult<usize> {
    match make_temp(false) {
        Ok((file, name)) => {
            drop(file);
            vm.ret_str(&name)
        }
        Err(_) => Err(vm.error_l1("unable to generate a unique filename")),
    }
}

fn os_setlocale(vm: &mut Vm, a: Args) -> LResult<usize> {
    let l = vm.opt_str(a, 0)?.map(|s| s.as_bytes().to_vec());
    vm.check_option(
        a,
        1,
        Some("all"),
        &["all", "collate", "ctype", "monetary", "numeric", "time"],
    )?;
    // Kiln always runs in the "C" locale.
    match l.as_deref() {
        None | Some(b"C") | Some(b"POSIX") | Some(b"") => vm.ret_str(b"C"),
        Some(_) => vm.ret1(Value::Nil),
    }
}

fn os_execute(vm: &mut Vm, a: Args) -> LResult<usize> {
    use std::os::unix::process::ExitStatusExt;
    let Some(cmd) = vm.opt_str(a, 0)? else {
        let shell = std::path::Path::new("/bin/sh").exists();
        return vm.ret1(Value::Bool(shell));
    };
    vm.flush_out();
    let spawned = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(c_path(cmd.as_bytes()))
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => {
            let m = vm.str_value(crate::errno_text(&e).as_bytes());
            let code = e.raw_os_error().unwrap_or(0) as i64;
            return vm.ret(&[Value::Nil, m, Value::Int(code)]);
        }
    };
    // Like system(): the caller ignores interrupts while the command runs.
    // SAFETY: installing SIG_IGN has no memory effects; the previous
    // handlers are restored below.
    let (old_int, old_quit) = unsafe {
        (
            libc::signal(libc::SIGINT, libc::SIG_IGN),
            libc::signal(libc::SIGQUIT, libc::SIG_IGN),
        )
    };
    let r = child.wait();
    // SAFETY: restores the handlers saved above.
    unsafe {
        libc::signal(libc::SIGINT, old_int);
        libc::signal(libc::SIGQUIT, old_quit);
    }
    match r {
        Ok(st) => exec_result(vm, st.into_raw()),
        Err(e) => {
            let m = vm.str_value(crate::errno_text(&e).as_bytes());
            let code = e.raw_os_error().unwrap_or(0) as i64;
            vm.ret(&[Value::Nil, m, Value::Int(code)])
        }
    }
}

fn os_exit(vm: &mut Vm, a: Args) -> LResult<usize> {
    let status = match vm.arg(a, 0) {
        Value::Bool(b) => {
            if b {
                0
            } else {
                1
            }
        }
        _ => vm.opt_int(a, 0, 0)? as i32,
    };
    if vm.arg(a, 1).truthy() {
        // Closing the state first closes the pending to-be-closed variables
        // of the main thread (an error in one is passed on to the others).
        if vm.is_main_thread() {
            let top = vm.top();
            if let Err(LuaError::Error(e)) = vm.close_tbc(0) {
                vm.set_top(top);
                vm.close_tbc_with_error(0, e);
            }
            vm.set_top(top);
        }
        vm.close_state();
    }
    flush_all(vm);
    vm.flush_out();
    std::process::exit(status)
}

/// Register the library.
pub fn open(vm: &mut Vm) {
    let funcs: &[(&str, NativeFn)] = &[
        ("clock", os_clock),
        ("date", os_date),
        ("difftime", os_difftime),
        ("execute", os_execute),
        ("exit", os_exit),
        ("getenv", os_getenv),
        ("remove", os_remove),
        ("rename", os_rename),
        ("setlocale", os_setlocale),
        ("time", os_time),
        ("tmpname", os_tmpname),
    ];
    super::register_lib(vm, "os", funcs);
}
