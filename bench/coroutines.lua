-- coroutines.lua: coroutine-heavy code: a chain of filter coroutines
-- finding primes (each prime found adds a stage), a generator pipeline
-- built with coroutine.wrap, a producer/consumer pair passing values both
-- ways through resume/yield, and a recursive tree walk as a generator.
-- Measures: coroutine create/resume/yield, stack switching.
-- Usage: coroutines.lua [n]   (default 12000)

local n = tonumber(arg and arg[1]) or 12000
local create, resume, yield, wrap = coroutine.create, coroutine.resume, coroutine.yield, coroutine.wrap
local checksum = 0
local function mix(v)
  checksum = (checksum * 31 + v) % 1000000007
end

-- 1. Prime sieve as a daisy chain of coroutines.
local function numbers_from(k)
  return wrap(function()
    while true do
      yield(k)
      k = k + 1
    end
  end)
end
local function without_multiples(p, source)
  return wrap(function()
    while true do
      local v = source()
      if v % p ~= 0 then
        yield(v)
      end
    end
  end)
end
-- The chain is kept at 80 stages: Lua 5.4 limits nested resumes to ~200.
local primes, last = 0, 0
for round = 1, math.floor(n / 100) do
  local source = numbers_from(round + 1)
  for _ = 1, 80 do
    local p = source()
    primes = primes + 1
    last = p
    source = without_multiples(p, source)
  end
  mix(last)
end
mix(primes)

-- 2. Generator pipeline: range -> map -> filter -> take.
local function range(a, b)
  return wrap(function()
    for i = a, b do
      yield(i)
    end
  end)
end
local function map(gen, f)
  return wrap(function()
    for v in gen do
      yield(f(v))
    end
  end)
end
local function filter(gen, p)
  return wrap(function()
    for v in gen do
      if p(v) then
        yield(v)
      end
    end
  end)
end
local pipe_sum = 0
for round = 1, 20 do
  local g = filter(
    map(range(1, n * 10), function(v)
      return (v * v + round) % 1009
    end),
    function(v)
      return v % 3 ~= 0
    end
  )
  for v in g do
    pipe_sum = pipe_sum + v
  end
end
mix(pipe_sum % 1000000007)

-- 3. Producer/consumer: the consumer resumes the producer and sends back
--    an acknowledgement that steers what it produces next.
local producer = create(function(ack)
  local state = 1
  while true do
    state = (state * 48271 + ack) % 2147483647
    ack = yield(state % 1000)
  end
end)
local ack, consumed = 0, 0
for _ = 1, n * 60 do
  local ok, v = resume(producer, ack)
  if not ok then
    error(v)
  end
  consumed = (consumed + v) % 1000000007
  ack = v % 7
end
mix(consumed)

-- 4. In-order walk of a binary search tree, as a recursive generator.
local function insert(node, key)
  if not node then
    return { key = key }
  end
  if key < node.key then
    node.left = insert(node.left, key)
  elseif key > node.key then
    node.right = insert(node.right, key)
  end
  return node
end
local root
local x = 5
for _ = 1, n do
  x = x * 16807 % 2147483647
  root = insert(root, x % 100000)
end
local function walk(node)
  if node then
    walk(node.left)
    yield(node.key)
    walk(node.right)
  end
end
local walked, prev, ordered = 0, -1, true
for _ = 1, 20 do
  for key in wrap(function()
    walk(root)
  end) do
    walked = walked + 1
    if key <= prev then
      ordered = false
    end
    prev = key
  end
  prev = -1
end
mix(walked)

-- 5. Many short-lived coroutines.
local short = 0
for i = 1, n * 4 do
  local co = create(function(a, b)
    local c = yield(a + b)
    return c * 2
  end)
  local _, s = resume(co, i, 1)
  local _, d = resume(co, s)
  short = (short + d) % 1000000007
end
mix(short)

print(string.format("primes %d (last %d), pipeline %d, consumed %d", primes, last, pipe_sum, consumed))
print(string.format("tree keys walked %d ordered %s, short-lived %d", walked, tostring(ordered), short))
print(string.format("checksum %d", checksum))
