-- Hostile input: long and looping __index/__newindex chains.

local function check(name, f, ...)
  local ok, e = pcall(f, ...)
  print(name, ok, e)
end

-- A loop of one table.
local t = setmetatable({}, {})
getmetatable(t).__index = t
check("__index self loop", function() return t.x end)
getmetatable(t).__newindex = t
check("__newindex self loop", function() t.x = 1 end)
-- A loop of two tables.
local a, b = {}, {}
setmetatable(a, {__index = b, __newindex = b})
setmetatable(b, {__index = a, __newindex = a})
check("__index two-table loop", function() return a[1] end)
check("__newindex two-table loop", function() a[1] = 1 end)
check("__index loop, method call", function() return a:m() end)
-- A long chain that ends: 1999 levels are allowed (MAXTAGLOOP is 2000).
local function chain(n, last)
  local first = {}
  local cur = first
  for i = 1, n do
    local nxt = {}
    setmetatable(cur, {__index = nxt, __newindex = nxt})
    cur = nxt
  end
  for k, v in pairs(last) do cur[k] = v end
  return first, cur
end
local c1, end1 = chain(1999, {x = "found"})
check("chain of 1999", function() return c1.x end)
local c2, end2 = chain(2000, {x = "found"})
-- (A read through 2000 tables works in lua5.4 too: see hostile_index_limit.lua.)
check("newindex chain of 1999", function() c1.y = 5 return rawget(end1, "y") end)
check("newindex chain of 2000", function() c2.y = 5 return rawget(end2, "y") end)
-- A chain with an __index function at the end.
local c3, end3 = chain(100, {})
setmetatable(end3, {__index = function(_, k) return "fn " .. k end})
check("chain to function", function() return c3.z end)
-- Rawget/rawset ignore the chain.
check("rawget", function() return rawget(a, 1) end)
check("rawset", function() rawset(a, 1, "v") return rawget(a, 1) end)
check("string method", function() return ("abc"):len() end)
-- __index chain through non-tables.
local n = setmetatable({}, {__index = 5})
check("__index is a number", function() return n.x end)
local f = setmetatable({}, {__newindex = "str"})
check("__newindex is a string", function() f.x = 1 end)
-- __eq, __lt with a loop of metatables do not loop.
local mt = {}
mt.__index = mt
local o = setmetatable({}, mt)
check("metatable indexes itself", function() return o.missing end)
print("state still usable:", #t, rawget(a, 2), c1.nothing)
