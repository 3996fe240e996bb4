//! Differential tests of the compiler against the reference `luac5.4`.
//!
//! The expected outputs under `tests/compiler/` are produced by
//! `tests/compiler/regen.sh` from the reference implementation; this test
//! only needs them (not Lua itself):
//!
//! * `cases/NAME.lua` → `expected/NAME.txt`: the `luac -l -l` listing
//!   (without addresses) followed by the raw instruction words and upvalue
//!   kinds of every function, so the bytecode must be identical bit for bit;
//! * generated big cases (`gen.lua`, mirrored by [`generate`]) →
//!   `expected/gen_NAME.txt`: digests, or the expected error;
//! * `errors.txt` → `errors.expected`: the message of every syntax error.

use kiln::bytecode::listing::listing;
use kiln::bytecode::FnProto;
use kiln::compiler::compile;
use std::fmt::Write as _;
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/compiler")
}

/// Instruction words and upvalue kinds of `p` and its nested functions, in
/// the format of `tests/compiler/undump.lua`.
fn raw(p: &FnProto, out: &mut String) {
    let _ = writeln!(out, "-- function <{},{}>", p.linedefined, p.lastlinedefined);
    for chunk in p.code.chunks(8) {
        let words: Vec<String> = chunk.iter().map(|w| format!("{w:08x}")).collect();
        let _ = writeln!(out, "{}", words.join(" "));
    }
    let kinds: Vec<String> = p.upvals.iter().map(|u| u.kind.to_string()).collect();
    let _ = writeln!(out, "upvalue kinds: {}", kinds.join(" "));
    for sub in &p.protos {
        raw(sub, out);
    }
}

/// The text the expected files hold for a compiled chunk.
fn normalized(p: &FnProto) -> String {
    let mut s = String::new();
    listing(p, &mut s);
    s.push_str("== raw\n");
    raw(p, &mut s);
    s
}

