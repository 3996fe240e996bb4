//! Helpers for native (Rust) functions: argument access and checking with the
//! reference implementation's error messages, results, and upvalues.

use super::arith;
use super::error::{LResult, LuaError};
use super::gc::Gc;
use super::string::LStr;
use super::table::Table;
use super::value::{Args, Value};
use super::Vm;

impl Args {
    /// Number of arguments.
    #[inline]
    pub fn len(&self) -> usize {
        self.n
    }

    /// No arguments?
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

impl Vm {
    /// Argument `i` (0-based), nil when absent.
    #[inline]
    pub fn arg(&self, a: Args, i: usize) -> Value {
        if i < a.n {
            self.st.stack[a.base + i]
        } else {
            Value::Nil
        }
    }

    /// Replace argument `i` in place.
    pub fn set_arg(&mut self, a: Args, i: usize, v: Value) {
        if i < a.n {
            self.st.stack[a.base + i] = v;
        }
    }

    /// Name of the running native function for messages.
    fn native_name(&mut self) -> (String, bool) {
        let idx = self.st.frames.len() - 1;
        match self.frame_func_name(idx) {
            Some((what, name)) => (name, what == "method"),
            None => {
                let f = self.st.stack[self.st.frames[idx].func];
                (
                    self.global_func_name(f).unwrap_or_else(|| "?".into()),
                    false,
                )
            }
        }
    }

    /// "bad argument #i to 'f' (msg)" (`i` is 1-based).
    #[cold]
    pub fn arg_error(&mut self, i: usize, msg: impl AsRef<[u8]>) -> LuaError {
        let (name, method) = self.native_name();
        let mut i = i as i64;
        let head = if method && i == 1 {
            format!("calling '{name}' on bad self (")
        } else {
            if method {
                i -= 1;
            }
            format!("bad argument #{i} to '{name}' (")
        };
        let m = [head.as_bytes(), msg.as_ref(), b")"].concat();
        self.error_l1(m)
    }

