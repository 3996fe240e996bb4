//! Compile-time arithmetic for constant folding.
//!
//! Operations on numeric constants are evaluated with exactly the runtime
//! semantics (integer wrap-around, floor division and modulo, shifts, float
//! rules). The caller decides what may be folded: operations that would
//! raise an error (division by zero, bitwise on non-integral floats) are
//! rejected by [`valid`], and results that are NaN or a float zero are not
//! folded (to keep `-0.0` and NaN out of the constant table).

use crate::number::float_to_int_exact;

/// A numeric constant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Num {
    Int(i64),
    Flt(f64),
}

/// Foldable operations, in the reference order (binary arithmetic in
/// operator order, then the unary ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ArithOp {
    Add,
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

impl ArithOp {
    /// The operation for the `i`-th arithmetic binary operator (0 = `+`).
    pub fn from_index(i: u8) -> ArithOp {
        use ArithOp::*;
        [
            Add, Sub, Mul, Mod, Pow, Div, IDiv, BAnd, BOr, BXor, Shl, Shr,
        ][i as usize]
    }

    fn is_bitwise(self) -> bool {
        use ArithOp::*;
        matches!(self, BAnd | BOr | BXor | Shl | Shr | BNot)
    }
}

fn to_int(v: Num) -> Option<i64> {
    match v {
        Num::Int(i) => Some(i),
        Num::Flt(f) => float_to_int_exact(f),
    }
}

fn to_flt(v: Num) -> f64 {
    match v {
        Num::Int(i) => i as f64,
        Num::Flt(f) => f,
    }
}

/// Whether folding `op` over these operands is safe (it would not raise an
/// error at run time).
pub(super) fn valid(op: ArithOp, a: Num, b: Num) -> bool {
    use ArithOp::*;
    match op {
        _ if op.is_bitwise() => to_int(a).is_some() && to_int(b).is_some(),
        Div | IDiv | Mod => to_flt(b) != 0.0,
        _ => true,
    }
}

/// Shift left (negative `y` shifts right, logically).
pub(super) fn shift_left(x: i64, y: i64) -> i64 {
    if y < 0 {
        if y <= -64 {
            0
        } else {
            ((x as u64) >> (-y) as u32) as i64
        }
    } else if y >= 64 {
        0
    } else {
        ((x as u64) << y as u32) as i64
    }
}

/// Integer floor division (`n` is not 0).
fn int_idiv(m: i64, n: i64) -> i64 {
    if n == -1 {
        return m.wrapping_neg();
    }
    let q = m / n;
    if (m ^ n) < 0 && m % n != 0 {
        q - 1
    } else {
        q
    }
}

/// Integer modulo with the sign of the divisor (`n` is not 0).
fn int_mod(m: i64, n: i64) -> i64 {
    if n == -1 {
        return 0;
    }
    let r = m % n;
    if r != 0 && (r ^ n) < 0 {
        r + n
    } else {
        r
    }
}

/// Float modulo with the sign of the divisor.
fn flt_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if (m > 0.0 && b < 0.0) || (m < 0.0 && b > 0.0) {
        m + b
    } else {
        m
    }
}

/// Performs `op` (the caller checked [`valid`]). Unary operations ignore `b`.
pub(super) fn arith(op: ArithOp, a: Num, b: Num) -> Num {
    use ArithOp::*;
    if op.is_bitwise() {
        let (x, y) = (to_int(a).unwrap_or(0), to_int(b).unwrap_or(0));
        return Num::Int(match op {
            BAnd => x & y,
            BOr => x | y,
            BXor => x ^ y,
            Shl => shift_left(x, y),
            Shr => shift_left(x, y.wrapping_neg()),
            _ => !x,
        });
    }
    if let (Num::Int(x), Num::Int(y), false) = (a, b, matches!(op, Div | Pow)) {
        return Num::Int(match op {
            Add => x.wrapping_add(y),
            Sub => x.wrapping_sub(y),
            Mul => x.wrapping_mul(y),
            Mod => int_mod(x, y),
            IDiv => int_idiv(x, y),
            _ => x.wrapping_neg(), // Unm
        });
    }
    let (x, y) = (to_flt(a), to_flt(b));
    Num::Flt(match op {
        Add => x + y,
        Sub => x - y,
        Mul => x * y,
        Div => x / y,
        Pow => {
            if y == 2.0 {
                x * x
            } else {
                x.powf(y)
            }
        }
        IDiv => (x / y).floor(),
        Mod => flt_mod(x, y),
        _ => -x, // Unm
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_ops() {
        assert_eq!(
            arith(ArithOp::IDiv, Num::Int(-7), Num::Int(2)),
            Num::Int(-4)
        );
        assert_eq!(arith(ArithOp::Mod, Num::Int(-7), Num::Int(2)), Num::Int(1));
        assert_eq!(arith(ArithOp::Mod, Num::Int(7), Num::Int(-2)), Num::Int(-1));
        assert_eq!(
            arith(ArithOp::IDiv, Num::Int(i64::MIN), Num::Int(-1)),
            Num::Int(i64::MIN)
        );
        assert_eq!(
            arith(ArithOp::Add, Num::Int(i64::MAX), Num::Int(1)),
            Num::Int(i64::MIN)
        );
        assert_eq!(arith(ArithOp::Shl, Num::Int(1), Num::Int(64)), Num::Int(0));
        assert_eq!(
            arith(ArithOp::Shr, Num::Int(-1), Num::Int(60)),
            Num::Int(15)
        );
        assert_eq!(
            arith(ArithOp::Shl, Num::Int(-1), Num::Int(-60)),
            Num::Int(15)
        );
        assert_eq!(arith(ArithOp::BNot, Num::Int(0), Num::Int(0)), Num::Int(-1));
        assert_eq!(
            arith(ArithOp::BAnd, Num::Flt(3.0), Num::Int(1)),
            Num::Int(1)
        );
    }

    #[test]
    fn float_ops() {
        assert_eq!(arith(ArithOp::Div, Num::Int(1), Num::Int(2)), Num::Flt(0.5));
        assert_eq!(
            arith(ArithOp::Pow, Num::Int(2), Num::Int(10)),
            Num::Flt(1024.0)
        );
        assert_eq!(
            arith(ArithOp::Mod, Num::Flt(-5.5), Num::Int(2)),
            Num::Flt(0.5)
        );
        assert_eq!(
            arith(ArithOp::Mod, Num::Flt(5.5), Num::Flt(-2.0)),
            Num::Flt(-0.5)
        );
        assert_eq!(
            arith(ArithOp::IDiv, Num::Flt(7.0), Num::Int(2)),
            Num::Flt(3.0)
        );
    }

    #[test]
    fn validity() {
        assert!(!valid(ArithOp::Div, Num::Int(1), Num::Int(0)));
        assert!(!valid(ArithOp::Mod, Num::Int(1), Num::Flt(0.0)));
        assert!(!valid(ArithOp::BOr, Num::Flt(1.5), Num::Int(0)));
        assert!(valid(ArithOp::BOr, Num::Flt(2.0), Num::Int(0)));
        assert!(valid(ArithOp::Add, Num::Int(1), Num::Int(0)));
    }
}
