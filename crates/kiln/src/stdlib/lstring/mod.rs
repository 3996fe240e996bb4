//! The `string` library (reference manual §6.4) and the string metatable.
//!
//! The VM-independent pieces live in the submodules: [`pattern`] (Lua
//! patterns: find/match/gmatch/gsub), [`format`] (`string.format`
//! conversions) and [`pack`] (`string.pack` formats and encodings).  This
//! module is the glue between them and the VM: argument checking with
//! lua5.4's messages, index normalisation, calls into Lua for `gsub`
//! replacement functions/tables and the arithmetic metamethods that coerce
//! strings to numbers.
//!
//! GC note: every `Gc` reference held across a call into Lua (gsub
//! replacement functions, `__index` of replacement tables, `__tostring` in
//! `format`, metamethods in the arithmetic fallbacks) is an argument of the
//! running native function and therefore reachable from the Lua stack.

pub mod format;
pub mod pack;
pub mod pattern;

use self::pack::{Kind, PackError, Parser};
use self::pattern::{CaptureValue, GMatch, GsubError, Match, PatternError, Replacement};
use crate::number::{str_to_number, Number};
use crate::vm::arith::ArOp;
use crate::vm::state::MAX_STACK;
use crate::vm::value::LuaType;
use crate::vm::{Args, LResult, LuaError, Value, Vm};

/// Largest string `rep` (and friends) may build: lua5.4's `MAXSIZE`
/// (`INT_MAX` on 64-bit platforms).
const MAX_SIZE: usize = i32::MAX as usize;

// ----- index normalisation ----------------------------------------------------

/// A 1-based start position: negative counts from the end, 0 and positions
/// before the start clamp to 1 (lua5.4's `posrelatI`).  May exceed `len`.
fn start_pos(pos: i64, len: usize) -> usize {
    if pos > 0 {
        pos as usize
    } else if pos == 0 || pos < -(len as i64) {
        1
    } else {
        (len as i64 + pos + 1) as usize
    }
}

/// A 1-based end position clamped to `[0, len]` (lua5.4's `getendpos`).
fn end_pos(pos: i64, len: usize) -> usize {
    if pos > len as i64 {
        len
    } else if pos >= 0 {
        pos as usize
    } else if pos < -(len as i64) {
        0
    } else {
        (len as i64 + pos + 1) as usize
    }
}

/// Raise a pattern error (a plain error with the caller's position).
#[cold]
fn pattern_error(vm: &mut Vm, e: PatternError) -> LuaError {
    match e.arg_error() {
        Some(n) => vm.arg_error(n, e.message()),
        None => vm.error_l1(e.message()),
    }
}

// ----- basic functions ----------------------------------------------------------

fn len(vm: &mut Vm, a: Args) -> LResult<usize> {
    let s = vm.check_str(a, 0)?;
    vm.ret1(Value::Int(s.len() as i64))
}

fn sub(vm: &mut Vm, a: Args) -> LResult<usize> {
    let s = vm.check_str(a, 0)?;
    let l = s.len();
    let i = start_pos(vm.check_int(a, 1)?, l);
    let j = end_pos(vm.opt_int(a, 2, -1)?, l);
    if i > j {
        vm.ret_str(b"")
    } else if i == 1 && j == l {
        vm.ret1(Value::Str(s))
    } else {
        vm.ret_str(&s.as_bytes()[i - 1..j])
    }
}

fn reverse(vm: &mut Vm, a: Args) -> LResult<usize> {
    let s = vm.check_str(a, 0)?;
    let mut b = s.as_bytes().to_vec();
    b.reverse();
    vm.ret_str(&b)
}

fn lower(vm: &mut Vm, a: Args) -> LResult<usize> {
    let s = vm.check_str(a, 0)?;
    let b = s.as_bytes().to_ascii_lowercase();
    vm.ret_str(&b)
}

fn upper(vm: &mut Vm, a: Args) -> LResult<usize> {
    let s = vm.check_str(a, 0)?;
    let b = s.as_bytes().to_ascii_uppercase();
    vm.ret_str(&b)
}

