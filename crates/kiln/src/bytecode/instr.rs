//! Decoded instructions: one exhaustive type with named operands.
//!
//! [`Instr::decode`] is the one decoder of the 32-bit encoding for every
//! consumer that wants operands by name (the JIT's translator first). The
//! interpreter's handlers keep decoding their own operands inline, which is
//! faster in a handler that reads one or two fields.

use super::*;

/// An arithmetic or bitwise operator, as used by the binary instructions.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
}

/// A comparison operator of the test instructions.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CmpOp {
    Eq,
    Lt,
    Le,
    /// `>` (only against an immediate: `GTI`)
    Gt,
    /// `>=` (only against an immediate: `GEI`)
    Ge,
}

/// One instruction with its operands by name. Register operands are frame
/// register numbers, `k`-prefixed ones constant indices; jump offsets are
/// relative to the instruction after this one.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Instr {
    Move {
        a: u32,
        b: u32,
    },
    LoadI {
        a: u32,
        sbx: i32,
    },
    LoadF {
        a: u32,
        sbx: i32,
    },
    LoadK {
        a: u32,
        kx: u32,
    },
    /// The constant index is in the following `ExtraArg`.
    LoadKX {
        a: u32,
    },
    LoadFalse {
        a: u32,
    },
    LFalseSkip {
        a: u32,
    },
    LoadTrue {
        a: u32,
    },
    /// Registers `a ..= a + b`.
    LoadNil {
        a: u32,
        b: u32,
    },
    GetUpval {
        a: u32,
        up: u32,
    },
    SetUpval {
        a: u32,
        up: u32,
    },
    GetTabUp {
        a: u32,
        up: u32,
        kc: u32,
    },
    GetTable {
        a: u32,
        b: u32,
        c: u32,
    },
    GetI {
        a: u32,
        b: u32,
        c: u32,
    },
    GetField {
        a: u32,
        b: u32,
        kc: u32,
    },
    /// `U[a][K[kb]] := RK(c)`
    SetTabUp {
        up: u32,
        kb: u32,
        c: u32,
        ck: bool,
    },
    SetTable {
        a: u32,
        b: u32,
        c: u32,
        ck: bool,
    },
    SetI {
        a: u32,
        b: u32,
        c: u32,
        ck: bool,
    },
    SetField {
        a: u32,
        kb: u32,
        c: u32,
        ck: bool,
    },
    NewTable {
        a: u32,
        b: u32,
        c: u32,
        k: bool,
    },
    SelfOp {
        a: u32,
        b: u32,
        c: u32,
        ck: bool,
    },
    /// `R[a] := R[b] op sc` (`Add` only, as ADDI)
    ArithI {
        op: ArithOp,
        a: u32,
        b: u32,
        sc: i32,
    },
    /// `R[a] := R[b] op K[kc]`
    ArithK {
        op: ArithOp,
        a: u32,
        b: u32,
        kc: u32,
    },
    /// `R[a] := R[b] >> sc`
    ShrI {
        a: u32,
        b: u32,
        sc: i32,
    },
    /// `R[a] := sc << R[b]`
    ShlI {
        a: u32,
        b: u32,
        sc: i32,
    },
    /// `R[a] := R[b] op R[c]`
    Arith {
        op: ArithOp,
        a: u32,
        b: u32,
        c: u32,
    },
    MmBin {
        a: u32,
        b: u32,
        c: u32,
    },
    MmBinI {
        a: u32,
        sb: i32,
        c: u32,
        k: bool,
    },
    MmBinK {
        a: u32,
        b: u32,
        c: u32,
        k: bool,
    },
    Unm {
        a: u32,
        b: u32,
    },
    BNot {
        a: u32,
        b: u32,
    },
    Not {
        a: u32,
        b: u32,
    },
    Len {
        a: u32,
        b: u32,
    },
    Concat {
        a: u32,
        n: u32,
    },
    Close {
        a: u32,
    },
    Tbc {
        a: u32,
    },
    Jmp {
        sj: i32,
    },
    /// `if (R[a] op R[b]) ~= k then skip the next instruction`
    Cmp {
        op: CmpOp,
        a: u32,
        b: u32,
        k: bool,
    },
    EqK {
        a: u32,
        kb: u32,
        k: bool,
    },
    /// `if (R[a] op sb) ~= k then skip`; `isf`: the immediate was a float.
    CmpI {
        op: CmpOp,
        a: u32,
        sb: i32,
        isf: bool,
        k: bool,
    },
    Test {
        a: u32,
        k: bool,
    },
    TestSet {
        a: u32,
        b: u32,
        k: bool,
    },
    /// `b - 1` arguments (`b == 0`: up to the top), `c - 1` results
    /// (`c == 0`: all of them).
    Call {
        a: u32,
        b: u32,
        c: u32,
    },
    TailCall {
        a: u32,
        b: u32,
        c: u32,
        k: bool,
    },
    Return {
        a: u32,
        b: u32,
        c: u32,
        k: bool,
    },
    Return0,
    Return1 {
        a: u32,
    },
    ForLoop {
        a: u32,
        bx: u32,
    },
    ForPrep {
        a: u32,
        bx: u32,
    },
    TForPrep {
        a: u32,
        bx: u32,
    },
    TForCall {
        a: u32,
        c: u32,
    },
    TForLoop {
        a: u32,
        bx: u32,
    },
    SetList {
        a: u32,
        b: u32,
        c: u32,
        k: bool,
    },
    Closure {
        a: u32,
        bx: u32,
    },
    Vararg {
        a: u32,
        c: u32,
    },
    VarargPrep {
        a: u32,
    },
    ExtraArg {
        ax: u32,
    },
    /// An opcode number that does not exist.
    Invalid {
        op: u8,
    },
}

