//! Slow paths of the interpreter's instructions: hooks, metamethods, errors,
//! numeric `for` preparation and concatenation. The handlers in the sibling
//! modules try the common cases inline and call these for the rest.

use super::super::arith::{self, ArOp};
use super::super::debuginfo::Operand;
use super::super::error::{LResult, LuaError};
use super::super::gc::Gc;
use super::super::meta::Tm;
use super::super::string::LStr;
use super::super::table::Table;
use super::super::value::Value;
use super::super::Vm;
use crate::bytecode::*;
use crate::number::{float_to_int_ceil, float_to_int_floor};

/// Longest `__index`/`__newindex` chain followed before giving up.
const MAX_TAG_LOOP: usize = 2000;

impl Vm {
    /// Call the debug hook for `event` (the running frame is on top).
    #[cold]
    pub(crate) fn call_hook(&mut self, event: &str, line: Option<i64>) -> LResult<()> {
        let Some(h) = self.hook.hook else {
            return Ok(());
        };
        let wanted = match event {
            "call" | "tail call" => h.call,
            "return" => h.ret,
            "line" => h.line,
            _ => true,
        };
        if !wanted || self.hook.running {
            return Ok(());
        }
        let saved_top = self.st.top;
        if let Some(ci) = self.st.frames.last() {
            self.st.top = self.st.top.max(ci.top);
        }
        self.hook.running = true;
        self.hook.frame = self.st.frames.len();
        let ev = self.str_value(event.as_bytes());
        let r = match line {
            Some(l) => self.call_value(h.func, &[ev, Value::Int(l)]),
            None => self.call_value(h.func, &[ev]),
        };
        self.hook.running = false;
        self.st.top = saved_top;
        if r.is_ok() {
            // the hook function returned to the interrupted frame: as in the
            // reference, line tracking restarts at its current instruction
            // (so a count event is followed by a line event)
            if let Some(c) = self.st.frames.last().filter(|c| c.is_lua()) {
                self.hook.oldpc = c.pc.saturating_sub(1);
            }
        }
        r.map(|_| ())
    }

    /// Count and line events before executing instruction `pc`.
    #[cold]
    pub(crate) fn trace_exec(&mut self, pc: usize) -> LResult<()> {
        let Some(h) = self.hook.hook else {
            return Ok(());
        };
        // a vararg function's VARARGPREP is not traced (neither counted nor
        // a line event), as in the reference
        if pc == 0 && self.running_proto().is_some_and(|p| p.is_vararg) {
            // (the next instruction is a new line)
            self.hook.oldpc = 1;
            return Ok(());
        }
        if h.count > 0 {
            if self.hook.count_left <= 1 {
                self.hook.count_left = h.count;
                self.call_hook("count", None)?;
            } else {
                self.hook.count_left -= 1;
            }
        }
        if h.line {
            let Some(p) = self.running_proto() else {
                return Ok(());
            };
            let oldpc = if self.hook.oldpc < p.code.len() {
                self.hook.oldpc
            } else {
                0
            };
            if pc <= oldpc || p.line_at(pc) != p.line_at(oldpc) || pc == 0 {
                let line = p.line_at(pc) as i64;
                self.call_hook("line", Some(line))?;
            }
            self.hook.oldpc = pc;
        }
        Ok(())
    }

    /// A B=0 operand uses the top set by the previous instruction; make sure it
    /// is sane (it always is for compiled code).
    #[inline]
    pub(crate) fn check_top(&mut self, from: usize) -> LResult<()> {
        if self.st.top < from || self.st.top > self.st.stack.len() {
            return Err(self.bad_code());
        }
        Ok(())
    }

    /// Error for instruction sequences the compiler never produces (possible
    /// only in hand-made binary chunks that pass verification).
    #[cold]
    pub(crate) fn bad_code(&mut self) -> LuaError {
        self.rt_error("invalid bytecode sequence")
    }

    #[cold]
    pub(crate) fn tail_call_error(&mut self, func: usize) -> LuaError {
        let v = self.st.stack[func];
        let base = self.st.frames.last().map(|c| c.base).unwrap_or(0);
        self.type_error(v, Operand::Reg(func - base), "call")
    }

