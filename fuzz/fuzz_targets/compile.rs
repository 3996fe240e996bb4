//! Arbitrary bytes into the lexer, parser and compiler: Ok or a syntax
//! error in Lua's format, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match kiln::compiler::compile(data, b"=fuzz") {
        Ok(p) => {
            let mut s = String::new();
            kiln::bytecode::listing::listing(&p, &mut s);
        }
        Err(e) => {
            // Every message carries a position, except the nesting limit
            // (lua5.4 raises that one without position too).
            assert!(
                e.message.starts_with(b"fuzz:") || e.message == b"C stack overflow",
                "syntax error without position: {}",
                String::from_utf8_lossy(&e.message)
            );
        }
    }
});