fn fnv(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// First difference between two texts, with some context.
fn first_diff(expected: &str, got: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    let i = (0..e.len().max(g.len()))
        .find(|&i| e.get(i) != g.get(i))
        .unwrap_or(0);
    let from = i.saturating_sub(3);
    let mut s = format!("first difference at line {}:\n", i + 1);
    for j in from..(i + 4) {
        let _ = writeln!(s, "  expected: {}", e.get(j).unwrap_or(&"<none>"));
        let _ = writeln!(s, "  got:      {}", g.get(j).unwrap_or(&"<none>"));
    }
    s
}

fn compile_str(src: &[u8], chunkname: &str) -> Result<FnProto, String> {
    compile(src, chunkname.as_bytes()).map_err(|e| String::from_utf8_lossy(&e.message).into_owned())
}

#[test]
fn listings_match_luac() {
    let dir = corpus_dir();
    let mut names: Vec<String> = std::fs::read_dir(dir.join("cases"))
        .expect("tests/compiler/cases")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".lua"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "empty corpus");
    let mut failures = Vec::new();
    for name in &names {
        let src = std::fs::read(dir.join("cases").join(name)).expect("case");
        let expected =
            std::fs::read_to_string(dir.join("expected").join(name.replace(".lua", ".txt")))
                .unwrap_or_else(|_| {
                    panic!("no expected output for {name}: run tests/compiler/regen.sh")
                });
        match compile_str(&src, &format!("@{name}")) {
            Ok(p) => {
                let got = normalized(&p);
                if got != expected {
                    failures.push(format!("{name}: {}", first_diff(&expected, &got)));
                }
            }
            Err(e) => failures.push(format!("{name}: compile error {e}")),
        }
    }
    println!(
        "{} of {} listings identical to luac5.4",
        names.len() - failures.len(),
        names.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Sources of the generated cases; must match `tests/compiler/gen.lua`.
fn generate(name: &str) -> String {
    let mut s = String::new();
    match name {
        "loadkx" => {
            s.push_str("return {\n");
            for i in 0..131_200 {
                let _ = writeln!(s, "{},", 65536 + i);
            }
            s.push_str("}\n");
        }
        "forlong" | "forfits" => {
            s.push_str("for i = 1, 2 do\n");
            let n = if name == "forlong" { 131_072 } else { 131_070 };
            for _ in 0..n {
                s.push_str("x = 1\n");
            }
            s.push_str("end\n");
        }
        _ => panic!("unknown generated case {name}"),
    }
    s
}

#[test]
fn generated_cases_match_luac() {
    let dir = corpus_dir().join("expected");
    for name in ["forfits", "forlong", "loadkx"] {
        let expected =
            std::fs::read_to_string(dir.join(format!("gen_{name}.txt"))).expect("expected file");
        let src = generate(name);
        let mut lines = expected.lines();
        let src_digest = lines
            .next()
            .and_then(|l| l.strip_prefix("source: "))
            .expect("source digest");
        assert_eq!(
            fnv(src.as_bytes()),
            src_digest,
            "{name}: generator differs from gen.lua"
        );
        let outcome = lines.next().expect("outcome");
        match compile_str(src.as_bytes(), &format!("@{name}.lua")) {
            Ok(p) => {
                let digest = outcome
                    .strip_prefix("expected: ")
                    .unwrap_or_else(|| panic!("{name}: expected {outcome}"));
                assert_eq!(
                    fnv(normalized(&p).as_bytes()),
                    digest,
                    "{name}: output differs from luac5.4"
                );
            }
            Err(e) => assert_eq!(Some(e.as_str()), outcome.strip_prefix("error: "), "{name}"),
        }
    }
}

/// A syntax-error case: optional chunk name and source lines.
type ErrorCase<'a> = (Option<Vec<u8>>, Vec<&'a [u8]>);

/// Escapes a message the way `tests/compiler/errors.lua` does.
fn escape(msg: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(msg.len());
    for &c in msg {
        match c {
            b'\\' => v.extend_from_slice(b"\\\\"),
            b'\n' => v.extend_from_slice(b"\\n"),
            b'\r' => v.extend_from_slice(b"\\r"),
            _ => v.push(c),
        }
    }
    v
}

#[test]
fn syntax_errors_match_lua() {
    let dir = corpus_dir();
    let text = std::fs::read(dir.join("errors.txt")).expect("errors.txt");
    let expected = std::fs::read(dir.join("errors.expected")).expect("errors.expected");
    // cases: header lines "--==[ chunkname]", bodies without the final newline
    let mut cases: Vec<ErrorCase> = Vec::new();
    let body = text.strip_suffix(b"\n").unwrap_or(&text);
    for line in body.split(|&c| c == b'\n') {
        if let Some(rest) = line.strip_prefix(b"--==") {
            let name = rest.strip_prefix(b" ").unwrap_or(rest);
            cases.push(((!name.is_empty()).then(|| name.to_vec()), Vec::new()));
        } else if let Some(c) = cases.last_mut() {
            c.1.push(line);
        }
    }
    let expected: Vec<&[u8]> = expected
        .strip_suffix(b"\n")
        .unwrap_or(&expected)
        .split(|&c| c == b'\n')
        .collect();
    assert_eq!(
        cases.len(),
        expected.len(),
        "errors.expected out of date: run tests/compiler/regen.sh"
    );
    let mut failures = Vec::new();
    for ((name, lines), want) in cases.iter().zip(&expected) {
        let src = lines.join(&b'\n');
        let chunkname = name.clone().unwrap_or_else(|| src.clone());
        let got = match compile(&src, &chunkname) {
            Ok(_) => b"OK".to_vec(),
            Err(e) => escape(&e.message),
        };
        if got != *want {
            let show = |b: &[u8]| String::from_utf8_lossy(&b[..b.len().min(300)]).into_owned();
            failures.push(format!(
                "source: {}\n  expected: {}\n  got:      {}",
                show(&src),
                show(want),
                show(&got)
            ));
        }
    }
    println!(
        "{} of {} error messages identical to lua5.4",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
