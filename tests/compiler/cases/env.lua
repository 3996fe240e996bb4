x = 1
print(x)
local _ENV = {print = print}
y = 2
print(y)
local function f()
  z = 3
  return z
end
do
  local _ENV <const> = {w = 1}
  w = w + 1
end
local function g(_ENV)
  a = b
  return c
end
local function h()
  local _ENV = nil
  return q
end
return _ENV
