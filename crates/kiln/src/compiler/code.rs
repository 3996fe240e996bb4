//! Code generation: instruction emission, jump lists, registers, constants,
//! discharging expressions, operators and the final fix-up pass.
//!
//! Everything here works on the current function (`Parser::fs`).
//!
//! Jump lists: a pending jump's sJ field holds the offset to the next jump
//! of the same list (`NO_JUMP` ends the list), so lists cost no memory and
//! are patched in place when the target is known.

use super::expdesc::{ExpDesc, ExpKind, ExpKind::*, NO_JUMP};
use super::fold::Num;
use super::{ConstVal, KKey, Parser, StrId, MAX_SHORT_LEN, R};
use crate::bytecode::*;
use crate::number::float_to_int_exact;

/// Maximum number of registers of a function.
const MAXREGS: i32 = 255;
/// Largest constant index usable as an RK operand.
const MAXINDEXRK: i32 = MAXARG_B as i32;
/// "No register" for `patchtestreg`.
const NOREG: i32 = NO_REG as i32;
/// Number of results meaning "all of them".
pub(super) const MULTRET: i32 = -1;

/// Whether `i` fits a signed 8-bit immediate (sB/sC).
pub(super) fn fits_c(i: i64) -> bool {
    (i as u64).wrapping_add(OFFSET_SC as u64) <= MAXARG_C as u64
}

/// Whether `i` fits the sBx field.
fn fits_bx(i: i64) -> bool {
    -(OFFSET_SBX as i64) <= i && i <= MAXARG_BX as i64 - OFFSET_SBX as i64
}

/// Encodes a signed immediate.
pub(super) fn int2sc(i: i64) -> i32 {
    i as i32 + OFFSET_SC
}

/// The numeric value of a constant expression without jumps.
pub(super) fn tonumeral(e: &ExpDesc) -> Option<Num> {
    if e.has_jumps() {
        return None;
    }
    match e.k {
        KInt(i) => Some(Num::Int(i)),
        KFlt(f) => Some(Num::Flt(f)),
        _ => None,
    }
}

/// Cache key of a float constant. Integral floats get a perturbed key so
/// that they do not collide with the equal integer (the reference uses a
/// table whose integral float keys are normalized to integers).
fn float_key(r: f64) -> KKey {
    match float_to_int_exact(r) {
        None => KKey::Flt(r.to_bits()),
        Some(ik) => {
            let q = 2f64.powi(-52);
            let k = if ik == 0 { q } else { r + r * q };
            match float_to_int_exact(k) {
                Some(i) => KKey::Int(i),
                None => KKey::Flt(k.to_bits()),
            }
        }
    }
}

/// Same value and same variant (integers and floats differ).
fn same_constant(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::Nil, Constant::Nil) => true,
        (Constant::Bool(x), Constant::Bool(y)) => x == y,
        (Constant::Int(x), Constant::Int(y)) => x == y,
        (Constant::Float(x), Constant::Float(y)) => x == y,
        (Constant::Str(x), Constant::Str(y)) => x == y,
        _ => false,
    }
}

