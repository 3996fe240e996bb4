//! The building blocks of `string.format`: conversion-spec parsing and
//! validation, and printf-style formatting of integers, floats and strings,
//! plus the `%q` literal quoting.
//!
//! The behaviour (including error texts) follows the reference interpreter,
//! Lua 5.4.4 on x86-64 Linux with glibc, whose `printf` defines the details of
//! the numeric conversions.
//!
//! # Driving a `string.format` call
//!
//! For each `%` in the format string the caller should, in this order
//! (this is the order in which the reference interpreter raises errors):
//! 1. if the next byte is `%`, emit a literal `%` (no argument is consumed);
//! 2. otherwise, if no argument is left, raise the argument error
//!    `"no value"` for the next argument position;
//! 3. call [`scan_spec`] (errors: too long, unknown conversion, `%q` with
//!    modifiers);
//! 4. per conversion, see [`Spec::check`] for when to validate the flags
//!    relative to fetching/converting the argument, then call the matching
//!    formatter.
//!
//! [`parse_spec`] performs steps 3 and 4's validation at once for callers
//! that do not care about the precedence between argument errors and
//! invalid-flag errors.

use crate::number::{fmt_float, fmt_u64, push_exponent, sig_digits, StackBuf};
use std::fmt::Write as _;

/// Maximum length of the text between `%` and the conversion character
/// (flags, width, `.` and precision together), as the reference
/// interpreter enforces it.
const MAX_SPAN: usize = 20;

/// One parsed conversion specification (`%-+ #0` flags, width, precision
/// and conversion character).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    /// `-`: left-justify within the field width.
    pub left: bool,
    /// `+`: always print a sign for signed conversions.
    pub plus: bool,
    /// ` `: print a space where a `+` sign would go.
    pub space: bool,
    /// `#`: alternate form (`0x` prefix, forced decimal point, ...).
    pub alt: bool,
    /// `0`: pad with zeros instead of spaces.
    pub zero: bool,
    /// Minimum field width (0 when absent).
    pub width: usize,
    /// Precision, when a `.` was given (`%.f` means precision 0).
    pub precision: Option<usize>,
    /// The conversion character (`d`, `s`, `q`, ...), or `%` for `%%`.
    pub conv: u8,
    /// Raw bytes between `%` and the conversion character.
    form: [u8; MAX_SPAN],
    /// Number of valid bytes in `form`.
    span: u8,
}

impl Spec {
    /// The modifier text between `%` and the conversion character.
    pub fn modifiers(&self) -> &[u8] {
        &self.form[..self.span as usize]
    }

    /// Whether the spec has any flag, width or precision. For `%s`, a spec
    /// with modifiers makes the reference interpreter reject strings that
    /// contain NUL bytes (argument error `"string contains zeros"`), raised
    /// after converting the argument and before [`Spec::check`].
    pub fn has_modifiers(&self) -> bool {
        self.span != 0
    }

    /// The spec as written, e.g. `%-5.2f`, as used in error messages.
    fn text(&self) -> String {
        let mut v = Vec::with_capacity(self.span as usize + 2);
        v.push(b'%');
        v.extend_from_slice(self.modifiers());
        if self.conv != 0 {
            v.push(self.conv);
        }
        String::from_utf8_lossy(&v).into_owned()
    }

