-- math.random / math.randomseed: sequences for fixed seeds match the reference.

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

print("seed returns", math.randomseed(42))
local floats = {}
for i = 1, 10 do floats[i] = math.random() end
print("floats", table.concat(floats, " "))
local ints = {}
for i = 1, 20 do ints[i] = math.random(100) end
print("1..100", table.concat(ints, " "))
for i = 1, 20 do ints[i] = math.random(-10, 10) end
print("-10..10", table.concat(ints, " "))
for i = 1, 10 do ints[i] = math.random(0) end
print("full", table.concat(ints, " ", 1, 10))
for i = 1, 10 do ints[i] = math.random(1, 6) end
print("dice", table.concat(ints, " ", 1, 10))
for i = 1, 10 do ints[i] = math.random(math.mininteger, math.maxinteger) end
print("whole range", table.concat(ints, " ", 1, 10))
for i = 1, 10 do ints[i] = math.random(math.maxinteger - 3, math.maxinteger) end
print("top range", table.concat(ints, " ", 1, 10))
for i = 1, 10 do ints[i] = math.random(math.mininteger, math.mininteger + 2) end
print("bottom range", table.concat(ints, " ", 1, 10))
for i = 1, 10 do ints[i] = math.random(0, 2^40) end
print("2^40", table.concat(ints, " ", 1, 10))
for i = 1, 10 do ints[i] = math.random(-1000, 1000 * 1000 * 1000 * 1000) end
print("odd span", table.concat(ints, " ", 1, 10))
for i = 1, 10 do ints[i] = math.random(3, 3) end
print("single", table.concat(ints, " ", 1, 10))
print("float args", math.random(2.0), math.random("3"), math.random(1.0, "2"))

-- two-integer seeds, negative and string seeds
print("seed2", math.randomseed(7, 99))
print(math.random(), math.random(1000))
print("seed neg", math.randomseed(-1))
print(math.random(), math.random(1000))
print("seed str", math.randomseed("123", "-5"))
print(math.random(), math.random(1000))
print("seed float", math.randomseed(3.0))
print(math.random(), math.random(1000))
print("seed min", math.randomseed(math.mininteger, math.maxinteger))
print(math.random(), math.random(1000))
print("seed 0", math.randomseed(0))
print(math.random(), math.random(1000), math.random(0))

-- same seed, same sequence
math.randomseed(2024)
local a = {math.random(), math.random(10), math.random(0)}
math.randomseed(2024)
local b = {math.random(), math.random(10), math.random(0)}
print("repeatable", a[1] == b[1], a[2] == b[2], a[3] == b[3])

-- ranges hold over many draws
math.randomseed(1)
local lo, hi, flo, fhi = math.huge, -math.huge, math.huge, -math.huge
local counts = {0, 0, 0, 0, 0, 0}
for _ = 1, 6000 do
  local r = math.random(1, 6)
  counts[r] = counts[r] + 1
  if r < lo then lo = r end
  if r > hi then hi = r end
  local f = math.random()
  if f < flo then flo = f end
  if f > fhi then fhi = f end
end
print("range", lo, hi, flo >= 0, fhi < 1, table.concat(counts, " "))

-- errors
try("empty interval", math.random, 2, 1)
try("empty interval 1", math.random, -5)
try("too many", math.random, 1, 2, 3)
try("float", math.random, 1.5)
try("float 2", math.random, 1, 2.5)
try("string", math.random, "x")
try("nil", math.random, nil)
try("nil 2", math.random, 1, nil)
try("seed float", math.randomseed, 1.5)
try("seed str", math.randomseed, "x")
try("seed nil", math.randomseed, nil)
try("seed 2 bad", math.randomseed, 1, 2.5)
print(pcall(function() return math.random(3, 1) end))
print(pcall(function() return math.random(1, 2, 3) end))

-- randomseed() without arguments returns two integers (time-dependent)
local s1, s2 = math.randomseed()
print("auto seed", math.type(s1), math.type(s2))
local r = math.random(10)
print("auto seed draws", r >= 1 and r <= 10)
