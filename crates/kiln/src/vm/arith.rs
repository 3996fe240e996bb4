//! Number arithmetic and comparison exactly as Lua 5.4 defines them (no
//! metamethods here).

use super::value::Value;
use crate::number::{
    float_to_int_ceil, float_to_int_exact, float_to_int_floor, str_to_number, Number,
};

/// Arithmetic and bitwise operators, numbered like the reference `LUA_OP*`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ArOp {
    Add = 0,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
}

impl ArOp {
    /// From the event number of an MMBIN instruction (`Tm::Add` = 6 ...).
    pub fn from_tm(tm: u32) -> ArOp {
        Self::from_index(tm.saturating_sub(6) as u8)
    }

    /// From the `LUA_OP*` number.
    pub fn from_index(i: u8) -> ArOp {
        use ArOp::*;
        const ALL: [ArOp; 14] = [
            Add, Sub, Mul, Mod, Pow, Div, IDiv, BAnd, BOr, BXor, Shl, Shr, Unm, BNot,
        ];
        ALL[(i as usize).min(13)]
    }

    /// Bitwise operators need integer operands.
    pub fn is_bitwise(self) -> bool {
        matches!(
            self,
            ArOp::BAnd | ArOp::BOr | ArOp::BXor | ArOp::Shl | ArOp::Shr | ArOp::BNot
        )
    }
}

/// `i == f` for an integer and a float.
#[inline]
pub fn int_eq_float(i: i64, f: f64) -> bool {
    float_to_int_exact(f) == Some(i)
}

/// Floor modulo of integers; `b != 0`.
#[inline]
pub fn imod(a: i64, b: i64) -> i64 {
    if b == -1 {
        return 0;
    }
    let m = a % b;
    if m != 0 && (m ^ b) < 0 {
        m + b
    } else {
        m
    }
}

/// Floor division of integers; `b != 0`.
#[inline]
pub fn idiv(a: i64, b: i64) -> i64 {
    if b == -1 {
        return a.wrapping_neg();
    }
    let q = a / b;
    if (a % b != 0) && ((a ^ b) < 0) {
        q - 1
    } else {
        q
    }
}

/// Float modulo with Lua's sign rule.
#[inline]
pub fn fmod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if (m > 0.0 && b < 0.0) || (m < 0.0 && b > 0.0) {
        m + b
    } else {
        m
    }
}

/// Logical shift left (negative shifts go right).
#[inline]
pub fn shl(x: i64, y: i64) -> i64 {
    if y < 0 {
        if y <= -64 {
            0
        } else {
            ((x as u64) >> (-y)) as i64
        }
    } else if y >= 64 {
        0
    } else {
        ((x as u64) << y) as i64
    }
}

/// Convert to a number, coercing strings (`"10"` → 10).
#[inline]
pub fn to_number(v: Value) -> Option<Value> {
    match v {
        Value::Int(_) | Value::Float(_) => Some(v),
        Value::Str(s) => str_to_number(s.as_bytes()).map(|n| match n {
            Number::Int(i) => Value::Int(i),
            Number::Float(f) => Value::Float(f),
        }),
        _ => None,
    }
}

/// Convert to a float, coercing strings.
#[inline]
pub fn to_f64(v: Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(i as f64),
        Value::Float(f) => Some(f),
        Value::Str(_) => to_number(v).and_then(|n| n.as_f64()),
        _ => None,
    }
}

/// Convert to an integer: floats only when exact; strings are coerced.
#[inline]
pub fn to_integer(v: Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(i),
        Value::Float(f) => float_to_int_exact(f),
        Value::Str(_) => to_number(v).and_then(to_integer),
        _ => None,
    }
}

/// Convert a number (no strings) to an integer when exact.
#[inline]
pub fn to_integer_ns(v: Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(i),
        Value::Float(f) => float_to_int_exact(f),
        _ => None,
    }
}

/// Why raw arithmetic failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithError {
    /// An operand is not a number (look for a metamethod).
    NotNumber,
    /// Bitwise operand without integer representation.
    NoInteger,
    /// Integer division by zero.
    DivZero,
    /// Integer modulo by zero.
    ModZero,
}

/// Integer arithmetic (both operands integers). Bitwise operators included.
#[inline]
pub fn arith_int(op: ArOp, a: i64, b: i64) -> Result<i64, ArithError> {
    Ok(match op {
        ArOp::Add => a.wrapping_add(b),
        ArOp::Sub => a.wrapping_sub(b),
        ArOp::Mul => a.wrapping_mul(b),
        ArOp::Mod => {
            if b == 0 {
                return Err(ArithError::ModZero);
            }
            imod(a, b)
        }
        ArOp::IDiv => {
            if b == 0 {
                return Err(ArithError::DivZero);
            }
            idiv(a, b)
        }
        ArOp::BAnd => a & b,
        ArOp::BOr => a | b,
        ArOp::BXor => a ^ b,
        ArOp::Shl => shl(a, b),
        ArOp::Shr => shl(a, b.wrapping_neg()),
        ArOp::Unm => a.wrapping_neg(),
        ArOp::BNot => !a,
        ArOp::Pow | ArOp::Div => unreachable!("float-only operator"),
    })
}

