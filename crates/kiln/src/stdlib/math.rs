//! The `math` library (manual §6.7).
//!
//! Integer/float behaviour follows the reference implementation: functions
//! that can return integers (`floor`, `ceil`, `abs`, `fmod`, `modf`, `max`,
//! `min`) keep the integer subtype, and the pseudo-random generator is
//! xoshiro256** seeded and projected exactly like Lua 5.4.4, so that a fixed
//! seed gives the same sequence.

use crate::number::float_to_int_exact;
use crate::vm::arith;
use crate::vm::{Args, LResult, Value, Vm};
use std::f64::consts::PI;

/// Push a float result as an integer when it has an exact integer value that
/// fits (`pushnumint` of the reference).
fn num_or_int(d: f64) -> Value {
    match float_to_int_exact(d) {
        Some(i) => Value::Int(i),
        None => Value::Float(d),
    }
}

/// Is argument `i` an actual integer (no string coercion)?
fn arg_int(vm: &Vm, a: Args, i: usize) -> Option<i64> {
    match vm.arg(a, i) {
        Value::Int(n) => Some(n),
        _ => None,
    }
}

fn abs(vm: &mut Vm, a: Args) -> LResult<usize> {
    if let Some(n) = arg_int(vm, a, 0) {
        return vm.ret1(Value::Int(n.wrapping_abs()));
    }
    let x = vm.check_f64(a, 0)?;
    vm.ret1(Value::Float(x.abs()))
}

/// A function of one float returning a float.
fn float1(vm: &mut Vm, a: Args, f: fn(f64) -> f64) -> LResult<usize> {
    let x = vm.check_f64(a, 0)?;
    vm.ret1(Value::Float(f(x)))
}

fn sin(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, f64::sin)
}

fn cos(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, f64::cos)
}

fn tan(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, f64::tan)
}

fn asin(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, f64::asin)
}

fn acos(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, f64::acos)
}

fn atan(vm: &mut Vm, a: Args) -> LResult<usize> {
    let y = vm.check_f64(a, 0)?;
    let x = vm.opt_f64(a, 1, 1.0)?;
    vm.ret1(Value::Float(y.atan2(x)))
}

fn sqrt(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, f64::sqrt)
}

fn exp(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, f64::exp)
}

fn deg(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, |x| x * (180.0 / PI))
}

fn rad(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, |x| x * (PI / 180.0))
}

fn log(vm: &mut Vm, a: Args) -> LResult<usize> {
    let x = vm.check_f64(a, 0)?;
    let r = if vm.arg(a, 1).is_nil() {
        x.ln()
    } else {
        let base = vm.check_f64(a, 1)?;
        if base == 2.0 {
            x.log2()
        } else if base == 10.0 {
            x.log10()
        } else {
            x.ln() / base.ln()
        }
    };
    vm.ret1(Value::Float(r))
}

fn floor(vm: &mut Vm, a: Args) -> LResult<usize> {
    if let Some(n) = arg_int(vm, a, 0) {
        return vm.ret1(Value::Int(n));
    }
    let x = vm.check_f64(a, 0)?;
    vm.ret1(num_or_int(x.floor()))
}

fn ceil(vm: &mut Vm, a: Args) -> LResult<usize> {
    if let Some(n) = arg_int(vm, a, 0) {
        return vm.ret1(Value::Int(n));
    }
    let x = vm.check_f64(a, 0)?;
    vm.ret1(num_or_int(x.ceil()))
}

fn fmod(vm: &mut Vm, a: Args) -> LResult<usize> {
    if let (Some(x), Some(d)) = (arg_int(vm, a, 0), arg_int(vm, a, 1)) {
        if d == 0 {
            return Err(vm.arg_error(2, "zero"));
        }
        // `wrapping_rem` gives 0 for mininteger % -1 (C's `%` truncates too).
        return vm.ret1(Value::Int(x.wrapping_rem(d)));
    }
    // the reference checks the second argument first
    let y = vm.check_f64(a, 1)?;
    let x = vm.check_f64(a, 0)?;
    vm.ret1(Value::Float(x % y))
}

fn modf(vm: &mut Vm, a: Args) -> LResult<usize> {
    if let Some(n) = arg_int(vm, a, 0) {
        return vm.ret(&[Value::Int(n), Value::Float(0.0)]);
    }
    let x = vm.check_f64(a, 0)?;
    let ip = if x < 0.0 { x.ceil() } else { x.floor() };
    let frac = if x == ip { 0.0 } else { x - ip };
    vm.ret(&[num_or_int(ip), Value::Float(frac)])
}

