-- Yielding from inside pcall, metamethods, iterators and other Lua-called code.

local function run(f, ...)
  local co = coroutine.create(f)
  local out = {}
  local res = table.pack(coroutine.resume(co, ...))
  while true do
    local parts = {}
    for i = 1, res.n do parts[i] = tostring(res[i]) end
    out[#out + 1] = "[" .. table.concat(parts, " ") .. "]"
    if coroutine.status(co) == "dead" then break end
    res = table.pack(coroutine.resume(co, "r" .. #out))
  end
  print(table.concat(out, " "))
end

-- yield across pcall and xpcall
run(function()
  local ok, v = pcall(function() local x = coroutine.yield("in pcall"); return x end)
  return ok, v
end)
run(function()
  local ok, v = pcall(function() coroutine.yield("before error"); error("after yield") end)
  return ok, v
end)
run(function()
  return xpcall(function() coroutine.yield("in xpcall"); error("boom") end,
                function(m) return "handled: " .. m end)
end)
-- nested pcalls with yields at each level
run(function()
  return pcall(function()
    coroutine.yield(1)
    return pcall(function() coroutine.yield(2); return "inner" end)
  end)
end)

-- yield inside metamethods called from Lua code
local mt = {
  __index = function(t, k) return coroutine.yield("index " .. k) end,
  __newindex = function(t, k, v) rawset(t, k, coroutine.yield("newindex " .. k)) end,
  __add = function(a, b) return coroutine.yield("add") end,
  __lt = function(a, b) return coroutine.yield("lt") end,
  __le = function(a, b) return coroutine.yield("le") end,
  __eq = function(a, b) return coroutine.yield("eq") end,
  __concat = function(a, b) return coroutine.yield("concat") end,
  __len = function(a) return coroutine.yield("len") end,
  __unm = function(a) return coroutine.yield("unm") end,
  __call = function(self, x) return coroutine.yield("call " .. x) end,
  __close = function() coroutine.yield("close") end,
}
local A = setmetatable({}, mt)
local B = setmetatable({}, mt)
run(function() return A.foo end)
run(function() A.bar = 1; return rawget(A, "bar") end)
run(function() return A + 1 end)
run(function() return A < B, A <= B end)
run(function() return A == B end)
run(function() return "x" .. A .. "y" end)
run(function() return #A, -A end)
run(function() return A("arg") end)
run(function() local c <close> = A; return "body" end)
-- comparison results are converted to booleans after the yield
run(function() if A < B then return "lt true" else return "lt false" end end)

-- yield inside generic-for iterators
run(function()
  local sum = 0
  local function it(_, i)
    if i < 3 then coroutine.yield("iter " .. i); return i + 1 end
  end
  for i in it, nil, 0 do sum = sum + i end
  return sum
end)

-- yield from a function called through several Lua levels
run(function()
  local function level3() return coroutine.yield("deep") end
  local function level2() return level3() .. "!" end
  local function level1() return "<" .. level2() .. ">" end
  return level1()
end)

-- yield inside a for loop body with to-be-closed loop state
run(function()
  local log = {}
  for i = 1, 2 do log[#log + 1] = coroutine.yield(i) end
  return table.concat(log, ",")
end)

-- yield with table.unpack'ed values and select
run(function(...)
  local got = table.pack(coroutine.yield(...))
  return got.n, table.unpack(got, 1, got.n)
end, "a", nil, "c")

-- pcall inside a coroutine catching an error that happened after a resume
run(function()
  local ok, err = pcall(function()
    local v = coroutine.yield("waiting")
    error("received " .. v)
  end)
  return ok, err
end)

-- a __index chain where the function yields, reached via a table
local proxy = setmetatable({}, {__index = A})
run(function() return proxy.chained end)
