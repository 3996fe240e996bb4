-- Relational operators across integers, floats and strings.

local maxi, mini = math.maxinteger, math.mininteger
print(1 < 2, 1 < 1.5, 1.5 < 2, 2 < 1.5, 1 <= 1.0, 1.0 >= 1, 2 > 1.99999)
-- exact comparisons between integers and floats (no rounding through float)
print(maxi < 2^63, maxi <= 2^63, maxi == 2^63, maxi + 0.0 == 2^63)
print(maxi - 1 < maxi + 0.0, 2^53 + 1 > 2^53, (2^53 + 1) == 2^53 + 1.0)
print(9007199254740993 < 9007199254740992.0, 9007199254740993 > 9007199254740992.0)
print(mini == -2^63, mini < -2^63, mini <= -2^63, mini > -2^63 - 1e10)
print(1 < math.huge, maxi < math.huge, mini > -math.huge, 1 == math.huge)
-- nan is unordered
local nan = 0/0
print(1 < nan, 1 > nan, 1 <= nan, 1 >= nan, nan == nan, nan ~= nan, maxi < nan)
-- zero signs compare equal
print(0 == -0.0, 0.0 == -0.0, -0.0 < 0.0, 0 <= -0.0)

-- strings compare bytewise
print("a" < "b", "abc" < "abd", "ab" < "abc", "" < " ", "Z" < "a", "10" < "9")
print("a\0b" < "a\0c", "a\0" > "a", "\255" > "\127", "abc" == "abc", "abc" <= "abc")

-- numbers are never equal to strings, and mixing them in order comparisons fails
print(1 == "1", "1" ~= 1, 0 == false, nil == false)
local function err(f) print(select(2, pcall(f))) end
err(function() return 1 < "2" end)
err(function() return "10" >= 5 end)
local t, u = {}, {}
err(function() return t < u end)
err(function() return t <= 1 end)
err(function() return nil > 1 end)
err(function() return true < false end)
err(function() return print < print end)
local x
err(function() return x < 1 end)
err(function() return 1.5 > t end)

-- equality for reference types is identity
local f1 = function() end
local f2 = function() end
print(t == t, t == u, f1 == f1, f1 == f2, print == print, "x" .. "y" == "xy")
-- ~= is the negation of ==
print(t ~= u, not (t == u), 1 ~= 1.0, "1" ~= "1.0")

-- a > b is b < a, a >= b is b <= a (visible through metamethods)
local log = {}
local mt = {
  __lt = function(a, b) log[#log + 1] = "lt(" .. a.n .. "," .. b.n .. ")"; return a.n < b.n end,
  __le = function(a, b) log[#log + 1] = "le(" .. a.n .. "," .. b.n .. ")"; return a.n <= b.n end,
}
local A = setmetatable({n = 1}, mt)
local B = setmetatable({n = 2}, mt)
print(A < B, A > B, A <= B, A >= B)
print(table.concat(log, " "))

-- sort numbers of mixed types
local nums = {3, 1.5, -2, 2^53, mini, maxi, 0.0, -0.5}
table.sort(nums)
for i, v in ipairs(nums) do nums[i] = tostring(v) end
print(table.concat(nums, " "))
