-- A chain of ephemeron entries (each value is the key of the next): all
-- stay while the head key lives, all go when it dies.
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
for _, order in ipairs({"forward", "backward"}) do
  local w = setmetatable({}, {__mode = "k"})
  local keys = {}
  local N = 100000
  for i = 1, N do keys[i] = {} end
  if order == "forward" then
    for i = 1, N - 1 do w[keys[i]] = keys[i + 1] end
  else
    for i = N, 2, -1 do w[keys[i]] = keys[i - 1] end
  end
  local head = keys[1]
  if order == "backward" then head = keys[N] end
  keys = nil
  collectgarbage()
  print(order, "alive", count(w))
  head = nil
  collectgarbage()
  print(order, "after", count(w))
end
-- values that are keys of entries in another ephemeron table
local a = setmetatable({}, {__mode = "k"})
local b = setmetatable({}, {__mode = "k"})
local k1, k2, k3 = {}, {}, {}
a[k1] = k2; b[k2] = k3; a[k3] = "end"
k2, k3 = nil, nil
collectgarbage()
print(count(a), count(b))
k1 = nil
collectgarbage()
print(count(a), count(b))
