//! Command-line behaviour compared with lua5.4: `tests/cli/cases.sh` run with
//! the `kiln` binary must print what `tests/cli/regen.sh` recorded from
//! lua5.4 (`tests/cli/expected.txt`).

use std::path::Path;
use std::process::Command;

#[test]
fn cli_matches_lua54() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cli");
    let out = Command::new("sh")
        .arg("cases.sh")
        .current_dir(&dir)
        .env("LUA", env!("CARGO_BIN_EXE_kiln"))
        .output()
        .expect("run sh");
    let got = String::from_utf8_lossy(&out.stdout).replace(env!("CARGO_BIN_EXE_kiln"), "kiln");
    let expected = std::fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
    assert_eq!(got, expected);
}
