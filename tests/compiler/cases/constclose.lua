local k1 <const> = 10
local k2 <const> = 2.5
local k3 <const> = "str"
local k4 <const> = nil
local k5 <const> = true
local k6 <const> = false
local k7 <const> = k1 * 2
local k8 <const> = -k1
local k9 <const> = k3
local k10 <const> = {}
local k11 <const>, k12 <const> = 1, 2
local k13 <const> = f()
local k14 <const> = 1 // 0
local big <const> = 1000000
local r
r = k1 + 1; r = k1 + k2; r = k7; r = k8; r = k3 .. "x"; r = k4; r = k5; r = not k6
r = k10.x; r = k11 + k12; r = k13; r = k14; r = big; r = t[k1]; r = t[k3]; r = t[big]
r = k1 == 10; r = k3 == "str"; r = k1 < 20
t = {k1, k3, [k3] = k1}
f(k1, k3)
if k5 then r = 1 end
if k4 then r = 2 end
local function uses() return k1, k3, k10, k11 end
local str <const> = "a long constant string that is longer than forty characters"
r = t[str]; t[str] = 1
do
  local c <close> = f()
  print(c)
end
do
  local c1 <close> = f()
  local c2 <close> = g()
  return c1
end
local function tbc()
  local x <close> = f()
  return g(x)
end
local function tbc2()
  local x <close> = f()
  do return end
end
local function tbc3()
  for i = 1, 2 do
    local y <close> = f()
    if i then break end
  end
end
local a <const>, b <close> = 1, f()
local function tbc4(...)
  local z <close> = ...
  return ...
end
