-- string.len, sub, rep, byte, char, upper, lower, reverse.

local s = "Hello, Lua!"
print("len", #s, s:len(), string.len(""), ("\0\0"):len())
-- sub with positive, negative and out-of-range indices
print("sub", s:sub(1, 5), s:sub(8), s:sub(-4), s:sub(-4, -2), s:sub(0), s:sub(5, 1))
print("sub edges", s:sub(100), "[" .. s:sub(0, 0) .. "]", s:sub(-100, 2), s:sub(3, 3), s:sub(-1, -1))
print("sub limits", s:sub(math.mininteger, math.maxinteger), "[" .. s:sub(math.maxinteger) .. "]")
print("sub float", s:sub(2.0, 3), pcall(s.sub, s, 1.5))
-- rep with separators
print("rep", ("ab"):rep(3), ("ab"):rep(3, ","), ("x"):rep(0), ("x"):rep(-1), ("x"):rep(1, "SEP"))
print("rep empty", "[" .. (""):rep(5) .. "]", ("a"):rep(2, ""), #(""):rep(3, "--"))
-- byte and char
print("byte", s:byte(), s:byte(1), s:byte(-1), s:byte(1, 3))
print("byte range", s:byte(100), select("#", s:byte(100)), select("#", s:byte(3, 2)), s:byte(-3, -1))
print("char", string.char(72, 105), string.char(), #string.char(0, 0), string.char(255):byte())
print("char errors", pcall(string.char, 256), pcall(string.char, -1))
-- round trip of every byte value
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local allstr = table.concat(all)
local ok = true
for i = 0, 255 do if allstr:byte(i + 1) ~= i then ok = false end end
print("all bytes", #allstr, ok)
-- case conversion only affects ASCII letters
print("case", s:upper(), s:lower(), ("MiXeD 123 _!"):upper(), ("\200"):upper() == "\200")
print("reverse", s:reverse(), (""):reverse(), ("a\0b"):reverse() == "b\0a")
-- strings are immutable values; operations return new strings
local orig = "abc"
local up = orig:upper()
print("immutable", orig, up)
-- concatenation of many pieces
local parts = {}
for i = 1, 10 do parts[#parts + 1] = tostring(i) end
print("concat", table.concat(parts), table.concat(parts, "-", 3, 5))
-- comparisons and equality
print("compare", "a" < "b", "abc" < "abd", "abc" < "ab", "" == "", "a" .. "b" == "ab")
-- length of long strings
local big = ("0123456789"):rep(10000)
print("big", #big, big:sub(-3), big:byte(99999))
-- string.len and # do not use __len; strings have no __len
print("no __len", getmetatable("").__len)
-- numbers are accepted where strings are expected
print("numbers", string.len(123), string.sub(12345, 2, 3), string.rep(7, 3), string.byte(5))
print("bad args", pcall(string.len, {}), pcall(string.sub, "x", "a"))
