//! The compiler: Lua 5.4 source text to [`FnProto`] in a single pass.
//!
//! The design follows the reference implementation closely (its parser and
//! code generator), because the goal is to produce *the same bytecode* as
//! `luac5.4`: same register allocation, same constant table order, same
//! jump layout, same line information. The pieces:
//!
//! * `expdesc`: the "expression descriptor" that delays code generation
//!   until the parser knows how a value will be used;
//! * `code`: instruction emission, jump lists, registers, constants,
//!   discharging expressions, tables and the final peephole pass;
//! * `ops`: unary/binary operators and comparisons;
//! * `fold`: compile-time arithmetic for constant folding;
//! * `scope`: locals, upvalues, blocks, labels and gotos;
//! * `parser`: statements (the recursive-descent grammar's top half);
//! * `expr`: expressions, constructors, function bodies and calls.
//!
//! All of them are `impl` blocks of one `Parser` struct that owns the
//! lexer, a stack of function states (one per nested function being
//! compiled) and the data shared by all of them.

mod code;
mod expdesc;
mod expr;
mod fold;
mod ops;
mod parser;
mod scope;

use crate::bytecode::FnProto;
use crate::syntax::lexer::{Lexer, SyntaxError};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

/// Compiles a chunk. `chunkname` is the raw chunk name as given to load
/// ("@file.lua", "=stdin", or the source text itself); error messages use
/// `syntax::lexer::chunk_id(chunkname)`.
///
/// The result is the main function: vararg, no parameters, one upvalue
/// (`_ENV`, in the enclosing stack slot 0). `source` of it and of every
/// nested prototype is `chunkname`.
pub fn compile(source: &[u8], chunkname: &[u8]) -> Result<FnProto, SyntaxError> {
    compile_at(source, chunkname, MAIN_LEVEL)
}

/// [`compile`] at native call level `level`: syntactic nesting counts
/// toward the same limit of 200 as native calls do (as in the reference,
/// whose parser recurses in C), so the deeper the caller of `load`, the less
/// nesting a chunk may have.
///
/// ```
/// let deep = format!("return {}1{}", "(".repeat(150), ")".repeat(150));
/// assert!(kiln::compiler::compile_at(deep.as_bytes(), b"=t", 2).is_ok());
/// let e = kiln::compiler::compile_at(deep.as_bytes(), b"=t", 60).unwrap_err();
/// assert_eq!(e.message, b"C stack overflow");
/// ```
pub fn compile_at(source: &[u8], chunkname: &[u8], level: u32) -> Result<FnProto, SyntaxError> {
    let mut p = Parser::new(source, chunkname);
    p.level = level;
    p.main_func().map_err(|e| *e)
}

/// Error type inside the compiler (boxed: keeps every `Result` small, and
/// so the recursive parser's stack frames).
type Error = Box<SyntaxError>;

/// Result type of everything that can raise a compile error.
type R<T> = Result<T, Error>;

/// Interned string handle (names and string literals). Equal ids mean equal
/// bytes, so names compare by id.
type StrId = u32;

/// The native call level of `load` called from a main chunk run by the
/// standalone interpreter (its entry function and the chunk's call).
const MAIN_LEVEL: u32 = 2;

/// Maximum number of active local variables in a function.
const MAXVARS: usize = 200;

/// Maximum number of upvalues in a function.
const MAXUPVAL: usize = 255;

/// Longest string that is a "short string" (only those can be K operands of
/// GETFIELD/SETFIELD and friends).
const MAX_SHORT_LEN: usize = 40;

/// Variable kinds (also stored as the `kind` of upvalue descriptors).
mod vd {
    /// Regular variable.
    pub const REG: u8 = 0;
    /// `<const>` variable (not a compile-time constant).
    pub const CONST: u8 = 1;
    /// `<close>` variable.
    pub const TOCLOSE: u8 = 2;
    /// Compile-time constant: has no register, its uses are replaced by the value.
    pub const CTC: u8 = 3;
}

/// Value of a compile-time constant local.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ConstVal {
    Nil,
    Bool(bool),
    Int(i64),
    Flt(f64),
    Str(StrId),
}

/// An active local variable (of any function being compiled).
#[derive(Clone, Debug)]
struct VarDesc {
    kind: u8,
    /// Register holding the variable.
    ridx: i32,
    /// Index of its debug entry in `FnProto::locvars`.
    pidx: i32,
    name: StrId,
    /// Value, for compile-time constants.
    k: ConstVal,
}

/// A label, or a pending goto (including `break`s).
#[derive(Clone, Debug)]
struct LabelDesc {
    name: StrId,
    /// Position of the label, or of the goto's jump.
    pc: i32,
    line: u32,
    /// Number of active locals at that point.
    nactvar: i32,
    /// Whether the goto leaves the scope of a variable that needs closing.
    close: bool,
}

/// A lexical block being compiled.
#[derive(Clone, Debug)]
struct BlockCnt {
    firstlabel: usize,
    firstgoto: usize,
    nactvar: i32,
    /// Some local of the block is captured as an upvalue (or is to-be-closed).
    upval: bool,
    isloop: bool,
    insidetbc: bool,
}

/// State of one function being compiled.
#[derive(Debug)]
struct FuncState {
    f: FnProto,
    /// Names of `f.upvals`, interned.
    upnames: Vec<StrId>,
    /// Open blocks, innermost last.
    bl: Vec<BlockCnt>,
    /// Position of the last jump target (instructions before it cannot be
    /// merged with following ones).
    lasttarget: i32,
    /// Index of the first local of this function in `Parser::actvar`.
    firstlocal: usize,
    /// Index of the first label of this function in `Parser::labels`.
    firstlabel: usize,
    /// Number of active locals.
    nactvar: i32,
    /// First free register.
    freereg: i32,
    /// Function needs to close upvalues/tbc variables when returning.
    needclose: bool,
}

