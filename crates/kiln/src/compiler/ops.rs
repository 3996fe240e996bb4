//! Operators: constant folding, unary and binary operations, comparisons.
//!
//! Binary operations are compiled in two steps: [`Parser::infix`] runs on
//! the first operand before the second is parsed (putting it in a register
//! unless it is a numeral that may be folded or become an immediate), and
//! [`Parser::posfix`] emits the operation once both are known, choosing
//! among folding, immediate (`ADDI`, `SHRI`, `EQI`, `LTI`...), constant
//! (`ADDK`..., `EQK`) and register forms. Arithmetic is followed by an
//! `MMBIN*` instruction that runs the metamethod when the fast path fails.

use super::code::{fits_c, int2sc, tonumeral};
use super::expdesc::{BinOpr, ExpDesc, ExpKind::*, UnOpr, NO_JUMP};
use super::fold::{self, ArithOp, Num};
use super::{Parser, R};
use crate::bytecode::mm;
use crate::bytecode::*;
use crate::number::float_to_int_exact;

/// Unary operator opcodes.
fn unopr_op(op: UnOpr) -> u8 {
    match op {
        UnOpr::Minus => OP_UNM,
        UnOpr::BNot => OP_BNOT,
        UnOpr::Len => OP_LEN,
        UnOpr::Not => OP_NOT,
    }
}

