//! The opcodes. `R[x]` is register x of the current frame, `K[x]` constant x,
//! `U[x]` upvalue x; `sC`/`sB` are signed 8-bit immediates; `k` is the 1-bit flag.

macro_rules! opcodes {
    ($($(#[$doc:meta])* $name:ident = $val:expr, $str:expr, $mode:ident;)*) => {
        $( $(#[$doc])* pub const $name: u8 = $val; )*
        /// Number of opcodes.
        pub const NUM_OPCODES: usize = [$($val),*].len();
        /// Opcode names for listings.
        pub const OP_NAMES: [&str; NUM_OPCODES] = [$($str),*];
        /// Operand format of each opcode.
        pub const OP_MODES: [OpMode; NUM_OPCODES] = [$(OpMode::$mode),*];
    };
}

/// Operand layout of an opcode.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OpMode {
    IABC,
    IABx,
    IAsBx,
    IAx,
    IsJ,
}

opcodes! {
    /// `R[A] := R[B]`
    OP_MOVE = 0, "MOVE", IABC;
    /// `R[A] := sBx`
    OP_LOADI = 1, "LOADI", IAsBx;
    /// `R[A] := (float)sBx`
    OP_LOADF = 2, "LOADF", IAsBx;
    /// `R[A] := K[Bx]`
    OP_LOADK = 3, "LOADK", IABx;
    /// `R[A] := K[extra arg]`
    OP_LOADKX = 4, "LOADKX", IABx;
    /// `R[A] := false`
    OP_LOADFALSE = 5, "LOADFALSE", IABC;
    /// `R[A] := false; pc++`
    OP_LFALSESKIP = 6, "LFALSESKIP", IABC;
    /// `R[A] := true`
    OP_LOADTRUE = 7, "LOADTRUE", IABC;
    /// `R[A], ..., R[A+B] := nil`
    OP_LOADNIL = 8, "LOADNIL", IABC;
    /// `R[A] := U[B]`
    OP_GETUPVAL = 9, "GETUPVAL", IABC;
    /// `U[B] := R[A]`
    OP_SETUPVAL = 10, "SETUPVAL", IABC;
    /// `R[A] := U[B][K[C]:string]`
    OP_GETTABUP = 11, "GETTABUP", IABC;
    /// `R[A] := R[B][R[C]]`
    OP_GETTABLE = 12, "GETTABLE", IABC;
    /// `R[A] := R[B][C]`
    OP_GETI = 13, "GETI", IABC;
    /// `R[A] := R[B][K[C]:string]`
    OP_GETFIELD = 14, "GETFIELD", IABC;
    /// `U[A][K[B]:string] := RK(C)`
    OP_SETTABUP = 15, "SETTABUP", IABC;
    /// `R[A][R[B]] := RK(C)`
    OP_SETTABLE = 16, "SETTABLE", IABC;
    /// `R[A][B] := RK(C)`
    OP_SETI = 17, "SETI", IABC;
    /// `R[A][K[B]:string] := RK(C)`
    OP_SETFIELD = 18, "SETFIELD", IABC;
    /// `R[A] := {} (B: log2 hash size + 1, C: array size; k: extra arg holds more)`
    OP_NEWTABLE = 19, "NEWTABLE", IABC;
    /// `R[A+1] := R[B]; R[A] := R[B][RK(C):string]`
    OP_SELF = 20, "SELF", IABC;
    /// `R[A] := R[B] + sC`
    OP_ADDI = 21, "ADDI", IABC;
    /// `R[A] := R[B] + K[C]:number`
    OP_ADDK = 22, "ADDK", IABC;
    OP_SUBK = 23, "SUBK", IABC;
    OP_MULK = 24, "MULK", IABC;
    OP_MODK = 25, "MODK", IABC;
    OP_POWK = 26, "POWK", IABC;
    OP_DIVK = 27, "DIVK", IABC;
    OP_IDIVK = 28, "IDIVK", IABC;
    /// `R[A] := R[B] & K[C]:integer`
    OP_BANDK = 29, "BANDK", IABC;
    OP_BORK = 30, "BORK", IABC;
    OP_BXORK = 31, "BXORK", IABC;
    /// `R[A] := R[B] >> sC`
    OP_SHRI = 32, "SHRI", IABC;
    /// `R[A] := sC << R[B]`
    OP_SHLI = 33, "SHLI", IABC;
    /// `R[A] := R[B] + R[C]`
    OP_ADD = 34, "ADD", IABC;
    OP_SUB = 35, "SUB", IABC;
    OP_MUL = 36, "MUL", IABC;
    OP_MOD = 37, "MOD", IABC;
    OP_POW = 38, "POW", IABC;
    OP_DIV = 39, "DIV", IABC;
    OP_IDIV = 40, "IDIV", IABC;
    OP_BAND = 41, "BAND", IABC;
    OP_BOR = 42, "BOR", IABC;
    OP_BXOR = 43, "BXOR", IABC;
    OP_SHL = 44, "SHL", IABC;
    OP_SHR = 45, "SHR", IABC;
    /// `call C metamethod over R[A] and R[B] (runs only when the previous arithmetic failed)`
    OP_MMBIN = 46, "MMBIN", IABC;
    /// `call C metamethod over R[A] and sB`
    OP_MMBINI = 47, "MMBINI", IABC;
    /// `call C metamethod over R[A] and K[B]`
    OP_MMBINK = 48, "MMBINK", IABC;
    /// `R[A] := -R[B]`
    OP_UNM = 49, "UNM", IABC;
    /// `R[A] := ~R[B]`
    OP_BNOT = 50, "BNOT", IABC;
    /// `R[A] := not R[B]`
    OP_NOT = 51, "NOT", IABC;
    /// `R[A] := #R[B]`
    OP_LEN = 52, "LEN", IABC;
    /// `R[A] := R[A].. ... ..R[A + B - 1]`
    OP_CONCAT = 53, "CONCAT", IABC;
    /// `close all upvalues >= R[A]`
    OP_CLOSE = 54, "CLOSE", IABC;
    /// mark variable A "to be closed"
    OP_TBC = 55, "TBC", IABC;
    /// pc += sJ
    OP_JMP = 56, "JMP", IsJ;
    /// `if ((R[A] == R[B]) ~= k) then pc++`
    OP_EQ = 57, "EQ", IABC;
    OP_LT = 58, "LT", IABC;
    OP_LE = 59, "LE", IABC;
    /// `if ((R[A] == K[B]) ~= k) then pc++`
    OP_EQK = 60, "EQK", IABC;
    /// `if ((R[A] == sB) ~= k) then pc++`
    OP_EQI = 61, "EQI", IABC;
    OP_LTI = 62, "LTI", IABC;
    OP_LEI = 63, "LEI", IABC;
    OP_GTI = 64, "GTI", IABC;
    OP_GEI = 65, "GEI", IABC;
    /// `if (not R[A] == k) then pc++`
    OP_TEST = 66, "TEST", IABC;
    /// `if (not R[B] == k) then pc++ else R[A] := R[B]`
    OP_TESTSET = 67, "TESTSET", IABC;
    /// `R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])`
    OP_CALL = 68, "CALL", IABC;
    /// `return R[A](R[A+1], ... ,R[A+B-1])`
    OP_TAILCALL = 69, "TAILCALL", IABC;
    /// `return R[A], ... ,R[A+B-2]`
    OP_RETURN = 70, "RETURN", IABC;
    /// return
    OP_RETURN0 = 71, "RETURN0", IABC;
    /// `return R[A]`
    OP_RETURN1 = 72, "RETURN1", IABC;
    /// update counters; if loop continues then pc-=Bx;
    OP_FORLOOP = 73, "FORLOOP", IABx;
    /// check values and prepare counters; if not to run then pc+=Bx+1;
    OP_FORPREP = 74, "FORPREP", IABx;
    /// `create upvalue for R[A + 3]; pc+=Bx`
    OP_TFORPREP = 75, "TFORPREP", IABx;
    /// `R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2]);`
    OP_TFORCALL = 76, "TFORCALL", IABC;
    /// `if R[A+2] ~= nil then { R[A]=R[A+2]; pc -= Bx }`
    OP_TFORLOOP = 77, "TFORLOOP", IABx;
    /// `R[A][C+i] := R[A+i], 1 <= i <= B`
    OP_SETLIST = 78, "SETLIST", IABC;
    /// `R[A] := closure(KPROTO[Bx])`
    OP_CLOSURE = 79, "CLOSURE", IABx;
    /// `R[A], R[A+1], ..., R[A+C-2] = vararg`
    OP_VARARG = 80, "VARARG", IABC;
    /// (adjust vararg parameters)
    OP_VARARGPREP = 81, "VARARGPREP", IABC;
    /// extra (larger) argument for previous opcode
    OP_EXTRAARG = 82, "EXTRAARG", IAx;
}

/// Whether instruction `op` is a test (followed by a jump).
pub fn is_test_op(op: u8) -> bool {
    matches!(
        op,
        OP_EQ
            | OP_LT
            | OP_LE
            | OP_EQK
            | OP_EQI
            | OP_LTI
            | OP_LEI
            | OP_GTI
            | OP_GEI
            | OP_TEST
            | OP_TESTSET
    )
}

/// Whether instruction `op` sets register A (used by debug info's symbolic execution).
pub fn sets_a(op: u8) -> bool {
    !matches!(
        op,
        OP_SETTABUP
            | OP_SETTABLE
            | OP_SETI
            | OP_SETFIELD
            | OP_SETUPVAL
            | OP_MMBIN
            | OP_MMBINI
            | OP_MMBINK
            | OP_CLOSE
            | OP_TBC
            | OP_JMP
            | OP_EQ
            | OP_LT
            | OP_LE
            | OP_EQK
            | OP_EQI
            | OP_LTI
            | OP_LEI
            | OP_GTI
            | OP_GEI
            | OP_TEST
            | OP_RETURN
            | OP_RETURN0
            | OP_RETURN1
            | OP_TAILCALL
            | OP_SETLIST
            | OP_EXTRAARG
            | OP_VARARGPREP
    )
}

/// Whether the instruction uses the stack top set by the previous one (B or C = 0 forms).
pub fn uses_top(op: u8) -> bool {
    matches!(op, OP_CALL | OP_TAILCALL | OP_RETURN | OP_SETLIST)
}

/// Whether the instruction sets the top for the next one.
pub fn sets_top(op: u8) -> bool {
    matches!(op, OP_CALL | OP_VARARG)
}

/// Metamethod event numbers used by MMBIN/MMBINI/MMBINK's C operand, in the order of
/// `vm::meta::Tm`.
pub mod mm {
    pub const ADD: u32 = 6;
    pub const SUB: u32 = 7;
    pub const MUL: u32 = 8;
    pub const MOD: u32 = 9;
    pub const POW: u32 = 10;
    pub const DIV: u32 = 11;
    pub const IDIV: u32 = 12;
    pub const BAND: u32 = 13;
    pub const BOR: u32 = 14;
    pub const BXOR: u32 = 15;
    pub const SHL: u32 = 16;
    pub const SHR: u32 = 17;
    pub const UNM: u32 = 18;
    pub const BNOT: u32 = 19;
}
