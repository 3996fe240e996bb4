-- coroutine.close with pending to-be-closed variables and error values.

local log = {}
local function closer(name)
  return setmetatable({}, {__close = function(_, err)
    log[#log + 1] = name .. "(" .. tostring(err) .. ")"
  end})
end
local function flush() local s = table.concat(log, " "); log = {}; return s end

-- closing a suspended coroutine closes its pending variables, innermost first
local co = coroutine.create(function()
  local a <close> = closer("a")
  do
    local b <close> = closer("b")
    coroutine.yield("in b")
  end
end)
print("resume", coroutine.resume(co))
print("close", coroutine.close(co), coroutine.status(co), flush())
print("close again", coroutine.close(co))

-- variables already closed are not closed again
co = coroutine.create(function()
  do local first <close> = closer("first") end
  local second <close> = closer("second")
  coroutine.yield()
end)
coroutine.resume(co)
print("partial", flush())
print("close", coroutine.close(co), flush())

-- an error in a __close during coroutine.close is returned as (false, err)
co = coroutine.create(function()
  local ok1 <close> = closer("ok1")
  local bad <close> = setmetatable({}, {__close = function() error("close boom", 0) end})
  local ok2 <close> = closer("ok2")
  coroutine.yield()
end)
coroutine.resume(co)
print("close error", coroutine.close(co))
-- the other variables are still closed; later ones see the error object
print("others", flush(), coroutine.status(co))

-- error objects that are not strings come back unchanged
local errobj = {code = 99}
co = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() error(errobj) end})
  coroutine.yield()
end)
coroutine.resume(co)
local ok, e = coroutine.close(co)
print("error object", ok, e == errobj)

-- a coroutine that dies with an error keeps its pending variables open
-- (its stack is kept for inspection) until coroutine.close is called, which
-- closes them with the error and returns that error
co = coroutine.create(function()
  local v <close> = closer("v")
  error("died", 0)
end)
print("died", coroutine.resume(co))
print("died log", flush())
local c1, c2 = coroutine.close(co)
print("close dead with error", c1, c2, flush())
print("close dead twice", coroutine.close(co))

-- a finished coroutine closes fine
co = coroutine.create(function() return 1 end)
coroutine.resume(co)
print("close finished", coroutine.close(co))

-- cannot close running or normal coroutines
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function()
    return pcall(coroutine.close, outer)
  end)
  return coroutine.resume(inner)
end)
print("close normal", coroutine.resume(outer))
print("close running", pcall(coroutine.close, coroutine.running()))

-- to-be-closed variables in a coroutine that finishes normally
co = coroutine.wrap(function()
  local z <close> = closer("z")
  coroutine.yield(1)
  return 2
end)
print("wrap", co(), flush(), co(), flush())

-- an error raised in a coroutine runs its __close handlers with the error
co = coroutine.create(function()
  local h <close> = closer("h")
  local t = nil
  return t.x
end)
local rok, rerr = coroutine.resume(co)
print("runtime error", rok, rerr)
print("not yet closed", flush() == "")
print("close", coroutine.close(co))
print("handler saw", flush())

-- yields inside __close are allowed in 5.4
co = coroutine.create(function()
  local y <close> = setmetatable({}, {__close = function() coroutine.yield("from close") end})
  return "body done"
end)
print("yield in close", coroutine.resume(co))
print("after", coroutine.resume(co))
print("status", coroutine.status(co))