impl Parser<'_> {
    /// Folds `e1 op e2` into `e1` if both are numerals and the operation is
    /// safe and gives a representable result.
    fn constfolding(&self, op: ArithOp, e1: &mut ExpDesc, e2: &ExpDesc) -> bool {
        let (Some(v1), Some(v2)) = (tonumeral(e1), tonumeral(e2)) else {
            return false;
        };
        if !fold::valid(op, v1, v2) {
            return false;
        }
        match fold::arith(op, v1, v2) {
            Num::Int(i) => e1.k = KInt(i),
            Num::Flt(n) => {
                if n.is_nan() || n == 0.0 {
                    return false;
                }
                e1.k = KFlt(n);
            }
        }
        true
    }

    fn codeunexpval(&mut self, op: u8, e: &mut ExpDesc, line: u32) -> R<()> {
        let r = self.exp2anyreg(e)?;
        self.freeexp(e);
        e.k = Reloc(self.code_abc(op, 0, r, 0));
        self.fixline(line);
        Ok(())
    }

    /// Emits the binary instruction and its metamethod fallback.
    #[allow(clippy::too_many_arguments)]
    fn finishbinexpval(
        &mut self,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        op: u8,
        v2: i32,
        flip: bool,
        line: u32,
        mmop: u8,
        event: u32,
    ) -> R<()> {
        let v1 = self.exp2anyreg(e1)?;
        let pc = self.code_abck(op, 0, v1, v2, false);
        self.freeexps(e1, e2);
        e1.k = Reloc(pc);
        self.fixline(line);
        self.code_abck(mmop, v1, v2, event as i32, flip);
        self.fixline(line);
        Ok(())
    }

    /// Both operands in registers (opcode `op` in `OP_ADD..=OP_SHR`).
    fn codebinexpval(&mut self, op: u8, e1: &mut ExpDesc, e2: &mut ExpDesc, line: u32) -> R<()> {
        let v2 = self.exp2anyreg(e2)?;
        let event = (op - OP_ADD) as u32 + mm::ADD;
        self.finishbinexpval(e1, e2, op, v2, false, line, OP_MMBIN, event)
    }

    /// Immediate second operand.
    fn codebini(
        &mut self,
        op: u8,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        flip: bool,
        line: u32,
        event: u32,
    ) -> R<()> {
        let KInt(i) = e2.k else {
            unreachable!("codebini without an integer")
        };
        self.finishbinexpval(e1, e2, op, int2sc(i), flip, line, OP_MMBINI, event)
    }

    /// Constant second operand (already a K expression).
    fn codebink(
        &mut self,
        opr: BinOpr,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        flip: bool,
        line: u32,
    ) -> R<()> {
        let event = opr.arith_index() as u32 + mm::ADD;
        let op = opr.arith_index() + OP_ADDK;
        self.finishbinexpval(e1, e2, op, e2.info(), flip, line, OP_MMBINK, event)
    }

    /// `e1 op -I` for a small integer constant `e2` (`op` is ADDI or SHRI).
    fn finishbinexpneg(
        &mut self,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        op: u8,
        line: u32,
        event: u32,
    ) -> R<bool> {
        let (KInt(i2), false) = (e2.k, e2.has_jumps()) else {
            return Ok(false);
        };
        if !(fits_c(i2) && fits_c(i2.wrapping_neg())) {
            return Ok(false);
        }
        self.finishbinexpval(e1, e2, op, int2sc(-i2), false, line, OP_MMBINI, event)?;
        let last = self.pc() - 1;
        set_b(self.instr(last), int2sc(i2) as u32);
        Ok(true)
    }

    fn codebin_nok(
        &mut self,
        opr: BinOpr,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        flip: bool,
        line: u32,
    ) -> R<()> {
        if flip {
            std::mem::swap(e1, e2);
        }
        self.codebinexpval(opr.arith_index() + OP_ADD, e1, e2, line)
    }

    fn codearith(
        &mut self,
        opr: BinOpr,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        flip: bool,
        line: u32,
    ) -> R<()> {
        if tonumeral(e2).is_some() && self.exp2k(e2)? {
            self.codebink(opr, e1, e2, flip, line)
        } else {
            self.codebin_nok(opr, e1, e2, flip, line)
        }
    }

    fn codecommutative(
        &mut self,
        opr: BinOpr,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> R<()> {
        let mut flip = false;
        if tonumeral(e1).is_some() {
            std::mem::swap(e1, e2);
            flip = true;
        }
        if opr == BinOpr::Add && is_scint(e2) {
            self.codebini(OP_ADDI, e1, e2, flip, line, mm::ADD)
        } else {
            self.codearith(opr, e1, e2, flip, line)
        }
    }

    fn codebitwise(&mut self, opr: BinOpr, e1: &mut ExpDesc, e2: &mut ExpDesc, line: u32) -> R<()> {
        let mut flip = false;
        if matches!(e1.k, KInt(_)) {
            std::mem::swap(e1, e2);
            flip = true;
        }
        if matches!(e2.k, KInt(_)) && self.exp2k(e2)? {
            self.codebink(opr, e1, e2, flip, line)
        } else {
            self.codebin_nok(opr, e1, e2, flip, line)
        }
    }

    /// `<` / `<=` (`op` is OP_LT or OP_LE), using immediates when possible.
    fn codeorder(&mut self, op: u8, e1: &mut ExpDesc, e2: &mut ExpDesc) -> R<()> {
        let mut isfloat = false;
        let (r1, r2, op) = if let Some(im) = is_scnumber(e2, &mut isfloat) {
            (self.exp2anyreg(e1)?, im, op - OP_LT + OP_LTI)
        } else if let Some(im) = is_scnumber(e1, &mut isfloat) {
            (
                self.exp2anyreg(e2)?,
                im,
                if op == OP_LT { OP_GTI } else { OP_GEI },
            )
        } else {
            let r1 = self.exp2anyreg(e1)?;
            let r2 = self.exp2anyreg(e2)?;
            (r1, r2, op)
        };
        self.freeexps(e1, e2);
        e1.k = Jmp(self.condjump(op, r1, r2, isfloat as i32, true));
        Ok(())
    }

    /// `==` / `~=`.
    fn codeeq(&mut self, opr: BinOpr, e1: &mut ExpDesc, e2: &mut ExpDesc) -> R<()> {
        if !matches!(e1.k, NonReloc(_)) {
            debug_assert!(matches!(e1.k, K(_) | KInt(_) | KFlt(_)));
            std::mem::swap(e1, e2);
        }
        let r1 = self.exp2anyreg(e1)?;
        let mut isfloat = false;
        let (op, r2) = if let Some(im) = is_scnumber(e2, &mut isfloat) {
            (OP_EQI, im)
        } else if self.exp2rk(e2)? {
            (OP_EQK, e2.info())
        } else {
            (OP_EQ, self.exp2anyreg(e2)?)
        };
        self.freeexps(e1, e2);
        e1.k = Jmp(self.condjump(op, r1, r2, isfloat as i32, opr == BinOpr::Eq));
        Ok(())
    }

    /// Applies a unary operator.
    pub(super) fn prefix(&mut self, op: UnOpr, e: &mut ExpDesc, line: u32) -> R<()> {
        self.dischargevars(e);
        let fake = ExpDesc::new(KInt(0));
        match op {
            UnOpr::Minus | UnOpr::BNot => {
                let aop = if op == UnOpr::Minus {
                    ArithOp::Unm
                } else {
                    ArithOp::BNot
                };
                if self.constfolding(aop, e, &fake) {
                    return Ok(());
                }
                self.codeunexpval(unopr_op(op), e, line)
            }
            UnOpr::Len => self.codeunexpval(OP_LEN, e, line),
            UnOpr::Not => self.codenot(e),
        }
    }

    /// Processes the first operand of a binary operator before the second
    /// one is read.
    pub(super) fn infix(&mut self, op: BinOpr, v: &mut ExpDesc) -> R<()> {
        use BinOpr::*;
        self.dischargevars(v);
        match op {
            And => self.goiftrue(v)?,
            Or => self.goiffalse(v)?,
            Concat => self.exp2nextreg(v)?,
            Add | Sub | Mul | Div | IDiv | Mod | Pow | BAnd | BOr | BXor | Shl | Shr => {
                if tonumeral(v).is_none() {
                    self.exp2anyreg(v)?;
                }
            }
            Eq | Ne => {
                if tonumeral(v).is_none() {
                    self.exp2rk(v)?;
                }
            }
            Lt | Le | Gt | Ge => {
                if is_scnumber(v, &mut false).is_none() {
                    self.exp2anyreg(v)?;
                }
            }
        }
        Ok(())
    }

    /// Finishes a binary operation `e1 op e2` into `e1`.
    pub(super) fn posfix(
        &mut self,
        opr: BinOpr,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> R<()> {
        use BinOpr::*;
        self.dischargevars(e2);
        if (opr as u8) <= Shr as u8
            && self.constfolding(ArithOp::from_index(opr.arith_index()), e1, e2)
        {
            return Ok(());
        }
        match opr {
            And => {
                debug_assert_eq!(e1.t, NO_JUMP);
                let mut f = e2.f;
                self.concat(&mut f, e1.f)?;
                e2.f = f;
                *e1 = *e2;
            }
            Or => {
                debug_assert_eq!(e1.f, NO_JUMP);
                let mut t = e2.t;
                self.concat(&mut t, e1.t)?;
                e2.t = t;
                *e1 = *e2;
            }
            Concat => {
                self.exp2nextreg(e2)?;
                self.codeconcat(e1, e2, line);
            }
            Add | Mul => self.codecommutative(opr, e1, e2, line)?,
            Sub => {
                if !self.finishbinexpneg(e1, e2, OP_ADDI, line, mm::SUB)? {
                    self.codearith(opr, e1, e2, false, line)?;
                }
            }
            Div | IDiv | Mod | Pow => self.codearith(opr, e1, e2, false, line)?,
            BAnd | BOr | BXor => self.codebitwise(opr, e1, e2, line)?,
            Shl => {
                if is_scint(e1) {
                    std::mem::swap(e1, e2);
                    self.codebini(OP_SHLI, e1, e2, true, line, mm::SHL)?;
                } else if !self.finishbinexpneg(e1, e2, OP_SHRI, line, mm::SHL)? {
                    self.codebinexpval(OP_SHL, e1, e2, line)?;
                }
            }
            Shr => {
                if is_scint(e2) {
                    self.codebini(OP_SHRI, e1, e2, false, line, mm::SHR)?;
                } else {
                    self.codebinexpval(OP_SHR, e1, e2, line)?;
                }
            }
            Eq | Ne => self.codeeq(opr, e1, e2)?,
            Lt => self.codeorder(OP_LT, e1, e2)?,
            Le => self.codeorder(OP_LE, e1, e2)?,
            Gt | Ge => {
                std::mem::swap(e1, e2);
                self.codeorder(if opr == Gt { OP_LT } else { OP_LE }, e1, e2)?;
            }
        }
        Ok(())
    }

    /// `e1 .. e2` where `e2` is in the register after `e1`'s; merges with a
    /// CONCAT that produced `e2`.
    fn codeconcat(&mut self, e1: &ExpDesc, e2: &ExpDesc, line: u32) {
        if let Some(pp) = self.previous_instruction() {
            let ie2 = self.get_instr(pp);
            if get_op(ie2) == OP_CONCAT {
                let n = get_b(ie2);
                debug_assert_eq!(e1.info() + 1, get_a(ie2) as i32);
                self.freeexp(e2);
                let i = self.instr(pp);
                set_a(i, e1.info() as u32);
                set_b(i, n + 1);
                return;
            }
        }
        self.code_abc(OP_CONCAT, e1.info(), 2, 0);
        self.freeexp(e2);
        self.fixline(line);
    }
}

/// A small integer constant (fits sC).
fn is_scint(e: &ExpDesc) -> bool {
    matches!(e.k, KInt(i) if !e.has_jumps() && fits_c(i))
}

/// A numeral with an integral value fitting an immediate operand; returns
/// the encoded immediate. Sets `isfloat` for float numerals (even when they
/// do not fit, as the reference does).
fn is_scnumber(e: &ExpDesc, isfloat: &mut bool) -> Option<i32> {
    let i = match e.k {
        KInt(i) => i,
        KFlt(f) => match float_to_int_exact(f) {
            Some(i) => {
                *isfloat = true;
                i
            }
            None => return None,
        },
        _ => return None,
    };
    if !e.has_jumps() && fits_c(i) {
        Some(int2sc(i))
    } else {
        None
    }
}
