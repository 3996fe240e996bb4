-- Table constructors, indexing, keys and length of sequences.

local function sortedkeys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  table.sort(ks, function(a, b)
    if type(a) == type(b) and (type(a) == "number" or type(a) == "string") then return a < b end
    return type(a) < type(b)
  end)
  return ks
end
local function dump(t)
  local parts = {}
  for _, k in ipairs(sortedkeys(t)) do parts[#parts + 1] = tostring(k) .. "=" .. tostring(t[k]) end
  return "{" .. table.concat(parts, ", ") .. "}"
end

-- constructors
print(dump({}), dump({1, 2, 3}), dump({x = 1, y = 2}), dump({[1] = "a", [2] = "b"}))
print(dump({1, 2, 3,}), dump({1; 2; 3;}), dump({1, x = "x"; 2, [10] = 10}))
print(dump({["key with space"] = 1, [true] = "t", [1.5] = "f"}))
-- positional items override explicit numeric keys given earlier
print(dump({[1] = "explicit", "positional"}))
-- nested
local nested = {a = {b = {c = "deep"}}, list = {{1}, {2, 3}}}
print(nested.a.b.c, nested.list[2][2], #nested.list)
-- expressions as keys and values
local k = "dyn"
print(dump({[k .. "1"] = 1 + 1, [2 * 3] = k}))

-- integer / float key normalisation
local t = {}
t[1] = "int"
print(t[1.0], t[1])
t[2.0] = "float key"
print(t[2], math.type(next({[2.0] = true})))
t[2^53] = "big"
print(t[2^53], t[9007199254740992])
t[1.5] = "frac"
print(t[1.5], t[1], dump(t))
-- -0.0 is the same key as 0
t = {[0] = "zero"}
print(t[-0.0], t[0.0])
-- strings and numbers are distinct keys
t = {[1] = "n", ["1"] = "s"}
print(t[1], t["1"], t[tonumber("1")])

-- nil and NaN keys
print(pcall(function() local x = {}; x[nil] = 1 end))
print(pcall(function() local x = {}; x[0/0] = 1 end))
print(pcall(function() return {[nil] = 1} end))
print(pcall(rawset, {}, nil, 1))
print(pcall(rawset, {}, 0/0, 1))
-- reading with nil/NaN keys is fine
local r = {}
print(r[nil], r[0/0], rawget(r, nil))

-- length of proper sequences
print(#{}, #{1}, #{1, 2, 3}, #{n = 1}, #{1, 2, 3, x = 1}, #"abc")
local seq = {}
for i = 1, 100 do seq[i] = i end
print(#seq)
seq[#seq] = nil
print(#seq)
seq[#seq + 1] = "again"
print(#seq, seq[100])
-- a sequence built from varargs with a trailing nil has its length defined by the non-nil prefix
local s2 = {1, 2, 3, nil}
print(#s2)

-- next
local nt = {10}
print(next(nt), next(nt, 1))
print(pcall(next, nt, "nokey"))
print(pcall(next, nil))
print(type(next), next({}, nil))

-- tables are references
local a1 = {}
local a2 = a1
a2.x = 5
print(a1.x, a1 == a2, {} == {})

-- table with many kinds of values
local mixed = {1, "two", 3.0, true, false}
print(#mixed, mixed[2], math.type(mixed[3]), mixed[5])

-- large constructor
local parts = {}
for i = 1, 60 do parts[i] = tostring(i) end
local big = load("return {" .. table.concat(parts, ",") .. "}")()
print(#big, big[1], big[60])

-- deleting during traversal (assigning nil to existing fields is allowed)
local d = {a = 1, b = 2, c = 3, d = 4}
for key in pairs(d) do d[key] = nil end
print(next(d))

-- indexing non-tables
print(pcall(function() local n = 5; return n.x end))
print(pcall(function() return type(("abc").len) end))
print(("abc").len == string.len)