    /// Validates the flags, width and precision for the conversion, the way
    /// the reference interpreter does: each conversion allows only some flags
    /// (`c`, `p`, `s`: `-`; `d`, `i`: `-+ 0`; `u`: `-0`; `o`, `x`, `X`:
    /// `-#0`; `a A e E f g G`: `-+ #0`), a width of at most two digits not
    /// starting with `0`, and (except for `c` and `p`) a precision of at
    /// most two digits.
    ///
    /// Error text: `invalid conversion specification: '%...'`.
    ///
    /// Ordering in the reference interpreter: for `c`, `a`, `A` and `p` the
    /// check happens before the argument is fetched; for `d i u o x X` and
    /// `e E f g G` the argument is converted first (so a bad argument is
    /// reported in preference); for `s` it happens only when the spec has
    /// modifiers, after the argument was converted and checked for NULs.
    /// `%s` without modifiers and `%%` always pass.
    pub fn check(&self) -> Result<(), String> {
        let (flags, precision_ok): (&[u8], bool) = match self.conv {
            b'c' | b'p' => (b"-", false),
            b's' => {
                if self.span == 0 {
                    return Ok(());
                }
                (b"-", true)
            }
            b'd' | b'i' => (b"-+ 0", true),
            b'u' => (b"-0", true),
            b'o' | b'x' | b'X' => (b"-#0", true),
            b'a' | b'A' | b'e' | b'E' | b'f' | b'g' | b'G' => (b"-+ #0", true),
            _ => return Ok(()),
        };
        let m = self.modifiers();
        let mut i = 0;
        while i < m.len() && flags.contains(&m[i]) {
            i += 1;
        }
        let two_digits = |i: &mut usize| {
            for _ in 0..2 {
                if *i < m.len() && m[*i].is_ascii_digit() {
                    *i += 1;
                }
            }
        };
        if m.get(i) != Some(&b'0') {
            two_digits(&mut i);
            if precision_ok && m.get(i) == Some(&b'.') {
                i += 1;
                two_digits(&mut i);
            }
        }
        if i == m.len() {
            Ok(())
        } else {
            Err(format!(
                "invalid conversion specification: '{}'",
                self.text()
            ))
        }
    }
}

/// Scans the conversion spec that starts just after a `%` at `fmt[pos..]`,
/// returning it with the index just past the conversion character.
///
/// This performs the checks the reference interpreter makes before looking
/// at the argument:
/// * more than 20 bytes of flags/digits/dots: `invalid format (too long)`;
/// * an unknown conversion character (or the end of the string):
///   `invalid conversion '%...' to 'format'`;
/// * `%q` with any modifier: `specifier '%q' cannot have modifiers`.
///
/// `%%` (when `fmt[pos]` is `%`) yields a spec with `conv == b'%'`, which
/// consumes no argument. The flag/width/precision validity is checked
/// separately by [`Spec::check`]. Error texts containing bytes that are not
/// UTF-8 are converted lossily.
pub fn scan_spec(fmt: &[u8], pos: usize) -> Result<(Spec, usize), String> {
    let mut spec = Spec {
        left: false,
        plus: false,
        space: false,
        alt: false,
        zero: false,
        width: 0,
        precision: None,
        conv: b'%',
        form: [0; MAX_SPAN],
        span: 0,
    };
    if fmt.get(pos) == Some(&b'%') {
        return Ok((spec, pos + 1));
    }
    let mut span = 0;
    while pos + span < fmt.len() && b"-+ #0123456789.".contains(&fmt[pos + span]) {
        span += 1;
    }
    if span > MAX_SPAN {
        return Err("invalid format (too long)".to_string());
    }
    spec.form[..span].copy_from_slice(&fmt[pos..pos + span]);
    spec.span = span as u8;
    spec.conv = fmt.get(pos + span).copied().unwrap_or(0);
    match spec.conv {
        b'c' | b'd' | b'i' | b'u' | b'o' | b'x' | b'X' | b'a' | b'A' | b'e' | b'E' | b'f'
        | b'g' | b'G' | b'p' | b's' => {}
        b'q' => {
            if span != 0 {
                return Err("specifier '%q' cannot have modifiers".to_string());
            }
        }
        _ => {
            // The reference interpreter works on C strings: a NUL ends the
            // text shown in the message.
            let mut text = vec![b'%'];
            text.extend_from_slice(&fmt[pos..(pos + span + 1).min(fmt.len())]);
            if let Some(z) = text.iter().position(|&c| c == 0) {
                text.truncate(z);
            }
            return Err(format!(
                "invalid conversion '{}' to 'format'",
                String::from_utf8_lossy(&text)
            ));
        }
    }
    // Decode flags, width and precision (values are only meaningful once
    // `check` has passed; they saturate otherwise).
    let m = &fmt[pos..pos + span];
    let mut i = 0;
    while i < m.len() {
        match m[i] {
            b'-' => spec.left = true,
            b'+' => spec.plus = true,
            b' ' => spec.space = true,
            b'#' => spec.alt = true,
            b'0' => spec.zero = true,
            _ => break,
        }
        i += 1;
    }
    let num = |i: &mut usize| {
        let mut v: usize = 0;
        while *i < m.len() && m[*i].is_ascii_digit() {
            v = v.saturating_mul(10).saturating_add((m[*i] - b'0') as usize);
            *i += 1;
        }
        v
    };
    spec.width = num(&mut i);
    if i < m.len() && m[i] == b'.' {
        i += 1;
        spec.precision = Some(num(&mut i));
    }
    Ok((spec, pos + span + 1))
}