    /// Numeric `for` preparation; returns true when the loop must be skipped.
    pub(crate) fn for_prep(&mut self, ra: usize) -> LResult<bool> {
        let init = self.st.stack[ra];
        let limit = self.st.stack[ra + 1];
        let step = self.st.stack[ra + 2];
        if let (Value::Int(init), Value::Int(step)) = (init, step) {
            if step == 0 {
                return Err(self.rt_error("'for' step is zero"));
            }
            let lim = match limit {
                Value::Int(l) => l,
                _ => {
                    let conv = match arith::to_number(limit) {
                        Some(Value::Int(l)) => Some(l),
                        Some(Value::Float(f)) => {
                            if step < 0 {
                                float_to_int_ceil(f)
                            } else {
                                float_to_int_floor(f)
                            }
                        }
                        _ => None,
                    };
                    match conv {
                        Some(l) => l,
                        None => {
                            let Some(fl) = arith::to_f64(limit) else {
                                return Err(self.for_error(limit, "limit"));
                            };
                            if 0.0 < fl {
                                if step < 0 {
                                    return Ok(true);
                                }
                                i64::MAX
                            } else {
                                if step > 0 {
                                    return Ok(true);
                                }
                                i64::MIN
                            }
                        }
                    }
                }
            };
            if if step > 0 { init > lim } else { init < lim } {
                return Ok(true);
            }
            let count = if step > 0 {
                ((lim as u64).wrapping_sub(init as u64)) / step as u64
            } else {
                let s = (-(step + 1)) as u64 + 1;
                ((init as u64).wrapping_sub(lim as u64)) / s
            };
            self.st.stack[ra + 1] = Value::Int(count as i64);
            self.st.stack[ra + 3] = Value::Int(init);
            return Ok(false);
        }
        let Some(fl) = arith::to_f64(limit) else {
            return Err(self.for_error(limit, "limit"));
        };
        let Some(fs) = arith::to_f64(step) else {
            return Err(self.for_error(step, "step"));
        };
        let Some(fi) = arith::to_f64(init) else {
            return Err(self.for_error(init, "initial"));
        };
        if fs == 0.0 {
            return Err(self.rt_error("'for' step is zero"));
        }
        if if fs > 0.0 { fl < fi } else { fi < fl } {
            return Ok(true);
        }
        self.st.stack[ra] = Value::Float(fi);
        self.st.stack[ra + 1] = Value::Float(fl);
        self.st.stack[ra + 2] = Value::Float(fs);
        self.st.stack[ra + 3] = Value::Float(fi);
        Ok(false)
    }

    #[cold]
    pub(crate) fn for_error(&mut self, v: Value, what: &str) -> LuaError {
        let what = if what == "initial" {
            "initial value"
        } else {
            what
        };
        let t = self.obj_type_name(v);
        self.rt_error(format!("bad 'for' {what} (number expected, got {t})"))
    }

    /// Store the result of a metamethod frame into the interrupted instruction of
    /// the (Lua) frame on top. Returns true if another frame was pushed.
    pub(crate) fn finish_op(&mut self, v: Value) -> LResult<bool> {
        let ci = *self.st.frames.last().expect("frame");
        let Some(cl) = ci.cl else { return Ok(false) };
        let code = &cl.proto.code;
        let i = code[ci.pc - 1];
        let base = ci.base;
        match get_op(i) {
            OP_MMBIN | OP_MMBINI | OP_MMBINK => {
                let prev = code[ci.pc - 2];
                self.st.stack[base + get_a(prev) as usize] = v;
            }
            OP_UNM | OP_BNOT | OP_LEN | OP_GETTABUP | OP_GETTABLE | OP_GETI | OP_GETFIELD
            | OP_SELF => {
                self.st.stack[base + get_a(i) as usize] = v;
            }
            OP_LT | OP_LE | OP_LTI | OP_LEI | OP_GTI | OP_GEI | OP_EQ => {
                let mut res = v.truthy();
                // `<=` answered by `__lt` (see `order_op`)
                if matches!(get_op(i), OP_LE | OP_LEI | OP_GEI) && ci.aux == 1 {
                    res = !res;
                }
                if res != get_k(i) {
                    self.st.frames.last_mut().expect("frame").pc += 1;
                }
            }
            OP_CONCAT => {
                let a = base + get_a(i) as usize;
                let n = ci.aux as usize;
                self.st.stack[a + n - 2] = v;
                if n - 1 > 1 {
                    return self.concat(a, n - 1, true);
                }
            }
            _ => {}
        }
        Ok(false)
    }

