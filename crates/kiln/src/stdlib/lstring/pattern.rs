//! Lua 5.4 pattern matching (reference manual §6.4.1) over byte slices, plus
//! the VM-independent logic of `string.find`, `string.match`,
//! `string.gmatch` and `string.gsub`.
//!
//! # Design
//!
//! The matcher interprets the pattern bytes directly (there is no separate
//! compilation step).  This is deliberate: lua5.4 reports pattern errors
//! *lazily*, only when the matcher actually reaches the offending part of the
//! pattern, so e.g. `string.find("b", "a%")` returns `nil` while
//! `string.find("a", "a%")` raises "malformed pattern (ends with '%')".
//! Interpreting the pattern the same way reproduces those results exactly.
//!
//! Single-character repetitions (`*`, `+`, `-`, `?` when it does not match)
//! are loops.  The remaining recursion (captures, back-tracking into the rest
//! of the pattern after a repetition, `?` when it matches) is bounded by the
//! same depth limit lua5.4 uses ([`MAX_MATCH_DEPTH`] nested matcher calls,
//! "pattern too complex"), so the native stack use is bounded regardless of
//! subject or pattern length.
//!
//! # Speed-ups that do not change observable behaviour
//!
//! * Start positions that cannot match are skipped: a literal prefix of the
//!   pattern is searched for with a word-at-a-time `memchr`, and, after a few
//!   failed attempts, a mandatory leading character class is turned into a
//!   256-bit set.  At a skipped position lua5.4 would fail without being able
//!   to raise an error, so skipping is invisible.
//! * When attempts turn out to be expensive, the whole pattern is checked
//!   statically; if it can never raise an error, the mandatory single-byte
//!   items of the pattern are collected and the search stops as soon as one
//!   of them no longer occurs in the rest of the subject (this is what makes
//!   e.g. `(.-)x` on a long subject without `x` linear instead of quadratic).
//! * Inside `*`/`-` repetitions followed by a literal byte, positions where
//!   the literal cannot match are not tried (only when the depth limit cannot
//!   be hit by that call, so error behaviour is unchanged).

use std::borrow::Cow;
use std::fmt;

/// Maximum number of captures in a pattern (lua5.4's `LUA_MAXCAPTURES`).
pub const MAX_CAPTURES: usize = 32;

/// Maximum number of nested matcher calls (lua5.4's `MAXCCALLS`); exceeding it
/// raises "pattern too complex".
pub const MAX_MATCH_DEPTH: usize = 200;

/// A capture: a byte range of the subject, or a position capture `()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// The capture matched `subject[start..end]`.
    Range {
        /// Byte offset of the first captured byte.
        start: usize,
        /// Byte offset one past the last captured byte.
        end: usize,
    },
    /// A position capture `()`; the value is a 0-based byte offset (Lua shows
    /// `offset + 1`).
    Position(usize),
    /// A capture whose `(` was never closed (e.g. pattern `"(a"`).  lua5.4
    /// only complains ("unfinished capture") when the value of such a capture
    /// is requested.  [`find`], [`match_at`] and [`GMatch::next`] report that
    /// error themselves (their Lua callers always read every capture), so this
    /// variant is only ever seen by a [`gsub`] replacement callback, where
    /// [`capture_value`] / [`expand_replacement`] raise the error when (and
    /// only when) the capture is used.
    Unfinished {
        /// Byte offset where the capture started.
        start: usize,
    },
}

/// A successful match: the whole match is `subject[start..end]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Match {
    /// Byte offset of the start of the match.
    pub start: usize,
    /// Byte offset one past the end of the match.
    pub end: usize,
    /// The captures of the pattern in order of their opening parenthesis
    /// (empty when the pattern has none).
    pub captures: Vec<Capture>,
}

/// A pattern (or replacement string) error.  The text is exactly what lua5.4
/// reports, without the `chunk:line:` position prefix that `luaL_error` adds.
///
/// | message | raised when |
/// |---|---|
/// | `malformed pattern (ends with '%')` | a class item is a lone trailing `%` |
/// | `malformed pattern (missing ']')` | a `[` set is not closed |
/// | `malformed pattern (missing arguments to '%b')` | `%b` lacks its two bytes |
/// | `missing '[' after '%f' in pattern` | `%f` not followed by `[` |
/// | `invalid capture index %N` | back-reference `%N` to a capture that does not exist or is still open (also `%0`); or `%N` in a replacement string / a capture index with no such capture |
/// | `invalid pattern capture` | `)` with no open capture |
/// | `unfinished capture` | a successful match leaves a `(` open and its value is needed |
/// | `too many captures` | more than [`MAX_CAPTURES`] captures |
/// | `pattern too complex` | more than [`MAX_MATCH_DEPTH`] nested matcher calls |
/// | `invalid use of '%' in replacement string` | `%` followed by anything other than a digit or `%` (or nothing) in a gsub replacement string |
///
/// Note: lua5.4 (5.4.4, the reference oracle) raises *all* of these with
/// `luaL_error`, i.e. as plain errors prefixed with the caller's position
/// (`input:3: malformed pattern ...`), never as "bad argument #n to ..."
/// errors; see [`PatternError::arg_error`].  (Newer 5.4.x releases append
/// " in pattern" / " in replacement string" to "invalid capture index %N";
/// 5.4.4 does not.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError(pub String);

impl PatternError {
    /// If lua5.4 reports this error as an argument error ("bad argument #n to
    /// 'f' (...)"), the argument number `n`.  For lua 5.4.4 every pattern and
    /// replacement-string error is a plain `luaL_error` (position prefix of the
    /// calling Lua code, no "bad argument" wrapping), so this always returns
    /// `None`; it exists so the VM glue has a single place to ask.
    pub fn arg_error(&self) -> Option<usize> {
        None
    }

    /// The error message (same as `self.0`).
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PatternError {}

/// Internal, allocation-free error representation (kept small so that the
/// matcher's `Result`s travel in registers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fail {
    EndsWithPercent,
    MissingBracket,
    MissingBalanceArgs,
    MissingFrontierBracket,
    CaptureIndex(isize),
    InvalidPatternCapture,
    UnfinishedCapture,
    TooManyCaptures,
    TooComplex,
    InvalidPercentInReplacement,
}

impl From<Fail> for PatternError {
    fn from(f: Fail) -> PatternError {
        PatternError(match f {
            Fail::EndsWithPercent => "malformed pattern (ends with '%')".to_string(),
            Fail::MissingBracket => "malformed pattern (missing ']')".to_string(),
            Fail::MissingBalanceArgs => "malformed pattern (missing arguments to '%b')".to_string(),
            Fail::MissingFrontierBracket => "missing '[' after '%f' in pattern".to_string(),
            Fail::CaptureIndex(n) => format!("invalid capture index %{n}"),
            Fail::InvalidPatternCapture => "invalid pattern capture".to_string(),
            Fail::UnfinishedCapture => "unfinished capture".to_string(),
            Fail::TooManyCaptures => "too many captures".to_string(),
            Fail::TooComplex => "pattern too complex".to_string(),
            Fail::InvalidPercentInReplacement => {
                "invalid use of '%' in replacement string".to_string()
            }
        })
    }
}

type MResult = Result<Option<usize>, Fail>;

// ---------------------------------------------------------------------------
// Character classes (C locale)
// ---------------------------------------------------------------------------

