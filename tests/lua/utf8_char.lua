-- utf8.char, utf8.charpattern and round trips through utf8.codepoint.

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

-- compare against literal escapes (no string library needed)
local function eq(a, b) return a == b end

print("empty", utf8.char() == "", #utf8.char())
print("ascii", utf8.char(72, 101, 108, 108, 111))
print("nul", utf8.char(0) == "\0", #utf8.char(0))
print("2 bytes", eq(utf8.char(0x80), "\xC2\x80"), eq(utf8.char(0x7FF), "\xDF\xBF"), eq(utf8.char(233), "\u{E9}"))
print("3 bytes", eq(utf8.char(0x800), "\xE0\xA0\x80"), eq(utf8.char(0xFFFF), "\xEF\xBF\xBF"), eq(utf8.char(0x20AC), "\u{20AC}"))
print("surrogate", eq(utf8.char(0xD800), "\xED\xA0\x80"), eq(utf8.char(0xDFFF), "\xED\xBF\xBF"))
print("4 bytes", eq(utf8.char(0x10000), "\xF0\x90\x80\x80"), eq(utf8.char(0x10FFFF), "\xF4\x8F\xBF\xBF"))
print("beyond unicode", eq(utf8.char(0x110000), "\xF4\x90\x80\x80"), eq(utf8.char(0x1FFFFF), "\xF7\xBF\xBF\xBF"))
print("5 bytes", eq(utf8.char(0x200000), "\xF8\x88\x80\x80\x80"), eq(utf8.char(0x3FFFFFF), "\xFB\xBF\xBF\xBF\xBF"))
print("6 bytes", eq(utf8.char(0x4000000), "\xFC\x84\x80\x80\x80\x80"), eq(utf8.char(0x7FFFFFFF), "\xFD\xBF\xBF\xBF\xBF\xBF"))
print("lengths", #utf8.char(0x7F), #utf8.char(0x80), #utf8.char(0x800), #utf8.char(0x10000), #utf8.char(0x200000), #utf8.char(0x4000000))
print("mixed", utf8.char(0x48, 0x20AC, 0x10348, 0x24) == "H\u{20AC}\u{10348}$")
print("raw", utf8.char(0x41, 0xE9, 0x4E2D, 0x1F600))
print("coerced", utf8.char("65", 66.0, "0x43"))

-- round trips
local codes = {0, 1, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF}
local out = {}
for _, c in ipairs(codes) do
  local s = utf8.char(c)
  out[#out + 1] = c .. ":" .. #s .. ":" .. utf8.codepoint(s) .. ":" .. utf8.len(s)
end
print(table.concat(out, " "))
out = {}
for _, c in ipairs({0xD800, 0xDFFF, 0x110000, 0x7FFFFFFF}) do
  local s = utf8.char(c)
  out[#out + 1] = c .. ":" .. #s .. ":" .. utf8.codepoint(s, 1, 1, true) .. ":" .. tostring(utf8.len(s)) .. ":" .. utf8.len(s, 1, -1, true)
end
print(table.concat(out, " "))
local all = {}
for c = 0x3B1, 0x3C9 do all[#all + 1] = c end
local greek = utf8.char(table.unpack(all))
print(greek, #greek, utf8.len(greek))
print(select("#", utf8.codepoint(greek, 1, -1)), utf8.codepoint(greek, -2))

-- errors
try("negative", utf8.char, -1)
try("too big", utf8.char, 0x80000000)
try("mininteger", utf8.char, math.mininteger)
try("second bad", utf8.char, 65, -1)
try("third bad", utf8.char, 65, 66, 2^31)
try("float", utf8.char, 65.5)
try("string", utf8.char, "x")
try("nil", utf8.char, nil)
try("nil 2", utf8.char, 65, nil)
try("table", utf8.char, {})
print(pcall(function() return utf8.char(65, 0x7FFFFFFF + 1) end))

-- charpattern
print("charpattern", #utf8.charpattern, utf8.charpattern == "[\0-\x7F\xC2-\xFD][\x80-\xBF]*")
