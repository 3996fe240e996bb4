-- coroutine.status in every state, coroutine.running and isyieldable.

local main, ismain = coroutine.running()
print("main", type(main), ismain, coroutine.status(main), coroutine.isyieldable())

local co
local outer
co = coroutine.create(function(a)
  -- inside: running, not main, yieldable
  local self, im = coroutine.running()
  print("inside", self == co, im, coroutine.status(co), coroutine.isyieldable())
  -- the main thread is "normal" while a coroutine runs
  print("main from inside", coroutine.status(main))
  local b = coroutine.yield(a + 1)
  -- a coroutine that resumes another is "normal"
  local inner = coroutine.create(function()
    print("outer from inner", coroutine.status(co))
    print("inner itself", coroutine.status(coroutine.running()))
    coroutine.yield()
  end)
  coroutine.resume(inner)
  print("inner suspended", coroutine.status(inner))
  coroutine.yield(b * 2)
  return "result"
end)
print("created", coroutine.status(co))
print("resume1", coroutine.resume(co, 1))
print("after yield", coroutine.status(co))
print("resume2", coroutine.resume(co, 21))
print("after second yield", coroutine.status(co))
print("resume3", coroutine.resume(co))
print("finished", coroutine.status(co))
print("resume dead", coroutine.resume(co))

-- dead after an error
local bad = coroutine.create(function() error("fail", 0) end)
print("error", coroutine.resume(bad))
print("after error", coroutine.status(bad))

-- a coroutine that never started is suspended and can be closed
local idle = coroutine.create(function() end)
print("close idle", coroutine.close(idle), coroutine.status(idle))

-- coroutine.running inside wrap
local f = coroutine.wrap(function()
  local th, im = coroutine.running()
  coroutine.yield(type(th), im, coroutine.status(th))
end)
print("wrap", f())

-- isyieldable with an explicit thread argument
local y = coroutine.create(function() coroutine.yield() end)
print("isyieldable(y) before", coroutine.isyieldable(y))
coroutine.resume(y)
print("isyieldable(y) suspended", coroutine.isyieldable(y))
print("isyieldable(main)", coroutine.isyieldable(main))

-- a coroutine that resumes itself is running, not suspended
local selfres
selfres = coroutine.create(function() return coroutine.resume(selfres) end)
print("self resume", coroutine.resume(selfres))
-- resuming the main thread is impossible
local tm = coroutine.create(function() return coroutine.resume(main) end)
print("resume main", coroutine.resume(tm))

-- status argument errors
print("status bad", pcall(coroutine.status, {}))
print("type", type(co), tostring(co):match("^thread: ") ~= nil)
