-- utf8.len: ranges, negative positions, invalid sequences and lax mode.

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

local function len(...)
  local r = table.pack(pcall(utf8.len, ...))
  if not r[1] then return "error(" .. r[2] .. ")" end
  table.remove(r, 1)
  r.n = r.n - 1
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  return table.concat(parts, ",")
end

local s = "h\u{E9}llo \u{4E16}\u{754C}\u{1F600}!"
print("basic", len(s), #s)
print("empty", len(""), len("", 1), len("", -1), len("", 1, 0))
print("ascii", len("hello"), len("hello", 2), len("hello", 2, 3), len("hello", 5, 5), len("hello", 6))
print("ranges", len(s, 1, 1), len(s, 1, 2), len(s, 2, 2), len(s, 3), len(s, -1), len(s, -5), len(s, -4, -2))
print("start in middle", len(s, 3, 3), len(s, 8), len(s, 9))
print("posj before posi", len(s, 5, 2), len("abc", 3, 1))
print("neg beyond", len("abc", -10), len("abc", -3, -3))
print("float pos", len("abc", 2.0, "3"))

-- invalid sequences: fail plus the position of the first bad byte
local bad = {
  "\x80", "a\x80", "ab\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",
  "\xED\xA0\x80", "\xED\xBF\xBF", "\xF4\x90\x80\x80", "\xF7\xBF\xBF\xBF", "\xF8\x88\x80\x80\x80", "\xFC\x84\x80\x80\x80\x80",
  "\xFD\xBF\xBF\xBF\xBF\xBF", "\xFE", "\xFF", "\xFE\x80\x80\x80\x80\x80\x80", "\xFF\x80\x80\x80\x80\x80\x80\x80",
  "\xC2", "\xE4\xB8", "\xF0\x9F\x98", "abc\xE4", "\xC2a", "\xE4\xB8a", "a\0\xC2\x80\0b", "\xC2\x80\x80",
  "\xF8\x80\x80\x80\x80", "\xFC\x80\x80\x80\x80\x80",
}
for i, b in ipairs(bad) do
  print("bad " .. i, len(b), len(b, 1, -1, true), len(b, 1, -1, false), len(b, 1, -1, nil), len(b, 1, -1, 0))
end

-- a bad byte outside the range does not matter
print("outside", len("ab\xFF", 1, 2), len("\xFFab", 2), len("\xE4\xB8\xAD\xFF", 1, 1))
-- the range end may cut a sequence: it is still decoded whole
print("cut", len("\xE4\xB8\xAD", 1, 1), len("\xE4\xB8\xADx", 1, 2), len("a\xE4\xB8\xAD", 2, 2))
-- starting on a continuation byte
print("cont start", len("\xE4\xB8\xAD", 2), len("\xE4\xB8\xAD", 3, 3))

-- errors
try("posi 0", utf8.len, "abc", 0)
try("posi too big", utf8.len, "abc", 5)
try("posi -5 clamps", utf8.len, "abc", -5)
try("posj too big", utf8.len, "abc", 1, 4)
try("posj maxint", utf8.len, "abc", 1, math.maxinteger)
try("posi mininteger", utf8.len, "abc", math.mininteger)
try("posi maxinteger", utf8.len, "abc", math.maxinteger)
try("posj mininteger", utf8.len, "abc", 1, math.mininteger)
try("float posi", utf8.len, "abc", 1.5)
try("bad posj", utf8.len, "abc", 1, "x")
try("no string", utf8.len)
try("table", utf8.len, {})
try("number", utf8.len, 12345)
try("float number", utf8.len, 1.5)
print(pcall(function() return utf8.len("abc", 9) end))
