-- rawget, rawset, rawequal, rawlen.

local mt = {
  __index = function() return "meta" end,
  __newindex = function() error("no writes") end,
  __eq = function() return true end,
  __len = function() return 99 end,
}
local t = setmetatable({1, 2, 3}, mt)
local u = setmetatable({}, mt)

print(t.x, rawget(t, "x"), rawget(t, 1), rawget(t, 1.0), rawget(t, 4))
print(rawset(t, "x", 10) == t, t.x, rawget(t, "x"))
print(pcall(function() t.y = 1 end))
print(t == u, rawequal(t, u), rawequal(t, t))
print(#t, rawlen(t), rawlen("hello"), rawlen(""))

-- rawequal on other types
print(rawequal(1, 1.0), rawequal("a", "a"), rawequal(0, -0.0), rawequal(0/0, 0/0), rawequal(nil, nil))
print(rawequal(1, "1"), rawequal(print, print), rawequal({}, {}))

-- rawset normalises float keys like normal assignment
local r = {}
rawset(r, 2.0, "two")
print(r[2], math.type(next(r)))

-- argument checking
print(pcall(rawget, "str", 1))
print(pcall(rawget, {}))
print(pcall(rawset, {}, 1))
print(pcall(rawset, 1, 1, 1))
print(pcall(rawlen, 5))
print(pcall(rawlen))
print(pcall(rawequal, 1))
print(pcall(rawequal))
print(pcall(rawset, {}, nil, 1))

-- rawget with nil key is allowed
print(rawget({}, nil))
-- rawset returns the table (can chain)
local chained = rawset(rawset({}, "a", 1), "b", 2)
print(chained.a, chained.b)
-- rawlen of a table with __len ignores the metamethod
print(rawlen(setmetatable({1, 2}, {__len = function() return 0 end})))
