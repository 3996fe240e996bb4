-- Floating-point math functions and their argument coercions.

local function show(...)
  local r = table.pack(...)
  local parts = {}
  for i = 1, r.n do
    local v = r[i]
    parts[#parts + 1] = tostring(v) .. ":" .. (math.type(v) or type(v))
  end
  return table.concat(parts, " ")
end

local pi = math.pi
print("pi", pi, math.type(pi), pi == 3.141592653589793)
print("huge", math.huge, -math.huge, math.huge > math.maxinteger, 1 / math.huge)

local inputs = {0, 1, -1, 0.5, -0.5, 2, pi, pi / 2, pi / 4, -pi / 3, 10, 100.25, 1e-10, "0.5", "2"}
for _, x in ipairs(inputs) do
  print("trig", tostring(x), show(math.sin(x)), show(math.cos(x)), show(math.tan(x)))
end
for _, x in ipairs({0, 0.5, -0.5, 1, -1, "0.25"}) do
  print("inverse", tostring(x), show(math.asin(x)), show(math.acos(x)), show(math.atan(x)))
end
print("asin out of range", math.asin(2) ~= math.asin(2), math.acos(-2) ~= math.acos(-2))

-- atan with two arguments (quadrants and signed zeros)
for _, p in ipairs({{1, 1}, {1, -1}, {-1, -1}, {-1, 1}, {0, 1}, {0, -1}, {0.0, -0.0}, {-0.0, -1},
                    {1, 0}, {-1, 0}, {math.huge, 1}, {1, math.huge}, {math.huge, -math.huge}, {3, "4"}}) do
  print("atan2", tostring(p[1]), tostring(p[2]), show(math.atan(p[1], p[2])))
end
print("atan nil x", show(math.atan(1, nil)))

-- exp / log / sqrt
for _, x in ipairs({0, 1, -1, 2, 10, 0.5, 700, 710, -745, -746, "1"}) do
  print("exp", tostring(x), show(math.exp(x)))
end
for _, x in ipairs({1, 2, 8, 10, 100, 1000, 0.5, 1e-300, 2^60, math.huge, 0, -0.0, "8"}) do
  print("log", tostring(x), show(math.log(x)), show(math.log(x, 2)), show(math.log(x, 10)), show(math.log(x, 3)))
end
print("log -1", math.log(-1) ~= math.log(-1), math.log(-8, 2) ~= math.log(-8, 2))
print("log bases", show(math.log(8, 2.0)), show(math.log(100, 10.0)), show(math.log(27, 3)), show(math.log(1, 1)),
      show(math.log(2, 0)), show(math.log(2, 1)), show(math.log(4, 0.5)), show(math.log(16, "4")), show(math.log(100, nil)))
print("log base -2", math.log(8, -2) ~= math.log(8, -2))
for _, x in ipairs({0, 1, 2, 4, 16, 0.25, 2^60, math.huge, -0.0, "9"}) do
  print("sqrt", tostring(x), show(math.sqrt(x)))
end
print("sqrt -1", math.sqrt(-1) ~= math.sqrt(-1))
print("sqrt exact", math.sqrt(2) ^ 2, math.sqrt(1e100))

-- deg / rad
for _, x in ipairs({0, 1, pi, -pi / 2, 180, 90, 45, 360, "180"}) do
  print("deg/rad", tostring(x), show(math.deg(x)), show(math.rad(x)))
end
print("roundtrip", math.deg(math.rad(30)), math.rad(math.deg(1)))
print("inf", math.deg(math.huge), math.rad(-math.huge), math.sin(0.0), math.sin(-0.0))

-- integer arguments become floats
print("int args", show(math.sqrt(4), math.exp(0), math.sin(0), math.cos(0), math.log(1), math.deg(0), math.rad(0)))
print("big ints", show(math.sqrt(math.maxinteger), math.sqrt(math.mininteger) ~= math.sqrt(math.mininteger)))
