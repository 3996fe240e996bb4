-- __len and __concat metamethods.

-- __len is used by # for tables; its result is returned as is (any type)
local function withlen(v) return setmetatable({}, {__len = function() return v end}) end
print("len", #withlen(5), #withlen("str"), #withlen(2.5), #withlen(nil), #withlen(false))
-- only the first result is used
local multi = setmetatable({}, {__len = function() return 1, 2, 3 end})
print("len multi", #multi, select("#", #multi))
-- __len receives the table itself (and a second copy of it)
local seen
local spy = setmetatable({1, 2, 3}, {__len = function(t, o) seen = (t == o) and "same" or tostring(o); return rawlen(t) * 10 end})
print("len args", #spy, seen)
-- strings ignore __len: # on a string is its byte length
print("string len", #"abc", ("abc"):len())
-- rawlen bypasses __len
print("rawlen", rawlen(spy))
-- # of a table without __len: border of the sequence
print("plain", #{}, #{1, 2, 3}, #{n = 1})
-- table.insert / table.remove / table.concat / table.unpack use __len
local proxy = setmetatable({}, {__len = function() return 2 end, __index = function(_, i) return "p" .. i end})
print("via lib", table.concat(proxy, ","), table.unpack(proxy))
-- error in __len propagates
print("len error", pcall(function() return #setmetatable({}, {__len = function() error("no len", 0) end}) end))

-- __concat is tried when an operand is not a string or number
local C = {}
C.__concat = function(a, b)
  local function name(x) return type(x) == "table" and "C" or tostring(x) end
  return name(a) .. "+" .. name(b)
end
local c = setmetatable({}, C)
print("concat", c .. "s", "s" .. c, 1 .. c, c .. 2.5, c .. c)
-- concatenation is right associative: "a" .. "b" .. c calls __concat("b", c) first
print("assoc", "a" .. "b" .. c)
print("assoc2", c .. "x" .. "y")
print("assoc3", "x" .. c .. "y")
-- the result of __concat can be any value
local T = setmetatable({}, {__concat = function() return {tag = "table result"} end})
print("result", (T .. "x").tag, type(1 .. T))
local N = setmetatable({}, {__concat = function() return 42 end})
print("result number", N .. "x", math.type(N .. "x"))
-- only the second operand has __concat
local right = setmetatable({}, {__concat = function(a, b) return "right got " .. type(a) .. "," .. type(b) end})
print("right", "str" .. right, true and (1 .. right))
-- booleans and nil need a metamethod on the other side
print("bool", pcall(function() return true .. c end))
print("nil", pcall(function() return c .. nil end))
-- without any metamethod
print("plain error", pcall(function() return {} .. "x" end))
print("plain error2", pcall(function() local t = {} return "x" .. t end))
-- numbers are converted without metamethods
print("numbers", 1 .. 2, 1.5 .. "", -0.0 .. "", 2^63 .. "")
-- long concatenation chains with a metamethod in the middle
local parts = {}
local L = setmetatable({}, {__concat = function(a, b)
  parts[#parts + 1] = (type(a) == "table" and "L" or a) .. "|" .. (type(b) == "table" and "L" or b)
  return "<L>"
end})
local r = "a" .. "b" .. L .. "c" .. "d"
print("chain", r, table.concat(parts, " ; "))
