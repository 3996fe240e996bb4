//! Handlers for arithmetic and bitwise operations. An operation on numbers is
//! done in place and skips the MMBIN that follows it; anything else falls
//! through to that MMBIN, which calls the metamethod or raises the error.

use super::super::arith::{self, ArOp};
use super::super::debuginfo::Operand;
use super::super::func::LuaClosure;
use super::super::gc::Gc;
use super::super::meta::Tm;
use super::super::value::Value;
use super::super::Vm;
use super::*;

/// The second operand: register C or constant C.
macro_rules! operand_c {
    (reg, $rb:ident, $k:ident, $i:ident) => {
        rref!($rb, get_c($i))
    };
    (konst, $rb:ident, $k:ident, $i:ident) => {
        kref!($k, get_c($i))
    };
}

/// `R[A] := R[B] op C` on integers (`$iop`) or floats (`$fop`).
macro_rules! arith {
    ($name:ident, $src:ident, $iop:expr, $fop:expr) => {
        handler! {
            fn $name(vm, ip, rb, k, cl, i) {
                let x = rref!(rb, get_b(i));
                let y = operand_c!($src, rb, k, i);
                let ra = slot!(rb, get_a(i));
                match (x, y) {
                    (&Value::Int(p), &Value::Int(q)) => put_int(ra, $iop(p, q)),
                    (&Value::Float(p), &Value::Float(q)) => put_flt(ra, $fop(p, q)),
                    (&Value::Int(p), &Value::Float(q)) => put_flt(ra, $fop(p as f64, q)),
                    (&Value::Float(p), &Value::Int(q)) => put_flt(ra, $fop(p, q as f64)),
                    _ => next!(vm, ip, rb, k, cl),
                }
                next!(vm, ip_off!(ip, 1), rb, k, cl)
            }
        }
    };
}

/// `R[A] := R[B] op C` always in floats (`/` and `^`).
macro_rules! float_arith {
    ($name:ident, $src:ident, $fop:expr) => {
        handler! {
            fn $name(vm, ip, rb, k, cl, i) {
                let x = rref!(rb, get_b(i));
                let y = operand_c!($src, rb, k, i);
                if let (Some(p), Some(q)) = (x.as_f64(), y.as_f64()) {
                    put_flt(slot!(rb, get_a(i)), $fop(p, q));
                    next!(vm, ip_off!(ip, 1), rb, k, cl)
                }
                next!(vm, ip, rb, k, cl)
            }
        }
    };
}

/// `%` and `//` on integers; floats (library calls), division by zero and
/// everything else go to `arith_slow`.
macro_rules! divmod {
    ($name:ident, $src:ident, $iop:expr) => {
        handler! {
            fn $name(vm, ip, rb, k, cl, i) {
                let x = rref!(rb, get_b(i));
                let y = operand_c!($src, rb, k, i);
                match (x, y) {
                    (&Value::Int(p), &Value::Int(q)) if q != 0 => {
                        put_int(slot!(rb, get_a(i)), $iop(p, q));
                        next!(vm, ip_off!(ip, 1), rb, k, cl)
                    }
                    _ => arith_slow(vm, ip, rb, k, cl, i),
                }
            }
        }
    };
}

/// Bitwise operations on integers; floats with an integer value go to
/// `arith_slow`, anything else falls through to the MMBIN.
macro_rules! bitwise {
    ($name:ident, $src:ident, $iop:expr) => {
        handler! {
            fn $name(vm, ip, rb, k, cl, i) {
                let x = rref!(rb, get_b(i));
                let y = operand_c!($src, rb, k, i);
                if let (&Value::Int(p), &Value::Int(q)) = (x, y) {
                    put_int(slot!(rb, get_a(i)), $iop(p, q));
                    next!(vm, ip_off!(ip, 1), rb, k, cl)
                }
                arith_slow(vm, ip, rb, k, cl, i)
            }
        }
    };
}

#[inline(always)]
fn fpow(a: f64, b: f64) -> f64 {
    arith::arith_float(ArOp::Pow, a, b)
}

arith!(op_addk, konst, i64::wrapping_add, |p: f64, q: f64| p + q);
arith!(op_subk, konst, i64::wrapping_sub, |p: f64, q: f64| p - q);
arith!(op_mulk, konst, i64::wrapping_mul, |p: f64, q: f64| p * q);
arith!(op_add, reg, i64::wrapping_add, |p: f64, q: f64| p + q);
arith!(op_sub, reg, i64::wrapping_sub, |p: f64, q: f64| p - q);
arith!(op_mul, reg, i64::wrapping_mul, |p: f64, q: f64| p * q);
float_arith!(op_divk, konst, |p: f64, q: f64| p / q);
float_arith!(op_powk, konst, fpow);
float_arith!(op_div, reg, |p: f64, q: f64| p / q);
float_arith!(op_pow, reg, fpow);
divmod!(op_modk, konst, arith::imod);
divmod!(op_idivk, konst, arith::idiv);
divmod!(op_mod, reg, arith::imod);
divmod!(op_idiv, reg, arith::idiv);
bitwise!(op_bandk, konst, |p: i64, q: i64| p & q);
bitwise!(op_bork, konst, |p: i64, q: i64| p | q);
bitwise!(op_bxork, konst, |p: i64, q: i64| p ^ q);
bitwise!(op_band, reg, |p: i64, q: i64| p & q);
bitwise!(op_bor, reg, |p: i64, q: i64| p | q);
bitwise!(op_bxor, reg, |p: i64, q: i64| p ^ q);
bitwise!(op_shl, reg, arith::shl);
bitwise!(op_shr, reg, |p: i64, q: i64| arith::shl(
    p,
    q.wrapping_neg()
));

