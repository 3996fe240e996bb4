-- How floats are converted to strings (tostring, print, concatenation).
-- Lua uses "%.14g" and appends ".0" when the result looks like an integer.

local function row(label, ...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(label, table.concat(t, " | "))
end

row("integral", 1.0, -1.0, 0.0, -0.0, 100.0, 1e14, 1e15, 1e16, 1e17)
row("fractions", 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 0.5, 0.25, 1e-5, 1.5e-7)
row("large", 1e100, -1e100, 1e308, 2^53, 2^63, 2^64, -2^63, 123456789012345678.0)
row("limits", math.maxinteger + 0.0, math.mininteger + 0.0, 2^-1074, 2^1023 * 1.5)
row("special", 1 / 0, -1 / 0, math.huge, -math.huge, math.pi, -math.pi)
-- NaN is not equal to itself; print only properties that are portable
local nan = 0 / 0
row("nan", nan ~= nan, tostring(nan):find("nan") ~= nil, math.type(nan))
row("precision", 3.14159265358979, 1234567890123.5, 12345678901234.5, 0.1 + 0.7)
row("exponents", 1e15 + 0.5, 1e-4, 1e-5, 123e-7, 5e-324, 1.7976931348623157e308)
row("integers", 1, -1, 0, 123456789012345678, math.maxinteger, math.mininteger)
row("conversions", 3 / 1, 7 // 1.0, 2^2, 10 / 2, math.sqrt(16), 1e2)
row("tointeger", math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"), 3 | 0)

-- print uses tostring
print(0.1, -0.0, 1e15, 1e16, 2^63, 1e100)
-- concatenation uses the same format
print("concat: " .. 1.0 .. " " .. -0.0 .. " " .. 1e300 * 1e10 .. " " .. 2^63)
print("concat int: " .. 10 .. " " .. math.mininteger)
-- string.format("%s") too
print(string.format("%s %s %s", 1.0, 1e15, 0.1))
-- %.14g itself, for comparison
print(string.format("%.14g %.14g %.14g", 1.0, 1e15, 0.1))
-- results of float operations are floats even when integral
print(4 / 2, 2^2, 3.0 + 1, 1e3 // 1, -(-0.0))
-- integer-valued floats as table keys become integers (printed via the key)
local t = {}
t[2.0] = "x"
for k in pairs(t) do print("key", k, math.type(k)) end
