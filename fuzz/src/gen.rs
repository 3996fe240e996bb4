//! A generator of syntactically valid Lua 5.4 programs, driven by fuzz input.
//!
//! Every choice reads from an [`Unstructured`]; when the input runs out every
//! choice falls back to its first (simplest) option, so generation always
//! ends and small inputs give small programs. The output is ASCII only (other
//! bytes appear as escapes in string literals).
//!
//! Loops are bounded by construction (hidden counters), string sizes are kept
//! small, and pattern subjects go through `__S` (cut to 64 bytes), so a
//! program's run time is dominated by the instruction budget of the prelude
//! (see `lib.rs`), never by a single library call.
//!
//! [`Mode::Diff`] leaves out everything whose result is not fixed by the
//! language: `pairs`/`next` order (loop bodies over `pairs` only count),
//! finalizers and collection, weak tables, `string.dump`, the `debug`
//! library, `%p`, and `table.sort` with mixed types or a custom order.

use arbitrary::Unstructured;

/// What the generated program may use.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// Everything, including nondeterministic features (the `run` target).
    Run,
    /// Only features with a fixed result (the `diff` target).
    Diff,
}

const MAX_EXPR_DEPTH: u32 = 4;
const MAX_NEST: u32 = 5;
const MAX_NODES: u32 = 700;

/// Expression types the generator aims at (a hint; it may still produce
/// something else now and then, which is fine: errors are tested too).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    Any,
    Num,
    Int,
    Str,
    Table,
    Func,
}

struct Local {
    name: String,
    assignable: bool,
}

struct FnCtx {
    vararg: bool,
    loop_depth: u32,
}

/// The generator state.
pub struct Gen<'a, 'u> {
    u: &'u mut Unstructured<'a>,
    mode: Mode,
    out: String,
    indent: usize,
    scopes: Vec<Vec<Local>>,
    fns: Vec<FnCtx>,
    next_id: u32,
    depth: u32,
    nest: u32,
    nodes: u32,
    /// The statement being generated is at the top level of the main chunk.
    top: bool,
}

const INTS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "-1",
    "7",
    "10",
    "100",
    "255",
    "256",
    "1000",
    "0x10",
    "0xff",
    "2147483647",
    "2147483648",
    "-2147483648",
    "9223372036854775807",
    "-9223372036854775807",
    "9223372036854775808",
    "0x7fffffffffffffff",
    "0xffffffffffffffff",
    "0x8000000000000000",
    "math.maxinteger",
    "math.mininteger",
    "-0",
    "65536",
    "4294967296",
    "63",
    "64",
    "-64",
];

const FLOATS: &[&str] = &[
    "0.0",
    "-0.0",
    "0.5",
    "1.5",
    "-2.5",
    "3.14159",
    "1e308",
    "1e-308",
    "5e-324",
    "2^53",
    "2^63",
    "-2^63",
    "1e15",
    "1e16",
    "1e100",
    "math.huge",
    "-math.huge",
    "(0/0)",
    "math.pi",
    "0x1p4",
    "0x.8",
    "(1/3)",
    "100.0",
    "-0.5",
    "2^-1074",
    "1e14",
    "123456789012.5",
    "0.1",
    "3.0",
    "-1e15",
];

const STRS: &[&[u8]] = &[
    b"",
    b"a",
    b"abc",
    b"hello world",
    b"10",
    b"0x10",
    b" 12 ",
    b"1e2",
    b"3.0",
    b"-7",
    b"nan",
    b"inf",
    b"%d",
    b"%s",
    b"a,b,c",
    b"\0",
    b"\xff\xfe",
    "\u{4f60}\u{597d}".as_bytes(),
    b"\xc0\x80",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"x y  z",
    b"AbC",
    b"[[",
    b"]]",
    b"\n",
    b"%",
    b"(",
    b"abcabcabc",
    b"0",
    b"1",
    b"true",
    b"The quick brown fox jumps over the lazy dog",
    b"  0x1p4  ",
    b"9223372036854775808",
    b"-9223372036854775808",
    b"1e400",
    b"0x",
    b"5.",
    b".5",
    b"\xe2\x82\xac",
    b"\x7f\x80",
    b"__index",
    b"x",
];

const PATTERNS: &[&str] = &[
    "a",
    "%a+",
    "(%d+)",
    "^a",
    "b$",
    ".-",
    "[%w_]+",
    "%s*(.-)%s*$",
    "(a)(b)",
    "%bxy",
    "%b()",
    "%f[%w]%w+",
    "[^a-z]",
    "()",
    "%1",
    "(a)%1",
    "[",
    "%",
    "a*",
    "x?",
    "[a-",
    "(()",
    "%g",
    "[%]]",
    ".",
    "^$",
    "(.)(.)",
    "%d?%d",
    "%x+",
    "%p",
    "%c",
    "%u%l",
    "[^%s]+",
    "(h)(e)(l)(l)(o)",
    "((((a))))",
    "%w-",
    ".+",
    "[a-c]+$",
    "%f[%z]",
    "(",
    ")",
    "%b",
    "[]",
    "[^]",
    "%q",
    "o",
    " ",
    ",",
    "(o)",
    "%s",
];

const FORMATS: &[&str] = &[
    "%d", "%5d", "%-5d|", "%05d", "%+d", "%x", "%X", "%#x", "%o", "%c", "%s", "%q", "%10.3s",
    "%-10s|", "%g", "%.3f", "%e", "%.14g", "%a", "%i", "%%", "%5.2s", "%u", "%99d", "%.99f",
    "%100d", "%d %s", "%s=%d", "%.0f", "%5.1f", "%10.4g", "%-+ #0d", "%.20s", "%A", "%G", "%E",
    "%#o", "% d", "%.3d", "%s%s%s", "%", "%y", "%99.99f", "%.1e", "%#.3g",
];

const PACKS: &[&str] = &[
    "i4", "<i8", ">I2", "b", "B", "h", "H", "l", "j", "J", "T", "f", "d", "n", "s1", "s", "z", "x",
    "!4 i3", "<i3 >i5", "i17", "c5", "Xi4", "i16", "<I16", "s2", "=!8 b d", ">j", "c0", "I3", "i0",
    "!3 i", "Xz", "bXh", "<d>d",
];

const EVENTS: &[&str] = &[
    "__add",
    "__sub",
    "__mul",
    "__div",
    "__mod",
    "__pow",
    "__unm",
    "__idiv",
    "__band",
    "__bor",
    "__bxor",
    "__shl",
    "__shr",
    "__bnot",
    "__concat",
    "__len",
    "__eq",
    "__lt",
    "__le",
    "__index",
    "__newindex",
    "__call",
    "__tostring",
    "__name",
    "__close",
    "__metatable",
    "__index",
    "__newindex",
    "__call",
    "__tostring",
];

const BINOPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or", "&",
    "|", "~", "<<", ">>",
];

const FIELDS: &[&str] = &[
    "a", "b", "x", "y", "n", "self", "__index", "value", "k", "end_",
];

const GLOBALS: &[&str] = &["G1", "G2", "G3", "G4"];

/// Quote `b` as a Lua string literal (ASCII only).
pub fn quote(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len() + 2);
    s.push('"');
    for &c in b {
        match c {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\{c:03}")),
        }
    }
    s.push('"');
    s
}

