//! Debug information: where an error happened, what a value was called in the
//! source (`local 'x'`, `global 'f'`, ...), function names and tracebacks.

use super::error::LuaError;
use super::func::Proto;
use super::gc::Gc;
use super::state::{cf, CallInfo};
use super::value::Value;
use super::Vm;
use crate::bytecode::*;
use crate::syntax::lexer::chunk_id;

/// Where a faulty operand came from, for error messages.
#[derive(Clone, Copy, Debug)]
pub enum Operand {
    /// Register `n` of the running Lua frame.
    Reg(usize),
    /// Upvalue `n` of the running closure.
    Upval(usize),
    /// Unknown (constant operand or native code).
    None,
}

/// What the debug interface knows about one active function.
#[derive(Clone, Debug, Default)]
pub struct FrameInfo {
    /// "Lua", "C" or "main".
    pub what: &'static str,
    /// Chunk id for messages.
    pub short_src: String,
    /// Raw source name.
    pub source: Vec<u8>,
    /// Current line, or -1.
    pub currentline: i64,
    /// Line where the function was defined.
    pub linedefined: i64,
    /// Last line of the definition.
    pub lastlinedefined: i64,
    /// Name from the calling code.
    pub name: Option<String>,
    /// "global", "local", "method", "field", "upvalue", "metamethod", "for iterator" or "".
    pub namewhat: &'static str,
    /// Was entered through a tail call.
    pub istailcall: bool,
    /// Number of upvalues.
    pub nups: usize,
    /// Number of fixed parameters.
    pub nparams: usize,
    /// Is a vararg function.
    pub isvararg: bool,
}

fn kstr(p: &Proto, idx: usize) -> Option<Vec<u8>> {
    match p.k.get(idx) {
        Some(Value::Str(s)) => Some(s.as_bytes().to_vec()),
        _ => None,
    }
}

fn upval_name(p: &Proto, idx: usize) -> Vec<u8> {
    p.upvals
        .get(idx)
        .and_then(|u| u.name.as_deref())
        .unwrap_or("?")
        .as_bytes()
        .to_vec()
}

fn is_mm_mode(op: u8) -> bool {
    matches!(op, OP_MMBIN | OP_MMBINI | OP_MMBINK)
}

/// The instruction before `lastpc` that last set register `reg`, if known.
fn find_set_reg(p: &Proto, mut lastpc: usize, reg: usize) -> Option<usize> {
    if lastpc < p.code.len() && is_mm_mode(get_op(p.code[lastpc])) {
        lastpc = lastpc.saturating_sub(1);
    }
    let mut setreg = None;
    let mut jmptarget = 0usize;
    for pc in 0..lastpc.min(p.code.len()) {
        let i = p.code[pc];
        let op = get_op(i);
        let a = get_a(i) as usize;
        let change = match op {
            OP_LOADNIL => {
                let b = get_b(i) as usize;
                a <= reg && reg <= a + b
            }
            OP_TFORCALL => reg >= a + 2,
            OP_CALL | OP_TAILCALL => reg >= a,
            OP_JMP => {
                let dest = pc as i64 + 1 + get_sj(i) as i64;
                if dest >= 0 && (dest as usize) <= lastpc && dest as usize > jmptarget {
                    jmptarget = dest as usize;
                }
                false
            }
            _ => sets_a(op) && reg == a,
        };
        if change {
            setreg = if pc < jmptarget { None } else { Some(pc) };
        }
    }
    setreg
}

/// Is the table operand of a GET/SET at `pc` the `_ENV` variable?
fn is_env(p: &Proto, pc: usize, i: u32, isup: bool) -> &'static str {
    let t = get_b(i) as usize;
    let name = if isup {
        Some(upval_name(p, t))
    } else {
        get_obj_name(p, pc, t).map(|(_, n)| n)
    };
    if name.as_deref() == Some(&b"_ENV"[..]) {
        "global"
    } else {
        "field"
    }
}

