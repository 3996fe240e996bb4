-- Strings converted to numbers by arithmetic, and numbers to strings by concat.

local function tv(v) return math.type(v) .. ":" .. tostring(v) end
local function try(f, ...)
  local ok, r = pcall(f, ...)
  if ok then return tv(r) end
  return "error: " .. tostring(r):gsub("^[^:]*:%d+: ", "")
end

-- the converted string keeps its integer or float nature
print("int", tv("10" + 1), tv("10" - "3"), tv("6" * 7), tv(-"5"), tv("0x10" + 0))
print("float", tv("10.0" + 1), tv("1e2" * 1), tv("0.5" + "0.5"), tv(".5" + 0), tv("5." + 0))
print("div", tv("7" / 2), tv("7" // 2), tv("7" % 2), tv("2" ^ 3), tv("7.0" // 2))
-- surrounding whitespace is allowed
print("spaces", tv(" 10 " + 0), tv("\t\n5\v\f\r" + 0), tv("  -3  " * 2))
-- signs and hex forms
print("signs", tv("-0x10" + 0), tv("+7" + 0), tv("-0" + 0), tv("-0.0" + 0))
print("hexf", tv("0x1p4" + 0), tv("0xA.8" + 0), tv("0x.1" + 0))
-- integer strings that overflow become floats
print("big", tv("9223372036854775807" + 0), tv("9223372036854775808" + 0))
print("huge", tv("1e400" + 0), tv("-1e400" + 0), tv("0x7fffffffffffffff" + 1))
-- invalid numerals raise errors naming the operation
print("bad1", try(function() return "abc" + 1 end))
print("bad2", try(function() return "10a" + 1 end))
print("bad3", try(function() return "" + 1 end))
print("bad4", try(function() return "1e" * 2 end))
print("bad5", try(function() return "0x" - 1 end))
print("bad6", try(function() return 1 / "x" end))
print("bad7", try(function() return "1 2" + 0 end))
print("bad8", try(function() return "inf" + 0 end))
print("bad9", try(function() return "nan" + 0 end))
print("bad10", try(function() return -"z" end))
print("bad11", try(function() return "3" // "0" end))
print("bad12", try(function() return "3" % "0" end))

-- numbers are converted to strings by concatenation
print("concat", 1 .. 2, 1 .. "", 1.0 .. "", -0.0 .. "x", 2^63 .. "", 10 // 3 .. "")
print("concat2", "n=" .. 42, 0.1 .. "|" .. 1e100, math.mininteger .. "")
-- string.len of a number works through coercion too
print("len", string.len(12345), string.len(1.5), string.rep(12, 2))
-- numbers have no string methods, though
print("method", try(function() return (12):rep(2) end))
-- but comparison never converts
print("eq", "10" == 10, 10 == "10", "1" ~= 1)
print("lt", pcall(function() return "10" < 5 end))
print("le", pcall(function() return 1 <= "2" end))
-- tonumber and arithmetic agree
for _, s in ipairs({"12", "12.0", "0x1A", " 7 ", "1e1", "0x", "1e", "1a"}) do
  local a = tonumber(s)
  local ok, b = pcall(function() return s + 0 end)
  io.write(string.format("[%s] %s %s; ", s, tostring(a), ok and tostring(b) or "err"))
end
print()
