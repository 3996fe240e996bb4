-- next/pairs: traversal covers every key once; during traversal existing
-- fields may be assigned (including nil) but no new fields may be added.
-- Orders are never printed: keys are sorted or counted.

local function sortedkeys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = tostring(k) end
  table.sort(ks)
  return table.concat(ks, ",")
end

local t = {10, 20, 30, a = 1, b = 2, c = 3, [1.5] = "f", [true] = "t"}
print("all keys", sortedkeys(t))
-- every key visited exactly once
local visits = {}
for k in pairs(t) do visits[k] = (visits[k] or 0) + 1 end
local twice = 0
for _, n in pairs(visits) do if n ~= 1 then twice = twice + 1 end end
print("once each", twice)

-- assigning to existing fields during traversal
for k, v in pairs(t) do
  if type(v) == "number" then t[k] = v * 2 end
end
print("doubled", t[1], t[2], t[3], t.a, t.b, t.c)
-- clearing fields during traversal
local cleared = 0
for k in pairs(t) do t[k] = nil; cleared = cleared + 1 end
print("cleared", cleared, next(t))
-- clearing some fields and keeping others
local u = {}
for i = 1, 20 do u["k" .. i] = i end
for k, v in pairs(u) do if v % 2 == 0 then u[k] = nil end end
local left = 0
for _ in pairs(u) do left = left + 1 end
print("half cleared", left)

-- next with explicit keys
local s = {x = 1}
print("next nil", next(s))
print("next last", next(s, "x"))
print("next empty", next({}))
print("next seq", next({"only"}))
-- a key that is not in the table is an error
print("bad key", pcall(next, {a = 1}, "zz"))
-- a removed key can still be passed to next during the same traversal
local r = {p = 1, q = 2, r = 3}
local count = 0
local k = next(r)
while k do
  count = count + 1
  r[k] = nil
  k = next(r, k)
end
print("removed keys ok", count, next(r))
-- next returns key and value; the value may be false
print("false value", next({[1] = false}))
-- next on non-tables
print("not a table", pcall(next, "abc"))
print("no arg", pcall(next))

-- pairs returns next, the table and nil when there is no __pairs
local f, st, init = pairs(s)
print("pairs triple", f == next, st == s, init)
-- __pairs overrides, and gets only the table as argument
local mp = setmetatable({}, {__pairs = function(self, extra)
  return function(_, i) i = i + 1; if i <= 2 then return i, "item" .. i end end, self, 0
end})
local items = {}
for i, v in pairs(mp) do items[#items + 1] = i .. v end
print("__pairs", table.concat(items, " "))
-- next ignores __pairs and __index
local hidden = setmetatable({}, {__index = {a = 1}, __pairs = function() error("unused") end})
print("next raw", next(hidden))
-- traversing with integer keys converted from floats
local fk = {}
fk[1.0] = "one"; fk[2^53] = "big"
print("float keys", sortedkeys(fk))
-- length and traversal agree on sequences
local seq = {}
for i = 1, 100 do seq[i] = i end
local sum, n = 0, 0
for _, v in pairs(seq) do sum = sum + v; n = n + 1 end
print("sequence", #seq, n, sum)
