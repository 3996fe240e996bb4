//! The recursive-descent grammar: statements and expressions.
//!
//! Each syntactic nesting level (statement, subexpression, extra assignment
//! target) is counted by `enter_level` so that deep nesting is a compile
//! error instead of a native stack overflow. Functions here keep their
//! frames small: big state lives in `Parser`, not on the stack.

use super::code::MULTRET;
use super::expdesc::{BinOpr, ExpDesc, ExpKind, UnOpr, NO_JUMP, UNARY_PRIORITY};
use super::{vd, Parser, StrId, R};
use crate::bytecode::*;
use crate::syntax::lexer::Tok;
use std::rc::Rc;

/// Table constructor state.
struct ConsControl {
    /// Last list item read.
    v: ExpDesc,
    /// The table (a fixed register).
    t: ExpDesc,
    /// Number of record fields.
    nh: i32,
    /// Number of list items already stored.
    na: i32,
    /// Number of list items pending.
    tostore: i32,
}

fn unopr(t: &Tok) -> Option<UnOpr> {
    match t {
        Tok::Not => Some(UnOpr::Not),
        Tok::Char(b'-') => Some(UnOpr::Minus),
        Tok::Char(b'~') => Some(UnOpr::BNot),
        Tok::Char(b'#') => Some(UnOpr::Len),
        _ => None,
    }
}

