-- utf8.offset: forward, backward, n = 0 and errors.

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

local s = "a\u{E9}\u{4E16}\u{1F600}b" -- bytes: 1 | 2-3 | 4-6 | 7-10 | 11
print("#s", #s)
local out = {}
for n = -7, 7 do out[#out + 1] = n .. "=" .. tostring(utf8.offset(s, n)) end
print("default i", table.concat(out, " "))
for i = 1, #s + 1 do
  out = {}
  for n = -3, 3 do
    local ok, r = pcall(utf8.offset, s, n, i)
    out[#out + 1] = n .. "=" .. (ok and tostring(r) or "E")
  end
  print("i=" .. i, table.concat(out, " "))
end
out = {}
for i = -#s - 1, -1 do
  local ok, r = pcall(utf8.offset, s, 0, i)
  out[#out + 1] = i .. "=" .. (ok and tostring(r) or "E")
end
print("n=0 negative i", table.concat(out, " "))

-- ascii and empty strings
print("ascii", utf8.offset("abc", 1), utf8.offset("abc", 3), utf8.offset("abc", 4), utf8.offset("abc", 5))
print("ascii back", utf8.offset("abc", -1), utf8.offset("abc", -3), utf8.offset("abc", -4))
print("empty", utf8.offset("", 1), utf8.offset("", 0), utf8.offset("", -1), utf8.offset("", 2))
print("empty i", utf8.offset("", 1, 1), utf8.offset("", 0, 1), utf8.offset("", -1, 1))
print("huge n", utf8.offset(s, math.maxinteger), utf8.offset(s, math.mininteger))
print("float args", utf8.offset("abc", 2.0, "1"))

-- invalid sequences are skipped byte-wise
print("invalid", utf8.offset("\xFF\xFE", 2), utf8.offset("a\x80\x80b", 2), utf8.offset("a\x80\x80b", -1), utf8.offset("a\x80\x80b", 0, 3))

-- errors
try("continuation", utf8.offset, s, 1, 3)
try("continuation neg", utf8.offset, s, -1, 5)
try("continuation n=0 ok", utf8.offset, s, 0, 3)
try("i = 0", utf8.offset, s, 1, 0)
try("i too big", utf8.offset, s, 1, #s + 2)
try("i too negative", utf8.offset, s, 1, -#s - 1)
try("i mininteger", utf8.offset, s, 1, math.mininteger)
try("no n", utf8.offset, s)
try("float n", utf8.offset, s, 1.5)
try("string n", utf8.offset, s, "x")
try("float i", utf8.offset, s, 1, 2.5)
try("no string", utf8.offset)
try("table", utf8.offset, {}, 1)
print(pcall(function() return utf8.offset("\x80", 1) end))
print(pcall(function() return utf8.offset("abc", 1, 10) end))