fn rep(vm: &mut Vm, a: Args) -> LResult<usize> {
    let s = vm.check_str(a, 0)?;
    let n = vm.check_int(a, 1)?;
    let sep = vm.opt_str(a, 2)?;
    let sep_bytes: &[u8] = match &sep {
        Some(x) => x.as_bytes(),
        None => b"",
    };
    if n <= 0 {
        return vm.ret_str(b"");
    }
    let (l, lsep) = (s.len(), sep_bytes.len());
    let unit = l + lsep;
    if unit as u64 > MAX_SIZE as u64 / n as u64 {
        return Err(vm.error_l1("resulting string too large"));
    }
    let n = n as usize;
    if unit == 0 {
        return vm.ret_str(b"");
    }
    let total = unit * n - lsep;
    // the buffer and the string made from it exist together for a moment
    if !vm.reserve_bytes(total.saturating_mul(2)) {
        vm.check_oom()?;
    }
    let mut out = Vec::with_capacity(total);
    for k in 0..n {
        out.extend_from_slice(s.as_bytes());
        if k + 1 < n {
            out.extend_from_slice(sep_bytes);
        }
    }
    vm.ret_str(&out)
}

fn byte(vm: &mut Vm, a: Args) -> LResult<usize> {
    let s = vm.check_str(a, 0)?;
    let l = s.len();
    let pi = vm.opt_int(a, 1, 1)?;
    let pose = end_pos(vm.opt_int(a, 2, pi)?, l);
    let posi = start_pos(pi, l);
    if posi > pose {
        return Ok(0);
    }
    let n = pose - posi + 1;
    if n >= MAX_SIZE {
        return Err(vm.error_l1("string slice too long"));
    }
    if vm.top() + n > MAX_STACK {
        return Err(vm.error_l1("stack overflow (string slice too long)"));
    }
    vm.ensure_stack(n)?;
    for &b in &s.as_bytes()[posi - 1..pose] {
        vm.push(Value::Int(b as i64))?;
    }
    Ok(n)
}

fn char(vm: &mut Vm, a: Args) -> LResult<usize> {
    let mut out = Vec::with_capacity(a.n);
    for i in 0..a.n {
        let c = vm.check_int(a, i)?;
        if c as u64 > 255 {
            return Err(vm.arg_error(i + 1, "value out of range"));
        }
        out.push(c as u8);
    }
    vm.ret_str(&out)
}

/// `string.dump`: Lua functions are serialized in Kiln's own binary format
/// (see `bytecode::dump`); only Kiln loads it back.
fn dump(vm: &mut Vm, a: Args) -> LResult<usize> {
    let f = vm.arg(a, 0);
    if !f.is_function() {
        return Err(vm.arg_type_error(a, 0, "function"));
    }
    let strip = vm.opt_bool(a, 1, false);
    match f {
        Value::LuaFn(cl) => {
            let fp = Vm::proto_to_fnproto(&cl.proto);
            let bytes = crate::bytecode::dump::dump(&fp, strip);
            vm.ret_str(&bytes)
        }
        _ => Err(vm.error_l1("unable to dump given function")),
    }
}

// ----- find / match / gmatch / gsub -----------------------------------------------

/// Pushes capture `i` of `m` (see [`pattern::capture_value`]).
fn push_capture(vm: &mut Vm, subject: &[u8], m: &Match, i: usize) -> LResult<()> {
    let v = match pattern::capture_value(subject, m, i) {
        Ok(CaptureValue::Str(b)) => vm.str_value(b),
        Ok(CaptureValue::Position(p)) => Value::Int(p as i64),
        Err(e) => return Err(pattern_error(vm, e)),
    };
    vm.push(v)
}

/// Pushes the `n` captures of `m`, returning `n`.
fn push_captures(vm: &mut Vm, subject: &[u8], m: &Match, n: usize) -> LResult<usize> {
    vm.ensure_stack(n)?;
    for i in 0..n {
        push_capture(vm, subject, m, i)?;
    }
    Ok(n)
}

