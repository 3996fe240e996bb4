-- strings.lua: string building and pattern matching: concatenation with
-- .., string.format, table.concat, gmatch/find/match, gsub with string,
-- function and table replacements, and the byte/char/sub/rep helpers.
-- Measures: string allocation and interning, the pattern matcher, and the
-- string library's C-call boundary.
-- Usage: strings.lua [rows]   (default 150000)

local rows = tonumber(arg and arg[1]) or 150000
local fmt, concat = string.format, table.concat

local function hash(s)
  local h = #s
  for i = 1, #s, 7 do
    h = (h * 31 + s:byte(i)) % 1000000007
  end
  return h
end

local checksum = 0
local function mix(v)
  checksum = (checksum * 131 + v) % 1000000007
end

local cities = { "Oslo", "Lima", "Accra", "Hanoi", "Quito", "Perth", "Riga", "Tunis" }
local seed = 11
local function rand(m)
  seed = seed * 16807 % 2147483647
  return seed % m
end

-- 1. Build a CSV document with format and .. and table.concat.
local lines = {}
for i = 1, rows do
  local city = cities[rand(#cities) + 1]
  local temp = (rand(8000) - 2000) / 100
  lines[i] = fmt("%06d", i) .. "," .. city .. "," .. fmt("%.2f", temp) .. "," .. "tag" .. rand(50)
end
local doc = concat(lines, "\n") .. "\n"
mix(#doc)
mix(hash(doc))

-- 2. Parse it back: gmatch over lines, find for fields, tonumber.
local per_city, sum_temp, nlines = {}, 0, 0
for line in doc:gmatch("([^\n]*)\n") do
  nlines = nlines + 1
  local c1 = line:find(",", 1, true)
  local c2 = line:find(",", c1 + 1, true)
  local c3 = line:find(",", c2 + 1, true)
  local city = line:sub(c1 + 1, c2 - 1)
  local temp = tonumber(line:sub(c2 + 1, c3 - 1))
  per_city[city] = (per_city[city] or 0) + 1
  sum_temp = sum_temp + math.floor(temp * 100 + 0.5)
end
mix(nlines)
mix(sum_temp % 1000000007)
for i = 1, #cities do
  mix(per_city[cities[i]] or 0)
end

-- 3. match with captures.
local tags = 0
for i = 1, rows, 3 do
  local id, city, t = lines[i]:match("^(%d+),(%a+),(%-?%d+%.%d+),")
  if id and tonumber(id) == i and #city > 3 and tonumber(t) then
    tags = tags + 1
  end
end
mix(tags)

-- 4. gsub: pattern -> string, pattern -> function, pattern -> table.
local abbrev = { Oslo = "OSL", Lima = "LIM", Accra = "ACC", Hanoi = "HAN" }
local n1, n2, n3 = 0, 0, 0
for i = 1, rows, 2 do
  local s = lines[i]
  local a, c1 = s:gsub("%d", "#")
  local b, c2 = s:gsub("(%a+)", function(w)
    return w:upper()
  end)
  local c, c3 = s:gsub("%a+", abbrev)
  n1, n2, n3 = n1 + c1, n2 + c2, n3 + c3
  if i % 1001 == 1 then
    mix(hash(a .. b .. c))
  end
end
mix(n1)
mix(n2)
mix(n3)

-- 5. Incremental building with .. (bounded length) and reversal.
local s = ""
local resets = 0
for i = 1, rows * 4 do
  s = s .. string.char(97 + i % 26)
  if #s >= 400 then
    mix(hash(s:reverse()))
    s = ""
    resets = resets + 1
  end
end
mix(resets)

-- 6. Small helpers: rep, sub, lower/upper, byte/char round trips.
local acc = 0
for i = 1, rows do
  local w = cities[i % #cities + 1]
  local r = w:rep(3, "-")
  local u = r:upper()
  local back = u:lower()
  acc = acc + #back + back:byte(i % #back + 1) + #back:sub(2, -2)
  local pos = u:find("-", 1, true)
  acc = acc + (pos or 0)
end
mix(acc % 1000000007)

-- 7. Formatting numbers of several kinds.
local parts = {}
for i = 1, rows do
  parts[#parts + 1] = fmt("%5d|%-6s|%x|%8.3f|%e", i, cities[i % 8 + 1], i * 2654435 % 65536, i / 7, i * 1.5)
end
local report = concat(parts, ";")
mix(#report)
mix(hash(report))

print(string.format("document %d bytes, %d lines", #doc, nlines))
print(string.format("gsub counts %d %d %d, resets %d", n1, n2, n3, resets))
print(string.format("checksum %d", checksum))
