//! Lowering: one prototype's bytecode to a Cranelift function.
//!
//! The compiled function has the signature of [`super::NativeFn`]: it is
//! entered at any instruction (`entry_pc`, through a jump table over every
//! pc) and returns an exit word (see [`super::exit`]). Values stay in the
//! VM's stack slots, in the same 16-byte layout the interpreter uses, so an
//! exit needs nothing written back: it returns the pc of the instruction the
//! interpreter must run. Each instruction has an inline path for the types
//! it handles natively and leaves to the interpreter otherwise: a type guard
//! that fails, a metamethod, an error, a call, anything that can allocate
//! or yield.

use super::exit;
use super::helpers;
use crate::bytecode::get_sj;
use crate::bytecode::instr::{ArithOp, CmpOp, Instr};
use crate::vm::func::{Proto, UpVal};
use crate::vm::gc::FLAG_TOUCHED;
use crate::vm::table::JitLayout;
use crate::vm::value::{tag, Value};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    types, AbiParam, Block, BlockArg, InstBuilder, JumpTableData, MemFlagsData, Signature,
    StackSlotData, StackSlotKind, Value as IrValue,
};
use cranelift_codegen::ir::{Function, SourceLoc, UserFuncName};
use cranelift_codegen::isa::{CallConv, TargetIsa};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};

const I64: types::Type = types::I64;
const F64: types::Type = types::F64;
const I8: types::Type = types::I8;

fn mem() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// The signature every compiled function has.
pub(crate) fn native_signature(cc: CallConv) -> Signature {
    let mut sig = Signature::new(cc);
    for _ in 0..3 {
        sig.params.push(AbiParam::new(I64));
    }
    sig.params.push(AbiParam::new(types::I32));
    sig.returns.push(AbiParam::new(I64));
    sig
}

/// An arithmetic operand: a register or a constant known when compiling.
#[derive(Clone, Copy)]
enum Opnd {
    Reg(u32),
    Int(i64),
    Flt(f64),
    /// A constant that is not a number: the interpreter decides.
    Other,
}

/// Build the Cranelift function for `p`.
pub(crate) fn lower(p: &Proto, isa: &dyn TargetIsa, cache: *mut u32) -> Function {
    let cc = isa.default_call_conv();
    let mut func = Function::with_name_signature(UserFuncName::user(0, 0), native_signature(cc));
    let mut fctx = FunctionBuilderContext::new();
    let b = FunctionBuilder::new(&mut func, &mut fctx);
    let mut l = Lower::new(b, p, cc, cache);
    l.run();
    l.b.seal_all_blocks();
    l.b.finalize(isa.frontend_config());
    func
}

struct Lower<'a> {
    b: FunctionBuilder<'a>,
    p: &'a Proto,
    cc: CallConv,
    base: IrValue,
    vm: IrValue,
    upvals: IrValue,
    /// The first block of each instruction.
    blocks: Vec<Block>,
    /// A scratch `Value` on the native stack (integer keys for helpers).
    scratch: Option<cranelift_codegen::ir::StackSlot>,
    /// The slot call helpers describe a callee in.
    call_ss: Option<cranelift_codegen::ir::StackSlot>,
    /// The block that jumps to the instruction at its pc argument.
    dispatch: Block,
    /// The registers' address (it changes when a call moves the stack).
    bv: Variable,
    pc: usize,
    layout: JitLayout,
    /// One cell per instruction: the hash node a constant key was last
    /// found in (owned by the compiled code).
    cache: *mut u32,
}