fn find_aux(vm: &mut Vm, a: Args, find: bool) -> LResult<usize> {
    let s = vm.check_str(a, 0)?;
    let p = vm.check_str(a, 1)?;
    let l = s.len();
    let init = start_pos(vm.opt_int(a, 2, 1)?, l) - 1;
    if init > l {
        return vm.ret1(Value::Nil);
    }
    let (subject, pat) = (s.as_bytes(), p.as_bytes());
    if find && (vm.arg(a, 3).truthy() || pattern::is_plain(pat)) {
        return match pattern::find_plain(subject, pat, init) {
            Some(k) => vm.ret(&[Value::Int(k as i64 + 1), Value::Int((k + pat.len()) as i64)]),
            None => vm.ret1(Value::Nil),
        };
    }
    match pattern::find(subject, pat, init) {
        Err(e) => Err(pattern_error(vm, e)),
        Ok(None) => vm.ret1(Value::Nil),
        Ok(Some(m)) => {
            if find {
                vm.ensure_stack(2)?;
                vm.push(Value::Int(m.start as i64 + 1))?;
                vm.push(Value::Int(m.end as i64))?;
                let n = push_captures(vm, subject, &m, m.captures.len())?;
                Ok(n + 2)
            } else {
                push_captures(vm, subject, &m, pattern::capture_count(&m))
            }
        }
    }
}

fn find(vm: &mut Vm, a: Args) -> LResult<usize> {
    find_aux(vm, a, true)
}

fn match_(vm: &mut Vm, a: Args) -> LResult<usize> {
    find_aux(vm, a, false)
}

/// The iterator returned by `gmatch`; upvalues: subject, pattern, and a
/// userdata holding the [`GMatch`] state.
fn gmatch_aux(vm: &mut Vm, _a: Args) -> LResult<usize> {
    let (Value::Str(s), Value::Str(p), Value::UserData(u)) =
        (vm.native_upval(0), vm.native_upval(1), vm.native_upval(2))
    else {
        return Err(vm.error_l1("bad gmatch state"));
    };
    let subject = s.as_bytes();
    let r = {
        let mut data = u.data.borrow_mut();
        match data.downcast_mut::<GMatch>() {
            Some(st) => st.next(subject, p.as_bytes()),
            None => Ok(None),
        }
    };
    match r {
        Err(e) => Err(pattern_error(vm, e)),
        Ok(None) => Ok(0),
        Ok(Some(m)) => push_captures(vm, subject, &m, pattern::capture_count(&m)),
    }
}

fn gmatch(vm: &mut Vm, a: Args) -> LResult<usize> {
    let s = vm.check_str(a, 0)?;
    let p = vm.check_str(a, 1)?;
    let l = s.len();
    let mut init = start_pos(vm.opt_int(a, 2, 1)?, l) - 1;
    if init > l {
        init = l + 1;
    }
    let state = vm.new_userdata(Box::new(GMatch::new(l, init)), 0);
    let c = vm.new_native_closure(
        gmatch_aux,
        vec![Value::Str(s), Value::Str(p), Value::UserData(state)],
    );
    vm.ret1(Value::NativeClosure(c))
}

/// Applies the value a replacement function/table produced: `false`/`nil`
/// keep the match; strings and numbers are appended to `out`.
fn repl_value(vm: &mut Vm, v: Value, out: &mut Vec<u8>) -> LResult<Replacement<'static>> {
    match v {
        Value::Nil | Value::Bool(false) => Ok(Replacement::Keep),
        Value::Str(s) => {
            out.extend_from_slice(s.as_bytes());
            Ok(Replacement::Appended)
        }
        Value::Int(_) | Value::Float(_) => {
            crate::vm::conv::push_number(v, out);
            Ok(Replacement::Appended)
        }
        _ => Err(vm.error_l1(format!("invalid replacement value (a {})", v.type_name()))),
    }
}

/// A capture as a Lua value (for replacement functions and tables).
fn capture_to_value(
    vm: &mut Vm,
    subject: &[u8],
    m: &Match,
    i: usize,
) -> Result<Value, PatternError> {
    Ok(match pattern::capture_value(subject, m, i)? {
        CaptureValue::Str(b) => vm.str_value(b),
        CaptureValue::Position(p) => Value::Int(p as i64),
    })
}

/// Error of a replacement callback: a pattern error or a Lua error.
enum ReplError {
    Pattern(PatternError),
    Lua(LuaError),
    /// The result would not fit in the memory left.
    TooLarge,
}

