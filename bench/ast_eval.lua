-- ast_eval.lua: a tree-walking interpreter for random arithmetic
-- expressions. Each node kind is a class (metatable) with polymorphic
-- eval / size / simplify / accept methods; binary operators share a base
-- class and differ only in apply().
-- Measures: polymorphic method dispatch, inheritance lookups, recursion,
-- allocation of small objects (simplify builds new trees).
-- Usage: ast_eval.lua [trees]   (default 1000)

local ntrees = tonumber(arg and arg[1]) or 1000
local M = 10007

local function class(parent)
  local c = {}
  c.__index = c
  if parent then
    setmetatable(c, { __index = parent })
  end
  function c.new(...)
    local o = setmetatable({}, c)
    o:init(...)
    return o
  end
  return c
end

local seed = 7
local function rand(m)
  seed = seed * 16807 % 2147483647
  return seed % m
end

local Node = class()
function Node:size()
  return 1
end
function Node:is_const()
  return false
end
function Node:simplify()
  return self
end

local Const = class(Node)
function Const:init(v)
  self.v = v
end
function Const:eval(_)
  return self.v
end
function Const:is_const()
  return true
end
function Const:accept(vis)
  return vis:visit_const(self)
end

local Var = class(Node)
function Var:init(i)
  self.i = i
end
function Var:eval(env)
  return env[self.i]
end
function Var:accept(vis)
  return vis:visit_var(self)
end

local Neg = class(Node)
function Neg:init(e)
  self.e = e
end
function Neg:eval(env)
  return (M - self.e:eval(env)) % M
end
function Neg:size()
  return 1 + self.e:size()
end
function Neg:simplify()
  local e = self.e:simplify()
  if e:is_const() then
    return Const.new((M - e.v) % M)
  end
  return Neg.new(e)
end
function Neg:accept(vis)
  return vis:visit_neg(self)
end

local BinOp = class(Node)
function BinOp:init(l, r)
  self.l = l
  self.r = r
end
function BinOp:eval(env)
  return self:apply(self.l:eval(env), self.r:eval(env))
end
function BinOp:size()
  return 1 + self.l:size() + self.r:size()
end
function BinOp:simplify()
  local l, r = self.l:simplify(), self.r:simplify()
  if l:is_const() and r:is_const() then
    return Const.new(self:apply(l.v, r.v))
  end
  return getmetatable(self).new(l, r)
end
function BinOp:accept(vis)
  return vis:visit_binop(self)
end

local Add = class(BinOp)
function Add:apply(a, b)
  return (a + b) % M
end

local Sub = class(BinOp)
function Sub:apply(a, b)
  return (a - b) % M
end

local Mul = class(BinOp)
function Mul:apply(a, b)
  return a * b % M
end

local Max = class(BinOp)
function Max:apply(a, b)
  if a > b then
    return a
  end
  return b
end

-- if c is even then t else f
local Cond = class(Node)
function Cond:init(c, t, f)
  self.c, self.t, self.f = c, t, f
end
function Cond:eval(env)
  if self.c:eval(env) % 2 == 0 then
    return self.t:eval(env)
  end
  return self.f:eval(env)
end
function Cond:size()
  return 1 + self.c:size() + self.t:size() + self.f:size()
end
function Cond:simplify()
  local c = self.c:simplify()
  if c:is_const() then
    if c.v % 2 == 0 then
      return self.t:simplify()
    end
    return self.f:simplify()
  end
  return Cond.new(c, self.t:simplify(), self.f:simplify())
end
function Cond:accept(vis)
  return vis:visit_cond(self)
end

-- A visitor that counts node kinds and the maximum depth.
local Counter = class()
function Counter:init()
  self.consts, self.vars, self.ops, self.depth, self.max_depth = 0, 0, 0, 0, 0
end
function Counter:enter()
  self.depth = self.depth + 1
  if self.depth > self.max_depth then
    self.max_depth = self.depth
  end
end
function Counter:visit_const(_)
  self:enter()
  self.consts = self.consts + 1
  self.depth = self.depth - 1
end
function Counter:visit_var(_)
  self:enter()
  self.vars = self.vars + 1
  self.depth = self.depth - 1
end
function Counter:visit_neg(n)
  self:enter()
  self.ops = self.ops + 1
  n.e:accept(self)
  self.depth = self.depth - 1
end
function Counter:visit_binop(n)
  self:enter()
  self.ops = self.ops + 1
  n.l:accept(self)
  n.r:accept(self)
  self.depth = self.depth - 1
end
function Counter:visit_cond(n)
  self:enter()
  self.ops = self.ops + 1
  n.c:accept(self)
  n.t:accept(self)
  n.f:accept(self)
  self.depth = self.depth - 1
end

local binops = { Add, Sub, Mul, Max, Add, Mul }
local function build(depth, nvars)
  if depth == 0 or rand(10) < 2 then
    if rand(3) == 0 then
      return Const.new(rand(M))
    end
    return Var.new(rand(nvars) + 1)
  end
  local k = rand(12)
  if k == 0 then
    return Neg.new(build(depth - 1, nvars))
  elseif k == 1 then
    return Cond.new(build(depth - 1, nvars), build(depth - 1, nvars), build(depth - 1, nvars))
  end
  local op = binops[rand(#binops) + 1]
  return op.new(build(depth - 1, nvars), build(depth - 1, nvars))
end

local nvars = 4
local env = {}
local total_size, simple_size, digest = 0, 0, 0
local counter = Counter.new()
for t = 1, ntrees do
  local tree = build(9, nvars)
  total_size = total_size + tree:size()
  tree:accept(counter)
  local s = tree:simplify()
  simple_size = simple_size + s:size()
  for k = 1, 40 do
    for v = 1, nvars do
      env[v] = (t * 131 + k * 17 + v * 7) % M
    end
    local a = tree:eval(env)
    local b = s:eval(env)
    if a ~= b then
      error("simplify changed the value of tree " .. t)
    end
    digest = (digest * 31 + a) % 1000000007
  end
end

print(string.format("trees %d, nodes %d, after simplify %d", ntrees, total_size, simple_size))
print(string.format("consts %d vars %d ops %d max depth %d", counter.consts, counter.vars, counter.ops, counter.max_depth))
print(string.format("checksum %d", digest))
