//! The input/output library (manual §6.8).
//!
//! A Lua file handle is a userdata holding an [`LFile`]: a buffered stream
//! over an operating system file descriptor (a regular file, one end of a pipe
//! to a child process, or one of the standard streams). Buffering follows the
//! C library's model closely enough that programs observe the same results as
//! with the reference implementation: writes are buffered (fully, by line, or
//! not at all, see `setvbuf`), reads go through a read-ahead buffer that is
//! dropped (with the file position moved back) before the next write or seek.
//!
//! Standard output is special: it shares the VM's output buffer with `print`
//! so that both interleave correctly.

use crate::number::{fmt_float, fmt_int, str_to_number, Number};
use crate::vm::gc::Gc;
use crate::vm::table::Table;
use crate::vm::userdata::UserData;
use crate::vm::{Args, LResult, NativeFn, Value, Vm};
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read, Write};
use std::mem::ManuallyDrop;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::io::{AsRawFd, FromRawFd, IntoRawFd};
use std::process::Child;

/// Slot names in `vm.ext.slots`.
const SLOT_MT: &str = "io.filemt";
const SLOT_INPUT: &str = "io.input";
const SLOT_OUTPUT: &str = "io.output";

/// Default buffer size of a stream (what the C library uses for files).
const BUFSIZE: usize = 4096;
/// Size of the shared standard output buffer when fully buffered.
const STDOUT_BUFSIZE: usize = 1 << 15;
/// Default size for `setvbuf` without a size (`LUAL_BUFFERSIZE`).
const SETVBUF_DEFAULT: i64 = 1024;
/// Maximum length of a numeral read by the "n" format.
const MAX_NUMERAL: usize = 200;
/// Maximum number of formats of `lines`.
const MAX_LINES_ARGS: usize = 250;

/// Buffering mode of a stream.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum BufMode {
    No,
    Full,
    Line,
}

/// What a handle is, which decides how it is closed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Stdin,
    Stdout,
    Stderr,
    /// Opened by `io.open`, `io.lines`, `io.input`/`io.output` or `io.tmpfile`.
    File,
    /// Opened by `io.popen`.
    Pipe,
}

/// The descriptor behind a stream.
enum Sys {
    /// A descriptor we own (closed with the stream).
    Owned(File),
    /// A standard descriptor (0 or 2) that is never closed.
    Std(ManuallyDrop<File>),
    /// Standard output: writes go through the VM's shared buffer.
    Stdout,
    /// Closed.
    None,
}

fn ebadf() -> io::Error {
    io::Error::from_raw_os_error(libc::EBADF)
}

/// A Lua file handle.
pub struct LFile {
    kind: Kind,
    sys: Sys,
    child: Option<Child>,
    readable: bool,
    writable: bool,
    /// Read-ahead buffer: `rbuf[rpos..rend]` is unread.
    rbuf: Vec<u8>,
    rpos: usize,
    rend: usize,
    /// Pending output.
    wbuf: Vec<u8>,
    mode: BufMode,
    size: usize,
    /// First error of the current operation.
    err: Option<io::Error>,
}

impl LFile {
    fn new(kind: Kind, sys: Sys, readable: bool, writable: bool) -> LFile {
        let mode = if kind == Kind::Stderr {
            BufMode::No
        } else {
            BufMode::Full
        };
        LFile {
            kind,
            sys,
            child: None,
            readable,
            writable,
            rbuf: Vec::new(),
            rpos: 0,
            rend: 0,
            wbuf: Vec::new(),
            mode,
            size: BUFSIZE,
            err: None,
        }
    }

    fn is_closed(&self) -> bool {
        matches!(self.sys, Sys::None)
    }

    fn file(&mut self) -> Option<&mut File> {
        match &mut self.sys {
            Sys::Owned(f) => Some(f),
            Sys::Std(f) => Some(&mut **f),
            _ => None,
        }
    }

    fn raw_fd(&self) -> i32 {
        match &self.sys {
            Sys::Owned(f) => f.as_raw_fd(),
            Sys::Std(f) => f.as_raw_fd(),
            Sys::Stdout => 1,
            Sys::None => -1,
        }
    }

    fn set_err(&mut self, e: io::Error) {
        if self.err.is_none() {
            self.err = Some(e);
        }
    }

    // ----- output -------------------------------------------------------------

    /// Write the pending output buffer.
    fn flush_w(&mut self) -> io::Result<()> {
        if self.wbuf.is_empty() {
            return Ok(());
        }
        let buf = std::mem::take(&mut self.wbuf);
        let r = match self.file() {
            Some(f) => f.write_all(&buf),
            None => Err(ebadf()),
        };
        self.wbuf = buf;
        self.wbuf.clear();
        r
    }

    /// Flush pending output (and standard output's shared buffer).
    fn flush(&mut self, vm: &mut Vm) -> io::Result<()> {
        if let Sys::Stdout = self.sys {
            return vm.out.flush();
        }
        self.flush_w()
    }

