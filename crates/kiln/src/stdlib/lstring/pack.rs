//! The VM-independent part of `string.pack`, `string.unpack` and
//! `string.packsize` (reference manual §6.4.2): parsing of format strings,
//! alignment, and the binary encodings of integers and floats.
//!
//! Behaviour (sizes, limits, error texts and which errors are argument
//! errors) follows lua5.4 (5.4.4 on x86-64 Linux): native byte order is
//! little-endian, native sizes are `h` 2, `i`/`I` 4, `l`/`L`/`j`/`J`/`T` 8,
//! `f` 4, `d`/`n` 8, the default string length prefix (`s`) is 8 bytes, and
//! `!` without a number sets the maximum alignment to 8.  The initial maximum
//! alignment is 1 (no alignment unless `!` is used).

/// Largest integer size accepted by `i[n]`, `I[n]`, `s[n]` and `![n]`.
pub const MAX_INT_SIZE: usize = 16;

/// Limit for sizes and total lengths (lua5.4's `MAXSIZE`, `INT_MAX`).
pub const MAX_SIZE: usize = i32::MAX as usize;

/// Maximum alignment selected by a bare `!`.
const NATIVE_ALIGN: usize = 8;

/// Size in bytes of a Lua integer.
const INT_SIZE: usize = 8;

/// What a format option does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Signed integer (`b h i l j`).
    Int,
    /// Unsigned integer (`B H I L J T`).
    Uint,
    /// C `float` (`f`).
    Float,
    /// Lua number (`n`, a double).
    Number,
    /// C `double` (`d`).
    Double,
    /// Fixed-size string (`cN`).
    Char,
    /// String preceded by its length (`s[n]`).
    Str,
    /// Zero-terminated string (`z`).
    Zstr,
    /// One byte of padding (`x`).
    Padding,
    /// Alignment padding (`Xop`).
    PadAlign,
    /// No data (`' '`, `<`, `>`, `=`, `!`).
    Nop,
}

impl Kind {
    /// Does the option consume an argument (pack) / produce a value (unpack)?
    pub fn has_value(self) -> bool {
        !matches!(self, Kind::Padding | Kind::PadAlign | Kind::Nop)
    }
}

/// One parsed option, with the padding needed before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// What to do.
    pub kind: Kind,
    /// Size in bytes of the fixed part (the length prefix for `s[n]`, 0 for
    /// `z` and the no-data options).
    pub size: usize,
    /// Number of alignment bytes to insert before the item.
    pub ntoalign: usize,
}

/// A format error, as lua5.4 raises it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackError {
    /// A plain error (`luaL_error`: the caller's position is prefixed), e.g.
    /// `invalid format option 'y'`.
    Plain(String),
    /// An error about argument #1 (the format), e.g. `invalid next option
    /// for option 'X'`; reported as "bad argument #1 to 'pack' (...)".
    Arg(String),
}

/// A format-string parser; keeps the endianness and alignment state.
pub struct Parser<'a> {
    fmt: &'a [u8],
    pos: usize,
    /// Current byte order.
    pub little: bool,
    /// Current maximum alignment.
    pub max_align: usize,
}

