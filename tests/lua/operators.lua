-- All Lua 5.4 operators and their precedence/associativity.

local function p(...) print(...) end

-- arithmetic
p(7 + 2, 7 - 2, 7 * 2, 7 / 2, 7 // 2, 7 % 2, 7 ^ 2)
p(-7 + 2.0, 7.5 - 2, 1.5 * 2, 8 / 4, 7.0 // 2, 7 % 2.5, 2 ^ 0.5)
-- bitwise
p(0xF0 & 0x3C, 0xF0 | 0x0F, 0xF0 ~ 0xFF, ~0, 1 << 4, 256 >> 4)
-- unary
local s, t = "hello", {1, 2, 3}
p(-3, - -3, not nil, not 0, #s, #t, ~5, -(-(2)))
p(- - -1, not not nil, ~~7, -#s, #"" + 1)
-- concatenation is right associative and has lower precedence than +
p("a" .. "b" .. "c", 1 .. 2, "x" .. 1 + 2, 1 + 2 .. "")
-- power is right associative and binds tighter than unary minus
p(2 ^ 3 ^ 2, (2 ^ 3) ^ 2, -2 ^ 2, (-2) ^ 2, 2 ^ -1)
-- multiplicative before additive
p(1 + 2 * 3, (1 + 2) * 3, 10 - 4 - 3, 2 * 3 % 4, 2 * (3 % 4), 100 / 10 / 2)
p(7 // 2 * 2, 7 % 3 * 2, -7 // 2, -7 % 3)
-- shift vs. additive vs. bitwise ops
p(1 << 2 + 1, (1 << 2) + 1, 1 | 2 & 3, (1 | 2) & 3, 6 ~ 3 & 5, 5 & 3 ~ 1)
p(1 | 2 ~ 3, 0xFF & 0xF << 4, 1 << 63 >> 63)
-- concat binds tighter than <<, and bitwise operators never coerce strings
p(pcall(function() return 1 << 2 .. "" end))
-- comparison below concatenation and bitwise ops
p("a" .. "b" == "ab", 1 + 1 == 2, 1 | 2 == 3, 3 < 2 + 2)
-- and/or short-circuit and return operands
p(nil and 1, false and 1, 0 and 1, 1 and nil, nil or 2, false or nil, 1 or error("no"))
p(1 and 2 or 3, nil and 2 or 3, false or false and 1, 1 or 2 and 3)
p(not 1 == 2, not (1 == 2), not nil and 1)
-- comparison chains are not special: (1 < 2) < 3 is an error
p(pcall(function() return 1 < 2 < 3 end))
p(1 < 2 == true, "1" == 1, 1 == 1.0, -0.0 == 0.0)
-- unary operators precedence vs. ^ and ..
p(-2 ^ -2, not 1 == nil, #"abc" .. "d", -"2" ^ 2, ~0 >> 60)
-- mixing integer and float
p(1 + 1.0, 2 * 3.0, 6 / 2, 6 // 2.0, 2 ^ 2, 10 % 3.0)
p(math.type(1 + 1), math.type(1 + 1.0), math.type(4 / 2), math.type(4 // 2), math.type(2 ^ 2))
-- string operands are coerced for arithmetic
p("10" + 1, "3" * "4", "2" ^ 3, "7" // 2, "7.0" // 2, " 0x10 " + 0, "1e2" * 1)
p(10 .. 20, 1.5 .. "", -0.0 .. "", 2^63 .. "")
-- comparisons
p(1 < 2, 2 <= 2, 3 > 2, 2 >= 3, 1 ~= 1.0, "a" < "b", "a" < "ab", "Z" < "a", "" < "a")
-- equality never converts
p(1 == "1", "abc" == "abc", t == t, {} == {}, nil == false)
-- parentheses
p(((1 + 2)) * ((3)), (("x")))
-- long expression
local a, b, c = 3, 4, 5
p(a * a + b * b == c * c, a + b * c - a // b % c ^ 2, -a ^ 2 + b .. c)
