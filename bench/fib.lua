-- fib.lua: naive doubly recursive Fibonacci.
-- Measures: Lua function calls, returns, integer add/compare.
-- Usage: fib.lua [n]   (default 36)

local n = tonumber(arg and arg[1]) or 36

local function fib(k)
  if k < 2 then
    return k
  end
  return fib(k - 1) + fib(k - 2)
end

-- A second, non-local recursive function: calls go through a global lookup.
function fib_global(k)
  if k < 2 then
    return k
  end
  return fib_global(k - 1) + fib_global(k - 2)
end

local a = fib(n)
local b = fib_global(n - 3)
print(string.format("fib(%d) = %d", n, a))
print(string.format("fib_global(%d) = %d", n - 3, b))
print(string.format("checksum %d", (a + 7 * b) % 1000000007))
