-- Without __le, `a <= b` is answered as `not (b < a)` through __lt (lua5.4
-- is built with LUA_COMPAT_LT_LE); found by the diff fuzzer.
local log = {}
local mt = {__lt = function(a, b)
  local x = type(a) == "table" and a.v or a
  local y = type(b) == "table" and b.v or b
  log[#log + 1] = tostring(x) .. "<" .. tostring(y)
  return x < y
end}
local function V(v) return setmetatable({v = v}, mt) end
local a, b = V(1), V(2)
print(a <= b, b <= a, a <= a, a >= b, b >= a)
print(a <= 5, 5 <= a, a >= 5, 5 >= a, a <= 1, a >= 1)
local n = 3
print(a <= n, n <= a, a >= n, n >= a)
print(table.concat(log, " "))
-- __le wins when present
local both = {__lt = function() return true end, __le = function() return "le" end}
local c = setmetatable({}, both)
print(c <= c, c < c)
-- a native __lt
local nat = setmetatable({}, {__lt = rawequal})
print(pcall(function() return nat <= nat, nat <= 1 end))
-- the __lt metamethod yields (the negation happens when the frame finishes)
local y = setmetatable({}, {__lt = function(p, q) coroutine.yield("in lt") return false end})
local co = coroutine.wrap(function() return y <= y, 1 <= y, y >= 2 end)
print(co())
print(co())
print(co())
print(co())
-- neither metamethod
print(pcall(function() return setmetatable({}, {}) <= 1 end))
print(pcall(function() return {} <= {} end))
-- in a sort comparator position
local list = {V(3), V(1), V(2)}
table.sort(list, function(p, q) return not (q <= p) end)
print(list[1].v, list[2].v, list[3].v)
