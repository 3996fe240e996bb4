//! Conversions between values and text: `tostring`, number formatting and the
//! number → string coercion used by concatenation.

use super::error::LResult;
use super::gc::Gc;
use super::meta::Tm;
use super::string::LStr;
use super::value::Value;
use super::Vm;
use crate::number::{fmt_float, fmt_int};

/// Append the text of a number as `tostring` writes it.
pub fn push_number(v: Value, out: &mut Vec<u8>) {
    match v {
        Value::Int(i) => fmt_int(i, out),
        Value::Float(f) => fmt_float(f, out),
        _ => {}
    }
}

impl Vm {
    /// String or number as bytes (numbers are formatted); `None` for other types.
    pub fn coerce_to_str(&mut self, v: Value) -> Option<Gc<LStr>> {
        match v {
            Value::Str(s) => Some(s),
            Value::Int(_) | Value::Float(_) => {
                let mut b = Vec::with_capacity(24);
                push_number(v, &mut b);
                Some(self.new_str(&b))
            }
            _ => None,
        }
    }

    /// The text `tostring` gives without consulting `__tostring`/`__name`.
    pub fn tostring_basic(&self, v: Value, out: &mut Vec<u8>) {
        use std::io::Write;
        match v {
            Value::Nil => out.extend_from_slice(b"nil"),
            Value::Bool(true) => out.extend_from_slice(b"true"),
            Value::Bool(false) => out.extend_from_slice(b"false"),
            Value::Int(_) | Value::Float(_) => push_number(v, out),
            Value::Str(s) => out.extend_from_slice(s.as_bytes()),
            _ => {
                let _ = write!(out, "{}: {:#x}", v.type_name(), v.identity());
            }
        }
    }

    /// `tostring(v)` as the base library defines it (`__tostring`, `__name`).
    pub fn tostring(&mut self, v: Value) -> LResult<Gc<LStr>> {
        if let Some(mm) = self.get_tm(v, Tm::Tostring) {
            let r = self.call_value1(mm, &[v])?;
            return match r {
                Value::Str(s) => Ok(s),
                Value::Int(_) | Value::Float(_) => Ok(self.coerce_to_str(r).expect("number")),
                _ => Err(self.error_l1("'__tostring' must return a string")),
            };
        }
        if let Value::Str(s) = v {
            return Ok(s);
        }
        let mut out = Vec::new();
        if let Some(mt) = self.get_metatable(v) {
            if let Value::Str(name) = self.fast_tm(mt, Tm::Name).unwrap_or(Value::Nil) {
                use std::io::Write;
                let b = name.as_bytes();
                out.extend_from_slice(&b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())]);
                let _ = write!(out, ": {:#x}", v.identity());
                return Ok(self.new_str(&out));
            }
        }
        self.tostring_basic(v, &mut out);
        Ok(self.new_str(&out))
    }

    /// The type name used in messages: `__name` if the metatable has a string
    /// one, else the basic type name (`luaT_objtypename`).
    pub fn obj_type_name(&self, v: Value) -> String {
        String::from_utf8_lossy(&self.obj_type_name_bytes(v)).into_owned()
    }

    /// `obj_type_name` as the bytes of the `__name` string.
    pub fn obj_type_name_bytes(&self, v: Value) -> Vec<u8> {
        if let Some(mt) = self.get_metatable(v) {
            if matches!(v, Value::Table(_) | Value::UserData(_)) {
                if let Some(Value::Str(n)) = self.fast_tm(mt, Tm::Name) {
                    let b = n.as_bytes();
                    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
                    return b[..end].to_vec();
                }
            }
        }
        v.type_name().as_bytes().to_vec()
    }
}
