//! Runs the differential corpora of the string library through the real
//! `string` functions of a Kiln state (the unit tests in
//! `stdlib/lstring/{pattern,format}.rs` check the VM-independent modules
//! directly; these check the library glue: argument handling, index
//! normalisation, captures as Lua values, replacement tables/functions and
//! error messages).
//!
//! * `tests/patterns/cases.txt` → `expected.txt`: the driver is the
//!   reference generator `tests/patterns/gen.lua` itself, with its output
//!   collected in a string instead of written to a file;
//! * `tests/data/format_corpus.txt`: every `string.format` case, called
//!   from a Lua function exactly as `gen_format_corpus.lua` did.

use kiln::Lua;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Sets the global `name` to the string `text`.
fn set_global_str(lua: &mut Lua, name: &str, text: &str) {
    let vm = lua.vm();
    let v = vm.str_value(text.as_bytes());
    vm.set_global(name, v);
}

#[test]
fn pattern_corpus_through_string_library() {
    let gen = read("tests/patterns/gen.lua");
    let cut = gen
        .find("local out = assert(io.open(out_path")
        .expect("gen.lua layout changed");
    let driver = format!(
        "{}\n{}",
        &gen[..cut],
        r##"
local res, lineno = {}, 0
for line in (CASES .. "\n"):gmatch("(.-)\n") do
  lineno = lineno + 1
  if line ~= "" and line:sub(1, 1) ~= "#" then
    res[#res + 1] = lineno .. "\t" .. run(split_tabs(line))
  end
end
return table.concat(res, "\n") .. "\n"
"##
    );
    let mut lua = Lua::new();
    set_global_str(&mut lua, "CASES", &read("tests/patterns/cases.txt"));
    let got = lua.eval_string(&driver).expect("driver failed");
    let expected = read("tests/patterns/expected.txt");
    let want: Vec<&str> = expected.lines().collect();
    let have: Vec<&str> = got.lines().collect();
    assert_eq!(want.len(), have.len(), "number of results differs");
    let diffs: Vec<String> = want
        .iter()
        .zip(&have)
        .filter(|(w, h)| w != h)
        .map(|(w, h)| format!("want: {w}\n got: {h}"))
        .collect();
    assert!(
        diffs.is_empty(),
        "{} of {} pattern cases differ from lua5.4:\n{}",
        diffs.len(),
        want.len(),
        diffs.join("\n")
    );
}

#[test]
fn format_corpus_through_string_format() {
    let driver = r##"
local function unhex(h)
  return (h:gsub("%x%x", function(x) return string.char(tonumber(x, 16)) end))
end
local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end
local bad, total = {}, 0
for line in CORPUS:gmatch("[^\n]+") do
  if line:sub(1, 1) ~= "#" then
    local f, ty, val, status, res = line:match("^(%x*)\t(%S+)\t(%S*)\t(%S+)\t(%x*)$")
    assert(f, "bad corpus line: " .. line)
    local fmt, v = unhex(f), nil
    if ty == "i" then v = math.tointeger(val)
    elseif ty == "f" then v = string.unpack(">d", unhex(val))
    elseif ty == "s" then v = unhex(val)
    elseif ty == "b" then v = (val == "true")
    elseif ty == "t" then v = {}
    end
    local ok, r = pcall(function() local s = string.format(fmt, v); return s end)
    if not ok then r = r:gsub("^[^:]*:%d+: ", "") end
    total = total + 1
    if (ok and "ok" or "err") ~= status or hex(r) ~= res then
      bad[#bad + 1] = string.format("%q %s %s: want %s %q, got %s %q", fmt, ty, val, status,
                                    unhex(res), ok and "ok" or "err", r)
    end
  end
end
return total .. "\n" .. table.concat(bad, "\n")
"##;
    let mut lua = Lua::new();
    set_global_str(&mut lua, "CORPUS", &read("tests/data/format_corpus.txt"));
    let out = lua.eval_string(driver).expect("driver failed");
    let (total, bad) = out.split_once('\n').unwrap_or((&out, ""));
    assert!(total.parse::<usize>().unwrap() >= 1000, "corpus too small");
    assert!(bad.is_empty(), "format cases differ from lua5.4:\n{bad}");
}
