-- table.concat: separators, ranges, numbers and errors.

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

print("[" .. table.concat({}) .. "]")
print("[" .. table.concat({}, ", ") .. "]")
print(table.concat({"a", "b", "c"}))
print(table.concat({"a", "b", "c"}, ", "))
print(table.concat({"a", "b", "c"}, ", ", 2))
print(table.concat({"a", "b", "c"}, ", ", 2, 3))
print(table.concat({"a", "b", "c"}, ", ", 3, 3))
print("[" .. table.concat({"a", "b", "c"}, ", ", 3, 2) .. "]")
print("[" .. table.concat({"a", "b", "c"}, ", ", 10, 2) .. "]")
print(table.concat({1, 2, 3}, "-"))
print(table.concat({1.5, 2.0, -0.0, 1e100, 2^63, math.mininteger}, " "))
print(table.concat({"x", "y"}, 1))
print(table.concat({"x", "y"}, 2.5))
print(table.concat({"x", "y"}, "", 1.0, 2.0))
print(table.concat({"x", "y"}, "", "1", "2"))
print(table.concat({[0] = "zero", "one", [-1] = "m1"}, ",", -1, 1))
print(table.concat({"a\0b", "c"}, "\0") == "a\0b\0c")
print(#table.concat({"abc", "de"}, "::"))

-- explicit range ignores holes outside it and uses #t as default end
local t = {"a", "b", nil, "d"}
print(table.concat(t, ",", 1, 2))
print(table.concat({"p", "q", "r"}, ",", nil, 2))

-- errors
try("nil elem", table.concat, {1, nil, 3}, ",", 1, 3)
try("table elem", table.concat, {1, {}, 3})
try("bool elem", table.concat, {true})
try("func elem", table.concat, {print})
try("range past end", table.concat, {1, 2, 3}, ", ", 1, 5)
try("negative range", table.concat, {1, 2}, "", -1, 1)
try("bad sep", table.concat, {1, 2}, {})
try("bad i", table.concat, {1, 2}, "", "x")
try("float i", table.concat, {1, 2}, "", 1.5)
try("bad j", table.concat, {1, 2}, "", 1, {})
try("not table", table.concat, "abc")
try("nil", table.concat)
try("number", table.concat, 42)
print(pcall(function() return table.concat({1, {}, 3}) end))
print(pcall(function() return table.concat({}, "", 1, 1) end))
print(pcall(function() return table.concat({}, "", math.maxinteger, math.maxinteger) end))
print(pcall(function() return table.concat({}, "", math.mininteger, math.mininteger) end))

-- a long concatenation
local big = {}
for i = 1, 1000 do big[i] = i % 10 end
local s = table.concat(big)
print(#s, #table.concat(big, ", "))
