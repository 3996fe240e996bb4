//! The `binary` target: bytes given to `load(..., "b")`.
//!
//! Input layout: byte 0 chooses the mode.
//! - even: the rest is the chunk (an ESC byte is put in front when missing,
//!   so the bytes reach the binary loader, not the text check).
//! - odd: byte 1 picks a template program, byte 2 bit 0 asks for a stripped
//!   dump; the template is compiled and dumped with `string.dump` (when the
//!   library has it), then mutated by the rest of the input, read 4 bytes at
//!   a time as (operation, position high, position low, value).
//!
//! The loaded function, if any, runs under the same budget hook as the other
//! targets. The only requirement is that nothing crashes or hangs.

/// Programs whose dumps are mutated: constants of every kind, nested
/// functions, upvalues, varargs, loops, gotos, long strings.
pub const TEMPLATES: &[&str] = &[
    "return 1",
    "local a, b = 1, 2.5 return a + b, 'str', nil, true, false, 2^63, -0.0",
    "local t = {} for i = 1, 10 do t[i] = i * 2 end return #t, t[5]",
    "local function f(...) return select('#', ...), ... end return f(1, nil, 3)",
    "local x = 0 local function inc() x = x + 1 return x end inc() inc() return x",
    "local s = '' for w in string.gmatch('a b c', '%a') do s = s .. w end return s",
    "local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end return fib(10)",
    "local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end) return co(1), co(5)",
    "goto a ::b:: do return 2 end ::a:: goto b",
    "local t = setmetatable({}, {__index = function(t, k) return k .. '!' end}) return t.x, t[1]",
    "return 'a long string constant that is longer than forty characters ............'",
    "local a <const> = 10 local b <close> = nil return a // 3, a % 3, a / 4, 3 & 5, 3 | 5, ~0, 1 << 62",
    "local function outer() local u = 1 return function() local v = u return function() return u + v end end end return outer()()()",
    "return math.maxinteger, math.mininteger, 0x7fffffffffffffff, 1e308, 5e-324",
    "while true do break end repeat local z = 1 until z for k, v in pairs({1, 2}) do end return 'loops'",
];

/// Apply the mutations in `ops` to `b`.
pub fn mutate(b: &mut Vec<u8>, ops: &[u8]) {
    for m in ops.chunks_exact(4) {
        if b.is_empty() {
            b.push(0x1b);
        }
        let pos = ((m[1] as usize) << 8 | m[2] as usize) % b.len();
        let v = m[3];
        match m[0] % 8 {
            0 => b[pos] = v,
            1 => b[pos] ^= v,
            2 => b.insert(pos, v),
            3 => {
                b.remove(pos);
            }
            4 => b.truncate(pos.max(1)),
            5 => {
                // An extreme integer (LE and varint-like patterns).
                let pat: &[u8] = match v % 6 {
                    0 => &[0xff, 0xff, 0xff, 0xff],
                    1 => &[0xff, 0xff, 0xff, 0x7f],
                    2 => &[0, 0, 0, 0x80],
                    3 => &[0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0xff],
                    4 => &[0xff; 8],
                    _ => &[0, 0, 0, 0],
                };
                for (i, &x) in pat.iter().enumerate() {
                    if pos + i < b.len() {
                        b[pos + i] = x;
                    }
                }
            }
            6 => {
                // Duplicate a slice (repeats a section of the chunk).
                let end = (pos + v as usize + 1).min(b.len());
                let s = b[pos..end].to_vec();
                let at = pos.min(b.len());
                b.splice(at..at, s);
                if b.len() > 1 << 16 {
                    b.truncate(1 << 16);
                }
            }
            _ => b[pos] = b[pos].wrapping_add(v),
        }
    }
}

/// The chunk the input describes, or None when the dump is unavailable and
/// the input asked for one (then the raw mode is used).
fn dump_template(lua: &mut kiln::Lua, idx: usize, strip: bool) -> Option<Vec<u8>> {
    let src = TEMPLATES[idx % TEMPLATES.len()];
    let d = format!(
        "if not string.dump then return nil end return string.dump(assert(load({})), {strip})",
        crate::gen::quote(src.as_bytes())
    );
    let out = crate::run_kiln_in(lua, &d).ok()?;
    if out.is_empty() {
        None
    } else {
        Some(out)
    }
}

/// Build the chunk bytes for an input.
pub fn chunk(lua: &mut kiln::Lua, data: &[u8]) -> Vec<u8> {
    if data.is_empty() {
        return vec![0x1b];
    }
    if data[0] % 2 == 1 && data.len() >= 3 {
        if let Some(mut b) = dump_template(lua, data[1] as usize, data[2] & 1 == 1) {
            mutate(&mut b, &data[3..]);
            return b;
        }
    }
    let mut b = data[1..].to_vec();
    if b.first() != Some(&0x1b) {
        b.insert(0, 0x1b);
    }
    b
}

/// The driver that loads global `__B` as a binary chunk and runs it.
pub fn driver() -> String {
    let mut d = crate::prelude(2_000);
    d.push_str(
        r#"local B = __B
__B = nil
sethook(hook, '', 100)
local f, e = load(B, '=x', 'b')
if f then pcall(f) end
f, e = load(B, '=y', 'bt', {})
if f then pcall(f, 1, 2) end
sethook()
return concat(OUT, '\n', 1, nout)
"#,
    );
    d
}

/// Run one input: must not crash or hang.
pub fn run(data: &[u8]) {
    let mut lua = crate::new_state();
    let b = chunk(&mut lua, data);
    {
        let vm = lua.vm();
        let v = vm.str_value(&b);
        vm.set_global("__B", v);
    }
    let _ = crate::run_kiln_in(&mut lua, &driver());
}
