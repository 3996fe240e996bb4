-- Deprecated math functions kept by the reference build (LUA_COMPAT_MATHLIB).

local function show(...)
  local r = table.pack(...)
  local parts = {}
  for i = 1, r.n do
    local v = r[i]
    parts[#parts + 1] = tostring(v) .. ":" .. (math.type(v) or type(v))
  end
  return table.concat(parts, " ")
end

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

for _, x in ipairs({0, 1, -1, 0.5, 2, 10, -10, 710, "1"}) do
  print("hyperbolic", tostring(x), show(math.cosh(x)), show(math.sinh(x)), show(math.tanh(x)))
end
for _, p in ipairs({{2, 10}, {2, 0.5}, {-8, 1 / 3}, {0, 0}, {0, -1}, {-2, 3}, {10, -2}, {math.huge, 0}, {1, math.huge}, {"2", "3"}}) do
  print("pow", tostring(p[1]), tostring(p[2]), show(math.pow(p[1], p[2])))
end
for _, x in ipairs({0, 1, 8, 0.75, -3, 1e300, 2^-1074, 2^-1022, 1024, math.huge, -math.huge, -0.0, "12"}) do
  print("frexp", tostring(x), show(math.frexp(x)))
end
for _, p in ipairs({{1, 0}, {0.75, 4}, {1, 1023}, {1, 1024}, {1, -1074}, {1, -1075}, {3, -1075}, {-1, 2000},
                    {1, -2000}, {0.5, "3"}, {1, 2^32 + 3}, {1, math.mininteger}}) do
  print("ldexp", tostring(p[1]), tostring(p[2]), show(math.ldexp(p[1], p[2])))
end
for _, x in ipairs({1, 10, 100, 1000, 0.001, 2, 0, "1000"}) do
  print("log10", tostring(x), show(math.log10(x)))
end
print("atan2", show(math.atan2(1, 1)), show(math.atan2(1, -1)), show(math.atan2(-1)))

try("pow none", math.pow)
try("pow one", math.pow, 2)
try("frexp none", math.frexp)
try("ldexp float exp", math.ldexp, 1, 1.5)
try("ldexp none", math.ldexp, 1)
try("cosh str", math.cosh, "x")
try("log10 nil", math.log10, nil)
