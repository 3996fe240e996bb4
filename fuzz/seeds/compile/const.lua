-- <const> local variables.

local a <const> = 10
local b <const>, c = 20, 30
local s <const> = "text"
local f <const> = 1.5
local n <const> = nil
local t <const> = {1, 2}
print(a, b, c, s, f, n, t[1])

-- the variable cannot be reassigned, but a table it holds can be mutated
t[1] = "changed"
print(t[1])
c = 31 -- c is a normal local
print(c)

-- constants can be used in constant expressions and as upvalues
local K <const> = 2 ^ 10
local M <const> = K // 4
local function useK() return K + M end
print(K, M, useK(), math.type(M))
local str <const> = "a" .. "b"
print(str, #str)

-- compile-time errors
local function check(src)
  local fn, msg = load(src, "=const")
  print(fn and "compiled" or msg)
end
check("local x <const> = 1; x = 2")
check("local x <const> = 1; local function f() x = 2 end")
check("local x <const> = 1; x, y = 1, 2")
check("local x <const>; x = 1")
check("local x <const> = 1; for x = 1, 2 do x = 3 end")  -- shadowed by loop var: fine
check("local x <const> = 1; do local x = 2; x = 3 end")    -- shadowed: fine
check("local x <const> = 1; x.field = 2")                  -- indexing is not assignment to x
check("local x <Const> = 1")
check("local x <const = 1")
check("local x < const > = 1")
check("local function f <const> () end")
check("local x <const> <const> = 1")
check("local <const> x = 1")
check("local x <close> = nil; local function g() x = 1 end")

-- a constant captured by closures keeps its value
local fs = {}
for i = 1, 3 do
  local v <const> = i * 10
  fs[i] = function() return v end
end
print(fs[1](), fs[2](), fs[3]())

-- constants with varargs and multiple results
local function two() return "x", "y" end
local p <const>, q <const> = two()
print(p, q)
local r <const>, u <const> = 1
print(r, u)

-- global names are unaffected
Gconst = 1
local Gconst <const> = 5
print(Gconst, _G.Gconst)
