-- Closures and upvalues.

-- counters keep independent state
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c1(), c2(), c1(), c2())

-- closures created in the same scope share an upvalue
local function pair()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  return get, set
end
local get, set = pair()
set(10); print(get()); set("s"); print(get())

-- each iteration of a numeric for gets a fresh variable
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
-- same for generic for
fs = {}
for k, v in ipairs({"a", "b", "c"}) do fs[k] = function() return k .. v end end
print(fs[1](), fs[2](), fs[3]())
-- a local declared inside a while body is fresh each time
fs = {}
local j = 1
while j <= 3 do local jj = j; fs[j] = function() return jj end; j = j + 1 end
print(fs[1](), fs[2](), fs[3]())
-- but a variable declared outside the loop is shared
fs = {}
local shared = 0
for i = 1, 3 do shared = i; fs[i] = function() return shared end end
print(fs[1](), fs[2](), fs[3]())
-- modifying the loop variable copy inside the body
fs = {}
for i = 1, 3 do
  local function inc() i = i + 10 end
  inc()
  fs[i - 10] = function() return i end
end
print(fs[1](), fs[2](), fs[3]())

-- repeat-until body locals captured
fs = {}
local r = 0
repeat local rr = r; r = r + 1; fs[r] = function() rr = rr + 100; return rr end until rr >= 2
print(fs[1](), fs[1](), fs[2](), fs[3]())

-- upvalues of upvalues (three levels)
local function outer()
  local a = 1
  return function()
    local b = 2
    return function()
      a = a + 1; b = b + 1
      return a + b
    end
  end
end
local mid = outer()
local in1, in2 = mid(), mid()
print(in1(), in1(), in2(), in1())

-- closures over parameters and varargs
local function adder(x) return function(y) return x + y end end
print(adder(1)(2), adder(10)(-3))
local function packer(...) local t = {...}; return function() return table.unpack(t) end end
print(packer(1, nil, 3)())

-- recursion through an upvalue
local fib
fib = function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))

-- upvalue still alive after the creating function returns, modified by another closure
local function bank()
  local balance = 100
  return {
    deposit = function(v) balance = balance + v end,
    withdraw = function(v)
      if v > balance then error("insufficient funds", 2) end
      balance = balance - v
    end,
    balance = function() return balance end,
  }
end
local acct = bank()
acct.deposit(50); acct.withdraw(30)
print(acct.balance(), pcall(acct.withdraw, 1000))

-- closures are distinct values even with the same code
local list = {}
for i = 1, 2 do list[i] = function() end end
print(list[1] == list[2], list[1] == list[1])

-- a closure in a loop that is broken out of keeps its value
local saved
for i = 1, 10 do
  local sq = i * i
  if i == 4 then saved = function() return sq end; break end
end
print(saved())
