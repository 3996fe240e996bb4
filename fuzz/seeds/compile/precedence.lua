-- Operator precedence and associativity.

-- ^ binds tighter than unary minus and is right associative
print("pow", -2 ^ 2, 2 ^ 3 ^ 2, (2 ^ 3) ^ 2, -2 ^ -2, 2 ^ -1)
-- unary operators bind tighter than * / // %
print("unary", -3 * 2, not nil == true, #"abc" * 2, -"2" + 1, ~0 * 2)
-- * / // % are left associative, at the same level
print("mul", 2 * 3 % 4, 2 * (3 % 4), 100 / 10 / 5, 100 // 7 // 2, 7 % 4 * 2, 2 ^ 2 * 3)
-- + - below * /
print("add", 1 + 2 * 3, (1 + 2) * 3, 10 - 4 - 3, 10 - (4 - 3), 1 - -1, 2 - 3 ^ 2)
-- .. is right associative and below + -
print("concat", 1 + 2 .. 3 + 4, "a" .. "b" .. "c", 1 .. 2 .. 3)
-- shifts below concat, then &, ~, |
print("shift", 1 << 2 + 1, 256 >> 2 >> 1, (1 << 2) .. "")
-- `1 << 2 .. ""` is `1 << (2 .. "")`: a string operand of a bitwise operator
print("shift concat", pcall(function() return 1 << 2 .. "" end))
print("bitand", 6 & 3 | 8, 6 | 3 & 8, 5 ~ 3 & 1, 5 ~ (3 & 1), 1 | 2 ~ 3 & 4)
print("bit vs arith", 1 + 2 & 3, 1 + (2 & 3), 2 * 3 | 1, 8 >> 1 + 1)
-- comparison below bitwise
print("compare", 1 | 2 == 3, 1 < 2 == true, "a" .. "b" == "ab", 1 + 1 == 2)
-- and below comparison, or below and
print("logic", 1 == 1 and 2 == 2, nil or 1 and 2, false and 1 or 3, 1 or error("never"))
print("logic2", nil and nil or "x", 1 and nil or "y", false or nil and 1)
-- not binds tightly
print("not", not 1 == 2, not (1 == 2), not nil and 1, not not nil)
-- comparisons are not associative in a useful way but parse left to right
print("chain", pcall(function() return 1 < 2 < 3 end))
print("chain eq", 1 == 1 == true, (2 == 2) == (3 == 3))
-- length operator with concat and arithmetic
print("length", #"ab" .. "c", #("ab" .. "c"), -#"abc", #{1, 2} + 1)
-- unary chains
print("unary chain", - - 2, not not 0, ~ ~ 5, - -"3")
-- a long mixed expression evaluated step by step
local a, b, c, d = 2, 3, 4, 5
print("mixed", a + b * c ^ 2 // d - -a % b, ((a + ((b * (c ^ 2)) // d)) - ((-a) % b)))
print("mixed2", a < b and b < c or d, a > b and "yes" or "no", #tostring(a * b) + c)
-- constant folding must follow the same rules (operands are literals)
print("folded", 2 ^ 3 ^ 2, -2 ^ 2, 1 .. 2 .. 3, 7 // 2 * 2 + 7 % 2, 3 | 4 & 5 ~ 6)