/// Name of the value in register `reg` at instruction `lastpc`.
pub fn get_obj_name(p: &Proto, lastpc: usize, reg: usize) -> Option<(&'static str, Vec<u8>)> {
    if let Some(n) = p.local_name(reg + 1, lastpc) {
        return Some(("local", n.as_bytes().to_vec()));
    }
    let pc = find_set_reg(p, lastpc, reg)?;
    let i = p.code[pc];
    match get_op(i) {
        OP_MOVE => {
            let b = get_b(i) as usize;
            if b < get_a(i) as usize {
                return get_obj_name(p, pc, b);
            }
            None
        }
        OP_GETTABUP => {
            let k = get_c(i) as usize;
            Some((
                is_env(p, pc, i, true),
                kstr(p, k).unwrap_or_else(|| b"?".to_vec()),
            ))
        }
        OP_GETTABLE => {
            let k = get_c(i) as usize;
            let name = match get_obj_name(p, pc, k) {
                Some(("constant", n)) => n,
                _ => b"?".to_vec(),
            };
            Some((is_env(p, pc, i, false), name))
        }
        OP_GETI => Some(("field", b"integer index".to_vec())),
        OP_GETFIELD => {
            let k = get_c(i) as usize;
            Some((
                is_env(p, pc, i, false),
                kstr(p, k).unwrap_or_else(|| b"?".to_vec()),
            ))
        }
        OP_GETUPVAL => Some(("upvalue", upval_name(p, get_b(i) as usize))),
        OP_LOADK => kstr(p, get_bx(i) as usize).map(|s| ("constant", s)),
        OP_LOADKX => {
            let ax = p.code.get(pc + 1).map(|&x| get_ax(x) as usize)?;
            kstr(p, ax).map(|s| ("constant", s))
        }
        OP_SELF => {
            let c = get_c(i) as usize;
            let name = if get_k(i) {
                kstr(p, c)
            } else {
                match get_obj_name(p, pc, c) {
                    Some(("constant", n)) => Some(n),
                    _ => None,
                }
            };
            Some(("method", name.unwrap_or_else(|| b"?".to_vec())))
        }
        _ => None,
    }
}

/// Name of the function called by the instruction at `pc` of `p`.
fn func_name_from_code(p: &Proto, pc: usize) -> Option<(&'static str, String)> {
    let i = *p.code.get(pc)?;
    let tm = match get_op(i) {
        OP_CALL | OP_TAILCALL => {
            return get_obj_name(p, pc, get_a(i) as usize)
                .map(|(k, n)| (k, String::from_utf8_lossy(&n).into_owned()))
        }
        OP_TFORCALL => return Some(("for iterator", "for iterator".into())),
        OP_SELF | OP_GETTABUP | OP_GETTABLE | OP_GETI | OP_GETFIELD => "index",
        OP_SETTABUP | OP_SETTABLE | OP_SETI | OP_SETFIELD => "newindex",
        OP_MMBIN | OP_MMBINI | OP_MMBINK => {
            let e = get_c(i) as usize;
            return Some((
                "metamethod",
                super::meta::Tm::NAMES.get(e)?[2..].to_string(),
            ));
        }
        OP_UNM => "unm",
        OP_BNOT => "bnot",
        OP_LEN => "len",
        OP_CONCAT => "concat",
        OP_EQ => "eq",
        OP_LT | OP_LTI | OP_GTI => "lt",
        OP_LE | OP_LEI | OP_GEI => "le",
        OP_CLOSE | OP_RETURN => "close",
        _ => return None,
    };
    Some(("metamethod", tm.to_string()))
}

impl Vm {
    /// Index of the frame at `level` (0 = running function).
    pub(crate) fn frame_at(&self, level: usize) -> Option<usize> {
        let n = self.st.frames.len();
        if level < n {
            Some(n - 1 - level)
        } else {
            None
        }
    }

    pub(crate) fn current_line_of(&self, ci: &CallInfo) -> i64 {
        match ci.cl {
            Some(cl) => cl.proto.line_at(ci.pc.saturating_sub(1)) as i64,
            None => -1,
        }
    }