fn gsub(vm: &mut Vm, a: Args) -> LResult<usize> {
    let s = vm.check_str(a, 0)?;
    let p = vm.check_str(a, 1)?;
    let l = s.len();
    let max_n = vm.opt_int(a, 3, l as i64 + 1)?;
    let repl = vm.arg(a, 2);
    let max_n = Some(if max_n <= 0 { 0 } else { max_n as usize });
    let (subject, pat) = (s.as_bytes(), p.as_bytes());
    // (the result is copied into a string: it may use half the memory left)
    let cap = vm.memory_room() / 2;
    let result = match repl {
        Value::Str(_) | Value::Int(_) | Value::Float(_) => {
            let r = vm.check_str(a, 2)?;
            pattern::gsub_str(subject, pat, r.as_bytes(), max_n, cap).map_err(|e| match e {
                GsubError::Pattern(p) | GsubError::Replace(p) => ReplError::Pattern(p),
                GsubError::TooLarge => ReplError::TooLarge,
            })
        }
        Value::Table(_) => pattern::gsub(subject, pat, max_n, cap, &mut |m, out| {
            let key = capture_to_value(vm, subject, m, 0).map_err(ReplError::Pattern)?;
            let v = vm.index(repl, key).map_err(ReplError::Lua)?;
            repl_value(vm, v, out).map_err(ReplError::Lua)
        })
        .map_err(flatten_gsub_error),
        Value::LuaFn(_) | Value::NativeFn(_) | Value::NativeClosure(_) => {
            let mut args = Vec::new();
            pattern::gsub(subject, pat, max_n, cap, &mut |m, out| {
                args.clear();
                for i in 0..pattern::capture_count(m) {
                    args.push(capture_to_value(vm, subject, m, i).map_err(ReplError::Pattern)?);
                }
                let v = vm.call_value1(repl, &args).map_err(ReplError::Lua)?;
                repl_value(vm, v, out).map_err(ReplError::Lua)
            })
            .map_err(flatten_gsub_error)
        }
        _ => return Err(vm.arg_type_error(a, 2, "string/function/table")),
    };
    match result {
        Ok((out, n)) => {
            let v = if n == 0 {
                Value::Str(s)
            } else {
                vm.str_value(&out)
            };
            vm.ret(&[v, Value::Int(n as i64)])
        }
        Err(ReplError::Pattern(e)) => Err(pattern_error(vm, e)),
        Err(ReplError::Lua(e)) => Err(e),
        Err(ReplError::TooLarge) => Err(vm.memory_error()),
    }
}

fn flatten_gsub_error(e: GsubError<ReplError>) -> ReplError {
    match e {
        GsubError::Pattern(p) => ReplError::Pattern(p),
        GsubError::Replace(r) => r,
        GsubError::TooLarge => ReplError::TooLarge,
    }
}

// ----- format --------------------------------------------------------------------