/// Float arithmetic for the non-bitwise operators.
#[inline]
pub fn arith_float(op: ArOp, a: f64, b: f64) -> f64 {
    match op {
        ArOp::Add => a + b,
        ArOp::Sub => a - b,
        ArOp::Mul => a * b,
        ArOp::Mod => fmod(a, b),
        ArOp::Pow => {
            if b == 2.0 {
                a * a
            } else {
                a.powf(b)
            }
        }
        ArOp::Div => a / b,
        ArOp::IDiv => (a / b).floor(),
        ArOp::Unm => -a,
        _ => unreachable!("bitwise operator on floats"),
    }
}

/// Raw arithmetic on two numbers (no string coercion, no metamethods).
#[inline]
pub fn arith_raw(op: ArOp, a: Value, b: Value) -> Result<Value, ArithError> {
    if op.is_bitwise() {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return arith_int(op, x, y).map(Value::Int),
            _ => {
                if !a.is_number() || !b.is_number() {
                    return Err(ArithError::NotNumber);
                }
                let (x, y) = match (to_integer_ns(a), to_integer_ns(b)) {
                    (Some(x), Some(y)) => (x, y),
                    _ => return Err(ArithError::NoInteger),
                };
                return arith_int(op, x, y).map(Value::Int);
            }
        }
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) if !matches!(op, ArOp::Pow | ArOp::Div) => {
            arith_int(op, x, y).map(Value::Int)
        }
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => Ok(Value::Float(arith_float(op, x, y))),
            _ => Err(ArithError::NotNumber),
        },
    }
}

/// Raw arithmetic with string → number coercion (what the string metamethods
/// and the embedding API use).
pub fn arith_coerce(op: ArOp, a: Value, b: Value) -> Result<Value, ArithError> {
    let (Some(x), Some(y)) = (to_number(a), to_number(b)) else {
        return Err(ArithError::NotNumber);
    };
    arith_raw(op, x, y)
}

/// `i < f`
#[inline]
pub fn lt_int_float(i: i64, f: f64) -> bool {
    if (-(1i64 << 53)..=(1i64 << 53)).contains(&i) {
        (i as f64) < f
    } else {
        match float_to_int_ceil(f) {
            Some(fi) => i < fi,
            None => f > 0.0,
        }
    }
}

/// `i <= f`
#[inline]
pub fn le_int_float(i: i64, f: f64) -> bool {
    if (-(1i64 << 53)..=(1i64 << 53)).contains(&i) {
        (i as f64) <= f
    } else {
        match float_to_int_floor(f) {
            Some(fi) => i <= fi,
            None => f > 0.0,
        }
    }
}

/// `f < i`
#[inline]
pub fn lt_float_int(f: f64, i: i64) -> bool {
    if (-(1i64 << 53)..=(1i64 << 53)).contains(&i) {
        f < (i as f64)
    } else {
        match float_to_int_floor(f) {
            Some(fi) => fi < i,
            None => f < 0.0,
        }
    }
}

/// `f <= i`
#[inline]
pub fn le_float_int(f: f64, i: i64) -> bool {
    if (-(1i64 << 53)..=(1i64 << 53)).contains(&i) {
        f <= (i as f64)
    } else {
        match float_to_int_ceil(f) {
            Some(fi) => fi <= i,
            None => f < 0.0,
        }
    }
}

/// `a < b` for numbers.
#[inline]
pub fn num_lt(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x < y,
        (Value::Float(x), Value::Float(y)) => x < y,
        (Value::Int(x), Value::Float(y)) => lt_int_float(x, y),
        (Value::Float(x), Value::Int(y)) => lt_float_int(x, y),
        _ => false,
    }
}

/// `a <= b` for numbers.
#[inline]
pub fn num_le(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x <= y,
        (Value::Float(x), Value::Float(y)) => x <= y,
        (Value::Int(x), Value::Float(y)) => le_int_float(x, y),
        (Value::Float(x), Value::Int(y)) => le_float_int(x, y),
        _ => false,
    }
}

/// String order: byte-wise (the "C" locale's `strcoll`).
#[inline]
pub fn str_lt(a: &[u8], b: &[u8]) -> bool {
    a < b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_division_and_modulo() {
        assert_eq!(idiv(7, 2), 3);
        assert_eq!(idiv(-7, 2), -4);
        assert_eq!(imod(-7, 2), 1);
        assert_eq!(imod(7, -2), -1);
        assert_eq!(idiv(i64::MIN, -1), i64::MIN);
        assert_eq!(imod(i64::MIN, -1), 0);
        assert_eq!(fmod(-7.0, 2.0), 1.0);
        assert_eq!(fmod(5.5, -2.0), -0.5);
    }

    #[test]
    fn shifts() {
        assert_eq!(shl(1, 63), i64::MIN);
        assert_eq!(shl(1, 64), 0);
        assert_eq!(shl(-1, -1), i64::MAX);
        assert_eq!(shl(-1, -64), 0);
    }

    #[test]
    fn mixed_comparisons() {
        assert!(lt_int_float(i64::MAX, f64::INFINITY));
        // 2^63 is above every integer
        assert!(lt_int_float(i64::MAX, 9.223_372_036_854_776e18));
        assert!(!lt_float_int(9.223_372_036_854_776e18, i64::MAX));
        assert!(le_float_int(-9.3e18, i64::MIN));
        assert!(!num_lt(Value::Int(1), Value::Float(f64::NAN)));
    }
}
