-- sieve.lua: sieve of Eratosthenes, repeated on freshly allocated arrays.
-- Measures: integer-indexed array stores/loads, nested numeric for loops.
-- Usage: sieve.lua [reps]   (default 28)

local reps = tonumber(arg and arg[1]) or 28
local limit = 1000000

local function sieve(n)
  local composite = {}
  for i = 1, n do
    composite[i] = false
  end
  local count = 0
  for i = 2, n do
    if not composite[i] then
      count = count + 1
      for j = i * i, n, i do
        composite[j] = true
      end
    end
  end
  return count, composite
end

local count, composite
local twin = 0
for r = 1, reps do
  -- Vary the limit slightly so no two repetitions are identical.
  count, composite = sieve(limit - r * 1000)
end
local n = limit - reps * 1000
for i = 3, n - 2, 2 do
  if not composite[i] and not composite[i + 2] then
    twin = twin + 1
  end
end
local psum = 0
for i = 2, n do
  if not composite[i] then
    psum = (psum + i) % 1000000007
  end
end

print(string.format("primes below %d: %d", n, count))
print(string.format("twin prime pairs: %d", twin))
print(string.format("checksum %d", psum))
