-- Closures capturing loop variables and shared upvalues.

-- numeric for: each iteration has a fresh control variable
local fs = {}
for i = 1, 3 do fs[#fs + 1] = function() return i end end
print("numeric", fs[1](), fs[2](), fs[3]())
-- modifying the captured copy does not affect the loop or other closures
fs = {}
for i = 1, 3 do
  fs[#fs + 1] = function() i = i * 10; return i end
end
print("modified", fs[1](), fs[1](), fs[2](), fs[3]())
-- generic for: fresh variables too
fs = {}
for k, v in pairs({a = 1}) do fs[1] = function() return k, v end end
for idx, val in ipairs({"x", "y"}) do fs[#fs + 1] = function() return idx .. val end end
print("generic", fs[1](), fs[2](), fs[3]())
-- while loop: a local declared in the body is fresh each iteration
fs = {}
local n = 0
while n < 3 do
  n = n + 1
  local copy = n
  fs[n] = function() return copy end
end
print("while body local", fs[1](), fs[2](), fs[3]())
-- but capturing the outer variable shares it
fs = {}
n = 0
while n < 3 do
  n = n + 1
  fs[n] = function() return n end
end
print("while outer", fs[1](), fs[2](), fs[3]())
-- repeat: the body local is visible in the until condition and fresh per iteration
fs = {}
local j = 0
repeat
  j = j + 1
  local v = j * 2
  fs[j] = function() return v end
until v >= 6
print("repeat", fs[1](), fs[2](), fs[3]())

-- closures created in the same scope share upvalues
local function make()
  local count = 0
  return function() count = count + 1; return count end,
         function() return count end,
         function(v) count = v end
end
local inc, get, set = make()
inc(); inc()
print("shared", get())
set(100); inc()
print("shared after set", get())
-- separate calls create separate upvalues
local inc2, get2 = make()
inc2()
print("separate", get(), get2())

-- sharing survives the end of the block that declared the variable
local reader, writer
do
  local hidden = "initial"
  reader = function() return hidden end
  writer = function(v) hidden = v end
end
writer("changed")
print("block closed", reader())

-- a loop iteration's upvalue is shared by closures of the same iteration
local pairsOf = {}
for i = 1, 2 do
  local function g() return i end
  local function s(v) i = v end
  pairsOf[i] = {g, s}
end
pairsOf[1][2](11)
print("same iteration", pairsOf[1][1](), pairsOf[2][1]())

-- nested closures: upvalue of an upvalue
local function level1()
  local x = 1
  return function()
    local y = 10
    return function() x = x + 1; y = y + 1; return x + y end
  end
end
local l2 = level1()
local l3a, l3b = l2(), l2()
print("nested", l3a(), l3a(), l3b())

-- parameters are captured like locals
local function adder(base) return function(v) base = base + v; return base end end
local add = adder(5)
print("params", add(1), add(1), adder(0)(1))

-- varargs cannot be captured directly; capture via a table
local function capture(...)
  local args = table.pack(...)
  return function() return args.n, table.unpack(args, 1, args.n) end
end
print("varargs", capture(1, nil, 3)())

-- recursion through an upvalue that is reassigned later
local function later() return "first" end
local function callsLater() return later() end
later = function() return "second" end
print("reassigned", callsLater())
