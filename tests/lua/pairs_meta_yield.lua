-- __pairs runs as a continuation of pairs: it may yield, and its results are
-- cut or padded to three (found by the diff fuzzer).
local co = coroutine.wrap(function()
  local t = setmetatable({}, {__pairs = function(t)
    local got = coroutine.yield("inside __pairs")
    return next, {got, got * 2}, nil, "extra"
  end})
  local s = 0
  for k, v in pairs(t) do s = s + v end
  return "sum", s
end)
print(co())
print(co(10))
print(select("#", pairs(setmetatable({}, {__pairs = function() return 1 end}))))
print(pairs(setmetatable({}, {__pairs = function() return 1, 2, 3, 4, 5 end})))
print(pcall(pairs, setmetatable({}, {__pairs = function() error("boom") end})))
local ok2, e2 = pcall(pairs, setmetatable({}, {__pairs = function() error({}) end}))
print(ok2, type(e2))
-- a native __pairs
local n = setmetatable({}, {__pairs = rawlen})
print(pcall(pairs, n))
-- yielding from __pairs outside a coroutine
print(pcall(pairs, setmetatable({}, {__pairs = function() coroutine.yield() end})))
-- recursion through __pairs ends in a clean error
local r = setmetatable({}, {})
getmetatable(r).__pairs = function(t) return pairs(t) end
local ok, e = pcall(pairs, r)
print(ok, e)
-- an error after a yield inside __pairs, caught outside
local co2 = coroutine.create(function()
  return pcall(pairs, setmetatable({}, {__pairs = function() coroutine.yield(1) error("late") end}))
end)
print(coroutine.resume(co2))
print(coroutine.resume(co2))