    /// Forget read-ahead data, moving the descriptor back to the logical
    /// position (before writing or seeking).
    fn drop_read_ahead(&mut self) {
        let unread = self.rend - self.rpos;
        self.rpos = 0;
        self.rend = 0;
        if unread > 0 {
            let fd = self.raw_fd();
            // SAFETY: lseek on a descriptor number has no memory effects; a
            // stale or invalid descriptor only makes it fail.
            unsafe { libc::lseek(fd, -(unread as libc::off_t), libc::SEEK_CUR) };
        }
    }

    fn write(&mut self, vm: &mut Vm, data: &[u8]) -> io::Result<()> {
        if !self.writable {
            return Err(ebadf());
        }
        match self.sys {
            Sys::Stdout => {
                vm.write_out(data)?;
                match self.mode {
                    BufMode::No => vm.out.flush(),
                    _ if self.size <= 1 => vm.out.flush(),
                    BufMode::Line if data.contains(&b'\n') => vm.out.flush(),
                    _ => Ok(()),
                }
            }
            Sys::None => Err(ebadf()),
            _ => {
                if self.kind == Kind::Stderr {
                    vm.flush_out();
                }
                self.drop_read_ahead();
                match self.mode {
                    BufMode::No => {
                        self.flush_w()?;
                        self.file().ok_or_else(ebadf)?.write_all(data)
                    }
                    BufMode::Line => {
                        self.wbuf.extend_from_slice(data);
                        if data.contains(&b'\n') || self.wbuf.len() >= self.size {
                            self.flush_w()
                        } else {
                            Ok(())
                        }
                    }
                    BufMode::Full => {
                        if self.wbuf.len() + data.len() > self.size {
                            self.flush_w()?;
                            if data.len() >= self.size {
                                return self.file().ok_or_else(ebadf)?.write_all(data);
                            }
                        }
                        self.wbuf.extend_from_slice(data);
                        Ok(())
                    }
                }
            }
        }
    }

    // ----- input --------------------------------------------------------------

    /// Make unread data available; false at end of file or on error (recorded).
    fn fill(&mut self) -> bool {
        if self.rpos < self.rend {
            return true;
        }
        if !self.readable {
            self.set_err(ebadf());
            return false;
        }
        if let Err(e) = self.flush_w() {
            self.set_err(e);
            return false;
        }
        let want = self.size.max(1);
        if self.rbuf.len() != want {
            self.rbuf = vec![0; want];
        }
        self.rpos = 0;
        self.rend = 0;
        loop {
            let mut buf = std::mem::take(&mut self.rbuf);
            let r = match self.file() {
                Some(f) => f.read(&mut buf),
                None => Err(ebadf()),
            };
            self.rbuf = buf;
            match r {
                Ok(n) => {
                    self.rend = n;
                    return n > 0;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.set_err(e);
                    return false;
                }
            }
        }
    }

    /// The next byte without consuming it.
    fn peek(&mut self) -> Option<u8> {
        if self.fill() {
            Some(self.rbuf[self.rpos])
        } else {
            None
        }
    }

    /// Read a line; true if something (a newline or other bytes) was read.
    fn read_line(&mut self, out: &mut Vec<u8>, keep_nl: bool) -> bool {
        let start = out.len();
        while self.fill() {
            let avail = &self.rbuf[self.rpos..self.rend];
            match avail.iter().position(|&c| c == b'\n') {
                Some(i) => {
                    let end = if keep_nl { i + 1 } else { i };
                    out.extend_from_slice(&avail[..end]);
                    self.rpos += i + 1;
                    return true;
                }
                None => {
                    out.extend_from_slice(avail);
                    self.rpos = self.rend;
                }
            }
        }
        out.len() > start
    }

    /// Read up to `n` bytes; true if at least one was read.
    fn read_chars(&mut self, out: &mut Vec<u8>, n: usize) -> bool {
        let mut left = n;
        while left > 0 && self.fill() {
            let k = left.min(self.rend - self.rpos);
            out.extend_from_slice(&self.rbuf[self.rpos..self.rpos + k]);
            self.rpos += k;
            left -= k;
        }
        left < n
    }

    /// Read everything up to the end of the file.
    fn read_all(&mut self, out: &mut Vec<u8>) {
        if self.rpos < self.rend {
            out.extend_from_slice(&self.rbuf[self.rpos..self.rend]);
            self.rpos = self.rend;
        }
        if !self.readable {
            self.set_err(ebadf());
            return;
        }
        if let Err(e) = self.flush_w() {
            self.set_err(e);
            return;
        }
        let r = match self.file() {
            Some(f) => f.read_to_end(out).map(|_| ()),
            None => Err(ebadf()),
        };
        if let Err(e) = r {
            self.set_err(e);
        }
    }

