//! Handlers for moves and loads, upvalues, comparisons, tests, jumps and the
//! numeric `for` loop.

use super::super::arith;
use super::super::func::LuaClosure;
use super::super::gc::Gc;
use super::super::value::Value;
use super::super::Vm;
use super::*;

handler! {
    fn op_move(vm, ip, rb, k, cl, i) {
        copy_slot(slot!(rb, get_a(i)), slot!(rb, get_b(i)));
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_loadi(vm, ip, rb, k, cl, i) {
        put_int(slot!(rb, get_a(i)), get_sbx(i) as i64);
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_loadf(vm, ip, rb, k, cl, i) {
        put_flt(slot!(rb, get_a(i)), get_sbx(i) as f64);
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_loadk(vm, ip, rb, k, cl, i) {
        reg!(rb, get_a(i)) = *kref!(k, get_bx(i));
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_loadkx(vm, ip, rb, k, cl, i) {
        reg!(rb, get_a(i)) = *kref!(k, get_ax(fetch!(ip)));
        next!(vm, ip_off!(ip, 1), rb, k, cl)
    }
}

handler! {
    fn op_loadfalse(vm, ip, rb, k, cl, i) {
        put_bool(slot!(rb, get_a(i)), false);
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_lfalseskip(vm, ip, rb, k, cl, i) {
        put_bool(slot!(rb, get_a(i)), false);
        next!(vm, ip_off!(ip, 1), rb, k, cl)
    }
}

handler! {
    fn op_loadtrue(vm, ip, rb, k, cl, i) {
        put_bool(slot!(rb, get_a(i)), true);
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_loadnil(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        for j in 0..=get_b(i) as usize {
            put_nil(slot!(rb, a + j));
        }
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_getupval(vm, ip, rb, k, cl, i) {
        // SAFETY: upvalue operands are inside the closure's list (verified).
        let uv = unsafe { cl.upvals.get_unchecked(get_b(i) as usize) }.get();
        reg!(rb, get_a(i)) = uv.get();
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_setupval(vm, ip, rb, k, cl, i) {
        // SAFETY: as in `op_getupval`.
        let uv = unsafe { cl.upvals.get_unchecked(get_b(i) as usize) }.get();
        uv.set(&vm.heap, reg!(rb, get_a(i)));
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_not(vm, ip, rb, k, cl, i) {
        let v = !rref!(rb, get_b(i)).truthy();
        put_bool(slot!(rb, get_a(i)), v);
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    /// JMP under the JIT: a backward jump closes a loop, which counts
    /// toward compilation and continues in machine code where there is some.
    fn op_jmp_jit(vm, ip, rb, k, cl, i) {
        if get_sj(i) < 0 && super::jit_back_edge(vm, cl) {
            savepc!(vm, ip_off!(ip, get_sj(i)), cl);
            return Exit::Resume;
        }
        op_jmp(vm, ip, rb, k, cl, i)
    }
}

handler! {
    /// FORLOOP under the JIT (see `op_jmp_jit`): machine code runs the
    /// loop from this instruction.
    fn op_forloop_jit(vm, ip, rb, k, cl, i) {
        if super::jit_back_edge(vm, cl) {
            savepc!(vm, ip_off!(ip, -1), cl);
            return Exit::Resume;
        }
        op_forloop(vm, ip, rb, k, cl, i)
    }
}

handler! {
    /// TFORLOOP under the JIT (see `op_forloop_jit`).
    fn op_tforloop_jit(vm, ip, rb, k, cl, i) {
        if super::jit_back_edge(vm, cl) {
            savepc!(vm, ip_off!(ip, -1), cl);
            return Exit::Resume;
        }
        op_tforloop(vm, ip, rb, k, cl, i)
    }
}

handler! {
    fn op_jmp(vm, ip, rb, k, cl, i) {
        next_slow!(vm, ip_off!(ip, get_sj(i)), rb, k, cl)
    }
}

handler! {
    fn op_nop(vm, ip, rb, k, cl, i) {
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_eq(vm, ip, rb, k, cl, i) {
        match rref!(rb, get_a(i)).eq_fast(rref!(rb, get_b(i))) {
            Some(r) => cond_jump!(vm, r, i, ip, rb, k, cl),
            None => eq_slow(vm, ip, rb, k, cl, i),
        }
    }
}

handler! {
    fn op_eqk(vm, ip, rb, k, cl, i) {
        match rref!(rb, get_a(i)).eq_fast(kref!(k, get_b(i))) {
            Some(r) => cond_jump!(vm, r, i, ip, rb, k, cl),
            None => eq_slow(vm, ip, rb, k, cl, i),
        }
    }
}

handler! {
    /// `==` the inline path could not decide: `__eq` between two different
    /// tables or userdata, long strings, integers against floats.
    #[inline(never)]
    fn eq_slow(vm, ip, rb, k, cl, i) {
        let x = reg!(rb, get_a(i));
        let y = if get_op(i) == OP_EQK {
            *kref!(k, get_b(i))
        } else {
            reg!(rb, get_b(i))
        };
        let r = match (x, y) {
            (Value::Table(p), Value::Table(q)) if p != q => None,
            (Value::UserData(p), Value::UserData(q)) if p != q => None,
            _ => Some(x.raw_eq(&y)),
        };
        let r = match r {
            Some(r) => r,
            None => {
                savepc!(vm, ip, cl);
                match tri!(vm, vm.eq_tm(x, y, true)) {
                    Some(r) => r,
                    None => return Exit::Frame,
                }
            }
        };
        let rb = frame_rb(vm);
        cond_jump!(vm, r, i, ip, rb, k, cl)
    }
}

handler! {
    fn op_eqi(vm, ip, rb, k, cl, i) {
        let imm = get_sb(i) as i64;
        let r = match *rref!(rb, get_a(i)) {
            Value::Int(n) => n == imm,
            Value::Float(f) => f == imm as f64,
            _ => false,
        };
        cond_jump!(vm, r, i, ip, rb, k, cl)
    }
}

/// `R[A] op R[B]` between numbers; anything else goes to `cmp_slow`.
macro_rules! cmp_regs {
    ($name:ident, $op:tt) => {
        handler! {
            fn $name(vm, ip, rb, k, cl, i) {
                let (x, y) = (rref!(rb, get_a(i)), rref!(rb, get_b(i)));
                let r = match (x, y) {
                    (&Value::Int(p), &Value::Int(q)) => p $op q,
                    (&Value::Float(p), &Value::Float(q)) => p $op q,
                    _ => return cmp_slow(vm, ip, rb, k, cl, i),
                };
                cond_jump!(vm, r, i, ip, rb, k, cl)
            }
        }
    };
}

cmp_regs!(op_lt, <);
cmp_regs!(op_le, <=);

/// `R[A] op sB` for numbers; anything else goes to `cmp_slow`.
macro_rules! cmp_imm {
    ($name:ident, $op:tt) => {
        handler! {
            fn $name(vm, ip, rb, k, cl, i) {
                let imm = get_sb(i) as i64;
                let r = match *rref!(rb, get_a(i)) {
                    Value::Int(n) => n $op imm,
                    Value::Float(f) => f $op imm as f64,
                    _ => return cmp_slow(vm, ip, rb, k, cl, i),
                };
                cond_jump!(vm, r, i, ip, rb, k, cl)
            }
        }
    };
}

cmp_imm!(op_lti, <);
cmp_imm!(op_lei, <=);
cmp_imm!(op_gti, >);
cmp_imm!(op_gei, >=);

handler! {
    /// Order comparisons of mixed numbers, strings and metamethods.
    #[cold]
    #[inline(never)]
    fn cmp_slow(vm, ip, rb, k, cl, i) {
        let op = get_op(i);
        let x = reg!(rb, get_a(i));
        let le = matches!(op, OP_LE | OP_LEI | OP_GEI);
        let (p, q) = if matches!(op, OP_LT | OP_LE) {
            (x, reg!(rb, get_b(i)))
        } else {
            let imm = get_sb(i) as i64;
            let iv = if get_c(i) != 0 {
                Value::Float(imm as f64)
            } else {
                Value::Int(imm)
            };
            // GTI/GEI: the metamethod gets the operands the other way round
            if matches!(op, OP_GTI | OP_GEI) {
                (iv, x)
            } else {
                (x, iv)
            }
        };
        let r = if p.is_number() && q.is_number() {
            if le {
                arith::num_le(p, q)
            } else {
                arith::num_lt(p, q)
            }
        } else {
            savepc!(vm, ip, cl);
            match tri!(vm, vm.order_op(p, q, le, true)) {
                Some(r) => r,
                None => return Exit::Frame,
            }
        };
        let rb = frame_rb(vm);
        cond_jump!(vm, r, i, ip, rb, k, cl)
    }
}

handler! {
    fn op_test(vm, ip, rb, k, cl, i) {
        let r = rref!(rb, get_a(i)).truthy();
        cond_jump!(vm, r, i, ip, rb, k, cl)
    }
}

handler! {
    fn op_testset(vm, ip, rb, k, cl, i) {
        let v = reg!(rb, get_b(i));
        if v.truthy() != get_k(i) {
            next!(vm, ip_off!(ip, 1), rb, k, cl)
        } else {
            reg!(rb, get_a(i)) = v;
            let ni = fetch!(ip);
            next_slow!(vm, ip_off!(ip, get_sj(ni) as isize + 1), rb, k, cl)
        }
    }
}

handler! {
    fn op_forloop(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        match *rref!(rb, a + 2) {
            Value::Int(step) => {
                if let (&Value::Int(count), &Value::Int(idx)) = (rref!(rb, a + 1), rref!(rb, a)) {
                    // (the count is unsigned: 2^63 iterations or more
                        // read as a negative integer)
                    if count != 0 {
                        let idx = idx.wrapping_add(step);
                        // (the two control slots hold integers: only their
                        // payloads change)
                        set_payload(slot!(rb, a + 1), count.wrapping_sub(1) as u64);
                        set_payload(slot!(rb, a), idx as u64);
                        put_int(slot!(rb, a + 3), idx);
                        next_slow!(vm, ip_off!(ip, -(get_bx(i) as isize)), rb, k, cl)
                    }
                    next!(vm, ip, rb, k, cl)
                }
            }
            Value::Float(step) => {
                if let (&Value::Float(idx), &Value::Float(limit)) = (rref!(rb, a), rref!(rb, a + 1))
                {
                    let idx = idx + step;
                    let go = if step > 0.0 {
                        idx <= limit
                    } else {
                        limit <= idx
                    };
                    if go {
                        set_payload(slot!(rb, a), idx.to_bits());
                        put_flt(slot!(rb, a + 3), idx);
                        next_slow!(vm, ip_off!(ip, -(get_bx(i) as isize)), rb, k, cl)
                    }
                    next!(vm, ip, rb, k, cl)
                }
            }
            _ => {}
        }
        bad_code(vm, ip, cl)
    }
}

/// "invalid bytecode sequence": instruction sequences the compiler never
/// produces (possible only in hand-made binary chunks that pass verification).
#[cold]
#[inline(never)]
pub(super) fn bad_code(vm: &mut Vm, ip: *const u32, cl: Gc<LuaClosure>) -> Exit {
    savepc!(vm, ip, cl);
    let e = vm.rt_error("invalid bytecode sequence");
    fail(vm, e)
}

handler! {
    fn op_forprep(vm, ip, rb, k, cl, i) {
        savepc!(vm, ip, cl);
        let ra = slot_index(vm, get_a(i) as usize);
        let skip = tri!(vm, vm.for_prep(ra));
        if skip {
            next_slow!(vm, ip_off!(ip, get_bx(i) as usize + 1), rb, k, cl)
        }
        next_slow!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_tforloop(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        let v = reg!(rb, a + 4);
        if !v.is_nil() {
            reg!(rb, a + 2) = v;
            next_slow!(vm, ip_off!(ip, -(get_bx(i) as isize)), rb, k, cl)
        }
        next!(vm, ip, rb, k, cl)
    }
}
