-- Float arithmetic and the default float -> string conversion ("%.14g").

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(table.concat(t, " | "))
end

show(1.0, -1.0, 0.0, -0.0, 0.1, 1/3, 2/3, 100.0, 1e15, 1e16, 1e100, -1e-100)
show(123456789012345.0, 1234567890123456.0, 12345678901234567.0, 0.1 + 0.2)
show(2^53, 2^63, 2^64, -2^63, 2^-1074, 2^1023 * 2, 1e308 * 10, -1e308 * 10)
show(1e300 * 1e300, 5e-324, 5e-324 / 2, 1.7976931348623157e308)
show(3.14159265358979, 2.5, 1e-5, 1e-4, 0.0001234, 123e-7)
show(1/0, -1/0, 0/0 ~= 0/0, math.huge, -math.huge, math.pi, -math.pi)
-- nan prints as "nan" or "-nan" depending on the sign bit
show(0/0, -(0/0), math.huge - math.huge, math.sqrt(-1))

-- floats with integral values keep ".0"
show(3.0, -3.0, 1e2, 2^10, 10 / 2, 7 // 2.0, 1e14, 1e15 + 0.5)
-- float vs integer identity
show(math.type(1.0), math.type(1), 1.0 == 1, 1.5 == 1, math.type(2^31))

-- arithmetic with inf and nan
local inf, nan = math.huge, 0/0
show(inf + 1, inf - inf ~= inf - inf, inf * 0 ~= inf * 0, -inf < inf, inf > math.maxinteger)
show(nan == nan, nan ~= nan, nan < 1, nan > 1, nan <= nan, 1 < nan)
show(inf // 1, -inf // 1, 1 // inf, -1 // inf, inf % 2 ~= inf % 2, 5 % inf, -5 % inf, 5 % -inf)

-- negative zero
local nz = -0.0
show(nz, 0.0 * -1, -0.0 + 0.0, nz == 0.0, 1 / nz, 1 / (0.0 * -1), -0.0 // 1, 0.0 // -1)
show(string.format("%g", -0.0), math.abs(-0.0), -0.0 % 1, 0 * -1)

-- float precision
show(0.1 + 0.2 == 0.3, 0.5 + 0.25 == 0.75, 1e16 + 1 == 1e16, 2^53 + 1 == 2^53)
show(100 * 1.1, 3 * 0.1, 1 - 0.9, 4.35 * 100)

-- exponentiation always gives floats
show(2^2, 2^0.5, (-8)^(1/3) ~= (-8)^(1/3), 0^0, 0^-1, (-2)^3, 10^-2)

-- conversions between int and float in comparisons
show(1 < 1.5, 2^63 > math.maxinteger, -2^63 == math.mininteger, 2^53 == 2^53 + 1.0)
show(math.maxinteger + 0.0, math.maxinteger + 0.0 == math.maxinteger)
show(math.tointeger(3.0), math.tointeger(3.5), math.tointeger(2^63), math.tointeger(-2^63))

-- float keys and %.14g rounding in tostring
show(1e15 + 0.3, 123456.789e3, 0.1 * 3, 1 / 7)
show(tostring(1e15) == "1e+15", tostring(-1e15), tostring(1e-7))