    /// Read a numeral the way the reference implementation does: at most
    /// `MAX_NUMERAL` characters that may form a number, then convert.
    fn read_number(&mut self) -> Option<Value> {
        while let Some(c) = self.peek() {
            if !matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                break;
            }
            self.rpos += 1;
        }
        let mut rn = NumReader {
            f: self,
            buf: Vec::new(),
            overflow: false,
        };
        let mut count = 0;
        let mut hex = false;
        rn.accept(b"-+");
        if rn.accept(b"00") {
            if rn.accept(b"xX") {
                hex = true;
            } else {
                count = 1;
            }
        }
        count += rn.digits(hex);
        if rn.accept(b"..") {
            count += rn.digits(hex);
        }
        if count > 0 && rn.accept(if hex { b"pP" } else { b"eE" }) {
            rn.accept(b"-+");
            rn.digits(false);
        }
        if rn.overflow {
            return None;
        }
        match str_to_number(&rn.buf) {
            Some(Number::Int(i)) => Some(Value::Int(i)),
            Some(Number::Float(f)) => Some(Value::Float(f)),
            None => None,
        }
    }

    // ----- positioning and closing ---------------------------------------------

    fn seek(&mut self, vm: &mut Vm, whence: i32, off: i64) -> io::Result<i64> {
        if let Sys::Stdout = self.sys {
            vm.out.flush()?;
        } else if self.is_closed() {
            return Err(ebadf());
        }
        self.flush_w()?;
        let unread = (self.rend - self.rpos) as i64;
        let (off, whence) = if whence == libc::SEEK_CUR {
            (off - unread, whence)
        } else {
            (off, whence)
        };
        let fd = self.raw_fd();
        // SAFETY: lseek on a descriptor number has no memory effects.
        let r = unsafe { libc::lseek(fd, off as libc::off_t, whence) };
        if r < 0 {
            return Err(io::Error::last_os_error());
        }
        self.rpos = 0;
        self.rend = 0;
        Ok(r as i64)
    }

    /// Change the buffering mode. Like the C library when it allocates the
    /// buffer itself, the size is not used: the buffer keeps its size, and
    /// unbuffered mode shrinks it to a single byte for good.
    fn set_vbuf(&mut self, vm: &mut Vm, mode: BufMode) -> io::Result<()> {
        self.flush(vm)?;
        self.mode = mode;
        if mode == BufMode::No {
            self.size = 1;
        }
        if let Sys::Stdout = self.sys {
            // `print` writes through the same buffer: give it the new policy
            // too (the standard library's stdout is itself line buffered).
            let cap = if mode == BufMode::Full && self.size > 1 {
                STDOUT_BUFSIZE
            } else {
                0
            };
            vm.out = io::BufWriter::with_capacity(cap, io::stdout());
        }
        Ok(())
    }

    /// Close the descriptor. For pipes, the child's wait status is returned.
    fn close(&mut self) -> io::Result<Option<i32>> {
        let flushed = self.flush_w();
        self.rpos = 0;
        self.rend = 0;
        let sys = std::mem::replace(&mut self.sys, Sys::None);
        let closed = match sys {
            Sys::Owned(f) => {
                let fd = f.into_raw_fd();
                // SAFETY: `fd` was owned by `f`, which gave it up, so it is
                // closed exactly once here.
                if unsafe { libc::close(fd) } != 0 {
                    Err(io::Error::last_os_error())
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        };
        let status = match self.child.take() {
            Some(mut c) => {
                use std::os::unix::process::ExitStatusExt;
                Some(c.wait()?.into_raw())
            }
            None => None,
        };
        flushed?;
        closed?;
        Ok(status)
    }
}

impl Drop for LFile {
    fn drop(&mut self) {
        if !self.is_closed() && !matches!(self.sys, Sys::Stdout) {
            let _ = self.flush_w();
            if self.kind == Kind::Pipe {
                let _ = self.close();
            }
        }
    }
}

/// State of the "n" format reader.
struct NumReader<'a> {
    f: &'a mut LFile,
    buf: Vec<u8>,
    overflow: bool,
}

impl NumReader<'_> {
    /// Take the current character into the numeral.
    fn take(&mut self) -> bool {
        if self.buf.len() >= MAX_NUMERAL {
            self.overflow = true;
            return false;
        }
        match self.f.peek() {
            Some(c) => {
                self.buf.push(c);
                self.f.rpos += 1;
                true
            }
            None => false,
        }
    }

    /// Take the current character if it is one of `set`.
    fn accept(&mut self, set: &[u8; 2]) -> bool {
        match self.f.peek() {
            Some(c) if c == set[0] || c == set[1] => self.take(),
            _ => false,
        }
    }

    fn digits(&mut self, hex: bool) -> usize {
        let mut n = 0;
        while let Some(c) = self.f.peek() {
            let ok = if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            };
            if !ok || !self.take() {
                break;
            }
            n += 1;
        }
        n
    }
}

// ----- handles as Lua values -----------------------------------------------------

/// The file handle metatable.
fn file_mt(vm: &Vm) -> Option<Gc<Table>> {
    match vm.ext.slots.get(SLOT_MT) {
        Some(Value::Table(t)) => Some(*t),
        _ => None,
    }
}

/// Wrap a stream in a new handle.
fn new_handle(vm: &mut Vm, f: LFile) -> Value {
    let u = vm.new_userdata(Box::new(f), 0);
    let mt = file_mt(vm);
    u.set_metatable(vm.heap(), mt);
    let v = Value::UserData(u);
    vm.check_finalizer(v, mt);
    v
}

