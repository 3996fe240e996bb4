//! The `utf8` library (manual §6.5).
//!
//! Decoding accepts the original (up to six bytes, 31 bits) UTF-8 in lax
//! mode; strict mode also rejects surrogates and code points above
//! U+10FFFF. Bytes past the end of a string read as `\0`, which is never a
//! continuation byte, so truncated sequences are rejected.

use crate::vm::arith;
use crate::vm::gc::Gc;
use crate::vm::state::MAX_STACK;
use crate::vm::string::LStr;
use crate::vm::{Args, LResult, Value, Vm};

const MAXUNICODE: u32 = 0x10FFFF;
const MAXUTF: u32 = 0x7FFF_FFFF;

/// Pattern matching exactly one UTF-8 byte sequence.
const CHARPATTERN: &[u8] = b"[\x00-\x7F\xC2-\xFD][\x80-\xBF]*";

/// Byte `i` of `s`, or 0 past the end.
#[inline]
fn byte_at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

#[inline]
fn is_cont(s: &[u8], i: usize) -> bool {
    byte_at(s, i) & 0xC0 == 0x80
}

/// Decode the sequence starting at `s[i]`: `(code, index after it)`, or
/// `None` if it is invalid.
fn decode(s: &[u8], i: usize, strict: bool) -> Option<(u32, usize)> {
    const LIMITS: [u32; 6] = [!0, 0x80, 0x800, 0x1_0000, 0x20_0000, 0x400_0000];
    let mut c = byte_at(s, i) as u32;
    let mut res: u32;
    let mut count = 0usize;
    if c < 0x80 {
        res = c;
    } else {
        res = 0;
        while c & 0x40 != 0 {
            count += 1;
            let cc = byte_at(s, i + count) as u32;
            if cc & 0xC0 != 0x80 {
                return None;
            }
            res = (res << 6) | (cc & 0x3F);
            c <<= 1;
        }
        if count > 5 {
            return None;
        }
        res |= (c & 0x7F) << (count * 5);
        if res > MAXUTF || res < LIMITS[count] {
            return None;
        }
    }
    if strict && (res > MAXUNICODE || (0xD800..=0xDFFF).contains(&res)) {
        return None;
    }
    Some((res, i + count + 1))
}

/// Encode `x` (at most `MAXUTF`) in up to six bytes.
fn encode(mut x: u32, out: &mut Vec<u8>) {
    if x < 0x80 {
        out.push(x as u8);
        return;
    }
    let mut tmp = [0u8; 6];
    let mut n = 0;
    let mut mfb = 0x3Fu32; // largest value that fits in the first byte
    loop {
        tmp[n] = 0x80 | (x & 0x3F) as u8;
        n += 1;
        x >>= 6;
        mfb >>= 1;
        if x <= mfb {
            break;
        }
    }
    out.push(((!mfb << 1) | x) as u8);
    out.extend(tmp[..n].iter().rev());
}

/// Translate a relative string position: negative means from the end.
fn posrelat(pos: i64, len: usize) -> i64 {
    if pos >= 0 {
        pos
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len as i64 + pos + 1
    }
}

/// A string argument. The string stays reachable as an argument, and these
/// functions never run Lua code, so its bytes can be used in place.
fn str_arg(vm: &mut Vm, a: Args, i: usize) -> LResult<Gc<LStr>> {
    vm.check_str(a, i)
}

fn char_(vm: &mut Vm, a: Args) -> LResult<usize> {
    let mut out = Vec::new();
    for i in 0..a.n {
        let code = vm.check_int(a, i)? as u64;
        if code > MAXUTF as u64 {
            return Err(vm.arg_error(i + 1, "value out of range"));
        }
        encode(code as u32, &mut out);
    }
    vm.ret_str(&out)
}

