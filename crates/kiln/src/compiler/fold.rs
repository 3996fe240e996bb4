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

/// Foldable operations: the runtime's operator numbering (binary arithmetic
/// in operator order, then the unary ones).
pub(super) use crate::vm::arith::ArOp as ArithOp;

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

/// Performs `op` with the runtime's arithmetic (the caller checked
/// [`valid`]). Unary operations ignore `b`.
pub(super) fn arith(op: ArithOp, a: Num, b: Num) -> Num {
    use crate::vm::value::Value;
    let val = |n: Num| match n {
        Num::Int(i) => Value::Int(i),
        Num::Flt(f) => Value::Float(f),
    };
    let b = if matches!(op, ArithOp::Unm | ArithOp::BNot) {
        a
    } else {
        b
    };
    match crate::vm::arith::arith_raw(op, val(a), val(b)) {
        Ok(Value::Float(f)) => Num::Flt(f),
        Ok(Value::Int(i)) => Num::Int(i),
        // excluded by `valid`
        _ => Num::Int(0),
    }
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
