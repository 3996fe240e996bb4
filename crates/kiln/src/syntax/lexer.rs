//! The lexer: turns source bytes into tokens, tracking line numbers.
//!
//! Errors are formatted the way lua5.4 formats them:
//! `chunkname:line: message near 'token'`.

use crate::number::{str_to_number, Number};
use std::rc::Rc;

/// A token.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    And,
    Break,
    Do,
    Else,
    Elseif,
    End,
    False,
    For,
    Function,
    Goto,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    /// `//`
    IDiv,
    /// `..`
    Concat,
    /// `...`
    Dots,
    /// `==`
    Eq,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `~=`
    Ne,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `::`
    DbColon,
    /// end of input
    Eof,
    /// float literal
    Float(f64),
    /// integer literal
    Int(i64),
    /// identifier
    Name(Rc<str>),
    /// string literal (escapes processed)
    Str(Rc<[u8]>),
    /// any single-byte token
    Char(u8),
}

const KEYWORDS: [(&str, Tok); 22] = [
    ("and", Tok::And),
    ("break", Tok::Break),
    ("do", Tok::Do),
    ("else", Tok::Else),
    ("elseif", Tok::Elseif),
    ("end", Tok::End),
    ("false", Tok::False),
    ("for", Tok::For),
    ("function", Tok::Function),
    ("goto", Tok::Goto),
    ("if", Tok::If),
    ("in", Tok::In),
    ("local", Tok::Local),
    ("nil", Tok::Nil),
    ("not", Tok::Not),
    ("or", Tok::Or),
    ("repeat", Tok::Repeat),
    ("return", Tok::Return),
    ("then", Tok::Then),
    ("true", Tok::True),
    ("until", Tok::Until),
    ("while", Tok::While),
];

impl Tok {
    /// How lua5.4 spells a token in messages (without the quotes).
    pub fn spelling(&self) -> String {
        match self {
            Tok::IDiv => "//".into(),
            Tok::Concat => "..".into(),
            Tok::Dots => "...".into(),
            Tok::Eq => "==".into(),
            Tok::Ge => ">=".into(),
            Tok::Le => "<=".into(),
            Tok::Ne => "~=".into(),
            Tok::Shl => "<<".into(),
            Tok::Shr => ">>".into(),
            Tok::DbColon => "::".into(),
            Tok::Eof => "<eof>".into(),
            Tok::Float(_) => "<number>".into(),
            Tok::Int(_) => "<integer>".into(),
            Tok::Name(_) => "<name>".into(),
            Tok::Str(_) => "<string>".into(),
            Tok::Char(c) => {
                if c.is_ascii_graphic() || *c == b' ' {
                    (*c as char).to_string()
                } else {
                    format!("<\\{c}>")
                }
            }
            kw => KEYWORDS
                .iter()
                .find(|(_, t)| t == kw)
                .map(|(s, _)| s.to_string())
                .unwrap_or_default(),
        }
    }

    /// The token as lua's `luaX_token2str` shows it in messages: symbols and
    /// reserved words quoted (`'='`, `'end'`), the token classes bare
    /// (`<eof>`, `<name>`, `<string>`, `<number>`, `<integer>`).
    pub fn quoted(&self) -> String {
        match self {
            Tok::Eof | Tok::Float(_) | Tok::Int(_) | Tok::Name(_) | Tok::Str(_) => self.spelling(),
            t => format!("'{}'", t.spelling()),
        }
    }
}

/// A syntax error, already formatted as lua5.4 does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// `chunk:line: message near 'token'`
    pub message: Vec<u8>,
    /// True when the error is at end of input (so more input could complete it;
    /// the REPL uses this to ask for a continuation line).
    pub at_eof: bool,
    /// A runtime error raised while parsing ("C stack overflow" for nesting
    /// too deep): `load` passes it through the active message handler, as
    /// the reference does.
    pub runtime: bool,
}

