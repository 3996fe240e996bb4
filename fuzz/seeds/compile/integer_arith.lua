-- Integer arithmetic: 64-bit two's complement with wraparound.

local maxi, mini = math.maxinteger, math.mininteger
print(maxi, mini)
print(maxi + 1 == mini, mini - 1 == maxi, maxi + 1, mini - 1)
print(maxi * 2, mini * 2, maxi * maxi, mini * -1, -mini)
print(mini // -1, mini % -1, maxi // -1, maxi % -1)
print(math.type(maxi + 1), math.type(maxi + 1.0), maxi + 1.0)
print(maxi + 0.0 == 2^63, mini + 0.0 == -2^63)
print(-maxi - 1 == mini, ~maxi == mini, ~mini == maxi)

-- integer division rounds toward minus infinity
for _, a in ipairs({7, -7, 6, -6, 0}) do
  local row = {}
  for _, b in ipairs({3, -3, 1, -1, 7}) do
    row[#row + 1] = string.format("%d//%d=%d %d%%%d=%d", a, b, a // b, a, b, a % b)
  end
  print(table.concat(row, "  "))
end

-- division by zero errors for integers
print(pcall(function() return 1 // 0 end))
print(pcall(function() return 1 % 0 end))
print(pcall(function() local z = 0; return mini // z end))
print(pcall(function() local z = 0; return 5 % z end))
-- but not for floats
print(1 / 0, -1 / 0, 1 // 0.0, -1 // 0.0, 0/0 ~= 0/0)

-- integer results stay integers
print(3 + 4, 10 - 20, 6 * 7, 2 ^ 10, 7 // 2, 7 % 2)
print(math.type(3 * 4), math.type(2 ^ 2), math.type(8 / 2), math.type(-(3)))

-- large literals
print(9007199254740993, 2^53 + 1, 9007199254740993 + 0.0)
print(1000000000 * 1000000000, 10000000000 * 10000000000)
print(0x7fffffff * 0x7fffffff, 0xffffffff + 1, 1 << 32)

-- factorial overflow wraps
local f = 1
for i = 1, 25 do
  f = f * i
  if i >= 19 then print(i, f) end
end

-- fibonacci near the limit
local a, b = 0, 1
for i = 1, 93 do a, b = b, a + b end
print(a, b, b < 0)

-- integer conversions of floats in integer contexts
print(string.rep("x", 3.0), ("abc"):sub(2.0, 3.0))
print(pcall(string.rep, "x", 2.5))
print(pcall(string.rep, "x", 2^63))
print(select(2, pcall(string.sub, "abc", "x")))

-- unary minus of integers
print(-0, - -5, -(mini + 1), 0 == -0, math.type(-0))

-- comparisons at the edges
print(maxi < maxi + 0.0, maxi + 0.0 == maxi, mini == mini + 0.0, maxi - 1 < maxi)
print(maxi // 1 == maxi, mini // 1, mini % 2, maxi % 2, mini % maxi, maxi % mini)
