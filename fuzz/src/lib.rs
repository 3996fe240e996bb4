//! Shared code of Kiln's fuzz targets: the Lua program generator, the driver
//! that runs a program under an instruction and memory budget, and runners
//! for Kiln (in process) and lua5.4 (subprocess).
//!
//! Kiln has no budget API yet, so the budget is a count hook set by the
//! driver (`debug.sethook(hook, "", 100)`): after `MAX_STEPS` hook calls, or
//! once `collectgarbage("count")` passes 16 MB, the hook raises `BUDGET` at
//! every instruction of the program (never in the driver itself), which
//! unwinds it even through `pcall`. Above 4 MB the hook runs at every
//! instruction so that a doubling string cannot outrun the check.

pub mod binary;
pub mod gen;

use arbitrary::Unstructured;
use kiln::vm::Value;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Hook calls (of 100 instructions each) before the budget runs out.
pub const MAX_STEPS: u32 = 20_000;

/// Marker the driver appends when the budget ran out.
pub const BUDGET_MARK: &str = "#BUDGET";

/// A generated program (its `Debug` prints the source, for `cargo fuzz fmt`).
pub struct Program(pub String);

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Generate a program from fuzz input.
pub fn generate(data: &[u8], mode: gen::Mode) -> Program {
    let mut u = Unstructured::new(data);
    Program(gen::Gen::new(&mut u, mode).program())
}

/// A Lua long-bracket literal holding `s`.
pub fn long_string(s: &str) -> String {
    let mut level = 1;
    loop {
        let close = format!("]{}]", "=".repeat(level));
        if !s.contains(&close) {
            let open = format!("[{}[", "=".repeat(level));
            return format!("{open}\n{s}{close}");
        }
        level += 1;
    }
}

/// The part of the driver that installs the output collector and the budget.
/// Defines the locals `OUT`, `nout`, `hit`, `sethook`, `hook`, `concat`.
pub fn prelude(max_steps: u32) -> String {
    format!(
        r#"local tostring, select, concat, type, error, pcall = tostring, select, table.concat, type, error, pcall
local sub, gsub, getinfo = string.sub, string.gsub, debug.getinfo
local sethook, gccount = debug.sethook, collectgarbage
local OUT, nout, hit, steps = {{}}, 0, false, 0
function print(...)
  local n = select('#', ...)
  local t = {{}}
  for i = 1, n do
    local s = tostring((select(i, ...)))
    if #s > 200 then s = sub(s, 1, 200) .. '...' end
    t[i] = s
  end
  -- (the line is made first: a finalizer run by a collection after that
  -- call may print too; a hook error between the store and the count
  -- leaves no hole)
  local line = concat(t, '\t')
  if nout < 1000 then local i = nout + 1 OUT[i] = line nout = i end
end
local pack, unpack = table.pack, table.unpack
function __P(f, ...)
  local r = pack(pcall(f, ...))
  if r[1] then return unpack(r, 2, r.n) end
  print('E', r[2])
end
function __T(...)
  local s = tostring(...)
  return (gsub(s, '0x%x+', 'ADDR'))
end
function __S(x)
  if type(x) == 'string' and #x > 64 then return sub(x, 1, 64) end
  return x
end
local hook
hook = function()
  if not hit then
    steps = steps + 1
    local kb = gccount('count')
    if steps > {max_steps} or kb > 16384 then
      hit = true
      sethook(hook, '', 1)
    elseif kb > 4096 then
      sethook(hook, '', 1)
    end
  end
  if hit then
    local i = getinfo(2, 'S')
    if i and i.source ~= '=stdin' then error('BUDGET') end
  end
end
"#
    )
}

/// The whole driver for program `src`: compiles it as chunk "=prog", runs it
/// under the budget and collects what it prints. With `emit` the result is
/// written with `io.write` (for lua5.4), otherwise returned.
pub fn driver(src: &str, emit: bool) -> String {
    let mut d = format!("local __src = {}\n", long_string(src));
    d.push_str(&prelude(MAX_STEPS));
    d.push_str(
        r#"sethook(hook, '', 100)
local f, err = load(__src, '=prog')
if not f then
  print('SYNTAX', err)
else
  local ok, e = pcall(f)
  if not ok then
    if not pcall(print, 'ERROR', e) then print('ERROR', type(e)) end
  end
end
sethook()
local res = concat(OUT, '\n', 1, nout)
res = gsub(res, ': 0x%x+', ': ADDR')
if hit then res = res .. '\n#BUDGET' end
"#,
    );
    if emit {
        d.push_str("io.write(res)\n");
    } else {
        d.push_str("return res\n");
    }
    d
}

/// Heap cap of every fuzzed state: far below libFuzzer's `-rss_limit_mb`, so
/// a program (or a mutated chunk) that asks for a huge table or string gets
/// `not enough memory` instead of ending the fuzzing run.
pub const MEM_LIMIT: usize = 64 << 20;