/// Format a chunk name as lua5.4 shows it in messages (`[string "..."]`, file name, or `=name`).
pub fn chunk_id(source: &[u8]) -> Vec<u8> {
    const IDSIZE: usize = 60;
    // (the reference treats the name as a C string: it ends at a NUL)
    let source = &source[..source.iter().position(|&c| c == 0).unwrap_or(source.len())];
    let mut out = Vec::new();
    if let Some(rest) = source.strip_prefix(b"=") {
        if source.len() <= IDSIZE {
            out.extend_from_slice(rest);
        } else {
            out.extend_from_slice(&rest[..IDSIZE - 1]);
        }
    } else if let Some(rest) = source.strip_prefix(b"@") {
        if source.len() <= IDSIZE {
            out.extend_from_slice(rest);
        } else {
            let keep = IDSIZE - 3;
            out.extend_from_slice(b"...");
            out.extend_from_slice(&rest[rest.len() - (keep - 1)..]);
        }
    } else {
        // stop at an embedded NUL, like the C string functions do
        let src = match source.iter().position(|&c| c == 0) {
            Some(p) => &source[..p],
            None => source,
        };
        let nl = src.iter().position(|&c| c == b'\n');
        out.extend_from_slice(b"[string \"");
        let avail = IDSIZE - (9 + 3 + 2) - 1;
        if src.len() < avail && nl.is_none() {
            out.extend_from_slice(src);
        } else {
            let mut len = nl.unwrap_or(src.len());
            if len > avail {
                len = avail;
            }
            out.extend_from_slice(&src[..len]);
            out.extend_from_slice(b"...");
        }
        out.extend_from_slice(b"\"]");
    }
    out
}

/// The lexer.
pub struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    /// Current line.
    pub line: u32,
    /// Line of the last token consumed.
    pub lastline: u32,
    /// Current token.
    pub tok: Tok,
    /// Raw text of the current token (for "near" in messages).
    raw: Vec<u8>,
    ahead: Option<(Tok, Vec<u8>, u32)>,
    buf: Vec<u8>,
    chunk: Vec<u8>,
}

fn is_alpha(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}
fn is_alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

const EOZ: i32 = -1;

impl<'a> Lexer<'a> {
    /// A lexer over `src` for the chunk named `chunkname` (as given to `load`).
    pub fn new(src: &'a [u8], chunkname: &[u8]) -> Lexer<'a> {
        Lexer {
            src,
            pos: 0,
            line: 1,
            lastline: 1,
            tok: Tok::Eof,
            raw: Vec::new(),
            ahead: None,
            buf: Vec::new(),
            chunk: chunk_id(chunkname),
        }
    }

    /// The formatted chunk name.
    pub fn chunk_name(&self) -> &[u8] {
        &self.chunk
    }

    #[inline]
    fn cur(&self) -> i32 {
        match self.src.get(self.pos) {
            Some(&c) => c as i32,
            None => EOZ,
        }
    }

    #[inline]
    fn next_char(&mut self) {
        self.pos += 1;
    }

    #[inline]
    fn save_and_next(&mut self) {
        if let Some(&c) = self.src.get(self.pos) {
            self.buf.push(c);
        }
        self.pos += 1;
    }

    fn check_next1(&mut self, c: u8) -> bool {
        if self.cur() == c as i32 {
            self.next_char();
            true
        } else {
            false
        }
    }

    fn check_next2(&mut self, set: &[u8; 2]) -> bool {
        let c = self.cur();
        if c == set[0] as i32 || c == set[1] as i32 {
            self.save_and_next();
            true
        } else {
            false
        }
    }

    fn is_newline(c: i32) -> bool {
        c == b'\n' as i32 || c == b'\r' as i32
    }

    fn inc_line(&mut self) -> Result<(), SyntaxError> {
        let old = self.cur();
        self.next_char();
        let c = self.cur();
        if Self::is_newline(c) && c != old {
            self.next_char();
        }
        self.line += 1;
        if self.line >= i32::MAX as u32 {
            return Err(self.error_plain("chunk has too many lines"));
        }
        Ok(())
    }

    /// Error with position but without a token.
    pub fn error_plain(&self, msg: &str) -> SyntaxError {
        let mut m = self.chunk.clone();
        m.extend_from_slice(format!(":{}: {}", self.line, msg).as_bytes());
        SyntaxError {
            message: m,
            at_eof: false,
            runtime: false,
        }
    }

    /// Error "near" the current token.
    pub fn error_near(&self, msg: &str) -> SyntaxError {
        let near = self.near_text(&self.tok.clone(), &self.raw.clone());
        self.error_with_near(msg, &near, self.tok == Tok::Eof)
    }

    fn error_with_near(&self, msg: &str, near: &[u8], at_eof: bool) -> SyntaxError {
        let mut m = self.chunk.clone();
        m.extend_from_slice(format!(":{}: {} near ", self.line, msg).as_bytes());
        m.extend_from_slice(near);
        SyntaxError {
            message: m,
            at_eof,
            runtime: false,
        }
    }

    fn near_text(&self, tok: &Tok, raw: &[u8]) -> Vec<u8> {
        match tok {
            Tok::Name(_) | Tok::Str(_) | Tok::Int(_) | Tok::Float(_) => quote_text(raw),
            t => t.quoted().into_bytes(),
        }
    }

    /// Lexical error: near the text scanned so far for the token being read.
    fn lex_error(&self, msg: &str, with_buf: bool) -> SyntaxError {
        if with_buf {
            let near = quote_text(&self.buf);
            self.error_with_near(msg, &near, self.cur() == EOZ)
        } else {
            self.error_with_near(msg, b"<eof>", true)
        }
    }

    /// Advance to the next token.
    // Not an iterator: advancing is fallible and the token stays readable in
    // `tok`, like the reference lexer's `luaX_next`.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<(), SyntaxError> {
        self.lastline = self.line;
        if let Some((t, raw, line)) = self.ahead.take() {
            self.tok = t;
            self.raw = raw;
            let _ = line;
            return Ok(());
        }
        let t = self.scan()?;
        self.tok = t;
        // swap rather than take: both buffers keep their allocations
        std::mem::swap(&mut self.raw, &mut self.buf);
        Ok(())
    }

