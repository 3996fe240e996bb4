//! Scopes: local variables, upvalues, blocks, labels and gotos, and the
//! opening/closing of function states.
//!
//! Locals of all functions being compiled live in one stack
//! (`Parser::actvar`); a function's locals start at its `firstlocal`. A
//! local's "vidx" is its index relative to that start. Compile-time
//! constants occupy a slot there but no register, which is why register
//! levels are computed by [`Parser::reglevel`].

use super::expdesc::{ExpDesc, ExpKind};
use super::{
    vd, BlockCnt, ConstVal, FuncState, LabelDesc, Parser, StrId, VarDesc, MAXUPVAL, MAXVARS, R,
};
use crate::bytecode::{FnProto, LocVarInfo, UpvalInfo, OP_CLOSE, OP_VARARGPREP};

impl Parser<'_> {
    // ----------------------------------------------------------------
    // Local variables
    // ----------------------------------------------------------------

    /// Descriptor of local `vidx` of function `fi`.
    fn vardesc_of(&self, fi: usize, vidx: i32) -> &VarDesc {
        &self.actvar[self.fss[fi].firstlocal + vidx as usize]
    }

    /// Descriptor of local `vidx` of the current function.
    pub(super) fn vardesc(&mut self, vidx: i32) -> &mut VarDesc {
        let i = self.fsr().firstlocal + vidx as usize;
        &mut self.actvar[i]
    }

    /// Number of registers used by the first `nvar` locals.
    pub(super) fn reglevel(&self, nvar: i32) -> i32 {
        let fs = self.fsr();
        debug_assert!(fs.firstlocal + nvar as usize <= self.actvar.len());
        let vars = &self.actvar[fs.firstlocal..fs.firstlocal + nvar as usize];
        vars.iter()
            .rev()
            .find(|v| v.kind != vd::CTC)
            .map_or(0, |v| v.ridx + 1)
    }

    /// Number of registers used by active locals.
    pub(super) fn nvarstack(&self) -> i32 {
        self.reglevel(self.fsr().nactvar)
    }

    /// Debug entry (index into `locvars`) of local `vidx`, unless it is a
    /// compile-time constant.
    pub(super) fn localdebuginfo(&self, vidx: i32) -> Option<usize> {
        let v = &self.actvar[self.fsr().firstlocal + vidx as usize];
        (v.kind != vd::CTC).then_some(v.pidx as usize)
    }

    /// Declares a new local (not active yet); returns its vidx.
    pub(super) fn new_localvar(&mut self, name: StrId) -> R<i32> {
        let first = self.fsr().firstlocal;
        if self.actvar.len() + 1 - first > MAXVARS {
            return Err(self.errorlimit(MAXVARS, "local variables"));
        }
        self.actvar.push(VarDesc {
            kind: vd::REG,
            ridx: 0,
            pidx: 0,
            name,
            k: ConstVal::Nil,
        });
        Ok((self.actvar.len() - 1 - first) as i32)
    }

    fn registerlocalvar(&mut self, name: StrId) -> i32 {
        let name = self.name_str(name);
        let pc = self.pc() as u32;
        let f = &mut self.fs().f;
        f.locvars.push(LocVarInfo {
            name,
            start_pc: pc,
            end_pc: 0,
        });
        f.locvars.len() as i32 - 1
    }

    /// Activates the last `nvars` declared locals.
    pub(super) fn adjustlocalvars(&mut self, nvars: i32) {
        let reglevel = self.nvarstack();
        for i in 0..nvars {
            let vidx = self.fsr().nactvar;
            self.fs().nactvar += 1;
            let name = self.vardesc(vidx).name;
            let pidx = self.registerlocalvar(name);
            let v = self.vardesc(vidx);
            v.ridx = reglevel + i;
            v.pidx = pidx;
        }
    }

    /// Deactivates locals down to `tolevel`, closing their debug ranges.
    /// (Their descriptors stay in `actvar` until the caller truncates it:
    /// pending gotos may still need their register levels.)
    fn removevars(&mut self, tolevel: i32) {
        while self.fsr().nactvar > tolevel {
            self.fs().nactvar -= 1;
            let vidx = self.fsr().nactvar;
            if let Some(p) = self.localdebuginfo(vidx) {
                let pc = self.pc() as u32;
                self.fs().f.locvars[p].end_pc = pc;
            }
        }
    }

    // ----------------------------------------------------------------
    // Variable lookup and upvalues
    // ----------------------------------------------------------------

    fn push_upvalue(&mut self, fi: usize, name: StrId, in_stack: bool, index: u8, kind: u8) {
        let name_rc = self.name_str(name);
        let fs = &mut self.fss[fi];
        fs.f.upvals.push(UpvalInfo {
            name: Some(name_rc),
            in_stack,
            index,
            kind,
        });
        fs.upnames.push(name);
    }

    /// Creates upvalue `name` in function `fi`, for variable `v` of the
    /// enclosing function.
    fn newupvalue(&mut self, fi: usize, name: StrId, v: &ExpDesc) -> R<i32> {
        let up = self.fss[fi].f.upvals.len();
        if up + 1 > MAXUPVAL {
            return Err(self.errorlimit_in(fi, MAXUPVAL, "upvalues"));
        }
        match v.k {
            ExpKind::Local { ridx, vidx } => {
                let kind = self.vardesc_of(fi - 1, vidx).kind;
                self.push_upvalue(fi, name, true, ridx as u8, kind);
            }
            ExpKind::Upval(u) => {
                let kind = self.fss[fi - 1].f.upvals[u as usize].kind;
                self.push_upvalue(fi, name, false, u as u8, kind);
            }
            k => unreachable!("upvalue of {k:?}"),
        }
        Ok(up as i32)
    }

    /// Looks `n` up among the active locals of function `fi`.
    fn searchvar(&self, fi: usize, n: StrId) -> Option<ExpDesc> {
        let fs = &self.fss[fi];
        for i in (0..fs.nactvar).rev() {
            let v = self.vardesc_of(fi, i);
            if v.name == n {
                return Some(if v.kind == vd::CTC {
                    ExpDesc::new(ExpKind::Const(fs.firstlocal as i32 + i))
                } else {
                    ExpDesc::new(ExpKind::Local {
                        ridx: v.ridx,
                        vidx: i,
                    })
                });
            }
        }
        None
    }

    /// Marks the block of function `fi` where local `level` lives as having
    /// an upvalue.
    fn markupval(&mut self, fi: usize, level: i32) {
        let fs = &mut self.fss[fi];
        let b = fs
            .bl
            .iter_mut()
            .rev()
            .find(|b| b.nactvar <= level)
            .expect("block of a local");
        b.upval = true;
        fs.needclose = true;
    }

    /// Marks the current block as having a to-be-closed variable.
    pub(super) fn marktobeclosed(&mut self) {
        let fs = self.fs();
        let b = fs.bl.last_mut().expect("open block");
        b.upval = true;
        b.insidetbc = true;
        fs.needclose = true;
    }

    /// Resolves `n` in function `fi` and its enclosing functions: a local,
    /// an upvalue (created on the way as needed), a compile-time constant,
    /// or `Void` for a global.
    fn singlevaraux(&mut self, fi: Option<usize>, n: StrId, base: bool) -> R<ExpDesc> {
        let Some(fi) = fi else {
            return Ok(ExpDesc::void());
        };
        if let Some(var) = self.searchvar(fi, n) {
            if let (ExpKind::Local { vidx, .. }, false) = (var.k, base) {
                self.markupval(fi, vidx);
            }
            return Ok(var);
        }
        let idx = match self.fss[fi].upnames.iter().position(|&u| u == n) {
            Some(i) => i as i32,
            None => {
                let var = self.singlevaraux(fi.checked_sub(1), n, false)?;
                if matches!(var.k, ExpKind::Local { .. } | ExpKind::Upval(_)) {
                    self.newupvalue(fi, n, &var)?
                } else {
                    return Ok(var);
                }
            }
        };
        Ok(ExpDesc::new(ExpKind::Upval(idx)))
    }

    /// Parses a name and resolves it (globals become `_ENV[name]`).
    pub(super) fn singlevar(&mut self) -> R<ExpDesc> {
        let name = self.str_checkname()?;
        let fi = self.fss.len() - 1;
        let mut var = self.singlevaraux(Some(fi), name, true)?;
        if matches!(var.k, ExpKind::Void) {
            var = self.singlevaraux(Some(fi), self.envn, true)?;
            debug_assert!(!matches!(var.k, ExpKind::Void));
            self.exp2anyregup(&mut var)?;
            let mut key = ExpDesc::new(ExpKind::KStr(name));
            self.indexed(&mut var, &mut key)?;
        }
        Ok(var)
    }

    /// Raises an error if `e` is a read-only variable.
    pub(super) fn check_readonly(&self, e: &ExpDesc) -> R<()> {
        let varname = match e.k {
            ExpKind::Const(i) => Some(self.actvar[i as usize].name),
            ExpKind::Local { vidx, .. } => {
                let v = &self.actvar[self.fsr().firstlocal + vidx as usize];
                (v.kind != vd::REG).then_some(v.name)
            }
            ExpKind::Upval(u) => {
                let fs = self.fsr();
                (fs.f.upvals[u as usize].kind != vd::REG).then_some(fs.upnames[u as usize])
            }
            _ => None,
        };
        if let Some(n) = varname {
            let name = String::from_utf8_lossy(self.strs.get(n)).into_owned();
            return Err(self.semerror(&format!("attempt to assign to const variable '{name}'")));
        }
        Ok(())
    }

    // ----------------------------------------------------------------
    // Blocks
    // ----------------------------------------------------------------

    pub(super) fn enterblock(&mut self, isloop: bool) {
        let nlabels = self.labels.len();
        let ngotos = self.gotos.len();
        let fs = self.fs();
        let insidetbc = fs.bl.last().is_some_and(|b| b.insidetbc);
        let b = BlockCnt {
            firstlabel: nlabels,
            firstgoto: ngotos,
            nactvar: fs.nactvar,
            upval: false,
            isloop,
            insidetbc,
        };
        fs.bl.push(b);
        debug_assert_eq!(self.fsr().freereg, self.nvarstack());
    }

    pub(super) fn leaveblock(&mut self) -> R<()> {
        let bl = self.fsr().bl.last().expect("open block").clone();
        let stklevel = self.reglevel(bl.nactvar);
        let mut hasclose = false;
        if bl.isloop {
            hasclose = self.createlabel(self.brk, 0, false)?;
        }
        let has_previous = self.fsr().bl.len() > 1;
        if !hasclose && has_previous && bl.upval {
            self.code_abc(OP_CLOSE, stklevel, 0, 0);
        }
        self.removevars(bl.nactvar);
        self.fs().bl.pop();
        debug_assert_eq!(bl.nactvar, self.fsr().nactvar);
        self.fs().freereg = stklevel;
        self.labels.truncate(bl.firstlabel);
        if has_previous {
            self.movegotosout(&bl);
        } else if bl.firstgoto < self.gotos.len() {
            return Err(self.undefgoto(bl.firstgoto));
        }
        let nvars = self.fsr().firstlocal + bl.nactvar as usize;
        self.actvar.truncate(nvars);
        Ok(())
    }

    // ----------------------------------------------------------------
    // Labels and gotos
    // ----------------------------------------------------------------

    fn jumpscopeerror(&self, gt: &LabelDesc) -> R<()> {
        let var = &self.actvar[self.fsr().firstlocal + gt.nactvar as usize];
        let varname = String::from_utf8_lossy(self.strs.get(var.name)).into_owned();
        let name = String::from_utf8_lossy(self.strs.get(gt.name)).into_owned();
        Err(self.semerror(&format!(
            "<goto {name}> at line {} jumps into the scope of local '{varname}'",
            gt.line
        )))
    }

    /// Resolves pending goto `g` to `label` and removes it from the list.
    fn solvegoto(&mut self, g: usize, label: &LabelDesc) -> R<()> {
        let gt = self.gotos[g].clone();
        if gt.nactvar < label.nactvar {
            self.jumpscopeerror(&gt)?;
        }
        self.patchlist(gt.pc, label.pc)?;
        self.gotos.remove(g);
        Ok(())
    }

    /// A visible label of the current function named `name`.
    fn findlabel(&self, name: StrId) -> Option<&LabelDesc> {
        self.labels[self.fsr().firstlabel..]
            .iter()
            .find(|l| l.name == name)
    }

    fn new_labeldesc(&self, name: StrId, line: u32, pc: i32) -> LabelDesc {
        LabelDesc {
            name,
            pc,
            line,
            nactvar: self.fsr().nactvar,
            close: false,
        }
    }

    /// Adds a pending goto.
    pub(super) fn newgotoentry(&mut self, name: StrId, line: u32, pc: i32) {
        let g = self.new_labeldesc(name, line, pc);
        self.gotos.push(g);
    }

    /// Resolves the current block's pending gotos to label `lb`; true if
    /// some of them needs to close upvalues.
    fn solvegotos(&mut self, lb: &LabelDesc) -> R<bool> {
        let mut i = self.fsr().bl.last().expect("open block").firstgoto;
        let mut needsclose = false;
        while i < self.gotos.len() {
            if self.gotos[i].name == lb.name {
                needsclose |= self.gotos[i].close;
                self.solvegoto(i, lb)?;
            } else {
                i += 1;
            }
        }
        Ok(needsclose)
    }

    /// Creates a label at the current position (`last`: it is the last
    /// statement of its block, so the block's locals are already dead).
    /// True if it emitted a CLOSE.
    pub(super) fn createlabel(&mut self, name: StrId, line: u32, last: bool) -> R<bool> {
        let pc = self.getlabel();
        let mut l = self.new_labeldesc(name, line, pc);
        if last {
            l.nactvar = self.fsr().bl.last().expect("open block").nactvar;
        }
        self.labels.push(l.clone());
        if self.solvegotos(&l)? {
            let level = self.nvarstack();
            self.code_abc(OP_CLOSE, level, 0, 0);
            return Ok(true);
        }
        Ok(false)
    }

    /// Moves the pending gotos of a closed block to the enclosing block.
    fn movegotosout(&mut self, bl: &BlockCnt) {
        let outer = self.reglevel(bl.nactvar);
        for i in bl.firstgoto..self.gotos.len() {
            if self.reglevel(self.gotos[i].nactvar) > outer {
                self.gotos[i].close |= bl.upval;
            }
            self.gotos[i].nactvar = bl.nactvar;
        }
    }

    fn undefgoto(&self, g: usize) -> super::Error {
        let gt = &self.gotos[g];
        if gt.name == self.brk {
            self.semerror(&format!("break outside loop at line {}", gt.line))
        } else {
            let name = String::from_utf8_lossy(self.strs.get(gt.name)).into_owned();
            self.semerror(&format!(
                "no visible label '{name}' for <goto> at line {}",
                gt.line
            ))
        }
    }

    /// Raises an error if label `name` is already visible.
    pub(super) fn checkrepeated(&self, name: StrId) -> R<()> {
        if let Some(lb) = self.findlabel(name) {
            let n = String::from_utf8_lossy(self.strs.get(name)).into_owned();
            return Err(self.semerror(&format!("label '{n}' already defined on line {}", lb.line)));
        }
        Ok(())
    }

    /// A backward goto to a visible label, or a pending forward one.
    pub(super) fn gotostat(&mut self) -> R<()> {
        let line = self.lex.line;
        let name = self.str_checkname()?;
        match self.findlabel(name).cloned() {
            None => {
                let j = self.jump();
                self.newgotoentry(name, line, j);
            }
            Some(lb) => {
                let lblevel = self.reglevel(lb.nactvar);
                if self.nvarstack() > lblevel {
                    self.code_abc(OP_CLOSE, lblevel, 0, 0);
                }
                let j = self.jump();
                self.patchlist(j, lb.pc)?;
            }
        }
        Ok(())
    }

    // ----------------------------------------------------------------
    // Functions
    // ----------------------------------------------------------------

    /// Starts compiling a new function (nested in the current one, if any).
    pub(super) fn open_func(&mut self, linedefined: u32) {
        let f = FnProto {
            source: Some(self.source.clone()),
            linedefined,
            maxstack: 2,
            ..FnProto::default()
        };
        self.fss.push(FuncState {
            f,
            upnames: Vec::new(),
            bl: Vec::new(),
            lasttarget: 0,
            firstlocal: self.actvar.len(),
            firstlabel: self.labels.len(),
            nactvar: 0,
            freereg: 0,
            needclose: false,
        });
        self.enterblock(false);
    }

    /// Finishes the current function and returns its prototype.
    pub(super) fn close_func(&mut self) -> R<FnProto> {
        let first = self.nvarstack();
        self.ret(first, 0);
        self.leaveblock()?;
        debug_assert!(self.fsr().bl.is_empty());
        self.finish()?;
        let fs = self.fss.pop().expect("function state");
        Ok(fs.f)
    }

    /// Marks the current function as vararg.
    pub(super) fn setvararg(&mut self, nparams: i32) {
        self.fs().f.is_vararg = true;
        self.code_abc(OP_VARARGPREP, nparams, 0, 0);
    }

    /// Compiles the main chunk.
    pub(super) fn main_func(&mut self) -> R<FnProto> {
        self.open_func(0);
        self.setvararg(0);
        let env = self.envn;
        self.push_upvalue(0, env, true, 0, vd::REG);
        self.lex.next()?;
        self.statlist()?;
        self.check(&crate::syntax::lexer::Tok::Eof)?;
        self.close_func()
    }
}
