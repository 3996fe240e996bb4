//! Unit tests of the compiler's trickier parts.

use super::compile;
use crate::bytecode::listing::listing;

fn list(src: &str) -> String {
    let p = compile(src.as_bytes(), b"@t.lua")
        .unwrap_or_else(|e| panic!("{}", String::from_utf8_lossy(&e.message)));
    let mut s = String::new();
    listing(&p, &mut s);
    s
}

fn err(src: &str) -> String {
    match compile(src.as_bytes(), src.as_bytes()) {
        Ok(_) => panic!("no error for {src:?}"),
        Err(e) => String::from_utf8(e.message).expect("utf8"),
    }
}

#[test]
fn smoke() {
    let s = list("local a = 1; print(a + 2)");
    assert!(s.contains("ADDI"), "{s}");
}

#[test]
fn errors() {
    assert_eq!(
        err("x = = 1"),
        "[string \"x = = 1\"]:1: unexpected symbol near '='"
    );
}
