//! The embedding API.

use crate::vm::state::MULTRET;
use crate::vm::{Value, Vm};
use std::fmt;

/// An error from running Lua code.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The chunk did not compile; the message is in Lua's format.
    Syntax(String),
    /// A runtime error; the message is the error object converted to text.
    Runtime(String),
    /// A result had an unexpected type.
    Type(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Syntax(m) | Error::Runtime(m) | Error::Type(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

/// A Lua state with the standard libraries loaded.
pub struct Lua {
    vm: Vm,
}

impl Default for Lua {
    fn default() -> Self {
        Self::new()
    }
}

impl Lua {
    /// A new state with every standard library.
    pub fn new() -> Lua {
        let mut vm = Vm::new();
        crate::stdlib::open_all(&mut vm);
        Lua { vm }
    }

    /// Change the JIT settings (the defaults come from `KILN_JIT`, else
    /// `-j on`: hot functions and loops are compiled).
    ///
    /// ```
    /// use kiln::jit::{JitMode, JitOptions};
    /// let mut lua = kiln::Lua::new();
    /// lua.set_jit(JitOptions { mode: JitMode::Eager, ..JitOptions::default() });
    /// let n = lua.eval_int("local s = 0 for i = 1, 100 do s = s + i end return s");
    /// assert_eq!(n.unwrap(), 5050);
    /// ```
    pub fn set_jit(&mut self, opts: crate::jit::JitOptions) {
        self.vm.set_jit(opts);
    }

    /// The underlying VM.
    pub fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }

    /// Cap the memory the Lua heap may use, in bytes. An allocation past the
    /// cap (after a full collection) fails with a `not enough memory` error;
    /// the state stays usable. The default is `KILN_MEM_LIMIT` when set, else
    /// half of the address-space limit or of physical memory.
    ///
    /// ```
    /// let mut lua = kiln::Lua::new();
    /// lua.set_memory_limit(8 << 20);
    /// let e = lua.exec("local t = {} for i = 1, 1e7 do t[i] = i end").unwrap_err();
    /// assert!(e.to_string().contains("not enough memory"));
    /// assert_eq!(lua.eval_int("return 40 + 2").unwrap(), 42);
    /// assert!(lua.used_memory() < 8 << 20);
    /// ```
    pub fn set_memory_limit(&mut self, bytes: usize) {
        self.vm.set_memory_limit(bytes);
    }

    /// Bytes the Lua heap uses now (what `collectgarbage("count")` reports,
    /// in bytes).
    pub fn used_memory(&self) -> usize {
        self.vm.used_memory()
    }

    fn error_text(&mut self, e: Value) -> String {
        match e {
            Value::Str(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
            Value::Int(_) | Value::Float(_) => {
                let s = self.vm.coerce_to_str(e).expect("number");
                String::from_utf8_lossy(s.as_bytes()).into_owned()
            }
            _ => format!("(error object is a {} value)", e.type_name()),
        }
    }

    fn run(&mut self, src: &str, name: &str) -> Result<Vec<Value>, Error> {
        let f = self
            .vm
            .load_chunk(src.as_bytes(), name.as_bytes())
            .map_err(Error::Syntax)?;
        let func = self.vm.top();
        self.vm
            .push(f)
            .map_err(|_| Error::Runtime("stack overflow".into()))?;
        match self.vm.pcall_at(func, MULTRET) {
            Ok(()) => {
                let vals = (func..self.vm.top()).map(|i| self.vm.slot(i)).collect();
                self.vm.set_top(func);
                Ok(vals)
            }
            Err(e) => Err(Error::Runtime(self.error_text(e))),
        }
    }

    /// Run a chunk of Lua source. Errors come back as `Err`, and the state
    /// stays usable; runaway recursion is a Lua error too, also through
    /// library functions that call back into Lua.
    ///
    /// ```
    /// let mut lua = kiln::Lua::new();
    /// assert!(lua.exec("local t = {} t.x = 1").is_ok());
    /// assert!(lua.exec("error('boom')").is_err());
    /// let e = lua
    ///     .exec("local function f() table.sort({1, 2, 3}, function(a, b) f() return a < b end) end f()")
    ///     .unwrap_err();
    /// assert!(e.to_string().contains("stack overflow"));
    /// assert_eq!(lua.eval_int("return 6 * 7").unwrap(), 42);
    /// ```
    pub fn exec(&mut self, src: &str) -> Result<(), Error> {
        self.run(src, src).map(|_| ())
    }

    /// Run a chunk and return its first result as an integer.
    ///
    /// ```
    /// let mut lua = kiln::Lua::new();
    /// assert_eq!(lua.eval_int("return 2^10 // 1").unwrap(), 1024);
    /// ```
    pub fn eval_int(&mut self, src: &str) -> Result<i64, Error> {
        let v = self.run(src, src)?;
        match v.first().copied().and_then(crate::vm::arith::to_integer) {
            Some(i) => Ok(i),
            None => Err(Error::Type("integer expected".into())),
        }
    }

    /// Run a chunk and return its first result converted with `tostring`.
    ///
    /// ```
    /// let mut lua = kiln::Lua::new();
    /// assert_eq!(lua.eval_string("return 1/2").unwrap(), "0.5");
    /// ```
    pub fn eval_string(&mut self, src: &str) -> Result<String, Error> {
        let v = self.run(src, src)?;
        let v = v.first().copied().unwrap_or(Value::Nil);
        match self.vm.tostring(v) {
            Ok(s) => Ok(String::from_utf8_lossy(s.as_bytes()).into_owned()),
            Err(crate::vm::LuaError::Error(e)) => Err(Error::Runtime(self.error_text(e))),
            Err(_) => Err(Error::Runtime("yield".into())),
        }
    }
}
