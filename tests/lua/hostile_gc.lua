-- Hostile input: finalizers that fail, loop, resurrect or collect.
-- Errors in __gc become warnings (stderr, when enabled), never a crash.
warn("@on")

local function make(f)
  setmetatable({}, {__gc = f})
end

make(function() error("error in finalizer") end)
collectgarbage()
print("after erroring __gc")

make(function() error({}) end)
collectgarbage()
print("after table error in __gc")

make(function() error(setmetatable({}, {__tostring = function() error("again") end})) end)
collectgarbage()
print("after error object with failing __tostring")

make(function() error() end)
collectgarbage()
print("after nil error in __gc")

-- A finalizer that runs a collection itself.
local ran = 0
make(function() ran = ran + 1 collectgarbage() end)
collectgarbage()
print("nested collect ran", ran)

-- A finalizer that creates more finalizable objects (bounded).
local created = 0
local function spawn()
  created = created + 1
  if created < 50 then make(spawn) end
end
make(spawn)
for i = 1, 60 do collectgarbage() end
print("spawned", created)

-- Resurrection: the finalizer stores the object globally.
local saved
make(function(o) saved = o end)
collectgarbage()
print("resurrected", type(saved))
saved = nil
collectgarbage()

-- A finalizer that yields (not inside a coroutine: an error, as a warning).
make(function() coroutine.yield() end)
collectgarbage()
print("after yield in __gc")

-- __gc set after setmetatable is ignored; a non-function __gc is ignored.
local mt = {}
setmetatable({}, mt)
mt.__gc = function() print("never") end
setmetatable({}, {__gc = 42})
setmetatable({}, {__gc = true})
collectgarbage()
print("after non-function __gc")

-- Finalizers of objects still alive run at exit.
_G.keep = setmetatable({}, {__gc = function() print("finalizer at exit") end})
_G.keep2 = setmetatable({}, {__gc = function() error("error at exit") end})
print("end of script")