fn str_format(vm: &mut Vm, a: Args) -> LResult<usize> {
    use self::format as f;
    let fs = vm.check_str(a, 0)?;
    let fmt = fs.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(fmt.len() + 16);
    let mut i = 0;
    let mut arg = 0; // 0-based index of the last argument consumed
    while i < fmt.len() {
        let c = fmt[i];
        if c != b'%' {
            // Copy a run of literal bytes at once.
            let end = fmt[i..]
                .iter()
                .position(|&b| b == b'%')
                .map_or(fmt.len(), |k| i + k);
            out.extend_from_slice(&fmt[i..end]);
            i = end;
            continue;
        }
        if fmt.get(i + 1) == Some(&b'%') {
            out.push(b'%');
            i += 2;
            continue;
        }
        arg += 1;
        if arg >= a.n {
            return Err(vm.arg_error(arg + 1, "no value"));
        }
        let (spec, next) = match f::scan_spec(fmt, i + 1) {
            Ok(x) => x,
            Err(e) => return Err(vm.error_l1(e)),
        };
        i = next;
        let check = |vm: &mut Vm, spec: &f::Spec| -> LResult<()> {
            spec.check().map_err(|e| vm.error_l1(e))
        };
        match spec.conv {
            b'c' => {
                check(vm, &spec)?;
                let v = vm.check_int(a, arg)?;
                f::format_int(&spec, v, &mut out);
            }
            b'd' | b'i' | b'u' | b'o' | b'x' | b'X' => {
                let v = vm.check_int(a, arg)?;
                check(vm, &spec)?;
                f::format_int(&spec, v, &mut out);
            }
            b'a' | b'A' => {
                check(vm, &spec)?;
                let v = vm.check_f64(a, arg)?;
                f::format_float(&spec, v, &mut out);
            }
            b'e' | b'E' | b'f' | b'g' | b'G' => {
                let v = vm.check_f64(a, arg)?;
                check(vm, &spec)?;
                f::format_float(&spec, v, &mut out);
            }
            b'p' => {
                check(vm, &spec)?;
                let id = vm.arg(a, arg).identity();
                if id == 0 {
                    f::format_str(&spec, b"(null)", &mut out);
                } else {
                    f::format_str(&spec, format!("{id:#x}").as_bytes(), &mut out);
                }
            }
            b'q' => match vm.arg(a, arg) {
                Value::Int(v) => f::quote_int(v, &mut out),
                Value::Float(v) => f::quote_float(v, &mut out),
                Value::Str(s) => f::quote_string(s.as_bytes(), &mut out),
                Value::Nil => out.extend_from_slice(b"nil"),
                Value::Bool(true) => out.extend_from_slice(b"true"),
                Value::Bool(false) => out.extend_from_slice(b"false"),
                _ => return Err(vm.arg_error(arg + 1, "value has no literal form")),
            },
            b's' => {
                let v = vm.arg(a, arg);
                let s = vm.tostring(v)?;
                let b = s.as_bytes();
                if !spec.has_modifiers() {
                    out.extend_from_slice(b);
                } else {
                    if b.contains(&0) {
                        return Err(vm.arg_error(arg + 1, "string contains zeros"));
                    }
                    check(vm, &spec)?;
                    f::format_str(&spec, b, &mut out);
                }
            }
            _ => unreachable!("scan_spec accepts only known conversions"),
        }
    }
    vm.ret_str(&out)
}

// ----- pack / unpack / packsize -----------------------------------------------------

/// Raise a format error of `pack`/`unpack`/`packsize`.
#[cold]
fn pack_error(vm: &mut Vm, e: PackError) -> LuaError {
    match e {
        PackError::Plain(m) => vm.error_l1(m),
        PackError::Arg(m) => vm.arg_error(1, m),
    }
}

fn str_pack(vm: &mut Vm, a: Args) -> LResult<usize> {
    let fs = vm.check_str(a, 0)?;
    let mut p = Parser::new(fs.as_bytes());
    let mut out: Vec<u8> = Vec::new();
    let mut arg = 0;
    while !p.at_end() {
        let total = out.len();
        let item = p.next_item(total).map_err(|e| pack_error(vm, e))?;
        out.resize(out.len() + item.ntoalign, 0);
        if item.kind.has_value() {
            arg += 1;
        }
        let size = item.size;
        if item.kind.has_value() && arg >= a.n {
            // lua5.4 keeps a nil above the arguments while packing, so a
            // missing argument is reported as nil rather than "no value".
            let what = match item.kind {
                Kind::Char | Kind::Str | Kind::Zstr => "string",
                _ => "number",
            };
            return Err(vm.arg_error(arg + 1, format!("{what} expected, got nil")));
        }
        match item.kind {
            Kind::Int => {
                let v = vm.check_int(a, arg)?;
                if !pack::int_fits(v, size) {
                    return Err(vm.arg_error(arg + 1, "integer overflow"));
                }
                pack::pack_int(&mut out, v as u64, p.little, size, v < 0);
            }
            Kind::Uint => {
                let v = vm.check_int(a, arg)?;
                if !pack::uint_fits(v, size) {
                    return Err(vm.arg_error(arg + 1, "unsigned overflow"));
                }
                pack::pack_int(&mut out, v as u64, p.little, size, false);
            }
            Kind::Float | Kind::Number | Kind::Double => {
                let v = vm.check_f64(a, arg)?;
                pack::pack_float(&mut out, v, p.little, size);
            }
            Kind::Char => {
                let s = vm.check_str(a, arg)?;
                let b = s.as_bytes();
                if b.len() > size {
                    return Err(vm.arg_error(arg + 1, "string longer than given size"));
                }
                out.extend_from_slice(b);
                out.resize(out.len() + (size - b.len()), 0);
            }
            Kind::Str => {
                let s = vm.check_str(a, arg)?;
                let b = s.as_bytes();
                if size < 8 && (b.len() as u64) >= (1u64 << (size * 8)) {
                    return Err(vm.arg_error(arg + 1, "string length does not fit in given size"));
                }
                pack::pack_int(&mut out, b.len() as u64, p.little, size, false);
                out.extend_from_slice(b);
            }
            Kind::Zstr => {
                let s = vm.check_str(a, arg)?;
                let b = s.as_bytes();
                if b.contains(&0) {
                    return Err(vm.arg_error(arg + 1, "string contains zeros"));
                }
                out.extend_from_slice(b);
                out.push(0);
            }
            Kind::Padding => out.push(0),
            Kind::PadAlign | Kind::Nop => {}
        }
    }
    vm.ret_str(&out)
}

