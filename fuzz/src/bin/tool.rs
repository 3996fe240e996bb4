//! Helper for working with the fuzz targets without libFuzzer.
//!
//! Build: `cargo build --release --features tool --bin kiln-fuzz-tool`.
//!
//! ```text
//! kiln-fuzz-tool gen run|diff FILE     print the program an input generates
//! kiln-fuzz-tool driver FILE.lua       print the driver text for a program
//! kiln-fuzz-tool diff FILE.lua         run a Lua program in Kiln and lua5.4, compare
//! kiln-fuzz-tool diff-input FILE       the same for a diff-target input
//! kiln-fuzz-tool run FILE.lua          run a Lua program in Kiln under the budget
//! kiln-fuzz-tool stats run|diff DIR    how many inputs of a corpus compile
//! kiln-fuzz-tool binary FILE           replay a binary-target input
//! kiln-fuzz-tool seeds DIR N           write N random inputs of 64..1024 bytes
//! ```

use kiln_fuzz::gen::Mode;
use std::process::exit;

fn mode(s: &str) -> Mode {
    match s {
        "run" => Mode::Run,
        "diff" => Mode::Diff,
        _ => {
            eprintln!("mode must be run or diff");
            exit(2)
        }
    }
}

fn read(p: &str) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| {
        eprintln!("{p}: {e}");
        exit(2)
    })
}

fn report(src: &str) -> i32 {
    match kiln_fuzz::diff(src) {
        kiln_fuzz::Diff::Same => {
            println!("same");
            0
        }
        kiln_fuzz::Diff::Skipped(why) => {
            println!("skipped: {why}");
            0
        }
        kiln_fuzz::Diff::Differs(k, l) => {
            println!("--- kiln\n{k}\n--- lua5.4\n{l}");
            1
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    let code = match a.get(1..) {
        Some(["gen", m, f]) => {
            print!("{}", kiln_fuzz::generate(&read(f), mode(m)).0);
            0
        }
        Some(["driver", f]) => {
            let src = String::from_utf8_lossy(&read(f)).into_owned();
            print!("{}", kiln_fuzz::driver(&src, true));
            0
        }
        Some(["diff", f]) => report(&String::from_utf8_lossy(&read(f))),
        Some(["diff-input", f]) => {
            let p = kiln_fuzz::generate(&read(f), Mode::Diff);
            println!("--- program\n{}", p.0);
            report(&p.0)
        }
        Some(["run", f]) => {
            let src = String::from_utf8_lossy(&read(f)).into_owned();
            match kiln_fuzz::run_kiln(&kiln_fuzz::driver(&src, false)) {
                Ok(o) => {
                    println!("{}", String::from_utf8_lossy(&o));
                    0
                }
                Err(e) => {
                    println!("error: {e}");
                    1
                }
            }
        }
        Some(["binary", f]) => {
            kiln_fuzz::binary::run(&read(f));
            println!("ok");
            0
        }
        Some(["stats", m, dir]) => {
            let m = mode(m);
            let (mut n, mut ok, mut bytes) = (0, 0, 0);
            for e in std::fs::read_dir(dir).expect("dir").flatten() {
                let p = kiln_fuzz::generate(&read(&e.path().to_string_lossy()), m);
                n += 1;
                bytes += p.0.len();
                if kiln::compiler::compile(p.0.as_bytes(), b"=prog").is_ok() {
                    ok += 1;
                } else if let Err(err) = kiln::compiler::compile(p.0.as_bytes(), b"=prog") {
                    eprintln!("{}", String::from_utf8_lossy(&err.message));
                }
            }
            println!(
                "{n} inputs, {ok} compile, mean program size {} bytes",
                bytes / n.max(1)
            );
            0
        }
        Some(["seeds", dir, n]) => {
            let n: usize = n.parse().expect("count");
            std::fs::create_dir_all(dir).expect("mkdir");
            // xorshift: reproducible seeds without a dependency.
            let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
            let mut next = || {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x
            };
            for i in 0..n {
                let len = 64 + (next() % 960) as usize;
                let data: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                std::fs::write(format!("{dir}/seed-{i:03}"), data).expect("write");
            }
            0
        }
        _ => {
            eprintln!("see the source of kiln-fuzz-tool for usage");
            2
        }
    };
    exit(code)
}
