-- Local variables, blocks, shadowing and globals.

x = "global x"
local x = "local x"
print(x, _G.x, _ENV.x)
do
  local x = "inner"
  print(x)
  do
    local x = x .. "+"
    print(x)
  end
  print(x)
end
print(x)

-- a local is visible only after its declaration statement
local y = 1
local y = y + 1   -- refers to the previous y
print(y)
local z = z       -- the global z, which is nil
print(z)

-- local function can recurse, plain local = function cannot
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10))
local g = function(n) if n == 0 then return "done" end return g(n - 1) end
print(pcall(g, 3))

-- multiple locals, extra values dropped, missing ones are nil
local a, b, c = 1, 2
print(a, b, c)
local d, e = 1, 2, 3
print(d, e)
local function two() return "p", "q" end
local f1, f2, f3 = two()
print(f1, f2, f3)
local h1, h2, h3 = two(), "r"
print(h1, h2, h3)

-- same name twice in one local statement: the last one wins
local w, w = 1, 2
print(w)

-- shadowing in nested functions
local v = "outer"
local function show() return v end
local v = "shadow"
print(show(), v)

-- loop variables are local to the loop body
local i = "before"
for i = 1, 2 do end
print(i)
for k, v in pairs({}) do end
print(v)

-- globals live in _ENV
local env = {print = print}
do
  local _ENV = env
  newglobal = 42
  print(newglobal, x)
end
print(env.newglobal, newglobal)

-- a function with its own _ENV upvalue
local function make(envt)
  local _ENV = envt
  return function() return answer end
end
print(make({answer = 1})(), make({answer = 2})())

-- assigning to a global through _G
_G.fromG = "yes"
print(fromG, rawget(_G, "fromG"))

-- block scoping with repeat/until and while
local n = 0
while n < 3 do local n2 = n * 2; n = n + 1; if n == 3 then print("n2", n2) end end
print(n2)

-- many locals in one function (within the 200 limit)
local src = {"local t = {}"}
for j = 1, 150 do src[#src + 1] = ("local v%d = %d"):format(j, j) end
src[#src + 1] = "return v1 + v150"
print(load(table.concat(src, "\n"))())
