-- __index and __newindex with tables and functions, including chains.

-- __index table
local defaults = {color = "red", size = 10}
local obj = setmetatable({size = 20}, {__index = defaults})
print(obj.color, obj.size, obj.missing, rawget(obj, "color"))

-- __index function receives table and key
local calls = {}
local lazy = setmetatable({}, {__index = function(t, k)
  calls[#calls + 1] = tostring(k)
  return k == "computed" and 99 or nil
end})
print(lazy.computed, lazy.other, lazy[1], table.concat(calls, ","))

-- chains of __index tables
local A = {a = "from A"}
local B = setmetatable({b = "from B"}, {__index = A})
local C = setmetatable({c = "from C"}, {__index = B})
print(C.a, C.b, C.c, C.d)

-- chain ending in a function
local F = setmetatable({}, {__index = function(_, k) return "fn:" .. k end})
local G = setmetatable({}, {__index = F})
print(G.anything, G.x)

-- __index is only used for absent keys (present-but-false values are returned)
local withfalse = setmetatable({flag = false}, {__index = {flag = true}})
print(withfalse.flag)

-- __newindex table: assignment goes to the other table
local store = {}
local proxy = setmetatable({}, {__newindex = store})
proxy.x = 1
print(rawget(proxy, "x"), store.x)
-- existing keys are assigned directly
local p2 = setmetatable({existing = 1}, {__newindex = function() error("not called") end})
p2.existing = 2
print(p2.existing)

-- __newindex function
local log = {}
local watched = setmetatable({}, {__newindex = function(t, k, v)
  log[#log + 1] = tostring(k) .. "=" .. tostring(v)
  rawset(t, k, v)
end})
watched.a = 1
watched.a = 2 -- now a raw field, not logged
watched[1] = "one"
print(table.concat(log, " "), watched.a)

-- __newindex chain through tables with their own __newindex
local final = {}
local middle = setmetatable({}, {__newindex = final})
local front = setmetatable({}, {__newindex = middle})
front.k = "v"
print(rawget(front, "k"), rawget(middle, "k"), final.k)

-- read-only table
local function readonly(t)
  return setmetatable({}, {
    __index = t,
    __newindex = function(_, k) error("attempt to modify read-only field '" .. tostring(k) .. "'", 2) end,
    __len = function() return #t end,
  })
end
local ro = readonly({1, 2, 3})
print(ro[2], #ro, pcall(function() ro[1] = 5 end))

-- __index on strings: the string library
print(("abc"):upper(), ("x").rep == string.rep, getmetatable("").__index == string)

-- default values with __index
local counts = setmetatable({}, {__index = function() return 0 end})
for _, w in ipairs({"a", "b", "a", "c", "a"}) do counts[w] = counts[w] + 1 end
print(counts.a, counts.b, counts.c, counts.z)

-- __index with non-table, non-function value: indexing that value
local strindex = setmetatable({}, {__index = "hello"})
print(strindex.len == string.len, strindex.upper == string.upper)
local badindex = setmetatable({}, {__index = 42})
print(pcall(function() return badindex.x end))
local badnew = setmetatable({}, {__newindex = 42})
print(pcall(function() badnew.x = 1 end))

-- deep chains work up to a limit
local base = {deep = "found"}
local cur = base
for i = 1, 50 do cur = setmetatable({}, {__index = cur}) end
print(cur.deep)

-- a loop in __index chains is detected
local loop1, loop2 = {}, {}
setmetatable(loop1, {__index = loop2})
setmetatable(loop2, {__index = loop1})
print(pcall(function() return loop1.x end))
local nl1, nl2 = {}, {}
setmetatable(nl1, {__newindex = nl2})
setmetatable(nl2, {__newindex = nl1})
print(pcall(function() nl1.x = 1 end))

-- rawget/rawset bypass
local guarded = setmetatable({}, {__index = function() return "meta" end, __newindex = function() end})
rawset(guarded, "r", "raw")
guarded.ignored = 1
print(guarded.r, guarded.missing, rawget(guarded, "missing"), rawget(guarded, "ignored"))

-- __index functions receive the key exactly as written (1.0 stays a float)
local kt = setmetatable({}, {__index = function(_, k) return math.type(k) end})
print(kt[1], kt[1.0], kt[1.5], kt[2^53])
