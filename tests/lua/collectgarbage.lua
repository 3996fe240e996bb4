-- collectgarbage options. Amounts of memory are not printed, only their types
-- and relations that must hold.

-- (the standalone reference interpreter starts in generational mode; switch
-- to incremental first so that nothing below depends on the initial mode)
collectgarbage("incremental")
print("default", collectgarbage())
print("collect", collectgarbage("collect"))
local kb = collectgarbage("count")
print("count", math.type(kb), kb > 0)
-- "count" grows when memory is allocated and kept
local keep = {}
for i = 1, 10000 do keep[i] = {i} end
local kb2 = collectgarbage("count")
print("count grows", kb2 > kb)
keep = nil
collectgarbage()
print("count shrinks", collectgarbage("count") < kb2)

print("isrunning", collectgarbage("isrunning"))
print("stop", collectgarbage("stop"), collectgarbage("isrunning"))
print("restart", collectgarbage("restart"), collectgarbage("isrunning"))
-- "step" returns a boolean (true when a cycle finished)
print("step type", type(collectgarbage("step")), type(collectgarbage("step", 0)))
-- a big enough step finishes a cycle
local finished = false
for _ = 1, 1000 do if collectgarbage("step", 1000) then finished = true; break end end
print("step finishes", finished)

-- switching modes returns the previous mode
print("incremental", collectgarbage("incremental"))
print("generational", collectgarbage("generational"))
print("generational again", collectgarbage("generational"))
print("back to incremental", collectgarbage("incremental"))
print("with params", collectgarbage("incremental", 200, 100, 13))
-- a full collection in generational mode works too
collectgarbage("generational")
local weak = setmetatable({}, {__mode = "v"})
local function fill() weak[1] = {} end
fill()
collectgarbage()
print("gen collect", weak[1])
collectgarbage("incremental")

-- "setpause"/"setstepmul" are deprecated but still accepted in 5.4 and return
-- the previous value (a number)
print("setpause", math.type(collectgarbage("setpause", 200)))
print("setstepmul", math.type(collectgarbage("setstepmul", 100)))
-- invalid options
print("invalid", pcall(collectgarbage, "nope"))
print("invalid type", pcall(collectgarbage, 42))
print("invalid step arg", pcall(collectgarbage, "step", "x"))
-- collecting from inside a finalizer or a coroutine is fine
local co = coroutine.wrap(function() collectgarbage(); coroutine.yield("collected in coroutine") end)
print(co())
