//! Register bytecode: instruction encoding, opcodes and compiled prototypes.
//!
//! Instructions are 32 bits. The layout (see `docs/BYTECODE.md`):
//!
//! ```text
//!  iABC   C(8)     | B(8)     | k(1) | A(8) | op(7)
//!  iABx   Bx(17)                    | A(8) | op(7)
//!  iAsBx  sBx(17, excess 65535)     | A(8) | op(7)
//!  iAx    Ax(25)                           | op(7)
//!  isJ    sJ(25, excess 16777215)          | op(7)
//! ```

pub mod dump;
pub mod instr;
pub mod listing;
pub mod opcodes;
pub mod verify;

pub use opcodes::*;
use std::rc::Rc;

/// Size of the opcode field.
pub const SIZE_OP: u32 = 7;
/// Largest value of A, B and C.
pub const MAXARG_A: u32 = 255;
pub const MAXARG_B: u32 = 255;
pub const MAXARG_C: u32 = 255;
/// Largest Bx.
pub const MAXARG_BX: u32 = (1 << 17) - 1;
/// Excess for sBx.
pub const OFFSET_SBX: i32 = (MAXARG_BX >> 1) as i32;
/// Largest Ax.
pub const MAXARG_AX: u32 = (1 << 25) - 1;
/// Excess for sJ.
pub const OFFSET_SJ: i32 = (MAXARG_AX >> 1) as i32;
/// Excess for signed C arguments (sC).
pub const OFFSET_SC: i32 = (MAXARG_C >> 1) as i32;
/// Number of list items to accumulate before a SETLIST.
pub const FIELDS_PER_FLUSH: u32 = 50;
/// "No register" marker used by the compiler.
pub const NO_REG: u32 = MAXARG_A;

#[inline(always)]
pub fn get_op(i: u32) -> u8 {
    (i & 0x7f) as u8
}
#[inline(always)]
pub fn get_a(i: u32) -> u32 {
    (i >> 7) & 0xff
}
#[inline(always)]
pub fn get_k(i: u32) -> bool {
    (i >> 15) & 1 != 0
}
#[inline(always)]
pub fn get_b(i: u32) -> u32 {
    (i >> 16) & 0xff
}
#[inline(always)]
pub fn get_c(i: u32) -> u32 {
    i >> 24
}
#[inline(always)]
pub fn get_sb(i: u32) -> i32 {
    get_b(i) as i32 - OFFSET_SC
}
#[inline(always)]
pub fn get_sc(i: u32) -> i32 {
    get_c(i) as i32 - OFFSET_SC
}
#[inline(always)]
pub fn get_bx(i: u32) -> u32 {
    i >> 15
}
#[inline(always)]
pub fn get_sbx(i: u32) -> i32 {
    get_bx(i) as i32 - OFFSET_SBX
}
#[inline(always)]
pub fn get_ax(i: u32) -> u32 {
    i >> 7
}
#[inline(always)]
pub fn get_sj(i: u32) -> i32 {
    (i >> 7) as i32 - OFFSET_SJ
}

pub fn create_abck(op: u8, a: u32, b: u32, c: u32, k: bool) -> u32 {
    (op as u32) | (a << 7) | ((k as u32) << 15) | (b << 16) | (c << 24)
}
pub fn create_abx(op: u8, a: u32, bx: u32) -> u32 {
    (op as u32) | (a << 7) | (bx << 15)
}
pub fn create_ax(op: u8, ax: u32) -> u32 {
    (op as u32) | (ax << 7)
}
pub fn create_sj(op: u8, j: i32, k: bool) -> u32 {
    (op as u32) | (((j + OFFSET_SJ) as u32) << 7) | ((k as u32) << 15)
}

pub fn set_a(i: &mut u32, a: u32) {
    *i = (*i & !(0xff << 7)) | (a << 7);
}
pub fn set_b(i: &mut u32, b: u32) {
    *i = (*i & !(0xff << 16)) | (b << 16);
}
pub fn set_c(i: &mut u32, c: u32) {
    *i = (*i & !(0xff << 24)) | (c << 24);
}
pub fn set_k(i: &mut u32, k: bool) {
    *i = (*i & !(1 << 15)) | ((k as u32) << 15);
}
pub fn set_bx(i: &mut u32, bx: u32) {
    *i = (*i & 0x7fff) | (bx << 15);
}
pub fn set_sbx(i: &mut u32, sbx: i32) {
    set_bx(i, (sbx + OFFSET_SBX) as u32)
}
pub fn set_sj(i: &mut u32, j: i32) {
    *i = (*i & 0x7f) | (((j + OFFSET_SJ) as u32) << 7);
}
pub fn set_op(i: &mut u32, op: u8) {
    *i = (*i & !0x7f) | op as u32;
}

/// A constant of a compiled function.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<[u8]>),
}

/// Upvalue descriptor of a compiled function.
#[derive(Clone, Debug)]
pub struct UpvalInfo {
    pub name: Option<Rc<str>>,
    pub in_stack: bool,
    pub index: u8,
    pub kind: u8,
}

/// Local variable debug info.
#[derive(Clone, Debug)]
pub struct LocVarInfo {
    pub name: Rc<str>,
    pub start_pc: u32,
    pub end_pc: u32,
}

/// A compiled function, independent of any VM (the compiler's output and the
/// binary-chunk loader's output; `Vm` turns it into a heap `Proto`).
#[derive(Clone, Debug, Default)]
pub struct FnProto {
    pub code: Vec<u32>,
    pub k: Vec<Constant>,
    pub protos: Vec<FnProto>,
    pub upvals: Vec<UpvalInfo>,
    pub lineinfo: Vec<u32>,
    pub locvars: Vec<LocVarInfo>,
    pub source: Option<Rc<[u8]>>,
    pub linedefined: u32,
    pub lastlinedefined: u32,
    pub numparams: u8,
    pub is_vararg: bool,
    pub maxstack: u8,
}
