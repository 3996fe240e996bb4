//! Number conversions shared by the lexer, `tonumber`, `tostring` and the
//! string/number coercions.
//!
//! Everything here follows the behaviour of the reference interpreter
//! (Lua 5.4 on x86-64 Linux with glibc), which was used as the oracle for the
//! test corpora under `tests/data/`.

use std::fmt::Write as _;

/// A Lua number: either an integer subtype or a float subtype.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A 64-bit integer.
    Int(i64),
    /// A double-precision float.
    Float(f64),
}

/// Whitespace as Lua (and C's `isspace` in the "C" locale) understands it.
#[inline]
pub fn is_lua_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

#[inline]
fn hex_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some((c - b'0') as u32),
        b'a'..=b'f' => Some((c - b'a' + 10) as u32),
        b'A'..=b'F' => Some((c - b'A' + 10) as u32),
        _ => None,
    }
}

/// Strips Lua whitespace from both ends of `s`.
#[inline]
fn trim_space(s: &[u8]) -> &[u8] {
    let mut start = 0;
    let mut end = s.len();
    while start < end && is_lua_space(s[start]) {
        start += 1;
    }
    while end > start && is_lua_space(s[end - 1]) {
        end -= 1;
    }
    &s[start..end]
}

/// Converts a string to a Lua number the way the reference interpreter does
/// for numerals in source code and for string-to-number coercion
/// (`tonumber(s)` without a base).
///
/// Accepted forms, each optionally surrounded by ASCII whitespace and
/// preceded by a single `+` or `-`:
/// * decimal integers (`42`); when they do not fit in an `i64` they are read
///   as floats instead;
/// * hexadecimal integers (`0xff`), which wrap around modulo 2^64;
/// * decimal floats (`1.5`, `.5`, `5.`, `1e10`), correctly rounded;
/// * hexadecimal floats (`0x1.8p3`, `0x.1`, `0xA.`), with an optional binary
///   exponent, correctly rounded.
///
/// Anything else (`inf`, `nan`, `0x`, `1e`, the empty string, embedded
/// spaces or NUL bytes, trailing garbage) yields `None`.
pub fn str_to_number(s: &[u8]) -> Option<Number> {
    let s = trim_space(s);
    let (neg, body) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if body.len() >= 2 && body[0] == b'0' && (body[1] | 0x20) == b'x' {
        return parse_hex(neg, &body[2..]);
    }
    // Decimal: try a plain integer first.
    let mut acc: u64 = 0;
    let mut i = 0;
    let limit: u64 = if neg { 1u64 << 63 } else { i64::MAX as u64 };
    let mut overflow = false;
    while i < body.len() && body[i].is_ascii_digit() {
        let d = (body[i] - b'0') as u64;
        if !overflow {
            match acc.checked_mul(10).and_then(|v| v.checked_add(d)) {
                Some(v) if v <= limit => acc = v,
                _ => overflow = true,
            }
        }
        i += 1;
    }
    if i == body.len() && !overflow {
        if i == 0 {
            return None;
        }
        let v = if neg {
            (acc as i64).wrapping_neg()
        } else {
            acc as i64
        };
        return Some(Number::Int(v));
    }
    parse_decimal_float(s).map(Number::Float)
}

/// Validates the syntax of a decimal float (sign included) and converts it
/// with the standard library's correctly rounded parser.
fn parse_decimal_float(s: &[u8]) -> Option<f64> {
    let mut i = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let mut ndigits = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
        ndigits += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
            ndigits += 1;
        }
    }
    if ndigits == 0 {
        return None;
    }
    if i < s.len() && (s[i] | 0x20) == b'e' {
        i += 1;
        if i < s.len() && matches!(s[i], b'+' | b'-') {
            i += 1;
        }
        let start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if i != s.len() {
        return None;
    }
    // The slice is pure ASCII by construction.
    std::str::from_utf8(s).ok()?.parse::<f64>().ok()
}