    /// "bad argument #i to 'f' (T expected, got U)".
    #[cold]
    pub fn arg_type_error(&mut self, a: Args, i: usize, expected: &str) -> LuaError {
        let got: Vec<u8> = if i >= a.n {
            b"no value".to_vec()
        } else {
            let v = self.arg(a, i);
            let name = self
                .get_metatable(v)
                .and_then(|mt| self.fast_tm(mt, super::meta::Tm::Name));
            if let Some(Value::Str(n)) = name {
                let b = n.as_bytes();
                b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())].to_vec()
            } else if matches!(v, Value::LightUserData(_)) {
                b"light userdata".to_vec()
            } else {
                v.type_name().as_bytes().to_vec()
            }
        };
        let msg = [format!("{expected} expected, got ").as_bytes(), &got].concat();
        self.arg_error(i + 1, msg)
    }

    /// Any value (error if absent).
    pub fn check_any(&mut self, a: Args, i: usize) -> LResult<Value> {
        if i >= a.n {
            return Err(self.arg_error(i + 1, "value expected"));
        }
        Ok(self.arg(a, i))
    }

    /// A table argument.
    pub fn check_table(&mut self, a: Args, i: usize) -> LResult<Gc<Table>> {
        match self.arg(a, i) {
            Value::Table(t) => Ok(t),
            _ => Err(self.arg_type_error(a, i, "table")),
        }
    }

    /// An integer argument (floats with exact integer values and numeric
    /// strings are accepted).
    pub fn check_int(&mut self, a: Args, i: usize) -> LResult<i64> {
        let v = self.arg(a, i);
        match v {
            Value::Int(n) => Ok(n),
            _ => match arith::to_integer(v) {
                Some(n) => Ok(n),
                None => {
                    if arith::to_number(v).is_some() {
                        Err(self.arg_error(i + 1, "number has no integer representation"))
                    } else {
                        Err(self.arg_type_error(a, i, "number"))
                    }
                }
            },
        }
    }

    /// Optional integer argument.
    pub fn opt_int(&mut self, a: Args, i: usize, default: i64) -> LResult<i64> {
        if self.arg(a, i).is_nil() {
            Ok(default)
        } else {
            self.check_int(a, i)
        }
    }

    /// A number argument (numeric strings are converted).
    pub fn check_number(&mut self, a: Args, i: usize) -> LResult<Value> {
        let v = self.arg(a, i);
        match arith::to_number(v) {
            Some(n) => Ok(n),
            None => Err(self.arg_type_error(a, i, "number")),
        }
    }

    /// A number argument as a float.
    pub fn check_f64(&mut self, a: Args, i: usize) -> LResult<f64> {
        Ok(self.check_number(a, i)?.as_f64().unwrap_or(0.0))
    }

    /// Optional float.
    pub fn opt_f64(&mut self, a: Args, i: usize, default: f64) -> LResult<f64> {
        if self.arg(a, i).is_nil() {
            Ok(default)
        } else {
            self.check_f64(a, i)
        }
    }

    /// A string argument; numbers are converted (and the argument replaced, as
    /// `lua_tolstring` does).
    pub fn check_str(&mut self, a: Args, i: usize) -> LResult<Gc<LStr>> {
        let v = self.arg(a, i);
        match v {
            Value::Str(s) => Ok(s),
            Value::Int(_) | Value::Float(_) => {
                let s = self.coerce_to_str(v).expect("number");
                self.set_arg(a, i, Value::Str(s));
                Ok(s)
            }
            _ => Err(self.arg_type_error(a, i, "string")),
        }
    }

    /// Optional string.
    pub fn opt_str(&mut self, a: Args, i: usize) -> LResult<Option<Gc<LStr>>> {
        if self.arg(a, i).is_nil() {
            Ok(None)
        } else {
            self.check_str(a, i).map(Some)
        }
    }

    /// Optional boolean-ish argument (truthiness).
    pub fn opt_bool(&self, a: Args, i: usize, default: bool) -> bool {
        if i >= a.n || self.arg(a, i).is_nil() {
            default
        } else {
            self.arg(a, i).truthy()
        }
    }

    /// Check that argument `i` is present and not nil... or of a given type.
    pub fn check_type(&mut self, a: Args, i: usize, t: super::value::LuaType) -> LResult<()> {
        if self.arg(a, i).type_of() != t || i >= a.n {
            return Err(self.arg_type_error(a, i, t.name()));
        }
        Ok(())
    }

    /// An option name among `opts`.
    pub fn check_option(
        &mut self,
        a: Args,
        i: usize,
        default: Option<&str>,
        opts: &[&str],
    ) -> LResult<usize> {
        let name: Vec<u8> = match (self.arg(a, i), default) {
            (Value::Nil, Some(d)) => d.as_bytes().to_vec(),
            _ => self.check_str(a, i)?.as_bytes().to_vec(),
        };
        for (k, o) in opts.iter().enumerate() {
            if o.as_bytes() == name.as_slice() {
                return Ok(k);
            }
        }
        let msg = format!("invalid option '{}'", String::from_utf8_lossy(&name));
        Err(self.arg_error(i + 1, msg))
    }

    /// Push one result and return the count 1 (for `return vm.ret1(v)`).
    pub fn ret1(&mut self, v: Value) -> LResult<usize> {
        self.push(v)?;
        Ok(1)
    }

    /// Push results.
    pub fn ret(&mut self, vs: &[Value]) -> LResult<usize> {
        self.ensure_stack(vs.len())?;
        let top = self.st.top;
        self.st.stack[top..top + vs.len()].copy_from_slice(vs);
        self.st.top = top + vs.len();
        Ok(vs.len())
    }

    /// Push a string result.
    pub fn ret_str(&mut self, b: &[u8]) -> LResult<usize> {
        let v = self.str_value(b);
        self.ret1(v)
    }

    /// Upvalue `i` of the running native closure.
    pub fn native_upval(&self, i: usize) -> Value {
        let ci = self.st.frames.last().expect("frame");
        match self.st.stack[ci.func] {
            Value::NativeClosure(c) => c.upvals.get(i).map(|c| c.get()).unwrap_or(Value::Nil),
            _ => Value::Nil,
        }
    }

    /// Set upvalue `i` of the running native closure.
    pub fn set_native_upval(&self, i: usize, v: Value) {
        let ci = self.st.frames.last().expect("frame");
        if let Value::NativeClosure(c) = self.st.stack[ci.func] {
            if let Some(u) = c.upvals.get(i) {
                self.heap.barrier(c.header());
                u.set(v)
            }
        }
    }

    /// `t[k]` honouring `__index` (may call Lua).
    pub fn index(&mut self, t: Value, k: Value) -> LResult<Value> {
        if let Value::Table(tt) = t {
            let v = tt.get(k);
            if !v.is_nil() {
                return Ok(v);
            }
        }
        Ok(self
            .get_slow(t, k, super::debuginfo::Operand::None, false)?
            .unwrap_or(Value::Nil))
    }

    /// `t[k] = v` honouring `__newindex` (may call Lua).
    pub fn set_index(&mut self, t: Value, k: Value, v: Value) -> LResult<()> {
        self.set_slow(t, k, v, super::debuginfo::Operand::None, false)?;
        Ok(())
    }

    /// `#v` honouring `__len`.
    pub fn len_of(&mut self, v: Value) -> LResult<Value> {
        Ok(self
            .len_op(v, super::debuginfo::Operand::None, false)?
            .unwrap_or(Value::Nil))
    }

    /// `#v` as an integer (error if `__len` returns a non-integer).
    pub fn len_int(&mut self, v: Value) -> LResult<i64> {
        let n = self.len_of(v)?;
        match arith::to_integer(n) {
            Some(i) => Ok(i),
            None => Err(self.error_l1("object length is not an integer")),
        }
    }

    /// `a == b` honouring `__eq`.
    pub fn equals(&mut self, a: Value, b: Value) -> LResult<bool> {
        match (a, b) {
            (Value::Table(p), Value::Table(q)) if p != q => {
                Ok(self.eq_tm(a, b, false)?.unwrap_or(false))
            }
            (Value::UserData(p), Value::UserData(q)) if p != q => {
                Ok(self.eq_tm(a, b, false)?.unwrap_or(false))
            }
            _ => Ok(a.raw_eq(&b)),
        }
    }

    /// `a < b` honouring `__lt`.
    pub fn less_than(&mut self, a: Value, b: Value) -> LResult<bool> {
        Ok(self.order_op(a, b, false, false)?.unwrap_or(false))
    }

    /// `a <= b` honouring `__le`.
    pub fn less_equal(&mut self, a: Value, b: Value) -> LResult<bool> {
        Ok(self.order_op(a, b, true, false)?.unwrap_or(false))
    }

    /// Arithmetic honouring metamethods (numbers, then string coercion, then
    /// metamethods).
    pub fn arith(&mut self, op: arith::ArOp, a: Value, b: Value) -> LResult<Value> {
        match arith::arith_raw(op, a, b) {
            Ok(v) => return Ok(v),
            Err(arith::ArithError::DivZero) => {
                return Err(self.rt_error("attempt to divide by zero"))
            }
            Err(arith::ArithError::ModZero) => {
                return Err(self.rt_error("attempt to perform 'n%0'"))
            }
            Err(_) => {}
        }
        let tm = op as u32 + 6;
        let o = super::debuginfo::Operand::None;
        Ok(self.arith_tm(a, b, o, o, tm, false)?.unwrap_or(Value::Nil))
    }

    /// Concatenate values honouring `__concat`.
    pub fn concat_values(&mut self, vals: &[Value]) -> LResult<Value> {
        let at = self.st.top;
        self.ensure_stack(vals.len() + 1)?;
        for v in vals {
            self.push(*v)?;
        }
        if vals.len() > 1 {
            self.concat(at, vals.len(), false)?;
        }
        let r = if vals.is_empty() {
            self.str_value(b"")
        } else {
            self.st.stack[at]
        };
        self.st.top = at;
        Ok(r)
    }
}