    /// "chunk:line:" of the function at `level`, or "" for native functions.
    pub fn where_(&self, level: usize) -> Vec<u8> {
        if let Some(idx) = self.frame_at(level) {
            let ci = &self.st.frames[idx];
            if let Some(cl) = ci.cl {
                let mut w = chunk_id(&cl.proto.source);
                w.extend_from_slice(format!(":{}: ", self.current_line_of(ci)).as_bytes());
                return w;
            }
        }
        Vec::new()
    }

    /// Raise a runtime error with position information of the running Lua
    /// function (if the running function is a Lua function).
    #[cold]
    pub fn rt_error(&mut self, msg: impl AsRef<[u8]>) -> LuaError {
        let mut s = match self.st.frames.last() {
            Some(ci) if ci.is_lua() => self.where_(0),
            _ => Vec::new(),
        };
        s.extend_from_slice(msg.as_ref());
        let v = self.str_value(&s);
        self.throw(v)
    }

    /// Raise an error from a native function: position of the caller (level 1).
    #[cold]
    pub fn error_l1(&mut self, msg: impl AsRef<[u8]>) -> LuaError {
        let mut s = self.where_(1);
        s.extend_from_slice(msg.as_ref());
        let v = self.str_value(&s);
        self.throw(v)
    }

    /// Raise an error value as is (runs the active message handler).
    #[cold]
    pub fn throw(&mut self, v: Value) -> LuaError {
        if let Some(h) = self.st.errfunc {
            let handler = self.st.stack[h];
            // An error inside the handler is handled by the handler again (as
            // in the reference implementation): each call is one native
            // level, so this ends in "C stack overflow" and, past it, in
            // "error in error handling" (`check_cstack`).
            let old_room = std::mem::replace(&mut self.extra_room, true);
            let r = self.call_value1(handler, &[v]);
            self.extra_room = old_room;
            return match r {
                Ok(v) => LuaError::Error(v),
                Err(e) => e,
            };
        }
        LuaError::Error(v)
    }

    fn operand_desc(&self, o: Operand) -> Vec<u8> {
        let Some(ci) = self.st.frames.last() else {
            return Vec::new();
        };
        let Some(cl) = ci.cl else {
            return Vec::new();
        };
        let p = &cl.proto;
        let found = match o {
            Operand::Reg(r) => get_obj_name(p, ci.pc.saturating_sub(1), r),
            Operand::Upval(u) => Some(("upvalue", upval_name(p, u))),
            Operand::None => None,
        };
        match found {
            Some((kind, name)) => {
                let mut d = format!(" ({kind} '").into_bytes();
                // (the reference formats names as C strings: they end at a NUL)
                let end = name.iter().position(|&c| c == 0).unwrap_or(name.len());
                d.extend_from_slice(&name[..end]);
                d.extend_from_slice(b"')");
                d
            }
            None => Vec::new(),
        }
    }

    /// "attempt to {op} a {type} value (local 'x')"
    #[cold]
    pub(crate) fn type_error(&mut self, v: Value, o: Operand, op: &str) -> LuaError {
        let mut m = format!("attempt to {op} a ").into_bytes();
        m.extend_from_slice(&self.obj_type_name_bytes(v));
        m.extend_from_slice(b" value");
        m.extend_from_slice(&self.operand_desc(o));
        self.rt_error(m)
    }

    /// Arithmetic error on two operands: blames the one that is not a number.
    #[cold]
    pub(crate) fn arith_error(
        &mut self,
        a: Value,
        b: Value,
        oa: Operand,
        ob: Operand,
        bitwise: bool,
    ) -> LuaError {
        if bitwise && a.is_number() && b.is_number() {
            let (v, o) = if super::arith::to_integer_ns(a).is_none() {
                (a, oa)
            } else {
                (b, ob)
            };
            let _ = v;
            let mut m = b"number".to_vec();
            m.extend_from_slice(&self.operand_desc(o));
            m.extend_from_slice(b" has no integer representation");
            return self.rt_error(m);
        }
        let (v, o) = if !a.is_number() { (a, oa) } else { (b, ob) };
        let msg = if bitwise {
            "perform bitwise operation on"
        } else {
            "perform arithmetic on"
        };
        self.type_error(v, o, msg)
    }