fn len(vm: &mut Vm, a: Args) -> LResult<usize> {
    let gs = str_arg(vm, a, 0)?;
    let s = gs.as_bytes();
    let l = s.len() as i64;
    let posi = posrelat(vm.opt_int(a, 1, 1)?, s.len());
    let posj = posrelat(vm.opt_int(a, 2, -1)?, s.len());
    let lax = vm.arg(a, 3).truthy();
    if !(1 <= posi && posi - 1 <= l) {
        return Err(vm.arg_error(2, "initial position out of bounds"));
    }
    let mut posi = posi - 1;
    let posj = posj - 1;
    if posj >= l {
        return Err(vm.arg_error(3, "final position out of bounds"));
    }
    let mut n = 0i64;
    while posi <= posj {
        match decode(s, posi as usize, !lax) {
            Some((_, next)) => posi = next as i64,
            None => return vm.ret(&[Value::Nil, Value::Int(posi + 1)]),
        }
        n += 1;
    }
    vm.ret1(Value::Int(n))
}

fn codepoint(vm: &mut Vm, a: Args) -> LResult<usize> {
    let gs = str_arg(vm, a, 0)?;
    let s = gs.as_bytes();
    let l = s.len() as i64;
    let posi = posrelat(vm.opt_int(a, 1, 1)?, s.len());
    let pose = posrelat(vm.opt_int(a, 2, posi)?, s.len());
    let lax = vm.arg(a, 3).truthy();
    if posi < 1 {
        return Err(vm.arg_error(2, "out of bounds"));
    }
    if pose > l {
        return Err(vm.arg_error(3, "out of bounds"));
    }
    if posi > pose {
        return Ok(0);
    }
    if pose - posi >= i32::MAX as i64 {
        return Err(vm.error_l1("string slice too long"));
    }
    let max = (pose - posi) as usize + 1;
    if vm.top() + max + 5 > MAX_STACK {
        return Err(vm.error_l1("stack overflow (string slice too long)"));
    }
    vm.ensure_stack(max)?;
    let end = pose as usize;
    let mut i = posi as usize - 1;
    let mut n = 0;
    while i < end {
        match decode(s, i, !lax) {
            Some((code, next)) => {
                vm.push(Value::Int(code as i64))?;
                n += 1;
                i = next;
            }
            None => return Err(vm.error_l1("invalid UTF-8 code")),
        }
    }
    Ok(n)
}

fn offset(vm: &mut Vm, a: Args) -> LResult<usize> {
    let gs = str_arg(vm, a, 0)?;
    let s = gs.as_bytes();
    let l = s.len() as i64;
    let mut n = vm.check_int(a, 1)?;
    let default = if n >= 0 { 1 } else { l + 1 };
    let posi = posrelat(vm.opt_int(a, 2, default)?, s.len());
    if !(1 <= posi && posi - 1 <= l) {
        return Err(vm.arg_error(3, "position out of bounds"));
    }
    let mut posi = (posi - 1) as usize;
    if n == 0 {
        // start of the character containing byte posi
        while posi > 0 && is_cont(s, posi) {
            posi -= 1;
        }
    } else {
        if is_cont(s, posi) {
            return Err(vm.error_l1("initial position is a continuation byte"));
        }
        if n < 0 {
            while n < 0 && posi > 0 {
                loop {
                    posi -= 1;
                    if !(posi > 0 && is_cont(s, posi)) {
                        break;
                    }
                }
                n += 1;
            }
        } else {
            n -= 1; // the first character is at posi itself
            while n > 0 && (posi as i64) < l {
                loop {
                    posi += 1;
                    if !is_cont(s, posi) {
                        break;
                    }
                }
                n -= 1;
            }
        }
    }
    if n == 0 {
        vm.ret1(Value::Int(posi as i64 + 1))
    } else {
        vm.ret1(Value::Nil)
    }
}