handler! {
    fn op_addi(vm, ip, rb, k, cl, i) {
        let imm = get_sc(i) as i64;
        let ra = slot!(rb, get_a(i));
        match *rref!(rb, get_b(i)) {
            Value::Int(n) => put_int(ra, n.wrapping_add(imm)),
            Value::Float(f) => put_flt(ra, f + imm as f64),
            _ => next!(vm, ip, rb, k, cl),
        }
        next!(vm, ip_off!(ip, 1), rb, k, cl)
    }
}

handler! {
    fn op_shri(vm, ip, rb, k, cl, i) {
        if let Value::Int(n) = *rref!(rb, get_b(i)) {
            put_int(slot!(rb, get_a(i)), arith::shl(n, -(get_sc(i) as i64)));
            next!(vm, ip_off!(ip, 1), rb, k, cl)
        }
        arith_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    fn op_shli(vm, ip, rb, k, cl, i) {
        if let Value::Int(n) = *rref!(rb, get_b(i)) {
            put_int(slot!(rb, get_a(i)), arith::shl(get_sc(i) as i64, n));
            next!(vm, ip_off!(ip, 1), rb, k, cl)
        }
        arith_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    /// The cases the inline paths leave: `%` and `//` on floats or by
    /// integer zero (an error), bitwise operations on floats with an integer
    /// value. Done by `arith::arith_raw`; operands it does not take (strings,
    /// metamethods, floats without an integer value) fall through to the
    /// MMBIN that follows.
    #[inline(never)]
    fn arith_slow(vm, ip, rb, k, cl, i) {
        let op = get_op(i);
        let x = reg!(rb, get_b(i));
        let (aop, p, q) = match op {
            OP_SHRI => (ArOp::Shr, x, Value::Int(get_sc(i) as i64)),
            // sC << R[B]
            OP_SHLI => (ArOp::Shl, Value::Int(get_sc(i) as i64), x),
            OP_ADDK..=OP_BXORK => (ArOp::from_index(op - OP_ADDK), x, *kref!(k, get_c(i))),
            _ => (ArOp::from_index(op - OP_ADD), x, reg!(rb, get_c(i))),
        };
        match arith::arith_raw(aop, p, q) {
            Ok(v) => {
                reg!(rb, get_a(i)) = v;
                next_slow!(vm, ip_off!(ip, 1), rb, k, cl)
            }
            Err(arith::ArithError::DivZero) => {
                savepc!(vm, ip, cl);
                let e = vm.rt_error("attempt to divide by zero");
                fail(vm, e)
            }
            Err(arith::ArithError::ModZero) => {
                savepc!(vm, ip, cl);
                let e = vm.rt_error("attempt to perform 'n%0'");
                fail(vm, e)
            }
            Err(_) => next_slow!(vm, ip, rb, k, cl),
        }
    }
}

handler! {
    /// The metamethod (or error) of the arithmetic instruction before.
    #[cold]
    #[inline(never)]
    fn op_mmbin(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        let x = reg!(rb, a);
        let op = get_op(i);
        let (y, oy) = match op {
            OP_MMBIN => (reg!(rb, get_b(i)), Operand::Reg(get_b(i) as usize)),
            OP_MMBINI => (Value::Int(get_sb(i) as i64), Operand::None),
            _ => (*kref!(k, get_b(i)), Operand::None),
        };
        let (p1, p2, o1, o2) = if op != OP_MMBIN && get_k(i) {
            (y, x, oy, Operand::Reg(a))
        } else {
            (x, y, Operand::Reg(a), oy)
        };
        // the arithmetic instruction this one follows
        let prev = fetch!(ip_off!(ip, -2));
        savepc!(vm, ip, cl);
        let r = tri!(vm, vm.arith_tm(p1, p2, o1, o2, get_c(i), true));
        store_or_frame!(vm, r, get_a(prev), ip, k, cl)
    }
}

handler! {
    fn op_unm(vm, ip, rb, k, cl, i) {
        let ra = slot!(rb, get_a(i));
        match *rref!(rb, get_b(i)) {
            Value::Int(n) => put_int(ra, n.wrapping_neg()),
            Value::Float(f) => put_flt(ra, -f),
            _ => return unary_slow(vm, ip, rb, k, cl, i),
        }
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_bnot(vm, ip, rb, k, cl, i) {
        match arith::to_integer_ns(reg!(rb, get_b(i))) {
            Some(n) => put_int(slot!(rb, get_a(i)), !n),
            None => return unary_slow(vm, ip, rb, k, cl, i),
        }
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    /// `-x` and `~x` through metamethods (or the error).
    #[cold]
    #[inline(never)]
    fn unary_slow(vm, ip, rb, k, cl, i) {
        let x = reg!(rb, get_b(i));
        let tm = if get_op(i) == OP_UNM { Tm::Unm } else { Tm::BNot };
        savepc!(vm, ip, cl);
        let o = Operand::Reg(get_b(i) as usize);
        let r = tri!(vm, vm.arith_tm(x, x, o, o, tm as u32, true));
        store_or_frame!(vm, r, get_a(i), ip, k, cl)
    }
}