/// Parses and fully validates the conversion spec starting just after `%`
/// at `fmt[pos..]`: [`scan_spec`] followed by [`Spec::check`]. Returns the
/// spec and the index just past it.
///
/// Error texts are the reference interpreter's, e.g.
/// `invalid conversion '%y' to 'format'`,
/// `invalid conversion specification: '%#d'`,
/// `specifier '%q' cannot have modifiers`, `invalid format (too long)`.
pub fn parse_spec(fmt: &[u8], pos: usize) -> Result<(Spec, usize), String> {
    let (spec, next) = scan_spec(fmt, pos)?;
    spec.check()?;
    Ok((spec, next))
}

/// Appends `sign`, `prefix` and `body` padded to the spec's width:
/// left-justified with spaces, right-justified with spaces, or (when
/// `zero_pad`) with zeros between the prefix and the body.
fn pad_out(
    spec: &Spec,
    sign: &[u8],
    prefix: &[u8],
    body: &[u8],
    zero_pad: bool,
    out: &mut Vec<u8>,
) {
    let len = sign.len() + prefix.len() + body.len();
    let fill = spec.width.saturating_sub(len);
    if spec.left {
        out.extend_from_slice(sign);
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
        out.resize(out.len() + fill, b' ');
    } else if zero_pad {
        out.extend_from_slice(sign);
        out.extend_from_slice(prefix);
        out.resize(out.len() + fill, b'0');
        out.extend_from_slice(body);
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(sign);
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
    }
}

/// Formats an integer for the conversions `d i u c x X o`, as C's `printf`
/// does with a 64-bit argument (`u o x X` treat the value as unsigned;
/// `c` writes the single byte `v as u8`, which may be NUL).
pub fn format_int(spec: &Spec, v: i64, out: &mut Vec<u8>) {
    if spec.conv == b'c' {
        pad_out(spec, b"", b"", &[v as u8], false, out);
        return;
    }
    let (neg, mag) = match spec.conv {
        b'd' | b'i' => (v < 0, v.unsigned_abs()),
        _ => (false, v as u64),
    };
    let sign: &[u8] = if neg {
        b"-"
    } else if matches!(spec.conv, b'd' | b'i') && spec.plus {
        b"+"
    } else if matches!(spec.conv, b'd' | b'i') && spec.space {
        b" "
    } else {
        b""
    };
    // Digits, most significant first, in a scratch buffer (22 octal digits
    // at most).
    let mut buf = [0u8; 24];
    let mut i = buf.len();
    let (radix, digits): (u64, &[u8; 16]) = match spec.conv {
        b'o' => (8, b"0123456789abcdef"),
        b'x' => (16, b"0123456789abcdef"),
        b'X' => (16, b"0123456789ABCDEF"),
        _ => (10, b"0123456789abcdef"),
    };
    let mut m = mag;
    if !(mag == 0 && spec.precision == Some(0)) {
        loop {
            i -= 1;
            buf[i] = digits[(m % radix) as usize];
            m /= radix;
            if m == 0 {
                break;
            }
        }
    }
    let body = &buf[i..];
    let prec = spec.precision.unwrap_or(0);
    let mut zeros = prec.saturating_sub(body.len());
    if spec.conv == b'o' && spec.alt && zeros == 0 && body.first() != Some(&b'0') {
        zeros = 1;
    }
    let prefix: &[u8] = match spec.conv {
        b'x' if spec.alt && mag != 0 => b"0x",
        b'X' if spec.alt && mag != 0 => b"0X",
        _ => b"",
    };
    if zeros == 0 {
        pad_out(
            spec,
            sign,
            prefix,
            body,
            spec.zero && spec.precision.is_none(),
            out,
        );
    } else {
        let mut full = Vec::with_capacity(zeros + body.len());
        full.resize(zeros, b'0');
        full.extend_from_slice(body);
        pad_out(spec, sign, prefix, &full, false, out);
    }
}

