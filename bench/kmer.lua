-- kmer.lua: k-mer frequency counting over a pseudo-random DNA sequence
-- with a skewed base distribution and some planted repeats; reports the
-- most frequent k-mers for several k and counts a few fixed motifs.
-- Measures: string.sub of short substrings, string-keyed counting tables,
-- sorting with a comparator, string building.
-- Usage: kmer.lua [length]   (default 320000)

local length = tonumber(arg and arg[1]) or 320000
local sub, fmt = string.sub, string.format

local seed = 4242
local function rand(m)
  seed = seed * 16807 % 2147483647
  return seed % m
end

-- Build the sequence in chunks: bases drawn with weights A 30, C 20,
-- G 20, T 30, and occasionally a planted motif.
local bases = {}
for i = 1, 30 do
  bases[i] = "A"
end
for i = 31, 50 do
  bases[i] = "C"
end
for i = 51, 70 do
  bases[i] = "G"
end
for i = 71, 100 do
  bases[i] = "T"
end
local motifs = { "GATTACA", "TATAAT", "GGCGCC", "ACGTACGT" }
local chunks, len = {}, 0
while len < length do
  local piece
  if rand(50) == 0 then
    piece = motifs[rand(#motifs) + 1]
  else
    piece = bases[rand(100) + 1]
  end
  chunks[#chunks + 1] = piece
  len = len + #piece
end
local seq = sub(table.concat(chunks), 1, length)

local function count_kmers(k)
  local counts = {}
  for i = 1, #seq - k + 1 do
    local key = sub(seq, i, i + k - 1)
    counts[key] = (counts[key] or 0) + 1
  end
  return counts
end

local function top(counts, n)
  local list = {}
  for key, c in pairs(counts) do
    list[#list + 1] = { key = key, count = c }
  end
  table.sort(list, function(a, b)
    if a.count ~= b.count then
      return a.count > b.count
    end
    return a.key < b.key
  end)
  local parts = {}
  for i = 1, n do
    if list[i] then
      parts[#parts + 1] = fmt("%s:%d", list[i].key, list[i].count)
    end
  end
  return table.concat(parts, " "), #list
end

local checksum = 0
for k = 1, 8 do
  local counts = count_kmers(k)
  local line, distinct = top(counts, 4)
  print(fmt("k=%d distinct %5d  %s", k, distinct, line))
  checksum = (checksum * 131 + distinct) % 1000000007
end

local k12 = count_kmers(12)
for _, m in ipairs({ "GATTACAGATTA", "ACGTACGTACGT", "TATAATTATAAT", "AAAAAAAAAAAA" }) do
  local c = k12[m] or 0
  print(fmt("%s %d", m, c))
  checksum = (checksum * 131 + c) % 1000000007
end
for _, m in ipairs(motifs) do
  local c = count_kmers(#m)[m] or 0
  print(fmt("%s %d", m, c))
  checksum = (checksum * 131 + c) % 1000000007
end

print(fmt("checksum %d", checksum))