fn packsize(vm: &mut Vm, a: Args) -> LResult<usize> {
    let fs = vm.check_str(a, 0)?;
    let mut p = Parser::new(fs.as_bytes());
    let mut total: usize = 0;
    while !p.at_end() {
        let item = p.next_item(total).map_err(|e| pack_error(vm, e))?;
        if matches!(item.kind, Kind::Str | Kind::Zstr) {
            return Err(vm.arg_error(1, "variable-length format"));
        }
        let size = item.size + item.ntoalign;
        if total > pack::MAX_SIZE - size.min(pack::MAX_SIZE) || size > pack::MAX_SIZE {
            return Err(vm.arg_error(1, "format result too large"));
        }
        total += size;
    }
    vm.ret1(Value::Int(total as i64))
}

fn unpack(vm: &mut Vm, a: Args) -> LResult<usize> {
    let fs = vm.check_str(a, 0)?;
    let ds = vm.check_str(a, 1)?;
    let data = ds.as_bytes();
    let ld = data.len();
    let mut pos = start_pos(vm.opt_int(a, 2, 1)?, ld) - 1;
    if pos > ld {
        return Err(vm.arg_error(3, "initial position out of string"));
    }
    let mut p = Parser::new(fs.as_bytes());
    let mut n = 0;
    while !p.at_end() {
        let item = p.next_item(pos).map_err(|e| pack_error(vm, e))?;
        let size = item.size;
        if item.ntoalign + size > ld - pos {
            return Err(vm.arg_error(2, "data string too short"));
        }
        pos += item.ntoalign;
        if vm.top() + 2 > MAX_STACK {
            return Err(vm.error_l1("stack overflow (too many results)"));
        }
        vm.ensure_stack(2)?;
        let b = &data[pos..];
        match item.kind {
            Kind::Int | Kind::Uint => {
                let v = pack::unpack_int(b, p.little, size, item.kind == Kind::Int)
                    .map_err(|m| vm.error_l1(m))?;
                vm.push(Value::Int(v))?;
            }
            Kind::Float | Kind::Number | Kind::Double => {
                vm.push(Value::Float(pack::unpack_float(b, p.little, size)))?;
            }
            Kind::Char => {
                let v = vm.str_value(&b[..size]);
                vm.push(v)?;
            }
            Kind::Str => {
                let len =
                    pack::unpack_int(b, p.little, size, false).map_err(|m| vm.error_l1(m))? as u64;
                if len > (ld - pos - size) as u64 {
                    return Err(vm.arg_error(2, "data string too short"));
                }
                let len = len as usize;
                let v = vm.str_value(&b[size..size + len]);
                vm.push(v)?;
                pos += len;
            }
            Kind::Zstr => {
                let Some(len) = b.iter().position(|&c| c == 0) else {
                    return Err(vm.arg_error(2, "unfinished string for format 'z'"));
                };
                let v = vm.str_value(&b[..len]);
                vm.push(v)?;
                pos += len + 1;
            }
            Kind::Padding | Kind::PadAlign | Kind::Nop => {}
        }
        if item.kind.has_value() {
            n += 1;
        }
        pos += size;
    }
    vm.push(Value::Int(pos as i64 + 1))?;
    Ok(n + 1)
}

// ----- arithmetic metamethods ---------------------------------------------------------