    /// Comparison error.
    #[cold]
    pub(crate) fn order_error(&mut self, a: Value, b: Value) -> LuaError {
        let t1 = self.obj_type_name_bytes(a);
        let t2 = self.obj_type_name_bytes(b);
        let m = if t1 == t2 {
            [&b"attempt to compare two "[..], &t1, b" values"].concat()
        } else {
            [&b"attempt to compare "[..], &t1, b" with ", &t2].concat()
        };
        self.rt_error(m)
    }

    /// Name of the function running in frame `idx`, from the code that called it.
    pub(crate) fn frame_func_name(&self, idx: usize) -> Option<(&'static str, String)> {
        let ci = &self.st.frames[idx];
        if ci.flags & cf::TAIL != 0 {
            return None;
        }
        if ci.flags & cf::HOOKED != 0 {
            return Some(("metamethod", "close".into()));
        }
        if self.hook.running && idx == self.hook.frame {
            // (called by the hook machinery, as lua5.4 names it)
            return Some(("hook", "?".into()));
        }
        if idx == 0 {
            return None;
        }
        let caller = &self.st.frames[idx - 1];
        let cl = caller.cl?;
        func_name_from_code(&cl.proto, caller.pc.saturating_sub(1))
    }

    /// Information about the frame at index `idx`.
    pub(crate) fn frame_info(&self, idx: usize) -> FrameInfo {
        let ci = self.st.frames[idx];
        let func = self.st.stack[ci.func];
        let mut fi = self.function_info(func);
        fi.currentline = self.current_line_of(&ci);
        fi.istailcall = ci.flags & cf::TAIL != 0;
        if let Some((w, n)) = self.frame_func_name(idx) {
            fi.namewhat = w;
            fi.name = Some(n);
        }
        fi
    }

    /// Static information about a function value.
    pub fn function_info(&self, f: Value) -> FrameInfo {
        match f {
            Value::LuaFn(cl) => {
                let p = &cl.proto;
                FrameInfo {
                    what: if p.linedefined == 0 { "main" } else { "Lua" },
                    short_src: String::from_utf8_lossy(&chunk_id(&p.source)).into_owned(),
                    source: p.source.to_vec(),
                    currentline: -1,
                    linedefined: p.linedefined as i64,
                    lastlinedefined: p.lastlinedefined as i64,
                    name: None,
                    namewhat: "",
                    istailcall: false,
                    nups: cl.upvals.len(),
                    nparams: p.numparams as usize,
                    isvararg: p.is_vararg,
                }
            }
            _ => FrameInfo {
                what: "C",
                short_src: "[C]".into(),
                source: b"=[C]".to_vec(),
                currentline: -1,
                linedefined: -1,
                lastlinedefined: -1,
                name: None,
                namewhat: "",
                istailcall: false,
                nups: match f {
                    Value::NativeClosure(c) => c.upvals.len(),
                    _ => 0,
                },
                nparams: 0,
                isvararg: true,
            },
        }
    }

    /// "pkg.name" if `f` is a field of a loaded module (`package.loaded`).
    pub(crate) fn global_func_name(&mut self, f: Value) -> Option<String> {
        let loaded = self.get_field(self.registry, "_LOADED");
        let Value::Table(loaded) = loaded else {
            return None;
        };
        let mut key = Value::Nil;
        while let Ok(Some((k, v))) = loaded.next(key) {
            key = k;
            if let (Value::Str(modname), Value::Table(m)) = (k, v) {
                let mut k2 = Value::Nil;
                while let Ok(Some((fk, fv))) = m.next(k2) {
                    k2 = fk;
                    if let Value::Str(fname) = fk {
                        if fv.raw_eq(&f) {
                            let mn = String::from_utf8_lossy(modname.as_bytes());
                            let fnm = String::from_utf8_lossy(fname.as_bytes());
                            return Some(if mn == "_G" {
                                fnm.into_owned()
                            } else {
                                format!("{mn}.{fnm}")
                            });
                        }
                    }
                }
            }
        }
        None
    }

