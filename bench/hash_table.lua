-- hash_table.lua: hash-part table traffic with string and integer keys:
-- inserts, hits, misses, updates, deletes and a pairs() walk.
-- Measures: table get/set on the hash part, string interning, next().
-- Usage: hash_table.lua [n]   (default 270000)

local n = tonumber(arg and arg[1]) or 270000

-- 1. String keys.
local names = {}
for i = 1, n do
  names[i] = "key_" .. i
end
local by_name = {}
for i = 1, n do
  by_name[names[i]] = i
end
local hits, misses, sum = 0, 0, 0
for round = 1, 3 do
  for i = 1, n, round do
    local v = by_name[names[i]]
    if v then
      hits = hits + 1
      sum = sum + v
    end
    if by_name["missing_" .. i] then
      misses = misses + 1
    end
  end
end
-- update every third key, delete every fifth
for i = 3, n, 3 do
  local k = names[i]
  by_name[k] = by_name[k] * 2
end
for i = 5, n, 5 do
  by_name[names[i]] = nil
end
local live, vsum = 0, 0
for _, v in pairs(by_name) do
  live = live + 1
  vsum = vsum + v
end

-- 2. Sparse integer keys (scattered, so they live in the hash part).
local sparse = {}
local x = 12345
for i = 1, n do
  x = x * 16807 % 2147483647
  local k = x % 50000017
  sparse[k] = (sparse[k] or 0) + i
end
local ikeys, isum = 0, 0
for k, v in pairs(sparse) do
  ikeys = ikeys + 1
  isum = (isum + k % 1000 * v) % 1000000007
end
local found = 0
x = 12345
for _ = 1, 2 * n do
  x = x * 16807 % 2147483647
  if sparse[x % 50000017] then
    found = found + 1
  end
end

-- 3. Word-count style: small string keys built from pieces, many updates.
local syll = { "ka", "lo", "mi", "nu", "pe", "ri", "so", "tu" }
local counts = {}
x = 99
for _ = 1, n * 2 do
  x = x * 16807 % 2147483647
  local a = syll[x % 8 + 1]
  local b = syll[(x - x % 8) / 8 % 8 + 1]
  local c = syll[(x - x % 64) / 64 % 8 + 1]
  local w = a .. b .. c
  counts[w] = (counts[w] or 0) + 1
end
local distinct, maxc = 0, 0
for _, c in pairs(counts) do
  distinct = distinct + 1
  if c > maxc then
    maxc = c
  end
end

print(string.format("string keys: hits %d misses %d sum %d", hits, misses, sum))
print(string.format("after update/delete: live %d sum %d", live, vsum))
print(string.format("integer keys: distinct %d found %d mix %d", ikeys, found, isum))
print(string.format("words: distinct %d max count %d", distinct, maxc))
print(string.format("checksum %d", (sum + vsum + isum + found + distinct * maxc) % 1000000007))
