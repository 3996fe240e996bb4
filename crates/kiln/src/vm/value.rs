//! The Lua value: a 16-byte tagged union with a fixed layout.
//!
//! `Value` is `#[repr(C, u64)]`: the tag is a full 8-byte word at offset 0 (its
//! low byte holds the `tag::*` number) and every payload starts at offset 8
//! (integers, floats and object pointers use all 8 bytes). A word-sized tag
//! leaves no padding, so copies are two aligned words and never read bytes
//! that were written by different stores (which stalls store forwarding).
//! Native code relies on this layout; see `docs/ARCHITECTURE.md`.

use super::func::{LuaClosure, NativeClosure};
use super::gc::Gc;
use super::string::LStr;
use super::table::Table;
use super::thread::Thread;
use super::userdata::UserData;
use super::Vm;
use crate::vm::error::LResult;

/// A native function without upvalues (a "light" function): arguments are the
/// stack slots `args`, results are the top `n` slots where `n` is the returned count.
pub type NativeFn = fn(&mut Vm, Args) -> LResult<usize>;

/// Where the arguments of a native call live on the current stack.
#[derive(Clone, Copy, Debug)]
pub struct Args {
    /// Stack index of the first argument.
    pub base: usize,
    /// Number of arguments.
    pub n: usize,
}

/// A Lua value.
#[derive(Clone, Copy, Default)]
#[repr(C, u64)]
pub enum Value {
    /// `nil`
    #[default]
    Nil = 0,
    /// `true` / `false`
    Bool(bool) = 1,
    /// 64-bit integer subtype of number
    Int(i64) = 2,
    /// 64-bit float subtype of number
    Float(f64) = 3,
    /// immutable byte string
    Str(Gc<LStr>) = 4,
    /// table
    Table(Gc<Table>) = 5,
    /// Lua function (closure over a prototype)
    LuaFn(Gc<LuaClosure>) = 6,
    /// native function without upvalues
    NativeFn(NativeFn) = 7,
    /// native closure (Rust closure or native function with upvalues)
    NativeClosure(Gc<NativeClosure>) = 8,
    /// full userdata
    UserData(Gc<UserData>) = 9,
    /// light userdata: an opaque pointer
    LightUserData(usize) = 10,
    /// coroutine
    Thread(Gc<Thread>) = 11,
}

/// Type tags as the byte stored at offset 0 of a `Value`.
pub mod tag {
    pub const NIL: u8 = 0;
    pub const BOOL: u8 = 1;
    pub const INT: u8 = 2;
    pub const FLOAT: u8 = 3;
    pub const STR: u8 = 4;
    pub const TABLE: u8 = 5;
    pub const LUAFN: u8 = 6;
    pub const NATIVEFN: u8 = 7;
    pub const NATIVECLOSURE: u8 = 8;
    pub const USERDATA: u8 = 9;
    pub const LIGHTUSERDATA: u8 = 10;
    pub const THREAD: u8 = 11;
}

/// The basic Lua types, as `type()` names them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LuaType {
    Nil,
    Boolean,
    Number,
    String,
    Table,
    Function,
    UserData,
    LightUserData,
    Thread,
}

impl LuaType {
    /// The name `type()` returns.
    pub fn name(self) -> &'static str {
        match self {
            LuaType::Nil => "nil",
            LuaType::Boolean => "boolean",
            LuaType::Number => "number",
            LuaType::String => "string",
            LuaType::Table => "table",
            LuaType::Function => "function",
            LuaType::UserData | LuaType::LightUserData => "userdata",
            LuaType::Thread => "thread",
        }
    }
    /// Index into per-type metatable arrays.
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Value::Nil => write!(f, "nil"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Str(s) => write!(f, "{:?}", String::from_utf8_lossy(s.as_bytes())),
            Value::Table(t) => write!(f, "table: {:p}", t.as_ptr()),
            Value::LuaFn(c) => write!(f, "function: {:p}", c.as_ptr()),
            Value::NativeFn(p) => write!(f, "function: builtin: {:p}", p as *const ()),
            Value::NativeClosure(c) => write!(f, "function: builtin: {:p}", c.as_ptr()),
            Value::UserData(u) => write!(f, "userdata: {:p}", u.as_ptr()),
            Value::LightUserData(p) => write!(f, "userdata: {p:#x}"),
            Value::Thread(t) => write!(f, "thread: {:p}", t.as_ptr()),
        }
    }
}