    /// Peek at the token after the current one.
    pub fn lookahead(&mut self) -> Result<&Tok, SyntaxError> {
        if self.ahead.is_none() {
            let t = self.scan()?;
            let raw = std::mem::take(&mut self.buf);
            self.ahead = Some((t, raw, self.line));
        }
        Ok(&self.ahead.as_ref().expect("lookahead").0)
    }

    fn skip_sep(&mut self) -> usize {
        // at '[' or ']': count '=' signs; returns count+2 when well formed,
        // 1 for a single bracket, 0 for a malformed one
        let s = self.cur();
        self.save_and_next();
        let mut count = 0;
        while self.cur() == b'=' as i32 {
            self.save_and_next();
            count += 1;
        }
        if self.cur() == s {
            count + 2
        } else if count == 0 {
            1
        } else {
            0
        }
    }

    fn read_long_string(
        &mut self,
        sep: usize,
        is_string: bool,
    ) -> Result<Option<Rc<[u8]>>, SyntaxError> {
        let start_line = self.line;
        self.save_and_next(); // second '['
        if Self::is_newline(self.cur()) {
            self.inc_line()?;
        }
        loop {
            let c = self.cur();
            if c == EOZ {
                let what = if is_string { "string" } else { "comment" };
                let msg = format!("unfinished long {what} (starting at line {start_line})");
                return Err(self.lex_error(&msg, false));
            } else if c == b']' as i32 {
                if self.skip_sep() == sep {
                    self.save_and_next();
                    break;
                }
            } else if c == b'\n' as i32 || c == b'\r' as i32 {
                self.buf.push(b'\n');
                self.inc_line()?;
                if !is_string {
                    self.buf.clear();
                }
            } else if is_string {
                self.save_and_next();
            } else {
                self.next_char();
            }
        }
        if is_string {
            let b = &self.buf[sep..self.buf.len() - sep];
            Ok(Some(Rc::from(b)))
        } else {
            Ok(None)
        }
    }

    fn esc_check(&mut self, ok: bool, msg: &str) -> Result<(), SyntaxError> {
        if !ok {
            if self.cur() != EOZ {
                self.save_and_next();
            }
            return Err(self.lex_error(msg, true));
        }
        Ok(())
    }

    fn get_hexa(&mut self) -> Result<u32, SyntaxError> {
        self.save_and_next();
        let c = self.cur();
        let ok = c >= 0 && (c as u8).is_ascii_hexdigit();
        self.esc_check(ok, "hexadecimal digit expected")?;
        Ok((c as u8 as char).to_digit(16).unwrap_or(0))
    }

    fn read_hexa_esc(&mut self) -> Result<u8, SyntaxError> {
        let mut r = self.get_hexa()?;
        r = (r << 4) + self.get_hexa()?;
        // remove the saved '\\', 'x' and the two digits
        self.buf.truncate(self.buf.len() - 2);
        Ok(r as u8)
    }

