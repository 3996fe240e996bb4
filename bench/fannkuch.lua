-- fannkuch.lua: for every permutation of 1..n (generated in
-- lexicographic order with the "next permutation" step), count how many
-- prefix reversals it takes until 1 comes first.
-- Only permutations whose first element is at most `lead` are visited
-- (lead = n visits all n! of them).
-- Measures: small integer arrays, swaps, nested while loops.
-- Usage: fannkuch.lua [n] [lead]   (default 10 5)

local n = tonumber(arg and arg[1]) or 10
local lead = tonumber(arg and arg[2]) or 5

local perm, work = {}, {}
for i = 1, n do
  perm[i] = i
end

-- Advance perm to the next permutation in lexicographic order.
-- Returns false after the last one.
local function next_perm(p)
  local i = n - 1
  while i >= 1 and p[i] >= p[i + 1] do
    i = i - 1
  end
  if i < 1 then
    return false
  end
  local j = n
  while p[j] <= p[i] do
    j = j - 1
  end
  p[i], p[j] = p[j], p[i]
  local lo, hi = i + 1, n
  while lo < hi do
    p[lo], p[hi] = p[hi], p[lo]
    lo = lo + 1
    hi = hi - 1
  end
  return true
end

local max_flips, checksum, index = 0, 0, 0
local histogram = {}
for k = 0, 64 do
  histogram[k] = 0
end

repeat
  for i = 1, n do
    work[i] = perm[i]
  end
  local flips = 0
  local first = work[1]
  while first ~= 1 do
    local lo, hi = 1, first
    while lo < hi do
      work[lo], work[hi] = work[hi], work[lo]
      lo = lo + 1
      hi = hi - 1
    end
    flips = flips + 1
    first = work[1]
  end
  if flips > max_flips then
    max_flips = flips
  end
  histogram[flips] = histogram[flips] + 1
  if index % 2 == 0 then
    checksum = checksum + flips
  else
    checksum = checksum - flips
  end
  index = index + 1
until not next_perm(perm) or perm[1] > lead

print(string.format("permutations of %d starting with 1..%d: %d", n, lead, index))
print(string.format("max flips %d", max_flips))
for k = 0, max_flips do
  if histogram[k] > 0 then
    print(string.format("  %2d flips: %d", k, histogram[k]))
  end
end
print(string.format("checksum %d", checksum))
