-- Integer wrap-around and hexadecimal integer literals.

local maxi, mini = math.maxinteger, math.mininteger
print("limits", maxi, mini, maxi == 0x7fffffffffffffff, mini == 0x8000000000000000)

-- arithmetic wraps around modulo 2^64
print("add", maxi + 1 == mini, maxi + 2, mini - 1 == maxi, mini - 2)
print("mul", maxi * 2, mini * 2, maxi * maxi, mini * -1, 0x100000000 * 0x100000000)
print("neg", -mini, -mini == mini, -(maxi) - 1 == mini)
print("idiv", mini // -1, mini % -1, mini // 1, maxi // -1)

-- hexadecimal integer literals wrap around too (no conversion to float)
print("hex", 0x0, 0xff, 0XAbC, 0x7fffffffffffffff, 0xffffffffffffffff)
print("hexwrap", 0x10000000000000000, 0x1ffffffffffffffff, 0xfffffffffffffffff)
print("hexwrap-type", math.type(0xffffffffffffffffff), 0x8000000000000001)
-- decimal integer literals that overflow become floats instead
print("dec", 9223372036854775807, math.type(9223372036854775807))
print("decf", 9223372036854775808, math.type(9223372036854775808))
print("decneg", -9223372036854775808, math.type(-9223372036854775808))
print("decbig", 18446744073709551615, 123456789012345678901234567890)
-- hexadecimal floats
print("hexfloat", 0x1p4, 0x.8, 0x1.8p1, 0xA.8p0, 0x1p-2, 0x1P+10, math.type(0x1p0))
print("hexfloat2", 0x.1, 0x10.0, 0xffffffffffffffff.0, 0x1p63)

-- conversions between strings and integers use the same rules
print("tonumber", tonumber("0xffffffffffffffff"), tonumber("0x10000000000000000"))
print("tonumber2", tonumber("9223372036854775808"), tonumber("-9223372036854775808"))
print("tonumber3", math.type(tonumber("-9223372036854775808")), tonumber("  0x1F  "))
-- string arithmetic keeps integer-ness
print("strarith", "0xffffffffffffffff" + 0, "9223372036854775807" + 1, "10" * "2")

-- the for loop must not overflow past the limits
local n = 0
for i = maxi - 2, maxi do n = n + 1 end
print("forloop", n)
n = 0
for i = mini + 2, mini, -1 do n = n + 1 end
print("forloop-neg", n)

-- integer/float conversions at the edges
print("edges", maxi + 0.0, mini + 0.0, maxi + 0.0 == 2^63, mini + 0.0 == -2^63)
print("tointeger", math.tointeger(2^63), math.tointeger(-2^63), math.tointeger(2^53))
print("floor", math.floor(2^62), math.floor(-2^63), math.floor(2^63))
print("shifts", 1 << 63, 1 << 64, -1 >> 1, -1 >> 63, 1 << -1, 2 >> -1)
print("string.format", string.format("%d %x %X", mini, -1, 255))
