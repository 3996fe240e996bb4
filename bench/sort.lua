-- sort.lua: sorting pseudo-random data three ways: table.sort with the
-- default comparator, table.sort with a Lua comparator over records, and
-- a hand-written bottom-up merge sort.
-- Measures: comparator calls, array shuffling, record field access.
-- Usage: sort.lua [n]   (default 200000)

local n = tonumber(arg and arg[1]) or 200000

local seed = 42
local function rand(m)
  seed = seed * 16807 % 2147483647
  return seed % m
end

local function digest(arr, key)
  local h = 0
  for i = 1, #arr do
    local v = arr[i]
    if key then
      v = v[key]
    end
    h = (h * 31 + v) % 1000000007
  end
  return h
end

local function is_sorted(arr, less)
  for i = 2, #arr do
    if less(arr[i], arr[i - 1]) then
      return false
    end
  end
  return true
end

-- 1. Numbers, default comparator.
local nums = {}
for i = 1, n do
  nums[i] = rand(1000000)
end
table.sort(nums)
local d1 = digest(nums)

-- 2. Records with a two-level comparator (total order: id breaks ties,
--    so the result does not depend on the sort algorithm).
local recs = {}
for i = 1, n do
  recs[i] = { group = rand(100), score = rand(10000), id = i }
end
local function by_group_score(a, b)
  if a.group ~= b.group then
    return a.group < b.group
  end
  if a.score ~= b.score then
    return a.score > b.score
  end
  return a.id < b.id
end
table.sort(recs, by_group_score)
local ok2 = is_sorted(recs, by_group_score)
local d2 = digest(recs, "id")

-- 3. Strings, default comparator.
local words = {}
for i = 1, math.floor(n / 4) do
  words[i] = string.format("w%05d-%d", rand(50000), i)
end
table.sort(words)
local sh = 0
for i = 1, #words, 97 do
  sh = (sh * 7 + words[i]:byte(3) + #words[i]) % 1000000007
end

-- 4. Bottom-up merge sort of integers (stable, no comparator function).
local function merge_sort(a)
  local len = #a
  local src, dst = a, {}
  local width = 1
  while width < len do
    local lo = 1
    while lo <= len do
      local mid = lo + width
      if mid > len + 1 then
        mid = len + 1
      end
      local hi = lo + 2 * width
      if hi > len + 1 then
        hi = len + 1
      end
      local i, j, k = lo, mid, lo
      while i < mid and j < hi do
        if src[j] < src[i] then
          dst[k] = src[j]
          j = j + 1
        else
          dst[k] = src[i]
          i = i + 1
        end
        k = k + 1
      end
      while i < mid do
        dst[k] = src[i]
        i = i + 1
        k = k + 1
      end
      while j < hi do
        dst[k] = src[j]
        j = j + 1
        k = k + 1
      end
      lo = hi
    end
    src, dst = dst, src
    width = width * 2
  end
  return src
end
local m = {}
for i = 1, n do
  m[i] = rand(1000000)
end
local sorted = merge_sort(m)
local ok4 = is_sorted(sorted, function(a, b)
  return a < b
end)
local d4 = digest(sorted)

print(string.format("numbers %d records %d sorted %s", d1, d2, tostring(ok2)))
print(string.format("strings %d (first %s, last %s)", sh, words[1], words[#words]))
print(string.format("merge sort %d sorted %s", d4, tostring(ok4)))
print(string.format("checksum %d", (d1 + d2 + sh + d4) % 1000000007))