/// Formats a float for the conversions `e E f g G a A` exactly as glibc's
/// `printf` does: correctly rounded decimal digits (ties to even on the exact
/// binary value), at least two exponent digits, `%g`'s style selection and
/// trailing-zero removal, `#` forms, hexadecimal floats, and `inf`/`nan`
/// (upper-case for upper-case conversions, signed by the sign bit, padded
/// with spaces even under the `0` flag).
pub fn format_float(spec: &Spec, v: f64, out: &mut Vec<u8>) {
    let upper = spec.conv.is_ascii_uppercase();
    let sign: &[u8] = if v.is_sign_negative() {
        b"-"
    } else if spec.plus {
        b"+"
    } else if spec.space {
        b" "
    } else {
        b""
    };
    if !v.is_finite() {
        let body: &[u8] = match (v.is_nan(), upper) {
            (true, false) => b"nan",
            (true, true) => b"NAN",
            (false, false) => b"inf",
            (false, true) => b"INF",
        };
        pad_out(spec, sign, b"", body, false, out);
        return;
    }
    let a = v.abs();
    let zero_pad = spec.zero;
    let mut body: Vec<u8> = Vec::with_capacity(32);
    match spec.conv {
        b'a' | b'A' => {
            hex_float_body(a, spec.precision, spec.alt, upper, &mut body);
            let prefix: &[u8] = if upper { b"0X" } else { b"0x" };
            pad_out(spec, sign, prefix, &body, zero_pad, out);
            return;
        }
        b'f' | b'F' => {
            let p = spec.precision.unwrap_or(6);
            let mut tmp = StackBuf::new();
            // Cannot fail: at most 309 integer digits + 1 + 99 decimals.
            let _ = write!(tmp, "{:.*}", p, a);
            body.extend_from_slice(tmp.as_bytes());
            if spec.alt && p == 0 {
                body.push(b'.');
            }
        }
        b'e' | b'E' => {
            let p = spec.precision.unwrap_or(6);
            let mut d = StackBuf::new();
            let exp = sig_digits(a, p + 1, &mut d);
            let d = d.as_bytes();
            body.push(d[0]);
            if p > 0 || spec.alt {
                body.push(b'.');
            }
            body.extend_from_slice(&d[1..]);
            push_exponent(if upper { b'E' } else { b'e' }, exp, &mut body);
        }
        _ => {
            // g / G
            let p = match spec.precision {
                None => 6,
                Some(0) => 1,
                Some(p) => p,
            };
            let mut d = StackBuf::new();
            let exp = sig_digits(a, p, &mut d);
            let d = d.as_bytes();
            if exp < -4 || exp >= p as i32 {
                body.push(d[0]);
                let mut n = d.len();
                // glibc quirk: when a value just below 10^p (which would use
                // the fixed style with no fraction digits) rounds up to 10^p,
                // it switches to the exponent style but keeps the fraction
                // digit count of the fixed style (zero): `%#g` of 999999.99
                // prints `1.e+06`, not `1.00000e+06`.
                if spec.alt && exp == p as i32 && p < EXACT_POW10.len() && a < EXACT_POW10[p] {
                    n = 1;
                }
                if !spec.alt {
                    while n > 1 && d[n - 1] == b'0' {
                        n -= 1;
                    }
                }
                if n > 1 || spec.alt {
                    body.push(b'.');
                }
                body.extend_from_slice(&d[1..n]);
                push_exponent(if upper { b'E' } else { b'e' }, exp, &mut body);
            } else {
                let (int_part, frac): (&[u8], Vec<u8>) = if exp >= 0 {
                    let k = exp as usize + 1;
                    (&d[..k], d[k..].to_vec())
                } else {
                    let mut f = vec![b'0'; (-exp - 1) as usize];
                    f.extend_from_slice(d);
                    (b"0", f)
                };
                let mut n = frac.len();
                if !spec.alt {
                    while n > 0 && frac[n - 1] == b'0' {
                        n -= 1;
                    }
                }
                body.extend_from_slice(int_part);
                if n > 0 || spec.alt {
                    body.push(b'.');
                }
                body.extend_from_slice(&frac[..n]);
            }
        }
    }
    pad_out(spec, sign, b"", &body, zero_pad, out);
}