/// The number a string-metamethod operand stands for: numbers as they are,
/// strings that are complete numerals converted; `None` otherwise.
fn to_num(v: Value) -> Option<Value> {
    match v {
        Value::Int(_) | Value::Float(_) => Some(v),
        Value::Str(s) => str_to_number(s.as_bytes()).map(|n| match n {
            Number::Int(i) => Value::Int(i),
            Number::Float(f) => Value::Float(f),
        }),
        _ => None,
    }
}

/// Shared body of the string arithmetic metamethods: coerce both operands,
/// else defer to the second operand's metamethod `__{name}`, else fail with
/// "attempt to {name} a 'T1' with a 'T2'".
fn string_arith(vm: &mut Vm, a: Args, op: ArOp, name: &str) -> LResult<usize> {
    let x = vm.arg(a, 0);
    let y = vm.arg(a, 1);
    if let (Some(nx), Some(ny)) = (to_num(x), to_num(y)) {
        let r = vm.arith(op, nx, ny)?;
        return vm.ret1(r);
    }
    if !matches!(y, Value::Str(_)) {
        if let Some(mt) = vm.get_metatable(y) {
            let key = format!("__{name}");
            let mm = vm.get_field(mt, &key);
            if !mm.is_nil() {
                let r = vm.call_value1(mm, &[x, y])?;
                return vm.ret1(r);
            }
        }
    }
    let msg = format!(
        "attempt to {name} a '{}' with a '{}'",
        x.type_name(),
        y.type_name()
    );
    Err(vm.error_l1(msg))
}

macro_rules! arith_mm {
    ($fn_name:ident, $op:expr, $name:literal) => {
        fn $fn_name(vm: &mut Vm, a: Args) -> LResult<usize> {
            string_arith(vm, a, $op, $name)
        }
    };
}

arith_mm!(mm_add, ArOp::Add, "add");
arith_mm!(mm_sub, ArOp::Sub, "sub");
arith_mm!(mm_mul, ArOp::Mul, "mul");
arith_mm!(mm_div, ArOp::Div, "div");
arith_mm!(mm_mod, ArOp::Mod, "mod");
arith_mm!(mm_pow, ArOp::Pow, "pow");
arith_mm!(mm_idiv, ArOp::IDiv, "idiv");
arith_mm!(mm_unm, ArOp::Unm, "unm");

// ----- registration -------------------------------------------------------------------

/// Register the `string` library and the string metatable.
pub fn open(vm: &mut Vm) {
    let lib = super::register_lib(
        vm,
        "string",
        &[
            ("byte", byte),
            ("char", char),
            ("dump", dump),
            ("find", find),
            ("format", str_format),
            ("gmatch", gmatch),
            ("gsub", gsub),
            ("len", len),
            ("lower", lower),
            ("match", match_),
            ("rep", rep),
            ("reverse", reverse),
            ("sub", sub),
            ("upper", upper),
            ("pack", str_pack),
            ("packsize", packsize),
            ("unpack", unpack),
        ],
    );
    let mt = vm.new_table_sized(0, 16);
    let mms: [(&str, crate::vm::NativeFn); 8] = [
        ("__add", mm_add),
        ("__sub", mm_sub),
        ("__mul", mm_mul),
        ("__mod", mm_mod),
        ("__pow", mm_pow),
        ("__div", mm_div),
        ("__idiv", mm_idiv),
        ("__unm", mm_unm),
    ];
    for (n, f) in mms {
        vm.set_field(mt, n, Value::NativeFn(f));
    }
    vm.set_field(mt, "__index", Value::Table(lib));
    vm.set_type_metatable(LuaType::String, Some(mt));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        assert_eq!(start_pos(0, 5), 1);
        assert_eq!(start_pos(-2, 5), 4);
        assert_eq!(start_pos(-9, 5), 1);
        assert_eq!(start_pos(9, 5), 9);
        assert_eq!(end_pos(9, 5), 5);
        assert_eq!(end_pos(-1, 5), 5);
        assert_eq!(end_pos(-9, 5), 0);
        assert_eq!(end_pos(0, 5), 0);
        assert_eq!(start_pos(i64::MIN, 5), 1);
        assert_eq!(end_pos(i64::MIN, 5), 0);
    }
}