const C_ALPHA: u16 = 1;
const C_CNTRL: u16 = 2;
const C_DIGIT: u16 = 4;
const C_GRAPH: u16 = 8;
const C_LOWER: u16 = 16;
const C_PUNCT: u16 = 32;
const C_SPACE: u16 = 64;
const C_UPPER: u16 = 128;
const C_ALNUM: u16 = 256;
const C_XDIGIT: u16 = 512;

const fn build_class_table() -> [u16; 256] {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        let mut m = 0u16;
        let upper = c >= b'A' && c <= b'Z';
        let lower = c >= b'a' && c <= b'z';
        let digit = c >= b'0' && c <= b'9';
        if upper || lower {
            m |= C_ALPHA;
        }
        if c < 32 || c == 127 {
            m |= C_CNTRL;
        }
        if digit {
            m |= C_DIGIT;
        }
        if c >= 33 && c <= 126 {
            m |= C_GRAPH;
            if !(upper || lower || digit) {
                m |= C_PUNCT;
            }
        }
        if lower {
            m |= C_LOWER;
        }
        if c == b' ' || (c >= 9 && c <= 13) {
            m |= C_SPACE;
        }
        if upper {
            m |= C_UPPER;
        }
        if upper || lower || digit {
            m |= C_ALNUM;
        }
        if digit || (c >= b'a' && c <= b'f') || (c >= b'A' && c <= b'F') {
            m |= C_XDIGIT;
        }
        t[i] = m;
        i += 1;
    }
    t
}

/// Class membership bits for every byte, as the C locale classifies them.
static CLASS: [u16; 256] = build_class_table();

/// Does byte `c` belong to the class named by `cl` (the byte after a `%`)?
/// Non-class letters and other bytes stand for themselves.
#[inline]
fn match_class(c: u8, cl: u8) -> bool {
    let bits = CLASS[c as usize];
    let res = match cl.to_ascii_lowercase() {
        b'a' => bits & C_ALPHA != 0,
        b'c' => bits & C_CNTRL != 0,
        b'd' => bits & C_DIGIT != 0,
        b'g' => bits & C_GRAPH != 0,
        b'l' => bits & C_LOWER != 0,
        b'p' => bits & C_PUNCT != 0,
        b's' => bits & C_SPACE != 0,
        b'u' => bits & C_UPPER != 0,
        b'w' => bits & C_ALNUM != 0,
        b'x' => bits & C_XDIGIT != 0,
        // Deprecated but still supported by lua5.4: %z is the NUL byte.
        b'z' => c == 0,
        _ => return cl == c,
    };
    if cl.is_ascii_uppercase() {
        !res
    } else {
        res
    }
}

/// Does `c` belong to the set `pat[p..=ec]` (where `pat[p] == b'['` and
/// `pat[ec] == b']'`)?
fn match_bracket(pat: &[u8], p: usize, ec: usize, c: u8) -> bool {
    let mut p = p;
    let mut sig = true;
    if pat[p + 1] == b'^' {
        sig = false;
        p += 1;
    }
    loop {
        p += 1;
        if p >= ec {
            return !sig;
        }
        let b = pat[p];
        if b == b'%' {
            p += 1;
            if match_class(c, pat[p]) {
                return sig;
            }
        } else if pat[p + 1] == b'-' && p + 2 < ec {
            p += 2;
            if b <= c && c <= pat[p] {
                return sig;
            }
        } else if b == c {
            return sig;
        }
    }
}

/// Does byte `c` match the single-character class `pat[p..ep]`?
#[inline]
fn single_match(pat: &[u8], p: usize, ep: usize, c: u8) -> bool {
    match pat[p] {
        b'.' => true,
        b'%' => match_class(c, pat[p + 1]),
        b'[' => match_bracket(pat, p, ep - 1, c),
        b => b == c,
    }
}

/// End (exclusive) of the single-character class starting at `pat[p]`.
fn class_end(pat: &[u8], p: usize) -> Result<usize, Fail> {
    let len = pat.len();
    let c = pat[p];
    let mut p = p + 1;
    match c {
        b'%' => {
            if p >= len {
                Err(Fail::EndsWithPercent)
            } else {
                Ok(p + 1)
            }
        }
        b'[' => {
            if p < len && pat[p] == b'^' {
                p += 1;
            }
            // The first member is taken unconditionally, so `[]...]` and
            // `[^]...]` contain a literal `]`.
            loop {
                if p >= len {
                    return Err(Fail::MissingBracket);
                }
                let b = pat[p];
                p += 1;
                if b == b'%' && p < len {
                    p += 1;
                }
                if p < len && pat[p] == b']' {
                    return Ok(p + 1);
                }
            }
        }
        _ => Ok(p),
    }
}

/// If the pattern item at `q` is a single literal byte that must be matched
/// at least once (not followed by `*`, `?` or `-`) and whose evaluation can
/// never raise an error, return that byte.
#[inline]
fn mandatory_literal(pat: &[u8], q: usize) -> Option<u8> {
    let &c = pat.get(q)?;
    let (byte, ep) = match c {
        b'(' | b')' | b'[' | b'.' => return None,
        b'$' if q + 1 == pat.len() => return None,
        b'%' => {
            let &d = pat.get(q + 1)?;
            if d.is_ascii_alphanumeric() {
                return None;
            }
            (d, q + 2)
        }
        _ => (c, q + 1),
    };
    match pat.get(ep) {
        Some(b'*' | b'?' | b'-') => None,
        _ => Some(byte),
    }
}

// ---------------------------------------------------------------------------
// Byte searching helpers
// ---------------------------------------------------------------------------

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// Index of the first occurrence of `b` in `hay` (word-at-a-time).
fn memchr(b: u8, hay: &[u8]) -> Option<usize> {
    let rep = LO.wrapping_mul(b as u64);
    let mut chunks = hay.chunks_exact(16);
    let mut off = 0;
    for ch in &mut chunks {
        let (a, c) = ch.split_at(8);
        let x = u64::from_le_bytes(a.try_into().unwrap_or([0; 8])) ^ rep;
        let y = u64::from_le_bytes(c.try_into().unwrap_or([0; 8])) ^ rep;
        let tx = x.wrapping_sub(LO) & !x & HI;
        let ty = y.wrapping_sub(LO) & !y & HI;
        if tx | ty != 0 {
            // The lowest flagged byte of a word is always a real zero byte.
            if tx != 0 {
                return Some(off + (tx.trailing_zeros() / 8) as usize);
            }
            return Some(off + 8 + (ty.trailing_zeros() / 8) as usize);
        }
        off += 16;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| c == b)
        .map(|k| off + k)
}

/// Index of the last occurrence of `b` in `hay`.
fn memrchr(b: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().rposition(|&c| c == b)
}

/// First occurrence of `needle` in `hay` starting at or after `from`
/// (`from <= hay.len()`).  memchr + verify; falls back to Knuth-Morris-Pratt
/// when verification work gets out of hand, so the worst case stays linear.
fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let n = needle.len();
    if n == 0 {
        return Some(from);
    }
    if n > hay.len() - from {
        return None;
    }
    let first = needle[0];
    if n == 1 {
        return memchr(first, &hay[from..]).map(|k| from + k);
    }
    let last = needle[n - 1];
    let last_start = hay.len() - n;
    let mut i = from;
    let mut wasted = 0usize;
    while i <= last_start {
        i += memchr(first, &hay[i..=last_start])?;
        if hay[i + n - 1] == last && hay[i..i + n] == *needle {
            return Some(i);
        }
        wasted += n;
        if n > 16 && wasted > 4096 + 4 * (i - from) {
            return kmp_find(hay, needle, i + 1);
        }
        i += 1;
    }
    None
}

