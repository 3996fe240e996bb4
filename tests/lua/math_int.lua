-- math functions that preserve or produce integers.

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

local maxi, mini = math.maxinteger, math.mininteger

print("constants", show(maxi, mini, math.pi, math.huge, -math.huge))
print("maxi+1 wraps", maxi + 1 == mini, mini - 1 == maxi)

-- floor / ceil
for _, v in ipairs({3, -3, 3.0, 3.5, -3.5, 0.5, -0.5, -0.0, 2^52 + 0.5, 2^53, 2^62, 2^63, -2^63,
                    -2^63 - 1025, 1e300, -1e300, math.huge, -math.huge, maxi, mini, "7", "7.5", "-7.5", "0x10", " 8 "}) do
  print("floor/ceil", tostring(v), show(math.floor(v)), show(math.ceil(v)))
end
print("floor nan", math.floor(0/0) ~= math.floor(0/0), math.type(math.floor(0/0)))
print("ceil nan", math.ceil(0/0) ~= math.ceil(0/0), math.type(math.ceil(0/0)))

-- abs
for _, v in ipairs({0, 5, -5, 5.5, -5.5, -0.0, maxi, mini, mini + 1, -math.huge, "-3", "-3.5", "0x7fffffffffffffff"}) do
  print("abs", tostring(v), show(math.abs(v)))
end

-- fmod
for _, p in ipairs({{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {6, 3}, {mini, -1}, {mini, 1}, {maxi, -1},
                    {mini, maxi}, {maxi, mini}, {5, mini}, {0, 5},
                    {7.0, 3}, {-7.5, 2}, {7, 2.5}, {7, -2.5}, {1e308, 3}, {5, math.huge}, {-5, math.huge},
                    {"7", "3"}, {"7.5", 2}, {3, "2"}}) do
  print("fmod", tostring(p[1]), tostring(p[2]), show(math.fmod(p[1], p[2])))
end
print("fmod inf", math.fmod(math.huge, 2) ~= math.fmod(math.huge, 2))
print("fmod 0.0", math.fmod(1, 0.0) ~= math.fmod(1, 0.0), math.fmod(1.0, 0) ~= math.fmod(1.0, 0))
print("fmod -0.0", show(math.fmod(-6.0, 3)), show(math.fmod(6.0, -3)))
try("fmod zero", math.fmod, 1, 0)
try("fmod zero neg", math.fmod, -1, 0)
try("fmod str zero", math.fmod, "1", "0")
try("fmod no args", math.fmod)
try("fmod one arg", math.fmod, 1)
try("fmod one int arg", math.fmod, 1.5)
try("fmod bad", math.fmod, 1, "x")
print(pcall(function() return math.fmod(5, 0) end))

-- modf
for _, v in ipairs({3.5, -3.5, 3, -3, 0.0, -0.0, 0.25, -0.25, 1e300, 2^63, -2^63, math.huge, -math.huge,
                    maxi, mini, "5", "5.5", "-0.5"}) do
  print("modf", tostring(v), show(math.modf(v)))
end
local ip, fp = math.modf(0/0)
print("modf nan", ip ~= ip, fp ~= fp, math.type(ip), math.type(fp))
try("modf bad", math.modf, "x")
try("modf none", math.modf)

-- tointeger
for _, v in ipairs({3, 3.0, 3.5, -0.0, 2^63, -2^63, 2^53, "8", "8.0", "8.5", "0x10", " 9 ", "x", true, {}}) do
  print("tointeger", type(v) == "table" and "table" or tostring(v), show(math.tointeger(v)))
end
print("tointeger nan/inf", math.tointeger(0/0), math.tointeger(math.huge), math.tointeger(-math.huge))
print("tointeger nil", math.tointeger(nil))
try("tointeger none", math.tointeger)

-- type
for _, v in ipairs({1, 1.0, -0.0, maxi, 2^63, "1", "1.0", true}) do
  print("type", tostring(v), math.type(v))
end
print("type nil", math.type(nil), math.type({}), math.type(print))
try("type none", math.type)

-- ult
print("ult", math.ult(1, 2), math.ult(2, 1), math.ult(-1, 1), math.ult(1, -1), math.ult(mini, maxi), math.ult(maxi, mini))
print("ult eq", math.ult(5, 5), math.ult(0, -1), math.ult(2.0, 3), math.ult("1", "2"))
try("ult float", math.ult, 1.5, 2)
try("ult str", math.ult, "a", 2)
try("ult missing", math.ult, 1)

-- max / min keep the type of the winning argument
print("max", show(math.max(1)), show(math.max(1, 2)), show(math.max(2, 1)), show(math.max(1, 2.0)), show(math.max(2.0, 1)))
print("max eq", show(math.max(2, 2.0)), show(math.max(2.0, 2)), show(math.min(2, 2.0)), show(math.min(2.0, 2)))
print("min", show(math.min(3, 1, 2)), show(math.min(3.5, -1, 2)), show(math.min(maxi, mini)), show(math.max(maxi, mini)))
print("max inf", show(math.max(-math.huge, mini)), show(math.min(math.huge, maxi)))
print("max float/int", show(math.max(2^53, 2^53 + 1)), show(math.min(2^53, 2^53 + 1)))
print("max many", show(math.max(4, 9, -2, 8.5, 9.0, 1)), show(math.min(4, -2.0, 9, -2, 8.5)))
print("max nan", show(math.max(1, 0/0) ~= nil), show(math.min(0/0, 1)))
print("max strings", math.max("10", "9"), math.min("10", "9"), math.max("a", "b", "ab"))
try("max none", math.max)
try("min none", math.min)
try("max mixed", math.max, 1, "x")
try("min mixed", math.min, "x", 1)
try("max table", math.max, 1, {})
print("max single non-number", type(math.max({})), math.max("x"), math.min(true))
print(pcall(function() return math.max() end))
local lt = {__lt = function(a, b) return a.v < b.v end}
local o1, o2 = setmetatable({v = 1}, lt), setmetatable({v = 2}, lt)
print("max __lt", math.max(o1, o2).v, math.min(o1, o2).v)