/// Parses what follows `0x`: either a wrapping hex integer or a hex float.
fn parse_hex(neg: bool, s: &[u8]) -> Option<Number> {
    // Fast path: all hex digits -> integer with wrap-around.
    let mut acc: u64 = 0;
    let mut i = 0;
    while i < s.len() {
        match hex_value(s[i]) {
            Some(d) => acc = acc.wrapping_mul(16).wrapping_add(d as u64),
            None => break,
        }
        i += 1;
    }
    if i == s.len() {
        if i == 0 {
            return None;
        }
        let v = acc as i64;
        return Some(Number::Int(if neg { v.wrapping_neg() } else { v }));
    }
    let f = parse_hex_float(s)?;
    Some(Number::Float(if neg { -f } else { f }))
}

/// Parses a hexadecimal float body (after `0x`, no sign), correctly rounded
/// to nearest-even like glibc's `strtod`.
fn parse_hex_float(s: &[u8]) -> Option<f64> {
    let mut mant: u64 = 0; // significant bits gathered so far
    let mut sticky = false; // any non-zero digit dropped?
    let mut exp: i64 = 0; // binary exponent adjustment
    let mut ndigits = 0;
    let mut i = 0;
    let mut seen_dot = false;
    while i < s.len() {
        let c = s[i];
        if c == b'.' {
            if seen_dot {
                return None;
            }
            seen_dot = true;
        } else if let Some(d) = hex_value(c) {
            ndigits += 1;
            if mant >> 60 == 0 {
                mant = mant * 16 + d as u64;
                if seen_dot {
                    exp -= 4;
                }
            } else {
                sticky |= d != 0;
                if !seen_dot {
                    exp += 4;
                }
            }
        } else {
            break;
        }
        i += 1;
    }
    if ndigits == 0 {
        return None;
    }
    if i < s.len() && (s[i] | 0x20) == b'p' {
        i += 1;
        let mut eneg = false;
        if i < s.len() && matches!(s[i], b'+' | b'-') {
            eneg = s[i] == b'-';
            i += 1;
        }
        let start = i;
        let mut e: i64 = 0;
        while i < s.len() && s[i].is_ascii_digit() {
            e = (e * 10 + (s[i] - b'0') as i64).min(1 << 40);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp += if eneg { -e } else { e };
    }
    if i != s.len() {
        return None;
    }
    Some(round_binary(mant, exp, sticky))
}

/// Rounds `mant * 2^exp` (plus a sticky "something non-zero below" flag) to
/// the nearest double, ties to even. Handles subnormals and overflow.
fn round_binary(mant: u64, exp: i64, sticky: bool) -> f64 {
    if mant == 0 {
        return 0.0;
    }
    let lz = mant.leading_zeros() as i64;
    // Position of the leading bit: value is in [2^lead, 2^(lead+1)).
    let lead = exp + 63 - lz;
    if lead > 1023 {
        return f64::INFINITY;
    }
    // Quantum of the result.
    let q = (lead - 52).max(-1074);
    let shift = q - exp; // how many low bits of `mant` are dropped
    let (kept, round_up) = if shift <= 0 {
        // No bits dropped (only possible when the mantissa is short).
        ((mant as u128) << (-shift) as u32, false)
    } else if shift >= 128 {
        (0u128, false)
    } else {
        let m = mant as u128;
        let kept = m >> shift;
        let rem = m & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        let up = rem > half || (rem == half && (sticky || kept & 1 == 1));
        (kept, up)
    };
    let kept = kept + round_up as u128;
    if kept == 0 {
        return 0.0;
    }
    let bits = (((q + 1074) as u64) << 52) + kept as u64;
    if bits >= 0x7ff0_0000_0000_0000 {
        return f64::INFINITY;
    }
    f64::from_bits(bits)
}

/// Implements `tonumber(s, base)` for `base` in `2..=36`: optional
/// surrounding whitespace, an optional `-` or `+`, then one or more digits
/// of the base (letters in either case stand for 10..35). The value wraps
/// around modulo 2^64 on overflow, as in the reference interpreter.
/// Returns `None` when the string is not a valid numeral in that base.
pub fn str_to_int_base(s: &[u8], base: u32) -> Option<i64> {
    debug_assert!((2..=36).contains(&base));
    let s = trim_space(s);
    let (neg, body) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() {
        return None;
    }
    let mut acc: u64 = 0;
    for &c in body {
        let d = match c {
            b'0'..=b'9' => (c - b'0') as u32,
            b'a'..=b'z' => (c - b'a') as u32 + 10,
            b'A'..=b'Z' => (c - b'A') as u32 + 10,
            _ => return None,
        };
        if d >= base {
            return None;
        }
        acc = acc.wrapping_mul(base as u64).wrapping_add(d as u64);
    }
    let v = acc as i64;
    Some(if neg { v.wrapping_neg() } else { v })
}

/// A small fixed-capacity byte buffer used as a `fmt::Write` target, so the
/// standard library's exact float-to-decimal conversion can be used without
/// heap allocation.
pub struct StackBuf {
    buf: [u8; 512],
    len: usize,
}

impl StackBuf {
    /// Creates an empty buffer.
    #[inline]
    pub fn new() -> Self {
        StackBuf {
            buf: [0; 512],
            len: 0,
        }
    }

    /// The bytes written so far.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl Default for StackBuf {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Write for StackBuf {
    #[inline]
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let b = s.as_bytes();
        let end = self.len + b.len();
        if end > self.buf.len() {
            return Err(std::fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(b);
        self.len = end;
        Ok(())
    }
}

/// Exact decimal digits of a finite float, correctly rounded (ties to even,
/// on the exact binary value, as glibc's `printf` does).
///
/// `x` must be finite and non-negative (pass the absolute value).
/// Writes exactly `prec + 1` significant digits (no dot, no exponent) into
/// `digits` and returns the decimal exponent of the first digit, i.e. the
/// value is `d.ddd * 10^exp`. `prec` must be at most 400.
pub fn sci_digits(x: f64, prec: usize, digits: &mut StackBuf) -> i32 {
    debug_assert!(x.is_finite() && x >= 0.0 && prec <= 400);
    let mut tmp = StackBuf::new();
    // Cannot fail: the buffer is large enough for 401 digits and an exponent.
    let _ = write!(tmp, "{:.*e}", prec, x);
    let b = tmp.as_bytes();
    digits.len = 0;
    let mut i = 0;
    while i < b.len() && b[i] != b'e' {
        if b[i] != b'.' {
            digits.buf[digits.len] = b[i];
            digits.len += 1;
        }
        i += 1;
    }
    // Parse the exponent after 'e'.
    let mut j = i + 1;
    let eneg = j < b.len() && b[j] == b'-';
    if eneg {
        j += 1;
    }
    let mut e: i32 = 0;
    while j < b.len() {
        e = e * 10 + (b[j] - b'0') as i32;
        j += 1;
    }
    if eneg {
        -e
    } else {
        e
    }
}

/// `10^i` for `i` in `0..=19` (all fit in a `u64`).
const POW10_U64: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// `10^i` for `i` in `0..=22` as `u128`.
const POW10_U128: [u128; 23] = {
    let mut t = [1u128; 23];
    let mut i = 1;
    while i < 23 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// "00".."99" for two-digits-at-a-time conversion.
const DIGIT_PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Writes the `n` low decimal digits of `v` (zero-padded) into `out[..n]`.
#[inline]
fn write_fixed_digits(mut v: u64, n: usize, out: &mut [u8]) {
    let mut i = n;
    while i >= 2 {
        let r = (v % 100) as usize;
        v /= 100;
        out[i - 2] = DIGIT_PAIRS[2 * r];
        out[i - 1] = DIGIT_PAIRS[2 * r + 1];
        i -= 2;
    }
    if i == 1 {
        out[0] = b'0' + (v % 10) as u8;
    }
}

/// Rounds a finite positive normal `x` to `n` (1..=19) significant decimal
/// digits with pure integer arithmetic, ties to even on the exact binary
/// value. Returns the digits as an integer in `[10^(n-1), 10^n)` and the
/// decimal exponent of the first digit, or `None` when `x` is outside the
/// range this method covers (roughly `10^(n-20) <= x < 2^64`).
#[inline]
fn round_sig_int(x: f64, n: u32) -> Option<(u64, i32)> {
    let bits = x.to_bits();
    let be = ((bits >> 52) & 0x7ff) as i32;
    if be == 0 || be == 0x7ff || !(1..=19).contains(&n) {
        return None;
    }
    let m = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let e = be - 1075; // x = m * 2^e
    if !(-120..=10).contains(&e) {
        return None;
    }
    // floor(log10(x)) is either est or est + 1.
    let est = ((be - 1023) as f64 * std::f64::consts::LOG10_2).floor() as i32;
    let hi = POW10_U64[n as usize - 1] as u128 * 10; // 10^n
    let mut dexp = est;
    loop {
        let k = n as i32 - 1 - dexp; // scale: x * 10^k should have n digits
        if !(-19..=22).contains(&k) {
            return None;
        }
        let mut num = (m as u128) << e.max(0);
        let s = (-e).max(0) as u32; // power-of-two divisor
        let (q, r2_vs_d) = if k >= 0 {
            num *= POW10_U128[k as usize];
            let q = num >> s;
            let r = num - (q << s);
            // Compare 2r with 2^s.
            let half_cmp = if s == 0 {
                std::cmp::Ordering::Less
            } else {
                r.cmp(&(1u128 << (s - 1)))
            };
            (q, half_cmp)
        } else {
            let d = (POW10_U64[(-k) as usize] as u128) << s;
            let q = num / d;
            let r = num - q * d;
            ((q), (2 * r).cmp(&d))
        };
        if q >= hi {
            dexp += 1;
            continue;
        }
        debug_assert!(q >= hi / 10);
        let up = match r2_vs_d {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => q & 1 == 1,
            std::cmp::Ordering::Less => false,
        };
        let mut q = q + up as u128;
        if q == hi {
            q /= 10;
            dexp += 1;
        }
        return Some((q as u64, dexp));
    }
}

/// Correctly rounded significant digits of a finite non-negative float:
/// writes exactly `ndig` digits (`ndig >= 1`, at most 401) into `digits` and
/// returns the decimal exponent of the first digit.
///
/// Same result as [`sci_digits`]`(x, ndig - 1, ..)`, but picks the fastest
/// exact method: integer arithmetic for common magnitudes, the shortest
/// representation for up to 15 digits, and the standard library's exact
/// formatting otherwise.
pub fn sig_digits(x: f64, ndig: usize, digits: &mut StackBuf) -> i32 {
    if ndig <= 19 {
        if let Some((q, dexp)) = round_sig_int(x, ndig as u32) {
            write_fixed_digits(q, ndig, &mut digits.buf);
            digits.len = ndig;
            return dexp;
        }
    }
    if ndig <= 15 {
        sig_digits_fast(x, ndig, digits)
    } else {
        sci_digits(x, ndig - 1, digits)
    }
}

/// Like [`sci_digits`] for up to 15 significant digits, but faster: it
/// starts from the shortest round-trip representation and only falls back to
/// the exact conversion when the shortest digits end exactly on a rounding
/// tie.
///
/// Why this is exact: the shortest representation `S` (the closest among the
/// shortest strings that read back as `x`) lies within half an ulp of `x`.
/// With at most 15 significant digits the decimal grid is coarser than the
/// ulp, so when `S` has at most `ndig` digits it *is* `x` rounded to `ndig`
/// digits; when it has more, rounding `S` gives the same result as rounding
/// `x` unless the discarded digits are exactly `5` (a tie whose side can only
/// be decided on the exact value), since any rounding midpoint strictly
/// between `x` and `S` would be a shorter or closer representation than `S`.
///
/// Writes exactly `ndig` digits into `digits` (`1 <= ndig <= 15`) and returns
/// the decimal exponent of the first digit. `x` must be finite and
/// non-negative. Zero and subnormals (whose ulp is too coarse for the
/// argument above) take the exact path.
pub fn sig_digits_fast(x: f64, ndig: usize, digits: &mut StackBuf) -> i32 {
    debug_assert!((1..=15).contains(&ndig) && x.is_finite() && x >= 0.0);
    if x < f64::MIN_POSITIVE {
        return sci_digits(x, ndig - 1, digits);
    }
    let mut tmp = StackBuf::new();
    // Shortest representation, e.g. "1.2345e-7" or "5e0".
    let _ = write!(tmp, "{:e}", x);
    let b = tmp.as_bytes();
    let epos = b.iter().position(|&c| c == b'e').unwrap_or(b.len());
    let mut d = [b'0'; 24];
    let mut k = 0;
    for &c in &b[..epos] {
        if c != b'.' {
            d[k] = c;
            k += 1;
        }
    }
    let mut exp: i32 = 0;
    let mut j = epos + 1;
    let eneg = j < b.len() && b[j] == b'-';
    if eneg {
        j += 1;
    }
    while j < b.len() {
        exp = exp * 10 + (b[j] - b'0') as i32;
        j += 1;
    }
    if eneg {
        exp = -exp;
    }
    if k > ndig {
        let tail = &d[ndig..k];
        if tail == b"5" {
            return sci_digits(x, ndig - 1, digits);
        }
        if tail[0] >= b'5' {
            // Round up with carry.
            let mut i = ndig;
            loop {
                if i == 0 {
                    // All nines: becomes 1000...
                    d[0] = b'1';
                    for c in d[1..ndig].iter_mut() {
                        *c = b'0';
                    }
                    exp += 1;
                    break;
                }
                i -= 1;
                if d[i] == b'9' {
                    d[i] = b'0';
                } else {
                    d[i] += 1;
                    break;
                }
            }
        }
    }
    // d[k..ndig] are already '0' (padding) when k < ndig.
    digits.buf[..ndig].copy_from_slice(&d[..ndig]);
    digits.len = ndig;
    exp
}

/// Appends the exponent part `e+XX` / `e-XX` (at least two digits) as C's
/// `printf` writes it, using `e` as the marker letter.
#[inline]
pub fn push_exponent(marker: u8, exp: i32, out: &mut Vec<u8>) {
    out.push(marker);
    out.push(if exp < 0 { b'-' } else { b'+' });
    let a = exp.unsigned_abs();
    if a < 10 {
        out.push(b'0');
    }
    fmt_u64(a as u64, out);
}

/// Formats a float as `tostring` does: C's `"%.14g"`, then a `.0` suffix if
/// the result looks like an integer.
///
/// Examples: `1.0` → `1.0`, `1e15` → `1e+15`, `2^63` → `9.2233720368548e+18`,
/// `-0.0` → `-0.0`, infinities → `inf` / `-inf`, NaN → `nan` or `-nan`
/// according to its sign bit, `0.1` → `0.1`, `100.0` → `100.0`.
pub fn fmt_float(f: f64, out: &mut Vec<u8>) {
    if !f.is_finite() {
        if f.is_sign_negative() {
            out.push(b'-');
        }
        out.extend_from_slice(if f.is_nan() { b"nan" } else { b"inf" });
        return;
    }
    // Fast path: integral values with at most 14 digits print exactly.
    let a = f.abs();
    if a < 1e14 && f == f.trunc() {
        if f.is_sign_negative() {
            out.push(b'-');
        }
        fmt_u64(a as u64, out);
        out.extend_from_slice(b".0");
        return;
    }
    if f.is_sign_negative() {
        out.push(b'-');
    }
    let mut local = [0u8; 14];
    let mut big;
    let (d, exp): (&[u8], i32) = match round_sig_int(a, 14) {
        Some((q, exp)) => {
            write_fixed_digits(q, 14, &mut local);
            (&local, exp)
        }
        None => {
            big = StackBuf::new();
            let exp = sig_digits(a, 14, &mut big);
            (big.as_bytes(), exp)
        }
    };
    // Significant digits after trailing-zero removal.
    let mut n = d.len();
    while n > 1 && d[n - 1] == b'0' {
        n -= 1;
    }
    if !(-4..14).contains(&exp) {
        out.push(d[0]);
        if n > 1 {
            out.push(b'.');
            out.extend_from_slice(&d[1..n]);
        }
        push_exponent(b'e', exp, out);
    } else if exp >= 0 {
        let int_len = exp as usize + 1;
        out.extend_from_slice(&d[..int_len]);
        out.push(b'.');
        if n > int_len {
            out.extend_from_slice(&d[int_len..n]);
        } else {
            // Looks like an integer: Lua appends ".0".
            out.push(b'0');
        }
    } else {
        out.extend_from_slice(b"0.");
        for _ in 0..(-exp - 1) {
            out.push(b'0');
        }
        out.extend_from_slice(&d[..n]);
    }
}

/// Appends the decimal digits of an unsigned integer.
#[inline]
pub fn fmt_u64(mut v: u64, out: &mut Vec<u8>) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends the decimal representation of an integer (as `tostring` and
/// `%d` print it).
#[inline]
pub fn fmt_int(i: i64, out: &mut Vec<u8>) {
    if i < 0 {
        out.push(b'-');
    }
    fmt_u64(i.unsigned_abs(), out);
}

/// 2^63 as a float: the first float above the `i64` range.
const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// Converts a float to an integer only if it has an exact integer value in
/// the `i64` range (Lua's conversion for table keys, bitwise operands,
/// `math.tointeger`, ...). NaN, infinities and fractional values give `None`.
#[inline]
pub fn float_to_int_exact(f: f64) -> Option<i64> {
    if f.trunc() == f && (-TWO_63..TWO_63).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

/// Converts a float to the greatest integer not above it, if that integer
/// fits in an `i64` (used for numeric `for` limits and int/float
/// comparisons). NaN and out-of-range values give `None`.
#[inline]
pub fn float_to_int_floor(f: f64) -> Option<i64> {
    float_to_int_exact(f.floor())
}

/// Converts a float to the least integer not below it, if that integer fits
/// in an `i64`. NaN and out-of-range values give `None`.
#[inline]
pub fn float_to_int_ceil(f: f64) -> Option<i64> {
    float_to_int_exact(f.ceil())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tostr(f: f64) -> String {
        let mut v = Vec::new();
        fmt_float(f, &mut v);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn fmt_float_examples() {
        assert_eq!(tostr(1.0), "1.0");
        assert_eq!(tostr(1e15), "1e+15");
        assert_eq!(tostr(1e16), "1e+16");
        assert_eq!(tostr(1e14), "1e+14");
        assert_eq!(tostr(99999999999999.0), "99999999999999.0");
        assert_eq!(tostr(2f64.powi(63)), "9.2233720368548e+18");
        assert_eq!(tostr(-0.0), "-0.0");
        assert_eq!(tostr(0.0), "0.0");
        assert_eq!(tostr(f64::INFINITY), "inf");
        assert_eq!(tostr(f64::NEG_INFINITY), "-inf");
        assert_eq!(tostr(f64::NAN), "nan");
        assert_eq!(tostr(-f64::NAN), "-nan");
        assert_eq!(tostr(0.1), "0.1");
        assert_eq!(tostr(100.0), "100.0");
        assert_eq!(tostr(0.1 + 0.2), "0.3");
        assert_eq!(tostr(1.0 / 3.0), "0.33333333333333");
        assert_eq!(tostr(123456789012345.6), "1.2345678901235e+14");
        assert_eq!(tostr(1e-5), "1e-05");
        assert_eq!(tostr(1e-4), "0.0001");
        assert_eq!(tostr(5e-324), "4.9406564584125e-324");
        assert_eq!(tostr(1e300), "1e+300");
        assert_eq!(tostr(-1.5), "-1.5");
    }

    #[test]
    fn fmt_int_examples() {
        let mut v = Vec::new();
        for (i, s) in [
            (0i64, "0"),
            (-1, "-1"),
            (i64::MIN, "-9223372036854775808"),
            (i64::MAX, "9223372036854775807"),
            (1234567890, "1234567890"),
        ] {
            v.clear();
            fmt_int(i, &mut v);
            assert_eq!(v, s.as_bytes());
        }
    }

    #[test]
    fn str_to_number_examples() {
        use Number::*;
        let n = |s: &str| str_to_number(s.as_bytes());
        assert_eq!(n("1"), Some(Int(1)));
        assert_eq!(n(" \t-12 \n"), Some(Int(-12)));
        assert_eq!(n("0x10"), Some(Int(16)));
        assert_eq!(n("0xffffffffffffffff"), Some(Int(-1)));
        assert_eq!(n("9223372036854775808"), Some(Float(9223372036854775808.0)));
        assert_eq!(n("-9223372036854775808"), Some(Int(i64::MIN)));
        assert_eq!(n("0x1.8p3"), Some(Float(12.0)));
        assert_eq!(n("0x.1"), Some(Float(0.0625)));
        assert_eq!(n("0xA."), Some(Float(10.0)));
        assert_eq!(n("5."), Some(Float(5.0)));
        assert_eq!(n(".5"), Some(Float(0.5)));
        assert_eq!(n("1e999"), Some(Float(f64::INFINITY)));
        assert_eq!(n("0x1p-1074"), Some(Float(5e-324)));
        assert_eq!(n("0x1p-1075"), Some(Float(0.0)));
        assert_eq!(n("0x1.8p-1074"), Some(Float(1e-323)));
        for bad in [
            "inf", "nan", "0x", "1e", "", " ", "1 2", "1\0", "0x.", "0x1p", ".", "- 1", "+-1",
            "1e+", "0x.p1", "infinity", "1f",
        ] {
            assert_eq!(n(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn int_base_examples() {
        let b = |s: &str, base| str_to_int_base(s.as_bytes(), base);
        assert_eq!(b("10", 2), Some(2));
        assert_eq!(b("ff", 16), Some(255));
        assert_eq!(b("+ff", 16), Some(255));
        assert_eq!(b(" -zz ", 36), Some(-1295));
        assert_eq!(b("12", 2), None);
        assert_eq!(b("", 10), None);
        assert_eq!(b("-", 10), None);
        assert_eq!(b("8000000000000000", 16), Some(i64::MIN));
        assert_eq!(b("99999999999999999999", 10), Some(7766279631452241919));
    }

    #[test]
    fn float_to_int() {
        assert_eq!(float_to_int_exact(3.0), Some(3));
        assert_eq!(float_to_int_exact(3.5), None);
        assert_eq!(float_to_int_exact(-0.0), Some(0));
        assert_eq!(float_to_int_exact(f64::NAN), None);
        assert_eq!(float_to_int_exact(TWO_63), None);
        assert_eq!(float_to_int_exact(-TWO_63), Some(i64::MIN));
        assert_eq!(float_to_int_floor(3.5), Some(3));
        assert_eq!(float_to_int_floor(-3.5), Some(-4));
        assert_eq!(float_to_int_ceil(3.5), Some(4));
        assert_eq!(float_to_int_ceil(-3.5), Some(-3));
        assert_eq!(float_to_int_floor(1e300), None);
        assert_eq!(float_to_int_ceil(-1e300), None);
        assert_eq!(float_to_int_floor(f64::INFINITY), None);
        assert_eq!(float_to_int_ceil(f64::NAN), None);
        assert_eq!(float_to_int_ceil(-TWO_63 - 2048.0), None);
        assert_eq!(float_to_int_ceil(TWO_63 - 1024.0), Some(i64::MAX - 1023));
    }

    // ---- corpus tests (generated by tests/data/gen_number_corpus.lua) ----

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn tostring_corpus() {
        let data = include_str!("../../../tests/data/tostring_corpus.txt");
        let (mut pass, mut fail) = (0, 0);
        let mut out = Vec::new();
        for line in data
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (bits, expect) = line.split_once('\t').unwrap();
            let f = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
            out.clear();
            fmt_float(f, &mut out);
            if out == expect.as_bytes() {
                pass += 1;
            } else {
                fail += 1;
                eprintln!(
                    "{bits}: got {:?}, want {expect:?}",
                    String::from_utf8_lossy(&out)
                );
            }
        }
        eprintln!("tostring corpus: {pass} passed, {fail} failed");
        assert!(pass >= 2000);
        assert_eq!(fail, 0);
    }

    #[test]
    fn tonumber_corpus() {
        let data = include_str!("../../../tests/data/tonumber_corpus.txt");
        let (mut pass, mut fail) = (0, 0);
        for line in data
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let mut parts = line.split('\t');
            let input = unhex(parts.next().unwrap());
            let base = parts.next().unwrap();
            let expect = parts.next().unwrap();
            let got = if base.is_empty() {
                match str_to_number(&input) {
                    None => "nil".to_string(),
                    Some(Number::Int(i)) => format!("int {i}"),
                    Some(Number::Float(f)) => format!("flt {:016x}", f.to_bits()),
                }
            } else {
                match str_to_int_base(&input, base.parse().unwrap()) {
                    None => "nil".to_string(),
                    Some(i) => format!("int {i}"),
                }
            };
            if got == expect {
                pass += 1;
            } else {
                fail += 1;
                eprintln!("{line}: got {got}");
            }
        }
        eprintln!("tonumber corpus: {pass} passed, {fail} failed");
        assert!(pass >= 300);
        assert_eq!(fail, 0);
    }
}