    fn read_utf8_esc(&mut self, out: &mut Vec<u8>) -> Result<(), SyntaxError> {
        let mut i = 4; // chars to remove: '\', 'u', '{', and first digit
        self.save_and_next(); // skip 'u'
        let ok = self.cur() == b'{' as i32;
        self.esc_check(ok, "missing '{'")?;
        let mut r = self.get_hexa()? as u64;
        loop {
            self.save_and_next();
            let c = self.cur();
            if !(c >= 0 && (c as u8).is_ascii_hexdigit()) {
                break;
            }
            i += 1;
            let ok = r <= (0x7FFF_FFFFu64 >> 4);
            self.esc_check(ok, "UTF-8 value too large")?;
            r = (r << 4) + (c as u8 as char).to_digit(16).unwrap_or(0) as u64;
        }
        let ok = self.cur() == b'}' as i32;
        self.esc_check(ok, "missing '}'")?;
        self.next_char(); // skip '}'
        self.buf.truncate(self.buf.len() - i);
        encode_utf8_ext(r as u32, out);
        Ok(())
    }

    fn read_dec_esc(&mut self) -> Result<u8, SyntaxError> {
        let mut r: u32 = 0;
        let mut i = 0;
        while i < 3 {
            let c = self.cur();
            if !(c >= 0 && (c as u8).is_ascii_digit()) {
                break;
            }
            r = 10 * r + (c as u32 - b'0' as u32);
            self.save_and_next();
            i += 1;
        }
        self.esc_check(r <= 255, "decimal escape too large")?;
        self.buf.truncate(self.buf.len() - i);
        Ok(r as u8)
    }

    fn read_string(&mut self, del: u8) -> Result<Tok, SyntaxError> {
        self.save_and_next(); // keep delimiter for error messages
        let mut out: Vec<u8> = Vec::new();
        loop {
            let c = self.cur();
            if c == del as i32 {
                break;
            }
            match c {
                EOZ => return Err(self.lex_error("unfinished string", false)),
                10 | 13 => return Err(self.lex_error("unfinished string", true)),
                92 => {
                    // backslash
                    let before = self.buf.len();
                    self.save_and_next();
                    let e = self.cur();
                    let produced: Option<u8> = match e {
                        97 => Some(7),   // \a
                        98 => Some(8),   // \b
                        102 => Some(12), // \f
                        110 => Some(10), // \n
                        114 => Some(13), // \r
                        116 => Some(9),  // \t
                        118 => Some(11), // \v
                        120 => {
                            let v = self.read_hexa_esc()?;
                            self.next_char_after_esc();
                            self.buf.truncate(before);
                            self.buf.push(v);
                            out.push(v);
                            continue;
                        }
                        117 => {
                            let mut tmp = Vec::new();
                            self.read_utf8_esc(&mut tmp)?;
                            self.buf.truncate(before);
                            self.buf.extend_from_slice(&tmp);
                            out.extend_from_slice(&tmp);
                            continue;
                        }
                        10 | 13 => {
                            self.inc_line()?;
                            self.buf.truncate(before);
                            self.buf.push(b'\n');
                            out.push(b'\n');
                            continue;
                        }
                        92 | 34 | 39 => Some(e as u8),
                        EOZ => continue, // will raise "unfinished string" on next iteration
                        122 => {
                            // \z: skip following whitespace
                            self.buf.truncate(before);
                            self.next_char();
                            while self.cur() >= 0 && is_space(self.cur() as u8) {
                                if Self::is_newline(self.cur()) {
                                    self.inc_line()?;
                                } else {
                                    self.next_char();
                                }
                            }
                            continue;
                        }
                        _ => {
                            let ok = e >= 0 && (e as u8).is_ascii_digit();
                            self.esc_check(ok, "invalid escape sequence")?;
                            let v = self.read_dec_esc()?;
                            self.buf.truncate(before);
                            self.buf.push(v);
                            out.push(v);
                            continue;
                        }
                    };
                    if let Some(v) = produced {
                        self.next_char();
                        self.buf.truncate(before);
                        self.buf.push(v);
                        out.push(v);
                    }
                }
                _ => {
                    out.push(c as u8);
                    self.save_and_next();
                }
            }
        }
        self.save_and_next(); // closing delimiter
        Ok(Tok::Str(Rc::from(out)))
    }

    fn next_char_after_esc(&mut self) {
        self.next_char();
    }

