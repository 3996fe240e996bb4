-- collatz.lua: Collatz chain lengths for every start value below a limit.
-- Measures: tight integer while-loops, modulo, branches.
-- Usage: collatz.lua [limit]   (default 300000)

local limit = tonumber(arg and arg[1]) or 300000
local floor = math.floor

local best_len, best_start, total = 0, 0, 0
local peak = 0
for start = 1, limit do
  local n, steps = start, 0
  while n ~= 1 do
    if n % 2 == 0 then
      n = floor(n / 2)
    else
      n = 3 * n + 1
      if n > peak then
        peak = n
      end
    end
    steps = steps + 1
  end
  total = total + steps
  if steps > best_len then
    best_len, best_start = steps, start
  end
end

print(string.format("longest chain below %d starts at %d (%d steps)", limit, best_start, best_len))
print(string.format("highest value reached %d", peak))
print(string.format("checksum %d", total))
