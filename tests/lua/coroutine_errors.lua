-- Errors and misuse of coroutines.

-- an error inside a coroutine is returned by resume, and the coroutine dies
local co = coroutine.create(function(x)
  coroutine.yield(x)
  error("failure inside")
end)
print(coroutine.resume(co, "first"))
print(coroutine.resume(co))
print(coroutine.status(co))
print(coroutine.resume(co))

-- error values of any type
co = coroutine.create(function() error({code = 7}) end)
local ok, e = coroutine.resume(co)
print(ok, type(e), e.code)
co = coroutine.create(function() error("no position", 0) end)
print(coroutine.resume(co))
co = coroutine.create(function() local t = nil; return t.x end)
print(coroutine.resume(co))

-- wrap propagates errors to the caller, with the position of the error
local w = coroutine.wrap(function() error("wrapped failure") end)
print(pcall(w))
local w2 = coroutine.wrap(function() error({}) end)
print(type(select(2, pcall(w2))))
local w3 = coroutine.wrap(function() error("level0", 0) end)
print(pcall(w3))
-- calling a dead wrapped coroutine
local w4 = coroutine.wrap(function() return 1 end)
print(w4())
print(pcall(w4))
-- a runtime error inside wrap keeps its message
local w5 = coroutine.wrap(function() return 1 + nil end)
print(pcall(w5))

-- resuming a running or normal coroutine
local self
self = coroutine.create(function() return coroutine.resume(self) end)
print(coroutine.resume(self))
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function() return coroutine.resume(outer) end)
  return coroutine.resume(inner)
end)
print(coroutine.resume(outer))
-- resume of the main coroutine
print(coroutine.resume(coroutine.running()))
-- calling a wrap function from inside itself
local rec
rec = coroutine.wrap(function() return rec() end)
print(pcall(rec))

-- yield outside a coroutine
print(pcall(coroutine.yield, 1))

-- yielding across a C-call boundary
co = coroutine.create(function()
  local t = {3, 1, 2}
  table.sort(t, function(a, b) coroutine.yield("in sort"); return a < b end)
end)
print(coroutine.resume(co))
co = coroutine.create(function()
  return string.gsub("abc", "%w", function(c) coroutine.yield(c) end)
end)
print(coroutine.resume(co))
co = coroutine.create(function()
  return load(function() coroutine.yield("in reader") end)
end)
print(coroutine.resume(co))
co = coroutine.create(function()
  local t = setmetatable({}, {__tostring = function() coroutine.yield("in tostring") return "x" end})
  return tostring(t)
end)
print(coroutine.resume(co))

-- an error while closing a coroutine with a pending to-be-closed variable
co = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() error("close failed") end})
  coroutine.yield("suspended")
end)
print(coroutine.resume(co))
print(coroutine.close(co))
print(coroutine.status(co))

-- the error of a coroutine is not reported again after it is dead
co = coroutine.create(function() error("once") end)
coroutine.resume(co)
print(coroutine.resume(co))

-- traceback of a dead coroutine still shows where it failed
co = coroutine.create(function() local function inner() error("deep") end inner() end)
coroutine.resume(co)
local tb = debug.traceback(co)
print(tb:match("coroutine_errors.lua:%d+: in [^\n]*") ~= nil, tb:sub(1, 16))
