-- Proper tail calls and stack overflow on deep non-tail recursion.

-- a million-deep tail recursion runs in constant stack space
local function count(n, acc)
  if n == 0 then return acc end
  return count(n - 1, acc + 1)
end
print(count(1000000, 0))

-- mutual tail recursion
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print(is_even(1000001), is_odd(1000001))

-- tail calls through varargs and multiple results
local function pass(n, ...)
  if n == 0 then return select("#", ...), ... end
  return pass(n - 1, ...)
end
print(pass(500000, "a", nil, "c"))

-- tail call via method and table field
local obj = {n = 0}
function obj:loop(k)
  if k == 0 then return self.n end
  self.n = self.n + 1
  return self:loop(k - 1)
end
print(obj:loop(300000))

-- a call in parentheses, or followed by more work, is not a tail call
local function notail(n)
  if n == 0 then return 0 end
  return (notail(n - 1))
end
print(notail(1000))

-- deep non-tail recursion raises a catchable error
local function deep(n) return 1 + deep(n + 1) end
local ok, msg = pcall(deep, 1)
print(ok, string.find(msg, "stack overflow", 1, true) ~= nil)


-- recursion of moderate depth (well under the limit) works
local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
print(sum(10000))

-- after a stack overflow the interpreter keeps working
print(pcall(function() return "still fine" end))
ok, msg = pcall(deep, 1)
print(ok, string.find(msg, "stack overflow", 1, true) ~= nil)

-- stack overflow inside a coroutine
local co = coroutine.create(function() return deep(1) end)
local cok, cmsg = coroutine.resume(co)
print(cok, string.find(cmsg, "stack overflow", 1, true) ~= nil, coroutine.status(co))

-- infinite __index recursion through functions also overflows
local loopy = setmetatable({}, {})
getmetatable(loopy).__index = function(t, k) return t[k] end
ok, msg = pcall(function() return loopy.x end)
print(ok, string.find(msg, "stack overflow", 1, true) ~= nil)

-- tail call in a tail call position of a return with a metamethod callable
local callable = setmetatable({}, {__call = function(self, n)
  if n == 0 then return "callable done" end
  return self(n - 1)
end})
print(callable(200000))
