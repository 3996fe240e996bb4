-- Hostile input: table functions over huge ranges, and for loops at the
-- integer limits.

local function check(name, f, ...)
  local r = table.pack(pcall(f, ...))
  for i = 1, r.n do r[i] = tostring(r[i]) end
  print(name, table.concat(r, " | ", 1, math.min(r.n, 6)), r.n > 6 and ("(" .. r.n .. " values)") or "")
end

local maxi, mini = math.maxinteger, math.mininteger
-- table.unpack
check("unpack 1..1e8", table.unpack, {}, 1, 1e8)
check("unpack min..max", table.unpack, {}, mini, maxi)
check("unpack 0..max", table.unpack, {}, 0, maxi)
check("unpack max-1..max", table.unpack, {}, maxi - 1, maxi)
check("unpack min..min+1", table.unpack, {}, mini, mini + 1)
check("unpack empty range", table.unpack, {}, maxi, mini)
check("unpack 1e6", function() return select("#", table.unpack({}, 1, 1e6)) end)
check("unpack 10000", function() return select("#", table.unpack({}, 1, 10000)) end)
check("unpack float bounds", table.unpack, {1, 2, 3}, 1.0, 2.0)
check("unpack bad bound", table.unpack, {1, 2, 3}, 1, 2.5)
-- table.concat
check("concat 1..1e8", table.concat, {}, "", 1, 1e8)
check("concat max-1..max", table.concat, {}, "", maxi - 1, maxi)
check("concat min..min+1", table.concat, {}, "", mini, mini + 1)
check("concat empty range", table.concat, {}, "", maxi, mini)
check("concat non-string", table.concat, {1, {}, 3})
check("concat __index", function()
  local t = setmetatable({}, {__index = function(_, i) return "x" end})
  return #table.concat(t, ",", 1, 100000)
end)
-- table.insert / remove / move
check("insert at huge", table.insert, {}, 1 << 53, 1)
check("insert at 0", table.insert, {}, 0, 1)
check("insert too many args", table.insert, {}, 1, 2, 3)
check("remove at huge", table.remove, {}, 1 << 53)
check("remove from empty at 0", table.remove, {}, 0)
check("move too many", table.move, {}, 1, maxi, 2)
check("move negative", table.move, {}, mini, -1, 1)
check("move wraparound", table.move, {1, 2, 3}, 1, 3, maxi)
check("move to huge", function() local t = table.move({1, 2, 3}, 1, 3, maxi - 2) return t[maxi] end)
check("pack many", function() return table.pack(table.unpack({}, 1, 100000)).n end)
-- #t and border of huge tables with __len
check("__len huge", function() return #setmetatable({}, {__len = function() return maxi end}) end)
check("ipairs __index endless", function()
  local n = 0
  for i, v in ipairs(setmetatable({}, {__index = function(_, i) if i <= 100000 then return i end end})) do n = n + 1 end
  return n
end)
-- sort with invalid order function and huge sizes
check("sort invalid order", function()
  local t = {}
  for i = 1, 100 do t[i] = (i * 37) % 101 end
  table.sort(t, function(a, b) return true end)
end)
check("sort __len huge", table.sort, setmetatable({}, {__len = function() return maxi end}))
check("sort 1e5", function()
  local t = {}
  for i = 1, 100000 do t[i] = (i * 7919) % 100003 end
  table.sort(t)
  for i = 2, #t do if t[i - 1] > t[i] then return false end end
  return true
end)

-- for loops at the integer limits
local function loop(name, a, b, c)
  local n, first, last = 0
  local ok, e = pcall(function()
    for i = a, b, c do
      n = n + 1
      first = first or i
      last = i
      if n > 10 then break end
    end
  end)
  print(name, ok, ok and n or e, first, last)
end
loop("max-2..max", maxi - 2, maxi, 1)
loop("min..min+2", mini, mini + 2, 1)
loop("max..max-2 step -1", maxi, maxi - 2, -1)
loop("min+2..min step -1", mini + 2, mini, -1)
loop("1..max step max", 1, maxi, maxi)
loop("0..max step max//2", 0, maxi, maxi // 2)
loop("max..min step min", maxi, mini, mini)
loop("min..max step max", mini, maxi, maxi)
loop("-1..min step min", -1, mini, mini)
loop("max..max", maxi, maxi, 1)
loop("min..min step -1", mini, mini, -1)
loop("step zero", 1, 10, 0)
loop("float step zero", 1, 10, 0.0)
loop("float limit beyond", maxi - 1, 1e100, 1)
loop("float limit below", mini + 1, -1e100, -1)
loop("float limit nan", 1, 0/0, 1)
loop("float start", 0.5, 2, 0.5)
loop("float huge step", 1.0, math.huge, math.huge)
loop("string limit", 1, "2", 1)
loop("nil step", 1, 2, nil)
loop("limit max float", 1, 2^63, maxi)
loop("start max step big", maxi, maxi, maxi)
print("state still usable:", #{1, 2, 3})
