-- Implicit string <-> number conversions in arithmetic and concatenation.

local function show(v) return math.type(v) and (math.type(v) .. ":" .. tostring(v)) or type(v) .. ":" .. tostring(v) end
local function p(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = show(t[i]) end
  print(table.concat(t, "  "))
end

-- strings follow the lexer's numeral syntax, keeping integer vs float
p("10" + 0, "10.0" + 0, "1e1" + 0, "0x10" + 0, "0x1p4" + 0, " 5 " + 0, "\t\n7\v\f\r" + 0)
p("10" * "2", "3" - 1.0, -"2", -"2.0", -" 0x8 ", "9007199254740993" + 0)
p("9223372036854775807" + 0, "9223372036854775808" + 0, "-9223372036854775808" + 0)
p("0x7fffffffffffffff" + 1, "0xffffffffffffffff" + 0, "1" // "0.0")
p("inf" == nil, pcall(function() return "inf" + 0 end))
local function err(f) print(select(2, pcall(f))) end
err(function() return "nan" + 0 end)
err(function() return "1e" + 0 end)
err(function() return "" + 0 end)
err(function() return " " * 1 end)
err(function() return "1 2" + 0 end)
err(function() return "0x" + 0 end)
err(function() return "abc" + 1 end)
local s = "12a"
err(function() return s * 2 end)
err(function() return 2 ^ s end)
err(function() return -s end)
err(function() return {} + 1 end)
err(function() return 1 + nil end)

-- concatenation turns numbers into strings
p(1 .. "", 1.0 .. "", -0.0 .. "", 1e100 .. "", 2^63 .. "", 0.1 .. "", 1 .. 2)
p(math.mininteger .. "", 255 // 1 .. "|" .. 1/0 .. "|" .. -1/0)
err(function() return "a" .. nil end)
err(function() return "a" .. {} end)
err(function() return true .. "" end)
local n
err(function() return "x" .. n end)
err(function() local y; return y .. "x" end)

-- comparison never coerces
p("1" == 1, "1" < "2", pcall(function() return "1" < 2 end))

-- strings used as numbers in library functions
p(math.floor("3.7"), math.abs("-2"), string.rep("ab", "2"), ("x"):rep("3"))
-- math.max compares with lua_compare, which does not convert strings
err(function() return math.max("10", 9) end)
p(string.format("%d", "42"), string.format("%5.1f", "3.14159"), select("2", "a", "b"))
err(function() return string.format("%d", "4.5") end)
err(function() return string.format("%d", "x") end)
err(function() return math.floor("x") end)

-- numbers used as strings in library functions
p(string.len(12345), string.upper(1e3), string.sub(3.5, 1, 2), #tostring(-0.0))
-- but numbers have no metatable, so method syntax fails
err(function() return (12):rep(2) end)
p(("10" + 0) == 10, "10" + 0 == "10")
