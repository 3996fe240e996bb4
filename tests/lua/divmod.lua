-- Division (/ and //) and modulo (%) for every operand combination.

-- NaN signs are checked in float_arith.lua; here every NaN prints as "nan".
local function fmt(v)
  if v ~= v then return math.type(v) .. ":nan" end
  return math.type(v) .. ":" .. tostring(v)
end

local values = {7, -7, 7.5, -7.5, 2, -2, 0.5, 3.0}
for _, a in ipairs(values) do
  local row = {}
  for _, b in ipairs({2, -2, 2.0, 0.5, -0.5, 3}) do
    row[#row + 1] = string.format("%s/%s: %s %s %s", a, b, fmt(a / b), fmt(a // b), fmt(a % b))
  end
  print(table.concat(row, " ; "))
end

-- zero divisors
local zi, zf = 0, 0.0
print(pcall(function() return 5 // zi end))
print(pcall(function() return 5 % zi end))
print(pcall(function() return 0 // zi end))
print(fmt(5 / zi), fmt(-5 / zi), fmt(5 // zf), fmt(-5 // zf), fmt(0 / zi), fmt(0.0 / zf))
print(fmt(5 % zf), fmt(-5 % zf), fmt(5.5 % zi), fmt(5 // -zf), fmt(0 // zf))
print(fmt(5 / -0.0), fmt(-5 / -0.0))

-- infinities
local inf = math.huge
print(fmt(inf / 2), fmt(inf // 2), fmt(inf % 2), fmt(2 % inf), fmt(-2 % inf), fmt(2 % -inf))
print(fmt(-2 % -inf), fmt(inf // inf), fmt(2 // inf), fmt(-2 // inf), fmt(2 // -inf))
print(fmt(0.0 % inf), fmt(-0.0 % inf), fmt(inf % inf))

-- nan operands
local nan = 0 / 0
print(nan ~= nan, (nan // 1) ~= (nan // 1), (nan % 1) ~= (nan % 1), (1 % nan) ~= (1 % nan))

-- integer extremes
local mini, maxi = math.mininteger, math.maxinteger
print(fmt(mini // -1), fmt(mini % -1), fmt(mini / -1), fmt(maxi // maxi), fmt(mini // maxi))
print(fmt(mini % maxi), fmt(maxi % mini), fmt(mini % mini), fmt(-1 % mini), fmt(1 % mini))
print(fmt(maxi // 2), fmt(mini // 2), fmt(mini // -2), fmt(maxi % -2), fmt(mini % 3))

-- float modulo keeps the sign of the divisor
print(fmt(5.3 % 2), fmt(-5.3 % 2), fmt(5.3 % -2), fmt(-5.3 % -2))
print(fmt(1e308 % 3), fmt(-1e308 % 3), fmt(3 % 1e308), fmt(-3 % 1e308))
print(fmt(6 % -3.0), fmt(-6 % 3.0), fmt(0.0 % -1), fmt(-0.0 % -1))

-- strings are converted
print(fmt("7" // "2"), fmt("7" % "2"), fmt("7" / "2"), fmt("7.0" % 2), fmt(" -7 " // 2))
print(pcall(function() return "7" // "0" end))
print(pcall(function() return "x" % 2 end))

-- the invariant a == (a // b) * b + a % b for integers
local ok = true
for a = -20, 20 do
  for b = -6, 6 do
    if b ~= 0 and a ~= (a // b) * b + a % b then ok = false end
  end
end
print("invariant", ok)
