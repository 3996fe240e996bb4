-- JIT: long loops directly in the main chunk (no enclosing function), so
-- compiled code is entered mid-chunk at a loop back-edge (on-stack
-- replacement), with main-chunk locals live across the switch.

local isum, fsum, prod = 0, 0.0, 1
local t = {}
local squares = {}
local mixed = 0
local evens, odds = 0, 0
for i = 1, 200000 do
  isum = isum + i
  fsum = fsum + i * 0.5
  prod = (prod * 31 + i) % 1000000007
  t[i] = i * 3
  if i % 2 == 0 then evens = evens + 1 else odds = odds + 1 end
  if i % 1000 == 0 then squares[#squares + 1] = i * i end
  mixed = mixed + (i % 3 == 0 and 0.25 or 1)
end
print("isum", isum, math.type(isum))
print("fsum", fsum, math.type(fsum))
print("prod", prod)
print("mixed", mixed, math.type(mixed))
print("evens/odds", evens, odds)
print("table", #t, t[1], t[100000], t[200000])
print("squares", #squares, squares[1], squares[200])

-- read back what the first loop wrote
local rsum = 0
local hits = 0
for i = 1, #t do
  rsum = rsum + t[i]
  if t[i] % 7 == 0 then hits = hits + 1 end
end
print("read", rsum, hits)

-- while and repeat loops in the main chunk
local n, steps = 27, 0
local collatz_max = 0
for start = 1, 3000 do
  n = start
  while n ~= 1 do
    if n % 2 == 0 then n = n // 2 else n = 3 * n + 1 end
    steps = steps + 1
    if n > collatz_max then collatz_max = n end
  end
end
print("collatz", steps, collatz_max)

local k, acc = 0, 0.0
repeat
  k = k + 1
  acc = acc + 1 / k
until k >= 100000
print("harmonic", k, string.format("%.10f", acc))

-- string building, joined at the end
local parts = {}
for i = 1, 20000 do
  if i % 1000 == 0 then parts[#parts + 1] = tostring(i) end
  if i % 5000 == 0 then parts[#parts + 1] = string.format("%.2f", i / 3) end
end
print("concat", table.concat(parts, ","))

local buf = {}
for i = 1, 50000 do buf[i] = string.char(65 + i % 26) end
local s = table.concat(buf)
print("letters", #s, s:sub(1, 30), s:sub(-5))

-- a hash table filled and read in the main chunk
local h = {}
for i = 1, 30000 do h["k" .. (i % 1000)] = (h["k" .. (i % 1000)] or 0) + i end
local hs, hc = 0, 0
for _, v in pairs(h) do hs = hs + v; hc = hc + 1 end
print("hash", hc, hs, h.k0, h.k999)

-- nested loops, with an upvalue-captured local declared in the main chunk
local counter = 0
local function bump() counter = counter + 1 end
local grid = 0
for i = 1, 300 do
  for j = 1, 300 do
    grid = grid + (i ~ j) % 5
    if (i + j) % 97 == 0 then bump() end
  end
end
print("grid", grid, counter)

-- a loop whose variables change type while it runs in the main chunk
local v = 0
for i = 1, 100000 do
  if i == 50000 then v = v + 0.5 end
  if i == 75000 then v = math.floor(v) end
  v = v + 1
end
print("typed", v, math.type(v))

-- break and goto out of a hot main-chunk loop
local found
for i = 1, 1000000 do
  if i * i > 123456789 then found = i; break end
end
print("break", found)
local gi = 0
::again::
gi = gi + 1
if gi < 100000 then goto again end
print("goto", gi)