impl Value {
    /// The tag byte.
    #[inline(always)]
    pub fn tag(&self) -> u8 {
        match self {
            Value::Nil => tag::NIL,
            Value::Bool(_) => tag::BOOL,
            Value::Int(_) => tag::INT,
            Value::Float(_) => tag::FLOAT,
            Value::Str(_) => tag::STR,
            Value::Table(_) => tag::TABLE,
            Value::LuaFn(_) => tag::LUAFN,
            Value::NativeFn(_) => tag::NATIVEFN,
            Value::NativeClosure(_) => tag::NATIVECLOSURE,
            Value::UserData(_) => tag::USERDATA,
            Value::LightUserData(_) => tag::LIGHTUSERDATA,
            Value::Thread(_) => tag::THREAD,
        }
    }

    /// Lua truthiness: everything but `nil` and `false` is true.
    #[inline(always)]
    pub fn truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Bool(false))
    }

    /// True for `nil`.
    #[inline(always)]
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// The basic type.
    pub fn type_of(&self) -> LuaType {
        match self {
            Value::Nil => LuaType::Nil,
            Value::Bool(_) => LuaType::Boolean,
            Value::Int(_) | Value::Float(_) => LuaType::Number,
            Value::Str(_) => LuaType::String,
            Value::Table(_) => LuaType::Table,
            Value::LuaFn(_) | Value::NativeFn(_) | Value::NativeClosure(_) => LuaType::Function,
            Value::UserData(_) => LuaType::UserData,
            Value::LightUserData(_) => LuaType::LightUserData,
            Value::Thread(_) => LuaType::Thread,
        }
    }

    /// The name `type()` returns.
    pub fn type_name(&self) -> &'static str {
        self.type_of().name()
    }

    /// True for functions of any kind.
    pub fn is_function(&self) -> bool {
        matches!(
            self,
            Value::LuaFn(_) | Value::NativeFn(_) | Value::NativeClosure(_)
        )
    }

    /// True for integers and floats.
    #[inline(always)]
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Float(_))
    }

    /// The number as a float, if it is a number (no string coercion).
    #[inline(always)]
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }
    /// `==` when it can be decided without a call: `None` for a mix of
    /// integer and float, long strings, and two different tables or
    /// userdata (which may have `__eq`).
    #[inline(always)]
    pub(crate) fn eq_fast(&self, other: &Value) -> Option<bool> {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => Some(a == b),
            (Value::Float(a), Value::Float(b)) => Some(a == b),
            (Value::Str(a), Value::Str(b)) => {
                if a == b {
                    Some(true)
                } else if a.is_short() && b.is_short() {
                    Some(false)
                } else {
                    None
                }
            }
            (Value::Nil, Value::Nil) => Some(true),
            (Value::Bool(a), Value::Bool(b)) => Some(a == b),
            (Value::Table(a), Value::Table(b)) if a == b => Some(true),
            _ => {
                if self.tag() != other.tag() && !(self.is_number() && other.is_number()) {
                    Some(false)
                } else {
                    None
                }
            }
        }
    }

    /// Raw equality (`rawequal`): no metamethods; integers and floats compare by value.
    #[inline]
    pub fn raw_eq(&self, other: &Value) -> bool {
        match (*self, *other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b,
            (Value::Int(a), Value::Float(b)) | (Value::Float(b), Value::Int(a)) => {
                crate::vm::arith::int_eq_float(a, b)
            }
            (Value::Str(a), Value::Str(b)) => a == b || a.content_eq(&b),
            (Value::Table(a), Value::Table(b)) => a == b,
            (Value::LuaFn(a), Value::LuaFn(b)) => a == b,
            (Value::NativeFn(a), Value::NativeFn(b)) => std::ptr::fn_addr_eq(a, b),
            (Value::NativeClosure(a), Value::NativeClosure(b)) => a == b,
            (Value::UserData(a), Value::UserData(b)) => a == b,
            (Value::LightUserData(a), Value::LightUserData(b)) => a == b,
            (Value::Thread(a), Value::Thread(b)) => a == b,
            _ => false,
        }
    }

    /// An address identifying a reference value (for `%p` and `tostring`), 0 for others.
    pub fn identity(&self) -> usize {
        match *self {
            Value::Str(s) => s.as_ptr() as usize,
            Value::Table(t) => t.as_ptr() as usize,
            Value::LuaFn(c) => c.as_ptr() as usize,
            Value::NativeFn(f) => f as usize,
            Value::NativeClosure(c) => c.as_ptr() as usize,
            Value::UserData(u) => u.as_ptr() as usize,
            Value::LightUserData(p) => p,
            Value::Thread(t) => t.as_ptr() as usize,
            _ => 0,
        }
    }
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);
