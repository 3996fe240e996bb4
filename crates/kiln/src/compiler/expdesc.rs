//! Expression descriptors and operator enums.
//!
//! An [`ExpDesc`] describes where the value of an expression parsed so far
//! is (or will be): a constant not yet materialized, a local's register, an
//! instruction whose target register is still open, a pending table access,
//! a comparison that is really a conditional jump, ... Code is generated
//! only when the use of the value is known, which is what lets a one-pass
//! compiler pick RK operands, immediate forms and good register use.

use super::StrId;

/// "No jump" marker (end of a jump list).
pub(super) const NO_JUMP: i32 = -1;

/// Kind of an expression, with its payload.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum ExpKind {
    /// Empty expression list / no value.
    Void,
    Nil,
    True,
    False,
    /// Constant in the constant table (index).
    K(i32),
    /// Float constant.
    KFlt(f64),
    /// Integer constant.
    KInt(i64),
    /// String constant (not yet in the constant table).
    KStr(StrId),
    /// Value in a fixed register.
    NonReloc(i32),
    /// Local variable: its register and its index among the function's
    /// active variables.
    Local {
        ridx: i32,
        vidx: i32,
    },
    /// Upvalue (index).
    Upval(i32),
    /// Compile-time constant local (absolute index in `Parser::actvar`).
    Const(i32),
    /// `R[t][R[idx]]`.
    Indexed {
        t: i32,
        idx: i32,
    },
    /// `U[t][K[idx]]` (short string key).
    IndexUp {
        t: i32,
        idx: i32,
    },
    /// `R[t][idx]` (small integer key).
    IndexI {
        t: i32,
        idx: i32,
    },
    /// `R[t][K[idx]]` (short string key).
    IndexStr {
        t: i32,
        idx: i32,
    },
    /// Test/comparison; payload is the pc of its jump.
    Jmp(i32),
    /// Instruction (at pc) whose destination register A is still free.
    Reloc(i32),
    /// Open call (pc of the CALL).
    Call(i32),
    /// Open vararg expression (pc of the VARARG).
    Vararg(i32),
}

/// An expression descriptor: kind plus "exit when true"/"exit when false"
/// jump lists.
#[derive(Clone, Copy, Debug)]
pub(super) struct ExpDesc {
    pub k: ExpKind,
    /// Patch list of "exit when true".
    pub t: i32,
    /// Patch list of "exit when false".
    pub f: i32,
}

impl ExpDesc {
    pub fn new(k: ExpKind) -> ExpDesc {
        ExpDesc {
            k,
            t: NO_JUMP,
            f: NO_JUMP,
        }
    }

    pub fn void() -> ExpDesc {
        ExpDesc::new(ExpKind::Void)
    }

    pub fn has_jumps(&self) -> bool {
        self.t != self.f
    }

    /// The single integer payload of kinds that have one (register, pc or
    /// constant index).
    pub fn info(&self) -> i32 {
        use ExpKind::*;
        match self.k {
            K(i) | NonReloc(i) | Upval(i) | Const(i) | Jmp(i) | Reloc(i) | Call(i) | Vararg(i) => i,
            k => unreachable!("expression kind {k:?} has no info"),
        }
    }

    /// An open call or vararg (may produce any number of values).
    pub fn has_multret(&self) -> bool {
        matches!(self.k, ExpKind::Call(_) | ExpKind::Vararg(_))
    }

    /// Can be assigned to.
    pub fn is_var(&self) -> bool {
        use ExpKind::*;
        matches!(
            self.k,
            Local { .. }
                | Upval(_)
                | Const(_)
                | Indexed { .. }
                | IndexUp { .. }
                | IndexI { .. }
                | IndexStr { .. }
        )
    }

    /// A table access.
    pub fn is_indexed(&self) -> bool {
        use ExpKind::*;
        matches!(
            self.k,
            Indexed { .. } | IndexUp { .. } | IndexI { .. } | IndexStr { .. }
        )
    }
}

/// Binary operators, in the reference order (arithmetic ones parallel the
/// `OP_ADD..OP_SHR`, `OP_ADDK..` opcodes and the metamethod events).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BinOpr {
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
    Concat,
    Eq,
    Lt,
    Le,
    Ne,
    Gt,
    Ge,
    And,
    Or,
}

impl BinOpr {
    /// Left and right priorities.
    pub fn priority(self) -> (u8, u8) {
        use BinOpr::*;
        match self {
            Add | Sub => (10, 10),
            Mul | Mod => (11, 11),
            Pow => (14, 13),
            Div | IDiv => (11, 11),
            BAnd => (6, 6),
            BOr => (4, 4),
            BXor => (5, 5),
            Shl | Shr => (7, 7),
            Concat => (9, 8),
            Eq | Lt | Le | Ne | Gt | Ge => (3, 3),
            And => (2, 2),
            Or => (1, 1),
        }
    }

    /// Position among the arithmetic/bitwise operators (0 for `+`), used to
    /// derive opcodes and metamethod events.
    pub fn arith_index(self) -> u8 {
        debug_assert!((self as u8) <= BinOpr::Shr as u8);
        self as u8
    }
}

/// Priority of unary operators.
pub(super) const UNARY_PRIORITY: u8 = 12;

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UnOpr {
    Minus,
    BNot,
    Not,
    Len,
}
