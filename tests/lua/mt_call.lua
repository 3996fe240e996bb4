-- __call metamethod.

local callable = setmetatable({name = "obj"}, {__call = function(self, a, b)
  return self.name, a, b
end})
print(callable(1, 2))
print(callable())
print(pcall(callable, "via pcall"))

-- __call chains: the metamethod itself may be a callable table
local inner = setmetatable({}, {__call = function(self, ...)
  return "inner", select("#", ...), (...) == outer_ref, select(2, ...)
end})
local outer = setmetatable({}, {__call = inner})
outer_ref = outer
print(outer("x", "y"))

-- callable objects work as generic-for iterators, but library functions that
-- check for a function argument reject them, and gsub treats a table as a map
local n = 0
local iter = setmetatable({}, {__call = function() n = n + 1; if n <= 3 then return n end end})
for i in iter do io.write(i, " ") end print()
local desc = setmetatable({}, {__call = function(_, a, b) return a > b end})
local list = {3, 1, 2}
print(pcall(table.sort, list, desc))
table.sort(list, function(a, b) return desc(a, b) end)
print(table.concat(list, " "))
local upper = setmetatable({}, {__call = function(_, s) return s:upper() end})
print((string.gsub("abc", "%w", upper)))

-- method calls on callable fields
local obj = {greet = setmetatable({}, {__call = function(self, target, who) return who end})}
print(obj:greet("me"))

-- calling non-callable values
local plain = {}
print(pcall(function() plain() end))
print(pcall(function() local x = 5; x() end))
print(pcall(function() undefinedfunction() end))
print(pcall(function() plain.method() end))
print(pcall(function() plain:method() end))
print(pcall(function() ("str")() end))
print(pcall(function() local t = setmetatable({}, {__call = 42}); t() end))

-- tail call through __call
local depth = 0
local tc
tc = setmetatable({}, {__call = function(self, k)
  if k == 0 then return "bottom" end
  return self(k - 1)
end})
print(tc(10000))

-- __call with varargs and multiple returns
local spread = setmetatable({}, {__call = function(_, ...) return ... end})
print(select("#", spread(nil, nil, nil)), spread(1, 2, 3))

-- coroutine.wrap/create insist on real functions; xpcall accepts callables
print(pcall(coroutine.wrap, callable))
print(pcall(coroutine.create, callable))
local co = coroutine.wrap(function(...) return callable(...) end)
print(co("in", "coroutine"))
print(xpcall(callable, print, "x"))

-- pcall of a callable table that errors
local failing = setmetatable({}, {__call = function() error("call failed") end})
print(pcall(failing))
