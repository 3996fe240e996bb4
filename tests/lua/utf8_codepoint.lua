-- utf8.codepoint: ranges, strict/lax decoding and errors.

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

local s = "h\u{E9}\u{4E16}\u{1F600}!"
try("default", utf8.codepoint, s)
try("all", utf8.codepoint, s, 1, -1)
try("2nd char", utf8.codepoint, s, 2)
try("range", utf8.codepoint, s, 2, 4)
try("neg", utf8.codepoint, s, -1)
try("neg range", utf8.codepoint, s, -5, -1)
try("mid-seq end", utf8.codepoint, s, 1, 2)
try("empty range", utf8.codepoint, s, 3, 2)
try("empty string", utf8.codepoint, "")
try("empty string range", utf8.codepoint, "", 1, 0)
try("i > len", utf8.codepoint, "abc", 4)
try("i = len+1 j = len", utf8.codepoint, "abc", 4, 3)
try("float args", utf8.codepoint, "abc", 1.0, "2")
try("number subject", utf8.codepoint, 123, 1, -1)
try("nul", utf8.codepoint, "a\0b", 1, -1)

-- start in a continuation byte
try("cont start", utf8.codepoint, "\u{E9}", 2)
try("cont start lax", utf8.codepoint, "\u{E9}", 2, 2, true)

-- strict vs lax
local cases = {
  {"surrogate", "\xED\xA0\x80"}, {"high surrogate end", "\xED\xAF\xBF"}, {"low surrogate", "\xED\xB0\x80"},
  {"above max", "\xF4\x90\x80\x80"}, {"5 bytes", "\xF8\x88\x80\x80\x80"}, {"6 bytes", "\xFD\xBF\xBF\xBF\xBF\xBF"},
  {"overlong 2", "\xC0\x80"}, {"overlong 3", "\xE0\x80\xAF"}, {"overlong 4", "\xF0\x80\x80\xAF"},
  {"overlong 5", "\xF8\x80\x80\x80\xAF"}, {"overlong 6", "\xFC\x80\x80\x80\x80\xAF"},
  {"truncated", "\xE4\xB8"}, {"lone cont", "\x80"}, {"fe", "\xFE\x80\x80\x80\x80\x80\x80"}, {"ff", "\xFF"},
  {"max 3", "\xEF\xBF\xBF"}, {"max unicode", "\xF4\x8F\xBF\xBF"}, {"bad cont", "\xC3\x28"},
}
for _, c in ipairs(cases) do
  try(c[1] .. " strict", utf8.codepoint, c[2], 1, -1)
  try(c[1] .. " lax", utf8.codepoint, c[2], 1, -1, true)
end

-- errors
try("i = 0", utf8.codepoint, "abc", 0)
try("i too negative", utf8.codepoint, "abc", -4)
try("j too big", utf8.codepoint, "abc", 1, 4)
try("j maxint", utf8.codepoint, "abc", 1, math.maxinteger)
try("i mininteger", utf8.codepoint, "abc", math.mininteger)
try("i maxint", utf8.codepoint, "abc", math.maxinteger)
try("float i", utf8.codepoint, "abc", 1.5)
try("bad j", utf8.codepoint, "abc", 1, {})
try("no args", utf8.codepoint)
try("table", utf8.codepoint, {})
try("bool", utf8.codepoint, true)
print(pcall(function() return utf8.codepoint("\xFF") end))
print(pcall(function() return utf8.codepoint("abc", 0) end))

-- many results
local parts = {}
for i = 1, 300 do parts[i] = "\u{3B1}" end
local long = table.concat(parts)
print("many", select("#", utf8.codepoint(long, 1, -1)), #long)
