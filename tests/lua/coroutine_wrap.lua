-- coroutine.wrap: values in and out, error propagation, dead wrappers.

local gen = coroutine.wrap(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d, e, "end"
end)
print("values", gen(1, 2), gen(10), gen("x", "y"))
-- calling a finished wrapper raises an error (with position, from the caller)
print("dead", pcall(gen))

-- errors inside propagate through the wrapper call
local failing = coroutine.wrap(function() local x = nil; return x.field end)
print("error", pcall(failing))
-- error objects are propagated unchanged
local tbl = {}
local throws = coroutine.wrap(function() error(tbl) end)
local ok, e = pcall(throws)
print("error object", ok, e == tbl)
-- string errors get their position from where they were raised, once
local msg = coroutine.wrap(function() error("inner message") end)
print("message", pcall(msg))
-- when the wrapper is called from a Lua function, the position of that call
-- is prepended to string errors (so the message has two positions)
local msg2 = coroutine.wrap(function() error("inner message") end)
print("message from Lua", pcall(function() return msg2() end))
local lvl02 = coroutine.wrap(function() error("no pos", 0) end)
print("level 0 from Lua", pcall(function() local r = lvl02() return r end))
local tbl2 = {}
local throws2 = coroutine.wrap(function() error(tbl2) end)
print("table from Lua", select(2, pcall(function() return throws2() end)) == tbl2)
local lvl0 = coroutine.wrap(function() error("no pos", 0) end)
print("level 0", pcall(lvl0))
-- an error after a yield
local later = coroutine.wrap(function() coroutine.yield(1); error("second call fails", 0) end)
print("later", later(), pcall(later))
print("later dead", pcall(later))

-- generators built with wrap
local function range(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local acc = {}
for i in range(5) do acc[#acc + 1] = i end
print("generator", table.concat(acc, " "))
-- permutations generator (classic PiL example)
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a)
  else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local perms = {}
for p in coroutine.wrap(function() permgen({1, 2, 3}) end) do perms[#perms + 1] = table.concat(p) end
print("perms", #perms, table.concat(perms, " "))

-- nested wraps: a wrap calling another wrap
local inner = coroutine.wrap(function() coroutine.yield("i1"); coroutine.yield("i2") end)
local outer = coroutine.wrap(function()
  coroutine.yield("o:" .. inner())
  coroutine.yield("o:" .. inner())
end)
print("nested", outer(), outer())

-- yield from a wrapped function passes through to the outer resume
local co = coroutine.create(function()
  local w = coroutine.wrap(function() coroutine.yield("from wrap") return "wrap done" end)
  local first = w()
  local second = w()
  coroutine.yield(first .. "/" .. second)
end)
print("through", coroutine.resume(co))

-- the wrapper is a function
print("type", type(gen), pcall(coroutine.wrap))
-- a wrapper cannot be resumed while it is running
local selfcall
selfcall = coroutine.wrap(function() return selfcall() end)
print("self", pcall(selfcall))