    /// Slow path of indexing: metamethods and errors. `interp` selects frame
    /// calls (`None` = frame pushed).
    pub(crate) fn get_slow(
        &mut self,
        t: Value,
        key: Value,
        o: Operand,
        interp: bool,
    ) -> LResult<Option<Value>> {
        #[inline(always)]
        fn raw(tt: Gc<Table>, key: Value) -> Value {
            match key {
                Value::Str(ks) => tt.get_str(ks),
                Value::Int(n) => tt.get_int(n),
                _ => tt.get(key),
            }
        }
        let mut t = t;
        // (the interpreter already looked in the first table)
        if !interp {
            if let Value::Table(tt) = t {
                let v = raw(tt, key);
                if !v.is_nil() {
                    return Ok(Some(v));
                }
            }
        }
        for loop_n in 0..MAX_TAG_LOOP {
            let tm = match t {
                Value::Table(tt) => match tt.metatable().and_then(|mt| self.fast_tm(mt, Tm::Index))
                {
                    None => return Ok(Some(Value::Nil)),
                    Some(tm) => tm,
                },
                _ => match self.get_tm(t, Tm::Index) {
                    Some(tm) => tm,
                    None => {
                        let o = if loop_n == 0 { o } else { Operand::None };
                        return Err(self.index_error(t, key, o));
                    }
                },
            };
            if tm.is_function() {
                return if interp {
                    self.call_tm_interp(tm, &[t, key])
                } else {
                    self.call_value1(tm, &[t, key]).map(Some)
                };
            }
            t = tm;
            if let Value::Table(tt) = t {
                let v = raw(tt, key);
                if !v.is_nil() {
                    return Ok(Some(v));
                }
            }
        }
        Err(self.rt_error("'__index' chain too long; possible loop"))
    }

    #[cold]
    pub(crate) fn index_error(&mut self, t: Value, key: Value, o: Operand) -> LuaError {
        let _ = key;
        self.type_error(t, o, "index")
    }

    /// `t[key]` when it can be answered without a call: a raw hit, the key
    /// in the chain of `__index` tables above `t` (classes and their parents,
    /// up to four levels, string keys), or nil when no `__index` is left to
    /// ask. `None`: the slow path decides (an `__index` function, a longer
    /// chain, a non-string key with a metatable).
    #[inline(always)]
    pub(crate) fn index_fast(&self, t: Gc<Table>, key: Value) -> Option<Value> {
        let v = match key {
            Value::Int(n) => t.get_int(n),
            Value::Str(ks) => t.get_str(ks),
            _ => t.get(key),
        };
        if !v.is_nil() {
            return Some(v);
        }
        self.index_chain(t, key)
    }

    /// `index_fast` once `t` itself is known not to hold `key`.
    #[inline(always)]
    pub(crate) fn index_chain(&self, t: Gc<Table>, key: Value) -> Option<Value> {
        let Value::Str(ks) = key else {
            return t.metatable().is_none().then_some(Value::Nil);
        };
        match t.metatable() {
            None => Some(Value::Nil),
            Some(mt) => self.index_chain_mt(mt, ks),
        }
    }

    /// The walk of `index_chain` for a value whose metatable is `mt` (a
    /// table, or a string looking for its methods): up to four `__index`
    /// tables, looked up without calls. `None`: an `__index` that is not a
    /// table, or a longer chain.
    #[inline(always)]
    pub(crate) fn index_chain_mt(&self, mt: Gc<Table>, key: Gc<LStr>) -> Option<Value> {
        if key.is_short() {
            self.index_chain_short(mt, key)
        } else {
            self.walk_index(mt, |c| c.get_str(key))
        }
    }

    /// `index_chain_mt` for a short (interned) key: no calls at all.
    #[inline(always)]
    pub(crate) fn index_chain_short(&self, mt: Gc<Table>, key: Gc<LStr>) -> Option<Value> {
        self.walk_index(mt, |c| {
            let q = c.short_str_slot(key);
            if q.is_null() {
                Value::Nil
            } else {
                // SAFETY: a non-null slot points into the live table `c`.
                unsafe { *q }
            }
        })
    }

    /// `index_chain_mt` with `get` looking the key up in each table.
    #[inline(always)]
    fn walk_index(&self, mt: Gc<Table>, get: impl Fn(Gc<Table>) -> Value) -> Option<Value> {
        let index_name = self.tm_name(Tm::Index);
        let mut mt = mt;
        for level in 0..4 {
            if level > 0 {
                match mt.metatable() {
                    Some(m) => mt = m,
                    None => return Some(Value::Nil),
                }
            }
            if mt.flags() & (1 << Tm::Index as u8) != 0 {
                return Some(Value::Nil);
            }
            let p = mt.short_str_slot(index_name);
            let tm = if p.is_null() {
                Value::Nil
            } else {
                // SAFETY: a non-null slot points into the live metatable.
                unsafe { *p }
            };
            let c = match tm {
                Value::Table(c) => c,
                Value::Nil => {
                    mt.set_flag(1 << Tm::Index as u8);
                    return Some(Value::Nil);
                }
                _ => return None,
            };
            let v = get(c);
            if !v.is_nil() {
                return Some(v);
            }
            // the next level: `c`'s own metatable
            mt = c;
        }
        None
    }

