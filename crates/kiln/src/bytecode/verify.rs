//! Static checks of a function before it may run. The interpreter trusts
//! register, constant, upvalue and jump operands (it reads them without bounds
//! checks), so every chunk that does not come straight from the compiler —
//! binary chunks given to `load` — must pass `verify` first.

use super::*;

/// What the enclosing function offers to a nested function's upvalues.
#[derive(Clone, Copy)]
pub struct Parent {
    /// Registers of the parent.
    pub maxstack: usize,
    /// Upvalues of the parent.
    pub nups: usize,
}

fn check(cond: bool, msg: &'static str) -> Result<(), &'static str> {
    if cond {
        Ok(())
    } else {
        Err(msg)
    }
}

/// Verify `f` (and its nested functions). `parent` is `None` for a main chunk.
pub fn verify(f: &FnProto, parent: Option<Parent>) -> Result<(), &'static str> {
    let ms = f.maxstack as usize;
    let n = f.code.len();
    let nk = f.k.len();
    let nup = f.upvals.len();
    check(n > 0, "empty function")?;
    check(ms >= 2 && (f.numparams as usize) <= ms, "bad stack size")?;
    check(nup <= 255, "too many upvalues")?;
    check(
        f.lineinfo.is_empty() || f.lineinfo.len() == n,
        "bad line info",
    )?;
    if let Some(p) = parent {
        for u in &f.upvals {
            if u.in_stack {
                check((u.index as usize) < p.maxstack, "bad upvalue")?;
            } else {
                check((u.index as usize) < p.nups, "bad upvalue")?;
            }
        }
    }
    check(
        matches!(get_op(f.code[n - 1]), OP_RETURN | OP_RETURN0 | OP_RETURN1),
        "function does not end with a return",
    )?;
    let reg = |x: u32| check((x as usize) < ms, "register out of range");
    let regs =
        |a: u32, count: u32| check(a as usize + count as usize <= ms, "register out of range");
    let kidx = |x: u32| check((x as usize) < nk, "constant out of range");
    let upv = |x: u32| check((x as usize) < nup, "upvalue out of range");
    let target = |t: i64| check(t >= 0 && (t as usize) < n, "jump out of range");
    let extra = |pc: usize| {
        check(
            pc + 1 < n && get_op(f.code[pc + 1]) == OP_EXTRAARG,
            "missing EXTRAARG",
        )
    };
    let multret_before = |pc: usize| {
        check(
            pc > 0 && {
                let p = f.code[pc - 1];
                matches!(get_op(p), OP_CALL | OP_VARARG) && get_c(p) == 0
            },
            "open call without a multiple-result producer",
        )
    };
    for pc in 0..n {
        let i = f.code[pc];
        let op = get_op(i);
        check((op as usize) < NUM_OPCODES, "invalid opcode")?;
        let (a, b, c) = (get_a(i), get_b(i), get_c(i));
        let rk = |x: u32| if get_k(i) { kidx(x) } else { reg(x) };
        if is_test_op(op) {
            check(
                pc + 1 < n && get_op(f.code[pc + 1]) == OP_JMP,
                "test without jump",
            )?;
            let j = f.code[pc + 1];
            target(pc as i64 + 2 + get_sj(j) as i64)?;
            check(pc + 2 < n, "jump out of range")?;
        }
        if matches!(op, OP_ADDI..=OP_SHR) {
            // on success these skip the metamethod fallback that must follow
            check(
                pc + 2 < n && matches!(get_op(f.code[pc + 1]), OP_MMBIN | OP_MMBINI | OP_MMBINK),
                "arithmetic without metamethod fallback",
            )?;
        }
        match op {
            OP_MOVE => {
                reg(a)?;
                reg(b)?;
            }
            OP_LOADI | OP_LOADF | OP_LOADFALSE | OP_LOADTRUE | OP_CLOSE | OP_TBC | OP_RETURN1 => {
                reg(a)?
            }
            OP_LFALSESKIP => {
                reg(a)?;
                check(pc + 2 < n, "jump out of range")?;
            }
            OP_LOADK => {
                reg(a)?;
                kidx(get_bx(i))?;
            }
            OP_LOADKX => {
                reg(a)?;
                extra(pc)?;
                kidx(get_ax(f.code[pc + 1]))?;
            }
            OP_LOADNIL => regs(a, b + 1)?,
            OP_GETUPVAL | OP_SETUPVAL => {
                reg(a)?;
                upv(b)?;
            }
            OP_GETTABUP => {
                reg(a)?;
                upv(b)?;
                kidx(c)?;
            }
            OP_GETTABLE => {
                reg(a)?;
                reg(b)?;
                reg(c)?;
            }
            OP_GETI => {
                reg(a)?;
                reg(b)?;
            }
            OP_GETFIELD => {
                reg(a)?;
                reg(b)?;
                kidx(c)?;
            }
            OP_SETTABUP => {
                upv(a)?;
                kidx(b)?;
                rk(c)?;
            }
            OP_SETTABLE => {
                reg(a)?;
                reg(b)?;
                rk(c)?;
            }
            OP_SETI => {
                reg(a)?;
                rk(c)?;
            }
            OP_SETFIELD => {
                reg(a)?;
                kidx(b)?;
                rk(c)?;
            }
            OP_NEWTABLE => {
                reg(a)?;
                extra(pc)?;
            }
            OP_SELF => {
                regs(a, 2)?;
                reg(b)?;
                rk(c)?;
            }
            OP_ADDI | OP_SHRI | OP_SHLI | OP_UNM | OP_BNOT | OP_NOT | OP_LEN => {
                reg(a)?;
                reg(b)?;
            }
            OP_ADDK | OP_SUBK | OP_MULK | OP_MODK | OP_POWK | OP_DIVK | OP_IDIVK | OP_BANDK
            | OP_BORK | OP_BXORK => {
                reg(a)?;
                reg(b)?;
                kidx(c)?;
            }
            OP_ADD | OP_SUB | OP_MUL | OP_MOD | OP_POW | OP_DIV | OP_IDIV | OP_BAND | OP_BOR
            | OP_BXOR | OP_SHL | OP_SHR => {
                reg(a)?;
                reg(b)?;
                reg(c)?;
            }
            OP_MMBIN | OP_MMBINI | OP_MMBINK => {
                reg(a)?;
                match op {
                    OP_MMBIN => reg(b)?,
                    OP_MMBINK => kidx(b)?,
                    _ => {}
                }
                check((6..=19).contains(&c), "bad metamethod event")?;
                check(pc >= 1, "metamethod call without operation")?;
                reg(get_a(f.code[pc - 1]))?;
            }
            OP_CONCAT => regs(a, b)?,
            OP_JMP => target(pc as i64 + 1 + get_sj(i) as i64)?,
            OP_EQ | OP_LT | OP_LE => {
                reg(a)?;
                reg(b)?;
            }
            OP_EQK => {
                reg(a)?;
                kidx(b)?;
            }
            OP_EQI | OP_LTI | OP_LEI | OP_GTI | OP_GEI | OP_TEST => reg(a)?,
            OP_TESTSET => {
                reg(a)?;
                reg(b)?;
            }
            OP_CALL | OP_TAILCALL => {
                reg(a)?;
                if b == 0 {
                    multret_before(pc)?;
                } else {
                    regs(a, b)?;
                }
                if op == OP_CALL && c > 0 {
                    regs(a, c - 1)?;
                }
            }
            OP_RETURN => {
                if b == 0 {
                    multret_before(pc)?;
                    reg(a)?;
                } else {
                    regs(a, b - 1)?;
                }
            }
            OP_RETURN0 => {}
            OP_FORLOOP => {
                regs(a, 4)?;
                target(pc as i64 + 1 - get_bx(i) as i64)?;
            }
            OP_FORPREP => {
                regs(a, 4)?;
                target(pc as i64 + 2 + get_bx(i) as i64)?;
            }
            OP_TFORPREP => {
                regs(a, 7)?;
                target(pc as i64 + 1 + get_bx(i) as i64)?;
            }
            OP_TFORCALL => {
                regs(a, 7)?;
                regs(a + 4, c)?;
            }
            OP_TFORLOOP => {
                regs(a, 5)?;
                target(pc as i64 + 1 - get_bx(i) as i64)?;
            }
            OP_SETLIST => {
                reg(a)?;
                if b == 0 {
                    multret_before(pc)?;
                } else {
                    regs(a + 1, b)?;
                }
                if get_k(i) {
                    extra(pc)?;
                }
            }
            OP_CLOSURE => {
                reg(a)?;
                check(
                    (get_bx(i) as usize) < f.protos.len(),
                    "function index out of range",
                )?;
            }
            OP_VARARG => {
                reg(a)?;
                if c > 0 {
                    regs(a, c - 1)?;
                }
            }
            OP_VARARGPREP => check(f.is_vararg, "VARARGPREP in a fixed-argument function")?,
            OP_EXTRAARG => {}
            _ => return Err("invalid opcode"),
        }
    }
    let me = Parent {
        maxstack: ms,
        nups: nup,
    };
    for p in &f.protos {
        verify(p, Some(me))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiler_output_verifies() {
        let srcs: [&[u8]; 4] = [
            b"local t = {...} for i, v in ipairs(t) do print(i, v) end return #t",
            b"local a <close> = nil local function f(...) return select('#', ...), ... end return f(1, 2, f())",
            b"local x = 0 for i = 1, 10, 2 do x = x + i * 2 ^ i // 3 % 5 end while x > 0 do x = x - 1 end return x .. 'a'",
            b"local t = setmetatable({}, {__index = function(t, k) return k end}) return t.x, t[1], t:m()",
        ];
        for s in srcs {
            let f = crate::compiler::compile(s, b"=t").unwrap();
            verify(&f, None).unwrap();
        }
    }

    #[test]
    fn bad_register_rejected() {
        let mut f = crate::compiler::compile(b"local a = 1 return a", b"=t").unwrap();
        f.code[1] = create_abck(OP_MOVE, 200, 0, 0, false);
        assert!(verify(&f, None).is_err());
    }
}