/// Powers of ten that are exactly representable as doubles.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Writes the part of a `%a` conversion after the `0x` prefix for a finite,
/// non-negative `a`: leading digit, optional fraction and binary exponent,
/// as glibc prints it (subnormals as `0x0.xxxp-1022`; rounding to the
/// precision is ties-to-even and a carry can make the leading digit `2`).
fn hex_float_body(a: f64, precision: Option<usize>, alt: bool, upper: bool, out: &mut Vec<u8>) {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let bits = a.to_bits();
    let bexp = (bits >> 52) as i32 & 0x7ff;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, exp) = if bexp == 0 {
        (0u64, if frac == 0 { 0 } else { -1022 })
    } else {
        (1u64, bexp - 1023)
    };
    let full = (lead << 52) | frac;
    // Number of hex fraction digits to print and their value.
    let (lead_digit, nfrac, fbits) = match precision {
        None => {
            let mut n = 13;
            let mut f = frac;
            while n > 0 && f & 0xf == 0 {
                f >>= 4;
                n -= 1;
            }
            (lead, n, f)
        }
        Some(p) if p < 13 => {
            let shift = 52 - 4 * p as u32;
            let mut kept = full >> shift;
            let rem = full & ((1u64 << shift) - 1);
            let half = 1u64 << (shift - 1);
            if rem > half || (rem == half && kept & 1 == 1) {
                kept += 1;
            }
            let fmask = (1u64 << (4 * p)) - 1;
            (kept >> (4 * p), p, kept & fmask)
        }
        Some(p) => (lead, p, frac),
    };
    out.push(digits[lead_digit as usize]);
    if nfrac > 0 || alt {
        out.push(b'.');
    }
    let shown = nfrac.min(13);
    for k in (0..shown).rev() {
        out.push(digits[((fbits >> (4 * k)) & 0xf) as usize]);
    }
    if nfrac > 13 {
        // Precision beyond the 13 available digits: `fbits` holds the 13
        // digits; pad with zeros.
        out.resize(out.len() + (nfrac - 13), b'0');
    }
    out.push(if upper { b'P' } else { b'p' });
    out.push(if exp < 0 { b'-' } else { b'+' });
    fmt_u64(exp.unsigned_abs() as u64, out);
}

/// Formats a string for `%s`: the precision (if any) truncates to that many
/// bytes, then the result is padded with spaces to the width (on the right
/// with `-`). The caller converts non-string arguments as `tostring` does
/// and, when [`Spec::has_modifiers`], rejects strings containing NUL bytes.
/// Also usable for `%p`, given the pointer text (`(null)` or `0x...`).
pub fn format_str(spec: &Spec, s: &[u8], out: &mut Vec<u8>) {
    let s = match spec.precision {
        Some(p) if p < s.len() => &s[..p],
        _ => s,
    };
    pad_out(spec, b"", b"", s, false, out);
}

/// Writes a string as a Lua literal for `%q`: double-quoted; `"`, `\` and
/// newline escaped with a backslash (the newline stays a real newline after
/// the backslash); other control bytes (including NUL, `\r` and DEL) as
/// decimal escapes `\ddd`, zero-padded to three digits only when a digit
/// follows; all other bytes verbatim.
pub fn quote_string(s: &[u8], out: &mut Vec<u8>) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    for (i, &c) in s.iter().enumerate() {
        match c {
            b'"' | b'\\' | b'\n' => {
                out.push(b'\\');
                out.push(c);
            }
            0..=0x1f | 0x7f => {
                out.push(b'\\');
                let next_digit = s.get(i + 1).is_some_and(|d| d.is_ascii_digit());
                if next_digit {
                    out.push(b'0' + c / 100);
                    out.push(b'0' + (c / 10) % 10);
                    out.push(b'0' + c % 10);
                } else {
                    fmt_u64(c as u64, out);
                }
            }
            _ => out.push(c),
        }
    }
    out.push(b'"');
}

