-- intmath.lua: integer arithmetic kernels without function calls in the
-- hot loops: a sum of gcds (Euclid with %), modular exponentiation by
-- repeated squaring, and a digit-sum style mixing loop.
-- Usage: intmath.lua [n]   (default 3200)

local n = tonumber(arg and arg[1]) or 3200
local M = 1000003 -- keeps every product below 2^53

-- 1. sum of gcd(i, j) for 1 <= i, j <= n
local gsum = 0
for i = 1, n do
  for j = 1, n do
    local a, b = i, j
    while b ~= 0 do
      a, b = b, a % b
    end
    gsum = gsum + a
  end
end

-- 2. sum of i^e mod M by square-and-multiply (exponent bits via % 2)
local psum = 0
for i = 2, n * 40 do
  local base, e, r = i % M, i + 1000, 1
  while e > 0 do
    if e % 2 == 1 then
      r = r * base % M
    end
    base = base * base % M
    e = (e - e % 2) / 2
  end
  psum = (psum + r) % M
end

-- 3. counting loop with nested conditionals
local c3, c5, c15 = 0, 0, 0
for i = 1, n * 3000 do
  if i % 15 == 0 then
    c15 = c15 + 1
  elseif i % 5 == 0 then
    c5 = c5 + 1
  elseif i % 3 == 0 then
    c3 = c3 + 1
  end
end

print(string.format("gcd sum %d", gsum))
print(string.format("power sum %d", psum))
print(string.format("fizz %d buzz %d fizzbuzz %d", c3, c5, c15))
print(string.format("checksum %d", (gsum + psum * 3 + c3 + c5 + c15) % 1000000007))
