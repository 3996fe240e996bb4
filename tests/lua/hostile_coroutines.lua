-- Hostile input: resuming dead, running and normal coroutines; yields from
-- where they cannot go; deep nesting of coroutines.

local function show(name, ...)
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "thread" then t[i] = "thread" end
    t[i] = tostring(t[i])
  end
  print(name, table.concat(t, " | "))
end

-- Dead coroutines.
local co = coroutine.create(function() return 1 end)
show("first resume", coroutine.resume(co))
show("dead resume", coroutine.resume(co))
show("dead status", coroutine.status(co))
local w = coroutine.wrap(function() return 1 end)
w()
show("dead wrap", pcall(w))
local co_err = coroutine.create(function() error("boom") end)
show("erroring", coroutine.resume(co_err))
show("resume after error", coroutine.resume(co_err))
show("close after error", coroutine.close(co_err))
show("close dead again", coroutine.close(co_err))

-- Resuming the running coroutine and its resumer.
local self_co
self_co = coroutine.create(function()
  show("resume self", coroutine.resume(self_co))
  show("status self", coroutine.status(self_co))
  show("close self", pcall(coroutine.close, self_co))
  return "done"
end)
show("outer", coroutine.resume(self_co))
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function()
    show("resume normal", coroutine.resume(outer))
    show("status normal", coroutine.status(outer))
    show("close normal", pcall(coroutine.close, outer))
    show("wrap normal", pcall(coroutine.wrap(function() return coroutine.resume(outer) end)))
  end)
  coroutine.resume(inner)
end)
coroutine.resume(outer)
show("resume main", coroutine.resume(coroutine.running()))
show("close main", pcall(coroutine.close, coroutine.running()))

-- Yields that cannot happen.
show("yield outside", pcall(coroutine.yield, 1))
show("yield in sort", coroutine.resume(coroutine.create(function()
  table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end)
end)))
show("yield in gsub", coroutine.resume(coroutine.create(function()
  return string.gsub("x", "x", function() coroutine.yield() end)
end)))
show("yield in load reader", coroutine.resume(coroutine.create(function()
  return load(function() coroutine.yield() end)
end)))
show("yield in __index", coroutine.resume(coroutine.create(function()
  local t = setmetatable({}, {__index = function(t, k) return coroutine.yield(k) end})
  return t.key
end)))
show("yield across pcall", coroutine.resume(coroutine.create(function()
  return pcall(coroutine.yield, "from pcall")
end)))

-- Wrong arguments.
show("resume non-thread", pcall(coroutine.resume, 1))
show("status non-thread", pcall(coroutine.status, {}))
show("wrap non-function", pcall(coroutine.wrap, 1))
show("create non-function", pcall(coroutine.create, nil))

-- Deep nesting of coroutines ends with C stack overflow, not a crash.
local depth = 0
local function nest()
  depth = depth + 1
  local c = coroutine.create(nest)
  local ok, e = coroutine.resume(c)
  if not ok then error(e, 0) end
end
local ok, e = pcall(nest)
show("nested resume", ok, string.find(e, "C stack overflow", 1, true) ~= nil, depth > 100)
local function nestwrap() return coroutine.wrap(nestwrap)() end
ok, e = pcall(nestwrap)
show("nested wrap", ok, string.find(e, "C stack overflow", 1, true) ~= nil)
-- Many live coroutines at once.
local cos = {}
for i = 1, 10000 do
  cos[i] = coroutine.create(function(x) coroutine.yield(x) return x * 2 end)
  coroutine.resume(cos[i], i)
end
local sum = 0
for i = 1, 10000 do local _, v = coroutine.resume(cos[i]) sum = sum + v end
show("many coroutines", sum)
-- Closing suspended coroutines with pending to-be-closed variables.
local closed = {}
local c2 = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function(_, err) closed[#closed + 1] = tostring(err) end})
  coroutine.yield()
end)
coroutine.resume(c2)
show("close suspended", coroutine.close(c2), table.concat(closed, ","))
local c3 = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() error("in close") end})
  coroutine.yield()
end)
coroutine.resume(c3)
show("close with error", coroutine.close(c3))
print("state still usable:", coroutine.isyieldable(), coroutine.status(coroutine.running()))