impl Parser<'_> {
    // ----------------------------------------------------------------
    // Emission
    // ----------------------------------------------------------------

    /// Number of instructions emitted so far in the current function.
    pub(super) fn pc(&self) -> i32 {
        self.fsr().f.code.len() as i32
    }

    /// Emits an instruction with the line of the last token read.
    pub(super) fn code(&mut self, i: u32) -> i32 {
        let line = self.lex.lastline;
        let f = &mut self.fs().f;
        f.code.push(i);
        f.lineinfo.push(line);
        f.code.len() as i32 - 1
    }

    pub(super) fn code_abck(&mut self, op: u8, a: i32, b: i32, c: i32, k: bool) -> i32 {
        debug_assert!((0..=255).contains(&a) && (0..=255).contains(&b) && (0..=255).contains(&c));
        self.code(create_abck(op, a as u32, b as u32, c as u32, k))
    }

    pub(super) fn code_abc(&mut self, op: u8, a: i32, b: i32, c: i32) -> i32 {
        self.code_abck(op, a, b, c, false)
    }

    pub(super) fn code_abx(&mut self, op: u8, a: i32, bx: u32) -> i32 {
        self.code(create_abx(op, a as u32, bx))
    }

    fn code_asbx(&mut self, op: u8, a: i32, sbx: i32) -> i32 {
        self.code(create_abx(op, a as u32, (sbx + OFFSET_SBX) as u32))
    }

    fn code_extraarg(&mut self, a: u32) -> i32 {
        self.code(create_ax(OP_EXTRAARG, a))
    }

    /// Loads constant `k` into `reg`.
    fn codek(&mut self, reg: i32, k: i32) -> i32 {
        if k as u32 <= MAXARG_BX {
            self.code_abx(OP_LOADK, reg, k as u32)
        } else {
            let p = self.code_abx(OP_LOADKX, reg, 0);
            self.code_extraarg(k as u32);
            p
        }
    }

    /// Changes the line of the last instruction.
    pub(super) fn fixline(&mut self, line: u32) {
        if let Some(l) = self.fs().f.lineinfo.last_mut() {
            *l = line;
        }
    }

    fn remove_last_instruction(&mut self) {
        let f = &mut self.fs().f;
        f.code.pop();
        f.lineinfo.pop();
    }

    pub(super) fn instr(&mut self, pc: i32) -> &mut u32 {
        &mut self.fs().f.code[pc as usize]
    }

    pub(super) fn get_instr(&self, pc: i32) -> u32 {
        self.fsr().f.code[pc as usize]
    }

    /// The previous instruction, if it is not a jump target (so it may be
    /// merged with the next one).
    pub(super) fn previous_instruction(&self) -> Option<i32> {
        let pc = self.pc();
        if pc > self.fsr().lasttarget {
            Some(pc - 1)
        } else {
            None
        }
    }

    /// Sets registers `from..from+n` to nil, merging with a previous LOADNIL.
    pub(super) fn nil(&mut self, from: i32, n: i32) {
        let mut from = from;
        let mut l = from + n - 1;
        if let Some(pp) = self.previous_instruction() {
            let prev = self.get_instr(pp);
            if get_op(prev) == OP_LOADNIL {
                let pfrom = get_a(prev) as i32;
                let pl = pfrom + get_b(prev) as i32;
                if (pfrom <= from && from <= pl + 1) || (from <= pfrom && pfrom <= l + 1) {
                    from = from.min(pfrom);
                    l = l.max(pl);
                    let i = self.instr(pp);
                    set_a(i, from as u32);
                    set_b(i, (l - from) as u32);
                    return;
                }
            }
        }
        self.code_abc(OP_LOADNIL, from, n - 1, 0);
    }

    // ----------------------------------------------------------------
    // Jumps
    // ----------------------------------------------------------------

    /// Destination of the jump at `pc`, or NO_JUMP at the end of a list.
    fn getjump(&self, pc: i32) -> i32 {
        let offset = get_sj(self.get_instr(pc));
        if offset == NO_JUMP {
            NO_JUMP
        } else {
            pc + 1 + offset
        }
    }

    fn fixjump(&mut self, pc: i32, dest: i32) -> R<()> {
        let offset = dest - (pc + 1);
        if !(-OFFSET_SJ <= offset && offset <= MAXARG_AX as i32 - OFFSET_SJ) {
            return Err(self.err_near("control structure too long"));
        }
        set_sj(self.instr(pc), offset);
        Ok(())
    }

    /// Appends list `l2` to list `l1`.
    pub(super) fn concat(&mut self, l1: &mut i32, l2: i32) -> R<()> {
        if l2 == NO_JUMP {
            return Ok(());
        }
        if *l1 == NO_JUMP {
            *l1 = l2;
            return Ok(());
        }
        let mut list = *l1;
        loop {
            let next = self.getjump(list);
            if next == NO_JUMP {
                break;
            }
            list = next;
        }
        self.fixjump(list, l2)
    }

    /// Emits a jump to be patched later.
    pub(super) fn jump(&mut self) -> i32 {
        self.code(create_sj(OP_JMP, NO_JUMP, false))
    }

    /// Emits a return of `nret` values starting at `first`.
    pub(super) fn ret(&mut self, first: i32, nret: i32) {
        let op = match nret {
            0 => OP_RETURN0,
            1 => OP_RETURN1,
            _ => OP_RETURN,
        };
        self.code_abc(op, first, nret + 1, 0);
    }

    pub(super) fn condjump(&mut self, op: u8, a: i32, b: i32, c: i32, k: bool) -> i32 {
        self.code_abck(op, a, b, c, k);
        self.jump()
    }

    /// Marks the current position as a jump target and returns it.
    pub(super) fn getlabel(&mut self) -> i32 {
        let pc = self.pc();
        self.fs().lasttarget = pc;
        pc
    }

    /// The instruction controlling the jump at `pc` (its test, if any).
    fn getjumpcontrol(&self, pc: i32) -> i32 {
        if pc >= 1 && is_test_op(get_op(self.get_instr(pc - 1))) {
            pc - 1
        } else {
            pc
        }
    }

    /// Makes the TESTSET controlling jump `node` store into `reg` (or turns
    /// it into a TEST when no value is needed). False if the control is not
    /// a TESTSET.
    fn patchtestreg(&mut self, node: i32, reg: i32) -> bool {
        let ip = self.getjumpcontrol(node);
        let i = self.get_instr(ip);
        if get_op(i) != OP_TESTSET {
            return false;
        }
        if reg != NOREG && reg != get_b(i) as i32 {
            set_a(self.instr(ip), reg as u32);
        } else {
            *self.instr(ip) = create_abck(OP_TEST, get_b(i), 0, 0, get_k(i));
        }
        true
    }

    /// Drops the values of all tests in a list.
    fn removevalues(&mut self, mut list: i32) {
        while list != NO_JUMP {
            self.patchtestreg(list, NOREG);
            list = self.getjump(list);
        }
    }

    /// Patches a list: tests producing values go to `vtarget` (storing into
    /// `reg`), the others to `dtarget`.
    fn patchlistaux(&mut self, mut list: i32, vtarget: i32, reg: i32, dtarget: i32) -> R<()> {
        while list != NO_JUMP {
            let next = self.getjump(list);
            if self.patchtestreg(list, reg) {
                self.fixjump(list, vtarget)?;
            } else {
                self.fixjump(list, dtarget)?;
            }
            list = next;
        }
        Ok(())
    }

    /// Makes all jumps of `list` go to `target`.
    pub(super) fn patchlist(&mut self, list: i32, target: i32) -> R<()> {
        self.patchlistaux(list, target, NOREG, target)
    }

    /// Makes all jumps of `list` go to the current position.
    pub(super) fn patchtohere(&mut self, list: i32) -> R<()> {
        let hr = self.getlabel();
        self.patchlist(list, hr)
    }

    // ----------------------------------------------------------------
    // Registers
    // ----------------------------------------------------------------

    /// Ensures `n` more registers above `freereg` fit.
    pub(super) fn checkstack(&mut self, n: i32) -> R<()> {
        let newstack = self.fsr().freereg + n;
        if newstack > self.fsr().f.maxstack as i32 {
            if newstack >= MAXREGS {
                return Err(self.err_near("function or expression needs too many registers"));
            }
            self.fs().f.maxstack = newstack as u8;
        }
        Ok(())
    }

    /// Reserves `n` registers.
    pub(super) fn reserveregs(&mut self, n: i32) -> R<()> {
        self.checkstack(n)?;
        self.fs().freereg += n;
        Ok(())
    }

    /// Frees a temporary register (registers of locals are never freed).
    fn freereg(&mut self, reg: i32) {
        if reg >= self.nvarstack() {
            self.fs().freereg -= 1;
            debug_assert_eq!(reg, self.fsr().freereg, "registers freed out of order");
        }
    }

    fn freeregs(&mut self, r1: i32, r2: i32) {
        if r1 > r2 {
            self.freereg(r1);
            self.freereg(r2);
        } else {
            self.freereg(r2);
            self.freereg(r1);
        }
    }

    pub(super) fn freeexp(&mut self, e: &ExpDesc) {
        if let NonReloc(r) = e.k {
            self.freereg(r);
        }
    }

    pub(super) fn freeexps(&mut self, e1: &ExpDesc, e2: &ExpDesc) {
        let r1 = if let NonReloc(r) = e1.k { r } else { -1 };
        let r2 = if let NonReloc(r) = e2.k { r } else { -1 };
        self.freeregs(r1, r2);
    }

    // ----------------------------------------------------------------
    // Constants
    // ----------------------------------------------------------------

    fn addk(&mut self, key: KKey, v: Constant) -> R<i32> {
        if let Some(&idx) = self.kcache.get(&key) {
            let k = &self.fsr().f.k;
            if (idx as usize) < k.len() && same_constant(&k[idx as usize], &v) {
                return Ok(idx);
            }
        }
        let n = self.fsr().f.k.len();
        if n >= MAXARG_AX as usize {
            return Err(Self::raw_error(&format!(
                "too many constants (limit is {MAXARG_AX})"
            )));
        }
        self.fs().f.k.push(v);
        self.kcache.insert(key, n as i32);
        Ok(n as i32)
    }

    pub(super) fn string_k(&mut self, s: StrId) -> R<i32> {
        let v = Constant::Str(self.strs.get(s).clone());
        self.addk(KKey::Str(s), v)
    }

    fn int_k(&mut self, i: i64) -> R<i32> {
        self.addk(KKey::Int(i), Constant::Int(i))
    }

    fn number_k(&mut self, r: f64) -> R<i32> {
        self.addk(float_key(r), Constant::Float(r))
    }

    fn bool_k(&mut self, b: bool) -> R<i32> {
        self.addk(KKey::Bool(b), Constant::Bool(b))
    }

    fn nil_k(&mut self) -> R<i32> {
        self.addk(KKey::Nil, Constant::Nil)
    }

    /// Loads integer `i` into `reg`.
    pub(super) fn int(&mut self, reg: i32, i: i64) -> R<()> {
        if fits_bx(i) {
            self.code_asbx(OP_LOADI, reg, i as i32);
        } else {
            let k = self.int_k(i)?;
            self.codek(reg, k);
        }
        Ok(())
    }

    fn float(&mut self, reg: i32, f: f64) -> R<()> {
        match float_to_int_exact(f) {
            Some(fi) if fits_bx(fi) => {
                self.code_asbx(OP_LOADF, reg, fi as i32);
            }
            _ => {
                let k = self.number_k(f)?;
                self.codek(reg, k);
            }
        }
        Ok(())
    }

    /// The compile-time value of an expression, if it has one.
    pub(super) fn exp2const(&self, e: &ExpDesc) -> Option<ConstVal> {
        if e.has_jumps() {
            return None;
        }
        match e.k {
            False => Some(ConstVal::Bool(false)),
            True => Some(ConstVal::Bool(true)),
            Nil => Some(ConstVal::Nil),
            KStr(s) => Some(ConstVal::Str(s)),
            Const(i) => Some(self.actvar[i as usize].k),
            KInt(i) => Some(ConstVal::Int(i)),
            KFlt(f) => Some(ConstVal::Flt(f)),
            _ => None,
        }
    }

    fn const2exp(v: ConstVal) -> ExpKind {
        match v {
            ConstVal::Int(i) => KInt(i),
            ConstVal::Flt(f) => KFlt(f),
            ConstVal::Bool(false) => False,
            ConstVal::Bool(true) => True,
            ConstVal::Nil => Nil,
            ConstVal::Str(s) => KStr(s),
        }
    }

    // ----------------------------------------------------------------
    // Discharging expressions
    // ----------------------------------------------------------------

    /// Fixes the number of results of an open call or vararg.
    pub(super) fn setreturns(&mut self, e: &mut ExpDesc, nresults: i32) -> R<()> {
        match e.k {
            Call(pc) => set_c(self.instr(pc), (nresults + 1) as u32),
            Vararg(pc) => {
                let fr = self.fsr().freereg;
                let i = self.instr(pc);
                set_c(i, (nresults + 1) as u32);
                set_a(i, fr as u32);
                self.reserveregs(1)?;
            }
            _ => unreachable!("setreturns on a single-value expression"),
        }
        Ok(())
    }

    pub(super) fn setmultret(&mut self, e: &mut ExpDesc) -> R<()> {
        self.setreturns(e, MULTRET)
    }

    fn str2k(&mut self, e: &mut ExpDesc) -> R<()> {
        if let KStr(s) = e.k {
            e.k = K(self.string_k(s)?);
        }
        Ok(())
    }

    /// Adjusts an open call/vararg to produce one value.
    pub(super) fn setoneret(&mut self, e: &mut ExpDesc) {
        match e.k {
            Call(pc) => {
                debug_assert_eq!(get_c(self.get_instr(pc)), 2);
                e.k = NonReloc(get_a(self.get_instr(pc)) as i32);
            }
            Vararg(pc) => {
                set_c(self.instr(pc), 2);
                e.k = Reloc(pc);
            }
            _ => {}
        }
    }

    /// Turns a variable into a value (emitting the load if needed).
    pub(super) fn dischargevars(&mut self, e: &mut ExpDesc) {
        match e.k {
            Const(i) => e.k = Self::const2exp(self.actvar[i as usize].k),
            Local { ridx, .. } => e.k = NonReloc(ridx),
            Upval(u) => e.k = Reloc(self.code_abc(OP_GETUPVAL, 0, u, 0)),
            IndexUp { t, idx } => e.k = Reloc(self.code_abc(OP_GETTABUP, 0, t, idx)),
            IndexI { t, idx } => {
                self.freereg(t);
                e.k = Reloc(self.code_abc(OP_GETI, 0, t, idx));
            }
            IndexStr { t, idx } => {
                self.freereg(t);
                e.k = Reloc(self.code_abc(OP_GETFIELD, 0, t, idx));
            }
            Indexed { t, idx } => {
                self.freeregs(t, idx);
                e.k = Reloc(self.code_abc(OP_GETTABLE, 0, t, idx));
            }
            Vararg(_) | Call(_) => self.setoneret(e),
            _ => {}
        }
    }

    /// Puts the value of `e` into `reg` (jumps aside).
    fn discharge2reg(&mut self, e: &mut ExpDesc, reg: i32) -> R<()> {
        self.dischargevars(e);
        match e.k {
            Nil => self.nil(reg, 1),
            False => {
                self.code_abc(OP_LOADFALSE, reg, 0, 0);
            }
            True => {
                self.code_abc(OP_LOADTRUE, reg, 0, 0);
            }
            KStr(_) => {
                self.str2k(e)?;
                self.codek(reg, e.info());
            }
            K(k) => {
                self.codek(reg, k);
            }
            KFlt(f) => self.float(reg, f)?,
            KInt(i) => self.int(reg, i)?,
            Reloc(pc) => set_a(self.instr(pc), reg as u32),
            NonReloc(r) => {
                if r != reg {
                    self.code_abc(OP_MOVE, reg, r, 0);
                }
            }
            _ => {
                debug_assert!(matches!(e.k, Jmp(_)));
                return Ok(());
            }
        }
        e.k = NonReloc(reg);
        Ok(())
    }

    fn discharge2anyreg(&mut self, e: &mut ExpDesc) -> R<()> {
        if !matches!(e.k, NonReloc(_)) {
            self.reserveregs(1)?;
            let r = self.fsr().freereg - 1;
            self.discharge2reg(e, r)?;
        }
        Ok(())
    }

    fn code_loadbool(&mut self, a: i32, op: u8) -> i32 {
        self.getlabel();
        self.code_abc(op, a, 0, 0)
    }

    /// Whether some jump in the list needs to produce a value (is not a TESTSET).
    fn need_value(&self, mut list: i32) -> bool {
        while list != NO_JUMP {
            let i = self.get_instr(self.getjumpcontrol(list));
            if get_op(i) != OP_TESTSET {
                return true;
            }
            list = self.getjump(list);
        }
        false
    }

    /// Puts the final value of `e` (including its jump lists) into `reg`.
    fn exp2reg(&mut self, e: &mut ExpDesc, reg: i32) -> R<()> {
        self.discharge2reg(e, reg)?;
        if let Jmp(pc) = e.k {
            let mut t = e.t;
            self.concat(&mut t, pc)?;
            e.t = t;
        }
        if e.has_jumps() {
            let mut p_f = NO_JUMP;
            let mut p_t = NO_JUMP;
            if self.need_value(e.t) || self.need_value(e.f) {
                let fj = if matches!(e.k, Jmp(_)) {
                    NO_JUMP
                } else {
                    self.jump()
                };
                p_f = self.code_loadbool(reg, OP_LFALSESKIP);
                p_t = self.code_loadbool(reg, OP_LOADTRUE);
                self.patchtohere(fj)?;
            }
            let fin = self.getlabel();
            self.patchlistaux(e.f, fin, reg, p_f)?;
            self.patchlistaux(e.t, fin, reg, p_t)?;
        }
        e.t = NO_JUMP;
        e.f = NO_JUMP;
        e.k = NonReloc(reg);
        Ok(())
    }

    /// Puts `e` in the next free register.
    pub(super) fn exp2nextreg(&mut self, e: &mut ExpDesc) -> R<()> {
        self.dischargevars(e);
        self.freeexp(e);
        self.reserveregs(1)?;
        let r = self.fsr().freereg - 1;
        self.exp2reg(e, r)
    }

    /// Puts `e` in some register and returns it.
    pub(super) fn exp2anyreg(&mut self, e: &mut ExpDesc) -> R<i32> {
        self.dischargevars(e);
        if let NonReloc(r) = e.k {
            if !e.has_jumps() {
                return Ok(r);
            }
            if r >= self.nvarstack() {
                self.exp2reg(e, r)?;
                return Ok(r);
            }
        }
        self.exp2nextreg(e)?;
        Ok(e.info())
    }

    /// Puts `e` in a register unless it is an upvalue.
    pub(super) fn exp2anyregup(&mut self, e: &mut ExpDesc) -> R<()> {
        if !matches!(e.k, Upval(_)) || e.has_jumps() {
            self.exp2anyreg(e)?;
        }
        Ok(())
    }

    /// Makes `e` a value: in a register, or a constant.
    pub(super) fn exp2val(&mut self, e: &mut ExpDesc) -> R<()> {
        if e.has_jumps() {
            self.exp2anyreg(e)?;
        } else {
            self.dischargevars(e);
        }
        Ok(())
    }

    /// Makes a constant expression a K expression if its index fits an
    /// RK operand.
    pub(super) fn exp2k(&mut self, e: &mut ExpDesc) -> R<bool> {
        if !e.has_jumps() {
            let info = match e.k {
                True => self.bool_k(true)?,
                False => self.bool_k(false)?,
                Nil => self.nil_k()?,
                KInt(i) => self.int_k(i)?,
                KFlt(f) => self.number_k(f)?,
                KStr(s) => self.string_k(s)?,
                K(i) => i,
                _ => return Ok(false),
            };
            if info <= MAXINDEXRK {
                e.k = K(info);
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Makes `e` a K operand or puts it in a register. True for K.
    pub(super) fn exp2rk(&mut self, e: &mut ExpDesc) -> R<bool> {
        if self.exp2k(e)? {
            Ok(true)
        } else {
            self.exp2anyreg(e)?;
            Ok(false)
        }
    }

    fn code_abrk(&mut self, op: u8, a: i32, b: i32, ec: &mut ExpDesc) -> R<()> {
        let k = self.exp2rk(ec)?;
        self.code_abck(op, a, b, ec.info(), k);
        Ok(())
    }

    /// Generates `var = ex`.
    pub(super) fn storevar(&mut self, var: &ExpDesc, ex: &mut ExpDesc) -> R<()> {
        match var.k {
            Local { ridx, .. } => {
                self.freeexp(ex);
                return self.exp2reg(ex, ridx);
            }
            Upval(u) => {
                let e = self.exp2anyreg(ex)?;
                self.code_abc(OP_SETUPVAL, e, u, 0);
            }
            IndexUp { t, idx } => self.code_abrk(OP_SETTABUP, t, idx, ex)?,
            IndexI { t, idx } => self.code_abrk(OP_SETI, t, idx, ex)?,
            IndexStr { t, idx } => self.code_abrk(OP_SETFIELD, t, idx, ex)?,
            Indexed { t, idx } => self.code_abrk(OP_SETTABLE, t, idx, ex)?,
            k => unreachable!("invalid assignment target {k:?}"),
        }
        self.freeexp(ex);
        Ok(())
    }

    /// Emits `SELF` for `e:key(...)`.
    pub(super) fn self_op(&mut self, e: &mut ExpDesc, key: &mut ExpDesc) -> R<()> {
        self.exp2anyreg(e)?;
        let ereg = e.info();
        self.freeexp(e);
        let base = self.fsr().freereg;
        e.k = NonReloc(base);
        self.reserveregs(2)?;
        self.code_abrk(OP_SELF, base, ereg, key)?;
        self.freeexp(key);
        Ok(())
    }

    // ----------------------------------------------------------------
    // Conditionals
    // ----------------------------------------------------------------

    fn negatecondition(&mut self, e: &ExpDesc) {
        let pc = self.getjumpcontrol(e.info());
        let i = self.instr(pc);
        debug_assert!(is_test_op(get_op(*i)) && get_op(*i) != OP_TESTSET && get_op(*i) != OP_TEST);
        let k = get_k(*i);
        set_k(i, !k);
    }

    /// Emits a jump taken when `e` is `cond`; returns its pc.
    fn jumponcond(&mut self, e: &mut ExpDesc, cond: bool) -> R<i32> {
        if let Reloc(pc) = e.k {
            let ie = self.get_instr(pc);
            if get_op(ie) == OP_NOT {
                self.remove_last_instruction();
                return Ok(self.condjump(OP_TEST, get_b(ie) as i32, 0, 0, !cond));
            }
        }
        self.discharge2anyreg(e)?;
        self.freeexp(e);
        Ok(self.condjump(OP_TESTSET, NOREG, e.info(), 0, cond))
    }

    /// Falls through when `e` is true, jumps (via `e.f`) when false.
    pub(super) fn goiftrue(&mut self, e: &mut ExpDesc) -> R<()> {
        self.dischargevars(e);
        let pc = match e.k {
            Jmp(pc) => {
                self.negatecondition(e);
                pc
            }
            K(_) | KFlt(_) | KInt(_) | KStr(_) | True => NO_JUMP,
            _ => self.jumponcond(e, false)?,
        };
        let mut f = e.f;
        self.concat(&mut f, pc)?;
        e.f = f;
        self.patchtohere(e.t)?;
        e.t = NO_JUMP;
        Ok(())
    }

    /// Falls through when `e` is false, jumps (via `e.t`) when true.
    pub(super) fn goiffalse(&mut self, e: &mut ExpDesc) -> R<()> {
        self.dischargevars(e);
        let pc = match e.k {
            Jmp(pc) => pc,
            Nil | False => NO_JUMP,
            _ => self.jumponcond(e, true)?,
        };
        let mut t = e.t;
        self.concat(&mut t, pc)?;
        e.t = t;
        self.patchtohere(e.f)?;
        e.f = NO_JUMP;
        Ok(())
    }

    pub(super) fn codenot(&mut self, e: &mut ExpDesc) -> R<()> {
        match e.k {
            Nil | False => e.k = True,
            K(_) | KFlt(_) | KInt(_) | KStr(_) | True => e.k = False,
            Jmp(_) => self.negatecondition(e),
            Reloc(_) | NonReloc(_) => {
                self.discharge2anyreg(e)?;
                self.freeexp(e);
                e.k = Reloc(self.code_abc(OP_NOT, 0, e.info(), 0));
            }
            k => unreachable!("cannot negate {k:?}"),
        }
        std::mem::swap(&mut e.f, &mut e.t);
        self.removevalues(e.f);
        self.removevalues(e.t);
        Ok(())
    }

    // ----------------------------------------------------------------
    // Indexing
    // ----------------------------------------------------------------

    /// A constant-table string usable as a K operand of field accesses.
    fn is_kstr(&self, e: &ExpDesc) -> bool {
        match e.k {
            K(i) if !e.has_jumps() && i <= MAXARG_B as i32 => {
                matches!(&self.fsr().f.k[i as usize], Constant::Str(s) if s.len() <= MAX_SHORT_LEN)
            }
            _ => false,
        }
    }

    /// Makes `t` the table access `t[k]`.
    pub(super) fn indexed(&mut self, t: &mut ExpDesc, k: &mut ExpDesc) -> R<()> {
        if matches!(k.k, KStr(_)) {
            self.str2k(k)?;
        }
        debug_assert!(!t.has_jumps() && matches!(t.k, Local { .. } | NonReloc(_) | Upval(_)));
        if matches!(t.k, Upval(_)) && !self.is_kstr(k) {
            self.exp2anyreg(t)?;
        }
        if let Upval(u) = t.k {
            t.k = IndexUp {
                t: u,
                idx: k.info(),
            };
        } else {
            let treg = match t.k {
                Local { ridx, .. } => ridx,
                _ => t.info(),
            };
            if self.is_kstr(k) {
                t.k = IndexStr {
                    t: treg,
                    idx: k.info(),
                };
            } else if let (KInt(i), false) = (k.k, k.has_jumps()) {
                if (i as u64) <= MAXARG_C as u64 {
                    t.k = IndexI {
                        t: treg,
                        idx: i as i32,
                    };
                } else {
                    let r = self.exp2anyreg(k)?;
                    t.k = Indexed { t: treg, idx: r };
                }
            } else {
                let r = self.exp2anyreg(k)?;
                t.k = Indexed { t: treg, idx: r };
            }
        }
        Ok(())
    }

    // ----------------------------------------------------------------
    // Tables and the final pass
    // ----------------------------------------------------------------

    /// Fills in the NEWTABLE at `pc` (and its EXTRAARG) with the sizes.
    pub(super) fn settablesize(&mut self, pc: i32, ra: i32, asize: i32, hsize: i32) {
        let rb = if hsize != 0 {
            ceil_log2(hsize as u32) + 1
        } else {
            0
        };
        let extra = asize as u32 / (MAXARG_C + 1);
        let rc = asize as u32 % (MAXARG_C + 1);
        *self.instr(pc) = create_abck(OP_NEWTABLE, ra as u32, rb, rc, extra > 0);
        *self.instr(pc + 1) = create_ax(OP_EXTRAARG, extra);
    }

    /// Stores `tostore` pending list items (MULTRET: up to the top) into the
    /// table at `base`, after `nelems` already stored.
    pub(super) fn setlist(&mut self, base: i32, nelems: i32, tostore: i32) {
        let tostore = if tostore == MULTRET { 0 } else { tostore };
        if nelems <= MAXARG_C as i32 {
            self.code_abc(OP_SETLIST, base, tostore, nelems);
        } else {
            let extra = nelems as u32 / (MAXARG_C + 1);
            let rest = nelems as u32 % (MAXARG_C + 1);
            self.code_abck(OP_SETLIST, base, tostore, rest as i32, true);
            self.code_extraarg(extra);
        }
        self.fs().freereg = base + 1;
    }

    /// Final pass over a finished function: return forms that must close
    /// upvalues or restore varargs, and jumps to jumps.
    pub(super) fn finish(&mut self) -> R<()> {
        let (needclose, is_vararg, np) = {
            let fs = self.fsr();
            (fs.needclose, fs.f.is_vararg, fs.f.numparams as u32)
        };
        for i in 0..self.pc() {
            let ins = self.get_instr(i);
            match get_op(ins) {
                op @ (OP_RETURN0 | OP_RETURN1 | OP_RETURN | OP_TAILCALL) => {
                    if matches!(op, OP_RETURN0 | OP_RETURN1) {
                        if !(needclose || is_vararg) {
                            continue;
                        }
                        set_op(self.instr(i), OP_RETURN);
                    }
                    if needclose {
                        set_k(self.instr(i), true);
                    }
                    if is_vararg {
                        set_c(self.instr(i), np + 1);
                    }
                }
                OP_JMP => {
                    let target = self.finaltarget(i);
                    self.fixjump(i, target)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Final destination of a chain of jumps starting at `i`.
    fn finaltarget(&self, mut i: i32) -> i32 {
        let code = &self.fsr().f.code;
        for _ in 0..100 {
            let ins = code[i as usize];
            if get_op(ins) != OP_JMP {
                break;
            }
            i += get_sj(ins) + 1;
        }
        i
    }
}

/// `ceil(log2(x))` for `x >= 1`.
fn ceil_log2(x: u32) -> u32 {
    32 - (x - 1).leading_zeros()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn immediates() {
        assert!(fits_c(127) && fits_c(-127) && fits_c(128) && !fits_c(-128) && !fits_c(129));
        assert!(fits_bx(65536) && fits_bx(-65535) && !fits_bx(65537) && !fits_bx(-65536));
        assert_eq!(ceil_log2(1), 0);
        assert_eq!(ceil_log2(2), 1);
        assert_eq!(ceil_log2(3), 2);
        assert_eq!(ceil_log2(4), 2);
        assert_eq!(ceil_log2(5), 3);
    }

    #[test]
    fn float_keys() {
        assert_ne!(float_key(1.0), KKey::Int(1));
        assert_eq!(float_key(0.0), float_key(-0.0));
        assert_eq!(float_key(0.5), KKey::Flt(0.5f64.to_bits()));
    }
}