/// The handle of a value, if it is one.
fn as_handle(v: Value) -> Option<Gc<UserData>> {
    match v {
        Value::UserData(u) if u.data.borrow().is::<LFile>() => Some(u),
        _ => None,
    }
}

/// Run `f` on the stream of handle `u`.
fn with<R>(u: Gc<UserData>, f: impl FnOnce(&mut LFile) -> R) -> R {
    let mut d = u.data.borrow_mut();
    f(d.downcast_mut::<LFile>().expect("file handle"))
}

fn is_closed(u: Gc<UserData>) -> bool {
    with(u, |f| f.is_closed())
}

/// Argument `i` must be a file handle (`luaL_checkudata`).
fn check_handle(vm: &mut Vm, a: Args, i: usize) -> LResult<Gc<UserData>> {
    match as_handle(vm.arg(a, i)) {
        Some(u) => Ok(u),
        None => Err(vm.arg_type_error(a, i, "FILE*")),
    }
}

/// Argument `i` must be an open file handle (`tofile`).
fn check_open(vm: &mut Vm, a: Args, i: usize) -> LResult<Gc<UserData>> {
    let u = check_handle(vm, a, i)?;
    if is_closed(u) {
        return Err(vm.error_l1("attempt to use a closed file"));
    }
    Ok(u)
}

/// `nil, "fname: message", errno` or `nil, "message", errno`.
fn push_error(vm: &mut Vm, e: &io::Error, fname: Option<&[u8]>) -> LResult<usize> {
    let mut msg = Vec::new();
    if let Some(n) = fname {
        msg.extend_from_slice(n);
        msg.extend_from_slice(b": ");
    }
    msg.extend_from_slice(crate::errno_text(e).as_bytes());
    let m = vm.str_value(&msg);
    let code = e.raw_os_error().unwrap_or(0) as i64;
    vm.ret(&[Value::Nil, m, Value::Int(code)])
}

/// `luaL_fileresult`: `true` or the error triple.
fn file_result(vm: &mut Vm, r: io::Result<()>, fname: Option<&[u8]>) -> LResult<usize> {
    match r {
        Ok(()) => vm.ret1(Value::Bool(true)),
        Err(e) => push_error(vm, &e, fname),
    }
}