impl<'a, 'u> Gen<'a, 'u> {
    /// A generator reading from `u`.
    pub fn new(u: &'u mut Unstructured<'a>, mode: Mode) -> Self {
        Gen {
            u,
            mode,
            out: String::new(),
            indent: 0,
            scopes: Vec::new(),
            fns: Vec::new(),
            next_id: 0,
            depth: 0,
            nest: 0,
            nodes: 0,
            top: false,
        }
    }

    /// Generate a whole chunk.
    pub fn program(mut self) -> String {
        self.fns.push(FnCtx {
            vararg: true,
            loop_depth: 0,
        });
        self.scopes.push(Vec::new());
        // A few locals of every type to start from.
        self.line("local s1, s2 = \"hello\", \"a,b,c\"");
        self.line("local n1, n2, n3 = 3, 2.5, -7");
        self.line("local t1 = {1, 2, 3, x = \"x\", y = {}}");
        self.line("local f1 = function(a, b) return a end");
        for (n, a) in [
            ("s1", true),
            ("s2", true),
            ("n1", true),
            ("n2", true),
            ("n3", true),
            ("t1", true),
            ("f1", true),
        ] {
            self.scopes[0].push(Local {
                name: n.into(),
                assignable: a,
            });
        }
        let n = self.pick(40);
        for _ in 0..n {
            if self.nodes > MAX_NODES || self.u.is_empty() {
                break;
            }
            self.top = true;
            self.stmt();
        }
        if self.chance(8) {
            let e = self.exprlist(3);
            self.line(&format!("return {e}"));
        }
        self.out
    }

    // ----- choices -----------------------------------------------------------

    /// A number in `0..n` (0 once the input is used up).
    fn pick(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        self.u.int_in_range(0..=n - 1).unwrap_or(0)
    }

    /// True with probability 1/k (false once the input is used up).
    fn chance(&mut self, k: usize) -> bool {
        k > 0 && self.pick(k) == k - 1
    }

    fn from<T: Copy>(&mut self, xs: &[T]) -> T {
        let i = self.pick(xs.len());
        xs[i]
    }

    fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// `tostring`, or in diff mode `__T` (prelude): the same with addresses
    /// replaced, since programs may take the bytes of the result apart.
    fn tostring_fn(&self) -> &'static str {
        if self.diff() {
            "__T"
        } else {
            "tostring"
        }
    }

    fn diff(&self) -> bool {
        self.mode == Mode::Diff
    }

    // ----- output --------------------------------------------------------------

    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn declare(&mut self, name: &str, assignable: bool) {
        self.scopes.last_mut().expect("scope").push(Local {
            name: name.to_string(),
            assignable,
        });
    }

    fn fctx(&mut self) -> &mut FnCtx {
        self.fns.last_mut().expect("function context")
    }

    // ----- blocks and statements -----------------------------------------------

    /// A block in a new scope. `ret`: a `return` may end it.
    fn block(&mut self, ret: bool) {
        self.nest += 1;
        self.indent += 1;
        self.scopes.push(Vec::new());
        let max = if self.nest <= 2 { 8 } else { 4 };
        let n = self.pick(max);
        for _ in 0..n {
            if self.nodes > MAX_NODES || self.u.is_empty() {
                break;
            }
            self.stmt();
        }
        if ret && self.chance(4) {
            let e = self.exprlist(3);
            self.line(&format!("return {e}"));
        }
        self.scopes.pop();
        self.indent -= 1;
        self.nest -= 1;
    }

    /// A loop body: a block that may `goto` a continue label at its end.
    fn loop_body(&mut self) {
        self.fctx().loop_depth += 1;
        let label = if self.chance(4) {
            Some(format!("c{}", self.id()))
        } else {
            None
        };
        self.nest += 1;
        self.indent += 1;
        self.scopes.push(Vec::new());
        let n = self.pick(if self.nest <= 2 { 6 } else { 3 });
        for i in 0..n {
            if self.nodes > MAX_NODES || self.u.is_empty() {
                break;
            }
            if let Some(l) = &label {
                if i == 0 || self.chance(3) {
                    let l = l.clone();
                    let c = self.expr(Ty::Any);
                    self.line(&format!("if {c} then goto {l} end"));
                }
            }
            self.stmt();
        }
        if let Some(l) = &label {
            let l = l.clone();
            self.line(&format!("::{l}::"));
        } else if self.chance(6) {
            let e = self.exprlist(2);
            self.line(&format!("return {e}"));
        }
        self.scopes.pop();
        self.indent -= 1;
        self.nest -= 1;
        self.fctx().loop_depth -= 1;
    }

    fn stmt(&mut self) {
        self.nodes += 1;
        let deep = self.nest >= MAX_NEST || self.nodes > MAX_NODES;
        let c = self.pick(if deep { 7 } else { 34 });
        let top = std::mem::replace(&mut self.top, false);
        let declaring = matches!(c, 1 | 28 | 5 | 13 | 16 | 17);
        if top && declaring {
            // Declarations stay at the top level; their initializers are
            // protected by __P (prelude), so the program goes on.
            self.stmt_kind(c, true);
        } else if top && !self.chance(5) {
            // Most top-level statements run protected, so that one error
            // does not end the program.
            self.line("print(pcall(function(...)");
            self.fns.push(FnCtx {
                vararg: true,
                loop_depth: 0,
            });
            self.scopes.push(Vec::new());
            self.indent += 1;
            self.stmt_kind(c, false);
            self.indent -= 1;
            self.scopes.pop();
            self.fns.pop();
            self.line("end))");
        } else {
            self.stmt_kind(c, false);
        }
    }

    fn stmt_kind(&mut self, c: usize, top: bool) {
        match c {
            0 | 26 | 27 => {
                let e = self.exprlist(3);
                self.line(&format!("print({e})"));
            }
            1 | 28 => self.local_decl(top),
            2 | 29 => self.assignment(),
            3 => {
                let c = self.call_expr();
                self.line(&format!(";{c}"));
            }
            4 => {
                let f = self.expr(Ty::Func);
                let a = self.exprlist(3);
                let sep = if a.is_empty() { "" } else { ", " };
                self.line(&format!("print(pcall({f}{sep}{a}))"));
            }
            5 => self.attrib_local(top),
            6 => {
                if self.fns.last().expect("fn").loop_depth > 0 {
                    let c = self.expr(Ty::Any);
                    self.line(&format!("if {c} then break end"));
                } else {
                    let e = self.expr(Ty::Any);
                    self.line(&format!("print({e})"));
                }
            }
            7 => self.if_stmt(),
            8 => self.while_stmt(),
            9 => self.numeric_for(),
            10 => self.generic_for(),
            11 => self.repeat_stmt(),
            12 => {
                self.line("do");
                self.block(true);
                self.line("end");
            }
            13 => {
                let name = format!("l{}", self.id());
                self.declare(&name, true);
                let (params, body) = self.func_body(false);
                self.line(&format!("local function {name}({params})"));
                self.out.push_str(&body);
                self.line("end");
            }
            14 => self.function_decl(),
            15 => {
                let (params, body) = self.func_body(false);
                let a = self.exprlist(3);
                let sep = if a.is_empty() { "" } else { ", " };
                self.line(&format!("print(pcall(function({params})"));
                self.out.push_str(&body);
                self.line(&format!("end{sep}{a}))"));
            }
            16 => {
                let name = format!("l{}", self.id());
                let t = self.table_ctor();
                let mt = self.metatable();
                if top {
                    self.line(&format!(
                        "local {name} = __P(function(...) return setmetatable({t}, {mt}) end)"
                    ));
                } else {
                    self.line(&format!("local {name} = setmetatable({t}, {mt})"));
                }
                self.declare(&name, true);
            }
            17 => self.coroutine_stmt(),
            18 => {
                let s = self.string_call();
                self.line(&format!("print(pcall(function(...) return {s} end))"));
            }
            19 => {
                let (params, body) = self.func_body(false);
                let h = self.handler();
                self.line(&format!("print(xpcall(function({params})"));
                self.out.push_str(&body);
                self.line(&format!("end, {h}))"));
            }
            20 => {
                let e = self.expr(Ty::Any);
                if self.chance(2) {
                    let lv = self.pick(4);
                    self.line(&format!("print(pcall(error, {e}, {lv}))"));
                } else {
                    let c = self.cond_rare();
                    self.line(&format!("if {c} then error({e}) end"));
                }
            }
            21 => {
                let chunk = self.sub_chunk();
                let a = self.exprlist(2);
                let sep = if a.is_empty() { "" } else { ", " };
                self.line(&format!(
                    "do local f, e = load({chunk}) if f then print(pcall(f{sep}{a})) else print(e) end end"
                ));
            }
            22 => {
                if self.diff() {
                    let t = self.expr(Ty::Table);
                    self.line(&format!("print(pcall(rawlen, {t}))"));
                } else {
                    self.gc_stmt();
                }
            }
            23 => {
                let s = self.table_call();
                self.line(&format!("print(pcall(function(...) return {s} end))"));
            }
            24 => {
                let s = self.misc_call();
                self.line(&format!("print(pcall(function(...) return {s} end))"));
            }
            25 => {
                let t = self.expr(Ty::Table);
                let k = self.expr(Ty::Any);
                let v = self.expr(Ty::Any);
                self.line(&format!(
                    "print(pcall(function(...) ({t})[ {k} ] = {v} end))"
                ));
            }
            30 => {
                let s = self.utf8_call();
                self.line(&format!("print(pcall(function(...) return {s} end))"));
            }
            31 => {
                let s = self.math_call();
                self.line(&format!("print(pcall(function(...) return {s} end))"));
            }
            32 => {
                // Multiple results through calls, select and varargs.
                let f = self.expr(Ty::Func);
                let a = self.exprlist(3);
                self.line(&format!(
                    "print(pcall(function(...) return select('#', ...), ... end, ({f})({a})))"
                ));
            }
            _ => {
                let e = self.expr(Ty::Any);
                self.line(&format!("print(pcall(function(...) return {e} end))"));
            }
        }
    }

    /// A condition that is usually false, to guard statements that end the
    /// enclosing function.
    fn cond_rare(&mut self) -> String {
        if self.chance(2) {
            "true".into()
        } else {
            let e = self.expr(Ty::Any);
            format!("not ({e})")
        }
    }

    fn local_decl(&mut self, top: bool) {
        let n = 1 + self.pick(3);
        let names: Vec<String> = (0..n).map(|_| format!("l{}", self.id())).collect();
        let e = if self.chance(5) {
            String::new()
        } else {
            let e = self.exprlist(3);
            if e.is_empty() {
                " = nil".to_string()
            } else if top {
                format!(" = __P(function(...) return {e} end)")
            } else {
                format!(" = {e}")
            }
        };
        self.line(&format!("local {}{e}", names.join(", ")));
        for nm in names {
            self.declare(&nm, true);
        }
    }

    fn attrib_local(&mut self, top: bool) {
        let name = format!("l{}", self.id());
        if self.chance(2) {
            let e = self.expr(Ty::Any);
            if top {
                self.line(&format!(
                    "local {name} <const> = __P(function(...) return {e} end)"
                ));
            } else {
                self.line(&format!("local {name} <const> = {e}"));
            }
            self.declare(&name, false);
        } else {
            let v = match self.pick(4) {
                0 => "nil".to_string(),
                1 => "false".to_string(),
                2 => self.expr(Ty::Any),
                _ => {
                    let tag = self.str_lit();
                    let (params, body) = self.func_body_with(&["o", "e"], false);
                    let _ = params;
                    let mut s = format!(
                        "setmetatable({{}}, {{__close = function(o, e) print('close', {tag}, e)\n"
                    );
                    s.push_str(&body);
                    s.push_str("end})");
                    s
                }
            };
            self.line(&format!("local {name} <close> = {v}"));
            self.declare(&name, false);
        }
    }

    fn assignment(&mut self) {
        let n = 1 + self.pick(3);
        let mut targets = Vec::new();
        for _ in 0..n {
            targets.push(self.target());
        }
        let e = self.exprlist(3);
        let e = if e.is_empty() { "nil".into() } else { e };
        self.line(&format!(";{} = {e}", targets.join(", ")));
    }

    fn target(&mut self) -> String {
        match self.pick(4) {
            0 | 1 => self.var_ref(true),
            2 => {
                let p = self.prefix();
                let k = self.expr(Ty::Any);
                format!("{p}[ {k} ]")
            }
            _ => {
                let p = self.prefix();
                let f = self.from(FIELDS);
                format!("{p}.{f}")
            }
        }
    }

    fn if_stmt(&mut self) {
        let c = self.expr(Ty::Any);
        self.line(&format!("if {c} then"));
        self.block(true);
        let n = self.pick(3);
        for _ in 0..n {
            let c = self.expr(Ty::Any);
            self.line(&format!("elseif {c} then"));
            self.block(true);
        }
        if self.chance(2) {
            self.line("else");
            self.block(true);
        }
        self.line("end");
    }

    fn while_stmt(&mut self) {
        let cnt = format!("w{}", self.id());
        let max = 1 + self.pick(6);
        let c = self.expr(Ty::Any);
        self.line(&format!("local {cnt} = 0"));
        self.declare(&cnt, false);
        self.line(&format!("while {c} do"));
        self.line(&format!(
            "  {cnt} = {cnt} + 1 if {cnt} > {max} then break end"
        ));
        self.loop_body();
        self.line("end");
    }

    fn repeat_stmt(&mut self) {
        let cnt = format!("r{}", self.id());
        let max = 1 + self.pick(5);
        self.line(&format!("local {cnt} = 0"));
        self.declare(&cnt, false);
        self.line("repeat");
        self.line(&format!("  {cnt} = {cnt} + 1"));
        // The until-expression sees the body's locals: generate it inside.
        self.fctx().loop_depth += 1;
        self.nest += 1;
        self.indent += 1;
        self.scopes.push(Vec::new());
        let n = self.pick(5);
        for _ in 0..n {
            if self.nodes > MAX_NODES || self.u.is_empty() {
                break;
            }
            self.stmt();
        }
        let c = self.expr(Ty::Any);
        self.scopes.pop();
        self.indent -= 1;
        self.nest -= 1;
        self.fctx().loop_depth -= 1;
        self.line(&format!("until {cnt} >= {max} or {c}"));
    }

    fn numeric_for(&mut self) {
        let v = format!("i{}", self.id());
        let range = match self.pick(22) {
            0 => "1, 3".to_string(),
            1 => "3, 1, -1".into(),
            2 => "1, 0".into(),
            3 => "math.maxinteger - 2, math.maxinteger".into(),
            4 => "math.mininteger, math.mininteger + 2".into(),
            5 => "math.mininteger + 1, math.mininteger, -1".into(),
            6 => "1, 2, 0.5".into(),
            7 => "0.1, 1, 0.3".into(),
            8 => "1, math.maxinteger, math.maxinteger // 2".into(),
            9 => "1, 10, 0".into(),
            10 => "'1', 2".into(),
            11 => "1, 2.5".into(),
            12 => "-1, -3, -1".into(),
            13 => "math.maxinteger, math.maxinteger - 1, -1".into(),
            14 => "1.0, 3".into(),
            15 => "3, 1".into(),
            16 => "math.mininteger, math.mininteger, math.mininteger".into(),
            17 => "0, -1, math.mininteger".into(),
            18 => "1, 3, math.huge".into(),
            19 => "math.maxinteger - 1, math.huge".into(),
            20 => "-math.huge, -1e308".into(),
            _ => {
                let a = self.small_num();
                let b = self.small_num();
                if self.chance(2) {
                    let c = self.small_num();
                    format!("{a}, {b}, {c}")
                } else {
                    format!("{a}, {b}")
                }
            }
        };
        // A hidden counter bounds float loops that never advance
        // (e.g. from -math.huge).
        let cnt = format!("f{}", self.id());
        self.line(&format!("local {cnt} = 0"));
        self.declare(&cnt, false);
        self.line(&format!("for {v} = {range} do"));
        self.line(&format!("  {cnt} = {cnt} + 1 if {cnt} > 20 then break end"));
        self.scopes.push(vec![Local {
            name: v,
            assignable: true,
        }]);
        self.loop_body();
        self.scopes.pop();
        self.line("end");
    }

    /// A number expression with a small value (keeps loops short).
    fn small_num(&mut self) -> String {
        match self.pick(6) {
            0 => format!("{}", self.pick(5)),
            1 => format!("-{}", self.pick(5)),
            2 => format!("{}.5", self.pick(4)),
            3 => {
                let e = self.expr(Ty::Num);
                format!("(({e}) % 5)")
            }
            4 => "n1".into(),
            _ => format!("#{}", self.expr(Ty::Str)),
        }
    }

    fn generic_for(&mut self) {
        let a = format!("k{}", self.id());
        let b = format!("v{}", self.id());
        let (head, counting) = match self.pick(8) {
            0 => {
                let t = self.expr(Ty::Table);
                (format!("for {a}, {b} in ipairs({t}) do"), false)
            }
            1 => {
                let t = self.expr(Ty::Table);
                (format!("for {a}, {b} in pairs({t}) do"), self.diff())
            }
            2 => {
                let s = self.expr(Ty::Str);
                let p = self.pattern();
                (
                    format!("for {a}, {b} in string.gmatch(__S({s}), {p}) do"),
                    false,
                )
            }
            3 => {
                let s = self.expr(Ty::Str);
                (format!("for {a}, {b} in utf8.codes({s}) do"), false)
            }
            4 => {
                let n = 1 + self.pick(4);
                let e = self.expr(Ty::Any);
                (
                    format!(
                        "for {a}, {b} in coroutine.wrap(function(...) for i = 1, {n} do coroutine.yield(i, {e}) end end) do"
                    ),
                    false,
                )
            }
            5 => {
                let t = self.expr(Ty::Table);
                (format!("for {a}, {b} in next, {t} do"), self.diff())
            }
            6 => {
                let f = self.expr(Ty::Func);
                let s = self.expr(Ty::Any);
                (format!("for {a}, {b} in {f}, {s} do"), false)
            }
            _ => {
                let t = self.expr(Ty::Table);
                let c = self.expr(Ty::Any);
                (
                    format!("for {a}, {b} in pairs(setmetatable({{}}, {{__pairs = function(t, ...) return next, {t}, {c} end}})) do"),
                    self.diff(),
                )
            }
        };
        // A hidden counter bounds loops over endless iterators.
        let cnt = format!("g{}", self.id());
        self.line(&format!("local {cnt} = 0"));
        self.declare(&cnt, false);
        self.line(&head);
        self.line(&format!("  {cnt} = {cnt} + 1 if {cnt} > 20 then break end"));
        if counting {
            // Iteration order is unspecified: only count.
            self.line("end");
            self.line(&format!("print('iterations', {cnt})"));
            return;
        }
        self.scopes.push(vec![
            Local {
                name: a,
                assignable: true,
            },
            Local {
                name: b,
                assignable: true,
            },
        ]);
        self.loop_body();
        self.scopes.pop();
        self.line("end");
    }

    fn function_decl(&mut self) {
        match self.pick(3) {
            0 => {
                let g = self.from(GLOBALS);
                let (params, body) = self.func_body(false);
                self.line(&format!("function {g}({params})"));
                self.out.push_str(&body);
                self.line("end");
            }
            1 => {
                let p = self.var_ref(false);
                let f = self.from(FIELDS);
                let (params, body) = self.func_body(false);
                self.line(&format!("function {p}.{f}({params})"));
                self.out.push_str(&body);
                self.line("end");
            }
            _ => {
                let p = self.var_ref(false);
                let f = self.from(FIELDS);
                let (params, body) = self.func_body(true);
                self.line(&format!("function {p}:{f}({params})"));
                self.out.push_str(&body);
                self.line("end");
            }
        }
    }

    fn coroutine_stmt(&mut self) {
        let co = format!("co{}", self.id());
        let (params, body) = self.func_body_yielding();
        self.line(&format!("local {co} = coroutine.create(function({params})"));
        self.out.push_str(&body);
        self.line("end)");
        self.declare(&co, true);
        let n = 1 + self.pick(4);
        for _ in 0..n {
            match self.pick(6) {
                0..=2 => {
                    let a = self.exprlist(2);
                    let sep = if a.is_empty() { "" } else { ", " };
                    self.line(&format!("print(coroutine.resume({co}{sep}{a}))"));
                }
                3 => self.line(&format!("print(coroutine.status({co}))")),
                4 => self.line(&format!("print(coroutine.close({co}))")),
                _ => {
                    let a = self.exprlist(2);
                    let sep = if a.is_empty() { "" } else { ", " };
                    self.line(&format!(
                        "print(pcall(coroutine.wrap(function(...) return coroutine.resume({co}, ...) end){sep}{a}))"
                    ));
                }
            }
        }
    }

    /// Run mode only: finalizers, weak tables, collection.
    fn gc_stmt(&mut self) {
        match self.pick(5) {
            0 => self.line("collectgarbage()"),
            1 => {
                let (_, body) = self.func_body_with(&["o"], false);
                self.line("do local x = setmetatable({}, {__gc = function(o)");
                self.out.push_str(&body);
                self.line("end}) end");
            }
            2 => {
                let m = self.from(&["k", "v", "kv", ""]);
                let t = self.expr(Ty::Table);
                self.line(&format!(
                    "do local w = setmetatable({{}}, {{__mode = '{m}'}}) w[1] = {t} w[{{}}] = 1 collectgarbage() local c = 0 for _ in pairs(w) do c = c + 1 end print(c) end"
                ));
            }
            3 => {
                let e = self.expr(Ty::Any);
                self.line(&format!(
                    "do setmetatable({{}}, {{__gc = function(...) error({e}) end}}) end collectgarbage('step')"
                ));
            }
            _ => {
                let f = self.expr(Ty::Func);
                self.line(&format!(
                    "if string.dump then print(pcall(function(...) return load(string.dump({f}), 'd', 'b') end)) end"
                ));
            }
        }
    }

    // ----- functions -------------------------------------------------------------

    /// Parameter list and body of a new function (body text ends before `end`).
    fn func_body(&mut self, method: bool) -> (String, String) {
        let n = self.pick(4);
        let mut params: Vec<String> = (0..n).map(|_| format!("p{}", self.id())).collect();
        let vararg = self.chance(3);
        let mut names: Vec<String> = params.clone();
        if method {
            names.insert(0, "self".into());
        }
        if vararg {
            params.push("...".into());
        }
        let body = self.body_text(&names, vararg, false);
        (params.join(", "), body)
    }

    fn func_body_with(&mut self, names: &[&str], vararg: bool) -> (String, String) {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let body = self.body_text(&names, vararg, false);
        (names.join(", "), body)
    }

    /// Like `func_body` but the body yields now and then.
    fn func_body_yielding(&mut self) -> (String, String) {
        let n = self.pick(3);
        let mut params: Vec<String> = (0..n).map(|_| format!("p{}", self.id())).collect();
        let names = params.clone();
        params.push("...".into());
        let body = self.body_text(&names, true, true);
        (params.join(", "), body)
    }

    fn body_text(&mut self, names: &[String], vararg: bool, yields: bool) -> String {
        let saved_out = std::mem::take(&mut self.out);
        self.fns.push(FnCtx {
            vararg,
            loop_depth: 0,
        });
        self.scopes.push(
            names
                .iter()
                .map(|n| Local {
                    name: n.clone(),
                    assignable: true,
                })
                .collect(),
        );
        if yields {
            self.indent += 1;
            let e = self.exprlist(2);
            self.line(&format!("print('in', coroutine.yield({e}))"));
            self.indent -= 1;
        }
        let again = yields && self.chance(2);
        self.block(!again);
        if again {
            self.indent += 1;
            let e = self.exprlist(2);
            self.line(&format!("print('again', coroutine.yield({e}))"));
            self.indent -= 1;
        }
        self.scopes.pop();
        self.fns.pop();
        std::mem::replace(&mut self.out, saved_out)
    }

    /// A separate chunk as a string literal (for `load`); it sees no locals.
    fn sub_chunk(&mut self) -> String {
        if self.chance(4) {
            // Something that may not compile.
            let s = self.from(&[
                "return 1 +",
                "x = = 1",
                "goto nowhere",
                "local x <const> = 1; x = 2",
                "for i = 1 do end",
                "return ...",
                "break",
                "::a:: ::a::",
                "local x <foo> = 1",
                "return '\\xzz'",
                "return \"unfinished",
                "--[[ unfinished",
                "return 0x",
                "return 1e",
                "f(",
                "return {...}",
                "local function f() return f() end return f()",
            ]);
            return quote(s.as_bytes());
        }
        let saved_scopes = std::mem::take(&mut self.scopes);
        let saved_indent = self.indent;
        self.indent = 0;
        let body = self.body_text(&[], true, false);
        self.indent = saved_indent;
        self.scopes = saved_scopes;
        quote(body.as_bytes())
    }

    // ----- expressions -------------------------------------------------------------

    fn exprlist(&mut self, max: usize) -> String {
        let n = self.pick(max + 1);
        let v: Vec<String> = (0..n).map(|_| self.expr(Ty::Any)).collect();
        v.join(", ")
    }

    fn var_ref(&mut self, assign: bool) -> String {
        let n = self
            .scopes
            .iter()
            .flatten()
            .filter(|l| !assign || l.assignable)
            .count();
        if n == 0 || self.u.int_in_range(0..=5).unwrap_or(1) == 0 {
            return self.from(GLOBALS).to_string();
        }
        // Out of input: the innermost variable.
        let i = self.u.int_in_range(0..=n - 1).unwrap_or(n - 1);
        self.scopes
            .iter()
            .flatten()
            .filter(|l| !assign || l.assignable)
            .nth(i)
            .map(|l| l.name.clone())
            .unwrap_or_else(|| "G1".into())
    }

    /// A prefix expression (something that can be indexed or called).
    fn prefix(&mut self) -> String {
        match self.pick(4) {
            0 | 1 => self.var_ref(false),
            2 => {
                let e = self.expr(Ty::Table);
                format!("({e})")
            }
            _ => {
                let e = self.expr(Ty::Any);
                format!("({e})")
            }
        }
    }

    fn int_lit(&mut self) -> String {
        if self.chance(3) {
            format!("{}", self.u.arbitrary::<u8>().unwrap_or(0))
        } else {
            self.from(INTS).to_string()
        }
    }

    fn str_lit(&mut self) -> String {
        match self.pick(6) {
            0..=2 => quote(self.from(STRS)),
            3 => {
                let n = self.pick(9);
                let mut b = Vec::new();
                for _ in 0..n {
                    let c = self.from(b"abcxyz019 %.()[]^$*+-?,\0\xff\xc3\xa9\n\"\\");
                    b.push(c);
                }
                quote(&b)
            }
            4 => {
                let s = self.from(&["hello", "a]b", "x\ny", "", "abc"]);
                if s.contains(']') {
                    format!("[==[{s}]==]")
                } else {
                    format!("[[{s}]]")
                }
            }
            _ => {
                let s = self.from(&[
                    "\\x41\\u{48}\\z   i",
                    "\\065\\10",
                    "\\u{7FFFFFFF}",
                    "a\\\"b",
                    "\\u{10FFFF}",
                ]);
                format!("\"{s}\"")
            }
        }
    }

    fn atom(&mut self, ty: Ty) -> String {
        match ty {
            Ty::Num => {
                return match self.pick(4) {
                    0 | 1 => self.int_lit(),
                    2 => self.from(FLOATS).to_string(),
                    _ => self.var_ref(false),
                }
            }
            Ty::Int => {
                return match self.pick(3) {
                    0 | 1 => self.int_lit(),
                    _ => self.var_ref(false),
                }
            }
            Ty::Str => {
                return match self.pick(3) {
                    0 | 1 => self.str_lit(),
                    _ => self.var_ref(false),
                }
            }
            Ty::Table => {
                return match self.pick(3) {
                    0 => "{}".into(),
                    1 => "t1".into(),
                    _ => self.var_ref(false),
                }
            }
            Ty::Func => {
                return self
                    .from(&[
                        "f1",
                        "print",
                        "type",
                        "tostring",
                        "string.upper",
                        "select",
                        "pcall",
                        "error",
                        "coroutine.yield",
                        "next",
                        "rawequal",
                        "math.max",
                        "string.rep",
                        "table.unpack",
                        "setmetatable",
                        "function(...) return ... end",
                    ])
                    .to_string()
            }
            Ty::Any => {}
        }
        match self.pick(10) {
            0 => "nil".into(),
            1 => "true".into(),
            2 => "false".into(),
            3 => self.int_lit(),
            4 => self.from(FLOATS).to_string(),
            5 => self.str_lit(),
            9 if self.fns.last().expect("fn").vararg => "...".into(),
            _ => self.var_ref(false),
        }
    }

    fn expr(&mut self, ty: Ty) -> String {
        if self.depth >= MAX_EXPR_DEPTH
            || self.nodes > MAX_NODES
            || (self.depth >= 2 && self.pick(3) > 0)
        {
            return self.atom(ty);
        }
        self.depth += 1;
        self.nodes += 1;
        let r = match ty {
            Ty::Num | Ty::Int => self.num_expr(ty),
            Ty::Str => self.str_expr(),
            Ty::Table => self.table_expr(),
            Ty::Func => self.func_expr(),
            Ty::Any => self.any_expr(),
        };
        self.depth -= 1;
        r
    }

    fn any_expr(&mut self) -> String {
        match self.pick(26) {
            0..=4 => self.atom(Ty::Any),
            5 | 6 => {
                let op = self.from(BINOPS);
                let a = self.expr(Ty::Any);
                let b = self.expr(Ty::Any);
                format!("{a} {op} {b}")
            }
            7 => {
                let op = self.from(&["-", "not", "#", "~"]);
                let a = self.expr(Ty::Any);
                format!("{op} {a}")
            }
            8 => format!("({})", self.expr(Ty::Any)),
            9 => {
                let p = self.prefix();
                let k = self.expr(Ty::Any);
                format!("{p}[ {k} ]")
            }
            10 => {
                let p = self.prefix();
                let f = self.from(FIELDS);
                format!("{p}.{f}")
            }
            11 | 12 => self.call_expr(),
            13 => self.func_expr(),
            14 => self.table_ctor(),
            15 => self.num_expr(Ty::Num),
            16 => self.str_expr(),
            17 => self.string_call(),
            18 => self.table_call(),
            19 => self.misc_call(),
            20 => self.math_call(),
            21 => self.utf8_call(),
            22 => {
                let t = self.table_ctor();
                let mt = self.metatable();
                format!("setmetatable({t}, {mt})")
            }
            23 => {
                let a = self.exprlist(2);
                format!("coroutine.yield({a})")
            }
            24 => {
                let op = self.from(&["==", "~=", "<", "<=", ">", ">="]);
                let a = self.expr(Ty::Num);
                let b = self.expr(Ty::Num);
                format!("{a} {op} {b}")
            }
            _ => {
                let op = self.from(&["and", "or"]);
                let a = self.expr(Ty::Any);
                let b = self.expr(Ty::Any);
                format!("({a} {op} {b})")
            }
        }
    }

    fn num_expr(&mut self, ty: Ty) -> String {
        match self.pick(8) {
            0..=2 => self.atom(ty),
            3 | 4 => {
                let ops: &[&str] = if ty == Ty::Int {
                    &["+", "-", "*", "//", "%", "&", "|", "~", "<<", ">>"]
                } else {
                    &[
                        "+", "-", "*", "/", "//", "%", "^", "&", "|", "~", "<<", ">>",
                    ]
                };
                let op = self.from(ops);
                let a = self.expr(ty);
                let b = self.expr(ty);
                if self.chance(2) {
                    format!("({a} {op} {b})")
                } else {
                    format!("{a} {op} {b}")
                }
            }
            5 => {
                let op = self.from(&["-", "~", "#"]);
                let a = if op == "#" {
                    self.expr(Ty::Str)
                } else {
                    self.expr(ty)
                };
                format!("{op} {a}")
            }
            6 => self.math_call(),
            _ => {
                let s = self.expr(Ty::Str);
                format!("tonumber({s})")
            }
        }
    }

    fn str_expr(&mut self) -> String {
        match self.pick(6) {
            0..=2 => self.atom(Ty::Str),
            3 => {
                let a = self.expr(Ty::Any);
                let b = self.expr(Ty::Str);
                format!("{a} .. {b}")
            }
            4 => self.string_call(),
            _ => {
                let a = self.expr(Ty::Any);
                format!("{}({a})", self.tostring_fn())
            }
        }
    }

    fn table_expr(&mut self) -> String {
        match self.pick(4) {
            0 => self.atom(Ty::Table),
            1 | 2 => self.table_ctor(),
            _ => {
                let t = self.table_ctor();
                let mt = self.metatable();
                format!("setmetatable({t}, {mt})")
            }
        }
    }

    fn func_expr(&mut self) -> String {
        if self.pick(3) == 0 {
            return self.atom(Ty::Func);
        }
        let (params, body) = self.func_body(false);
        let ind = "  ".repeat(self.indent);
        format!("function({params})\n{body}{ind}end")
    }

    fn table_ctor(&mut self) -> String {
        let n = self.pick(7);
        let mut items = Vec::new();
        for i in 0..n {
            let it = match self.pick(5) {
                0 | 1 => self.expr(Ty::Any),
                2 => {
                    let f = self.from(FIELDS);
                    let v = self.expr(Ty::Any);
                    format!("{f} = {v}")
                }
                3 => {
                    let k = self.expr(Ty::Any);
                    let v = self.expr(Ty::Any);
                    format!("[ {k} ] = {v}")
                }
                _ => {
                    if i + 1 == n {
                        // Multiple results at the end.
                        if self.fns.last().expect("fn").vararg && self.chance(2) {
                            "...".into()
                        } else {
                            self.call_expr()
                        }
                    } else {
                        self.expr(Ty::Num)
                    }
                }
            };
            items.push(it);
        }
        let sep = if self.chance(2) { "; " } else { ", " };
        let trail = if n > 0 && self.chance(4) {
            sep.trim_end()
        } else {
            ""
        };
        format!("{{{}{trail}}}", items.join(sep))
    }

    fn metatable(&mut self) -> String {
        let n = 1 + self.pick(4);
        let mut items = Vec::new();
        for _ in 0..n {
            let ev = self.from(EVENTS);
            let v = match ev {
                "__name" => self.str_lit(),
                "__metatable" => self.expr(Ty::Any),
                "__index" | "__newindex" if self.chance(2) => self.expr(Ty::Table),
                "__index" => {
                    let (_, body) = self.func_body_with(&["t", "k"], false);
                    let ind = "  ".repeat(self.indent);
                    format!("function(t, k)\n{body}{ind}end")
                }
                "__newindex" => {
                    let (_, body) = self.func_body_with(&["t", "k", "v"], false);
                    let ind = "  ".repeat(self.indent);
                    format!("function(t, k, v)\n{body}{ind}end")
                }
                "__close" => {
                    let (_, body) = self.func_body_with(&["o", "e"], false);
                    let ind = "  ".repeat(self.indent);
                    format!("function(o, e)\n{body}{ind}end")
                }
                "__call" => {
                    let (_, body) = self.func_body_with(&["self"], true);
                    let ind = "  ".repeat(self.indent);
                    format!("function(self, ...)\n{body}{ind}end")
                }
                "__tostring" | "__len" | "__unm" | "__bnot" => {
                    if self.chance(3) {
                        let v = self.expr(Ty::Any);
                        format!("function(o, ...) return {v} end")
                    } else {
                        let (_, body) = self.func_body_with(&["o"], false);
                        let ind = "  ".repeat(self.indent);
                        format!("function(o)\n{body}{ind}end")
                    }
                }
                _ => {
                    if self.chance(2) {
                        let v = self.expr(Ty::Any);
                        format!("function(a, b, ...) return {v} end")
                    } else {
                        let (_, body) = self.func_body_with(&["a", "b"], false);
                        let ind = "  ".repeat(self.indent);
                        format!("function(a, b)\n{body}{ind}end")
                    }
                }
            };
            items.push(format!("{ev} = {v}"));
        }
        if !self.diff() && self.chance(6) {
            items.push(format!("__mode = '{}'", self.from(&["k", "v", "kv"])));
        }
        format!("{{{}}}", items.join(", "))
    }

    fn handler(&mut self) -> String {
        match self.pick(4) {
            0 => "function(m) return m end".into(),
            1 => "function(m) return 'handled: ' .. tostring(m) end".into(),
            2 => "error".into(),
            _ => {
                if self.diff() {
                    let e = self.expr(Ty::Any);
                    format!("function(m, ...) return {e} end")
                } else {
                    "debug.traceback".into()
                }
            }
        }
    }

    fn call_expr(&mut self) -> String {
        match self.pick(6) {
            0 | 1 => {
                let f = self.var_ref(false);
                let a = self.exprlist(3);
                format!("{f}({a})")
            }
            2 => {
                let p = self.prefix();
                let m = self.from(&[
                    "upper", "len", "sub", "rep", "byte", "format", "x", "n", "a", "find", "gsub",
                ]);
                let a = self.exprlist(2);
                format!("{p}:{m}({a})")
            }
            3 => {
                let f = self.expr(Ty::Func);
                let a = self.exprlist(3);
                format!("({f})({a})")
            }
            4 => {
                let f = self.var_ref(false);
                if self.chance(2) {
                    let s = self.str_lit();
                    format!("{f}{s}")
                } else {
                    let t = self.table_ctor();
                    format!("{f}{t}")
                }
            }
            _ => self.misc_call(),
        }
    }

    // ----- library calls ------------------------------------------------------------

    fn pattern(&mut self) -> String {
        if self.chance(3) {
            let n = 1 + self.pick(6);
            let mut b = Vec::new();
            for _ in 0..n {
                b.push(self.from(b"a.%()[]^$*+-?1bdswf"));
            }
            quote(&b)
        } else {
            quote(self.from(PATTERNS).as_bytes())
        }
    }

    fn string_call(&mut self) -> String {
        let s = self.expr(Ty::Str);
        match self.pick(22) {
            0 => format!("string.len({s})"),
            1 => format!("string.upper({s})"),
            2 => format!("string.lower({s})"),
            3 => format!("string.reverse(__S({s}))"),
            4 => {
                let i = self.expr(Ty::Int);
                if self.chance(2) {
                    let j = self.expr(Ty::Int);
                    format!("string.sub({s}, {i}, {j})")
                } else {
                    format!("({s}):sub({i})")
                }
            }
            5 => {
                let n = self.from(&[
                    "0",
                    "1",
                    "2",
                    "3",
                    "5",
                    "-1",
                    "math.maxinteger",
                    "1e10",
                    "2^31",
                ]);
                // With a huge count the piece is never empty: lua5.4 loops
                // `count` times over an empty string and separator.
                let piece = if n.len() > 2 {
                    format!("__S({s}) .. 'x'")
                } else {
                    format!("__S({s})")
                };
                if self.chance(2) {
                    let sep = self.expr(Ty::Str);
                    format!("string.rep({piece}, {n}, __S({sep}))")
                } else {
                    format!("string.rep({piece}, {n})")
                }
            }
            6 => {
                let i = self.expr(Ty::Int);
                let j = self.expr(Ty::Int);
                format!("string.byte({s}, {i}, {j})")
            }
            7 => {
                let n = self.pick(4);
                let a: Vec<String> = (0..n).map(|_| self.expr(Ty::Int)).collect();
                format!("string.char({})", a.join(", "))
            }
            8 | 9 => {
                let f = self.format_string();
                let a = self.exprlist(3);
                let sep = if a.is_empty() { "" } else { ", " };
                format!("string.format({f}{sep}{a})")
            }
            10 => {
                let p = self.pattern();
                let init = if self.chance(2) {
                    format!(", {}", self.expr(Ty::Int))
                } else {
                    String::new()
                };
                let plain = if self.chance(3) { ", true" } else { "" };
                format!("string.find(__S({s}), {p}{init}{plain})")
            }
            11 => {
                let p = self.pattern();
                format!("string.match(__S({s}), {p})")
            }
            12 | 13 => {
                let p = self.pattern();
                let r = match self.pick(5) {
                    0 => quote(
                        self.from(&["%1", "%0", "x", "%%", "%2", "%a", "<%0>", ""])
                            .as_bytes(),
                    ),
                    1 => self.table_ctor(),
                    2 => "function(...) return select('#', ...) end".into(),
                    3 => self.func_expr(),
                    _ => self.expr(Ty::Any),
                };
                let n = if self.chance(3) {
                    format!(", {}", self.expr(Ty::Int))
                } else {
                    String::new()
                };
                format!("string.gsub(__S({s}), {p}, {r}{n})")
            }
            14 => {
                let f = quote(self.from(PACKS).as_bytes());
                let a = self.exprlist(2);
                let sep = if a.is_empty() { "" } else { ", " };
                format!("string.unpack({f}, string.pack({f}{sep}{a}))")
            }
            15 => {
                let f = quote(self.from(PACKS).as_bytes());
                format!("string.packsize({f})")
            }
            16 => {
                let f = quote(self.from(PACKS).as_bytes());
                let i = if self.chance(2) {
                    format!(", {}", self.expr(Ty::Int))
                } else {
                    String::new()
                };
                format!("string.unpack({f}, {s}{i})")
            }
            17 => {
                let p = self.pattern();
                format!("select('#', string.gmatch(__S({s}), {p})())")
            }
            18 => {
                let m = self.from(&["upper", "len", "byte", "reverse", "lower"]);
                format!("({s}):{m}()")
            }
            19 => {
                let a = self.expr(Ty::Any);
                format!("{s} .. {a}")
            }
            20 => format!("string.format('%q', {s})"),
            _ => {
                if self.diff() {
                    format!(
                        "string.format('%s|%5s|%-5s|%.2s', __T({s}), __T({s}), __T({s}), __T({s}))"
                    )
                } else {
                    let a = self.expr(Ty::Any);
                    format!("string.format('%p', {a})")
                }
            }
        }
    }

    fn format_string(&mut self) -> String {
        if self.chance(3) {
            let mut f = String::from("%");
            let nflags = self.pick(3);
            for _ in 0..nflags {
                f.push(self.from(&['-', '+', ' ', '#', '0']));
            }
            match self.pick(4) {
                0 => {}
                1 => f.push_str(&format!("{}", self.pick(10))),
                2 => f.push_str(&format!("{}", self.pick(100))),
                _ => f.push_str(&format!("{}", self.u.arbitrary::<u16>().unwrap_or(0))),
            }
            if self.chance(2) {
                f.push_str(&format!(".{}", self.pick(120)));
            }
            f.push(self.from(&[
                'd', 'i', 'c', 'o', 'u', 'x', 'X', 'e', 'E', 'f', 'F', 'g', 'G', 'q', 's', 'a',
                'A', '%', 'z',
            ]));
            quote(f.as_bytes())
        } else {
            quote(self.from(FORMATS).as_bytes())
        }
    }

    fn table_call(&mut self) -> String {
        let t = self.expr(Ty::Table);
        match self.pick(12) {
            0 => {
                let v = self.expr(Ty::Any);
                format!("table.insert({t}, {v})")
            }
            1 => {
                let p = self.expr(Ty::Int);
                let v = self.expr(Ty::Any);
                format!("table.insert({t}, {p}, {v})")
            }
            2 => {
                if self.chance(2) {
                    let p = self.expr(Ty::Int);
                    format!("table.remove({t}, {p})")
                } else {
                    format!("table.remove({t})")
                }
            }
            3 => {
                let sep = self.expr(Ty::Str);
                let r = self.from(&[
                    "",
                    ", 1, 2",
                    ", 2",
                    ", 1, 0",
                    ", -1, 1",
                    ", 1, 1e8",
                    ", math.maxinteger - 1, math.maxinteger",
                    ", math.mininteger, math.mininteger + 1",
                ]);
                format!("table.concat({t}, {sep}{r})")
            }
            4 => {
                let r = self.from(&[
                    "",
                    ", 1, 2",
                    ", 2",
                    ", 1, 0",
                    ", -1, 1",
                    ", 1, 1e7",
                    ", 1, 1e8",
                    ", math.mininteger, math.maxinteger",
                    ", math.maxinteger - 1, math.maxinteger",
                    ", 0, -1",
                ]);
                format!("table.unpack({t}{r})")
            }
            5 => {
                let a = self.exprlist(3);
                format!("table.pack({a}).n")
            }
            6 => {
                let r = self.from(&[
                    "1, 2, 3",
                    "1, 3, 2",
                    "2, 1, 1",
                    "1, 0, 5",
                    "1, math.maxinteger, 2",
                    "math.mininteger, -1, 1",
                    "1, 3, 1, {}",
                ]);
                format!("#table.move({t}, {r})")
            }
            7 => {
                // Sort with a fixed result: distinct numbers or strings.
                let n = self.pick(8);
                let nums: Vec<String> = (0..n)
                    .map(|i| {
                        format!(
                            "{}",
                            (i as i64 * 37 + self.pick(1000) as i64 * 1009) % 1997 - 900
                        )
                    })
                    .collect();
                if self.diff() {
                    format!("table.concat((function() local t = {{{}}} table.sort(t) return t end)(), ',')", nums.join(", "))
                } else {
                    let f = self.func_expr();
                    format!("table.sort({t}, {f})")
                }
            }
            8 => {
                format!("table.sort({t})")
            }
            9 => format!("#({t})"),
            10 => {
                let k = self.expr(Ty::Any);
                format!("rawget({t}, {k})")
            }
            _ => {
                let k = self.expr(Ty::Any);
                let v = self.expr(Ty::Any);
                format!("rawset({t}, {k}, {v})")
            }
        }
    }

    fn misc_call(&mut self) -> String {
        match self.pick(18) {
            0 => format!("type({})", self.expr(Ty::Any)),
            1 => {
                let e = self.expr(Ty::Any);
                format!("{}({e})", self.tostring_fn())
            }
            2 => {
                let s = self.expr(Ty::Any);
                if self.chance(2) {
                    let b = self.from(&["2", "10", "16", "36", "37", "1", "8"]);
                    format!("tonumber({s}, {b})")
                } else {
                    format!("tonumber({s})")
                }
            }
            3 => {
                let n = self.from(&["'#'", "1", "2", "-1", "0", "-5", "3"]);
                let a = self.exprlist(3);
                let sep = if a.is_empty() { "" } else { ", " };
                format!("select({n}{sep}{a})")
            }
            4 => format!("rawequal({}, {})", self.expr(Ty::Any), self.expr(Ty::Any)),
            5 => format!("rawlen({})", self.expr(Ty::Any)),
            6 => format!("getmetatable({})", self.expr(Ty::Any)),
            7 => {
                let v = self.expr(Ty::Any);
                let m = self.expr(Ty::Any);
                format!("assert({v}, {m})")
            }
            8 => {
                let f = self.expr(Ty::Func);
                let a = self.exprlist(2);
                let sep = if a.is_empty() { "" } else { ", " };
                format!("pcall({f}{sep}{a})")
            }
            9 => {
                let f = self.expr(Ty::Func);
                let h = self.handler();
                format!("xpcall({f}, {h})")
            }
            10 => {
                let a = self.exprlist(2);
                format!("coroutine.wrap(function(...) return coroutine.yield(...) end)({a})")
            }
            11 => "coroutine.isyieldable()".into(),
            12 => "select(2, coroutine.running())".into(),
            13 => {
                let t = self.expr(Ty::Table);
                if self.diff() {
                    format!("select('#', ipairs({t}))")
                } else {
                    format!("next({t})")
                }
            }
            14 => {
                let t = self.expr(Ty::Any);
                let mt = self.expr(Ty::Any);
                format!("setmetatable({t}, {mt})")
            }
            15 => {
                let c = self.sub_chunk();
                format!("load({c})")
            }
            16 => {
                let n = self.from(&["1", "10", "0", "-1"]);
                if self.diff() {
                    format!("(function() math.randomseed(42) return math.random({n}) end)()")
                } else {
                    format!("math.random({n})")
                }
            }
            _ => {
                let s = self.expr(Ty::Any);
                format!("{}({s}):len()", self.tostring_fn())
            }
        }
    }

    fn math_call(&mut self) -> String {
        let x = self.expr(Ty::Num);
        match self.pick(16) {
            0 => format!("math.floor({x})"),
            1 => format!("math.ceil({x})"),
            2 => format!("math.abs({x})"),
            3 => format!("math.max({x}, {})", self.expr(Ty::Num)),
            4 => format!("math.min({x}, {})", self.expr(Ty::Num)),
            5 => format!("math.fmod({x}, {})", self.expr(Ty::Num)),
            6 => format!("math.modf({x})"),
            7 => format!("math.sqrt({x})"),
            8 => format!("math.tointeger({x})"),
            9 => format!("math.type({x})"),
            10 => format!("math.ult({x}, {})", self.expr(Ty::Num)),
            11 => format!("math.exp({x})"),
            12 => format!(
                "math.log({x}, {})",
                self.from(&["2", "10", "math.exp(1)", "0", "-1"])
            ),
            13 => format!("math.sin({x})"),
            14 => format!("({x}) // ({})", self.expr(Ty::Num)),
            _ => format!("({x}) % ({})", self.expr(Ty::Num)),
        }
    }

    fn utf8_call(&mut self) -> String {
        let s = self.expr(Ty::Str);
        match self.pick(8) {
            0 => {
                let n = self.pick(4);
                let a: Vec<String> = (0..n)
                    .map(|_| {
                        self.from(&["65", "0x7FF", "0xFFFF", "0x10FFFF", "0x7FFFFFFF", "0x80000000", "-1", "0", "228"])
                            .to_string()
                    })
                    .collect();
                format!("utf8.char({})", a.join(", "))
            }
            1 => "utf8.charpattern".to_string(),
            2 => {
                let i = self.expr(Ty::Int);
                let j = self.expr(Ty::Int);
                format!("utf8.codepoint({s}, {i}, {j})")
            }
            3 => {
                let lax = if self.chance(3) { ", 1, -1, true" } else { "" };
                format!("utf8.len({s}{lax})")
            }
            4 => {
                let n = self.expr(Ty::Int);
                let i = if self.chance(2) {
                    format!(", {}", self.expr(Ty::Int))
                } else {
                    String::new()
                };
                format!("utf8.offset({s}, {n}{i})")
            }
            5 => format!("utf8.codepoint({s}, 1, -1)"),
            6 => format!("utf8.len({s}, {})", self.expr(Ty::Int)),
            _ => format!(
                "(function(...) local n = 0 for p, c in utf8.codes({s}) do n = n + c end return n end)()"
            ),
        }
    }
}