    fn read_numeral(&mut self) -> Result<Tok, SyntaxError> {
        let first = self.cur();
        self.save_and_next();
        let mut expo = b"Ee";
        if first == b'0' as i32 && self.check_next2(b"xX") {
            expo = b"Pp";
        }
        loop {
            if self.check_next2(expo) {
                self.check_next2(b"-+");
            } else {
                let c = self.cur();
                if c >= 0 && ((c as u8).is_ascii_hexdigit() || c == b'.' as i32) {
                    self.save_and_next();
                } else {
                    break;
                }
            }
        }
        let c = self.cur();
        if c >= 0 && is_alpha(c as u8) {
            self.save_and_next();
        }
        match str_to_number(&self.buf) {
            Some(Number::Int(i)) => Ok(Tok::Int(i)),
            Some(Number::Float(f)) => Ok(Tok::Float(f)),
            None => Err(self.lex_error("malformed number", true)),
        }
    }

    fn scan(&mut self) -> Result<Tok, SyntaxError> {
        self.buf.clear();
        loop {
            let c = self.cur();
            if c == EOZ {
                return Ok(Tok::Eof);
            }
            let c = c as u8;
            match c {
                b'\n' | b'\r' => self.inc_line()?,
                b' ' | b'\t' | 0x0b | 0x0c => self.next_char(),
                b'-' => {
                    self.next_char();
                    if self.cur() != b'-' as i32 {
                        return Ok(Tok::Char(b'-'));
                    }
                    self.next_char();
                    if self.cur() == b'[' as i32 {
                        let sep = self.skip_sep();
                        self.buf.clear();
                        if sep >= 2 {
                            self.read_long_string(sep, false)?;
                            self.buf.clear();
                            continue;
                        }
                    }
                    while self.cur() != EOZ && !Self::is_newline(self.cur()) {
                        self.next_char();
                    }
                }
                b'[' => {
                    let sep = self.skip_sep();
                    if sep >= 2 {
                        let s = self.read_long_string(sep, true)?.expect("string");
                        return Ok(Tok::Str(s));
                    } else if sep == 0 {
                        return Err(self.lex_error("invalid long string delimiter", true));
                    }
                    self.buf.clear();
                    return Ok(Tok::Char(b'['));
                }
                b'=' => {
                    self.next_char();
                    return Ok(if self.check_next1(b'=') {
                        Tok::Eq
                    } else {
                        Tok::Char(b'=')
                    });
                }
                b'<' => {
                    self.next_char();
                    if self.check_next1(b'=') {
                        return Ok(Tok::Le);
                    }
                    return Ok(if self.check_next1(b'<') {
                        Tok::Shl
                    } else {
                        Tok::Char(b'<')
                    });
                }
                b'>' => {
                    self.next_char();
                    if self.check_next1(b'=') {
                        return Ok(Tok::Ge);
                    }
                    return Ok(if self.check_next1(b'>') {
                        Tok::Shr
                    } else {
                        Tok::Char(b'>')
                    });
                }
                b'/' => {
                    self.next_char();
                    return Ok(if self.check_next1(b'/') {
                        Tok::IDiv
                    } else {
                        Tok::Char(b'/')
                    });
                }
                b'~' => {
                    self.next_char();
                    return Ok(if self.check_next1(b'=') {
                        Tok::Ne
                    } else {
                        Tok::Char(b'~')
                    });
                }
                b':' => {
                    self.next_char();
                    return Ok(if self.check_next1(b':') {
                        Tok::DbColon
                    } else {
                        Tok::Char(b':')
                    });
                }
                b'"' | b'\'' => return self.read_string(c),
                b'.' => {
                    self.save_and_next();
                    if self.check_next1(b'.') {
                        if self.check_next1(b'.') {
                            return Ok(Tok::Dots);
                        }
                        return Ok(Tok::Concat);
                    }
                    let d = self.cur();
                    if d >= 0 && (d as u8).is_ascii_digit() {
                        return self.read_numeral();
                    }
                    return Ok(Tok::Char(b'.'));
                }
                b'0'..=b'9' => return self.read_numeral(),
                _ => {
                    if is_alpha(c) {
                        while self.cur() >= 0 && is_alnum(self.cur() as u8) {
                            self.save_and_next();
                        }
                        let word = std::str::from_utf8(&self.buf).expect("ascii identifier");
                        for (kw, t) in KEYWORDS.iter() {
                            if *kw == word {
                                return Ok(t.clone());
                            }
                        }
                        return Ok(Tok::Name(Rc::from(word)));
                    }
                    self.next_char();
                    return Ok(Tok::Char(c));
                }
            }
        }
    }
}

