//! Unit tests of the compiler's trickier parts. (The bulk of the testing is
//! the differential corpus in `tests/compiler/`, run by
//! `crates/kiln/tests/compiler_listing.rs`.)

use super::compile;
use crate::bytecode::listing::listing;
use crate::bytecode::*;

fn proto(src: &str) -> FnProto {
    compile(src.as_bytes(), b"@t.lua")
        .unwrap_or_else(|e| panic!("{}", String::from_utf8_lossy(&e.message)))
}

/// Instructions of the main function as "NAME a b c" lines (luac-style
/// operands, without comments).
fn ops(src: &str) -> Vec<String> {
    let mut s = String::new();
    listing(&proto(src), &mut s);
    s.lines()
        .skip_while(|l| !l.contains("VARARGPREP"))
        .take_while(|l| l.starts_with('\t'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            format!("{} {}", cols[3].trim(), cols[4])
        })
        .collect()
}

fn err(src: &str) -> String {
    match compile(src.as_bytes(), src.as_bytes()) {
        Ok(_) => panic!("no error for {src:?}"),
        Err(e) => String::from_utf8(e.message).expect("utf8"),
    }
}

#[test]
fn main_function_shape() {
    let p = proto("local a = ...");
    assert!(p.is_vararg);
    assert_eq!(p.numparams, 0);
    assert_eq!(p.linedefined, 0);
    assert_eq!(get_op(p.code[0]), OP_VARARGPREP);
    assert_eq!(p.upvals.len(), 1);
    assert_eq!(p.upvals[0].name.as_deref(), Some("_ENV"));
    assert!(p.upvals[0].in_stack);
    assert_eq!(p.upvals[0].index, 0);
    assert_eq!(p.source.as_deref(), Some(&b"@t.lua"[..]));
}

#[test]
fn nested_protos_have_source_and_lines() {
    let p = proto("local function f(a, b)\n  return function() return a end\nend\n");
    let f = &p.protos[0];
    assert_eq!(
        (f.linedefined, f.lastlinedefined, f.numparams, f.is_vararg),
        (1, 3, 2, false)
    );
    assert_eq!(f.source.as_deref(), Some(&b"@t.lua"[..]));
    assert_eq!(f.protos[0].source.as_deref(), Some(&b"@t.lua"[..]));
    assert_eq!(f.protos[0].upvals[0].name.as_deref(), Some("a"));
    fn check(p: &FnProto) {
        assert_eq!(p.code.len(), p.lineinfo.len());
        for l in &p.locvars {
            assert!(l.start_pc <= l.end_pc && l.end_pc as usize <= p.code.len());
        }
        p.protos.iter().for_each(check);
    }
    check(&p);
}

#[test]
fn constant_folding_rules() {
    assert_eq!(ops("local x = 1 + 2")[1], "LOADI 0 3");
    assert_eq!(ops("local x = 2^2")[1], "LOADF 0 4");
    // division by zero, NaN and -0.0 are not folded
    assert_eq!(ops("local x = 1 // 0")[1..3], ["LOADI 0 1", "IDIVK 0 0 0"]);
    assert_eq!(ops("local x = 0/0")[1], "LOADI 0 0");
    assert_eq!(ops("local x = -0.0")[1..3], ["LOADF 0 0", "UNM 0 0"]);
    // bitwise on non-integral floats is not folded
    assert_eq!(ops("local x = 1.5 | 0")[1..3], ["LOADK 0 1", "BORK 0 0 0"]);
    assert_eq!(ops("local x = 3.0 | 0")[1], "LOADI 0 3");
    // <const> locals are folded through
    assert_eq!(
        ops("local k <const> = 10; local x = k * 2")[1],
        "LOADI 0 20"
    );
}

#[test]
fn immediate_and_constant_operands() {
    assert_eq!(
        ops("local a; a = a + 1")[2..4],
        ["ADDI 0 0 1", "MMBINI 0 1 6 0"]
    );
    assert_eq!(
        ops("local a; a = a - 1")[2..4],
        ["ADDI 0 0 -1", "MMBINI 0 1 7 0"]
    );
    assert_eq!(
        ops("local a; a = 1 + a")[2..4],
        ["ADDI 0 0 1", "MMBINI 0 1 6 1"]
    );
    assert_eq!(
        ops("local a; a = a * 2.5")[2..4],
        ["MULK 0 0 0", "MMBINK 0 0 8 0"]
    );
    assert_eq!(ops("local a; a = a >> 1")[2], "SHRI 0 0 1");
    assert_eq!(ops("local a; a = 1 << a")[2], "SHLI 0 0 1");
    assert_eq!(ops("local a; local b = a < 5")[2], "LTI 0 5 1");
    assert_eq!(ops("local a; local b = 5 < a")[2], "GTI 0 5 1");
    assert_eq!(ops("local a; if a < 5 then a = 1 end")[2], "LTI 0 5 0");
    assert_eq!(ops("local a; local b = a == 'x'")[2], "EQK 0 0 1");
}