impl Instr {
    /// Decode one instruction word.
    pub fn decode(i: u32) -> Instr {
        let (a, b, c, k) = (get_a(i), get_b(i), get_c(i), get_k(i));
        let bx = get_bx(i);
        let arith = |op| Instr::Arith { op, a, b, c };
        let arith_k = |op| Instr::ArithK { op, a, b, kc: c };
        let cmp_i = |op| Instr::CmpI {
            op,
            a,
            sb: get_sb(i),
            isf: c != 0,
            k,
        };
        match get_op(i) {
            OP_MOVE => Instr::Move { a, b },
            OP_LOADI => Instr::LoadI { a, sbx: get_sbx(i) },
            OP_LOADF => Instr::LoadF { a, sbx: get_sbx(i) },
            OP_LOADK => Instr::LoadK { a, kx: bx },
            OP_LOADKX => Instr::LoadKX { a },
            OP_LOADFALSE => Instr::LoadFalse { a },
            OP_LFALSESKIP => Instr::LFalseSkip { a },
            OP_LOADTRUE => Instr::LoadTrue { a },
            OP_LOADNIL => Instr::LoadNil { a, b },
            OP_GETUPVAL => Instr::GetUpval { a, up: b },
            OP_SETUPVAL => Instr::SetUpval { a, up: b },
            OP_GETTABUP => Instr::GetTabUp { a, up: b, kc: c },
            OP_GETTABLE => Instr::GetTable { a, b, c },
            OP_GETI => Instr::GetI { a, b, c },
            OP_GETFIELD => Instr::GetField { a, b, kc: c },
            OP_SETTABUP => Instr::SetTabUp {
                up: a,
                kb: b,
                c,
                ck: k,
            },
            OP_SETTABLE => Instr::SetTable { a, b, c, ck: k },
            OP_SETI => Instr::SetI { a, b, c, ck: k },
            OP_SETFIELD => Instr::SetField { a, kb: b, c, ck: k },
            OP_NEWTABLE => Instr::NewTable { a, b, c, k },
            OP_SELF => Instr::SelfOp { a, b, c, ck: k },
            OP_ADDI => Instr::ArithI {
                op: ArithOp::Add,
                a,
                b,
                sc: get_sc(i),
            },
            OP_ADDK => arith_k(ArithOp::Add),
            OP_SUBK => arith_k(ArithOp::Sub),
            OP_MULK => arith_k(ArithOp::Mul),
            OP_MODK => arith_k(ArithOp::Mod),
            OP_POWK => arith_k(ArithOp::Pow),
            OP_DIVK => arith_k(ArithOp::Div),
            OP_IDIVK => arith_k(ArithOp::IDiv),
            OP_BANDK => arith_k(ArithOp::BAnd),
            OP_BORK => arith_k(ArithOp::BOr),
            OP_BXORK => arith_k(ArithOp::BXor),
            OP_SHRI => Instr::ShrI {
                a,
                b,
                sc: get_sc(i),
            },
            OP_SHLI => Instr::ShlI {
                a,
                b,
                sc: get_sc(i),
            },
            OP_ADD => arith(ArithOp::Add),
            OP_SUB => arith(ArithOp::Sub),
            OP_MUL => arith(ArithOp::Mul),
            OP_MOD => arith(ArithOp::Mod),
            OP_POW => arith(ArithOp::Pow),
            OP_DIV => arith(ArithOp::Div),
            OP_IDIV => arith(ArithOp::IDiv),
            OP_BAND => arith(ArithOp::BAnd),
            OP_BOR => arith(ArithOp::BOr),
            OP_BXOR => arith(ArithOp::BXor),
            OP_SHL => arith(ArithOp::Shl),
            OP_SHR => arith(ArithOp::Shr),
            OP_MMBIN => Instr::MmBin { a, b, c },
            OP_MMBINI => Instr::MmBinI {
                a,
                sb: get_sb(i),
                c,
                k,
            },
            OP_MMBINK => Instr::MmBinK { a, b, c, k },
            OP_UNM => Instr::Unm { a, b },
            OP_BNOT => Instr::BNot { a, b },
            OP_NOT => Instr::Not { a, b },
            OP_LEN => Instr::Len { a, b },
            OP_CONCAT => Instr::Concat { a, n: b },
            OP_CLOSE => Instr::Close { a },
            OP_TBC => Instr::Tbc { a },
            OP_JMP => Instr::Jmp { sj: get_sj(i) },
            OP_EQ => Instr::Cmp {
                op: CmpOp::Eq,
                a,
                b,
                k,
            },
            OP_LT => Instr::Cmp {
                op: CmpOp::Lt,
                a,
                b,
                k,
            },
            OP_LE => Instr::Cmp {
                op: CmpOp::Le,
                a,
                b,
                k,
            },
            OP_EQK => Instr::EqK { a, kb: b, k },
            OP_EQI => cmp_i(CmpOp::Eq),
            OP_LTI => cmp_i(CmpOp::Lt),
            OP_LEI => cmp_i(CmpOp::Le),
            OP_GTI => cmp_i(CmpOp::Gt),
            OP_GEI => cmp_i(CmpOp::Ge),
            OP_TEST => Instr::Test { a, k },
            OP_TESTSET => Instr::TestSet { a, b, k },
            OP_CALL => Instr::Call { a, b, c },
            OP_TAILCALL => Instr::TailCall { a, b, c, k },
            OP_RETURN => Instr::Return { a, b, c, k },
            OP_RETURN0 => Instr::Return0,
            OP_RETURN1 => Instr::Return1 { a },
            OP_FORLOOP => Instr::ForLoop { a, bx },
            OP_FORPREP => Instr::ForPrep { a, bx },
            OP_TFORPREP => Instr::TForPrep { a, bx },
            OP_TFORCALL => Instr::TForCall { a, c },
            OP_TFORLOOP => Instr::TForLoop { a, bx },
            OP_SETLIST => Instr::SetList { a, b, c, k },
            OP_CLOSURE => Instr::Closure { a, bx },
            OP_VARARG => Instr::Vararg { a, c },
            OP_VARARGPREP => Instr::VarargPrep { a },
            OP_EXTRAARG => Instr::ExtraArg { ax: get_ax(i) },
            op => Instr::Invalid { op },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_operands() {
        assert_eq!(
            Instr::decode(create_abck(OP_ADD, 1, 2, 3, false)),
            Instr::Arith {
                op: ArithOp::Add,
                a: 1,
                b: 2,
                c: 3
            }
        );
        assert_eq!(
            Instr::decode(create_sj(OP_JMP, -5, false)),
            Instr::Jmp { sj: -5 }
        );
        assert_eq!(
            Instr::decode(create_abx(OP_FORLOOP, 4, 7)),
            Instr::ForLoop { a: 4, bx: 7 }
        );
        assert_eq!(Instr::decode(127), Instr::Invalid { op: 127 });
    }

    #[test]
    fn every_opcode_decodes_to_a_known_instruction() {
        for op in 0..NUM_OPCODES as u8 {
            let i = create_abck(op, 0, 0, 0, false);
            assert!(!matches!(Instr::decode(i), Instr::Invalid { .. }), "{op}");
        }
    }
}
