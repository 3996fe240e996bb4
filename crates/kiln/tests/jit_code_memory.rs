//! Machine code is freed with its prototype: a host that loads, runs (with
//! every function compiled) and drops many chunks keeps flat memory.

use kiln::jit::{JitMode, JitOptions};

/// Resident set size of this process, in bytes (Linux).
fn rss() -> Option<usize> {
    let s = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: usize = s.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

#[test]
fn dropped_chunks_free_their_machine_code() {
    let mut lua = kiln::Lua::new();
    lua.set_jit(JitOptions {
        mode: JitMode::Eager,
        ..JitOptions::default()
    });
    let run = |lua: &mut kiln::Lua, i: usize| {
        let src = format!(
            "local s = 0 for j = 1, 20 do s = s + j * {i} end \
             local function f(x) return x + 1 end return f(s)"
        );
        let n = lua.eval_int(&src).expect("chunk runs");
        assert_eq!(n as usize, 210 * i + 1);
    };
    for i in 0..2_000 {
        run(&mut lua, i);
    }
    lua.exec("collectgarbage()").unwrap();
    let Some(before) = rss() else {
        return; // no /proc: nothing to measure
    };
    for i in 2_000..8_000 {
        run(&mut lua, i);
    }
    lua.exec("collectgarbage()").unwrap();
    let after = rss().expect("rss");
    // 6,000 more chunks, two compiled functions each: kept, their code
    // alone would take at least 48 MB (a page per function)
    assert!(
        after < before + (24 << 20),
        "memory grew from {before} to {after} bytes"
    );
}