/// One step of `utf8.codes`: the control value is the byte position of the
/// previous character (0 at the start).
fn iter_aux(vm: &mut Vm, a: Args, strict: bool) -> LResult<usize> {
    let gs = str_arg(vm, a, 0)?;
    let s = gs.as_bytes();
    let len = s.len() as u64;
    let mut n = arith::to_integer(vm.arg(a, 1)).unwrap_or(0) as u64;
    if n < len {
        while is_cont(s, n as usize) {
            n += 1;
        }
    }
    if n >= len {
        return Ok(0);
    }
    match decode(s, n as usize, strict) {
        Some((code, _)) => vm.ret(&[Value::Int(n as i64 + 1), Value::Int(code as i64)]),
        None => Err(vm.error_l1("invalid UTF-8 code")),
    }
}

fn iter_strict(vm: &mut Vm, a: Args) -> LResult<usize> {
    iter_aux(vm, a, true)
}

fn iter_lax(vm: &mut Vm, a: Args) -> LResult<usize> {
    iter_aux(vm, a, false)
}

fn codes(vm: &mut Vm, a: Args) -> LResult<usize> {
    let lax = vm.arg(a, 1).truthy();
    let s = vm.check_str(a, 0)?;
    let f: crate::vm::NativeFn = if lax { iter_lax } else { iter_strict };
    vm.ret(&[Value::NativeFn(f), Value::Str(s), Value::Int(0)])
}

/// Register the library.
pub fn open(vm: &mut Vm) {
    let t = super::register_lib(
        vm,
        "utf8",
        &[
            ("offset", offset),
            ("codepoint", codepoint),
            ("char", char_),
            ("len", len),
            ("codes", codes),
        ],
    );
    let p = vm.str_value(CHARPATTERN);
    vm.set_field(t, "charpattern", p);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_roundtrip() {
        for &c in &[
            0u32, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x1_0000, 0x10_FFFF, 0x20_0000, MAXUTF,
        ] {
            let mut b = Vec::new();
            encode(c, &mut b);
            assert_eq!(decode(&b, 0, false), Some((c, b.len())), "{c:#x}");
        }
    }

    #[test]
    fn fuzz_never_panics() {
        // xorshift random bytes, biased toward high bytes
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut s = Vec::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 12) as usize;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push(if x & 1 == 0 {
                    0x80 | (x >> 8) as u8
                } else {
                    (x >> 8) as u8
                });
            }
            for i in 0..=s.len() {
                let _ = decode(&s, i, true);
                let _ = decode(&s, i, false);
                let _ = is_cont(&s, i);
            }
        }
    }

    /// Run every library function over random byte strings and positions:
    /// errors are fine, panics are not.
    #[test]
    fn fuzz_library_functions() {
        let mut lua = crate::Lua::new();
        let vm = lua.vm();
        let cases = vm.new_table();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for i in 1..=300 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 10) as usize;
            let mut b = Vec::with_capacity(n);
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                b.push(match x % 4 {
                    0 => 0x80 | (x >> 20) as u8 & 0x3F,
                    1 => 0xC0 | (x >> 20) as u8 & 0x3F,
                    2 => (x >> 20) as u8 & 0x7F,
                    _ => (x >> 20) as u8,
                });
            }
            let v = vm.str_value(&b);
            cases.set_int(vm.heap(), i, v);
        }
        vm.set_global("CASES", Value::Table(cases));
        let n = lua
            .eval_int(
                r#"
                local count = 0
                for _, s in ipairs(CASES) do
                  for _, lax in ipairs({false, true}) do
                    for i = -#s - 2, #s + 2 do
                      pcall(utf8.len, s, i, -1, lax)
                      pcall(utf8.len, s, 1, i, lax)
                      pcall(utf8.codepoint, s, i, #s, lax)
                      pcall(utf8.codepoint, s, 1, i, lax)
                      for n = -3, 3 do pcall(utf8.offset, s, n, i) end
                      local f = utf8.codes(s, lax)
                      pcall(f, s, i)
                    end
                    pcall(function()
                      for _ in utf8.codes(s, lax) do count = count + 1 end
                    end)
                  end
                end
                return count
                "#,
            )
            .unwrap();
        assert!(n > 0);
    }
}