impl<'a> Lower<'a> {
    fn new(mut b: FunctionBuilder<'a>, p: &'a Proto, cc: CallConv, cache: *mut u32) -> Lower<'a> {
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let params = b.block_params(entry).to_vec();
        let bv = b.declare_var(I64);
        b.def_var(bv, params[0]);
        let blocks: Vec<Block> = (0..p.code.len()).map(|_| b.create_block()).collect();
        // the entry: jump to the instruction at the entry pc
        let enter = b.create_block();
        let dpc = b.append_block_param(enter, types::I32);
        b.ins().jump(enter, &[BlockArg::Value(params[3])]);
        b.switch_to_block(enter);
        let bad = b.create_block();
        let def = b.func.dfg.block_call(bad, &[]);
        // (only where the interpreter hands frames over: elsewhere `bad`
        // leaves at once and the interpreter runs on to an entry)
        let entries = entry_points(p);
        let targets: Vec<_> = blocks
            .iter()
            .zip(&entries)
            .map(|(&blk, &e)| b.func.dfg.block_call(if e { blk } else { bad }, &[]))
            .collect();
        let jt = b.create_jump_table(JumpTableData::new(def, &targets));
        b.ins().br_table(dpc, jt);
        b.switch_to_block(bad);
        let pc = b.ins().uextend(I64, dpc);
        b.ins().return_(&[pc]);
        // after the interpreter ran one instruction: any pc
        let dispatch = b.create_block();
        let apc = b.append_block_param(dispatch, types::I32);
        b.switch_to_block(dispatch);
        let all: Vec<_> = blocks
            .iter()
            .map(|&blk| b.func.dfg.block_call(blk, &[]))
            .collect();
        let def = b.func.dfg.block_call(bad, &[]);
        let jt = b.create_jump_table(JumpTableData::new(def, &all));
        b.ins().br_table(apc, jt);
        Lower {
            b,
            p,
            cc,
            base: params[0],
            vm: params[1],
            upvals: params[2],
            blocks,
            scratch: None,
            call_ss: None,
            dispatch,
            bv,
            pc: 0,
            layout: JitLayout::get(),
            cache,
        }
    }

    fn run(&mut self) {
        for pc in 0..self.p.code.len() {
            self.pc = pc;
            self.b.switch_to_block(self.blocks[pc]);
            self.b.set_srcloc(SourceLoc::new(pc as u32));
            self.base = self.b.use_var(self.bv);
            let i = Instr::decode(self.p.code[pc]);
            self.instr(i);
        }
    }

    // ----- slots -------------------------------------------------------------

    fn off(r: u32) -> i32 {
        (r as i32) * 16
    }
    fn tag(&mut self, r: u32) -> IrValue {
        self.b.ins().load(I64, mem(), self.base, Self::off(r))
    }
    fn pay(&mut self, r: u32) -> IrValue {
        self.b.ins().load(I64, mem(), self.base, Self::off(r) + 8)
    }
    fn payf(&mut self, r: u32) -> IrValue {
        self.b.ins().load(F64, mem(), self.base, Self::off(r) + 8)
    }
    fn slot_addr(&mut self, r: u32) -> IrValue {
        self.b.ins().iadd_imm_s(self.base, Self::off(r) as i64)
    }
    fn put(&mut self, r: u32, t: u8, payload: IrValue) {
        let tv = self.b.ins().iconst(I64, t as i64);
        self.b.ins().store(mem(), tv, self.base, Self::off(r));
        self.b
            .ins()
            .store(mem(), payload, self.base, Self::off(r) + 8);
    }
    fn put_int(&mut self, r: u32, v: IrValue) {
        self.put(r, tag::INT, v)
    }
    fn put_flt(&mut self, r: u32, v: IrValue) {
        self.put(r, tag::FLOAT, v)
    }
    fn put_bool(&mut self, r: u32, v: IrValue) {
        let w = self.b.ins().uextend(I64, v);
        self.put(r, tag::BOOL, w)
    }
    fn put_const(&mut self, r: u32, v: Value) {
        let (t, w) = const_words(v);
        let tv = self.b.ins().iconst(I64, t as i64);
        let wv = self.b.ins().iconst(I64, w as i64);
        self.b.ins().store(mem(), tv, self.base, Self::off(r));
        self.b.ins().store(mem(), wv, self.base, Self::off(r) + 8);
    }
    fn copy(&mut self, dst: u32, src: u32) {
        let t = self.tag(src);
        let w = self.pay(src);
        self.b.ins().store(mem(), t, self.base, Self::off(dst));
        self.b.ins().store(mem(), w, self.base, Self::off(dst) + 8);
    }
    /// A pointer to a constant of the prototype (alive as long as the
    /// prototype, which owns this code).
    fn kaddr(&mut self, kx: u32) -> Option<IrValue> {
        let v = self.p.k.get(kx as usize)?;
        Some(self.b.ins().iconst(I64, v as *const Value as i64))
    }
    fn konst(&self, kx: u32) -> Option<Value> {
        self.p.k.get(kx as usize).copied()
    }
    /// The address of a scratch slot holding the integer `n` as a `Value`.
    fn int_key(&mut self, n: i64) -> IrValue {
        let ss = *self.scratch.get_or_insert_with(|| {
            self.b
                .create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 16, 3))
        });
        let t = self.b.ins().iconst(I64, tag::INT as i64);
        let w = self.b.ins().iconst(I64, n);
        self.b.ins().stack_store(I64, t, ss, 0);
        self.b.ins().stack_store(I64, w, ss, 8);
        self.b.ins().stack_addr(I64, ss, 0)
    }

    // ----- control -----------------------------------------------------------

    /// The block of instruction `pc`, or an exit when `pc` is outside the code.
    fn block_at(&mut self, pc: isize) -> Block {
        if pc >= 0 && (pc as usize) < self.blocks.len() {
            self.blocks[pc as usize]
        } else {
            self.exit_block(exit::STEP)
        }
    }
    /// A new block that leaves to the interpreter at the current instruction.
    fn exit_block(&mut self, reason: u32) -> Block {
        let cur = self.b.current_block();
        let base = self.base;
        let blk = self.b.create_block();
        self.b.set_cold_block(blk);
        self.b.switch_to_block(blk);
        if reason == exit::STEP && self.steppable() {
            self.step();
        } else {
            let w = self
                .b
                .ins()
                .iconst(I64, exit::word(self.pc as u32, reason) as i64);
            self.b.ins().return_(&[w]);
        }
        if let Some(c) = cur {
            self.b.switch_to_block(c);
        }
        self.base = base;
        blk
    }

    /// Can the instruction at this pc run in the interpreter from inside
    /// machine code (`step`)? Not the ones that can leave the frame or
    /// end the run: returns and calls go back to the trampoline.
    fn steppable(&self) -> bool {
        !matches!(
            Instr::decode(self.p.code[self.pc]),
            Instr::Return { .. }
                | Instr::Return0
                | Instr::Return1 { .. }
                | Instr::TailCall { .. }
                | Instr::Call { .. }
                | Instr::TForCall { .. }
        )
    }

    /// Run this instruction in the interpreter through the `step` helper,
    /// then go on at the pc it stopped at; leave with its word if the
    /// frame changed.
    fn step(&mut self) {
        let pcv = self.i32c(self.pc as i64);
        let mut sig = Signature::new(self.cc);
        sig.params.push(AbiParam::new(I64));
        sig.params.push(AbiParam::new(types::I32));
        sig.returns.push(AbiParam::new(I64));
        let sig = self.b.import_signature(sig);
        let fp = self
            .b
            .ins()
            .iconst(I64, helpers::step as *const () as usize as i64);
        let inst = self.b.ins().call_indirect(sig, fp, &[self.vm, pcv]);
        let w = self.b.inst_results(inst)[0];
        let reason = self.b.ins().ushr_imm_s(w, 32);
        let go_on = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, reason, exit::CONTINUE as i64);
        let (cont, out) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(go_on, cont, &[], out, &[]);
        self.b.set_cold_block(out);
        self.b.switch_to_block(out);
        self.b.ins().return_(&[w]);
        self.b.set_cold_block(cont);
        self.b.switch_to_block(cont);
        self.reload_base();
        let npc = self.b.ins().ireduce(types::I32, w);
        self.b.ins().jump(self.dispatch, &[BlockArg::Value(npc)]);
    }
    fn goto(&mut self, pc: isize) {
        let blk = self.block_at(pc);
        self.b.ins().jump(blk, &[]);
    }
    fn next(&mut self) {
        self.goto(self.pc as isize + 1);
    }
    fn exit(&mut self) {
        if self.steppable() {
            return self.step();
        }
        let w = self
            .b
            .ins()
            .iconst(I64, exit::word(self.pc as u32, exit::STEP) as i64);
        self.b.ins().return_(&[w]);
    }
    /// Continue in a new block when `cond` holds, else exit.
    fn guard(&mut self, cond: IrValue) {
        let ok = self.b.create_block();
        let out = self.exit_block(exit::STEP);
        self.b.ins().brif(cond, ok, &[], out, &[]);
        self.b.switch_to_block(ok);
    }
    /// `if cond ~= k then skip the next instruction else do its jump`.
    fn cond_jump(&mut self, cond: IrValue, k: bool) {
        let pc = self.pc as isize;
        let skip = self.block_at(pc + 2);
        let target = match self.p.code.get(pc as usize + 1) {
            Some(&ni) => self.block_at(pc + 2 + get_sj(ni) as isize),
            None => self.exit_block(exit::STEP),
        };
        if k {
            // cond ~= true: skip when false
            self.b.ins().brif(cond, target, &[], skip, &[]);
        } else {
            self.b.ins().brif(cond, skip, &[], target, &[]);
        }
    }
    fn is_tag(&mut self, t: IrValue, want: u8) -> IrValue {
        self.b.ins().icmp_imm_s(IntCC::Equal, t, want as i64)
    }
    /// `t` is INT or FLOAT.
    fn is_num(&mut self, t: IrValue) -> IrValue {
        let d = self.b.ins().iadd_imm_s(t, -(tag::INT as i64));
        self.b
            .ins()
            .icmp_imm_s(IntCC::UnsignedLessThanOrEqual, d, 1)
    }
    /// The number in register `r` (INT or FLOAT, as its tag `t` says) as a float.
    fn as_float(&mut self, r: u32, t: IrValue) -> IrValue {
        let w = self.pay(r);
        let fi = self.b.ins().fcvt_from_sint(F64, w);
        let ff = self.b.ins().bitcast(F64, MemFlagsData::new(), w);
        let isint = self.is_tag(t, tag::INT);
        self.b.ins().select(isint, fi, ff)
    }
    fn truthy(&mut self, r: u32) -> IrValue {
        let t = self.tag(r);
        let w = self
            .b
            .ins()
            .uload8(types::I32, mem(), self.base, Self::off(r) + 8);
        let isnil = self.is_tag(t, tag::NIL);
        let isbool = self.is_tag(t, tag::BOOL);
        let zero = self.b.ins().icmp_imm_s(IntCC::Equal, w, 0);
        let isfalse = self.b.ins().band(isbool, zero);
        let falsy = self.b.ins().bor(isnil, isfalse);
        self.b.ins().bxor_imm_s(falsy, 1)
    }

    fn call_f64(&mut self, f: usize, x: IrValue, y: IrValue) -> IrValue {
        let mut sig = Signature::new(self.cc);
        sig.params.push(AbiParam::new(F64));
        sig.params.push(AbiParam::new(F64));
        sig.returns.push(AbiParam::new(F64));
        let sig = self.b.import_signature(sig);
        let fp = self.b.ins().iconst(I64, f as i64);
        let call = self.b.ins().call_indirect(sig, fp, &[x, y]);
        self.b.inst_results(call)[0]
    }
    /// After a status helper: DONE continues, OOM raises the memory error
    /// here, anything else runs the instruction in the interpreter.
    fn after_helper(&mut self, st: IrValue, oom_possible: bool) {
        let done = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, st, helpers::DONE as i64);
        let ok = self.b.create_block();
        let fail = if oom_possible {
            let f = self.b.create_block();
            let oom = self.exit_block(exit::OOM);
            let step = self.exit_block(exit::STEP);
            self.b.ins().brif(done, ok, &[], f, &[]);
            self.b.switch_to_block(f);
            let is_oom = self
                .b
                .ins()
                .icmp_imm_s(IntCC::Equal, st, helpers::OOM as i64);
            self.b.ins().brif(is_oom, oom, &[], step, &[]);
            self.b.switch_to_block(ok);
            return;
        } else {
            self.exit_block(exit::STEP)
        };
        self.b.ins().brif(done, ok, &[], fail, &[]);
        self.b.switch_to_block(ok);
    }
    /// The table in register `r` (its payload), or exit.
    fn table_in(&mut self, r: u32) -> IrValue {
        let t = self.tag(r);
        let ist = self.is_tag(t, tag::TABLE);
        self.guard(ist);
        self.pay(r)
    }
    /// The integer in register `r`, continuing in a new block; the block
    /// to go to when `r` holds something else (for the caller to fill).
    fn int_in(&mut self, r: u32) -> (IrValue, Block) {
        let t = self.tag(r);
        let isint = self.is_tag(t, tag::INT);
        let (iblk, other) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(isint, iblk, &[], other, &[]);
        self.b.switch_to_block(iblk);
        (self.pay(r), other)
    }

    /// The table upvalue `up` holds (its payload), or exit.
    fn upval_table(&mut self, up: u32) -> IrValue {
        let src = self.upval_slot(up);
        let t = self.b.ins().load(I64, mem(), src, 0);
        let ist = self.is_tag(t, tag::TABLE);
        self.guard(ist);
        self.b.ins().load(I64, mem(), src, 8)
    }

    /// The slot an upvalue points at.
    fn upval_slot(&mut self, up: u32) -> IrValue {
        let uv = self.upval(up);
        let voff = std::mem::offset_of!(UpVal, v) as i32;
        self.b.ins().load(I64, mem(), uv, voff)
    }
    fn upval(&mut self, up: u32) -> IrValue {
        self.b.ins().load(I64, mem(), self.upvals, (up as i32) * 8)
    }

    // ----- instructions ------------------------------------------------------

    fn instr(&mut self, i: Instr) {
        let pc = self.pc as isize;
        match i {
            Instr::Move { a, b } => {
                self.copy(a, b);
                self.next();
            }
            Instr::LoadI { a, sbx } => {
                let v = self.b.ins().iconst(I64, sbx as i64);
                self.put_int(a, v);
                self.next();
            }
            Instr::LoadF { a, sbx } => {
                let v = self.b.ins().iconst(I64, (sbx as f64).to_bits() as i64);
                self.put_flt(a, v);
                self.next();
            }
            Instr::LoadK { a, kx } => match self.konst(kx) {
                Some(v) => {
                    self.put_const(a, v);
                    self.next();
                }
                None => self.exit(),
            },
            Instr::LoadFalse { a } => {
                self.put_const(a, Value::Bool(false));
                self.next();
            }
            Instr::LFalseSkip { a } => {
                self.put_const(a, Value::Bool(false));
                self.goto(pc + 2);
            }
            Instr::LoadTrue { a } => {
                self.put_const(a, Value::Bool(true));
                self.next();
            }
            Instr::LoadNil { a, b } => {
                for r in a..=a + b {
                    self.put_const(r, Value::Nil);
                }
                self.next();
            }
            Instr::GetUpval { a, up } if (up as usize) < self.p.upvals.len() => {
                let src = self.upval_slot(up);
                let t = self.b.ins().load(I64, mem(), src, 0);
                let w = self.b.ins().load(I64, mem(), src, 8);
                self.b.ins().store(mem(), t, self.base, Self::off(a));
                self.b.ins().store(mem(), w, self.base, Self::off(a) + 8);
                self.next();
            }
            Instr::SetUpval { a, up } if (up as usize) < self.p.upvals.len() => {
                let uv = self.upval(up);
                let v = self.slot_addr(a);
                let st = self.helper(helpers::set_upval as *const () as usize, &[self.vm, uv, v]);
                self.after_helper(st, false);
                self.next();
            }
            Instr::GetTabUp { a, up, kc } if (up as usize) < self.p.upvals.len() => {
                let Some(key) = self.kaddr(kc) else {
                    return self.exit();
                };
                let tbl = self.upval_table(up);
                self.index_field(tbl, kc, key, a);
            }
            Instr::GetTable { a, b, c } => {
                let tbl = self.table_in(b);
                let key = self.slot_addr(c);
                // an integer key: the array part inline
                let (n, slow) = self.int_in(c);
                self.array_get(tbl, n, a, slow);
                self.b.switch_to_block(slow);
                self.index(tbl, key, a);
            }
            Instr::GetI { a, b, c } => {
                let tbl = self.table_in(b);
                let slow = self.b.create_block();
                let n = self.b.ins().iconst(I64, c as i64);
                self.array_get(tbl, n, a, slow);
                self.b.switch_to_block(slow);
                let key = self.int_key(c as i64);
                self.index(tbl, key, a);
            }
            Instr::GetField { a, b, kc } => {
                let Some(key) = self.kaddr(kc) else {
                    return self.exit();
                };
                let tbl = self.table_in(b);
                self.index_field(tbl, kc, key, a);
            }
            Instr::SetTabUp { up, kb, c, ck } if (up as usize) < self.p.upvals.len() => {
                let (Some(key), Some(val)) = (self.kaddr(kb), self.rk(c, ck)) else {
                    return self.exit();
                };
                let tbl = self.upval_table(up);
                self.newindex_field(tbl, kb, key, val);
            }
            Instr::SetTable { a, b, c, ck } => {
                let Some(val) = self.rk(c, ck) else {
                    return self.exit();
                };
                let tbl = self.table_in(a);
                let key = self.slot_addr(b);
                let (n, slow) = self.int_in(b);
                self.array_set(tbl, n, val, slow);
                self.b.switch_to_block(slow);
                self.newindex(tbl, key, val);
            }
            Instr::SetI { a, b, c, ck } => {
                let Some(val) = self.rk(c, ck) else {
                    return self.exit();
                };
                let tbl = self.table_in(a);
                let slow = self.b.create_block();
                let n = self.b.ins().iconst(I64, b as i64);
                self.array_set(tbl, n, val, slow);
                self.b.switch_to_block(slow);
                let key = self.int_key(b as i64);
                self.newindex(tbl, key, val);
            }
            Instr::SetField { a, kb, c, ck } => {
                let (Some(key), Some(val)) = (self.kaddr(kb), self.rk(c, ck)) else {
                    return self.exit();
                };
                let tbl = self.table_in(a);
                self.newindex_field(tbl, kb, key, val);
            }
            Instr::ArithI { op, a, b, sc } => self.arith(op, a, Opnd::Reg(b), Opnd::Int(sc as i64)),
            Instr::ArithK { op, a, b, kc } => {
                let k = match self.konst(kc) {
                    Some(Value::Int(n)) => Opnd::Int(n),
                    Some(Value::Float(x)) => Opnd::Flt(x),
                    _ => Opnd::Other,
                };
                self.arith(op, a, Opnd::Reg(b), k)
            }
            Instr::ShrI { a, b, sc } => {
                self.arith(ArithOp::Shl, a, Opnd::Reg(b), Opnd::Int(-(sc as i64)))
            }
            Instr::ShlI { a, b, sc } => {
                self.arith(ArithOp::Shl, a, Opnd::Int(sc as i64), Opnd::Reg(b))
            }
            Instr::Arith { op, a, b, c } => self.arith(op, a, Opnd::Reg(b), Opnd::Reg(c)),
            Instr::Unm { a, b } => {
                let t = self.tag(b);
                let isint = self.is_tag(t, tag::INT);
                let (iblk, other) = (self.b.create_block(), self.b.create_block());
                self.b.ins().brif(isint, iblk, &[], other, &[]);
                self.b.switch_to_block(iblk);
                let x = self.pay(b);
                let r = self.b.ins().ineg(x);
                self.put_int(a, r);
                self.next();
                self.b.switch_to_block(other);
                let isf = self.is_tag(t, tag::FLOAT);
                self.guard(isf);
                let x = self.payf(b);
                let r = self.b.ins().fneg(x);
                let w = self.b.ins().bitcast(I64, MemFlagsData::new(), r);
                self.put_flt(a, w);
                self.next();
            }
            Instr::BNot { a, b } => {
                let t = self.tag(b);
                let isint = self.is_tag(t, tag::INT);
                self.guard(isint);
                let x = self.pay(b);
                let r = self.b.ins().bnot(x);
                self.put_int(a, r);
                self.next();
            }
            Instr::Not { a, b } => {
                let t = self.truthy(b);
                let r = self.b.ins().bxor_imm_s(t, 1);
                let r8 = self.b.ins().ireduce(I8, r);
                self.put_bool(a, r8);
                self.next();
            }
            Instr::Len { a, b } => {
                let v = self.slot_addr(b);
                let out = self.slot_addr(a);
                let st = self.helper(helpers::len as *const () as usize, &[v, out]);
                self.after_helper(st, false);
                self.next();
            }
            Instr::Jmp { sj } => self.goto(pc + 1 + sj as isize),
            Instr::Cmp { op, a, b, k } => self.compare(op, a, b, k),
            Instr::EqK { a, kb, k } => match self.konst(kb) {
                Some(v) => self.eq_const(a, v, k),
                None => self.exit(),
            },
            Instr::CmpI {
                op: CmpOp::Eq,
                a,
                sb,
                k,
                ..
            } => self.eq_const(a, Value::Int(sb as i64), k),
            Instr::CmpI { op, a, sb, k, .. } => self.compare_imm(op, a, sb as i64, k),
            Instr::Test { a, k } => {
                let t = self.truthy(a);
                self.cond_jump(t, k);
            }
            Instr::TestSet { a, b, k } => {
                let t = self.truthy(b);
                let set = self.b.create_block();
                let skip = self.block_at(pc + 2);
                if k {
                    self.b.ins().brif(t, set, &[], skip, &[]);
                } else {
                    self.b.ins().brif(t, skip, &[], set, &[]);
                }
                self.b.switch_to_block(set);
                self.copy(a, b);
                match self.p.code.get(pc as usize + 1) {
                    Some(&ni) => self.goto(pc + 2 + get_sj(ni) as isize),
                    None => self.exit(),
                }
            }
            Instr::ForLoop { a, bx } => self.forloop(a, bx),
            Instr::ForPrep { a, bx } => self.forprep(a, bx),
            Instr::TForLoop { a, bx } => {
                let t = self.tag(a + 4);
                let isnil = self.is_tag(t, tag::NIL);
                let (go, done) = (self.b.create_block(), self.block_at(pc + 1));
                self.b.ins().brif(isnil, done, &[], go, &[]);
                self.b.switch_to_block(go);
                self.copy(a + 2, a + 4);
                self.goto(pc + 1 - bx as isize);
            }
            Instr::VarargPrep { .. } | Instr::ExtraArg { .. } => self.next(),
            Instr::SelfOp { a, b, c, ck } => {
                let Some(key) = self.rk(c, ck) else {
                    return self.exit();
                };
                let obj = self.slot_addr(b);
                let out = self.slot_addr(a);
                let st = self.helper(
                    helpers::method as *const () as usize,
                    &[self.vm, obj, key, out],
                );
                self.after_helper(st, false);
                self.next();
            }
            Instr::Call { a, b, c } => self.call(a, b, c),
            Instr::TForCall { a, c } => self.tforcall(a, c),
            Instr::TailCall { a, b, k, .. } => self.tailcall(a, b, k),
            Instr::Return0 => self.ret(0, 0),
            Instr::Return1 { a } => self.ret(a, 1),
            Instr::Return { a, b, k: false, .. } if b != 0 => self.ret(a, b - 1),
            // Everything else runs in the interpreter: calls and returns,
            // allocation (tables, closures, concatenation), varargs, the
            // generic `for` call, to-be-closed variables, metamethod
            // fallbacks and the loop preparations.
            _ => self.exit(),
        }
    }

    /// CALL: a compiled Lua callee runs here, on the native stack; anything
    /// else is the interpreter's.
    fn call(&mut self, a: u32, b: u32, c: u32) {
        let base0 = self.base;
        let ss = self.call_slot();
        let out = self.b.ins().stack_addr(I64, ss, 0);
        let ops = self.i32c((a | b << 8 | c << 16) as i64);
        let next_pc = self.i32c(self.pc as i64 + 1);
        let st = self.helper(
            helpers::call as *const () as usize,
            &[self.vm, self.base, ops, next_pc, out],
        );
        let is_lua = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, st, helpers::CALL_LUA as i64);
        let (lua, other) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(is_lua, lua, &[], other, &[]);
        // a compiled Lua callee
        self.b.switch_to_block(lua);
        let w = self.call_target(ss);
        let returned =
            self.b
                .ins()
                .icmp_imm_s(IntCC::Equal, w, exit::word(0, exit::RETURNED) as i64);
        let (cont, out_blk) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(returned, cont, &[], out_blk, &[]);
        self.b.set_cold_block(out_blk);
        self.b.switch_to_block(out_blk);
        // the callee left to the interpreter: so does this frame (its pc
        // is saved past the call)
        self.b.ins().return_(&[w]);
        self.b.switch_to_block(cont);
        self.reload_base();
        self.next();
        // a native function, or the interpreter
        self.base = base0;
        self.b.switch_to_block(other);
        let st = self.helper(
            helpers::call_native as *const () as usize,
            &[self.vm, self.base, ops, next_pc],
        );
        self.after_call(st);
    }

    /// After a call helper: CALLED reloads the registers' address and goes
    /// on; any other status leaves with it as the exit reason (EXIT is
    /// STEP: the interpreter makes the call).
    fn after_call(&mut self, st: IrValue) {
        let done = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, st, helpers::CALLED as i64);
        let (ok, out) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(done, ok, &[], out, &[]);
        self.b.set_cold_block(out);
        self.b.switch_to_block(out);
        let r = self.b.ins().uextend(I64, st);
        let r = self.b.ins().ishl_imm_s(r, 32);
        let w = self.b.ins().bor_imm_s(r, self.pc as i64);
        self.b.ins().return_(&[w]);
        self.b.switch_to_block(ok);
        self.reload_base();
        self.next();
    }

    /// TFORCALL through its helper.
    fn tforcall(&mut self, a: u32, c: u32) {
        let av = self.i32c(a as i64);
        let cv = self.i32c(c as i64);
        let next_pc = self.i32c(self.pc as i64 + 1);
        let st = self.helper(
            helpers::tforcall as *const () as usize,
            &[self.vm, self.base, av, cv, next_pc],
        );
        self.after_call(st);
    }

    /// TAILCALL of a compiled Lua function: its machine code runs in place
    /// of this frame's, and its exit word is this frame's.
    fn tailcall(&mut self, a: u32, b: u32, k: bool) {
        let ss = self.call_slot();
        let out = self.b.ins().stack_addr(I64, ss, 0);
        let ops = self.i32c((a | b << 8 | (k as u32) << 16) as i64);
        let st = self.helper(
            helpers::tailcall as *const () as usize,
            &[self.vm, self.base, ops, out],
        );
        let is_lua = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, st, helpers::CALL_LUA as i64);
        let lua = self.b.create_block();
        let out_blk = self.exit_block(exit::STEP);
        self.b.ins().brif(is_lua, lua, &[], out_blk, &[]);
        self.b.switch_to_block(lua);
        let w = self.call_target(ss);
        // one native level less (the helper counted it)
        let d = self.b.ins().uload32(mem(), self.vm, depth_offset());
        let d1 = self.b.ins().iadd_imm_s(d, -1);
        let d1 = self.b.ins().ireduce(types::I32, d1);
        self.b.ins().store(mem(), d1, self.vm, depth_offset());
        self.b.ins().return_(&[w]);
    }

    /// Call the compiled callee a call helper described in slot `ss`.
    fn call_target(&mut self, ss: cranelift_codegen::ir::StackSlot) -> IrValue {
        let f = self.b.ins().stack_load(I64, I64, ss, 0);
        let nb = self.b.ins().stack_load(I64, I64, ss, 8);
        let up = self.b.ins().stack_load(I64, I64, ss, 16);
        let zero = self.i32c(0);
        let nsig = self.b.import_signature(native_signature(self.cc));
        let inst = self
            .b
            .ins()
            .call_indirect(nsig, f, &[nb, self.vm, up, zero]);
        self.b.inst_results(inst)[0]
    }

    fn call_slot(&mut self) -> cranelift_codegen::ir::StackSlot {
        *self.call_ss.get_or_insert_with(|| {
            self.b
                .create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 24, 3))
        })
    }

    fn i32c(&mut self, n: i64) -> IrValue {
        self.b.ins().iconst(types::I32, n)
    }

    /// Call a helper whose arguments are the given values (their types as
    /// they are) and whose result is a 32-bit status.
    fn helper(&mut self, f: usize, args: &[IrValue]) -> IrValue {
        let mut sig = Signature::new(self.cc);
        for &a in args {
            let ty = self.b.func.dfg.value_type(a);
            sig.params.push(AbiParam::new(ty));
        }
        sig.returns.push(AbiParam::new(types::I32));
        let sig = self.b.import_signature(sig);
        let fp = self.b.ins().iconst(I64, f as i64);
        let inst = self.b.ins().call_indirect(sig, fp, args);
        self.b.inst_results(inst)[0]
    }

    /// The registers' address after something that may have moved the
    /// stack (helpers leave it in `Jit::rb`).
    fn reload_base(&mut self) {
        let nb = self.b.ins().load(I64, mem(), self.vm, rb_offset());
        self.b.def_var(self.bv, nb);
        self.base = nb;
    }

    /// RETURN0/RETURN1/RETURN of `n` values from register `a`.
    fn ret(&mut self, a: u32, n: u32) {
        let av = self.i32c(a as i64);
        let nv = self.i32c(n as i64);
        let st = self.helper(
            helpers::ret as *const () as usize,
            &[self.vm, self.base, av, nv],
        );
        self.after_helper(st, false);
        let w = self
            .b
            .ins()
            .iconst(I64, exit::word(0, exit::RETURNED) as i64);
        self.b.ins().return_(&[w]);
    }

    /// RK(c): a register or a constant, as a pointer.
    fn rk(&mut self, c: u32, ck: bool) -> Option<IrValue> {
        if ck {
            self.kaddr(c)
        } else {
            Some(self.slot_addr(c))
        }
    }

    fn index(&mut self, tbl: IrValue, key: IrValue, a: u32) {
        let out = self.slot_addr(a);
        let st = self.helper(
            helpers::index as *const () as usize,
            &[self.vm, tbl, key, out],
        );
        self.after_helper(st, false);
        self.next();
    }

    /// `R[a] := t[n]` from the array part when `n` is inside it (and
    /// inside the length hint, which a read beyond would move) and the
    /// value is not nil; else jump to `slow`.
    fn array_get(&mut self, tbl: IrValue, n: IrValue, a: u32, slow: Block) {
        let p = self.array_slot(tbl, n, slow);
        self.load_nonnil(p, a, slow);
    }

    /// The address of array slot `n` of `tbl` when `n` is inside the array
    /// part and inside the length hint (an access beyond would move it);
    /// else jump to `slow`.
    fn array_slot(&mut self, tbl: IrValue, n: IrValue, slow: Block) -> IrValue {
        let l = self.layout;
        let arr = self.b.ins().load(I64, mem(), tbl, l.array_ptr);
        let len = self.b.ins().load(I64, mem(), tbl, l.array_len);
        let alim = self.b.ins().uload32(mem(), tbl, l.alimit);
        let idx = self.b.ins().iadd_imm_s(n, -1);
        let in_len = self.b.ins().icmp(IntCC::UnsignedLessThan, idx, len);
        let in_lim = self.b.ins().icmp(IntCC::UnsignedLessThan, idx, alim);
        let ok = self.b.ins().band(in_len, in_lim);
        let hit = self.b.create_block();
        self.b.ins().brif(ok, hit, &[], slow, &[]);
        self.b.switch_to_block(hit);
        let off = self.b.ins().ishl_imm_s(idx, 4);
        self.b.ins().iadd(arr, off)
    }

    /// `R[a] := *p` when `*p` is not nil, then the next instruction; else
    /// jump to `slow`.
    fn load_nonnil(&mut self, p: IrValue, a: u32, slow: Block) {
        let t = self.b.ins().load(I64, mem(), p, 0);
        let isnil = self.is_tag(t, tag::NIL);
        let store = self.b.create_block();
        self.b.ins().brif(isnil, slow, &[], store, &[]);
        self.b.switch_to_block(store);
        let w = self.b.ins().load(I64, mem(), p, 8);
        self.b.ins().store(mem(), t, self.base, Self::off(a));
        self.b.ins().store(mem(), w, self.base, Self::off(a) + 8);
        self.next();
    }

    /// `R[a] := t[K[kc]]` for a constant string key: the hash node this
    /// instruction found the key in last time is checked inline first.
    fn index_field(&mut self, tbl: IrValue, kc: u32, key: IrValue, a: u32) {
        let Some(Value::Str(s)) = self.konst(kc) else {
            return self.index(tbl, key, a);
        };
        let slow = self.b.create_block();
        let (node, cell) = self.probe_node(tbl, s.as_ptr() as i64, slow);
        self.load_nonnil(node, a, slow);
        self.b.switch_to_block(slow);
        let out = self.slot_addr(a);
        let st = self.helper(
            helpers::index_field as *const () as usize,
            &[self.vm, tbl, key, out, cell],
        );
        self.after_helper(st, false);
        self.next();
    }

    /// Jump to `slow` when a store into `tbl` needs the collector's
    /// barrier (an old table not yet remembered).
    fn barrier_check(&mut self, tbl: IrValue, slow: Block) {
        let l = self.layout;
        let marked = self.b.ins().uload8(types::I32, mem(), tbl, l.marked);
        let flags = self.b.ins().uload8(types::I32, mem(), tbl, l.flags);
        let epoch = self
            .b
            .ins()
            .uload8(types::I32, mem(), self.vm, epoch_offset());
        let old = self.b.ins().icmp(IntCC::Equal, marked, epoch);
        let touched = self.b.ins().band_imm_s(flags, FLAG_TOUCHED as i64);
        let untouched = self.b.ins().icmp_imm_s(IntCC::Equal, touched, 0);
        let need = self.b.ins().band(old, untouched);
        let ok = self.b.create_block();
        self.b.ins().brif(need, slow, &[], ok, &[]);
        self.b.switch_to_block(ok);
    }

    /// Store `*val` into slot `p` when it holds a value (no `__newindex`
    /// to ask) and no barrier is needed, then the next instruction; else
    /// jump to `slow`.
    fn store_existing(&mut self, tbl: IrValue, p: IrValue, val: IrValue, slow: Block) {
        let t = self.b.ins().load(I64, mem(), p, 0);
        let isnil = self.is_tag(t, tag::NIL);
        let ok = self.b.create_block();
        self.b.ins().brif(isnil, slow, &[], ok, &[]);
        self.b.switch_to_block(ok);
        self.barrier_check(tbl, slow);
        let vt = self.b.ins().load(I64, mem(), val, 0);
        let vw = self.b.ins().load(I64, mem(), val, 8);
        self.b.ins().store(mem(), vt, p, 0);
        self.b.ins().store(mem(), vw, p, 8);
        self.next();
    }

    /// `t[n] = *val` in the array part (see `array_get`), else `slow`.
    fn array_set(&mut self, tbl: IrValue, n: IrValue, val: IrValue, slow: Block) {
        let p = self.array_slot(tbl, n, slow);
        self.store_existing(tbl, p, val, slow);
    }

    /// `t[K[kb]] = *val` for a constant string key, through the node cache
    /// (see `index_field`).
    fn newindex_field(&mut self, tbl: IrValue, kb: u32, key: IrValue, val: IrValue) {
        let Some(Value::Str(s)) = self.konst(kb) else {
            return self.newindex(tbl, key, val);
        };
        let slow = self.b.create_block();
        let (node, cell) = self.probe_node(tbl, s.as_ptr() as i64, slow);
        self.store_existing(tbl, node, val, slow);
        self.b.switch_to_block(slow);
        let st = self.helper(
            helpers::newindex_field as *const () as usize,
            &[self.vm, tbl, key, val, cell],
        );
        self.after_helper(st, true);
        self.next();
    }

    /// The hash node this instruction's cache names, when it holds the
    /// string `key`; else jump to `slow`. Also the cache cell's address.
    fn probe_node(&mut self, tbl: IrValue, key: i64, slow: Block) -> (IrValue, IrValue) {
        let l = self.layout;
        let cell_addr = self.cache_addr();
        let cell = self.b.ins().iconst(I64, cell_addr);
        let ci = self.b.ins().uload32(mem(), cell, 0);
        let nodes = self.b.ins().load(I64, mem(), tbl, l.node_ptr);
        let nlen = self.b.ins().load(I64, mem(), tbl, l.node_len);
        let inb = self.b.ins().icmp(IntCC::UnsignedLessThan, ci, nlen);
        let probe = self.b.create_block();
        self.b.ins().brif(inb, probe, &[], slow, &[]);
        self.b.switch_to_block(probe);
        let off = self.b.ins().imul_imm_s(ci, l.node_size as i64);
        let node = self.b.ins().iadd(nodes, off);
        let kt = self.b.ins().uload8(types::I32, mem(), node, l.node_key_tag);
        let kp = self.b.ins().load(I64, mem(), node, l.node_key_payload);
        let is_str = self.b.ins().icmp_imm_s(IntCC::Equal, kt, tag::STR as i64);
        let same = self.b.ins().icmp_imm_s(IntCC::Equal, kp, key);
        let ok = self.b.ins().band(is_str, same);
        let hit = self.b.create_block();
        self.b.ins().brif(ok, hit, &[], slow, &[]);
        self.b.switch_to_block(hit);
        (node, cell)
    }

    /// The address of this instruction's cell in the node cache.
    fn cache_addr(&self) -> i64 {
        // SAFETY: the cache has one cell per instruction.
        unsafe { self.cache.add(self.pc) as i64 }
    }

    fn newindex(&mut self, tbl: IrValue, key: IrValue, val: IrValue) {
        let st = self.helper(
            helpers::newindex as *const () as usize,
            &[self.vm, tbl, key, val],
        );
        self.after_helper(st, true);
        self.next();
    }

    /// Integer and float operands of a binary operator; `None` when `o` is
    /// a constant that is not a number.
    fn opnd_tag(&mut self, o: Opnd) -> Option<IrValue> {
        Some(match o {
            Opnd::Reg(r) => self.tag(r),
            Opnd::Int(_) => self.b.ins().iconst(I64, tag::INT as i64),
            Opnd::Flt(_) => self.b.ins().iconst(I64, tag::FLOAT as i64),
            Opnd::Other => return None,
        })
    }
    fn opnd_int(&mut self, o: Opnd) -> IrValue {
        match o {
            Opnd::Reg(r) => self.pay(r),
            Opnd::Int(n) => self.b.ins().iconst(I64, n),
            _ => self.b.ins().iconst(I64, 0),
        }
    }
    fn opnd_flt(&mut self, o: Opnd, t: IrValue) -> IrValue {
        match o {
            Opnd::Reg(r) => self.as_float(r, t),
            Opnd::Int(n) => self.b.ins().f64const(n as f64),
            Opnd::Flt(x) => self.b.ins().f64const(x),
            Opnd::Other => self.b.ins().f64const(0.0),
        }
    }

    /// `R[a] := x op y`. Success skips the MMBIN that follows.
    fn arith(&mut self, op: ArithOp, a: u32, x: Opnd, y: Opnd) {
        let pc = self.pc as isize;
        let (Some(tx), Some(ty)) = (self.opnd_tag(x), self.opnd_tag(y)) else {
            return self.exit();
        };
        let after = pc + 2;
        let bitwise = matches!(
            op,
            ArithOp::BAnd | ArithOp::BOr | ArithOp::BXor | ArithOp::Shl | ArithOp::Shr
        );
        let float_only = matches!(op, ArithOp::Div | ArithOp::Pow);
        if !float_only {
            // both integers
            let ix = self.is_tag(tx, tag::INT);
            let iy = self.is_tag(ty, tag::INT);
            let both = self.b.ins().band(ix, iy);
            let (iblk, other) = (self.b.create_block(), self.b.create_block());
            self.b.ins().brif(both, iblk, &[], other, &[]);
            self.b.switch_to_block(iblk);
            let vx = self.opnd_int(x);
            let vy = self.opnd_int(y);
            let r = match op {
                ArithOp::Add => self.b.ins().iadd(vx, vy),
                ArithOp::Sub => self.b.ins().isub(vx, vy),
                ArithOp::Mul => self.b.ins().imul(vx, vy),
                ArithOp::Mod => self.int_mod(vx, vy),
                ArithOp::IDiv => self.int_idiv(vx, vy),
                ArithOp::BAnd => self.b.ins().band(vx, vy),
                ArithOp::BOr => self.b.ins().bor(vx, vy),
                ArithOp::BXor => self.b.ins().bxor(vx, vy),
                ArithOp::Shl => self.shl(vx, vy),
                ArithOp::Shr => {
                    let n = self.b.ins().ineg(vy);
                    self.shl(vx, n)
                }
                ArithOp::Div | ArithOp::Pow => unreachable!("float-only operators"),
            };
            self.put_int(a, r);
            self.goto(after);
            self.b.switch_to_block(other);
            if bitwise {
                // floats with integral values and strings: the interpreter
                return self.exit();
            }
        }
        let nx = self.is_num(tx);
        let ny = self.is_num(ty);
        let both = self.b.ins().band(nx, ny);
        self.guard(both);
        let fx = self.opnd_flt(x, tx);
        let fy = self.opnd_flt(y, ty);
        let r = match op {
            ArithOp::Add => self.b.ins().fadd(fx, fy),
            ArithOp::Sub => self.b.ins().fsub(fx, fy),
            ArithOp::Mul => self.b.ins().fmul(fx, fy),
            ArithOp::Div => self.b.ins().fdiv(fx, fy),
            ArithOp::IDiv => {
                let q = self.b.ins().fdiv(fx, fy);
                self.b.ins().floor(q)
            }
            ArithOp::Mod => self.call_f64(helpers::fmod as *const () as usize, fx, fy),
            ArithOp::Pow => self.call_f64(helpers::pow as *const () as usize, fx, fy),
            _ => unreachable!("bitwise operators returned above"),
        };
        let w = self.b.ins().bitcast(I64, MemFlagsData::new(), r);
        self.put_flt(a, w);
        self.goto(after);
    }

    /// Lua's integer floor modulo; a zero divisor leaves to the interpreter
    /// (which raises the error).
    fn int_mod(&mut self, x: IrValue, y: IrValue) -> IrValue {
        let nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, y, 0);
        self.guard(nz);
        // y == -1: the result is 0 (and `srem` must not see INT_MIN % -1)
        let m1 = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
        let one = self.b.ins().iconst(I64, 1);
        let ysafe = self.b.ins().select(m1, one, y);
        let m = self.b.ins().srem(x, ysafe);
        let mnz = self.b.ins().icmp_imm_s(IntCC::NotEqual, m, 0);
        let sx = self.b.ins().bxor(m, ysafe);
        let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, sx, 0);
        let adj = self.b.ins().band(mnz, neg);
        let madj = self.b.ins().iadd(m, ysafe);
        self.b.ins().select(adj, madj, m)
    }

    /// Lua's integer floor division.
    fn int_idiv(&mut self, x: IrValue, y: IrValue) -> IrValue {
        let nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, y, 0);
        self.guard(nz);
        let m1 = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
        let one = self.b.ins().iconst(I64, 1);
        let ysafe = self.b.ins().select(m1, one, y);
        let q = self.b.ins().sdiv(x, ysafe);
        let r = self.b.ins().srem(x, ysafe);
        let rnz = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
        let sx = self.b.ins().bxor(x, ysafe);
        let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, sx, 0);
        let adj = self.b.ins().band(rnz, neg);
        let q1 = self.b.ins().iadd_imm_s(q, -1);
        let qa = self.b.ins().select(adj, q1, q);
        let negx = self.b.ins().ineg(x);
        self.b.ins().select(m1, negx, qa)
    }

    /// Lua's shift left (a negative count shifts right; 64 or more gives 0).
    fn shl(&mut self, x: IrValue, n: IrValue) -> IrValue {
        let zero = self.b.ins().iconst(I64, 0);
        let left = self.b.ins().ishl(x, n);
        let big = self
            .b
            .ins()
            .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, n, 64);
        let left = self.b.ins().select(big, zero, left);
        let m = self.b.ins().ineg(n);
        let right = self.b.ins().ushr(x, m);
        let small = self
            .b
            .ins()
            .icmp_imm_s(IntCC::SignedLessThanOrEqual, n, -64);
        let right = self.b.ins().select(small, zero, right);
        let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, n, 0);
        self.b.ins().select(neg, right, left)
    }

    fn int_cc(op: CmpOp) -> IntCC {
        match op {
            CmpOp::Eq => IntCC::Equal,
            CmpOp::Lt => IntCC::SignedLessThan,
            CmpOp::Le => IntCC::SignedLessThanOrEqual,
            CmpOp::Gt => IntCC::SignedGreaterThan,
            CmpOp::Ge => IntCC::SignedGreaterThanOrEqual,
        }
    }
    fn float_cc(op: CmpOp) -> FloatCC {
        match op {
            CmpOp::Eq => FloatCC::Equal,
            CmpOp::Lt => FloatCC::LessThan,
            CmpOp::Le => FloatCC::LessThanOrEqual,
            CmpOp::Gt => FloatCC::GreaterThan,
            CmpOp::Ge => FloatCC::GreaterThanOrEqual,
        }
    }

    /// `R[a] op R[b]` (EQ, LT, LE).
    fn compare(&mut self, op: CmpOp, a: u32, b: u32, k: bool) {
        let ta = self.tag(a);
        let tb = self.tag(b);
        let ia = self.is_tag(ta, tag::INT);
        let ib = self.is_tag(tb, tag::INT);
        let both = self.b.ins().band(ia, ib);
        let (iblk, other) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(both, iblk, &[], other, &[]);
        self.b.switch_to_block(iblk);
        let (x, y) = (self.pay(a), self.pay(b));
        let c = self.b.ins().icmp(Self::int_cc(op), x, y);
        self.cond_jump(c, k);
        self.b.switch_to_block(other);
        let fa = self.is_tag(ta, tag::FLOAT);
        let fb = self.is_tag(tb, tag::FLOAT);
        let both = self.b.ins().band(fa, fb);
        let (fblk, other) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(both, fblk, &[], other, &[]);
        self.b.switch_to_block(fblk);
        let (x, y) = (self.payf(a), self.payf(b));
        let c = self.b.ins().fcmp(Self::float_cc(op), x, y);
        self.cond_jump(c, k);
        self.b.switch_to_block(other);
        if op != CmpOp::Eq {
            // mixed numbers, strings, metamethods: the interpreter
            return self.exit();
        }
        // equality of anything else
        let same = self.b.ins().icmp(IntCC::Equal, ta, tb);
        let (sblk, diff) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(same, sblk, &[], diff, &[]);
        // different types: false, unless an integer meets a float
        self.b.switch_to_block(diff);
        let na = self.is_num(ta);
        let nb = self.is_num(tb);
        let mixed = self.b.ins().band(na, nb);
        self.guard_not(mixed);
        let f = self.b.ins().iconst(I8, 0);
        self.cond_jump(f, k);
        // same type
        self.b.switch_to_block(sblk);
        let isnil = self.is_tag(ta, tag::NIL);
        let (nblk, other) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(isnil, nblk, &[], other, &[]);
        self.b.switch_to_block(nblk);
        let t = self.b.ins().iconst(I8, 1);
        self.cond_jump(t, k);
        self.b.switch_to_block(other);
        let isbool = self.is_tag(ta, tag::BOOL);
        let (bblk, other) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(isbool, bblk, &[], other, &[]);
        self.b.switch_to_block(bblk);
        let x = self
            .b
            .ins()
            .uload8(types::I32, mem(), self.base, Self::off(a) + 8);
        let y = self
            .b
            .ins()
            .uload8(types::I32, mem(), self.base, Self::off(b) + 8);
        let c = self.b.ins().icmp(IntCC::Equal, x, y);
        self.cond_jump(c, k);
        self.b.switch_to_block(other);
        let (x, y) = (self.pay(a), self.pay(b));
        let samep = self.b.ins().icmp(IntCC::Equal, x, y);
        let (eq, ne) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(samep, eq, &[], ne, &[]);
        self.b.switch_to_block(eq);
        let t = self.b.ins().iconst(I8, 1);
        self.cond_jump(t, k);
        self.b.switch_to_block(ne);
        // different objects: strings compare their bytes; tables and
        // userdata may have `__eq` (the interpreter); the rest are unequal
        let isstr = self.is_tag(ta, tag::STR);
        let (sb, other) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(isstr, sb, &[], other, &[]);
        self.b.switch_to_block(sb);
        let st = self.helper(helpers::str_eq as *const () as usize, &[x, y]);
        let c = self.b.ins().icmp_imm_s(IntCC::NotEqual, st, 0);
        self.cond_jump(c, k);
        self.b.switch_to_block(other);
        let ist = self.is_tag(ta, tag::TABLE);
        let isu = self.is_tag(ta, tag::USERDATA);
        let meta = self.b.ins().bor(ist, isu);
        let (mblk, other) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(meta, mblk, &[], other, &[]);
        self.b.switch_to_block(mblk);
        // two objects: unequal unless `__eq` says otherwise (the interpreter)
        let pa = self.slot_addr(a);
        let pb = self.slot_addr(b);
        let st = self.helper(
            helpers::eq_objects as *const () as usize,
            &[self.vm, pa, pb],
        );
        let decided = self.b.ins().icmp_imm_s(IntCC::NotEqual, st, 2);
        self.guard(decided);
        let c = self.b.ins().icmp_imm_s(IntCC::NotEqual, st, 0);
        self.cond_jump(c, k);
        self.b.switch_to_block(other);
        let f = self.b.ins().iconst(I8, 0);
        self.cond_jump(f, k);
    }

    /// Continue in a new block when `cond` does not hold, else exit.
    fn guard_not(&mut self, cond: IrValue) {
        let ok = self.b.create_block();
        let out = self.exit_block(exit::STEP);
        self.b.ins().brif(cond, out, &[], ok, &[]);
        self.b.switch_to_block(ok);
    }

    /// `R[a] == v` for a constant `v` (EQK, EQI).
    fn eq_const(&mut self, a: u32, v: Value, k: bool) {
        let ta = self.tag(a);
        let want = v.tag();
        let same = self.is_tag(ta, want);
        let (sblk, diff) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(same, sblk, &[], diff, &[]);
        self.b.switch_to_block(sblk);
        match v {
            Value::Nil => {
                let t = self.b.ins().iconst(I8, 1);
                self.cond_jump(t, k);
            }
            Value::Bool(bv) => {
                let x = self
                    .b
                    .ins()
                    .uload8(types::I32, mem(), self.base, Self::off(a) + 8);
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, x, bv as i64);
                self.cond_jump(c, k);
            }
            Value::Int(n) => {
                let x = self.pay(a);
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, x, n);
                self.cond_jump(c, k);
            }
            Value::Float(f) => {
                let x = self.payf(a);
                let y = self.b.ins().f64const(f);
                let c = self.b.ins().fcmp(FloatCC::Equal, x, y);
                self.cond_jump(c, k);
            }
            Value::Str(s) => {
                let x = self.pay(a);
                let y = self.b.ins().iconst(I64, s.as_ptr() as i64);
                let samep = self.b.ins().icmp(IntCC::Equal, x, y);
                let (eq, ne) = (self.b.create_block(), self.b.create_block());
                self.b.ins().brif(samep, eq, &[], ne, &[]);
                self.b.switch_to_block(eq);
                let t = self.b.ins().iconst(I8, 1);
                self.cond_jump(t, k);
                self.b.switch_to_block(ne);
                let st = self.helper(helpers::str_eq as *const () as usize, &[x, y]);
                let c = self.b.ins().icmp_imm_s(IntCC::NotEqual, st, 0);
                self.cond_jump(c, k);
            }
            _ => self.exit(),
        }
        // a different type: an integer against a float constant (or the
        // reverse) may still be equal; anything else is not
        self.b.switch_to_block(diff);
        match v {
            Value::Int(n) if n.unsigned_abs() < (1u64 << 53) => {
                let isf = self.is_tag(ta, tag::FLOAT);
                let (fb, other) = (self.b.create_block(), self.b.create_block());
                self.b.ins().brif(isf, fb, &[], other, &[]);
                self.b.switch_to_block(fb);
                let x = self.payf(a);
                let y = self.b.ins().f64const(n as f64);
                let c = self.b.ins().fcmp(FloatCC::Equal, x, y);
                self.cond_jump(c, k);
                self.b.switch_to_block(other);
            }
            Value::Int(_) => {
                let isf = self.is_tag(ta, tag::FLOAT);
                self.guard_not(isf);
            }
            Value::Float(f) => {
                let isi = self.is_tag(ta, tag::INT);
                let (ib, other) = (self.b.create_block(), self.b.create_block());
                self.b.ins().brif(isi, ib, &[], other, &[]);
                self.b.switch_to_block(ib);
                match crate::number::float_to_int_exact(f) {
                    Some(n) => {
                        let x = self.pay(a);
                        let c = self.b.ins().icmp_imm_s(IntCC::Equal, x, n);
                        self.cond_jump(c, k);
                    }
                    None => {
                        let c = self.b.ins().iconst(I8, 0);
                        self.cond_jump(c, k);
                    }
                }
                self.b.switch_to_block(other);
            }
            _ => {}
        }
        let f = self.b.ins().iconst(I8, 0);
        self.cond_jump(f, k);
    }

    /// `R[a] op n` for an immediate (LTI, LEI, GTI, GEI).
    fn compare_imm(&mut self, op: CmpOp, a: u32, n: i64, k: bool) {
        let ta = self.tag(a);
        let isint = self.is_tag(ta, tag::INT);
        let (iblk, other) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(isint, iblk, &[], other, &[]);
        self.b.switch_to_block(iblk);
        let x = self.pay(a);
        let c = self.b.ins().icmp_imm_s(Self::int_cc(op), x, n);
        self.cond_jump(c, k);
        self.b.switch_to_block(other);
        let isf = self.is_tag(ta, tag::FLOAT);
        self.guard(isf);
        let x = self.payf(a);
        let y = self.b.ins().f64const(n as f64);
        let c = self.b.ins().fcmp(Self::float_cc(op), x, y);
        self.cond_jump(c, k);
    }

    /// FORPREP when initial value, limit and step are integers (anything
    /// else is the interpreter's: conversions, errors, float loops).
    fn forprep(&mut self, a: u32, bx: u32) {
        let pc = self.pc as isize;
        let (t0, t1, t2) = (self.tag(a), self.tag(a + 1), self.tag(a + 2));
        let i0 = self.is_tag(t0, tag::INT);
        let i1 = self.is_tag(t1, tag::INT);
        let i2 = self.is_tag(t2, tag::INT);
        let all = self.b.ins().band(i0, i1);
        let all = self.b.ins().band(all, i2);
        self.guard(all);
        let init = self.pay(a);
        let lim = self.pay(a + 1);
        let step = self.pay(a + 2);
        let nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, step, 0);
        self.guard(nz);
        let up = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, step, 0);
        let past_up = self.b.ins().icmp(IntCC::SignedGreaterThan, init, lim);
        let past_down = self.b.ins().icmp(IntCC::SignedLessThan, init, lim);
        let skip = self.b.ins().select(up, past_up, past_down);
        let (run, out) = (self.b.create_block(), self.block_at(pc + bx as isize + 2));
        self.b.ins().brif(skip, out, &[], run, &[]);
        self.b.switch_to_block(run);
        // iterations left after the first: (limit - init) / step, unsigned
        let span_up = self.b.ins().isub(lim, init);
        let span_down = self.b.ins().isub(init, lim);
        let span = self.b.ins().select(up, span_up, span_down);
        let nstep = self.b.ins().ineg(step);
        let div = self.b.ins().select(up, step, nstep);
        let count = self.b.ins().udiv(span, div);
        self.put_int(a + 1, count);
        self.put_int(a + 3, init);
        self.next();
    }

    /// The numeric `for` step (FORPREP left the count or the float limit).
    fn forloop(&mut self, a: u32, bx: u32) {
        let pc = self.pc as isize;
        let back = pc + 1 - bx as isize;
        let ts = self.tag(a + 2);
        let isint = self.is_tag(ts, tag::INT);
        let (iblk, other) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(isint, iblk, &[], other, &[]);
        // integer loop: R[a+1] holds the remaining iteration count
        self.b.switch_to_block(iblk);
        let t1 = self.tag(a + 1);
        let t0 = self.tag(a);
        let i1 = self.is_tag(t1, tag::INT);
        let i0 = self.is_tag(t0, tag::INT);
        let both = self.b.ins().band(i1, i0);
        self.guard(both);
        let count = self.pay(a + 1);
        // (an unsigned count: nonzero means more)
        let more = self.b.ins().icmp_imm_s(IntCC::NotEqual, count, 0);
        let (go, done) = (self.b.create_block(), self.block_at(pc + 1));
        self.b.ins().brif(more, go, &[], done, &[]);
        self.b.switch_to_block(go);
        let c1 = self.b.ins().iadd_imm_s(count, -1);
        self.b
            .ins()
            .store(mem(), c1, self.base, Self::off(a + 1) + 8);
        let idx = self.pay(a);
        let step = self.pay(a + 2);
        let nidx = self.b.ins().iadd(idx, step);
        self.b.ins().store(mem(), nidx, self.base, Self::off(a) + 8);
        self.put_int(a + 3, nidx);
        self.goto(back);
        // float loop
        self.b.switch_to_block(other);
        let isf = self.is_tag(ts, tag::FLOAT);
        let t0 = self.tag(a);
        let t1 = self.tag(a + 1);
        let f0 = self.is_tag(t0, tag::FLOAT);
        let f1 = self.is_tag(t1, tag::FLOAT);
        let all = self.b.ins().band(isf, f0);
        let all = self.b.ins().band(all, f1);
        self.guard(all);
        let step = self.payf(a + 2);
        let idx = self.payf(a);
        let limit = self.payf(a + 1);
        let nidx = self.b.ins().fadd(idx, step);
        let zero = self.b.ins().f64const(0.0);
        let up = self.b.ins().fcmp(FloatCC::GreaterThan, step, zero);
        let le = self.b.ins().fcmp(FloatCC::LessThanOrEqual, nidx, limit);
        let ge = self.b.ins().fcmp(FloatCC::LessThanOrEqual, limit, nidx);
        let more = self.b.ins().select(up, le, ge);
        let (go, done) = (self.b.create_block(), self.block_at(pc + 1));
        self.b.ins().brif(more, go, &[], done, &[]);
        self.b.switch_to_block(go);
        let w = self.b.ins().bitcast(I64, MemFlagsData::new(), nidx);
        self.b.ins().store(mem(), w, self.base, Self::off(a) + 8);
        self.put_flt(a + 3, w);
        self.goto(back);
    }
}