/// `'text'` as lua quotes token text in messages (C-string semantics: the
/// text stops at an embedded NUL).
fn quote_text(raw: &[u8]) -> Vec<u8> {
    let end = raw.iter().position(|&c| c == 0).unwrap_or(raw.len());
    let mut v = Vec::with_capacity(end + 2);
    v.push(b'\'');
    v.extend_from_slice(&raw[..end]);
    v.push(b'\'');
    v
}

/// Encode a code point (up to 2^31) as extended UTF-8 (up to 6 bytes).
pub fn encode_utf8_ext(mut x: u32, out: &mut Vec<u8>) {
    if x < 0x80 {
        out.push(x as u8);
        return;
    }
    let mut buf = [0u8; 8];
    let mut n = 1;
    let mut mfb: u32 = 0x3f;
    loop {
        buf[8 - n] = 0x80 | (x & 0x3f) as u8;
        n += 1;
        x >>= 6;
        mfb >>= 1;
        if x <= mfb {
            break;
        }
    }
    buf[8 - n] = ((!mfb << 1) | x) as u8;
    out.extend_from_slice(&buf[8 - n..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        let mut l = Lexer::new(s.as_bytes(), b"=t");
        let mut v = vec![];
        loop {
            l.next().unwrap();
            if l.tok == Tok::Eof {
                break;
            }
            v.push(l.tok.clone());
        }
        v
    }

    fn err(s: &str) -> String {
        let mut l = Lexer::new(s.as_bytes(), b"=t");
        loop {
            match l.next() {
                Ok(()) if l.tok == Tok::Eof => panic!("no error"),
                Ok(()) => {}
                Err(e) => return String::from_utf8(e.message).unwrap(),
            }
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(
            toks("3 0x10 3.5 0xA.8p1 1e2"),
            vec![
                Tok::Int(3),
                Tok::Int(16),
                Tok::Float(3.5),
                Tok::Float(21.0),
                Tok::Float(100.0)
            ]
        );
        assert_eq!(toks("0xffffffffffffffff"), vec![Tok::Int(-1)]);
        assert_eq!(toks(".5"), vec![Tok::Float(0.5)]);
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(
            toks(r#""a\tb\65\x41\u{48}\z   c""#),
            vec![Tok::Str(Rc::from(&b"a\tbAAHc"[..]))]
        );
        assert_eq!(
            toks("[==[\nx]]y]==]"),
            vec![Tok::Str(Rc::from(&b"x]]y"[..]))]
        );
        assert_eq!(
            toks("'\\u{7FFFFFFF}'"),
            vec![Tok::Str(Rc::from(&b"\xfd\xbf\xbf\xbf\xbf\xbf"[..]))]
        );
    }

    #[test]
    fn comments_and_symbols() {
        assert_eq!(
            toks("a --x\n--[[ long\n]] // .. ... == ~= :: <= >= << >>"),
            vec![
                Tok::Name(Rc::from("a")),
                Tok::IDiv,
                Tok::Concat,
                Tok::Dots,
                Tok::Eq,
                Tok::Ne,
                Tok::DbColon,
                Tok::Le,
                Tok::Ge,
                Tok::Shl,
                Tok::Shr
            ]
        );
    }

    #[test]
    fn errors() {
        assert_eq!(err("x = 'abc"), "t:1: unfinished string near <eof>");
        assert_eq!(err("'\\q'"), "t:1: invalid escape sequence near ''\\q'");
        assert_eq!(err("3e"), "t:1: malformed number near '3e'");
        assert_eq!(
            err("[[abc"),
            "t:1: unfinished long string (starting at line 1) near <eof>"
        );
        assert_eq!(
            err("'\\300'"),
            "t:1: decimal escape too large near ''\\300''"
        );
        assert_eq!(
            err("'\\xg'"),
            "t:1: hexadecimal digit expected near ''\\xg'"
        );
    }

    #[test]
    fn chunk_ids() {
        assert_eq!(chunk_id(b"x = = 1"), b"[string \"x = = 1\"]");
        assert_eq!(chunk_id(b"@foo.lua"), b"foo.lua");
        assert_eq!(chunk_id(b"=stdin"), b"stdin");
        assert_eq!(chunk_id(b"a\nb"), b"[string \"a...\"]");
    }
}
