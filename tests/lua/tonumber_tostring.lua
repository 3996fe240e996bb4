-- tonumber and tostring, including bases and invalid inputs.

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    t[i] = math.type(v) and (math.type(v) .. ":" .. tostring(v)) or tostring(v)
  end
  print(table.concat(t, "  "))
end

-- decimal and hex strings
show(tonumber("10"), tonumber("10.0"), tonumber("  10  "), tonumber("\t-7\n"), tonumber("+5"))
show(tonumber("0x1A"), tonumber("0X1a"), tonumber("-0x10"), tonumber("0x1p-2"), tonumber("0x.8"))
show(tonumber("1e2"), tonumber("1E+2"), tonumber(".5"), tonumber("5."), tonumber("-.5e1"))
show(tonumber("0x"), tonumber("1e"), tonumber("1e+"), tonumber(""), tonumber(" "), tonumber("--1"))
show(tonumber("1 2"), tonumber("1_000"), tonumber("0b101"), tonumber("inf"), tonumber("nan"), tonumber("1."))
show(tonumber("9223372036854775807"), tonumber("9223372036854775808"), tonumber("-9223372036854775809"))
show(tonumber("0xffffffffffffffffff"), tonumber("1" .. string.rep("0", 30)))
show(tonumber("10\0"), tonumber("0x10g"), tonumber("- 1"), tonumber("1e400"), tonumber("-1e400"))
-- numbers pass through unchanged
show(tonumber(5), tonumber(5.5), tonumber(-0.0), tonumber(math.mininteger))
-- non-numbers give nil (fail), but a missing argument is an error
show(tonumber(nil), tonumber(true), tonumber({}), tonumber(print))
print(pcall(tonumber))

-- explicit bases: only strings of alphanumerics, integer results
show(tonumber("z", 36), tonumber("Z", 36), tonumber("10", 2), tonumber("ff", 16), tonumber("FF", 16))
show(tonumber("777", 8), tonumber("8", 8), tonumber("  11  ", 2), tonumber("-11", 2), tonumber("+11", 3))
show(tonumber("1.5", 10), tonumber("0x10", 16), tonumber("", 10), tonumber("zz", 36), tonumber("10", 10))
show(tonumber("7fffffffffffffff", 16), tonumber("ffffffffffffffff", 16), tonumber("10000000000000000", 16))
show(tonumber("1e1", 16), tonumber("1 1", 2), tonumber("2", 2))
local function err(...) print(select(2, pcall(tonumber, ...))) end
err("10", 1)
err("10", 37)
err(10, 16)
err("10", 2.5)
err("10", "x")
err(nil, 10)

-- tostring
show(tostring(1), tostring(1.0), tostring(-0.0), tostring(1e15), tostring(1e16), tostring(2^63))
show(tostring(nil), tostring(true), tostring(false), tostring("s"), tostring(0/0 ~= 0/0))
show(tostring(123456789012), tostring(0.1), tostring(1/3), tostring(-1.5e-10), tostring(1e308 * 10))
print(pcall(tostring))
-- tostring of reference types starts with the type name
print(tostring({}):match("^table: ") ~= nil, tostring(print):match("^function: ") ~= nil)
print(tostring(function() end):match("^function: ") ~= nil, tostring(coroutine.create(print)):match("^thread: ") ~= nil)
-- __tostring and __name
local obj = setmetatable({}, {__tostring = function() return "OBJ" end})
print(tostring(obj))
local named = setmetatable({}, {__name = "MyType"})
print(tostring(named):match("^MyType: ") ~= nil)
print(pcall(tostring, setmetatable({}, {__tostring = function() return 42 end})))
print(pcall(tostring, setmetatable({}, {__tostring = function() return {} end})))
print(pcall(tostring, setmetatable({}, {__tostring = function() error("in tostring") end})))
-- round trip for floats printed with %.14g is not exact
print(tonumber(tostring(1/3)) == 1/3, string.format("%.17g", 1/3), tonumber(string.format("%.17g", 1/3)) == 1/3)