/// The pcs where the trampoline may hand a frame to machine code: the
/// start, loop back-edges (where the JIT's handlers turn hot loops over),
/// and the continuations of calls.
fn entry_points(p: &Proto) -> Vec<bool> {
    let n = p.code.len();
    let mut e = vec![false; n];
    let mut mark = |pc: isize| {
        if pc >= 0 && (pc as usize) < n {
            e[pc as usize] = true;
        }
    };
    mark(0);
    for (pc, &i) in p.code.iter().enumerate() {
        let pc = pc as isize;
        match Instr::decode(i) {
            Instr::Call { .. } | Instr::TForCall { .. } => mark(pc + 1),
            Instr::ForLoop { .. } | Instr::TForLoop { .. } => mark(pc),
            Instr::Jmp { sj } if sj < 0 => mark(pc + 1 + sj as isize),
            _ => {}
        }
    }
    e
}

/// Where the heap's mark epoch is, from the VM's address.
fn epoch_offset() -> i32 {
    (std::mem::offset_of!(crate::vm::Vm, heap) + std::mem::offset_of!(crate::vm::gc::Heap, epoch))
        as i32
}

/// Where `Jit::rb` is, from the VM's address.
fn rb_offset() -> i32 {
    (std::mem::offset_of!(crate::vm::Vm, jit) + std::mem::offset_of!(super::tier::Jit, rb)) as i32
}

/// Where `Jit::depth` is, from the VM's address.
fn depth_offset() -> i32 {
    (std::mem::offset_of!(crate::vm::Vm, jit) + std::mem::offset_of!(super::tier::Jit, depth))
        as i32
}

/// The tag and payload words of a constant.
fn const_words(v: Value) -> (u8, u64) {
    let w = match v {
        Value::Nil => 0,
        Value::Bool(b) => b as u64,
        Value::Int(n) => n as u64,
        Value::Float(x) => x.to_bits(),
        Value::Str(s) => s.as_ptr() as u64,
        Value::Table(t) => t.as_ptr() as u64,
        Value::LuaFn(c) => c.as_ptr() as u64,
        Value::NativeFn(f) => f as usize as u64,
        Value::NativeClosure(c) => c.as_ptr() as u64,
        Value::UserData(u) => u.as_ptr() as u64,
        Value::LightUserData(p) => p as u64,
        Value::Thread(t) => t.as_ptr() as u64,
    };
    (v.tag(), w)
}
