-- Arithmetic, bitwise, concatenation, unary minus and length metamethods.

local log = {}
local function logger(name)
  return function(a, b)
    local function d(v) return type(v) == "table" and (v.name or "tbl") or tostring(v) end
    log[#log + 1] = name .. "(" .. d(a) .. "," .. d(b) .. ")"
    return name
  end
end
local mt = {}
for _, e in ipairs({"add", "sub", "mul", "div", "mod", "pow", "unm", "idiv",
                    "band", "bor", "bxor", "shl", "shr", "bnot", "concat"}) do
  mt["__" .. e] = logger(e)
end
local A = setmetatable({name = "A"}, mt)
local B = setmetatable({name = "B"}, mt)

print(A + 1, 1 - A, A * B, A / 2, A % 2, A ^ 2, -A, A // 2)
print(A & 1, 1 | A, A ~ B, A << 1, A >> 1, ~A, A .. "s", "s" .. A, 1 .. A)
print(table.concat(log, " "))

-- the left operand's metamethod wins; otherwise the right one's is used
log = {}
local other = setmetatable({name = "O"}, {__add = function() return "other add" end})
print(A + other, other + A)
print(table.concat(log, " "))

-- operands that are numbers or numeric strings don't call metamethods
print(pcall(function() return {} + 1 end))
print(pcall(function() return 1 + setmetatable({}, {}) end))

-- __unm and __bnot receive the operand twice
local seen
local u = setmetatable({}, {__unm = function(a, b) seen = rawequal(a, b); return "neg" end,
                             __bnot = function(a, b) return rawequal(a, b) and "same" or "diff" end})
print(-u, seen, ~u)

-- __concat chains: a .. b .. c is a .. (b .. c)
log = {}
local r = "x" .. A .. "y" .. B
print(r, table.concat(log, " "))
-- right associativity: 2 .. A is evaluated first (the number 2 reaches the metamethod)
log = {}
print(1 .. 2 .. A, table.concat(log, " "))
local typer = setmetatable({}, {__concat = function(a, b) return type(a) .. "+" .. type(b) end})
print(2 .. typer, typer .. 2.5, "s" .. typer, typer .. typer)

-- __len
local L = setmetatable({1, 2, 3}, {__len = function(t) return 42 end})
print(#L, rawlen(L))
local Ls = setmetatable({}, {__len = function() return "not a number" end})
print(#Ls)
print(pcall(function() return #nil end))
print(pcall(function() local n = 3; return #n end))

-- metamethods are looked up raw in the metatable (no __index on metatables)
local base = {__add = function() return "inherited" end}
local derived_mt = setmetatable({}, {__index = base})
local D = setmetatable({}, derived_mt)
print(pcall(function() return D + 1 end))

-- metamethods can return multiple values but only the first is used
local multi = setmetatable({}, {__add = function() return 1, 2, 3 end})
print(multi + multi)

-- a vector type
local Vec = {}
Vec.__index = Vec
local function vec(x, y) return setmetatable({x = x, y = y}, Vec) end
Vec.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
Vec.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
Vec.__mul = function(a, b)
  if type(a) == "number" then return vec(a * b.x, a * b.y) end
  if type(b) == "number" then return vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
Vec.__unm = function(a) return vec(-a.x, -a.y) end
Vec.__tostring = function(a) return "(" .. a.x .. ", " .. a.y .. ")" end
Vec.__len = function(a) return math.sqrt(a.x * a.x + a.y * a.y) end
Vec.__concat = function(a, b) return tostring(a) .. tostring(b) end
local v1, v2 = vec(1, 2), vec(3, 4)
print(tostring(v1 + v2), tostring(v1 - v2), tostring(2 * v1), tostring(v1 * 3), v1 * v2, tostring(-v1), #v2)
print(v1 .. v2, v1 .. "!", "?" .. v2)

-- errors when no metamethod exists mention the type and variable
local plain = {}
print(pcall(function() return plain + 1 end))
print(pcall(function() return plain .. "x" end))
print(pcall(function() return -plain end))
print(pcall(function() return plain & 1 end))