/// A fresh state for fuzzing, with the heap capped at `MEM_LIMIT`.
pub fn new_state() -> kiln::Lua {
    let mut lua = kiln::Lua::new();
    lua.set_memory_limit(MEM_LIMIT);
    lua
}

/// Run `driver` text in a fresh Kiln state; its result string.
pub fn run_kiln(driver: &str) -> Result<Vec<u8>, String> {
    let mut lua = new_state();
    run_kiln_in(&mut lua, driver)
}

/// Run `driver` text in `lua`; its first result as a string.
pub fn run_kiln_in(lua: &mut kiln::Lua, driver: &str) -> Result<Vec<u8>, String> {
    let vm = lua.vm();
    let f = vm
        .load_chunk(driver.as_bytes(), b"=stdin")
        .map_err(|e| format!("driver did not compile: {e}"))?;
    let base = vm.top();
    vm.push(f).map_err(|_| "stack overflow".to_string())?;
    // one native level deeper, as lua.c runs chunks (inside its entry
    // function): the C-stack limits then fall where lua5.4's do
    let r = vm.with_native_level(|vm| vm.pcall_at(base, 1));
    let out = match r {
        Ok(()) => match vm.slot(base) {
            Value::Str(s) => Ok(s.as_bytes().to_vec()),
            v => Err(format!("driver returned a {}", v.type_name())),
        },
        Err(Value::Str(s)) => Err(format!(
            "driver failed: {}",
            String::from_utf8_lossy(s.as_bytes())
        )),
        Err(v) => Err(format!("driver failed with a {}", v.type_name())),
    };
    vm.set_top(base);
    out
}

/// Run `driver` text with lua5.4 (standard input as the chunk, so its name is
/// "=stdin" as in Kiln). None if it did not finish in `timeout` or failed.
pub fn run_lua(driver: &str, timeout: Duration) -> Option<Vec<u8>> {
    let mut child = Command::new("lua5.4")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("cannot run lua5.4");
    let mut stdin = child.stdin.take().expect("stdin");
    let text = driver.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&text);
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stdout.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if start.elapsed() < timeout => std::thread::sleep(Duration::from_millis(1)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let _ = writer.join();
    let out = reader.join().ok()?;
    match status {
        Some(s) if s.success() => Some(out),
        _ => None,
    }
}

/// Replace what may be an address, after a program transformed it (upper
/// case, reversed, cut): a run of 8 or more hex digits and `x`/`X` that has
/// at least one letter. Programs can do that to `tostring(t)`.
pub fn hide_addresses(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let hexish = |c: u8| c.is_ascii_hexdigit() || c == b'x' || c == b'X';
        if hexish(b[i]) {
            let mut j = i;
            while j < b.len() && hexish(b[j]) {
                j += 1;
            }
            let run = &s[i..j];
            if j - i >= 8 && run.bytes().any(|c| c.is_ascii_alphabetic()) {
                out.push_str("ADDR");
            } else {
                out.push_str(run);
            }
            i = j;
        } else {
            let ch = s[i..].chars().next().expect("char");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Outcome of a differential run.
pub enum Diff {
    /// Same output.
    Same,
    /// Not comparable (budget ran out, lua5.4 failed or timed out).
    Skipped(&'static str),
    /// Different output: (kiln, lua5.4).
    Differs(String, String),
}

/// Run `src` with Kiln and lua5.4 and compare.
pub fn diff(src: &str) -> Diff {
    let k = match run_kiln(&driver(src, false)) {
        Ok(k) => k,
        // (a hook raising "C stack overflow" inside the driver's own code
        // can break the driver in lua5.4 too: then there is nothing to
        // compare)
        Err(e) => {
            return match run_lua(&driver(src, true), Duration::from_secs(20)) {
                None => Diff::Skipped("both drivers failed"),
                Some(l) => Diff::Differs(
                    format!("<kiln driver error: {e}>"),
                    String::from_utf8_lossy(&l).into_owned(),
                ),
            };
        }
    };
    let kt = String::from_utf8_lossy(&k).into_owned();
    if kt.contains(BUDGET_MARK) {
        return Diff::Skipped("budget (kiln)");
    }
    let Some(l) = run_lua(&driver(src, true), Duration::from_secs(20)) else {
        return Diff::Skipped("lua5.4 failed or timed out");
    };
    let lt = String::from_utf8_lossy(&l).into_owned();
    if lt.contains(BUDGET_MARK) {
        return Diff::Skipped("budget (lua5.4)");
    }
    // Bytes must match, except where addresses (which programs may take
    // apart) differ; a difference only in non-UTF-8 bytes still counts.
    let same = k == l || (kt != lt && hide_addresses(&kt) == hide_addresses(&lt));
    if same {
        Diff::Same
    } else {
        Diff::Differs(kt, lt)
    }
}
