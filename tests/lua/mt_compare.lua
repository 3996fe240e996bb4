-- __eq, __lt and __le metamethods.

local log = {}
local function rec(s) log[#log + 1] = s end

local mt = {
  __eq = function(a, b) rec("eq"); return a.v == b.v end,
  __lt = function(a, b) rec("lt"); return a.v < b.v end,
  __le = function(a, b) rec("le"); return a.v <= b.v end,
}
local function new(v) return setmetatable({v = v}, mt) end
local a, b, c = new(1), new(2), new(1)

print(a == c, a ~= c, a == b, a < b, a <= c, a > b, a >= c, b > a)
print(table.concat(log, " "))

-- __eq is not called for identical objects or for different types
log = {}
print(a == a, a == 1, a == "x", a == nil, table.concat(log, " ") == "")
-- __eq only for tables/userdata: tables with different metatables still use the first operand's
local other = setmetatable({v = 1}, {__eq = function() rec("other"); return true end})
log = {}
print(a == other, other == a, table.concat(log, " "))
-- an object without __eq compared to one with __eq: the one having it is used
local plain = {v = 1}
log = {}
print(plain == a, a == plain, table.concat(log, " "))

-- results are converted to booleans
local truthy = setmetatable({}, {
  __eq = function() return "yes" end,
  __lt = function() return 0 end,
  __le = function() return nil end,
})
local truthy2 = setmetatable({}, getmetatable(truthy))
print(truthy == truthy2, truthy < truthy2, truthy <= truthy2, truthy ~= truthy2)

-- (Whether __le falls back to "not __lt(b, a)" depends on the 5.3
-- compatibility build option, so it is deliberately not tested here.)
local onlyle = {__le = function(x, y) return x.v <= y.v end}
local p, q = setmetatable({v = 1}, onlyle), setmetatable({v = 2}, onlyle)
print(p <= q, q >= p, pcall(function() return p < q end))

-- mixed table/number comparisons call the metamethod
local num = setmetatable({v = 5}, {__lt = function(x, y)
  local xv = type(x) == "table" and x.v or x
  local yv = type(y) == "table" and y.v or y
  return xv < yv
end})
print(num < 10, 3 < num, num > 4, 10 > num, num < 5)

-- strings and numbers never use metamethods for comparison
print(pcall(function() return "a" < 1 end))

-- sorting objects with __lt
local items = {new(3), new(1), new(2)}
table.sort(items)
print(items[1].v, items[2].v, items[3].v)

-- __eq with rawequal
print(rawequal(a, c), rawequal(a, a), a == c)

-- __eq returning false for identical values is not consulted
local never = setmetatable({}, {__eq = function() return false end})
print(never == never)

-- errors inside comparison metamethods propagate
local bad = setmetatable({}, {__lt = function() error("lt failed") end})
print(pcall(function() return bad < bad end))