fn binopr(t: &Tok) -> Option<BinOpr> {
    use BinOpr::*;
    Some(match t {
        Tok::Char(b'+') => Add,
        Tok::Char(b'-') => Sub,
        Tok::Char(b'*') => Mul,
        Tok::Char(b'%') => Mod,
        Tok::Char(b'^') => Pow,
        Tok::Char(b'/') => Div,
        Tok::IDiv => IDiv,
        Tok::Char(b'&') => BAnd,
        Tok::Char(b'|') => BOr,
        Tok::Char(b'~') => BXor,
        Tok::Shl => Shl,
        Tok::Shr => Shr,
        Tok::Concat => Concat,
        Tok::Ne => Ne,
        Tok::Eq => Eq,
        Tok::Char(b'<') => Lt,
        Tok::Le => Le,
        Tok::Char(b'>') => Gt,
        Tok::Ge => Ge,
        Tok::And => And,
        Tok::Or => Or,
        _ => return None,
    })
}

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

    fn is(&self, c: u8) -> bool {
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

    fn testnext_c(&mut self, c: u8) -> R<bool> {
        self.testnext(&Tok::Char(c))
    }

    fn error_expected(&self, t: &Tok) -> super::SyntaxError {
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
        self.lex.next()
    }

    fn checknext_c(&mut self, c: u8) -> R<()> {
        self.checknext(&Tok::Char(c))
    }

    /// Expects `what` closing `who` opened at line `wh`.
    fn check_match(&mut self, what: &Tok, who: &Tok, wh: u32) -> R<()> {
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

    fn codename(&mut self) -> R<ExpDesc> {
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
        debug_assert!(
            self.fsr().f.maxstack as i32 >= self.fsr().freereg
                && self.fsr().freereg >= self.nvarstack()
        );
        let n = self.nvarstack();
        self.fs().freereg = n;
        self.leave_level();
        Ok(())
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
        let jf;
        if self.lex.tok == Tok::Break {
            let line = self.lex.line;
            self.goiffalse(&mut v)?;
            self.lex.next()?;
            self.enterblock(false);
            self.newgotoentry(self.brk, line, v.t);
            while self.testnext_c(b';')? {}
            if block_follow(&self.lex.tok, false) {
                return self.leaveblock();
            }
            jf = self.jump();
        } else {
            self.goiftrue(&mut v)?;
            self.enterblock(false);
            jf = v.f;
        }
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

    // ----------------------------------------------------------------
    // Functions
    // ----------------------------------------------------------------

    /// parlist -> [ {NAME ','} (NAME | '...') ]
    fn parlist(&mut self) -> R<()> {
        let mut nparams = 0;
        let mut isvararg = false;
        if !self.is(b')') {
            loop {
                match self.lex.tok {
                    Tok::Name(_) => {
                        let n = self.str_checkname()?;
                        self.new_localvar(n)?;
                        nparams += 1;
                    }
                    Tok::Dots => {
                        self.lex.next()?;
                        isvararg = true;
                    }
                    _ => return Err(self.err_near("<name> or '...' expected")),
                }
                if isvararg || !self.testnext_c(b',')? {
                    break;
                }
            }
        }
        self.adjustlocalvars(nparams);
        let n = self.fsr().nactvar;
        self.fs().f.numparams = n as u8;
        if isvararg {
            self.setvararg(n);
        }
        self.reserveregs(n)
    }

    /// body -> '(' parlist ')' block END; leaves the closure in the next
    /// register of the enclosing function.
    fn body(&mut self, ismethod: bool, line: u32) -> R<ExpDesc> {
        // add the prototype slot to the enclosing function
        let np = self.fsr().f.protos.len();
        if np >= MAXARG_BX as usize {
            return Err(Self::raw_error(&format!(
                "too many functions (limit is {MAXARG_BX})"
            )));
        }
        self.fs().f.protos.push(FnProto::default());
        self.open_func(line);
        if ismethod {
            let s = self.strs.intern(b"self");
            self.new_localvar(s)?;
            self.adjustlocalvars(1);
        }
        self.checknext_c(b'(')?;
        self.parlist()?;
        self.checknext_c(b')')?;
        self.statlist()?;
        self.fs().f.lastlinedefined = self.lex.line;
        self.check_match(&Tok::End, &Tok::Function, line)?;
        // CLOSURE goes into the enclosing function before the new one is closed
        let child = self.fss.pop().expect("function state");
        let mut e = ExpDesc::new(ExpKind::Reloc(self.code_abx(OP_CLOSURE, 0, np as u32)));
        let r = self.exp2nextreg(&mut e);
        self.fss.push(child);
        r?;
        let f = self.close_func()?;
        self.fs().f.protos[np] = f;
        Ok(e)
    }

    /// explist -> expr { ',' expr }; returns the last expression and the count.
    fn explist(&mut self) -> R<(ExpDesc, i32)> {
        let mut n = 1;
        let mut v = self.expr()?;
        while self.testnext_c(b',')? {
            self.exp2nextreg(&mut v)?;
            v = self.expr()?;
            n += 1;
        }
        Ok((v, n))
    }

    fn funcargs(&mut self, f: &mut ExpDesc, line: u32) -> R<()> {
        let mut args = match &self.lex.tok {
            Tok::Char(b'(') => {
                self.lex.next()?;
                let mut args = ExpDesc::void();
                if !self.is(b')') {
                    args = self.explist()?.0;
                    if args.has_multret() {
                        self.setmultret(&mut args)?;
                    }
                }
                self.check_match(&Tok::Char(b')'), &Tok::Char(b'('), line)?;
                args
            }
            Tok::Char(b'{') => self.constructor()?,
            Tok::Str(s) => {
                let s = s.clone();
                let id = self.strs.intern(&s);
                self.lex.next()?;
                ExpDesc::new(ExpKind::KStr(id))
            }
            _ => return Err(self.err_near("function arguments expected")),
        };
        let base = f.info();
        let nparams = if args.has_multret() {
            MULTRET
        } else {
            if !matches!(args.k, ExpKind::Void) {
                self.exp2nextreg(&mut args)?;
            }
            self.fsr().freereg - (base + 1)
        };
        f.k = ExpKind::Call(self.code_abc(OP_CALL, base, nparams + 1, 2));
        f.t = NO_JUMP;
        f.f = NO_JUMP;
        self.fixline(line);
        self.fs().freereg = base + 1;
        Ok(())
    }

    // ----------------------------------------------------------------
    // Expressions
    // ----------------------------------------------------------------

    /// fieldsel -> ['.' | ':'] NAME
    fn fieldsel(&mut self, v: &mut ExpDesc) -> R<()> {
        self.exp2anyregup(v)?;
        self.lex.next()?;
        let mut key = self.codename()?;
        self.indexed(v, &mut key)
    }

    /// index -> '[' expr ']'
    fn yindex(&mut self) -> R<ExpDesc> {
        self.lex.next()?;
        let mut v = self.expr()?;
        self.exp2val(&mut v)?;
        self.checknext_c(b']')?;
        Ok(v)
    }

    /// recfield -> (NAME | '['exp']') = exp
    fn recfield(&mut self, cc: &mut ConsControl) -> R<()> {
        let reg = self.fsr().freereg;
        let mut key = if matches!(self.lex.tok, Tok::Name(_)) {
            self.codename()?
        } else {
            self.yindex()?
        };
        cc.nh += 1;
        self.checknext_c(b'=')?;
        let mut tab = cc.t;
        self.indexed(&mut tab, &mut key)?;
        let mut val = self.expr()?;
        self.storevar(&tab, &mut val)?;
        self.fs().freereg = reg;
        Ok(())
    }

    fn closelistfield(&mut self, cc: &mut ConsControl) -> R<()> {
        if matches!(cc.v.k, ExpKind::Void) {
            return Ok(());
        }
        self.exp2nextreg(&mut cc.v)?;
        cc.v.k = ExpKind::Void;
        if cc.tostore == FIELDS_PER_FLUSH as i32 {
            self.setlist(cc.t.info(), cc.na, cc.tostore);
            cc.na += cc.tostore;
            cc.tostore = 0;
        }
        Ok(())
    }

    fn lastlistfield(&mut self, cc: &mut ConsControl) -> R<()> {
        if cc.tostore == 0 {
            return Ok(());
        }
        if cc.v.has_multret() {
            self.setmultret(&mut cc.v)?;
            self.setlist(cc.t.info(), cc.na, MULTRET);
            cc.na -= 1;
        } else {
            if !matches!(cc.v.k, ExpKind::Void) {
                self.exp2nextreg(&mut cc.v)?;
            }
            self.setlist(cc.t.info(), cc.na, cc.tostore);
        }
        cc.na += cc.tostore;
        Ok(())
    }

    /// field -> listfield | recfield
    fn field(&mut self, cc: &mut ConsControl) -> R<()> {
        let rec = match self.lex.tok {
            Tok::Name(_) => *self.lex.lookahead()? == Tok::Char(b'='),
            Tok::Char(b'[') => true,
            _ => false,
        };
        if rec {
            self.recfield(cc)
        } else {
            cc.v = self.expr()?;
            cc.tostore += 1;
            Ok(())
        }
    }

    /// constructor -> '{' [ field { sep field } [sep] ] '}'
    fn constructor(&mut self) -> R<ExpDesc> {
        let line = self.lex.line;
        let pc = self.code_abc(OP_NEWTABLE, 0, 0, 0);
        self.code(0); // space for the extra argument
        let r = self.fsr().freereg;
        let mut cc = ConsControl {
            v: ExpDesc::void(),
            t: ExpDesc::new(ExpKind::NonReloc(r)),
            nh: 0,
            na: 0,
            tostore: 0,
        };
        self.reserveregs(1)?;
        self.checknext_c(b'{')?;
        loop {
            if self.is(b'}') {
                break;
            }
            self.closelistfield(&mut cc)?;
            self.field(&mut cc)?;
            if !(self.testnext_c(b',')? || self.testnext_c(b';')?) {
                break;
            }
        }
        self.check_match(&Tok::Char(b'}'), &Tok::Char(b'{'), line)?;
        self.lastlistfield(&mut cc)?;
        self.settablesize(pc, r, cc.na, cc.nh);
        Ok(cc.t)
    }

    /// primaryexp -> NAME | '(' expr ')'
    fn primaryexp(&mut self) -> R<ExpDesc> {
        match self.lex.tok {
            Tok::Char(b'(') => {
                let line = self.lex.line;
                self.lex.next()?;
                let mut v = self.expr()?;
                self.check_match(&Tok::Char(b')'), &Tok::Char(b'('), line)?;
                self.dischargevars(&mut v);
                Ok(v)
            }
            Tok::Name(_) => self.singlevar(),
            _ => Err(self.err_near("unexpected symbol")),
        }
    }

    /// suffixedexp -> primaryexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs }
    fn suffixedexp(&mut self) -> R<ExpDesc> {
        let line = self.lex.line;
        let mut v = self.primaryexp()?;
        loop {
            match self.lex.tok {
                Tok::Char(b'.') => self.fieldsel(&mut v)?,
                Tok::Char(b'[') => {
                    self.exp2anyregup(&mut v)?;
                    let mut key = self.yindex()?;
                    self.indexed(&mut v, &mut key)?;
                }
                Tok::Char(b':') => {
                    self.lex.next()?;
                    let mut key = self.codename()?;
                    self.self_op(&mut v, &mut key)?;
                    self.funcargs(&mut v, line)?;
                }
                Tok::Char(b'(') | Tok::Str(_) | Tok::Char(b'{') => {
                    self.exp2nextreg(&mut v)?;
                    self.funcargs(&mut v, line)?;
                }
                _ => return Ok(v),
            }
        }
    }

    /// simpleexp -> FLT | INT | STRING | NIL | TRUE | FALSE | ... |
    ///              constructor | FUNCTION body | suffixedexp
    fn simpleexp(&mut self) -> R<ExpDesc> {
        let v = match &self.lex.tok {
            Tok::Float(f) => ExpDesc::new(ExpKind::KFlt(*f)),
            Tok::Int(i) => ExpDesc::new(ExpKind::KInt(*i)),
            Tok::Str(s) => {
                let s = s.clone();
                ExpDesc::new(ExpKind::KStr(self.strs.intern(&s)))
            }
            Tok::Nil => ExpDesc::new(ExpKind::Nil),
            Tok::True => ExpDesc::new(ExpKind::True),
            Tok::False => ExpDesc::new(ExpKind::False),
            Tok::Dots => {
                if !self.fsr().f.is_vararg {
                    return Err(self.err_near("cannot use '...' outside a vararg function"));
                }
                ExpDesc::new(ExpKind::Vararg(self.code_abc(OP_VARARG, 0, 0, 1)))
            }
            Tok::Char(b'{') => return self.constructor(),
            Tok::Function => {
                self.lex.next()?;
                let line = self.lex.line;
                return self.body(false, line);
            }
            _ => return self.suffixedexp(),
        };
        self.lex.next()?;
        Ok(v)
    }

    pub(super) fn expr(&mut self) -> R<ExpDesc> {
        Ok(self.subexpr(0)?.0)
    }

    /// subexpr -> (simpleexp | unop subexpr) { binop subexpr }, where binop
    /// is any binary operator with a priority higher than `limit`. Returns
    /// the expression and the first operator not handled.
    fn subexpr(&mut self, limit: u8) -> R<(ExpDesc, Option<BinOpr>)> {
        self.enter_level()?;
        let mut v;
        if let Some(uop) = unopr(&self.lex.tok) {
            let line = self.lex.line;
            self.lex.next()?;
            v = self.subexpr(UNARY_PRIORITY)?.0;
            self.prefix(uop, &mut v, line)?;
        } else {
            v = self.simpleexp()?;
        }
        let mut op = binopr(&self.lex.tok);
        while let Some(o) = op {
            let (left, right) = o.priority();
            if left <= limit {
                break;
            }
            let line = self.lex.line;
            self.lex.next()?;
            self.infix(o, &mut v)?;
            let (mut v2, nextop) = self.subexpr(right)?;
            self.posfix(o, &mut v, &mut v2, line)?;
            op = nextop;
        }
        self.leave_level();
        Ok((v, op))
    }
}
