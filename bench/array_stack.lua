-- array_stack.lua: array-part table traffic: push/pop stacks, a ring
-- buffer queue, table.insert/table.remove, reversal and copying.
-- Measures: # operator, array-part growth and shrink, integer indexing.
-- Usage: array_stack.lua [n]   (default 1000000)

local n = tonumber(arg and arg[1]) or 1000000
local insert, remove = table.insert, table.remove

local checksum = 0
local function mix(v)
  checksum = (checksum * 31 + v) % 1000000007
end

-- 1. Stack with t[#t + 1] = v and t[#t] = nil; balanced-bracket style
--    workload: push on even values, pop on odd ones.
local stack = {}
local x, maxdepth = 7, 0
for _ = 1, n * 4 do
  x = x * 16807 % 2147483647
  if x % 3 ~= 0 or #stack == 0 then
    stack[#stack + 1] = x % 1000
    if #stack > maxdepth then
      maxdepth = #stack
    end
  else
    local top = stack[#stack]
    stack[#stack] = nil
    mix(top)
  end
end
mix(#stack)
mix(maxdepth)

-- 2. table.insert / table.remove at the end (the common idiom).
local t = {}
for i = 1, n do
  insert(t, i * 3)
end
local s = 0
while #t > 0 do
  s = s + remove(t)
  if #t % 5 == 0 and #t > 0 then
    remove(t)
  end
end
mix(s % 1000000007)

-- 3. Ring-buffer queue with head/tail indices (breadth-first counting).
local q, head, tail = {}, 1, 0
local cap = 1024
for i = 1, cap do
  q[i] = 0
end
local processed = 0
tail = tail + 1
q[tail] = 1
local size = 1
while size > 0 and processed < n * 3 do
  local v = q[head]
  head = head % cap + 1
  size = size - 1
  processed = processed + 1
  mix(v % 1000)
  if size < cap - 2 then
    for k = 1, 2 do
      tail = tail % cap + 1
      q[tail] = (v * 2 + k) % 999983
      size = size + 1
    end
  end
end

-- 4. Short table.insert at the front (shifts) on small arrays.
local small = {}
for i = 1, math.floor(n / 10) do
  insert(small, 1, i)
  if #small > 40 then
    mix(remove(small, 1) + remove(small))
  end
end

-- 5. Reverse and copy whole arrays.
local arr = {}
for i = 1, n do
  arr[i] = i
end
for _ = 1, 4 do
  local i, j = 1, #arr
  while i < j do
    arr[i], arr[j] = arr[j], arr[i]
    i = i + 1
    j = j - 1
  end
  local copy = {}
  for k = 1, #arr do
    copy[k] = arr[k] + 1
  end
  arr = copy
end
mix(arr[1])
mix(arr[#arr])

print(string.format("max stack depth %d, queue processed %d", maxdepth, processed))
print(string.format("checksum %d", checksum))