/// `luaL_execresult` for a wait status.
pub(crate) fn exec_result(vm: &mut Vm, status: i32) -> LResult<usize> {
    let (what, code) = if libc::WIFEXITED(status) {
        ("exit", libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        ("signal", libc::WTERMSIG(status))
    } else {
        ("exit", status)
    };
    let ok = if what == "exit" && code == 0 {
        Value::Bool(true)
    } else {
        Value::Nil
    };
    let w = vm.str_value(what.as_bytes());
    vm.ret(&[ok, w, Value::Int(code as i64)])
}

/// A path for the operating system: like C, stop at the first NUL.
pub(crate) fn c_path(b: &[u8]) -> &OsStr {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    OsStr::from_bytes(&b[..end])
}

/// Valid `io.open` mode: `[rwa]%+?b*`.
fn check_mode(m: &[u8]) -> bool {
    let Some((&first, rest)) = m.split_first() else {
        return false;
    };
    if !b"rwa".contains(&first) {
        return false;
    }
    let rest = rest.strip_prefix(b"+").unwrap_or(rest);
    rest.iter().all(|&c| c == b'b')
}

/// Open a file with a (valid) C mode string.
fn open_file(name: &[u8], mode: &[u8]) -> io::Result<LFile> {
    let plus = mode.get(1) == Some(&b'+');
    let mut o = std::fs::OpenOptions::new();
    let (r, w) = match mode[0] {
        b'r' => {
            o.read(true).write(plus);
            (true, plus)
        }
        b'w' => {
            o.read(plus).write(true).create(true).truncate(true);
            (plus, true)
        }
        _ => {
            o.read(plus).append(true).create(true);
            (plus, true)
        }
    };
    let mut file = o.open(c_path(name))?;
    if mode[0] == b'a' && !plus {
        use std::io::Seek;
        let _ = file.seek(io::SeekFrom::End(0));
    }
    Ok(LFile::new(Kind::File, Sys::Owned(file), r, w))
}

/// Flush every open stream (before running a child, and at `os.exit`).
pub(crate) fn flush_all(vm: &mut Vm) {
    vm.flush_out();
    let objs: Vec<Value> = vm
        .gc
        .finobj
        .iter()
        .chain(vm.gc.tobefnz.iter())
        .copied()
        .collect();
    for v in objs {
        if let Value::UserData(u) = v {
            if let Ok(mut d) = u.data.try_borrow_mut() {
                if let Some(f) = d.downcast_mut::<LFile>() {
                    let _ = f.flush_w();
                }
            }
        }
    }
}

// ----- reading and writing -----------------------------------------------------------

/// A decoded `read` format.
enum Format {
    Count(usize),
    Number,
    Line(bool),
    All,
}

/// Decode format `v`; `argno` is its 1-based argument number for messages.
fn parse_format(vm: &mut Vm, v: Value, argno: usize) -> LResult<Format> {
    match v {
        Value::Int(n) => Ok(Format::Count(n as usize)),
        Value::Float(f) => match crate::number::float_to_int_exact(f) {
            Some(n) => Ok(Format::Count(n as usize)),
            None => Err(vm.arg_error(argno, "number has no integer representation")),
        },
        Value::Str(s) => {
            let b = s.as_bytes();
            let b = b.strip_prefix(b"*").unwrap_or(b);
            match b.first() {
                Some(b'n') => Ok(Format::Number),
                Some(b'l') => Ok(Format::Line(false)),
                Some(b'L') => Ok(Format::Line(true)),
                Some(b'a') => Ok(Format::All),
                _ => Err(vm.arg_error(argno, "invalid format")),
            }
        }
        _ => {
            let t = vm.obj_type_name(v);
            let t = if matches!(v, Value::LightUserData(_)) {
                "light userdata".to_string()
            } else {
                t
            };
            Err(vm.arg_error(argno, format!("string expected, got {t}")))
        }
    }
}

/// `g_read`: read with `formats` (argument numbers start at `first_argno`)
/// and push the results; returns their count.
fn g_read(vm: &mut Vm, u: Gc<UserData>, formats: &[Value], first_argno: usize) -> LResult<usize> {
    let kind = with(u, |f| {
        f.err = None;
        f.kind
    });
    if kind == Kind::Stdin {
        vm.flush_out();
    }
    let mut results: Vec<Value> = Vec::new();
    let mut success = true;
    if formats.is_empty() {
        let mut line = Vec::new();
        success = with(u, |f| f.read_line(&mut line, false));
        let s = vm.str_value(&line);
        results.push(s);
    } else {
        for (k, &fv) in formats.iter().enumerate() {
            let fmt = parse_format(vm, fv, first_argno + k)?;
            let v = match fmt {
                Format::Number => match with(u, |f| f.read_number()) {
                    Some(n) => n,
                    None => {
                        success = false;
                        Value::Nil
                    }
                },
                Format::Count(0) => {
                    success = with(u, |f| f.peek().is_some());
                    vm.str_value(b"")
                }
                Format::Count(n) => {
                    let mut b = Vec::new();
                    success = with(u, |f| f.read_chars(&mut b, n));
                    vm.str_value(&b)
                }
                Format::Line(keep) => {
                    let mut b = Vec::new();
                    success = with(u, |f| f.read_line(&mut b, keep));
                    vm.str_value(&b)
                }
                Format::All => {
                    let mut b = Vec::new();
                    with(u, |f| f.read_all(&mut b));
                    vm.str_value(&b)
                }
            };
            results.push(v);
            if !success {
                break;
            }
        }
    }
    if let Some(e) = with(u, |f| f.err.take()) {
        return push_error(vm, &e, None);
    }
    if !success {
        if let Some(last) = results.last_mut() {
            *last = Value::Nil;
        }
    }
    vm.ret(&results)
}

/// `g_write`: write the arguments from `from` on; returns the handle or the
/// error triple.
fn g_write(vm: &mut Vm, u: Gc<UserData>, a: Args, from: usize) -> LResult<usize> {
    let mut status: io::Result<()> = Ok(());
    // (a buffer kept in the VM: no allocation per call)
    let mut num = std::mem::take(&mut vm.ext.numbuf);
    for i in from..a.n {
        let v = vm.arg(a, i);
        let r = match v {
            Value::Int(n) => {
                num.clear();
                fmt_int(n, &mut num);
                with(u, |f| f.write(vm, &num))
            }
            Value::Float(x) => {
                num.clear();
                fmt_float(x, &mut num);
                if num.ends_with(b".0") {
                    num.truncate(num.len() - 2);
                }
                with(u, |f| f.write(vm, &num))
            }
            Value::Str(s) => with(u, |f| f.write(vm, s.as_bytes())),
            _ => {
                vm.ext.numbuf = num;
                return Err(vm.arg_type_error(a, i, "string"));
            }
        };
        if status.is_ok() {
            status = r;
        }
    }
    vm.ext.numbuf = num;
    match status {
        Ok(()) => vm.ret1(Value::UserData(u)),
        Err(e) => push_error(vm, &e, None),
    }
}

/// The current default input or output handle (`getiofile`).
fn io_file(vm: &mut Vm, slot: &'static str, what: &str) -> LResult<Gc<UserData>> {
    let v = vm.ext.slots.get(slot).copied().unwrap_or(Value::Nil);
    match as_handle(v) {
        Some(u) if !is_closed(u) => Ok(u),
        _ => Err(vm.error_l1(format!("default {what} file is closed"))),
    }
}

// ----- closing ---------------------------------------------------------------------

/// Close a handle (`aux_close`), pushing the results.
fn aux_close(vm: &mut Vm, u: Gc<UserData>) -> LResult<usize> {
    let kind = with(u, |f| f.kind);
    match kind {
        Kind::Stdin | Kind::Stdout | Kind::Stderr => {
            let m = vm.str_value(b"cannot close standard file");
            vm.ret(&[Value::Nil, m])
        }
        Kind::File => {
            let r = with(u, |f| f.close()).map(|_| ());
            file_result(vm, r, None)
        }
        Kind::Pipe => match with(u, |f| f.close()) {
            Ok(Some(status)) => exec_result(vm, status),
            Ok(None) => vm.ret1(Value::Bool(true)),
            Err(e) => push_error(vm, &e, None),
        },
    }
}

fn f_close(vm: &mut Vm, a: Args) -> LResult<usize> {
    let u = check_open(vm, a, 0)?;
    aux_close(vm, u)
}

fn io_close(vm: &mut Vm, a: Args) -> LResult<usize> {
    if a.n == 0 {
        let out = vm.ext.slots.get(SLOT_OUTPUT).copied().unwrap_or(Value::Nil);
        let Some(u) = as_handle(out) else {
            return Err(vm.arg_type_error(a, 0, "FILE*"));
        };
        if is_closed(u) {
            return Err(vm.error_l1("attempt to use a closed file"));
        }
        return aux_close(vm, u);
    }
    f_close(vm, a)
}

/// `__gc` and `__close`.
fn f_gc(vm: &mut Vm, a: Args) -> LResult<usize> {
    let u = check_handle(vm, a, 0)?;
    if !is_closed(u) {
        let top = vm.top();
        aux_close(vm, u)?;
        vm.set_top(top);
    }
    Ok(0)
}

fn f_tostring(vm: &mut Vm, a: Args) -> LResult<usize> {
    let u = check_handle(vm, a, 0)?;
    let s = if is_closed(u) {
        "file (closed)".to_string()
    } else {
        format!("file ({:#x})", Value::UserData(u).identity())
    };
    vm.ret_str(s.as_bytes())
}

// ----- library functions ---------------------------------------------------------

fn io_open(vm: &mut Vm, a: Args) -> LResult<usize> {
    let name = vm.check_str(a, 0)?;
    let mode = match vm.opt_str(a, 1)? {
        Some(m) => m.as_bytes().to_vec(),
        None => b"r".to_vec(),
    };
    if !check_mode(&mode) {
        return Err(vm.arg_error(2, "invalid mode"));
    }
    match open_file(name.as_bytes(), &mode) {
        Ok(f) => {
            let h = new_handle(vm, f);
            vm.ret1(h)
        }
        Err(e) => push_error(vm, &e, Some(name.as_bytes())),
    }
}

/// Open a file or raise "cannot open file" (`opencheckfile`).
fn open_or_error(vm: &mut Vm, name: &[u8], mode: &[u8]) -> LResult<Value> {
    match open_file(name, mode) {
        Ok(f) => Ok(new_handle(vm, f)),
        Err(e) => Err(vm.error_l1(format!(
            "cannot open file '{}' ({})",
            String::from_utf8_lossy(name),
            crate::errno_text(&e)
        ))),
    }
}

/// `io.input` / `io.output`.
fn g_iofile(vm: &mut Vm, a: Args, slot: &'static str, mode: &[u8]) -> LResult<usize> {
    let v = vm.arg(a, 0);
    if !v.is_nil() {
        let h = match v {
            Value::Str(_) | Value::Int(_) | Value::Float(_) => {
                let name = vm.check_str(a, 0)?;
                open_or_error(vm, name.as_bytes(), mode)?
            }
            _ => {
                check_open(vm, a, 0)?;
                v
            }
        };
        vm.ext.slots.insert(slot, h);
    }
    let cur = vm.ext.slots.get(slot).copied().unwrap_or(Value::Nil);
    vm.ret1(cur)
}

fn io_input(vm: &mut Vm, a: Args) -> LResult<usize> {
    g_iofile(vm, a, SLOT_INPUT, b"r")
}

fn io_output(vm: &mut Vm, a: Args) -> LResult<usize> {
    g_iofile(vm, a, SLOT_OUTPUT, b"w")
}

fn io_read(vm: &mut Vm, a: Args) -> LResult<usize> {
    let u = io_file(vm, SLOT_INPUT, "input")?;
    let formats: Vec<Value> = (0..a.n).map(|i| vm.arg(a, i)).collect();
    g_read(vm, u, &formats, 1)
}

fn f_read(vm: &mut Vm, a: Args) -> LResult<usize> {
    let u = check_open(vm, a, 0)?;
    let formats: Vec<Value> = (1..a.n).map(|i| vm.arg(a, i)).collect();
    g_read(vm, u, &formats, 2)
}

fn io_write(vm: &mut Vm, a: Args) -> LResult<usize> {
    let u = io_file(vm, SLOT_OUTPUT, "output")?;
    g_write(vm, u, a, 0)
}

fn f_write(vm: &mut Vm, a: Args) -> LResult<usize> {
    let u = check_open(vm, a, 0)?;
    g_write(vm, u, a, 1)
}

/// The iterator of `lines`: upvalues are the handle, the number of formats,
/// whether to close at the end, and the formats.
fn io_readline(vm: &mut Vm, _a: Args) -> LResult<usize> {
    let h = vm.native_upval(0);
    let Some(u) = as_handle(h) else {
        return Err(vm.error_l1("file is already closed"));
    };
    if is_closed(u) {
        return Err(vm.error_l1("file is already closed"));
    }
    let n = match vm.native_upval(1) {
        Value::Int(n) => n as usize,
        _ => 0,
    };
    let formats: Vec<Value> = (0..n).map(|i| vm.native_upval(3 + i)).collect();
    let base = vm.top();
    let got = g_read(vm, u, &formats, 2)?;
    let first = vm.slot(vm.top() - got);
    if first.truthy() {
        return Ok(got);
    }
    if got > 1 {
        // an error: the message is the second result
        let msg = vm.slot(vm.top() - got + 1);
        let text = match msg {
            Value::Str(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
            _ => String::new(),
        };
        return Err(vm.error_l1(text));
    }
    vm.set_top(base);
    if vm.native_upval(2).truthy() {
        aux_close(vm, u)?;
        vm.set_top(base);
    }
    Ok(0)
}

/// Build the `lines` iterator for handle `h` with formats `a[from..]`.
fn aux_lines(vm: &mut Vm, a: Args, h: Value, from: usize, close: bool) -> LResult<Value> {
    let n = a.n.saturating_sub(from);
    if n > MAX_LINES_ARGS {
        return Err(vm.arg_error(MAX_LINES_ARGS + 2, "too many arguments"));
    }
    let mut up = vec![h, Value::Int(n as i64), Value::Bool(close)];
    up.extend((from..a.n).map(|i| vm.arg(a, i)));
    Ok(Value::NativeClosure(vm.new_native_closure(io_readline, up)))
}

fn f_lines(vm: &mut Vm, a: Args) -> LResult<usize> {
    check_open(vm, a, 0)?;
    let h = vm.arg(a, 0);
    let it = aux_lines(vm, a, h, 1, false)?;
    vm.ret1(it)
}

fn io_lines(vm: &mut Vm, a: Args) -> LResult<usize> {
    if vm.arg(a, 0).is_nil() {
        let h = vm.ext.slots.get(SLOT_INPUT).copied().unwrap_or(Value::Nil);
        match as_handle(h) {
            Some(u) if !is_closed(u) => {}
            Some(_) => return Err(vm.error_l1("attempt to use a closed file")),
            None => return Err(vm.arg_type_error(a, 0, "FILE*")),
        }
        let it = aux_lines(vm, a, h, 1, false)?;
        return vm.ret1(it);
    }
    let name = vm.check_str(a, 0)?;
    let h = open_or_error(vm, name.as_bytes(), b"r")?;
    // keep the new handle on the stack while building the iterator
    vm.set_arg(a, 0, h);
    let it = aux_lines(vm, a, h, 1, true)?;
    vm.ret(&[it, Value::Nil, Value::Nil, h])
}

fn io_popen(vm: &mut Vm, a: Args) -> LResult<usize> {
    use std::process::{Command, Stdio};
    let cmd = vm.check_str(a, 0)?;
    let mode = match vm.opt_str(a, 1)? {
        Some(m) => m.as_bytes().to_vec(),
        None => b"r".to_vec(),
    };
    if mode != b"r" && mode != b"w" {
        return Err(vm.arg_error(2, "invalid mode"));
    }
    let reading = mode == b"r";
    flush_all(vm);
    let mut c = Command::new("/bin/sh");
    c.arg("-c").arg(c_path(cmd.as_bytes()));
    if reading {
        c.stdout(Stdio::piped());
    } else {
        c.stdin(Stdio::piped());
    }
    match c.spawn() {
        Ok(mut child) => {
            let file = if reading {
                child
                    .stdout
                    .take()
                    .map(|p| File::from(std::os::fd::OwnedFd::from(p)))
            } else {
                child
                    .stdin
                    .take()
                    .map(|p| File::from(std::os::fd::OwnedFd::from(p)))
            };
            let Some(file) = file else {
                return push_error(vm, &ebadf(), Some(cmd.as_bytes()));
            };
            let mut f = LFile::new(Kind::Pipe, Sys::Owned(file), reading, !reading);
            f.child = Some(child);
            let h = new_handle(vm, f);
            vm.ret1(h)
        }
        Err(e) => push_error(vm, &e, Some(cmd.as_bytes())),
    }
}

fn io_tmpfile(vm: &mut Vm, _a: Args) -> LResult<usize> {
    match make_temp(true) {
        Ok((file, _)) => {
            let f = LFile::new(Kind::File, Sys::Owned(file), true, true);
            let h = new_handle(vm, f);
            vm.ret1(h)
        }
        Err(e) => push_error(vm, &e, None),
    }
}

/// Create a fresh file `/tmp/lua_XXXXXX`; with `unlink`, remove its name.
pub(crate) fn make_temp(unlink: bool) -> io::Result<(File, Vec<u8>)> {
    let mut tmpl = *b"/tmp/lua_XXXXXX\0";
    // SAFETY: `tmpl` is a writable NUL-terminated template that mkstemp
    // modifies in place.
    let fd = unsafe { libc::mkstemp(tmpl.as_mut_ptr() as *mut libc::c_char) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: mkstemp returned a new descriptor that nothing else owns.
    let file = unsafe { File::from_raw_fd(fd) };
    let name = tmpl[..tmpl.len() - 1].to_vec();
    if unlink {
        let _ = std::fs::remove_file(OsStr::from_bytes(&name));
    }
    Ok((file, name))
}

fn io_type(vm: &mut Vm, a: Args) -> LResult<usize> {
    let v = vm.check_any(a, 0)?;
    match as_handle(v) {
        Some(u) if is_closed(u) => vm.ret_str(b"closed file"),
        Some(_) => vm.ret_str(b"file"),
        None => vm.ret1(Value::Nil),
    }
}

fn io_flush(vm: &mut Vm, _a: Args) -> LResult<usize> {
    let u = io_file(vm, SLOT_OUTPUT, "output")?;
    let r = with(u, |f| f.flush(vm));
    file_result(vm, r, None)
}

fn f_flush(vm: &mut Vm, a: Args) -> LResult<usize> {
    let u = check_open(vm, a, 0)?;
    let r = with(u, |f| f.flush(vm));
    file_result(vm, r, None)
}

fn f_seek(vm: &mut Vm, a: Args) -> LResult<usize> {
    let u = check_open(vm, a, 0)?;
    let op = vm.check_option(a, 1, Some("cur"), &["set", "cur", "end"])?;
    let off = vm.opt_int(a, 2, 0)?;
    let whence = [libc::SEEK_SET, libc::SEEK_CUR, libc::SEEK_END][op];
    match with(u, |f| f.seek(vm, whence, off)) {
        Ok(p) => vm.ret1(Value::Int(p)),
        Err(e) => push_error(vm, &e, None),
    }
}

fn f_setvbuf(vm: &mut Vm, a: Args) -> LResult<usize> {
    let u = check_open(vm, a, 0)?;
    let op = vm.check_option(a, 1, None, &["no", "full", "line"])?;
    vm.opt_int(a, 2, SETVBUF_DEFAULT)?;
    let mode = [BufMode::No, BufMode::Full, BufMode::Line][op];
    let r = with(u, |f| f.set_vbuf(vm, mode));
    file_result(vm, r, None)
}

/// Register the library.
pub fn open(vm: &mut Vm) {
    let funcs: &[(&str, NativeFn)] = &[
        ("close", io_close),
        ("flush", io_flush),
        ("input", io_input),
        ("lines", io_lines),
        ("open", io_open),
        ("output", io_output),
        ("popen", io_popen),
        ("read", io_read),
        ("tmpfile", io_tmpfile),
        ("type", io_type),
        ("write", io_write),
    ];
    let lib = super::register_lib(vm, "io", funcs);
    let methods: &[(&str, NativeFn)] = &[
        ("close", f_close),
        ("flush", f_flush),
        ("lines", f_lines),
        ("read", f_read),
        ("seek", f_seek),
        ("setvbuf", f_setvbuf),
        ("write", f_write),
    ];
    let mt = vm.new_table();
    vm.ext.slots.insert(SLOT_MT, Value::Table(mt));
    let reg = vm.registry();
    vm.set_field(reg, "FILE*", Value::Table(mt));
    let m = vm.new_table_sized(0, methods.len());
    for (n, f) in methods {
        vm.set_field(m, n, Value::NativeFn(*f));
    }
    vm.set_field(mt, "__index", Value::Table(m));
    vm.set_field(mt, "__gc", Value::NativeFn(f_gc));
    vm.set_field(mt, "__close", Value::NativeFn(f_gc));
    vm.set_field(mt, "__tostring", Value::NativeFn(f_tostring));
    let name = vm.str_value(b"FILE*");
    vm.set_field(mt, "__name", name);

    // SAFETY: descriptors 0 and 2 belong to the process; `ManuallyDrop`
    // keeps them from ever being closed through these handles.
    let stdin = unsafe { File::from_raw_fd(0) };
    // SAFETY: as above.
    let stderr = unsafe { File::from_raw_fd(2) };
    let hin = new_handle(
        vm,
        LFile::new(Kind::Stdin, Sys::Std(ManuallyDrop::new(stdin)), true, false),
    );
    let hout = new_handle(vm, LFile::new(Kind::Stdout, Sys::Stdout, false, true));
    let herr = new_handle(
        vm,
        LFile::new(
            Kind::Stderr,
            Sys::Std(ManuallyDrop::new(stderr)),
            false,
            true,
        ),
    );
    vm.set_field(lib, "stdin", hin);
    vm.set_field(lib, "stdout", hout);
    vm.set_field(lib, "stderr", herr);
    vm.ext.slots.insert(SLOT_INPUT, hin);
    vm.ext.slots.insert(SLOT_OUTPUT, hout);
}