/// Key of the constant cache. The reference compiler keeps one cache for the
/// whole chunk (indexes are rechecked against the current function), which
/// affects the constant order when functions share constants; we mirror it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum KKey {
    Nil,
    Bool(bool),
    Int(i64),
    Flt(u64),
    Str(StrId),
}

/// A fast non-cryptographic hasher (the Fx hash) for the compiler's
/// private tables: their keys come from the program being compiled, which
/// is trusted as much as the code it becomes.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        for &b in chunks.remainder() {
            self.write_u64(b as u64);
        }
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64);
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash map with [`FxHasher`].
type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Interned strings.
#[derive(Default)]
struct Interner {
    map: FxHashMap<Rc<[u8]>, StrId>,
    strs: Vec<Rc<[u8]>>,
}

impl Interner {
    fn intern(&mut self, s: &[u8]) -> StrId {
        if let Some(&id) = self.map.get(s) {
            return id;
        }
        let rc: Rc<[u8]> = Rc::from(s);
        let id = self.strs.len() as StrId;
        self.strs.push(rc.clone());
        self.map.insert(rc, id);
        id
    }

    fn get(&self, id: StrId) -> &Rc<[u8]> {
        &self.strs[id as usize]
    }
}

/// The compiler state.
struct Parser<'a> {
    lex: Lexer<'a>,
    /// Functions being compiled, innermost (current) last.
    fss: Vec<FuncState>,
    /// Active local variables of all functions being compiled.
    actvar: Vec<VarDesc>,
    /// Pending gotos of all functions being compiled.
    gotos: Vec<LabelDesc>,
    /// Active labels of all functions being compiled.
    labels: Vec<LabelDesc>,
    kcache: FxHashMap<KKey, i32>,
    strs: Interner,
    source: Rc<[u8]>,
    /// Current nesting level (see [`compile_at`]).
    depth: u32,
    /// Native call level the parser runs at.
    level: u32,
    /// `_ENV`.
    envn: StrId,
    /// `break` (the name of the pseudo-label loops define at their end).
    brk: StrId,
}

impl<'a> Parser<'a> {
    fn new(source: &'a [u8], chunkname: &[u8]) -> Parser<'a> {
        let mut strs = Interner::default();
        let envn = strs.intern(b"_ENV");
        let brk = strs.intern(b"break");
        Parser {
            lex: Lexer::new(source, chunkname),
            fss: Vec::new(),
            actvar: Vec::new(),
            gotos: Vec::new(),
            labels: Vec::new(),
            kcache: FxHashMap::default(),
            strs,
            source: Rc::from(chunkname),
            depth: 0,
            level: MAIN_LEVEL,
            envn,
            brk,
        }
    }

    /// The current function.
    fn fs(&mut self) -> &mut FuncState {
        self.fss.last_mut().expect("no function being compiled")
    }

    /// The current function (shared).
    fn fsr(&self) -> &FuncState {
        self.fss.last().expect("no function being compiled")
    }

    /// A name as the debug info stores it.
    fn name_str(&self, id: StrId) -> Rc<str> {
        Rc::from(String::from_utf8_lossy(self.strs.get(id)).as_ref())
    }

    /// Error at the current token: `chunk:line: msg near 'tok'`.
    fn err_near(&self, msg: &str) -> Error {
        Box::new(self.lex.error_near(msg))
    }

    /// Semantic error (no "near" part): `chunk:line: msg`.
    fn semerror(&self, msg: &str) -> Error {
        Box::new(self.lex.error_plain(msg))
    }

    /// Error the reference interpreter raises as a runtime error during
    /// parsing (no position information).
    fn raw_error(msg: &str) -> Error {
        Box::new(SyntaxError {
            message: msg.as_bytes().to_vec(),
            at_eof: false,
            runtime: true,
        })
    }

    /// `too many <what> (limit is N) in <function>`.
    fn errorlimit(&self, limit: usize, what: &str) -> Error {
        self.errorlimit_in(self.fss.len() - 1, limit, what)
    }

    /// `too many <what> (limit is N) in <function fi>`.
    fn errorlimit_in(&self, fi: usize, limit: usize, what: &str) -> Error {
        let line = self.fss[fi].f.linedefined;
        let wh = if line == 0 {
            "main function".to_string()
        } else {
            format!("function at line {line}")
        };
        self.err_near(&format!("too many {what} (limit is {limit}) in {wh}"))
    }

    /// Enters one more syntactic nesting level.
    /// Like a native call: "C stack overflow" exactly at the limit, then
    /// (while a message handler deals with an overflow) "error in error
    /// handling" 10% past it.
    fn enter_level(&mut self) -> R<()> {
        use crate::vm::{ERRERR_CCALLS, MAX_CCALLS};
        self.depth += 1;
        let c = self.level.saturating_add(self.depth);
        if c == MAX_CCALLS {
            return Err(Self::raw_error("C stack overflow"));
        }
        if c >= ERRERR_CCALLS {
            let mut e = Self::raw_error("error in error handling");
            e.runtime = false;
            return Err(e);
        }
        Ok(())
    }

    fn leave_level(&mut self) {
        self.depth -= 1;
    }
}

#[cfg(test)]
mod tests;
