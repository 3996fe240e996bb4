-- Nested functions and recursion.

-- local function allows direct recursion
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print("fact", fact(0), fact(1), fact(10), fact(20), fact(21))
-- float factorial overflows to inf
local function ffact(n) if n <= 1 then return 1.0 end return n * ffact(n - 1) end
print("ffact", ffact(20), ffact(170), ffact(171))

-- "local f = function" cannot see itself; the global (nil) is used instead
local g = function(n) if n == 0 then return "done" end return g(n - 1) end
print("local f = function", pcall(g, 1))

-- mutual recursion through forward-declared locals
local isodd
local function iseven(n) if n == 0 then return true end return isodd(n - 1) end
function isodd(n) if n == 0 then return false end return iseven(n - 1) end
print("mutual", iseven(10), isodd(7), iseven(7))

-- recursive closures over upvalues
local function fib_memo()
  local memo = {}
  local function fib(n)
    if n < 2 then return n end
    local v = memo[n]
    if not v then v = fib(n - 1) + fib(n - 2); memo[n] = v end
    return v
  end
  return fib
end
local fib = fib_memo()
print("fib", fib(10), fib(50), fib(90))

-- naive doubly-recursive function
local function naive(n) if n < 2 then return n end return naive(n - 1) + naive(n - 2) end
print("naive", naive(20))

-- Ackermann (small arguments)
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print("ack", ack(2, 3), ack(3, 3))

-- deep, non-tail recursion within normal limits
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print("depth", depth(10000), depth(100000))

-- recursion through tables and methods
local tree = {value = 1, children = {
  {value = 2, children = {{value = 4, children = {}}}},
  {value = 3, children = {}},
}}
local function sum(node)
  local s = node.value
  for _, c in ipairs(node.children) do s = s + sum(c) end
  return s
end
print("tree", sum(tree))
local obj = {n = 5}
function obj:countdown(acc)
  acc = acc or {}
  if self.n == 0 then return table.concat(acc, ",") end
  acc[#acc + 1] = self.n
  self.n = self.n - 1
  return self:countdown(acc)
end
print("method", obj:countdown())

-- functions defined inside functions see enclosing locals at call time
local function outer()
  local x = 1
  local function inner() return x end
  x = 2
  return inner()
end
print("nested", outer())

-- Towers of Hanoi counts moves
local moves = 0
local function hanoi(n, a, b, c)
  if n == 0 then return end
  hanoi(n - 1, a, c, b); moves = moves + 1; hanoi(n - 1, c, b, a)
end
hanoi(10, "A", "B", "C")
print("hanoi", moves)

-- recursion via a global function name
function gcount(n) if n == 0 then return "g" end return gcount(n - 1) end
print("global", gcount(100))
-- anonymous recursion through an argument
local function Y(f) return function(...) return f(f, ...) end end
print("Y", Y(function(self, n) if n == 0 then return 1 end return n * self(self, n - 1) end)(5))
