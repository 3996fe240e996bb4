-- binary_trees.lua: allocate and walk many short-lived complete binary
-- trees of varying depth while one long-lived tree stays reachable.
-- Measures: table allocation, the garbage collector, recursion.
-- Usage: binary_trees.lua [max_depth]   (default 15)

local max_depth = tonumber(arg and arg[1]) or 15
local min_depth = 4

-- A node is {left, right, value}; leaves have no children.
local function build(depth, value)
  if depth == 0 then
    return { false, false, value }
  end
  return { build(depth - 1, 2 * value - 1), build(depth - 1, 2 * value), value }
end

-- Returns node count and a value digest.
local function walk(node)
  local left = node[1]
  if not left then
    return 1, node[3] % 1009
  end
  local c1, s1 = walk(left)
  local c2, s2 = walk(node[2])
  return 1 + c1 + c2, (s1 * 3 + s2 + node[3]) % 1000003
end

local stretch_count, stretch_sum = walk(build(max_depth + 1, 1))
print(string.format("stretch tree depth %d: %d nodes, digest %d", max_depth + 1, stretch_count, stretch_sum))

local long_lived = build(max_depth, 1)

local checksum = 0
for depth = min_depth, max_depth, 2 do
  local iterations = 1
  for _ = 1, max_depth - depth + min_depth do
    iterations = iterations * 2
  end
  local nodes, digest = 0, 0
  for i = 1, iterations do
    local c, s = walk(build(depth, i))
    nodes = nodes + c
    digest = (digest + s) % 1000003
  end
  checksum = (checksum * 7 + digest) % 1000000007
  print(string.format("%d trees of depth %d: %d nodes, digest %d", iterations, depth, nodes, digest))
end

local ll_count, ll_sum = walk(long_lived)
print(string.format("long-lived tree depth %d: %d nodes, digest %d", max_depth, ll_count, ll_sum))
print(string.format("checksum %d", (checksum + ll_sum) % 1000000007))
