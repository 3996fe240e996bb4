-- JIT: deep recursion (non-tail and tail), stack overflow caught by pcall,
-- mutual recursion, and normal work afterwards.

-- non-tail recursion 150000 deep
local function depth(n)
  if n == 0 then return 0 end
  return 1 + depth(n - 1)
end
print("depth", depth(150000))

local function sumto(n)
  if n == 0 then return 0.0 end
  local r = sumto(n - 1)
  return r + n
end
print("sumto", sumto(150000))

-- build a deep linked list recursively, then walk it recursively
local function build(n)
  if n == 0 then return nil end
  return {v = n, next = build(n - 1)}
end
local function len(l)
  if l == nil then return 0 end
  return 1 + len(l.next)
end
local list = build(30000)
print("list", len(list), list.v, list.next.v)

-- infinite recursion (with a loop inside each frame) caught by pcall
local function forever(n) return 1 + forever(n + 1) end
local function forever_loop(n)
  local s = 0
  for i = 1, 10 do s = s + i end
  return s + forever_loop(n + 1)
end
local ok, e = pcall(forever_loop, 1)
print("overflow", ok, type(e), string.find(tostring(e), "stack overflow", 1, true) ~= nil)

-- overflow through a metamethod
local mt = {}
mt.__index = function(t, k) return t[k .. "x"] end
local obj = setmetatable({}, mt)
ok, e = pcall(function() return obj.a end)
print("overflow __index", ok, string.find(tostring(e), "stack overflow", 1, true) ~= nil)

-- xpcall with a handler after an overflow
ok, e = xpcall(function() return obj.b end, function(m) return "handled" end)
print("overflow xpcall", ok, e)

-- normal work afterwards, at a moderate depth
print("after overflow", depth(1000), sumto(100))
local fib
fib = function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(24))

-- mutual recursion
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print("mutual tail", is_even(100000), is_odd(100001), is_even(7))

local ping, pong
function ping(n) if n == 0 then return 0 end return 1 + pong(n - 1) end
function pong(n) if n == 0 then return 0 end return 2 + ping(n - 1) end
print("mutual", ping(100000), pong(99999))

-- tail recursion 1,000,000 deep
local function count(n, acc)
  if n == 0 then return acc end
  return count(n - 1, acc + 1)
end
print("tail", count(1000000, 0))
local function tailf(n, acc)
  if n == 0 then return acc end
  return tailf(n - 1, acc + 0.5)
end
print("tail float", tailf(1000000, 0))
local function tail_varargs(n, ...)
  if n == 0 then return select('#', ...), ... end
  return tail_varargs(n - 1, ...)
end
print("tail varargs", tail_varargs(1000000, "a", nil, "c"))

-- ackermann-style nested recursion
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print("ack", ack(2, 300), ack(3, 5))

-- recursion with multiple returns
local function split(n)
  if n <= 1 then return n, 1 end
  local a, b = split(n // 2)
  local c, d = split(n - n // 2)
  return a + c, b + d
end
print("split", split(100000))

-- recursion depth error inside a coroutine
local co = coroutine.create(function() return forever(1) end)
local cok, cerr = coroutine.resume(co)
print("coroutine overflow", cok, string.find(tostring(cerr), "stack overflow", 1, true) ~= nil)
print("final", depth(10000))
