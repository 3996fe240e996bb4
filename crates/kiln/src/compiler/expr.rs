//! Expressions, table constructors, function bodies and calls.
//!
//! Precedence climbing in [`Parser::subexpr`]: each binary operator has a
//! left and a right priority; `subexpr(limit)` consumes operators whose
//! left priority exceeds `limit`, parsing their right operand with the
//! operator's right priority (lower right priority = right associative).

use super::code::MULTRET;
use super::expdesc::{BinOpr, ExpDesc, ExpKind, UnOpr, NO_JUMP, UNARY_PRIORITY};
use super::{Parser, R};
use crate::bytecode::*;
use crate::syntax::lexer::Tok;

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

impl Parser<'_> {
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
    pub(super) fn body(&mut self, ismethod: bool, line: u32) -> R<ExpDesc> {
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
    pub(super) fn explist(&mut self) -> R<(ExpDesc, i32)> {
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
    pub(super) fn fieldsel(&mut self, v: &mut ExpDesc) -> R<()> {
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
    pub(super) fn suffixedexp(&mut self) -> R<ExpDesc> {
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
