-- Bitwise operators on floats and strings: floats with exact integral values
-- convert, other floats raise "number has no integer representation".

local function try(f)
  local ok, r = pcall(f)
  if ok then return math.type(r) .. ":" .. tostring(r) end
  return "error: " .. (tostring(r):gsub("^[^:]*:%d+: ", ""))
end

-- floats with exact integer values are converted; the result is an integer
print("exact", try(function() return 3.0 | 0 end), try(function() return 2.0 ^ 10 & 0xfff end))
print("exact2", try(function() return -1.0 >> 60 end), try(function() return ~0.0 end))
print("exact3", try(function() return 2^62 << 1 end), try(function() return -2^63 | 0 end))
print("exact4", try(function() return 1e15 ~ 1 end), try(function() return -0.0 | 0 end))
-- non-integral or out-of-range floats fail
local half, big, inf, nan = 1.5, 2^63, math.huge, 0 / 0
print("frac", try(function() return half | 0 end))
print("frac-k", try(function() return 1.5 | 0 end))
print("big", try(function() return big & 1 end))
print("inf", try(function() return inf ~ 1 end))
print("nan", try(function() return nan >> 1 end))
print("bnot", try(function() return ~half end))
local t = {f = 0.5}
print("field", try(function() return t.f << 1 end))
print("right", try(function() return 1 | t.f end))
-- strings are NOT converted for bitwise operators (unlike arithmetic, which
-- goes through the string metamethods)
print("str", try(function() return "3" | 0 end), try(function() return "0x10" & 0xff end))
print("str2", try(function() return "3.0" << 2 end), try(function() return ~"0" end))
print("str3", try(function() return "1.5" | 0 end))
print("str4", try(function() return "abc" | 0 end))
local s = "2^3"
print("str5", try(function() return s | 0 end))
-- other types
print("nil", try(function() return nil & 1 end))
print("bool", try(function() local b = true; return b | 1 end))
print("table", try(function() return {} ~ 1 end))
-- shifts: amounts >= 64 give 0, negative amounts shift the other way
print("shl", 1 << 0, 1 << 1, 1 << 62, 1 << 63, 1 << 64, 1 << 100, 8 << -2)
print("shr", -1 >> 0, -1 >> 1, -1 >> 63, -1 >> 64, 8 >> -1, 256 >> 4)
print("shift-float", 1 << 2.0, 16 >> 2.0, math.type(1 << 2.0))
-- results are always integers
print("types", math.type(1.0 | 0), math.type(7 ~ 0), math.type(~1.0))
-- math.tointeger agrees with the bitwise conversion rule
print("tointeger", math.tointeger(3.0), math.tointeger(1.5), math.tointeger(2^63), math.tointeger(-2^63))