#[test]
fn loadnil_merging_and_returns() {
    assert_eq!(ops("local a; local b; local c")[1], "LOADNIL 0 2");
    assert_eq!(
        ops("local a; local b = 1; local c")[1..4],
        ["LOADNIL 0 0", "LOADI 1 1", "LOADNIL 2 0"]
    );
    // the main function is vararg: plain returns become RETURN with C = 1
    assert_eq!(ops("return 1")[2..], ["RETURN 0 2 1", "RETURN 0 1 1"]);
    let p = proto(
        "local function f() return 1 end local function g(...) local x <close> = ... return x end",
    );
    assert_eq!(get_op(p.protos[0].code[1]), OP_RETURN1);
    let g = &p.protos[1];
    let ret = g
        .code
        .iter()
        .rev()
        .find(|&&i| get_op(i) == OP_RETURN)
        .copied()
        .expect("RETURN");
    assert!(get_k(ret), "RETURN must close upvalues");
    assert_eq!(get_c(ret), 1, "vararg function: C = numparams + 1");
}

#[test]
fn setlist_flushes() {
    let items: Vec<String> = (1..=120).map(|i| i.to_string()).collect();
    let o = ops(&format!("local t = {{{}}}", items.join(",")));
    let setlists: Vec<&String> = o.iter().filter(|l| l.starts_with("SETLIST")).collect();
    assert_eq!(
        setlists,
        ["SETLIST 0 50 0", "SETLIST 0 50 50", "SETLIST 0 20 100"]
    );
    assert_eq!(o[1], "NEWTABLE 0 0 120");
}

#[test]
fn constants_shared_across_functions_like_luac() {
    // The constant cache is per chunk; a constant first added by a nested
    // function makes the enclosing function add a duplicate (as luac does).
    let p = proto("local function f() return 1099511627776, 'x' end\ny = 'x'\nz = 1099511627776\n");
    assert_eq!(p.k[p.k.len() - 1], Constant::Int(1_099_511_627_776));
    let p = proto("a = 2^40\nb = 1099511627776\nc = 2^40\n");
    assert_eq!(
        p.k.iter()
            .filter(|k| matches!(k, Constant::Float(_)))
            .count(),
        1
    );
    assert_eq!(
        p.k.iter().filter(|k| matches!(k, Constant::Int(_))).count(),
        1
    );
}

#[test]
fn error_messages() {
    assert_eq!(
        err("x = = 1"),
        "[string \"x = = 1\"]:1: unexpected symbol near '='"
    );
    assert_eq!(
        err("local function"),
        "[string \"local function\"]:1: <name> expected near <eof>"
    );
    assert_eq!(
        err("f(\n\n"),
        "[string \"f(...\"]:3: unexpected symbol near <eof>",
    );
    assert_eq!(
        err("function f()\nreturn 1 2 end"),
        "[string \"function f()...\"]:2: 'end' expected (to close 'function' at line 1) near '2'"
    );
    assert_eq!(
        err("break"),
        "[string \"break\"]:1: break outside loop at line 1"
    );
    assert_eq!(
        err("goto x; local y; ::x:: print(y)"),
        "[string \"goto x; local y; ::x:: print(y)\"]:1: <goto x> at line 1 jumps into the scope of local 'y'"
    );
    assert_eq!(
        err("local x <const> = 1; x = 2"),
        "[string \"local x <const> = 1; x = 2\"]:1: attempt to assign to const variable 'x'"
    );
    let e = compile(b"x = ", b"=t").unwrap_err();
    assert!(e.at_eof);
    let e = compile(b"x = }", b"=t").unwrap_err();
    assert!(!e.at_eof);
}

#[test]
fn nesting_limit() {
    let ok = format!("x = {}1{}", "(".repeat(195), ")".repeat(195));
    assert!(compile(ok.as_bytes(), b"=t").is_ok());
    let deep = format!("x = {}1{}", "(".repeat(196), ")".repeat(196));
    assert_eq!(
        compile(deep.as_bytes(), b"=t").unwrap_err().message,
        b"C stack overflow"
    );
}

/// The deepest nestings the compiler accepts, and some it rejects, in a
/// thread whose stack is much smaller than a main thread's.
#[test]
fn deep_nesting_fits_small_stack() {
    let n = 190;
    let cases = [
        format!("x = {}1{}", "(".repeat(n), ")".repeat(n)),
        format!("{}{}", "do ".repeat(n), "end ".repeat(n)),
        format!(
            "x = {}1{}",
            "function() return ".repeat(n / 2),
            " end".repeat(n / 2)
        ),
        format!("x = {}{}", "{".repeat(n), "}".repeat(n)),
        format!("{}{}", "if x then ".repeat(n), "end ".repeat(n)),
        format!("{}{}", "while x do ".repeat(n), "end ".repeat(n)),
        format!("{}{}", "repeat ".repeat(n), "until x ".repeat(n)),
        format!("{}{}", "f(".repeat(n), ")".repeat(n)),
        format!("x = {}1{}", "a[".repeat(n), "]".repeat(n)),
        format!("x = {}1", "not ".repeat(n)),
        format!("{} = 1", vec!["a"; n].join(", ")),
        format!("x = {}1{}", "(".repeat(100_000), ")".repeat(100_000)),
        format!("x = {}1", "1 + ".repeat(100_000)),
        format!("x = a{}", ".b".repeat(100_000)),
    ];
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            for src in &cases {
                let r = compile(src.as_bytes(), b"=t");
                if let Err(e) = r {
                    assert_eq!(e.message, b"C stack overflow", "{}", &src[..40]);
                }
            }
        })
        .expect("thread");
    handle.join().expect("compile in a 1 MB stack");
}