    /// Slow path of assignment. Returns false when a frame was pushed.
    pub(crate) fn set_slow(
        &mut self,
        t: Value,
        key: Value,
        v: Value,
        o: Operand,
        interp: bool,
    ) -> LResult<bool> {
        let mut t = t;
        for loop_n in 0..MAX_TAG_LOOP {
            let tm = match t {
                Value::Table(tt) => {
                    // (the interpreter already tried the first table)
                    if !(interp && loop_n == 0) && tt.replace_existing(&self.heap, key, v) {
                        return Ok(true);
                    }
                    match tt.metatable().and_then(|mt| self.fast_tm(mt, Tm::NewIndex)) {
                        None => {
                            if let Err(e) = tt.set(&self.heap, key, v) {
                                return Err(self.rt_error(e.message()));
                            }
                            self.check_oom()?;
                            return Ok(true);
                        }
                        Some(tm) => tm,
                    }
                }
                _ => match self.get_tm(t, Tm::NewIndex) {
                    Some(tm) => tm,
                    None => {
                        let o = if loop_n == 0 { o } else { Operand::None };
                        return Err(self.index_error(t, key, o));
                    }
                },
            };
            if tm.is_function() {
                return if interp {
                    Ok(self.call_tm_interp(tm, &[t, key, v])?.is_some())
                } else {
                    self.call_value(tm, &[t, key, v]).map(|_| true)
                };
            }
            t = tm;
        }
        Err(self.rt_error("'__newindex' chain too long; possible loop"))
    }

    /// Arithmetic metamethod (or error) for event `tm` (an MMBIN C operand).
    pub(crate) fn arith_tm(
        &mut self,
        a: Value,
        b: Value,
        oa: Operand,
        ob: Operand,
        tm: u32,
        interp: bool,
    ) -> LResult<Option<Value>> {
        let ev = Tm::from_arith(tm);
        let f = self.get_tm(a, ev).or_else(|| self.get_tm(b, ev));
        match f {
            Some(f) => {
                if interp {
                    self.call_tm_interp(f, &[a, b])
                } else {
                    self.call_value1(f, &[a, b]).map(Some)
                }
            }
            None => {
                let op = ArOp::from_tm(tm);
                if matches!(op, ArOp::Unm | ArOp::BNot) {
                    let msg = if op == ArOp::BNot {
                        "perform bitwise operation on"
                    } else {
                        "perform arithmetic on"
                    };
                    if op == ArOp::BNot && a.is_number() {
                        return Err(self.arith_error(a, a, oa, oa, true));
                    }
                    return Err(self.type_error(a, oa, msg));
                }
                Err(self.arith_error(a, b, oa, ob, op.is_bitwise()))
            }
        }
    }

    /// `#v`.
    pub(crate) fn len_op(&mut self, v: Value, o: Operand, interp: bool) -> LResult<Option<Value>> {
        match v {
            Value::Str(s) => Ok(Some(Value::Int(s.len() as i64))),
            Value::Table(t) => {
                if let Some(tm) = t.metatable().and_then(|mt| self.fast_tm(mt, Tm::Len)) {
                    return if interp {
                        self.call_tm_interp(tm, &[v, v])
                    } else {
                        self.call_value1(tm, &[v, v]).map(Some)
                    };
                }
                Ok(Some(Value::Int(t.length() as i64)))
            }
            _ => match self.get_tm(v, Tm::Len) {
                Some(tm) => {
                    if interp {
                        self.call_tm_interp(tm, &[v, v])
                    } else {
                        self.call_value1(tm, &[v, v]).map(Some)
                    }
                }
                None => Err(self.type_error(v, o, "get length of")),
            },
        }
    }

    /// `__eq` for two distinct tables or userdata.
    pub(crate) fn eq_tm(&mut self, a: Value, b: Value, interp: bool) -> LResult<Option<bool>> {
        let f = self.get_tm(a, Tm::Eq).or_else(|| self.get_tm(b, Tm::Eq));
        match f {
            None => Ok(Some(false)),
            Some(f) => {
                let r = if interp {
                    self.call_tm_interp(f, &[a, b])?
                } else {
                    Some(self.call_value1(f, &[a, b])?)
                };
                Ok(r.map(|v| v.truthy()))
            }
        }
    }

