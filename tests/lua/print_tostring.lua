-- tostring and print for every basic type, __tostring and __name.

print("basic", tostring(nil), tostring(true), tostring(false), tostring(1), tostring(1.5))
print("numbers", tostring(-0.0), tostring(1e100), tostring(10 // 1), tostring(2^31))
print("strings", tostring("s"), tostring(""), #tostring("abc"))
-- reference types print as "<type>: <address>"; only the prefix is checked here
local function prefix(v) return (tostring(v):match("^(%a+): ")) end
print("prefixes", prefix({}), prefix(print), prefix(function() end), prefix(coroutine.create(print)))
-- the same object always gives the same string, different objects differ
local t1, t2 = {}, {}
print("identity", tostring(t1) == tostring(t1), tostring(t1) ~= tostring(t2))

-- print separates arguments with tabs and ends with a newline
print()
print(nil)
print(nil, nil)
print(1, "two", 3.0, false)
print("", "")
-- print calls tostring semantics (__tostring, __name) for each argument
local P = {__tostring = function(p) return "P<" .. p.v .. ">" end}
local a, b = setmetatable({v = 1}, P), setmetatable({v = 2}, P)
print(a, b, "plain")
print("tostring", tostring(a), tostring(a) == "P<1>")
-- __tostring may return a number (it is converted), but not other types
local num = setmetatable({}, {__tostring = function() return 42 end})
print("number result", tostring(num), math.type(tostring(num)) == nil)
print("bad result", pcall(tostring, setmetatable({}, {__tostring = function() return {} end})))
print("nil result", pcall(tostring, setmetatable({}, {__tostring = function() end})))
print("print bad", pcall(print, setmetatable({}, {__tostring = function() return true end})))
-- errors inside __tostring propagate
print("error", pcall(tostring, setmetatable({}, {__tostring = function() error("ts failed", 0) end})))
-- __tostring that is not a function
print("not function", pcall(tostring, setmetatable({}, {__tostring = "str"})))
-- __name is used when there is no __tostring
local named = setmetatable({}, {__name = "MyType"})
print("name prefix", prefix(named) or tostring(named):match("^(%w+):"))
-- __tostring wins over __name
local both = setmetatable({}, {__name = "Named", __tostring = function() return "via tostring" end})
print("both", tostring(both))
-- a non-string __name is ignored
print("bad name", prefix(setmetatable({}, {__name = 1})), prefix(setmetatable({}, {__name = {}})))
-- __name shows up in error messages of library argument checks
print("arg error", pcall(string.rep, named, 1))
print("arg error2", pcall(math.floor, named))
-- and in runtime errors on operators
print("arith", pcall(function() return named * 2 end))
print("compare", pcall(function() return named < named end))
print("concat", pcall(function() return "x" .. named end))
-- tostring requires an argument
print("no arg", pcall(tostring))
-- string.format %s uses __tostring as well
print("format", string.format("[%s] [%s] [%5s]", a, nil, true))
-- tostring of integer-like floats always keeps ".0"
print("floats", 3.0, -3.0, 1e15, 2^53, 0.0)
