-- Bitwise operators: integer-only, floats with exact integer values convert.

print(5 & 3, 5 | 3, 5 ~ 3, ~5, 5 << 1, 5 >> 1)
print(-1 & 0xFF, -1 >> 1, -1 >> 63, -1 << 63, 1 << 63, (1 << 63) - 1)
-- shifts by >= 64 give zero; negative shifts reverse direction
print(1 << 64, 1 << 65, -1 >> 64, 1 << -1, 2 >> -1, 8 >> -2, 1 << -64)
print(0xFF >> 4, 0xFF << 60, math.mininteger >> 1, math.mininteger >> 63)
print(1 << math.maxinteger, 1 >> math.mininteger, 1 << math.mininteger)

-- floats with integral values are accepted
print(3.0 & 1, 2.0 ^ 2 | 0, 1e3 >> 1, -2.0 ~ 0, ~0.0, 2^62 | 0, -2^63 | 0)
print(math.type(3.0 & 1), math.type(~1.0))

-- floats without integer representation are errors
local function err(f) print(select(2, pcall(f))) end
local x = 1.5
local huge = 2^63
err(function() return x & 1 end)
err(function() return 1 | huge end)
err(function() return ~x end)
err(function() return 1.5 << 1 end)
err(function() return (0/0) | 0 end)
err(function() return math.huge ~ 1 end)
-- non-numbers are errors with variable info
local s, t = "3", {}
err(function() return s & 1 end)
err(function() return 1 | t end)
err(function() return ~t end)
err(function() return nil >> 1 end)
err(function() return t.field << 2 end)
err(function() return "abc" ~ 1 end)
err(function() return true & false end)
err(function() return 1 & "1.5" end)

-- metamethods for bitwise operators are used for non-numbers
local mt = {
  __band = function(a, b) return "band" end,
  __bor = function(a, b) return "bor" end,
  __bxor = function(a, b) return "bxor" end,
  __shl = function(a, b) return "shl" end,
  __shr = function(a, b) return "shr" end,
  __bnot = function(a, b) return "bnot" end,
}
local o = setmetatable({}, mt)
print(o & 1, 1 | o, o ~ o, o << 1, 1 >> o, ~o)
-- strings carry no bitwise metamethods
print(getmetatable("").__band, getmetatable("").__add ~= nil)

-- masks and typical idioms
local function bits(n)
  local out = {}
  for i = 7, 0, -1 do out[#out + 1] = (n >> i) & 1 end
  return table.concat(out)
end
print(bits(0xA5), bits(~0xA5 & 0xFF), bits(0xA5 ~ 0xFF), bits((0xA5 << 4) & 0xFF))
local function popcount(n)
  local c = 0
  while n ~= 0 do n = n & (n - 1); c = c + 1 end
  return c
end
print(popcount(0), popcount(255), popcount(-1), popcount(math.mininteger))
-- rotate left by 8 within 64 bits
local v = 0x0123456789ABCDEF
print(string.format("%016x", (v << 8) | (v >> 56)))
print(string.format("%x %X", -1, 0xdeadbeef))
