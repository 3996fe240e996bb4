-- Coroutine error messages and corner cases.

-- yield outside of any coroutine
print("main yield", pcall(coroutine.yield, 1))
-- resume a dead coroutine
local co = coroutine.create(function() return 1 end)
coroutine.resume(co)
print("dead", coroutine.resume(co))
-- resume a running coroutine (itself)
co = coroutine.create(function() return coroutine.resume(coroutine.running()) end)
print("running", coroutine.resume(co))
-- resume a normal coroutine (the one that resumed us)
local a, b
a = coroutine.create(function() return coroutine.resume(b) end)
b = coroutine.create(function() return coroutine.resume(a) end)
print("normal", coroutine.resume(a))

-- values passed in and out
co = coroutine.create(function(...)
  print("args", select("#", ...), ...)
  local r = table.pack(coroutine.yield())
  print("resumed with", r.n, table.unpack(r, 1, r.n))
  return nil, nil
end)
print("first", coroutine.resume(co, 1, nil, 3))
print("second", coroutine.resume(co, nil, "x", nil))
-- yield with no values; resume with no values
co = coroutine.wrap(function() local x = coroutine.yield() return select("#", x) end)
print("empty", select("#", co()), co())

-- yield across pcall inside a coroutine works
co = coroutine.create(function()
  local ok, v = pcall(function() return coroutine.yield("inside pcall") + 1 end)
  return ok, v
end)
print("pcall yield", coroutine.resume(co))
print("pcall resume", coroutine.resume(co, 41))
-- an error after yielding inside pcall is caught by that pcall
co = coroutine.create(function()
  return pcall(function() coroutine.yield(); error("after", 0) end)
end)
coroutine.resume(co)
print("pcall error", coroutine.resume(co))
-- yield across table.sort's comparator (a C function) is not allowed
co = coroutine.create(function()
  table.sort({3, 2, 1}, function(x, y) coroutine.yield() return x < y end)
end)
print("across C", coroutine.resume(co))
-- yield inside a string.gsub callback is not allowed either
co = coroutine.create(function() return ("ab"):gsub(".", function(c) coroutine.yield(c) end) end)
print("gsub", coroutine.resume(co))
-- yield across metamethods called from Lua is fine
local mt = {__add = function(x, y) return coroutine.yield("adding") end}
co = coroutine.create(function() return setmetatable({}, mt) + 1 end)
print("metamethod", coroutine.resume(co))
print("metamethod result", coroutine.resume(co, "sum"))

-- the main function of a coroutine can be a vararg or return many values
co = coroutine.create(function(...) return ... end)
print("many", coroutine.resume(co, 1, 2, 3, 4, 5))
-- coroutine.create needs a Lua or C function
co = coroutine.create(print)
print("C function", coroutine.resume(co, "printed by print inside coroutine"))
co = coroutine.create(math.max)
print("C max", coroutine.resume(co, 3, 9, 4))
-- a C function coroutine that errors
co = coroutine.create(error)
print("C error", coroutine.resume(co, "raised", 0))

-- recursion of coroutines: each level resumes the next
local function chain(n)
  if n == 0 then return "bottom" end
  local c = coroutine.create(chain)
  local ok, v = coroutine.resume(c, n - 1)
  return v .. "<" .. n
end
print("chain", chain(5))
-- many coroutines alive at the same time
local cos = {}
for i = 1, 100 do cos[i] = coroutine.create(function(x) coroutine.yield(x * 2) return x end) end
local s = 0
for i = 1, 100 do local _, v = coroutine.resume(cos[i], i); s = s + v end
for i = 1, 100 do local _, v = coroutine.resume(cos[i]); s = s + v end
print("many alive", s)
