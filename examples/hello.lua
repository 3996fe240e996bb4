-- The classic first program, plus a little of everything Lua offers.
print("Hello from Kiln, " .. _VERSION .. "!")

local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local squares = {}
for i = 1, 5 do squares[#squares + 1] = i * i end
print("fib(20) =", fib(20), "squares:", table.concat and table.concat(squares, " ") or #squares)