    /// `a < b` / `a <= b` for non-numbers: strings or metamethods.
    pub(crate) fn order_op(
        &mut self,
        a: Value,
        b: Value,
        le: bool,
        interp: bool,
    ) -> LResult<Option<bool>> {
        if a.is_number() && b.is_number() {
            return Ok(Some(if le {
                arith::num_le(a, b)
            } else {
                arith::num_lt(a, b)
            }));
        }
        if let (Value::Str(x), Value::Str(y)) = (a, b) {
            let (x, y) = (x.as_bytes(), y.as_bytes());
            return Ok(Some(if le { x <= y } else { x < y }));
        }
        let ev = if le { Tm::Le } else { Tm::Lt };
        let mut f = self.get_tm(a, ev).or_else(|| self.get_tm(b, ev));
        // Without `__le`, `a <= b` is `not (b < a)` through `__lt` (lua5.4 is
        // built with LUA_COMPAT_LT_LE, which keeps this 5.3 behaviour).
        let mut negate = false;
        let (mut x, mut y) = (a, b);
        if f.is_none() && le {
            f = self.get_tm(b, Tm::Lt).or_else(|| self.get_tm(a, Tm::Lt));
            negate = true;
            (x, y) = (b, a);
        }
        match f {
            None => Err(self.order_error(a, b)),
            Some(f) => {
                let r = if interp {
                    // a metamethod frame's result is finished by `finish_op`,
                    // which negates it when the frame's `aux` says so
                    if let Some(ci) = self.st.frames.last_mut() {
                        ci.aux = negate as u16;
                    }
                    self.call_tm_interp(f, &[x, y])?
                } else {
                    Some(self.call_value1(f, &[x, y])?)
                };
                Ok(r.map(|v| v.truthy() != negate))
            }
        }
    }

    /// Concatenate the `n` values at `ra..ra+n` into `ra`. Returns true when a
    /// metamethod frame was pushed (interpreter mode).
    pub(crate) fn concat(&mut self, ra: usize, n: usize, interp: bool) -> LResult<bool> {
        let mut n = n;
        while n > 1 {
            let top = ra + n;
            let x = self.st.stack[top - 2];
            let y = self.st.stack[top - 1];
            let isstr = |v: Value| matches!(v, Value::Str(_) | Value::Int(_) | Value::Float(_));
            if isstr(x) && isstr(y) {
                let mut cnt = 2;
                while cnt < n && isstr(self.st.stack[top - cnt - 1]) {
                    cnt += 1;
                }
                let mut buf: Vec<u8> = Vec::new();
                let mut total = 0usize;
                for j in (top - cnt)..top {
                    total += match self.st.stack[j] {
                        Value::Str(s) => s.len(),
                        _ => 24,
                    };
                }
                if total >= (i32::MAX as usize) {
                    // (strings are limited to 2 GB, as string.rep's results)
                    return Err(self.memory_error());
                }
                if !self.heap.reserve(total.saturating_mul(2)) {
                    self.check_oom()?;
                }
                buf.reserve(total);
                for j in (top - cnt)..top {
                    match self.st.stack[j] {
                        Value::Str(s) => buf.extend_from_slice(s.as_bytes()),
                        v => super::super::conv::push_number(v, &mut buf),
                    }
                }
                let s = self.new_str(&buf);
                self.st.stack[top - cnt] = Value::Str(s);
                n -= cnt - 1;
            } else {
                let f = self
                    .get_tm(x, Tm::Concat)
                    .or_else(|| self.get_tm(y, Tm::Concat));
                let Some(f) = f else {
                    let (bad, idx) = if isstr(x) { (y, top - 1) } else { (x, top - 2) };
                    let o = match self.st.frames.last() {
                        Some(ci) if ci.is_lua() && interp => Operand::Reg(idx - ci.base),
                        _ => Operand::None,
                    };
                    return Err(self.type_error(bad, o, "concatenate"));
                };
                if interp {
                    self.st.frames.last_mut().expect("frame").aux = n as u16;
                    match self.call_tm_interp(f, &[x, y])? {
                        Some(v) => {
                            self.st.stack[top - 2] = v;
                            n -= 1;
                        }
                        None => return Ok(true),
                    }
                } else {
                    let v = self.call_value1(f, &[x, y])?;
                    self.st.stack[top - 2] = v;
                    n -= 1;
                }
            }
        }
        Ok(false)
    }
}
