-- Numeric for loops: integer and float loops, steps, limits, errors.

local function collect(a, b, c)
  local out = {}
  if c == nil then
    for i = a, b do out[#out + 1] = tostring(i) end
  else
    for i = a, b, c do out[#out + 1] = (i ~= i) and "nan" or tostring(i) end
  end
  return "[" .. table.concat(out, " ") .. "]"
end

print(collect(1, 5), collect(5, 1), collect(5, 1, -1), collect(1, 10, 3), collect(10, 1, -4))
print(collect(1, 1), collect(1, 0), collect(-3, -1), collect(0, -2, -1))
-- float loops
print(collect(1.0, 3), collect(1, 2, 0.5), collect(0.1, 0.5, 0.1), collect(1, 0, -0.25))
print(collect(1, 3.5), collect(1, 3.9999), collect(3, 0.5, -1), collect(1.5, 4))
-- integer loop with float limit is clipped, loop stays integer
for i = 1, 2.7 do io.write(math.type(i), " ") end print()
for i = 1.0, 2 do io.write(math.type(i), " ") end print()
for i = 1, 2, 1.0 do io.write(math.type(i), " ") end print()

-- limits near the integer range never overflow
print(collect(math.maxinteger - 2, math.maxinteger))
print(collect(math.mininteger, math.mininteger + 2))
print(collect(math.mininteger + 2, math.mininteger, -1))
print(collect(math.maxinteger - 1, math.huge, 1))
print(collect(math.mininteger, -math.huge, -1))
print(collect(1, math.maxinteger, math.maxinteger), collect(-1, math.mininteger, math.mininteger))
print(collect(0, math.maxinteger, 2^62), collect(math.maxinteger, 0, math.mininteger))
-- float limits beyond integer range
print(collect(math.maxinteger, 2^63), collect(1, -math.huge), collect(1, math.mininteger - 1.0))
print(collect(3, 1e100, 1e99) == "[]", collect(1, 0.5))
-- huge negative step and nan limits
print(collect(1, 0/0), collect(1.0, 0/0), collect(0/0, 1, 1))

-- modifying the control variable does not affect iteration
local seen = {}
for i = 1, 3 do seen[#seen + 1] = i; i = i * 10; seen[#seen + 1] = i end
print(table.concat(seen, " "))

-- the bounds are evaluated once
local n = 3
local count = 0
for i = 1, n do n = 10; count = count + 1 end
print(count)

-- errors
local function err(f) print(select(2, pcall(f))) end
err(function() for i = 1, 10, 0 do end end)
err(function() for i = 1.0, 10, 0.0 do end end)
-- numeric strings are accepted as loop bounds (converted like in arithmetic)
print(collect("1", 2), collect(1, "2"), collect(1, 2, "1"), collect("1.5", 3), collect(1, " 0x3 "))
err(function() for i = "x", 2 do end end)
err(function() for i = 1, "2x" do end end)
err(function() for i = nil, 2 do end end)
err(function() for i = 1, {} do end end)
err(function() for i = 1, 2, false do end end)
local lim
err(function() for i = 1, lim do end end)

-- break and nested loops
local out = {}
for i = 1, 3 do
  for j = 1, 3 do
    if j > i then break end
    out[#out + 1] = i .. j
  end
end
print(table.concat(out, " "))

-- a long loop
local s = 0
for i = 1, 100000 do s = s + i end
print(s)
local fs = 0
for x = 0, 1, 0.125 do fs = fs + x end
print(fs)
