local a, b = 1, 2
local function f1() return a end
local function f2() a = 3 end
local function f3() return function() return a + b end end
local function f4()
  local c = 1
  return function()
    local d = 2
    return function() return a, b, c, d end
  end
end
local f5 = function(x) return function(y) return x + y end end
function g1() return a end
function t.m1(self) return self end
function t.a.b.c:m2(x) return self, x end
function t:m3(...) return ... end
local function rec(n) if n > 0 then return rec(n - 1) end return 0 end
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
for k, v in pairs(t) do fs[k] = function() return k, v end end
do
  local x = 1
  fs.x = function() return x end
end
while a do
  local y = a
  fs.y = function() return y end
  if y then break end
end
repeat
  local z = b
  fs.z = function() return z end
until z
local function outer()
  local o1, o2 = 1, 2
  local function mid()
    local function inner() o1 = o2; return a end
    return inner
  end
  return mid
end
local function shared()
  local s = 0
  return function() s = s + 1 return s end, function() return s end
end
local up = setmetatable({}, {__index = function(t, k) return a .. k end})