impl<'a> Parser<'a> {
    /// A parser at the start of `fmt`.
    pub fn new(fmt: &'a [u8]) -> Parser<'a> {
        Parser {
            fmt,
            pos: 0,
            little: true,
            max_align: 1,
        }
    }

    /// Is the whole format consumed?  (Like lua5.4, which works on C strings,
    /// a NUL byte ends the format.)
    pub fn at_end(&self) -> bool {
        matches!(self.fmt.get(self.pos), None | Some(0))
    }

    fn peek(&self) -> Option<u8> {
        self.fmt.get(self.pos).copied()
    }

    /// Reads an optional decimal number; `None` if no digit follows.  Stops
    /// early (leaving digits unread) once the value would exceed the limit.
    fn read_num(&mut self) -> Option<usize> {
        let first = self.peek().filter(u8::is_ascii_digit)?;
        let mut a = (first - b'0') as usize;
        self.pos += 1;
        while let Some(d) = self.peek().filter(u8::is_ascii_digit) {
            if a > (MAX_SIZE - 9) / 10 {
                break;
            }
            a = a * 10 + (d - b'0') as usize;
            self.pos += 1;
        }
        Some(a)
    }

    /// An integer size `n` (with `default` when absent) within `[1, 16]`.
    fn num_limit(&mut self, default: usize) -> Result<usize, PackError> {
        let n = self.read_num().unwrap_or(default);
        if n == 0 || n > MAX_INT_SIZE {
            return Err(PackError::Plain(format!(
                "integral size ({n}) out of limits [1,{MAX_INT_SIZE}]"
            )));
        }
        Ok(n)
    }

    /// Reads one option: its kind and size (alignment not yet applied).
    fn option(&mut self) -> Result<(Kind, usize), PackError> {
        let c = self.fmt[self.pos];
        self.pos += 1;
        Ok(match c {
            b'b' => (Kind::Int, 1),
            b'B' => (Kind::Uint, 1),
            b'h' => (Kind::Int, 2),
            b'H' => (Kind::Uint, 2),
            b'l' | b'j' => (Kind::Int, 8),
            b'L' | b'J' | b'T' => (Kind::Uint, 8),
            b'f' => (Kind::Float, 4),
            b'n' => (Kind::Number, 8),
            b'd' => (Kind::Double, 8),
            b'i' => (Kind::Int, self.num_limit(4)?),
            b'I' => (Kind::Uint, self.num_limit(4)?),
            b's' => (Kind::Str, self.num_limit(8)?),
            b'c' => match self.read_num() {
                Some(n) => (Kind::Char, n),
                None => {
                    return Err(PackError::Plain(
                        "missing size for format option 'c'".into(),
                    ))
                }
            },
            b'z' => (Kind::Zstr, 0),
            b'x' => (Kind::Padding, 1),
            b'X' => (Kind::PadAlign, 0),
            b' ' => (Kind::Nop, 0),
            b'<' | b'=' => {
                self.little = true;
                (Kind::Nop, 0)
            }
            b'>' => {
                self.little = false;
                (Kind::Nop, 0)
            }
            b'!' => {
                self.max_align = self.num_limit(NATIVE_ALIGN)?;
                (Kind::Nop, 0)
            }
            other => {
                return Err(PackError::Plain(format!(
                    "invalid format option '{}'",
                    String::from_utf8_lossy(&[other])
                )))
            }
        })
    }

    /// The next item, given the number of bytes produced/consumed so far
    /// (for alignment).  Call only when `!self.at_end()`.
    pub fn next_item(&mut self, total: usize) -> Result<Item, PackError> {
        let (kind, size) = self.option()?;
        let mut align = size;
        if kind == Kind::PadAlign {
            let bad = || PackError::Arg("invalid next option for option 'X'".into());
            if self.at_end() {
                return Err(bad());
            }
            let (k2, s2) = self.option()?;
            if k2 == Kind::Char || s2 == 0 {
                return Err(bad());
            }
            align = s2;
        }
        let ntoalign = if align <= 1 || kind == Kind::Char {
            0
        } else {
            let align = align.min(self.max_align);
            if !align.is_power_of_two() {
                return Err(PackError::Arg(
                    "format asks for alignment not power of 2".into(),
                ));
            }
            (align - (total & (align - 1))) & (align - 1)
        };
        Ok(Item {
            kind,
            size,
            ntoalign,
        })
    }
}

/// Appends the `size`-byte encoding of the integer `v`; bytes beyond the
/// eighth are sign fill (`0xff` when `negative`).
pub fn pack_int(out: &mut Vec<u8>, v: u64, little: bool, size: usize, negative: bool) {
    let start = out.len();
    let fill = if negative { 0xff } else { 0 };
    for i in 0..size {
        out.push(if i < INT_SIZE {
            (v >> (8 * i)) as u8
        } else {
            fill
        });
    }
    if !little {
        out[start..].reverse();
    }
}

/// Checks that a signed value fits in `size` bytes (`integer overflow`
/// otherwise).
pub fn int_fits(v: i64, size: usize) -> bool {
    if size >= INT_SIZE {
        return true;
    }
    let lim = 1i64 << (size * 8 - 1);
    -lim <= v && v < lim
}

/// Checks that a value taken as unsigned fits in `size` bytes (`unsigned
/// overflow` otherwise).
pub fn uint_fits(v: i64, size: usize) -> bool {
    size >= INT_SIZE || (v as u64) < (1u64 << (size * 8))
}

/// Decodes a `size`-byte integer from `b` (which holds at least `size`
/// bytes).  Integers wider than 8 bytes must be sign/zero extensions of a
/// 64-bit value, else the error `N-byte integer does not fit into Lua
/// Integer`.
pub fn unpack_int(b: &[u8], little: bool, size: usize, signed: bool) -> Result<i64, String> {
    let byte = |i: usize| if little { b[i] } else { b[size - 1 - i] };
    let limit = size.min(INT_SIZE);
    let mut res: u64 = 0;
    for i in (0..limit).rev() {
        res = (res << 8) | byte(i) as u64;
    }
    if size < INT_SIZE {
        if signed {
            let shift = 64 - 8 * size as u32;
            res = (((res << shift) as i64) >> shift) as u64;
        }
    } else if size > INT_SIZE {
        let fill = if signed && (res as i64) < 0 { 0xff } else { 0 };
        for i in limit..size {
            if byte(i) != fill {
                return Err(format!("{size}-byte integer does not fit into Lua Integer"));
            }
        }
    }
    Ok(res as i64)
}

/// Appends a float in `size` (4 or 8) bytes.
pub fn pack_float(out: &mut Vec<u8>, v: f64, little: bool, size: usize) {
    if size == 4 {
        let b = (v as f32).to_bits();
        pack_int(out, b as u64, little, 4, false);
    } else {
        pack_int(out, v.to_bits(), little, 8, false);
    }
}

/// Decodes a float of `size` (4 or 8) bytes.
pub fn unpack_float(b: &[u8], little: bool, size: usize) -> f64 {
    let bits = unpack_int(b, little, size, false).unwrap_or(0) as u64;
    if size == 4 {
        f32::from_bits(bits as u32) as f64
    } else {
        f64::from_bits(bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(fmt: &str) -> Result<Vec<Item>, PackError> {
        let mut p = Parser::new(fmt.as_bytes());
        let mut total = 0;
        let mut v = Vec::new();
        while !p.at_end() {
            let it = p.next_item(total)?;
            total += it.ntoalign + it.size;
            v.push(it);
        }
        Ok(v)
    }

    fn packsize(fmt: &str) -> usize {
        items(fmt)
            .unwrap()
            .iter()
            .map(|i| i.ntoalign + i.size)
            .sum()
    }

    #[test]
    fn sizes_and_alignment() {
        assert_eq!(packsize("!8 b d"), 16);
        assert_eq!(packsize("b d"), 9);
        assert_eq!(packsize("!b d"), 16);
        assert_eq!(packsize("!2 b d"), 10);
        assert_eq!(packsize("!4 b Xi4 h"), 6);
        assert_eq!(packsize("i3 I7 c5 x"), 16);
    }

    #[test]
    fn errors() {
        assert_eq!(
            items("i17").unwrap_err(),
            PackError::Plain("integral size (17) out of limits [1,16]".into())
        );
        assert_eq!(
            items("c").unwrap_err(),
            PackError::Plain("missing size for format option 'c'".into())
        );
        assert_eq!(
            items("c2147483647").unwrap_err(),
            PackError::Plain("invalid format option '7'".into())
        );
        assert_eq!(
            items("Xc1").unwrap_err(),
            PackError::Arg("invalid next option for option 'X'".into())
        );
        assert_eq!(
            items("!3 i4").unwrap_err(),
            PackError::Arg("format asks for alignment not power of 2".into())
        );
    }

    #[test]
    fn integers() {
        let mut out = Vec::new();
        pack_int(&mut out, (-2i64) as u64, true, 12, true);
        assert_eq!(
            out,
            [254, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255]
        );
        assert_eq!(unpack_int(&out, true, 12, true), Ok(-2));
        let mut out = Vec::new();
        pack_int(&mut out, 0x0102, false, 3, false);
        assert_eq!(out, [0, 1, 2]);
        assert_eq!(unpack_int(&[0xff, 0x7f], true, 2, true), Ok(0x7fff));
        assert_eq!(unpack_int(&[0x00, 0x80], true, 2, true), Ok(-32768));
        assert_eq!(unpack_int(&[0x00, 0x80], true, 2, false), Ok(32768));
        assert_eq!(
            unpack_int(&[1, 0, 0, 0, 0, 0, 0, 0, 1], true, 9, false),
            Err("9-byte integer does not fit into Lua Integer".into())
        );
        assert!(int_fits(127, 1) && !int_fits(128, 1) && int_fits(-128, 1));
        assert!(uint_fits(255, 1) && !uint_fits(-1, 1) && uint_fits(-1, 8));
    }

    #[test]
    fn floats() {
        let mut out = Vec::new();
        pack_float(&mut out, 1.5, false, 8);
        assert_eq!(unpack_float(&out, false, 8), 1.5);
        let mut out = Vec::new();
        pack_float(&mut out, 0.1, true, 4);
        assert_eq!(unpack_float(&out, true, 4), 0.1f32 as f64);
    }
}
