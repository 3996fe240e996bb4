-- closures.lua: closure creation and upvalue access: counters, shared
-- upvalues between sibling closures, function composition, higher-order
-- map/filter/fold, memoization and callbacks.
-- Measures: CLOSURE creation, GETUPVAL/SETUPVAL, calls through locals.
-- Usage: closures.lua [n]   (default 6000000)

local n = tonumber(arg and arg[1]) or 6000000
local function div(a, b)
  return math.floor(a / b)
end
local checksum = 0
local function mix(v)
  checksum = (checksum * 31 + v) % 1000000007
end

-- 1. Counter objects: two closures sharing one upvalue.
local function counter(start, step)
  local value = start
  local function inc()
    value = value + step
    return value
  end
  local function get()
    return value
  end
  return inc, get
end

local total = 0
for i = 1, div(n, 50) do
  local inc, get = counter(i, i % 7 + 1)
  for _ = 1, 50 do
    inc()
  end
  total = total + get()
end
mix(total % 1000000007)

-- 2. Composition chains: build f = g1 . g2 . ... and apply it.
local function compose(f, g)
  return function(x)
    return f(g(x))
  end
end
local function adder(k)
  return function(x)
    return (x + k) % 1000003
  end
end
local function scaler(k)
  return function(x)
    return x * k % 1000003
  end
end
local acc = 1
for round = 1, div(n, 1000) do
  local f = adder(round)
  for k = 1, 12 do
    if k % 2 == 0 then
      f = compose(f, scaler(k + round))
    else
      f = compose(adder(k), f)
    end
  end
  for x = 1, 100 do
    acc = (acc + f(x)) % 1000000007
  end
end
mix(acc)

-- 3. Higher-order array functions with inline closures.
local function map(t, f)
  local r = {}
  for i = 1, #t do
    r[i] = f(t[i], i)
  end
  return r
end
local function filter(t, p)
  local r = {}
  for i = 1, #t do
    local v = t[i]
    if p(v) then
      r[#r + 1] = v
    end
  end
  return r
end
local function fold(t, f, init)
  local a = init
  for i = 1, #t do
    a = f(a, t[i])
  end
  return a
end

local base = {}
for i = 1, 1000 do
  base[i] = i
end
local folded = 0
for round = 1, div(n, 2000) do
  local squares = map(base, function(v, i)
    return (v * v + round * i) % 10007
  end)
  local odd = filter(squares, function(v)
    return v % 2 == round % 2
  end)
  folded = (folded + fold(odd, function(a, v)
    return (a * 3 + v) % 1000003
  end, round)) % 1000000007
end
mix(folded)

-- 4. Memoization wrapper around a recursive function.
local function memoize(f)
  local cache = {}
  return function(k)
    local v = cache[k]
    if v == nil then
      v = f(k)
      cache[k] = v
    end
    return v
  end
end
local msum = 0
for round = 1, div(n, 1000) do
  local paths
  paths = memoize(function(k)
    if k < 3 then
      return k + round
    end
    return (paths(k - 1) + paths(k - 2) + paths(k - 3)) % 1000003
  end)
  for k = 1, 300 do
    msum = (msum + paths(k)) % 1000000007
  end
end
mix(msum)

-- 5. Event callbacks registered in a table and fired repeatedly.
local handlers = {}
local fired = 0
for i = 1, 16 do
  local weight = i * 3
  handlers[i] = function(ev)
    fired = fired + 1
    return (ev * weight + i) % 997
  end
end
local ev_sum = 0
for ev = 1, div(n, 4) do
  local h = handlers[ev % 16 + 1]
  ev_sum = ev_sum + h(ev)
end
mix(ev_sum)
mix(fired)

print(string.format("counters %d compose %d fold %d memo %d events %d", total, acc, folded, msum, ev_sum))
print(string.format("checksum %d", checksum))