/// Linear-time substring search (Knuth-Morris-Pratt).
fn kmp_find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let n = needle.len();
    let mut fail = vec![0usize; n];
    let mut k = 0;
    for i in 1..n {
        while k > 0 && needle[i] != needle[k] {
            k = fail[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        fail[i] = k;
    }
    let mut k = 0;
    for (i, &c) in hay.iter().enumerate().skip(from) {
        while k > 0 && c != needle[k] {
            k = fail[k - 1];
        }
        if c == needle[k] {
            k += 1;
            if k == n {
                return Some(i + 1 - n);
            }
        }
    }
    None
}

/// A set of bytes.
#[derive(Clone, Copy, Debug)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn of_class(pat: &[u8], p: usize, ep: usize) -> ByteSet {
        let mut s = ByteSet([0; 4]);
        for c in 0..=255u8 {
            if single_match(pat, p, ep, c) {
                s.0[(c >> 6) as usize] |= 1u64 << (c & 63);
            }
        }
        s
    }

    #[inline]
    fn contains(&self, c: u8) -> bool {
        self.0[(c >> 6) as usize] & (1u64 << (c & 63)) != 0
    }

    fn count(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    /// The member, if the set has exactly one.
    fn single(&self) -> Option<u8> {
        if self.count() != 1 {
            return None;
        }
        (0..=255u8).find(|&c| self.contains(c))
    }

    /// First index `>= from` whose byte is in the set.
    fn scan(&self, single: Option<u8>, hay: &[u8], from: usize) -> Option<usize> {
        let rest = hay.get(from..)?;
        match single {
            Some(b) => memchr(b, rest),
            None => rest.iter().position(|&c| self.contains(c)),
        }
        .map(|k| from + k)
    }
}

// ---------------------------------------------------------------------------
// The matcher
// ---------------------------------------------------------------------------

const CAP_UNFINISHED: usize = usize::MAX;
const CAP_POSITION: usize = usize::MAX - 1;

/// Matching state for one subject/pattern pair; reused across start
/// positions (no allocation per attempt).
struct Matcher<'a> {
    src: &'a [u8],
    pat: &'a [u8],
    level: usize,
    depth: usize,
    /// Rough count of work done, used to decide when static analysis pays.
    work: usize,
    /// (start, len) per capture; len may be CAP_UNFINISHED / CAP_POSITION.
    caps: [(usize, usize); MAX_CAPTURES],
}

impl<'a> Matcher<'a> {
    fn new(src: &'a [u8], pat: &'a [u8]) -> Self {
        Matcher {
            src,
            pat,
            level: 0,
            depth: MAX_MATCH_DEPTH,
            work: 0,
            caps: [(0, 0); MAX_CAPTURES],
        }
    }

    #[inline]
    fn reset(&mut self) {
        self.level = 0;
        self.depth = MAX_MATCH_DEPTH;
    }

    /// Match the pattern from `p` against the subject from `s`; returns the
    /// end of the match.
    fn do_match(&mut self, s: usize, p: usize) -> MResult {
        if self.depth == 0 {
            return Err(Fail::TooComplex);
        }
        self.depth -= 1;
        self.work += 1;
        let r = self.match_body(s, p);
        self.depth += 1;
        r
    }

    fn match_body(&mut self, mut s: usize, mut p: usize) -> MResult {
        let pat = self.pat;
        let src = self.src;
        loop {
            let Some(&pc) = pat.get(p) else {
                return Ok(Some(s));
            };
            match pc {
                b'(' => {
                    return if pat.get(p + 1) == Some(&b')') {
                        self.start_capture(s, p + 2, CAP_POSITION)
                    } else {
                        self.start_capture(s, p + 1, CAP_UNFINISHED)
                    };
                }
                b')' => return self.end_capture(s, p + 1),
                b'$' if p + 1 == pat.len() => {
                    return Ok(if s == src.len() { Some(s) } else { None });
                }
                b'%' => match pat.get(p + 1) {
                    Some(b'b') => match self.match_balance(s, p + 2)? {
                        Some(e) => {
                            s = e;
                            p += 4;
                            continue;
                        }
                        None => return Ok(None),
                    },
                    Some(b'f') => {
                        p += 2;
                        if pat.get(p) != Some(&b'[') {
                            return Err(Fail::MissingFrontierBracket);
                        }
                        let ep = class_end(pat, p)?;
                        let prev = if s == 0 { 0 } else { src[s - 1] };
                        let cur = src.get(s).copied().unwrap_or(0);
                        if !match_bracket(pat, p, ep - 1, prev)
                            && match_bracket(pat, p, ep - 1, cur)
                        {
                            p = ep;
                            continue;
                        }
                        return Ok(None);
                    }
                    Some(&d) if d.is_ascii_digit() => {
                        let l = self.check_capture(d)?;
                        let (start, len) = self.caps[l];
                        // A position capture has no text: it never matches.
                        if len != CAP_POSITION
                            && src.len() - s >= len
                            && src[start..start + len] == src[s..s + len]
                        {
                            s += len;
                            p += 2;
                            continue;
                        }
                        return Ok(None);
                    }
                    _ => {}
                },
                _ => {}
            }
            // A single-character class, possibly followed by a quantifier.
            let ep = class_end(pat, p)?;
            let matched = s < src.len() && single_match(pat, p, ep, src[s]);
            let q = pat.get(ep).copied().unwrap_or(0);
            if !matched {
                if q == b'*' || q == b'?' || q == b'-' {
                    p = ep + 1;
                    continue;
                }
                return Ok(None);
            }
            match q {
                b'?' => {
                    if let Some(e) = self.do_match(s + 1, ep + 1)? {
                        return Ok(Some(e));
                    }
                    p = ep + 1;
                }
                b'+' => return self.max_expand(s + 1, p, ep),
                b'*' => return self.max_expand(s, p, ep),
                b'-' => return self.min_expand(s, p, ep),
                _ => {
                    s += 1;
                    p = ep;
                }
            }
        }
    }

    /// Greedy repetition of the class `pat[p..ep]` starting at `s`, then the
    /// rest of the pattern at `ep + 1`, backing off one byte at a time.
    fn max_expand(&mut self, s: usize, p: usize, ep: usize) -> MResult {
        let pat = self.pat;
        let src = self.src;
        let mut i = if pat[p] == b'.' {
            src.len() - s
        } else {
            src[s..]
                .iter()
                .position(|&c| !single_match(pat, p, ep, c))
                .unwrap_or(src.len() - s)
        };
        self.work += i;
        let next = ep + 1;
        // If the rest starts with a mandatory literal, only positions holding
        // that byte can succeed; the others fail without side effects (and,
        // with depth left, without possible error), so skip them.
        if self.depth > 0 {
            if let Some(c) = mandatory_literal(pat, next) {
                loop {
                    match memrchr(c, &src[s..(s + i + 1).min(src.len())]) {
                        Some(k) => i = k,
                        None => return Ok(None),
                    }
                    if let Some(e) = self.do_match(s + i, next)? {
                        return Ok(Some(e));
                    }
                    if i == 0 {
                        return Ok(None);
                    }
                    i -= 1;
                }
            }
        }
        loop {
            if let Some(e) = self.do_match(s + i, next)? {
                return Ok(Some(e));
            }
            if i == 0 {
                return Ok(None);
            }
            i -= 1;
        }
    }