    /// The text of a stack traceback starting at `level` (lua's `luaL_traceback`).
    pub fn traceback(&mut self, msg: Option<&[u8]>, level: usize) -> Vec<u8> {
        let mut out = Vec::new();
        if let Some(m) = msg {
            out.extend_from_slice(m);
            out.push(b'\n');
        }
        out.extend_from_slice(b"stack traceback:");
        let n = self.st.frames.len();
        if level >= n {
            return out;
        }
        let last = n - 1 - level; // frame index of the first level shown
        let total = last + 1;
        let mut shown = 0usize;
        let mut idx = last as isize;
        while idx >= 0 {
            let i = idx as usize;
            let depth = last - i;
            if total > 22 && depth == 10 {
                // (the reference prints one less than it skips)
                let skip = total - 21;
                out.extend_from_slice(
                    format!("\n\t...\t(skipping {} levels)", skip - 1).as_bytes(),
                );
                idx -= skip as isize;
                continue;
            }
            shown += 1;
            let fi = self.frame_info(i);
            let func = self.st.stack[self.st.frames[i].func];
            out.extend_from_slice(b"\n\t");
            out.extend_from_slice(fi.short_src.as_bytes());
            out.push(b':');
            if fi.currentline > 0 {
                out.extend_from_slice(format!("{}:", fi.currentline).as_bytes());
            }
            out.extend_from_slice(b" in ");
            let gname = if fi.namewhat.is_empty()
                || fi.what == "C"
                || fi.namewhat == "global"
                || fi.namewhat == "method"
                || fi.namewhat == "field"
            {
                self.global_func_name(func)
            } else {
                None
            };
            if let Some(g) = gname {
                out.extend_from_slice(format!("function '{g}'").as_bytes());
            } else if let Some(name) = &fi.name {
                out.extend_from_slice(format!("{} '{}'", fi.namewhat, name).as_bytes());
            } else if fi.what == "main" {
                out.extend_from_slice(b"main chunk");
            } else if fi.what != "C" {
                out.extend_from_slice(
                    format!("function <{}:{}>", fi.short_src, fi.linedefined).as_bytes(),
                );
            } else {
                out.push(b'?');
            }
            if fi.istailcall {
                out.extend_from_slice(b"\n\t(...tail calls...)");
            }
            idx -= 1;
        }
        let _ = shown;
        out
    }

    /// Proto of the running Lua function, if any.
    pub(crate) fn running_proto(&self) -> Option<Gc<Proto>> {
        self.st.frames.last().and_then(|ci| ci.cl).map(|c| c.proto)
    }
}

impl Vm {
    /// Name and stack slot of local `n` of the frame at index `idx`
    /// (negative `n`: varargs).
    pub(crate) fn local_slot(&self, idx: usize, n: i64) -> Option<(String, usize)> {
        let ci = self.st.frames[idx];
        if let Some(cl) = ci.cl {
            if n < 0 {
                let k = (-n) as usize;
                if k <= ci.nextra as usize {
                    return Some(("(vararg)".into(), ci.func + cl.proto.numparams as usize + k));
                }
                return None;
            }
            if n == 0 {
                return None;
            }
            if let Some(name) = cl.proto.local_name(n as usize, ci.pc.saturating_sub(1)) {
                return Some((name.to_string(), ci.base + n as usize - 1));
            }
        }
        if n <= 0 {
            return None;
        }
        let limit = if idx + 1 < self.st.frames.len() {
            self.st.frames[idx + 1].func
        } else {
            self.st.top
        };
        if limit >= ci.base + n as usize {
            let name = if ci.is_lua() {
                "(temporary)"
            } else {
                "(C temporary)"
            };
            return Some((name.into(), ci.base + n as usize - 1));
        }
        None
    }

    /// Traceback of a coroutine that is not running.
    pub fn traceback_of(
        &mut self,
        t: Gc<super::thread::Thread>,
        msg: Option<&[u8]>,
        level: usize,
    ) -> Vec<u8> {
        // Swap the thread's state in temporarily to reuse the frame walker.
        std::mem::swap(&mut self.st, t.state_mut());
        let out = self.traceback(msg, level);
        std::mem::swap(&mut self.st, t.state_mut());
        out
    }
}