fn tointeger(vm: &mut Vm, a: Args) -> LResult<usize> {
    let v = vm.arg(a, 0);
    match arith::to_integer(v) {
        Some(n) => vm.ret1(Value::Int(n)),
        None => {
            vm.check_any(a, 0)?;
            vm.ret1(Value::Nil)
        }
    }
}

fn type_(vm: &mut Vm, a: Args) -> LResult<usize> {
    match vm.arg(a, 0) {
        Value::Int(_) => vm.ret_str(b"integer"),
        Value::Float(_) => vm.ret_str(b"float"),
        _ => {
            vm.check_any(a, 0)?;
            vm.ret1(Value::Nil)
        }
    }
}

fn ult(vm: &mut Vm, a: Args) -> LResult<usize> {
    let x = vm.check_int(a, 0)?;
    let y = vm.check_int(a, 1)?;
    vm.ret1(Value::Bool((x as u64) < (y as u64)))
}

fn max(vm: &mut Vm, a: Args) -> LResult<usize> {
    if a.n < 1 {
        return Err(vm.arg_error(1, "value expected"));
    }
    let mut best = 0;
    for i in 1..a.n {
        let (cur, cand) = (vm.arg(a, best), vm.arg(a, i));
        if vm.less_than(cur, cand)? {
            best = i;
        }
    }
    let v = vm.arg(a, best);
    vm.ret1(v)
}

fn min(vm: &mut Vm, a: Args) -> LResult<usize> {
    if a.n < 1 {
        return Err(vm.arg_error(1, "value expected"));
    }
    let mut best = 0;
    for i in 1..a.n {
        let (cur, cand) = (vm.arg(a, best), vm.arg(a, i));
        if vm.less_than(cand, cur)? {
            best = i;
        }
    }
    let v = vm.arg(a, best);
    vm.ret1(v)
}

// ----- deprecated functions (present in the reference build, LUA_COMPAT_MATHLIB) --

fn atan2(vm: &mut Vm, a: Args) -> LResult<usize> {
    atan(vm, a)
}

fn cosh(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, f64::cosh)
}

fn sinh(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, f64::sinh)
}

fn tanh(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, f64::tanh)
}

fn log10(vm: &mut Vm, a: Args) -> LResult<usize> {
    float1(vm, a, f64::log10)
}

fn pow(vm: &mut Vm, a: Args) -> LResult<usize> {
    let x = vm.check_f64(a, 0)?;
    let y = vm.check_f64(a, 1)?;
    vm.ret1(Value::Float(x.powf(y)))
}

fn frexp(vm: &mut Vm, a: Args) -> LResult<usize> {
    let x = vm.check_f64(a, 0)?;
    let (m, e) = crate::vm::table::frexp(x);
    vm.ret(&[Value::Float(m), Value::Int(e as i64)])
}

/// `x * 2^e` without intermediate overflow or double rounding.
fn ldexp_f(x: f64, e: i32) -> f64 {
    let two_pow = |n: i32| f64::from_bits(((0x3ff + n) as u64) << 52);
    let mut y = x;
    let mut n = e;
    if n > 1023 {
        y *= two_pow(1023);
        n -= 1023;
        if n > 1023 {
            y *= two_pow(1023);
            n = (n - 1023).min(1023);
        }
    } else if n < -1022 {
        // scale by 2^-969 steps so the last step rounds only once
        let step = two_pow(-1022) * two_pow(53);
        y *= step;
        n += 1022 - 53;
        if n < -1022 {
            y *= step;
            n = (n + 1022 - 53).max(-1022);
        }
    }
    y * two_pow(n)
}

fn ldexp(vm: &mut Vm, a: Args) -> LResult<usize> {
    let x = vm.check_f64(a, 0)?;
    // the exponent is converted to a C int (truncating)
    let e = vm.check_int(a, 1)? as i32;
    vm.ret1(Value::Float(ldexp_f(x, e)))
}

// ----- pseudo-random numbers (xoshiro256**) ---------------------------------

/// Advance the generator and return the next 64 random bits.
fn next_rand(s: &mut [u64; 4]) -> u64 {
    let res = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
    let t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = s[3].rotate_left(45);
    res
}

/// Seed the generator as the reference does: `(n1, 0xff, n2, 0)`, then
/// discard 16 values.
fn set_seed(s: &mut [u64; 4], n1: u64, n2: u64) {
    *s = [n1, 0xff, n2, 0];
    for _ in 0..16 {
        next_rand(s);
    }
}

/// A float in [0, 1) from the top 53 bits.
fn rand_float(rv: u64) -> f64 {
    (rv >> 11) as f64 * (0.5 / (1u64 << 52) as f64)
}

