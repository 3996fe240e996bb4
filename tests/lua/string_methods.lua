-- Strings share a metatable whose __index is the string table.

local s = "Hello"
print("method", s:upper(), s:lower(), s:len(), s:rep(2, "-"), s:sub(2, 3), s:byte(1))
print("literal", ("abc"):upper(), ("%d-%s"):format(7, "x"), ("x"):rep(3))
print("long literal", ([[raw]]):len(), (#"four"))
-- the metatable is shared and its __index is the string library
local mt = getmetatable("")
print("mt", type(mt), mt.__index == string, getmetatable("a") == getmetatable("b"))
-- adding a function to string makes it available as a method
function string.shout(str) return str:upper() .. "!" end
print("added", ("hey"):shout(), s:shout())
string.shout = nil
print("removed", pcall(function() return s:shout() end))
-- method calls on a string stored in a table field
local t = {name = "kiln"}
print("field", t.name:upper(), t.name:len())
-- chains of method calls
print("chain", ("  padded  "):rep(2):upper():len())
print("chain2", ("a,b,c"):gsub(",", ";"):upper())
-- indexing a string with a non-method key gives nil, no error
print("index", ("abc").len == string.len, ("abc").nosuch, ("abc")[1])
-- numbers are not strings: no methods
print("number", pcall(function() local n = 5; return n:rep(2) end))
-- string arithmetic metamethods are in the same metatable
print("arith mt", type(mt.__add), type(mt.__unm), mt.__concat, mt.__band)
print("arith", "10" + 5, "3" * "4", -"2", "2" ^ 2, "7" // 2, "7" % "4")
-- the string metatable's arithmetic works for string operands only via coercion
print("arith fail", pcall(function() return "x" + 1 end))
-- calling string functions with a number subject coerces it
print("num subject", string.upper(12), string.len(3.5), string.rep(1, 3, ","))
-- string.byte/char round trip through methods
local bytes = {("Lua"):byte(1, -1)}
print("bytes", #bytes, bytes[1], bytes[2], bytes[3], string.char(table.unpack(bytes)))
-- changing the metatable of strings from Lua requires the debug library;
-- the __index table itself can be modified
mt.__index = setmetatable({custom = function() return "custom!" end}, {__index = string})
print("custom index", ("x"):custom(), ("x"):upper())
mt.__index = string
print("restored", pcall(function() return ("x"):custom() end))
-- setmetatable cannot be used on strings
print("setmt", pcall(setmetatable, "abc", {}))