    /// Lazy repetition of the class `pat[p..ep]` starting at `s`.
    fn min_expand(&mut self, mut s: usize, p: usize, ep: usize) -> MResult {
        let pat = self.pat;
        let src = self.src;
        let next = ep + 1;
        let lit = if self.depth > 0 {
            mandatory_literal(pat, next)
        } else {
            None
        };
        let dot = pat[p] == b'.';
        let start = s;
        let r = loop {
            if let Some(c) = lit {
                if dot {
                    // Every byte matches '.', so jump straight to the next
                    // occurrence of the literal.
                    match memchr(c, &src[s..]) {
                        Some(k) => s += k,
                        None => break None,
                    }
                } else if src.get(s) != Some(&c) {
                    if s < src.len() && single_match(pat, p, ep, src[s]) {
                        s += 1;
                        continue;
                    }
                    break None;
                }
            }
            if let Some(e) = self.do_match(s, next)? {
                break Some(e);
            }
            if s < src.len() && single_match(pat, p, ep, src[s]) {
                s += 1;
            } else {
                break None;
            }
        };
        self.work += s - start;
        Ok(r)
    }

    fn start_capture(&mut self, s: usize, p: usize, what: usize) -> MResult {
        if self.level >= MAX_CAPTURES {
            return Err(Fail::TooManyCaptures);
        }
        self.caps[self.level] = (s, what);
        self.level += 1;
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.level -= 1;
        }
        Ok(r)
    }

    fn end_capture(&mut self, s: usize, p: usize) -> MResult {
        let l = (0..self.level)
            .rev()
            .find(|&l| self.caps[l].1 == CAP_UNFINISHED)
            .ok_or(Fail::InvalidPatternCapture)?;
        self.caps[l].1 = s - self.caps[l].0;
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.caps[l].1 = CAP_UNFINISHED;
        }
        Ok(r)
    }

    fn match_balance(&self, s: usize, p: usize) -> MResult {
        let pat = self.pat;
        if p + 1 >= pat.len() {
            return Err(Fail::MissingBalanceArgs);
        }
        let src = self.src;
        let (open, close) = (pat[p], pat[p + 1]);
        if src.get(s) != Some(&open) {
            return Ok(None);
        }
        let mut depth = 1usize;
        for (i, &c) in src.iter().enumerate().skip(s + 1) {
            if c == close {
                depth -= 1;
                if depth == 0 {
                    return Ok(Some(i + 1));
                }
            } else if c == open {
                depth += 1;
            }
        }
        Ok(None)
    }

    fn check_capture(&self, d: u8) -> Result<usize, Fail> {
        let l = d as isize - b'1' as isize;
        if l < 0 || l as usize >= self.level || self.caps[l as usize].1 == CAP_UNFINISHED {
            return Err(Fail::CaptureIndex(l + 1));
        }
        Ok(l as usize)
    }

    /// Store the result of a successful attempt in `m`.  With
    /// `strict`, an unfinished capture is the "unfinished capture" error.
    fn fill(&self, start: usize, end: usize, m: &mut Match, strict: bool) -> Result<(), Fail> {
        m.start = start;
        m.end = end;
        m.captures.clear();
        for &(cs, len) in &self.caps[..self.level] {
            m.captures.push(match len {
                CAP_POSITION => Capture::Position(cs),
                CAP_UNFINISHED if strict => return Err(Fail::UnfinishedCapture),
                CAP_UNFINISHED => Capture::Unfinished { start: cs },
                _ => Capture::Range {
                    start: cs,
                    end: cs + len,
                },
            });
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Start-position filtering
// ---------------------------------------------------------------------------

const LIT_MAX: usize = 32;

enum First {
    None,
    Pending { p: usize, ep: usize },
    Ready(ByteSet, Option<u8>),
}

enum Req {
    Pending,
    Off,
    On {
        sets: Vec<(ByteSet, Option<u8>)>,
        next: Vec<Option<usize>>,
    },
}

/// Decides which start positions are worth an attempt (see module docs).
/// Only used for unanchored searches.
struct Scanner {
    lit: [u8; LIT_MAX],
    lit_len: usize,
    /// Pattern offset where the literal prefix ends.
    lit_end: usize,
    first: First,
    req: Req,
    fails: usize,
}

impl Scanner {
    fn new(pat: &[u8]) -> Scanner {
        let mut sc = Scanner {
            lit: [0; LIT_MAX],
            lit_len: 0,
            lit_end: 0,
            first: First::None,
            req: Req::Pending,
            fails: 0,
        };
        // Leading captures only nest calls (at most 31 of them: they cannot
        // raise "too many captures" or "pattern too complex").
        let mut p = 0;
        let mut opened = 0;
        while pat.get(p) == Some(&b'(') && opened < MAX_CAPTURES - 1 {
            p += if pat.get(p + 1) == Some(&b')') { 2 } else { 1 };
            opened += 1;
        }
        let first_item = p;
        while sc.lit_len < LIT_MAX {
            let Some(c) = mandatory_literal(pat, p) else {
                break;
            };
            let ep = if pat[p] == b'%' { p + 2 } else { p + 1 };
            sc.lit[sc.lit_len] = c;
            sc.lit_len += 1;
            if pat.get(ep) == Some(&b'+') {
                p = ep + 1;
                break;
            }
            p = ep;
        }
        sc.lit_end = p;
        if sc.lit_len == 0 {
            if let Some(&c) = pat.get(first_item) {
                let special = match c {
                    b'(' | b')' | b'.' => true,
                    b'$' => first_item + 1 == pat.len(),
                    b'%' => matches!(pat.get(first_item + 1), Some(b'b' | b'f' | b'0'..=b'9')),
                    _ => false,
                };
                if !special {
                    if let Ok(ep) = class_end(pat, first_item) {
                        if !matches!(pat.get(ep), Some(b'*' | b'?' | b'-')) {
                            sc.first = First::Pending { p: first_item, ep };
                        }
                    }
                }
            }
        }
        if eager_filters() {
            sc.enable_first(pat);
            sc.enable_req(pat);
        }
        sc
    }

    /// The first position `>= s` where a match could start, or `None` when no
    /// match is possible at or after `s`.
    fn next_candidate(&mut self, src: &[u8], s: usize) -> Option<usize> {
        if s > src.len() {
            return None;
        }
        let s = if self.lit_len > 0 {
            find_bytes(src, &self.lit[..self.lit_len], s)?
        } else if let First::Ready(set, single) = &self.first {
            set.scan(*single, src, s)?
        } else {
            s
        };
        if let Req::On { sets, next } = &mut self.req {
            for (k, (set, single)) in sets.iter().enumerate() {
                match next[k] {
                    Some(q) if q >= s => {}
                    _ => {
                        let q = set.scan(*single, src, s);
                        if q.is_none() {
                            // Scans only move forward: dead for good.
                            next[k] = Some(usize::MAX);
                            return None;
                        }
                        next[k] = q;
                    }
                }
                if next[k] == Some(usize::MAX) {
                    return None;
                }
            }
        }
        Some(s)
    }

    /// Record a failed attempt; enables the more expensive filters once they
    /// are likely to pay for themselves.
    fn after_fail(&mut self, pat: &[u8], work: usize) {
        self.fails += 1;
        if self.fails >= 16 {
            self.enable_first(pat);
        }
        if work > 512 + 8 * self.fails {
            self.enable_req(pat);
        }
    }

    fn enable_first(&mut self, pat: &[u8]) {
        if let First::Pending { p, ep } = self.first {
            let set = ByteSet::of_class(pat, p, ep);
            self.first = if set.count() > 200 {
                First::None
            } else {
                First::Ready(set, set.single())
            };
        }
    }

    fn enable_req(&mut self, pat: &[u8]) {
        if matches!(self.req, Req::Pending) {
            self.req = match analyze(pat, self.lit_end) {
                Some(sets) if !sets.is_empty() => Req::On {
                    next: vec![None; sets.len()],
                    sets,
                },
                _ => Req::Off,
            };
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Test hook: switch every start-position filter on immediately, so the
    /// differential corpus also checks that the filters are unobservable.
    static EAGER_FILTERS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn eager_filters() -> bool {
    EAGER_FILTERS.with(std::cell::Cell::get)
}

#[cfg(not(test))]
#[inline(always)]
fn eager_filters() -> bool {
    false
}

/// Static check of a whole pattern.  Returns `None` if matching it could
/// raise any error (malformed items, bad captures, possible depth overflow);
/// otherwise the byte sets of (up to two of the most selective) mandatory
/// single-byte items at or after `from`: every match must contain a byte of
/// each of them.
fn analyze(pat: &[u8], from: usize) -> Option<Vec<(ByteSet, Option<u8>)>> {
    const OPEN: u8 = 0;
    const CLOSED: u8 = 1;
    let mut caps = [OPEN; MAX_CAPTURES];
    let mut level = 0usize;
    let mut nesting = 0usize;
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut lits: Vec<u8> = Vec::new();
    let mut p = 0;
    let len = pat.len();
    while p < len {
        match pat[p] {
            b'(' => {
                if level >= MAX_CAPTURES {
                    return None;
                }
                if pat.get(p + 1) == Some(&b')') {
                    caps[level] = CLOSED;
                    p += 2;
                } else {
                    caps[level] = OPEN;
                    p += 1;
                }
                level += 1;
                nesting += 1;
                continue;
            }
            b')' => {
                let l = (0..level).rev().find(|&l| caps[l] == OPEN)?;
                caps[l] = CLOSED;
                nesting += 1;
                p += 1;
                continue;
            }
            b'$' if p + 1 == len => {
                p += 1;
                continue;
            }
            b'%' => match pat.get(p + 1) {
                None => return None,
                Some(b'b') => {
                    if p + 3 >= len {
                        return None;
                    }
                    if p >= from {
                        lits.push(pat[p + 2]);
                        lits.push(pat[p + 3]);
                    }
                    p += 4;
                    continue;
                }
                Some(b'f') => {
                    if pat.get(p + 2) != Some(&b'[') {
                        return None;
                    }
                    p = class_end(pat, p + 2).ok()?;
                    continue;
                }
                Some(&d) if d.is_ascii_digit() => {
                    let l = d as isize - b'1' as isize;
                    if l < 0 || l as usize >= level || caps[l as usize] == OPEN {
                        return None;
                    }
                    p += 2;
                    continue;
                }
                _ => {}
            },
            _ => {}
        }
        let ep = class_end(pat, p).ok()?;
        let quant = pat.get(ep).copied();
        let mandatory = !matches!(quant, Some(b'*' | b'?' | b'-'));
        if mandatory && p >= from {
            match mandatory_literal(pat, p) {
                Some(c) => lits.push(c),
                None if pat[p] != b'.' => items.push((p, ep)),
                None => {}
            }
        }
        if matches!(quant, Some(b'*' | b'?' | b'-' | b'+')) {
            nesting += 1;
            p = ep + 1;
        } else {
            p = ep;
        }
    }
    // Every nested matcher call is made at a strictly later pattern position,
    // passing one capture paren or quantifier, so the nesting depth is at most
    // 1 + `nesting`.
    if nesting + 1 >= MAX_MATCH_DEPTH {
        return None;
    }
    let mut sets: Vec<(ByteSet, Option<u8>)> = Vec::new();
    for &c in lits.iter().rev() {
        if sets.len() == 2 {
            break;
        }
        if sets.iter().all(|&(_, s)| s != Some(c)) {
            let mut set = ByteSet([0; 4]);
            set.0[(c >> 6) as usize] |= 1u64 << (c & 63);
            sets.push((set, Some(c)));
        }
    }
    if sets.len() < 2 {
        let mut cands: Vec<ByteSet> = items
            .iter()
            .take(4)
            .map(|&(p, ep)| ByteSet::of_class(pat, p, ep))
            .filter(|s| s.count() <= 128)
            .collect();
        cands.sort_by_key(|s| s.count());
        for set in cands.into_iter().take(2 - sets.len()) {
            sets.push((set, set.single()));
        }
    }
    Some(sets)
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// Split off a leading `^` anchor.
fn strip_anchor(pat: &[u8]) -> (bool, &[u8]) {
    match pat.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, pat),
    }
}

/// Try to match `pat` at exactly position `pos` of `subject` (no `^`
/// handling: a leading `^` is an ordinary byte here; the caller strips it).
///
/// Returns `Ok(None)` if there is no match there (or `pos > subject.len()`).
/// A successful match that leaves a capture open is the "unfinished capture"
/// error, as lua5.4 reports when it reads the captures.
pub fn match_at(subject: &[u8], pat: &[u8], pos: usize) -> Result<Option<Match>, PatternError> {
    if pos > subject.len() {
        return Ok(None);
    }
    let mut m = Matcher::new(subject, pat);
    match m.do_match(pos, 0)? {
        Some(e) => {
            let mut out = Match::default();
            m.fill(pos, e, &mut out, true)?;
            Ok(Some(out))
        }
        None => Ok(None),
    }
}

/// `string.find` / `string.match` semantics after argument normalisation.
///
/// `init` is the 0-based start offset, already clamped by the caller
/// (`0 <= init <= subject.len()`; lua5.4 returns fail without matching when
/// the 1-based init exceeds `#s + 1`, and this function returns `Ok(None)`
/// for `init > subject.len()`).  A leading `^` anchors the match at `init`;
/// otherwise every start position from `init` to `subject.len()` (inclusive)
/// is tried in order.
///
/// Note: `string.find` first checks [`is_plain`] (or its `plain` argument)
/// and then uses [`find_plain`]; that shortcut is *observable* (e.g. `"a)"`
/// is plain, so `find` succeeds where `match` raises "invalid pattern
/// capture"), so callers must keep it.  A successful match with an unclosed
/// capture is the "unfinished capture" error.
pub fn find(subject: &[u8], pat: &[u8], init: usize) -> Result<Option<Match>, PatternError> {
    if init > subject.len() {
        return Ok(None);
    }
    let (anchor, pat) = strip_anchor(pat);
    let mut m = Matcher::new(subject, pat);
    if anchor {
        return match m.do_match(init, 0)? {
            Some(e) => {
                let mut out = Match::default();
                m.fill(init, e, &mut out, true)?;
                Ok(Some(out))
            }
            None => Ok(None),
        };
    }
    let mut sc = Scanner::new(pat);
    let mut s = init;
    loop {
        s = match sc.next_candidate(subject, s) {
            Some(c) => c,
            None => return Ok(None),
        };
        m.reset();
        if let Some(e) = m.do_match(s, 0)? {
            let mut out = Match::default();
            m.fill(s, e, &mut out, true)?;
            return Ok(Some(out));
        }
        sc.after_fail(pat, m.work);
        s += 1;
    }
}

/// Plain substring search: the 0-based offset of the first occurrence of
/// `needle` in `subject` at or after `init`, or `None`.  An empty needle is
/// found at `init` (if `init <= subject.len()`).  Worst case is linear.
pub fn find_plain(subject: &[u8], needle: &[u8], init: usize) -> Option<usize> {
    if init > subject.len() {
        return None;
    }
    find_bytes(subject, needle, init)
}

/// True when the pattern contains none of lua5.4's "special" bytes
/// `^ $ * + ? . ( [ % -`, in which case `string.find` does a plain
/// substring search.  Note `]` and `)` are *not* special for this test.
pub fn is_plain(pat: &[u8]) -> bool {
    !pat.iter().any(|b| b"^$*+?.([%-".contains(b))
}

/// State of a `string.gmatch` iteration.
///
/// lua5.4 semantics: the pattern is *not* anchored by a leading `^` (it is
/// an ordinary byte for gmatch); every start position from `init` to the end
/// of the subject (inclusive) is tried; a match that ends exactly where the
/// previous match ended is rejected (so an empty match cannot directly follow
/// a match) and the search moves on by one byte.
///
/// The same subject and pattern must be passed to every call of
/// [`GMatch::next`].
pub struct GMatch {
    src: usize,
    last: Option<usize>,
    done: bool,
    scanner: Option<Scanner>,
    work: usize,
}

impl GMatch {
    /// Start an iteration over a subject of `subject_len` bytes from the
    /// 0-based offset `init` (as lua5.4 normalises it: `init > subject_len`
    /// means no matches at all).
    pub fn new(subject_len: usize, init: usize) -> GMatch {
        GMatch {
            src: init,
            last: None,
            done: init > subject_len,
            scanner: None,
            work: 0,
        }
    }

    /// The next match, or `Ok(None)` when the iteration is over.  Matches
    /// with an unclosed capture raise "unfinished capture".
    pub fn next(&mut self, subject: &[u8], pat: &[u8]) -> Result<Option<Match>, PatternError> {
        if self.done {
            return Ok(None);
        }
        let sc = self.scanner.get_or_insert_with(|| Scanner::new(pat));
        let mut m = Matcher::new(subject, pat);
        m.work = self.work;
        let mut s = self.src;
        loop {
            s = match sc.next_candidate(subject, s) {
                Some(c) => c,
                None => break,
            };
            m.reset();
            let r = m.do_match(s, 0);
            self.work = m.work;
            if let Some(e) = r? {
                if Some(e) != self.last {
                    let mut out = Match::default();
                    m.fill(s, e, &mut out, true)?;
                    self.src = e;
                    self.last = Some(e);
                    return Ok(Some(out));
                }
            } else {
                sc.after_fail(pat, m.work);
            }
            s += 1;
        }
        self.done = true;
        Ok(None)
    }
}

/// What a gsub replacement produced for one match.
pub enum Replacement<'a> {
    /// `false`/`nil`: keep the original text of the match.
    Keep,
    /// Use these bytes as the replacement.
    Bytes(Cow<'a, [u8]>),
    /// The callback already appended the replacement to the output buffer it
    /// was given (e.g. via [`expand_replacement`]); nothing more to add.
    Appended,
}

/// Error of [`gsub`]: either a pattern error or an error of the callback.
#[derive(Debug, PartialEq, Eq)]
pub enum GsubError<E> {
    /// A pattern error (see [`PatternError`]).
    Pattern(PatternError),
    /// An error returned by the replacement callback.
    Replace(E),
    /// The result would be longer than the cap the caller gave.
    TooLarge,
}

impl<E> From<PatternError> for GsubError<E> {
    fn from(e: PatternError) -> Self {
        GsubError::Pattern(e)
    }
}

/// Expand a gsub replacement *string* for match `m`, appending to `out`.
///
/// `%0` is the whole match, `%1`..`%9` the captures (`%1` is the whole match
/// when the pattern has no captures), `%%` a single `%`; a position capture
/// expands to its decimal 1-based position.  `%` followed by anything else
/// (or by nothing) is "invalid use of '%' in replacement string"; a capture
/// index beyond the pattern's captures is "invalid capture index %N"; an
/// unclosed capture is "unfinished capture".
pub fn expand_replacement(
    repl: &[u8],
    subject: &[u8],
    m: &Match,
    out: &mut Vec<u8>,
) -> Result<(), PatternError> {
    let mut rest = repl;
    while let Some(k) = memchr(b'%', rest) {
        out.extend_from_slice(&rest[..k]);
        match rest.get(k + 1) {
            Some(b'%') => out.push(b'%'),
            Some(b'0') => out.extend_from_slice(&subject[m.start..m.end]),
            Some(&d @ b'1'..=b'9') => match capture_value(subject, m, (d - b'1') as usize)? {
                CaptureValue::Str(s) => out.extend_from_slice(s),
                CaptureValue::Position(p) => out.extend_from_slice(p.to_string().as_bytes()),
            },
            _ => return Err(Fail::InvalidPercentInReplacement.into()),
        }
        rest = &rest[k + 2..];
    }
    out.extend_from_slice(rest);
    Ok(())
}

/// A capture value as Lua sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureValue<'a> {
    /// A string capture (or the whole match).
    Str(&'a [u8]),
    /// A position capture, 1-based as Lua shows it.
    Position(usize),
}

/// The value of capture `i` (0-based) of `m`: what a table replacement is
/// indexed with (`i == 0`), what a function replacement receives, and what
/// `string.match` / `gmatch` return (for `i < capture_count(m)`).  With no
/// captures, capture 0 is the whole match.  Errors as lua5.4: an index with
/// no such capture (other than 0 of a capture-less pattern) is "invalid
/// capture index %N" (N = i + 1), an unclosed capture "unfinished capture".
pub fn capture_value<'a>(
    subject: &'a [u8],
    m: &Match,
    i: usize,
) -> Result<CaptureValue<'a>, PatternError> {
    match m.captures.get(i) {
        None if i == 0 && m.captures.is_empty() => Ok(CaptureValue::Str(&subject[m.start..m.end])),
        None => Err(Fail::CaptureIndex(i as isize + 1).into()),
        Some(&Capture::Range { start, end }) => Ok(CaptureValue::Str(&subject[start..end])),
        Some(&Capture::Position(p)) => Ok(CaptureValue::Position(p + 1)),
        Some(Capture::Unfinished { .. }) => Err(Fail::UnfinishedCapture.into()),
    }
}

/// Number of values `string.match` / `gmatch` return and a gsub function
/// replacement receives for `m` (always >= 1: the whole match when the
/// pattern has no captures).  `string.find` instead returns exactly
/// `m.captures.len()` captures after the two indices.
pub fn capture_count(m: &Match) -> usize {
    m.captures.len().max(1)
}

/// The replacement callback of [`gsub`]: given a match and the output built
/// so far, says what to insert (see [`Replacement`]).
pub type ReplaceFn<'f, 'r, E> = dyn FnMut(&Match, &mut Vec<u8>) -> Result<Replacement<'r>, E> + 'f;

/// The `string.gsub` loop.
///
/// For each match (at most `max_n` when `Some`; lua5.4's default is
/// `#s + 1`, and a count `<= 0` means `Some(0)`), `replace(m, out)` is called
/// with the match and the output built so far; it returns what to insert:
/// [`Replacement::Keep`], [`Replacement::Bytes`], or [`Replacement::Appended`]
/// if it wrote to `out` itself.  Returns the result and the number of
/// matches.  A leading `^` anchors the pattern (at most one match, at the
/// start); a match ending where the previous one ended is rejected (lua5.4's
/// rule against an empty match directly after a match).  Unclosed captures
/// are passed as [`Capture::Unfinished`] (see there).
pub fn gsub<'r, E>(
    subject: &[u8],
    pat: &[u8],
    max_n: Option<usize>,
    cap: usize,
    replace: &mut ReplaceFn<'_, 'r, E>,
) -> Result<(Vec<u8>, usize), GsubError<E>> {
    gsub_loop(subject, pat, max_n, cap, &mut |m, out| {
        match replace(m, out).map_err(GsubError::Replace)? {
            Replacement::Keep => out.extend_from_slice(&subject[m.start..m.end]),
            Replacement::Bytes(b) => out.extend_from_slice(&b),
            Replacement::Appended => {}
        }
        Ok(())
    })
}

/// `string.gsub` with a string replacement (see [`expand_replacement`]):
/// the fast path that writes expansions straight into the result. An
/// invalid replacement string is a [`GsubError::Replace`] error.
pub fn gsub_str(
    subject: &[u8],
    pat: &[u8],
    repl: &[u8],
    max_n: Option<usize>,
    cap: usize,
) -> Result<(Vec<u8>, usize), GsubError<PatternError>> {
    let plain_repl = memchr(b'%', repl).is_none();
    gsub_loop(subject, pat, max_n, cap, &mut |m, out| {
        if plain_repl {
            out.extend_from_slice(repl);
            Ok(())
        } else {
            expand_replacement(repl, subject, m, out).map_err(GsubError::Replace)
        }
    })
}

/// Appends the replacement for one match (the callback of [`gsub_loop`]).
type AddFn<'f, X> = dyn FnMut(&Match, &mut Vec<u8>) -> Result<(), GsubError<X>> + 'f;

/// The shared gsub driver; `add` appends the replacement for one match.
/// A result growing past `cap` bytes is [`GsubError::TooLarge`].
fn gsub_loop<X>(
    subject: &[u8],
    pat: &[u8],
    max_n: Option<usize>,
    cap: usize,
    add: &mut AddFn<'_, X>,
) -> Result<(Vec<u8>, usize), GsubError<X>> {
    let (anchor, pat) = strip_anchor(pat);
    let max_n = max_n.unwrap_or(usize::MAX);
    let mut m = Matcher::new(subject, pat);
    let mut sc = if anchor {
        None
    } else {
        Some(Scanner::new(pat))
    };
    let mut out = Vec::with_capacity(subject.len());
    let mut mt = Match::default();
    let mut src = 0usize;
    let mut last: Option<usize> = None;
    let mut n = 0usize;
    while n < max_n {
        if let Some(sc) = sc.as_mut() {
            match sc.next_candidate(subject, src) {
                Some(c) => {
                    out.extend_from_slice(&subject[src..c]);
                    src = c;
                }
                None => break,
            }
        }
        m.reset();
        let r = m
            .do_match(src, 0)
            .map_err(|f| GsubError::Pattern(f.into()))?;
        match r {
            Some(e) if Some(e) != last => {
                n += 1;
                m.fill(src, e, &mut mt, false)
                    .map_err(|f| GsubError::Pattern(f.into()))?;
                add(&mt, &mut out)?;
                if out.len() > cap {
                    return Err(GsubError::TooLarge);
                }
                src = e;
                last = Some(e);
            }
            r => {
                if r.is_none() {
                    if let Some(sc) = sc.as_mut() {
                        sc.after_fail(pat, m.work);
                    }
                }
                if src < subject.len() {
                    out.push(subject[src]);
                    src += 1;
                } else {
                    break;
                }
            }
        }
        if anchor {
            break;
        }
    }
    out.extend_from_slice(&subject[src..]);
    Ok((out, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &str = include_str!("../../../../../tests/patterns/cases.txt");
    const EXPECTED: &str = include_str!("../../../../../tests/patterns/expected.txt");

    // ---- corpus format helpers (see the header of cases.txt) ----

    fn unescape(s: &str) -> Vec<u8> {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'\\' {
                out.push(b[i]);
                i += 1;
                continue;
            }
            match b[i + 1] {
                b'\\' => out.push(b'\\'),
                b't' => out.push(b'\t'),
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b'0' => out.push(0),
                b'A' => out.extend(0..=255u8),
                b'x' => {
                    let h = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
                    out.push(u8::from_str_radix(h, 16).unwrap());
                    i += 2;
                }
                b'{' => {
                    let close = i + b[i..].iter().position(|&c| c == b'}').unwrap();
                    let body = &s[i + 2..close];
                    let (n, text) = body.split_once(',').unwrap();
                    for _ in 0..n.parse::<usize>().unwrap() {
                        out.extend_from_slice(text.as_bytes());
                    }
                    i = close + 1;
                    continue;
                }
                c => panic!("bad escape \\{}", c as char),
            }
            i += 2;
        }
        out
    }

    fn quote(s: &[u8]) -> String {
        let mut out = String::from("\"");
        for &c in s {
            match c {
                b'\\' => out.push_str("\\\\"),
                b'"' => out.push_str("\\\""),
                0x20..=0x7e => out.push(c as char),
                _ => out.push_str(&format!("\\x{c:02x}")),
            }
        }
        out.push('"');
        out
    }

    fn fmt_cv(v: CaptureValue<'_>) -> String {
        match v {
            CaptureValue::Str(s) => quote(s),
            CaptureValue::Position(p) => p.to_string(),
        }
    }

    fn opt_int(f: Option<&&str>) -> Option<i64> {
        match f {
            None | Some(&"nil") => None,
            Some(v) => Some(v.parse().unwrap()),
        }
    }

    /// lua5.4's `posrelatI` followed by the conversion to a 0-based offset.
    fn init0(init: Option<i64>, len: usize) -> i64 {
        let len = len as i64;
        let pos = init.unwrap_or(1);
        let one_based = if pos > 0 {
            pos
        } else if pos == 0 || pos < -len {
            1
        } else {
            len + pos + 1
        };
        one_based - 1
    }

    fn err(e: PatternError) -> String {
        format!("error: {}", e.0)
    }

    fn run_find(s: &[u8], p: &[u8], init: Option<i64>, plain: bool) -> String {
        let i = init0(init, s.len());
        if i > s.len() as i64 {
            return "nil".into();
        }
        let i = i as usize;
        if plain || is_plain(p) {
            return match find_plain(s, p, i) {
                Some(k) => format!("{} {}", k + 1, k + p.len()),
                None => "nil".into(),
            };
        }
        match find(s, p, i) {
            Err(e) => err(e),
            Ok(None) => "nil".into(),
            Ok(Some(m)) => {
                let mut parts = vec![(m.start + 1).to_string(), m.end.to_string()];
                for k in 0..m.captures.len() {
                    match capture_value(s, &m, k) {
                        Ok(v) => parts.push(fmt_cv(v)),
                        Err(e) => return err(e),
                    }
                }
                parts.join(" ")
            }
        }
    }

    fn values(s: &[u8], m: &Match) -> Result<String, PatternError> {
        let mut parts = Vec::new();
        for k in 0..capture_count(m) {
            parts.push(fmt_cv(capture_value(s, m, k)?));
        }
        Ok(parts.join(" "))
    }

    fn run_match(s: &[u8], p: &[u8], init: Option<i64>) -> String {
        let i = init0(init, s.len());
        if i > s.len() as i64 {
            return "nil".into();
        }
        match find(s, p, i as usize) {
            Err(e) => err(e),
            Ok(None) => "nil".into(),
            Ok(Some(m)) => values(s, &m).unwrap_or_else(err),
        }
    }

    fn run_gmatch(s: &[u8], p: &[u8], init: Option<i64>) -> String {
        let mut i = init0(init, s.len());
        if i > s.len() as i64 {
            i = s.len() as i64 + 1;
        }
        let mut it = GMatch::new(s.len(), i as usize);
        let mut groups = Vec::new();
        for _ in 0..10000 {
            match it.next(s, p) {
                Err(e) => {
                    groups.push(err(e));
                    break;
                }
                Ok(None) => break,
                Ok(Some(m)) => match values(s, &m) {
                    Ok(v) => groups.push(format!("[{v}]")),
                    Err(e) => {
                        groups.push(err(e));
                        break;
                    }
                },
            }
        }
        if groups.is_empty() {
            "(none)".into()
        } else {
            groups.join(" ")
        }
    }

    fn run_gsub(s: &[u8], p: &[u8], repl: &str, n: Option<i64>) -> String {
        let max_n = n.map(|n| if n <= 0 { 0 } else { n as usize });
        let result = if let Some(kind) = repl.strip_prefix("@fn:") {
            let kind = kind.to_string();
            gsub(s, p, max_n, usize::MAX, &mut |m,
                                                _out|
             -> Result<
                Replacement<'static>,
                PatternError,
            > {
                let mut vals = Vec::new();
                for k in 0..capture_count(m) {
                    vals.push(match capture_value(s, m, k)? {
                        CaptureValue::Str(b) => b.to_vec(),
                        CaptureValue::Position(q) => q.to_string().into_bytes(),
                    });
                }
                Ok(match kind.as_str() {
                    "concat" => Replacement::Bytes(Cow::Owned(vals.join(&b","[..]))),
                    "nil" | "false" => Replacement::Keep,
                    "len" => Replacement::Bytes(Cow::Owned(vals[0].len().to_string().into_bytes())),
                    other => panic!("unknown function {other}"),
                })
            })
        } else if let Some(spec) = repl.strip_prefix("@tbl:") {
            let table: Vec<(Vec<u8>, Vec<u8>)> = spec
                .split(',')
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
                .collect();
            gsub(s, p, max_n, usize::MAX, &mut |m,
                                                _out|
             -> Result<
                Replacement<'_>,
                PatternError,
            > {
                // Only string keys exist, so a position capture finds nothing.
                Ok(match capture_value(s, m, 0)? {
                    CaptureValue::Str(key) => match table.iter().find(|(k, _)| k == key) {
                        Some((_, v)) => Replacement::Bytes(Cow::Owned(v.clone())),
                        None => Replacement::Keep,
                    },
                    CaptureValue::Position(_) => Replacement::Keep,
                })
            })
        } else {
            let r = unescape(repl);
            // Exercise both the fast path and the generic callback path.
            let fast = gsub_str(s, p, &r, max_n, usize::MAX);
            let generic = gsub(s, p, max_n, usize::MAX, &mut |m,
                                                              out|
             -> Result<
                Replacement<'_>,
                PatternError,
            > {
                expand_replacement(&r, s, m, out)?;
                Ok(Replacement::Appended)
            });
            assert_eq!(fast, generic);
            fast
        };
        match result {
            Ok((out, n)) => format!("{} {}", quote(&out), n),
            Err(GsubError::Pattern(e)) | Err(GsubError::Replace(e)) => err(e),
            Err(GsubError::TooLarge) => unreachable!("no cap"),
        }
    }

    fn run_case(line: &str) -> String {
        let f: Vec<&str> = line.split('\t').collect();
        let s = unescape(f[1]);
        let p = unescape(f[2]);
        match f[0] {
            "find" => {
                let plain = matches!(f.get(4), Some(&"true"));
                run_find(&s, &p, opt_int(f.get(3)), plain)
            }
            "match" => run_match(&s, &p, opt_int(f.get(3))),
            "gmatch" => run_gmatch(&s, &p, opt_int(f.get(3))),
            "gsub" => run_gsub(&s, &p, f[3], opt_int(f.get(4))),
            other => panic!("unknown function {other}"),
        }
    }

    #[test]
    fn differential_corpus_matches_lua54() {
        check_corpus(CASES, EXPECTED);
    }

    #[test]
    fn differential_corpus_with_eager_filters() {
        EAGER_FILTERS.with(|e| e.set(true));
        check_corpus(CASES, EXPECTED);
    }

    /// Run an external corpus (e.g. a large randomly generated one):
    /// `KILN_PATTERN_CASES=cases KILN_PATTERN_EXPECTED=expected cargo test -- --ignored`
    #[test]
    #[ignore = "opt-in: needs an external corpus named by KILN_PATTERN_CASES and KILN_PATTERN_EXPECTED"]
    fn differential_external_corpus() {
        let cases = std::fs::read_to_string(std::env::var("KILN_PATTERN_CASES").unwrap()).unwrap();
        let expected =
            std::fs::read_to_string(std::env::var("KILN_PATTERN_EXPECTED").unwrap()).unwrap();
        check_corpus(&cases, &expected);
        EAGER_FILTERS.with(|e| e.set(true));
        check_corpus(&cases, &expected);
    }

    fn check_corpus(cases: &str, expected: &str) {
        let expected: std::collections::HashMap<usize, &str> = expected
            .lines()
            .map(|l| {
                let (n, r) = l.split_once('\t').unwrap();
                (n.parse().unwrap(), r)
            })
            .collect();
        let mut total = 0;
        let mut failures = Vec::new();
        for (idx, line) in cases.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            total += 1;
            let lineno = idx + 1;
            let want = expected
                .get(&lineno)
                .unwrap_or_else(|| panic!("no expected result for line {lineno}; rerun gen.lua"));
            let got = run_case(line);
            if got != *want {
                failures.push(format!(
                    "line {lineno}: {line}\n   want: {want}\n   got:  {got}"
                ));
            }
        }
        assert_eq!(
            total,
            expected.len(),
            "expected.txt is stale; rerun gen.lua"
        );
        assert!(total >= 300);
        assert!(
            failures.is_empty(),
            "{} of {} cases differ from lua5.4:\n{}",
            failures.len(),
            total,
            failures.join("\n")
        );
    }
}
