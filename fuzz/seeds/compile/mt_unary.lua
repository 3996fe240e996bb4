-- Unary metamethods (__unm, __bnot) and their arguments.

local args = {}
local V = {}
V.__unm = function(a, b) args = {a == b, select("#", a, b)}; return "neg" end
V.__bnot = function(a, b) args = {a == b, select("#", a, b)}; return "not" end
local v = setmetatable({}, V)
print("unm", -v, args[1], args[2])
print("bnot", ~v, args[1], args[2])
-- double negation calls the metamethod twice (on the result the second time)
local count = 0
local W = {}
W.__unm = function(x) count = count + 1; return setmetatable({depth = (x.depth or 0) + 1}, W) end
local w = setmetatable({}, W)
print("double", (- -w).depth, count)
-- unary minus on numbers and numeric strings
print("numbers", -5, -5.5, - -3, -"2", -"2.5", -"0x10", math.type(-"2"))
print("minint", -math.mininteger, -(-math.maxinteger))
print("zero", -0, -0.0, 0 == -0)
-- bnot on numbers
print("bnot numbers", ~0, ~5, ~-1, ~math.maxinteger, ~2.0)
-- errors without a metamethod
print("unm error", pcall(function() local t = {} return -t end))
print("unm nil", pcall(function() return -nothing end))
print("unm string", pcall(function() return -"abc" end))
print("bnot error", pcall(function() local t = {} return ~t end))
print("bnot float", pcall(function() local f = 1.5 return ~f end))
print("bnot string", pcall(function() return ~"3" end))
-- metamethods receive the operand even if it is a string with no number
local mt = getmetatable("")
local old = mt.__unm
mt.__unm = function(s) return "unm(" .. s .. ")" end
print("string unm", -"abc", -"10")
mt.__unm = old
print("restored", pcall(function() return -"abc" end))
-- `not` never uses metamethods
print("not", not v, not nil, not false, not 0, not "")
-- length operator metamethod on a table used in unary position
local L = setmetatable({}, {__len = function() return -1 end})
print("len", #L, -#L)
-- unary operators bind tighter than binary ones, except ^
print("precedence", -2 ^ 2, (-2) ^ 2, -2 * 2, ~1 + 1, #"ab" + 1, not 1 == 2)
