//! The recursive-descent grammar: token helpers and statements (expressions
//! are in `expr.rs`).
//!
//! Each syntactic nesting level (statement, subexpression, extra assignment
//! target) is counted by `enter_level` so that deep nesting is a compile
//! error instead of a native stack overflow. Functions here keep their
//! frames small: big state lives in `Parser`, not on the stack.

use super::code::MULTRET;
use super::expdesc::{ExpDesc, ExpKind, NO_JUMP};
use super::{vd, Parser, StrId, R};
use crate::bytecode::*;
use crate::syntax::lexer::Tok;
use std::rc::Rc;

/// A token that ends a block.
fn block_follow(t: &Tok, withuntil: bool) -> bool {
    match t {
        Tok::Else | Tok::Elseif | Tok::End | Tok::Eof => true,
        Tok::Until => withuntil,
        _ => false,
    }
}

impl Parser<'_> {
    // ----------------------------------------------------------------
    // Token helpers
    // ----------------------------------------------------------------

    pub(super) fn is(&self, c: u8) -> bool {
        self.lex.tok == Tok::Char(c)
    }

    fn testnext(&mut self, t: &Tok) -> R<bool> {
        if self.lex.tok == *t {
            self.lex.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    pub(super) fn testnext_c(&mut self, c: u8) -> R<bool> {
        self.testnext(&Tok::Char(c))
    }

    fn error_expected(&self, t: &Tok) -> super::Error {
        self.err_near(&format!("{} expected", t.quoted()))
    }

    pub(super) fn check(&self, t: &Tok) -> R<()> {
        if self.lex.tok != *t {
            return Err(self.error_expected(t));
        }
        Ok(())
    }

    fn checknext(&mut self, t: &Tok) -> R<()> {
        self.check(t)?;
        Ok(self.lex.next()?)
    }

    pub(super) fn checknext_c(&mut self, c: u8) -> R<()> {
        self.checknext(&Tok::Char(c))
    }

    /// Expects `what` closing `who` opened at line `wh`.
    pub(super) fn check_match(&mut self, what: &Tok, who: &Tok, wh: u32) -> R<()> {
        if !self.testnext(what)? {
            if wh == self.lex.line {
                return Err(self.error_expected(what));
            }
            return Err(self.err_near(&format!(
                "{} expected (to close {} at line {wh})",
                what.quoted(),
                who.quoted()
            )));
        }
        Ok(())
    }

    pub(super) fn str_checkname(&mut self) -> R<StrId> {
        let id = match &self.lex.tok {
            Tok::Name(n) => {
                let n = n.clone();
                self.strs.intern(n.as_bytes())
            }
            _ => return Err(self.error_expected(&Tok::Name(Rc::from("")))),
        };
        self.lex.next()?;
        Ok(id)
    }

    pub(super) fn codename(&mut self) -> R<ExpDesc> {
        Ok(ExpDesc::new(ExpKind::KStr(self.str_checkname()?)))
    }

    // ----------------------------------------------------------------
    // Statements
    // ----------------------------------------------------------------

    /// statlist -> { stat [';'] }
    pub(super) fn statlist(&mut self) -> R<()> {
        while !block_follow(&self.lex.tok, true) {
            if self.lex.tok == Tok::Return {
                return self.statement();
            }
            self.statement()?;
        }
        Ok(())
    }

    fn block(&mut self) -> R<()> {
        self.enterblock(false);
        self.statlist()?;
        self.leaveblock()
    }

    fn statement(&mut self) -> R<()> {
        let line = self.lex.line;
        self.enter_level()?;
        match self.lex.tok {
            Tok::Char(b';') => self.lex.next()?,
            Tok::If => self.ifstat(line)?,
            Tok::While => self.whilestat(line)?,
            Tok::Do => {
                self.lex.next()?;
                self.block()?;
                self.check_match(&Tok::End, &Tok::Do, line)?;
            }
            Tok::For => self.forstat(line)?,
            Tok::Repeat => self.repeatstat(line)?,
            Tok::Function => self.funcstat(line)?,
            Tok::Local => {
                self.lex.next()?;
                if self.testnext(&Tok::Function)? {
                    self.localfunc()?;
                } else {
                    self.localstat()?;
                }
            }
            Tok::DbColon => {
                self.lex.next()?;
                let name = self.str_checkname()?;
                self.labelstat(name, line)?;
            }
            Tok::Return => {
                self.lex.next()?;
                self.retstat()?;
            }
            Tok::Break => self.breakstat()?,
            Tok::Goto => {
                self.lex.next()?;
                self.gotostat()?;
            }
            _ => self.exprstat()?,
        }
        #[cfg(debug_assertions)]
        self.check_registers();
        let n = self.nvarstack();
        self.fs().freereg = n;
        self.leave_level();
        Ok(())
    }

    /// Register invariant at the end of a statement (kept out of
    /// `statement` to keep its frame small).
    #[cfg(debug_assertions)]
    #[inline(never)]
    fn check_registers(&self) {
        let fs = self.fsr();
        assert!(fs.f.maxstack as i32 >= fs.freereg && fs.freereg >= self.nvarstack());
    }

    /// cond -> exp; returns the false exit list.
    fn cond(&mut self) -> R<i32> {
        let mut v = self.expr()?;
        if matches!(v.k, ExpKind::Nil) {
            v.k = ExpKind::False;
        }
        self.goiftrue(&mut v)?;
        Ok(v.f)
    }

    fn breakstat(&mut self) -> R<()> {
        let line = self.lex.line;
        self.lex.next()?;
        let j = self.jump();
        self.newgotoentry(self.brk, line, j);
        Ok(())
    }

    /// label -> '::' NAME '::'
    fn labelstat(&mut self, name: StrId, line: u32) -> R<()> {
        self.checknext(&Tok::DbColon)?;
        while self.is(b';') || self.lex.tok == Tok::DbColon {
            self.statement()?;
        }
        self.checkrepeated(name)?;
        let last = block_follow(&self.lex.tok, false);
        self.createlabel(name, line, last)?;
        Ok(())
    }

    /// whilestat -> WHILE cond DO block END
    fn whilestat(&mut self, line: u32) -> R<()> {
        self.lex.next()?;
        let whileinit = self.getlabel();
        let condexit = self.cond()?;
        self.enterblock(true);
        self.checknext(&Tok::Do)?;
        self.block()?;
        let j = self.jump();
        self.patchlist(j, whileinit)?;
        self.check_match(&Tok::End, &Tok::While, line)?;
        self.leaveblock()?;
        self.patchtohere(condexit)
    }

    /// repeatstat -> REPEAT block UNTIL cond
    fn repeatstat(&mut self, line: u32) -> R<()> {
        let repeat_init = self.getlabel();
        self.enterblock(true); // loop block
        self.enterblock(false); // scope block
        self.lex.next()?;
        self.statlist()?;
        self.check_match(&Tok::Until, &Tok::Repeat, line)?;
        let mut condexit = self.cond()?;
        let (upval, nactvar) = {
            let b = self.fsr().bl.last().expect("scope block");
            (b.upval, b.nactvar)
        };
        self.leaveblock()?;
        if upval {
            let exit = self.jump();
            self.patchtohere(condexit)?;
            let level = self.reglevel(nactvar);
            self.code_abc(OP_CLOSE, level, 0, 0);
            condexit = self.jump();
            self.patchtohere(exit)?;
        }
        self.patchlist(condexit, repeat_init)?;
        self.leaveblock()
    }

    /// Evaluates an expression into the next register.
    fn exp1(&mut self) -> R<()> {
        let mut e = self.expr()?;
        self.exp2nextreg(&mut e)
    }

    /// Sets the Bx jump of a for-loop instruction.
    fn fixforjump(&mut self, pc: i32, dest: i32, back: bool) -> R<()> {
        let mut offset = dest - (pc + 1);
        if back {
            offset = -offset;
        }
        if offset > MAXARG_BX as i32 {
            return Err(self.err_near("control structure too long"));
        }
        set_bx(&mut self.fs().f.code[pc as usize], offset as u32);
        Ok(())
    }

    /// forbody -> DO block
    fn forbody(&mut self, base: i32, line: u32, nvars: i32, isgen: bool) -> R<()> {
        self.checknext(&Tok::Do)?;
        let prep = self.code_abx(if isgen { OP_TFORPREP } else { OP_FORPREP }, base, 0);
        self.enterblock(false);
        self.adjustlocalvars(nvars);
        self.reserveregs(nvars)?;
        self.block()?;
        self.leaveblock()?;
        let here = self.getlabel();
        self.fixforjump(prep, here, false)?;
        if isgen {
            self.code_abc(OP_TFORCALL, base, 0, nvars);
            self.fixline(line);
        }
        let endfor = self.code_abx(if isgen { OP_TFORLOOP } else { OP_FORLOOP }, base, 0);
        self.fixforjump(endfor, prep + 1, true)?;
        self.fixline(line);
        Ok(())
    }

    fn new_forstate(&mut self) -> R<()> {
        let n = self.strs.intern(b"(for state)");
        self.new_localvar(n)?;
        Ok(())
    }

    /// fornum -> NAME = exp,exp[,exp] forbody
    fn fornum(&mut self, varname: StrId, line: u32) -> R<()> {
        let base = self.fsr().freereg;
        for _ in 0..3 {
            self.new_forstate()?;
        }
        self.new_localvar(varname)?;
        self.checknext_c(b'=')?;
        self.exp1()?;
        self.checknext_c(b',')?;
        self.exp1()?;
        if self.testnext_c(b',')? {
            self.exp1()?;
        } else {
            let r = self.fsr().freereg;
            self.int(r, 1)?;
            self.reserveregs(1)?;
        }
        self.adjustlocalvars(3);
        self.forbody(base, line, 1, false)
    }

    /// forlist -> NAME {,NAME} IN explist forbody
    fn forlist(&mut self, indexname: StrId) -> R<()> {
        let mut nvars = 5;
        let base = self.fsr().freereg;
        for _ in 0..4 {
            self.new_forstate()?;
        }
        self.new_localvar(indexname)?;
        while self.testnext_c(b',')? {
            let n = self.str_checkname()?;
            self.new_localvar(n)?;
            nvars += 1;
        }
        self.checknext(&Tok::In)?;
        let line = self.lex.line;
        let (mut e, n) = self.explist()?;
        self.adjust_assign(4, n, &mut e)?;
        self.adjustlocalvars(4);
        self.marktobeclosed();
        self.checkstack(3)?;
        self.forbody(base, line, nvars - 4, true)
    }

    /// forstat -> FOR (fornum | forlist) END
    fn forstat(&mut self, line: u32) -> R<()> {
        self.enterblock(true);
        self.lex.next()?;
        let varname = self.str_checkname()?;
        match self.lex.tok {
            Tok::Char(b'=') => self.fornum(varname, line)?,
            Tok::Char(b',') | Tok::In => self.forlist(varname)?,
            _ => return Err(self.err_near("'=' or 'in' expected")),
        }
        self.check_match(&Tok::End, &Tok::For, line)?;
        self.leaveblock()
    }

    /// test_then_block -> [IF | ELSEIF] cond THEN block
    fn test_then_block(&mut self, escapelist: &mut i32) -> R<()> {
        self.lex.next()?;
        let mut v = self.expr()?;
        self.checknext(&Tok::Then)?;
        let jf = if self.lex.tok == Tok::Break {
            let line = self.lex.line;
            self.goiffalse(&mut v)?;
            self.lex.next()?;
            self.enterblock(false);
            self.newgotoentry(self.brk, line, v.t);
            while self.testnext_c(b';')? {}
            if block_follow(&self.lex.tok, false) {
                return self.leaveblock();
            }
            self.jump()
        } else {
            self.goiftrue(&mut v)?;
            self.enterblock(false);
            v.f
        };
        self.statlist()?;
        self.leaveblock()?;
        if matches!(self.lex.tok, Tok::Else | Tok::Elseif) {
            let j = self.jump();
            self.concat(escapelist, j)?;
        }
        self.patchtohere(jf)
    }

    /// ifstat -> IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END
    fn ifstat(&mut self, line: u32) -> R<()> {
        let mut escapelist = NO_JUMP;
        self.test_then_block(&mut escapelist)?;
        while self.lex.tok == Tok::Elseif {
            self.test_then_block(&mut escapelist)?;
        }
        if self.testnext(&Tok::Else)? {
            self.block()?;
        }
        self.check_match(&Tok::End, &Tok::If, line)?;
        self.patchtohere(escapelist)
    }

    fn localfunc(&mut self) -> R<()> {
        let fvar = self.fsr().nactvar;
        let name = self.str_checkname()?;
        self.new_localvar(name)?;
        self.adjustlocalvars(1);
        let line = self.lex.line;
        let _b = self.body(false, line)?;
        let pc = self.pc() as u32;
        if let Some(p) = self.localdebuginfo(fvar) {
            self.fs().f.locvars[p].start_pc = pc;
        }
        Ok(())
    }

    /// ATTRIB -> ['<' Name '>']
    fn getlocalattribute(&mut self) -> R<u8> {
        if self.testnext_c(b'<')? {
            let attr = self.str_checkname()?;
            self.checknext_c(b'>')?;
            return match &self.strs.get(attr)[..] {
                b"const" => Ok(vd::CONST),
                b"close" => Ok(vd::TOCLOSE),
                other => {
                    let a = String::from_utf8_lossy(other).into_owned();
                    Err(self.semerror(&format!("unknown attribute '{a}'")))
                }
            };
        }
        Ok(vd::REG)
    }

    fn checktoclose(&mut self, level: i32) -> R<()> {
        if level != -1 {
            self.marktobeclosed();
            let r = self.reglevel(level);
            self.code_abc(OP_TBC, r, 0, 0);
        }
        Ok(())
    }

    /// stat -> LOCAL NAME ATTRIB { ',' NAME ATTRIB } ['=' explist]
    fn localstat(&mut self) -> R<()> {
        let mut toclose = -1;
        let mut nvars = 0;
        let mut vidx;
        loop {
            let name = self.str_checkname()?;
            vidx = self.new_localvar(name)?;
            let kind = self.getlocalattribute()?;
            self.vardesc(vidx).kind = kind;
            if kind == vd::TOCLOSE {
                if toclose != -1 {
                    return Err(self.semerror("multiple to-be-closed variables in local list"));
                }
                toclose = self.fsr().nactvar + nvars;
            }
            nvars += 1;
            if !self.testnext_c(b',')? {
                break;
            }
        }
        let (mut e, nexps) = if self.testnext_c(b'=')? {
            self.explist()?
        } else {
            (ExpDesc::void(), 0)
        };
        let kind = self.vardesc(vidx).kind;
        let cval = if nvars == nexps && kind == vd::CONST {
            self.exp2const(&e)
        } else {
            None
        };
        if let Some(k) = cval {
            let v = self.vardesc(vidx);
            v.kind = vd::CTC;
            v.k = k;
            self.adjustlocalvars(nvars - 1);
            self.fs().nactvar += 1;
        } else {
            self.adjust_assign(nvars, nexps, &mut e)?;
            self.adjustlocalvars(nvars);
        }
        self.checktoclose(toclose)
    }

    /// funcname -> NAME {fieldsel} [':' NAME]
    fn funcname(&mut self) -> R<(ExpDesc, bool)> {
        let mut v = self.singlevar()?;
        while self.is(b'.') {
            self.fieldsel(&mut v)?;
        }
        let mut ismethod = false;
        if self.is(b':') {
            ismethod = true;
            self.fieldsel(&mut v)?;
        }
        Ok((v, ismethod))
    }

    /// funcstat -> FUNCTION funcname body
    fn funcstat(&mut self, line: u32) -> R<()> {
        self.lex.next()?;
        let (v, ismethod) = self.funcname()?;
        let mut b = self.body(ismethod, line)?;
        self.check_readonly(&v)?;
        self.storevar(&v, &mut b)?;
        self.fixline(line);
        Ok(())
    }

    /// stat -> func | assignment
    fn exprstat(&mut self) -> R<()> {
        let v = self.suffixedexp()?;
        if self.is(b'=') || self.is(b',') {
            self.restassign(v)
        } else {
            let ExpKind::Call(pc) = v.k else {
                return Err(self.err_near("syntax error"));
            };
            set_c(&mut self.fs().f.code[pc as usize], 1);
            Ok(())
        }
    }

    /// If a previous target of a multiple assignment uses the local or
    /// upvalue `v` being assigned as table or index, makes it use a copy.
    fn check_conflict(&mut self, lhs: &mut [ExpDesc], v: &ExpDesc) -> R<()> {
        let extra = self.fsr().freereg;
        let mut conflict = false;
        for lh in lhs.iter_mut() {
            match (lh.k, v.k) {
                (ExpKind::IndexUp { t, idx }, ExpKind::Upval(u)) if t == u => {
                    conflict = true;
                    lh.k = ExpKind::IndexStr { t: extra, idx };
                }
                (ExpKind::Indexed { t, idx }, ExpKind::Local { ridx, .. }) => {
                    let (mut nt, mut nidx) = (t, idx);
                    if t == ridx {
                        conflict = true;
                        nt = extra;
                    }
                    if idx == ridx {
                        conflict = true;
                        nidx = extra;
                    }
                    lh.k = ExpKind::Indexed { t: nt, idx: nidx };
                }
                (ExpKind::IndexI { t, idx }, ExpKind::Local { ridx, .. }) if t == ridx => {
                    conflict = true;
                    lh.k = ExpKind::IndexI { t: extra, idx };
                }
                (ExpKind::IndexStr { t, idx }, ExpKind::Local { ridx, .. }) if t == ridx => {
                    conflict = true;
                    lh.k = ExpKind::IndexStr { t: extra, idx };
                }
                _ => {}
            }
        }
        if conflict {
            match v.k {
                ExpKind::Local { ridx, .. } => self.code_abc(OP_MOVE, extra, ridx, 0),
                _ => self.code_abc(OP_GETUPVAL, extra, v.info(), 0),
            };
            self.reserveregs(1)?;
        }
        Ok(())
    }

    /// restassign -> ',' suffixedexp restassign | '=' explist
    ///
    /// Iterative version of the reference's recursion: targets are
    /// collected, then stored last to first.
    fn restassign(&mut self, first: ExpDesc) -> R<()> {
        let depth = self.depth;
        let mut lhs = vec![first];
        loop {
            let last = *lhs.last().expect("target");
            if !last.is_var() {
                return Err(self.err_near("syntax error"));
            }
            self.check_readonly(&last)?;
            if !self.testnext_c(b',')? {
                break;
            }
            let nv = self.suffixedexp()?;
            if !nv.is_indexed() {
                self.check_conflict(&mut lhs, &nv)?;
            }
            self.enter_level()?;
            lhs.push(nv);
        }
        self.checknext_c(b'=')?;
        let nvars = lhs.len() as i32;
        let (mut e, nexps) = self.explist()?;
        let mut ndefault = lhs.len();
        if nexps != nvars {
            self.adjust_assign(nvars, nexps, &mut e)?;
        } else {
            self.setoneret(&mut e);
            self.storevar(&lhs[lhs.len() - 1], &mut e)?;
            ndefault -= 1;
        }
        for lh in lhs[..ndefault].iter().rev() {
            let mut e = ExpDesc::new(ExpKind::NonReloc(self.fsr().freereg - 1));
            self.storevar(lh, &mut e)?;
        }
        self.depth = depth;
        Ok(())
    }

    /// Adjusts the values of an expression list to `nvars`.
    fn adjust_assign(&mut self, nvars: i32, nexps: i32, e: &mut ExpDesc) -> R<()> {
        let needed = nvars - nexps;
        if e.has_multret() {
            let extra = (needed + 1).max(0);
            self.setreturns(e, extra)?;
        } else {
            if !matches!(e.k, ExpKind::Void) {
                self.exp2nextreg(e)?;
            }
            if needed > 0 {
                let r = self.fsr().freereg;
                self.nil(r, needed);
            }
        }
        if needed > 0 {
            self.reserveregs(needed)?;
        } else {
            self.fs().freereg += needed;
        }
        Ok(())
    }

    /// stat -> RETURN [explist] [';']
    fn retstat(&mut self) -> R<()> {
        let mut first = self.nvarstack();
        let nret;
        if block_follow(&self.lex.tok, true) || self.is(b';') {
            nret = 0;
        } else {
            let (mut e, n) = self.explist()?;
            if e.has_multret() {
                self.setmultret(&mut e)?;
                if let (ExpKind::Call(pc), 1) = (e.k, n) {
                    if !self.fsr().bl.last().expect("block").insidetbc {
                        set_op(&mut self.fs().f.code[pc as usize], OP_TAILCALL);
                    }
                }
                nret = MULTRET;
            } else if n == 1 {
                first = self.exp2anyreg(&mut e)?;
                nret = 1;
            } else {
                self.exp2nextreg(&mut e)?;
                first = self.nvarstack();
                nret = n;
            }
        }
        self.ret(first, nret);
        self.testnext_c(b';')?;
        Ok(())
    }
}
