-- and/or/not: truthiness, returned values and short-circuit evaluation.

-- only nil and false are falsy
local values = {nil, false, true, 0, 0.0, "", "0", {}, print}
local names = {"nil", "false", "true", "0", "0.0", '""', '"0"', "{}", "print"}
local out = {}
for i = 1, 9 do out[#out + 1] = names[i] .. "=" .. (values[i] and "T" or "F") end
print("truthy", table.concat(out, " "))
-- and/or return one of their operands, not a boolean
print("and", 1 and 2, nil and 2, false and nil, 0 and "zero", "" and nil)
print("or", 1 or 2, nil or 2, false or nil, nil or false, false or "x")
print("not", not nil, not false, not 0, not "", not not {})
-- short circuit: the right operand is evaluated only when needed
local calls = {}
local function v(x) calls[#calls + 1] = tostring(x); return x end
local _ = v(false) and v("skipped")
_ = v(true) or v("skipped too")
_ = v(nil) or v("evaluated")
_ = v(1) and v(2) and v(nil) and v("never")
print("evaluated", table.concat(calls, ","))
-- errors in the non-evaluated operand do not happen
print("guarded", nil and nil + 1, false or 5, pcall(function() local t; return t and t.x end))
-- idioms
local function default(x) return x or "default" end
print("default", default(nil), default(false), default(0), default("given"))
local function ternary(c) return c and "yes" or "no" end
print("ternary", ternary(true), ternary(nil), ternary(0))
-- the and/or idiom fails when the middle value is falsy
print("idiom pitfall", true and false or "fallback", true and nil or "fallback")
-- comparisons produce booleans
print("comparison types", type(1 < 2), type(1 == 1), type(not 1))
-- multiple results are truncated to one inside and/or
local function two() return 1, 2 end
print("truncated", two() and two(), select("#", two() or 0))
-- and/or in conditions of loops and ifs
local n = 0
while n < 10 and n ~= 5 do n = n + 1 end
print("loop condition", n)
if nil or false then print("wrong") elseif 0 and "" then print("elseif taken") end
-- nested combinations
print("nested", (nil or false) and 1, nil or (false and 1), (1 and nil) or (2 and 3))
print("precedence", 1 or 2 and nil, (1 or 2) and nil, nil and 1 or 2)
-- equality between booleans and other types
print("equality", true == 1, false == nil, false == false, true ~= "true")
-- the result of `x and y` keeps integer/float identity
print("types kept", math.type(1 and 2.0), math.type(nil or 3))
