-- Comparisons between integers and floats, including huge values and NaN.
-- Lua compares the mathematical values exactly (no rounding to float).

local maxi, mini = math.maxinteger, math.mininteger
local nan = 0 / 0

print("eq", 1 == 1.0, -0.0 == 0, 0.0 == -0.0, 2^53 == 2^53 + 1, 3 == 3.0000000000000001)
print("eq-big", maxi == 2^63, maxi + 0.0 == 2^63, mini == -2^63, mini == mini + 0.0)
print("eq-53", 2^53 == (1 << 53), (1 << 53) + 1 == 2^53, (1 << 53) + 1 == 2^53 + 1)
-- maxinteger is not equal to 2^63, but converting it to float rounds to 2^63
print("lt-big", maxi < 2^63, maxi <= 2^63, maxi + 0.0 < 2^63, mini <= -2^63, mini < -2^63)
print("gt-big", 2^63 > maxi, -2^63 >= mini, 2^64 > maxi, -2^64 < mini)
-- integers near 2^53 are compared exactly
local i53 = (1 << 53) + 1
print("exact", i53 > 2^53, i53 >= 2^53, i53 < 2^53 + 2, i53 + 0.0 == 2^53)
print("exact2", maxi - 1 < maxi + 0.0, maxi > 9.2233720368547748e18)
-- fractional floats against integers
print("frac", 1 < 1.5, 2 > 1.5, -1 > -1.5, 3 <= 3.0, 3 < 3.0000001, 0.5 < 1)
print("frac-big", maxi < 9.3e18, mini > -9.3e18, 5 < math.huge, -5 > -math.huge)
print("inf", maxi < math.huge, mini > -math.huge, math.huge > math.huge, -math.huge == -math.huge)
-- NaN is unordered: all comparisons are false except ~=
print("nan", nan == nan, nan ~= nan, nan < 1, nan > 1, nan <= nan, nan >= nan)
print("nan-int", nan == 1, 1 < nan, 1 <= nan, 1 > nan, maxi < nan, nan < mini)
print("nan-not", not (nan < 1), not (nan >= 1))
-- comparisons of mixed values through math.max/min keep the original type
print("max", math.max(1, 1.0), math.max(1.0, 1), math.min(2, 1.5), math.max(maxi, 2^63))
print("maxtype", math.type(math.max(1, 1.0)), math.type(math.max(1.0, 1)))
-- strings compare lexicographically by bytes, not as numbers
print("str", "10" < "9", "a" < "b", "abc" < "abd", "" < "a", "Z" < "a", "a" < "aa")
print("str2", "a\0b" < "a\0c", "a\0" > "a", "10" <= "10", "b" >= "a")
-- equality between different types is false without error
print("types", 1 == "1", "1" == 1, nil == false, {} == {}, print == print)
-- integer keys and float keys are unified
local t = {}
t[1] = "int"
t[1.0] = "float overrides"
t[2^53] = "big"
print("keys", t[1], t[2^53 | 0], #t)
-- comparison chains via sort of mixed numbers
-- (no two elements are equal, so the result does not depend on the algorithm)
local nums = {3, 1.5, maxi, 2^63, 0, mini, 2.5, 2, -1e300, maxi - 1}
table.sort(nums)
for i = 1, #nums do nums[i] = tostring(nums[i]) end
print("sorted", table.concat(nums, " "))
