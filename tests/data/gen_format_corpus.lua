-- Generates the oracle corpus for crates/kiln/src/stdlib/lstring/format.rs.
-- Run from this directory with the reference interpreter:
--     lua5.4 gen_format_corpus.lua
-- Writes format_corpus.txt, one case per line:
--   hex(format) \t type \t value \t ok|err \t hex(result or error message)
-- type is i (integer, decimal value), f (float, 16 hex digits of the bits),
-- s (string, hex), nil, b (boolean, true/false) or t (a table).

math.randomseed(8675309, 11)

local function hexs(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end
local function bits_of(x)
  return string.format("%016x", string.unpack("<i8", string.pack("<d", x)))
end
local function from_bits(i)
  return (string.unpack("<d", string.pack("<i8", i)))
end

local cases = {}
local function add(fmt, v) cases[#cases + 1] = {fmt, v} end

local function pick(t) return t[math.random(1, #t)] end

local function random_mods(flagset, allow_bad)
  local t = {}
  local nflags = math.random(0, 3)
  for _ = 1, nflags do
    local i = math.random(1, #flagset)
    t[#t + 1] = flagset:sub(i, i)
  end
  local w = pick{"", "", "1", "5", "8", "12", "20", "99"}
  if allow_bad and math.random() < 0.05 then w = pick{"100", "05", "123"} end
  t[#t + 1] = w
  local p = pick{"", "", "", ".", ".0", ".1", ".3", ".6", ".10", ".17", ".20", ".99"}
  if allow_bad and math.random() < 0.05 then p = pick{".100", ".005", ".1.2"} end
  t[#t + 1] = p
  return table.concat(t)
end

local ints = {0, 1, -1, 7, -7, 8, 42, -42, 255, -255, 256, 1000, 65, 97, 127, 128,
              1234567, -1234567, 4294967296, math.maxinteger, math.mininteger,
              math.maxinteger - 1, math.mininteger + 1, 0x7f, 0xdeadbeef}
local floats = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 3.5, -2.5, 0.25, 0.35, 0.125, 1/3, 2/3,
                0.1, 0.2, 0.3, 1e300, -1e300, 1e-300, 5e-324, 2.2250738585072014e-308,
                2.225073858507201e-308, 1.7976931348623157e308, 1/0, -1/0, 0/0, -(0/0),
                123456.789, 1e15, 1e16, 1e17, 0.0001, 0.00001, 1e-5, 99999.5, 999999.5,
                9.9999999, 0.000123456, 1e21, 1e22, 1e23, 100.0, 255.5, 1.03125, 1.09375,
                1.9999999999999998, 2^53, 2^63, -2^63, 2^-1022, 1e-10, 12345678.9, 0.95,
                0.05, 0.005, 0.0005, 1.25e-7, 6.02214076e23, 3.0, 10.0, 1e6, 1e-4, 0.99999999}
for _ = 1, 40 do floats[#floats + 1] = from_bits(math.random(math.mininteger, math.maxinteger)) end
for _ = 1, 40 do floats[#floats + 1] = (math.random() - 0.5) * 10.0 ^ math.random(-12, 12) end

local function rand_int()
  if math.random() < 0.6 then return pick(ints) end
  return math.random(-100000, 100000)
end
local function rand_float()
  return pick(floats)
end

-- integer conversions
for _ = 1, 700 do
  local conv = pick{"d", "i", "u", "c", "x", "X", "o"}
  local flags = (conv == "c") and "-" or pick{"-+ #0", "-+ 0", "-0", "-#0"}
  local mods = random_mods(flags, true)
  local v = rand_int()
  if conv == "c" then v = math.random(0, 255) end
  add("%" .. mods .. conv, v)
end
-- integer conversions with non-integer arguments
for _, v in ipairs{3.0, -3.0, 3.5, 2^63, "10", "0x10", "3.0", "3.5", "abc", 1e100} do
  add("%d", v); add("%x", v)
end
-- float conversions
for _ = 1, 1400 do
  local conv = pick{"e", "E", "f", "g", "G", "a", "A"}
  local mods = random_mods("-+ #0", true)
  add("%" .. mods .. conv, rand_float())
end
for _, v in ipairs{1, -1, 0, math.maxinteger, "1.5", "0x10", "abc"} do
  add("%f", v); add("%g", v); add("%a", v); add("%.3e", v)
end
-- %.14g and friends on the full float list
for _, x in ipairs(floats) do
  add("%.14g", x); add("%.17g", x); add("%a", x); add("%.0e", x); add("%.0f", x)
end
-- %#g when rounding carries a value just below 10^p up to 10^p (glibc quirk)
for _, f in ipairs{"%#g", "%#.3g", "%#.1g", "%#.2g", "%#.10g", "%#G", "%#12g", "%#-12g", "%#012g",
                   "%#+.5g", "%g", "%.3g", "%#.17g", "%#.22g", "%#.23g"} do
  for _, x in ipairs{999999.99, 999999.4, 9999999.9, 999.9, 99.99, 9.99, 0.99999999,
                     9.99999999e-05, 99999.999999, 9.5, 0.95, 9999999999.5, 99999.5,
                     999999.5, 99999999999999999999.0, 9999999999999999999999.0,
                     99999999999999991611392.0} do
    add(f, x)
  end
end
-- strings
local strs = {"", "a", "abc", "hello world", "with\0zero", string.rep("x", 99),
              string.rep("y", 100), string.rep("z", 150), "\n", "tab\there"}
for _ = 1, 250 do
  local mods = random_mods("-", true)
  add("%" .. mods .. "s", pick(strs))
end
for _, v in ipairs{1, -1.5, 1e100, 2^63, math.mininteger, true, false} do
  add("%s", v); add("%10s", v); add("%.2s", v)
end
add("%s", nil); add("%5s", nil)
-- %q
local qs = {"", "plain", "quote\"d", "back\\slash", "new\nline", "cr\rlf", "\0", "\0001",
            "\0a", "\1\2\3", "\1" .. "9", "\127", "\127" .. "0", "\128\255", "\t\v\f",
            "\27[0m", "x\0\0\0y", "9\0009"}
local all = {}
for b = 0, 255 do all[#all + 1] = string.char(b) end
qs[#qs + 1] = table.concat(all)
for b = 0, 255 do qs[#qs + 1] = string.char(b) .. "5" end
for _, s in ipairs(qs) do add("%q", s) end
for _, v in ipairs(ints) do add("%q", v) end
for _, v in ipairs(floats) do add("%q", v) end
add("%q", nil); add("%q", true); add("%q", false); add("%q", {})
-- pointers (only values whose %p is deterministic)
for _, m in ipairs{"", "10", "-10", "#", ".3", "0"} do add("%" .. m .. "p", 1) end
-- spec errors and oddities
for _, f in ipairs{"%y", "%F", "%5.1F", "%lld", "%123", "%.", "%", "%5%", "%10.3q", "%-q",
                   "%.0q", "%#c", "%.3c", "%0c", "%05s", "%#s", "%+s", "%.5p", "%#p",
                   "%+u", "% u", "%#u", "%#d", "%+x", "% o", "%5-d", "%5 d", "%5.3.2d",
                   "%.005d", "%1.05d", "%00d", "%0-5d", "%-05d", "%010.3d",
                   "%-+ #0-+ #0-+ #0-+ #0d", "%-+ #0-+ #0-+ #0-+ #0-d",
                   "%-+ #0-+ #0-+ #0-+ #0-+ #0d", "%5\0d", "%\0d", "a\0b%d", "%n", "%hd",
                   "%ld", "%Lf", "%*d", "%1$d", "%b", "%r", "%10.10.10f", "%99.99f",
                   "%-99.99f", "%099.99f", "%99.99e", "%99.99g", "%#99.99g", "%99.99a",
                   "%99.99s", "%99.99x", "%99.99d", "%+.99d", "%.99o", "%#.99x", "%99c",
                   "%-99c", "%99p", "x%%y%d", "%%%d%%"} do
  add(f, 42)
end
for _, f in ipairs{"%.99f", "%99.99f", "%.99e", "%.99g", "%#.99g", "%.99a", "%.60a"} do
  for _, x in ipairs{1e308, 1e-308, 5e-324, 1/3, 0.1, 123456789.125, -2.5, 0.0} do add(f, x) end
end

local out = assert(io.open("format_corpus.txt", "w"))
out:write("# hex(fmt)\ttype\tvalue\tok|err\thex(result) -- generated by gen_format_corpus.lua\n")
local n = 0
for _, c in ipairs(cases) do
  local fmt, v = c[1], c[2]
  local ty, val
  local mt = math.type(v)
  if mt == "integer" then ty, val = "i", string.format("%d", v)
  elseif mt == "float" then ty, val = "f", bits_of(v)
  elseif type(v) == "string" then ty, val = "s", hexs(v)
  elseif v == nil then ty, val = "nil", "-"
  elseif type(v) == "boolean" then ty, val = "b", tostring(v)
  else ty, val = "t", "-" end
  -- called from a Lua function so that argument errors name 'format'
  local ok, r = pcall(function() local s = string.format(fmt, v); return s end)
  -- drop the "chunk:line: " position prefix that luaL_error adds
  if not ok then r = r:gsub("^[^:]*:%d+: ", "") end
  -- a table's %s / error text would contain an address: skip those
  if not (ty == "t" and ok) then
    out:write(hexs(fmt), "\t", ty, "\t", val, "\t", ok and "ok" or "err", "\t", hexs(r), "\n")
    n = n + 1
  end
end
out:close()
io.stderr:write("format cases: ", n, "\n")
