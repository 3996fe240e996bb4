-- Generated string.pack/unpack/packsize cases: a fixed pseudo-random generator
-- builds formats and values; every result (or error message) is printed, so
-- the expected output is lua5.4's answer to the same generated corpus.
local seed = 12345
local function rnd(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end

local opts = { "b", "B", "h", "H", "i", "I", "l", "L", "j", "J", "T", "f", "d", "n",
               "i1", "i2", "i3", "i4", "i7", "i8", "I1", "I3", "I5", "I8", "s1", "s2", "s4", "z", "x" }
local prefixes = { "", "<", ">", "=", "!", "!4", "!8", "<!2", ">!8" }

local function value_for(o)
  if o == "f" or o == "d" or o == "n" then
    return (rnd(2000) - 1000) / 8
  elseif o:sub(1, 1) == "s" or o == "z" then
    local t = {}
    for i = 1, rnd(6) do t[i] = string.char(97 + rnd(26)) end
    return table.concat(t)
  elseif o == "x" then
    return nil
  else
    local size = tonumber(o:match("%d+")) or 4
    local lim = size >= 8 and 1000000 or (1 << (8 * size - 1)) - 1
    local v = rnd(2 * lim + 1) - lim
    if o:sub(1, 1) == "I" or o == "B" or o == "H" or o == "L" or o == "J" or o == "T" then v = math.abs(v) end
    return v
  end
end

local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

for case = 1, 300 do
  local fmt = prefixes[rnd(#prefixes) + 1]
  local vals = {}
  for _ = 1, rnd(4) + 1 do
    local o = opts[rnd(#opts) + 1]
    fmt = fmt .. o
    local v = value_for(o)
    if v ~= nil then vals[#vals + 1] = v end
  end
  if rnd(10) == 0 then fmt = fmt .. "Xi4" end
  local ok, packed = pcall(string.pack, fmt, table.unpack(vals))
  local okn, size = pcall(string.packsize, fmt)
  if ok then
    local res = table.pack(pcall(string.unpack, fmt, packed))
    local parts = {}
    for i = 2, res.n do parts[#parts + 1] = tostring(res[i]) end
    print(case, fmt, hex(packed), okn and size or size, res[1], table.concat(parts, ","))
  else
    print(case, fmt, "error", packed, okn and size or size)
  end
end
-- error paths with bad option arguments
for _, f in ipairs({ "i0", "i17", "!3", "c", "Xz", "X", "s0", "i16", "I9", "<>", "q", "c-1", "!17" }) do
  print(f, pcall(string.pack, f, 1), pcall(string.packsize, f))
end
