-- To-be-closed variables (local x <close>).

local function closer(name, log)
  return setmetatable({}, {__close = function(self, err)
    log[#log + 1] = name .. "(" .. tostring(err) .. ")"
  end})
end

-- closed in reverse order at the end of the block
local log = {}
do
  local a <close> = closer("a", log)
  local b <close> = closer("b", log)
  local c <close> = nil      -- nil and false are allowed and ignored
  local d <close> = false
  log[#log + 1] = "body"
end
print(table.concat(log, " "))

-- closed on break, return, goto out of the block
log = {}
for i = 1, 3 do
  local x <close> = closer("loop" .. i, log)
  if i == 2 then break end
end
print(table.concat(log, " "))

log = {}
local function ret()
  local r <close> = closer("ret", log)
  return "value", log[#log]
end
print(ret(), table.concat(log, " "))

log = {}
do
  local g <close> = closer("goto", log)
  goto out
end
::out::
print(table.concat(log, " "))

-- closed on error, receiving the error object; the error continues
log = {}
local ok, err = pcall(function()
  local e1 <close> = closer("e1", log)
  local e2 <close> = closer("e2", log)
  error("failure", 0)
end)
print(ok, err, table.concat(log, " "))

-- an error in a close method replaces the original error and other closes still run
log = {}
ok, err = pcall(function()
  local first <close> = closer("first", log)
  local bad <close> = setmetatable({}, {__close = function(_, e) error("close error: " .. tostring(e), 0) end})
  local last <close> = closer("last", log)
  error("original", 0)
end)
print(ok, err, table.concat(log, " "))

-- error in close during normal exit
log = {}
ok, err = pcall(function()
  local x <close> = closer("x", log)
  local y <close> = setmetatable({}, {__close = function() error("y failed", 0) end})
  return "normal"
end)
print(ok, err, table.concat(log, " "))

-- values without __close are rejected at declaration
print(pcall(function() local x <close> = {} end))
print(pcall(function() local x <close> = 42 end))
print(pcall(function() local x <close> = "str" end))

-- the variable is constant
print(load("local x <close> = nil; x = 1"))

-- __close receives the value itself as first argument
local captured
do
  local obj = setmetatable({id = "me"}, {__close = function(self) captured = self.id end})
  local v <close> = obj
end
print(captured)

-- returned values are computed before the close happens
local function retval()
  local t = {n = 1}
  local c <close> = setmetatable({}, {__close = function() t.n = 99 end})
  return t.n, t
end
local n, tt = retval()
print(n, tt.n)

-- closing inside coroutines: coroutine.close runs pending closes
log = {}
local co = coroutine.create(function()
  local c1 <close> = closer("co1", log)
  local c2 <close> = closer("co2", log)
  coroutine.yield("paused")
end)
print(coroutine.resume(co))
print(coroutine.close(co), coroutine.status(co), table.concat(log, " "))

-- a coroutine that dies with an error does not close its variables by
-- itself; coroutine.close does it (passing the error) and returns it
log = {}
co = coroutine.create(function()
  local c <close> = closer("coerr", log)
  error("co error", 0)
end)
print(coroutine.resume(co))
print("after resume: [" .. table.concat(log, " ") .. "]")
print(coroutine.close(co))
print("after close: [" .. table.concat(log, " ") .. "]")

-- tbc in the main chunk of a loaded function
log = {}
load("local log, closer = ...; local z <close> = closer('chunk', log)")(log, closer)
print(table.concat(log, " "))

-- __close metamethod changed after declaration: the original check is done at
-- declaration time, but the metamethod is looked up when closing
log = {}
do
  local mt = {__close = function() log[#log + 1] = "original" end}
  local v <close> = setmetatable({}, mt)
  mt.__close = function() log[#log + 1] = "replaced" end
end
print(table.concat(log, " "))

-- multiple returns with tbc in nested functions
local function outer()
  local o <close> = closer("outer", log)
  local function inner()
    local i <close> = closer("inner", log)
    return 1, 2, 3
  end
  return inner()
end
log = {}
print(outer())
print(table.concat(log, " "))