/// Project a random value into [0, n]: mask with the smallest 2^b - 1 that is
/// not below `n` and retry while the result is above `n`.
fn project(mut ran: u64, n: u64, s: &mut [u64; 4]) -> u64 {
    if n & n.wrapping_add(1) == 0 {
        return ran & n;
    }
    let mut lim = n;
    lim |= lim >> 1;
    lim |= lim >> 2;
    lim |= lim >> 4;
    lim |= lim >> 8;
    lim |= lim >> 16;
    lim |= lim >> 32;
    loop {
        ran &= lim;
        if ran <= n {
            return ran;
        }
        ran = next_rand(s);
    }
}

fn random(vm: &mut Vm, a: Args) -> LResult<usize> {
    let rv = next_rand(&mut vm.ext.rng);
    let (low, up) = match a.n {
        0 => return vm.ret1(Value::Float(rand_float(rv))),
        1 => {
            let up = vm.check_int(a, 0)?;
            if up == 0 {
                return vm.ret1(Value::Int(rv as i64));
            }
            (1, up)
        }
        2 => (vm.check_int(a, 0)?, vm.check_int(a, 1)?),
        _ => return Err(vm.error_l1("wrong number of arguments")),
    };
    if low > up {
        return Err(vm.arg_error(1, "interval is empty"));
    }
    let p = project(rv, (up as u64).wrapping_sub(low as u64), &mut vm.ext.rng);
    vm.ret1(Value::Int(p.wrapping_add(low as u64) as i64))
}

/// Seed from the clock and the address of the state (like `luai_makeseed`).
fn time_seed(vm: &Vm) -> (u64, u64) {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    (t, vm as *const Vm as usize as u64)
}

fn randomseed(vm: &mut Vm, a: Args) -> LResult<usize> {
    let (n1, n2) = if a.n == 0 {
        time_seed(vm)
    } else {
        let n1 = vm.check_int(a, 0)?;
        let n2 = vm.opt_int(a, 1, 0)?;
        (n1 as u64, n2 as u64)
    };
    set_seed(&mut vm.ext.rng, n1, n2);
    vm.ret(&[Value::Int(n1 as i64), Value::Int(n2 as i64)])
}

/// Register the library.
pub fn open(vm: &mut Vm) {
    let t = super::register_lib(
        vm,
        "math",
        &[
            ("abs", abs),
            ("ceil", ceil),
            ("cos", cos),
            ("deg", deg),
            ("exp", exp),
            ("tointeger", tointeger),
            ("floor", floor),
            ("fmod", fmod),
            ("ult", ult),
            ("log", log),
            ("max", max),
            ("min", min),
            ("modf", modf),
            ("rad", rad),
            ("sin", sin),
            ("sqrt", sqrt),
            ("tan", tan),
            ("type", type_),
            ("asin", asin),
            ("acos", acos),
            ("atan", atan),
            ("random", random),
            ("randomseed", randomseed),
            ("atan2", atan2),
            ("cosh", cosh),
            ("sinh", sinh),
            ("tanh", tanh),
            ("pow", pow),
            ("frexp", frexp),
            ("ldexp", ldexp),
            ("log10", log10),
        ],
    );
    vm.set_field(t, "pi", Value::Float(PI));
    vm.set_field(t, "huge", Value::Float(f64::INFINITY));
    vm.set_field(t, "maxinteger", Value::Int(i64::MAX));
    vm.set_field(t, "mininteger", Value::Int(i64::MIN));
    let (n1, n2) = time_seed(vm);
    set_seed(&mut vm.ext.rng, n1, n2);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_stays_in_range() {
        let mut s = [0u64; 4];
        set_seed(&mut s, 7, 0);
        for n in [0u64, 1, 2, 3, 5, 6, 7, 100, u64::MAX - 1, u64::MAX] {
            for _ in 0..100 {
                let r = next_rand(&mut s);
                assert!(project(r, n, &mut s) <= n);
            }
        }
    }

    #[test]
    fn ldexp_edges() {
        assert_eq!(ldexp_f(1.0, 0), 1.0);
        assert_eq!(ldexp_f(0.75, 4), 12.0);
        assert_eq!(ldexp_f(1.0, 1024), f64::INFINITY);
        assert_eq!(ldexp_f(f64::MIN_POSITIVE, 1023 + 1022), 2f64.powi(1023));
        assert_eq!(ldexp_f(1.0, -1074), f64::from_bits(1));
        assert_eq!(ldexp_f(1.0, -1075), 0.0);
        assert_eq!(ldexp_f(3.0, -1075), f64::from_bits(2));
        assert_eq!(ldexp_f(1.0, i32::MIN), 0.0);
        assert_eq!(ldexp_f(-1.0, i32::MAX), f64::NEG_INFINITY);
    }

    #[test]
    fn float_range() {
        assert_eq!(rand_float(0), 0.0);
        assert!(rand_float(u64::MAX) < 1.0);
    }
}
