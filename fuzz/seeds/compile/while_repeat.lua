-- while and repeat loops.

local i = 0
while i < 5 do i = i + 1 end
print(i)
while false do print("never") end
while nil do print("never") end

-- any value other than nil/false is true
local n = 3
while n do n = n > 0 and n - 1 or nil end
print(n)
local zero = 0
local iterations = 0
while zero do iterations = iterations + 1; if iterations == 3 then break end end
print(iterations)

-- repeat runs at least once; the until condition sees body locals
local runs = 0
repeat runs = runs + 1 until true
print(runs)
local k = 0
repeat local sq = k * k; k = k + 1 until sq >= 16
print(k)
-- until with a local that shadows an outer one
local done = false
repeat local done = true until done
print(done)

-- break in repeat and nested while
local out = {}
local a = 0
repeat
  a = a + 1
  local b = 0
  while true do
    b = b + 1
    if b > a then break end
    out[#out + 1] = a * 10 + b
  end
until a == 3
print(table.concat(out, " "))

-- closures capturing repeat body locals evaluated in until
local fs = {}
local c = 0
repeat
  local captured = c
  fs[#fs + 1] = function() return captured end
  c = c + 1
until captured == 2
print(fs[1](), fs[2](), fs[3]())

-- loop conditions evaluated each time
local calls = 0
local function cond() calls = calls + 1; return calls < 4 end
while cond() do end
print(calls)

-- break out of a loop from inside an if/do block
local x = 0
while true do
  do
    x = x + 1
    if x >= 7 then break end
  end
end
print(x)

-- collatz sequence length
local function collatz(m)
  local steps = 0
  while m ~= 1 do
    if m % 2 == 0 then m = m // 2 else m = 3 * m + 1 end
    steps = steps + 1
  end
  return steps
end
print(collatz(27), collatz(1), collatz(97))

-- error in a loop condition
print(pcall(function() local t; while t.x do end end))
print(pcall(function() repeat local u until u.y end))