/// Writes an integer for `%q`: decimal, except `math.mininteger`, which is
/// written as `0x8000000000000000` (its decimal form would read back as a
/// float).
pub fn quote_int(i: i64, out: &mut Vec<u8>) {
    if i == i64::MIN {
        out.extend_from_slice(b"0x8000000000000000");
    } else {
        crate::number::fmt_int(i, out);
    }
}

/// Writes a float for `%q`: `1e9999` / `-1e9999` for the infinities,
/// `(0/0)` for any NaN, otherwise the exact hexadecimal form of `%a`
/// (so `1.0` gives `0x1p+0`, `-0.0` gives `-0x0p+0`).
///
/// The other values `%q` accepts are `nil`, `true` and `false` (written as
/// those words); anything else is the argument error
/// `value has no literal form`.
pub fn quote_float(f: f64, out: &mut Vec<u8>) {
    if f.is_nan() {
        out.extend_from_slice(b"(0/0)");
    } else if f.is_infinite() {
        out.extend_from_slice(if f > 0.0 { b"1e9999" } else { b"-1e9999" });
    } else {
        if f.is_sign_negative() {
            out.push(b'-');
        }
        out.extend_from_slice(b"0x");
        hex_float_body(f.abs(), None, false, false, out);
    }
}

/// Formats a float as `tostring` does (`%.14g` plus the `.0` rule); this is
/// what `%s` shows for a float argument. Re-exported for convenience.
pub fn tostring_float(f: f64, out: &mut Vec<u8>) {
    fmt_float(f, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt1(f: &str, arg: Arg) -> Result<String, String> {
        let mut out = Vec::new();
        mini_format(f.as_bytes(), &[arg], &mut out)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// Argument values for the test driver.
    #[derive(Clone, Debug)]
    enum Arg {
        Int(i64),
        Float(f64),
        Str(Vec<u8>),
        Nil,
        Bool(bool),
        Table,
    }

    fn type_name(a: &Arg) -> &'static str {
        match a {
            Arg::Int(_) | Arg::Float(_) => "number",
            Arg::Str(_) => "string",
            Arg::Nil => "nil",
            Arg::Bool(_) => "boolean",
            Arg::Table => "table",
        }
    }

    fn to_int(a: &Arg, n: usize) -> Result<i64, String> {
        let bad = |msg: &str| Err(format!("bad argument #{n} to 'format' ({msg})"));
        match a {
            Arg::Int(i) => Ok(*i),
            Arg::Float(f) => match crate::number::float_to_int_exact(*f) {
                Some(i) => Ok(i),
                None => bad("number has no integer representation"),
            },
            Arg::Str(s) => match crate::number::str_to_number(s) {
                Some(crate::number::Number::Int(i)) => Ok(i),
                Some(crate::number::Number::Float(f)) => to_int(&Arg::Float(f), n),
                None => bad("number expected, got string"),
            },
            other => bad(&format!("number expected, got {}", type_name(other))),
        }
    }

    fn to_num(a: &Arg, n: usize) -> Result<f64, String> {
        match a {
            Arg::Int(i) => Ok(*i as f64),
            Arg::Float(f) => Ok(*f),
            Arg::Str(s) => match crate::number::str_to_number(s) {
                Some(crate::number::Number::Int(i)) => Ok(i as f64),
                Some(crate::number::Number::Float(f)) => Ok(f),
                None => Err(format!(
                    "bad argument #{n} to 'format' (number expected, got string)"
                )),
            },
            other => Err(format!(
                "bad argument #{n} to 'format' (number expected, got {})",
                type_name(other)
            )),
        }
    }

    /// A miniature `string.format` driving the module the way the VM will,
    /// reproducing the reference interpreter's error precedence.
    fn mini_format(fmt: &[u8], args: &[Arg], out: &mut Vec<u8>) -> Result<(), String> {
        let mut i = 0;
        let mut argn = 1; // the format string is argument #1
        while i < fmt.len() {
            if fmt[i] != b'%' {
                out.push(fmt[i]);
                i += 1;
                continue;
            }
            if fmt.get(i + 1) == Some(&b'%') {
                out.push(b'%');
                i += 2;
                continue;
            }
            argn += 1;
            let Some(arg) = args.get(argn - 2) else {
                return Err(format!("bad argument #{argn} to 'format' (no value)"));
            };
            let (spec, next) = scan_spec(fmt, i + 1)?;
            i = next;
            match spec.conv {
                b'c' => {
                    spec.check()?;
                    format_int(&spec, to_int(arg, argn)?, out);
                }
                b'd' | b'i' | b'u' | b'o' | b'x' | b'X' => {
                    let v = to_int(arg, argn)?;
                    spec.check()?;
                    format_int(&spec, v, out);
                }
                b'a' | b'A' => {
                    spec.check()?;
                    format_float(&spec, to_num(arg, argn)?, out);
                }
                b'e' | b'E' | b'f' | b'g' | b'G' => {
                    let v = to_num(arg, argn)?;
                    spec.check()?;
                    format_float(&spec, v, out);
                }
                b'p' => {
                    spec.check()?;
                    format_str(&spec, b"(null)", out);
                }
                b'q' => match arg {
                    Arg::Int(v) => quote_int(*v, out),
                    Arg::Float(f) => quote_float(*f, out),
                    Arg::Str(s) => quote_string(s, out),
                    Arg::Nil => out.extend_from_slice(b"nil"),
                    Arg::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
                    Arg::Table => {
                        return Err(format!(
                            "bad argument #{argn} to 'format' (value has no literal form)"
                        ))
                    }
                },
                b's' => {
                    let s: Vec<u8> = match arg {
                        Arg::Int(v) => {
                            let mut t = Vec::new();
                            crate::number::fmt_int(*v, &mut t);
                            t
                        }
                        Arg::Float(f) => {
                            let mut t = Vec::new();
                            tostring_float(*f, &mut t);
                            t
                        }
                        Arg::Str(s) => s.clone(),
                        Arg::Nil => b"nil".to_vec(),
                        Arg::Bool(b) => {
                            if *b {
                                b"true".to_vec()
                            } else {
                                b"false".to_vec()
                            }
                        }
                        Arg::Table => b"table: 0x0".to_vec(),
                    };
                    if spec.has_modifiers() {
                        if s.contains(&0) {
                            return Err(format!(
                                "bad argument #{argn} to 'format' (string contains zeros)"
                            ));
                        }
                        spec.check()?;
                    }
                    format_str(&spec, &s, out);
                }
                _ => unreachable!(),
            }
        }
        Ok(())
    }

    #[test]
    fn examples() {
        use Arg::*;
        assert_eq!(fmt1("%a", Int(1)).unwrap(), "0x1p+0");
        assert_eq!(fmt1("%.3a", Float(1.0 / 3.0)).unwrap(), "0x1.555p-2");
        assert_eq!(fmt1("%A", Float(255.5)).unwrap(), "0X1.FFP+7");
        assert_eq!(fmt1("%.0a", Float(1.5)).unwrap(), "0x2p+0");
        assert_eq!(
            fmt1("%a", Float(5e-324)).unwrap(),
            "0x0.0000000000001p-1022"
        );
        assert_eq!(fmt1("%5.1f", Float(3.125)).unwrap(), "  3.1");
        assert_eq!(fmt1("%-10s|", Str(b"abc".to_vec())).unwrap(), "abc       |");
        assert_eq!(fmt1("%.3s", Str(b"abcdef".to_vec())).unwrap(), "abc");
        assert_eq!(fmt1("%+d", Int(5)).unwrap(), "+5");
        assert_eq!(fmt1("% d", Int(5)).unwrap(), " 5");
        assert_eq!(fmt1("%#x", Int(255)).unwrap(), "0xff");
        assert_eq!(fmt1("%#o", Int(8)).unwrap(), "010");
        assert_eq!(fmt1("%05d", Int(-42)).unwrap(), "-0042");
        assert_eq!(fmt1("%.0f", Float(2.5)).unwrap(), "2");
        assert_eq!(fmt1("%.0f", Float(3.5)).unwrap(), "4");
        assert_eq!(fmt1("%e", Float(0.0)).unwrap(), "0.000000e+00");
        assert_eq!(fmt1("%g", Float(1e-5)).unwrap(), "1e-05");
        assert_eq!(fmt1("%#g", Float(1.0)).unwrap(), "1.00000");
        assert_eq!(fmt1("%05.1f", Float(f64::NEG_INFINITY)).unwrap(), " -inf");
        assert_eq!(fmt1("%q", Int(i64::MIN)).unwrap(), "0x8000000000000000");
        assert_eq!(fmt1("%q", Float(1.0)).unwrap(), "0x1p+0");
        assert_eq!(fmt1("%q", Float(f64::INFINITY)).unwrap(), "1e9999");
        assert_eq!(fmt1("%q", Float(f64::NAN)).unwrap(), "(0/0)");
        assert_eq!(
            fmt1("%q", Str(b"a\0\x012\r\n\"\\\x7f\xff".to_vec())).unwrap(),
            "\"a\\0\\0012\\13\\\n\\\"\\\\\\127\u{fffd}\""
        );
        assert_eq!(fmt1("%c", Int(65)).unwrap(), "A");
        assert_eq!(fmt1("%.99f", Float(1.0 / 3.0)).unwrap().len(), 101);
    }

    #[test]
    fn errors() {
        use Arg::*;
        assert_eq!(
            fmt1("%10.3q", Str(b"x".to_vec())).unwrap_err(),
            "specifier '%q' cannot have modifiers"
        );
        assert_eq!(
            fmt1("%y", Int(1)).unwrap_err(),
            "invalid conversion '%y' to 'format'"
        );
        assert_eq!(
            fmt1("%#d", Int(1)).unwrap_err(),
            "invalid conversion specification: '%#d'"
        );
        assert_eq!(
            fmt1("%#d", Str(b"x".to_vec())).unwrap_err(),
            "bad argument #2 to 'format' (number expected, got string)"
        );
        assert_eq!(
            fmt1("%100d", Int(1)).unwrap_err(),
            "invalid conversion specification: '%100d'"
        );
        assert_eq!(
            fmt1("%-+ #0-+ #0-+ #0-+ #0-d", Int(1)).unwrap_err(),
            "invalid format (too long)"
        );
        assert_eq!(
            fmt1("%5\0d", Int(1)).unwrap_err(),
            "invalid conversion '%5' to 'format'"
        );
        assert_eq!(
            fmt1("%", Int(1)).unwrap_err(),
            "invalid conversion '%' to 'format'"
        );
        assert!(parse_spec(b"%5.2f", 1).is_ok());
        assert!(parse_spec(b"%.123f", 1).is_err());
        let (s, next) = parse_spec(b"%-5.2fx", 1).unwrap();
        assert_eq!(
            (s.left, s.width, s.precision, s.conv, next),
            (true, 5, Some(2), b'f', 6)
        );
    }

    // ---- corpus test (generated by tests/data/gen_format_corpus.lua) ----

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn format_corpus() {
        let data = include_str!("../../../../../tests/data/format_corpus.txt");
        let (mut pass, mut fail) = (0, 0);
        for line in data
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let f: Vec<&str> = line.split('\t').collect();
            let fmt = unhex(f[0]);
            let arg = match f[1] {
                "i" => Arg::Int(f[2].parse().unwrap()),
                "f" => Arg::Float(f64::from_bits(u64::from_str_radix(f[2], 16).unwrap())),
                "s" => Arg::Str(unhex(f[2])),
                "nil" => Arg::Nil,
                "b" => Arg::Bool(f[2] == "true"),
                "t" => Arg::Table,
                other => panic!("bad type {other}"),
            };
            let expect_ok = f[3] == "ok";
            let expect = unhex(f[4]);
            let mut out = Vec::new();
            let got = mini_format(&fmt, &[arg], &mut out);
            let good = match (&got, expect_ok) {
                (Ok(()), true) => out == expect,
                (Err(e), false) => e.as_bytes() == expect.as_slice(),
                _ => false,
            };
            if good {
                pass += 1;
            } else {
                fail += 1;
                eprintln!(
                    "{:?} {}: got {:?} / {:?}, want {:?}",
                    String::from_utf8_lossy(&fmt),
                    f[2],
                    got,
                    String::from_utf8_lossy(&out),
                    String::from_utf8_lossy(&expect)
                );
            }
        }
        eprintln!("format corpus: {pass} passed, {fail} failed");
        assert!(pass >= 1000);
        assert_eq!(fail, 0);
    }
}
