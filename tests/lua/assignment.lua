-- Multiple assignment: all expressions are evaluated before assigning.

local a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
a, b = b, a
print(a, b)

-- swap through table fields
local t = {1, 2}
t[1], t[2] = t[2], t[1]
print(t[1], t[2])

-- extra values are evaluated and dropped, missing targets get nil
local calls = {}
local function mark(x) calls[#calls + 1] = x; return x end
local x, y = mark("e1"), mark("e2"), mark("e3")
print(x, y, table.concat(calls, ","))
x, y = 5
print(x, y)

-- function results expand only in the last position
local function two() return "a", "b" end
local p, q, r = two(), two()
print(p, q, r)
p, q, r = two()
print(p, q, r)

-- the index expressions on the left use the values before the assignment
local i = 1
local arr = {}
i, arr[i] = i + 1, "set"
print(i, arr[1], arr[2])

-- assigning to a table field while replacing the table variable
local tt = {}
local old = tt
tt, tt.x = {}, "field"
print(old.x, tt.x)

-- nested tables and chained fields
local n = {a = {b = {}}}
n.a.b.c, n.a.d = 1, 2
print(n.a.b.c, n.a.d)

-- globals and locals mixed
g1, local1 = "G", "L"
print(g1, local1, rawget(_G, "local1"))
g1, local1 = nil, nil

-- assignment through __newindex in a multiple assignment
local log = {}
local proxy = setmetatable({}, {__newindex = function(_, k, v) log[#log + 1] = k .. "=" .. tostring(v) end})
proxy.a, proxy.b, proxy.c = 1, 2
table.sort(log)
print(table.concat(log, " "))

-- assignment evaluates right-hand side function calls left to right
local order = {}
local function f(v) order[#order + 1] = v; return v end
local m1, m2, m3 = f(1), f(2), f(3)
print(table.concat(order, " "), m1, m2, m3)

-- compound-like idioms
local counter = 0
counter = counter + 1
counter = counter * 10
print(counter)

-- string keys with numeric-looking values stay distinct
local keys = {}
keys["1"], keys[1] = "string key", "int key"
print(keys["1"], keys[1], keys[1.0])

-- assigning nil removes a field
local rm = {a = 1, b = 2}
rm.a = nil
print(rm.a, rm.b, next(rm))

-- errors during assignment
print(pcall(function() local z; z.x = 1 end))
print(pcall(function() local z = {}; z[nil] = 1 end))
print(pcall(function() local z = {}; z[0/0] = 1 end))
print(pcall(function() undefinedtable.field = 1 end))
print(pcall(function() local s = "str"; s.x = 1 end))
