-- tonumber(s, base) for every base from 2 to 36.

local digits = "0123456789abcdefghijklmnopqrstuvwxyz"
-- "10" is the base itself; the highest digit is base - 1; "zz"-style strings
-- are valid only when every digit is below the base
for base = 2, 36 do
  local top = digits:sub(base, base)
  io.write(base, ":", tonumber("10", base), ",", tonumber(top, base), ",",
           tostring(tonumber(top .. top, base)), ",", tostring(tonumber(digits:sub(base + 1, base + 1), base)), " ")
  if base % 6 == 1 then io.write("\n") end
end
print()
-- letters are case-insensitive
print("case", tonumber("FF", 16), tonumber("ff", 16), tonumber("Zz", 36), tonumber("zZ", 36))
-- whitespace and a leading minus are accepted, a plus sign too
print("spaces", tonumber("  101  ", 2), tonumber("-ff", 16), tonumber("\t-z\n", 36), tonumber("+7", 8))
-- no prefixes, fractions or exponents with an explicit base
print("no prefix", tonumber("0x10", 16), tonumber("1.0", 10), tonumber("1e2", 10), tonumber("1e2", 16))
-- empty and bad strings return nil (fail)
print("bad", tonumber("", 10), tonumber(" ", 10), tonumber("-", 10), tonumber("12 3", 10), tonumber("2", 2))
-- results are integers and wrap around on overflow
print("wrap", tonumber("ffffffffffffffff", 16), tonumber("10000000000000000", 16), tonumber("1" .. ("0"):rep(64), 2))
print("type", math.type(tonumber("10", 10)), math.type(tonumber("zz", 36)))
-- base 10 explicitly still rejects floats (unlike tonumber without a base)
print("base10", tonumber("10", 10), tonumber("10.5", 10), tonumber("10.5"))
-- embedded zero bytes end the number → invalid
print("zero byte", tonumber("1\0", 10))
-- the base must be an integer in [2, 36]
for _, b in ipairs({1, 37, 0, -2, 100}) do
  print("base " .. b, pcall(tonumber, "10", b))
end
print("float base", pcall(tonumber, "10", 2.5), tonumber("10", 2.0))
print("string base", tonumber("10", "16"), pcall(tonumber, "10", "x"))
-- with a base, the first argument must be a string
print("number arg", pcall(tonumber, 10, 16))
print("nil arg", pcall(tonumber, nil, 16))
print("missing arg", pcall(tonumber))
-- without a base, non-numbers and non-strings give nil (fail)
print("no base", tonumber({}), tonumber(true), tonumber(nil), tonumber(print))
