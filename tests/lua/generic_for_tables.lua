-- Generic for over tables with the library iterators (`pairs`, `next`,
-- `ipairs`): loop variable counts, holes, __index, __pairs, changes during
-- the traversal, invalid keys, hooks.
local t = {10, 20, 30, nil, 50}
local n = 0
for i, v in ipairs(t) do n = n + 1 print("ipairs", i, v) end
print(n)
for i in ipairs(t) do io.write(i, " ") end print()
for i, v, extra in ipairs({1, 2}) do print(i, v, extra) end

-- ipairs consults __index for missing entries
local proxy = setmetatable({1, 2}, {__index = function(_, k) if k <= 4 then return k * 100 end end})
for i, v in ipairs(proxy) do print("proxy", i, v) end
local chained = setmetatable({}, {__index = {"a", "b", "c"}})
for i, v in ipairs(chained) do print("chained", i, v) end

-- pairs over array and hash parts (the order of string keys is not fixed:
-- sum instead of printing)
local h = {1, 2, 3, x = 4, y = 5, [2.5] = 6, [true] = 7}
local sum, count = 0, 0
for k, v in pairs(h) do sum = sum + v count = count + 1 end
print(sum, count)
for k in pairs({"only"}) do print("key", k) end
for k, v, w in pairs({"a"}) do print(k, v, w) end
for k, v in next, {"n1", "n2"} do print("next", k, v) end
for k, v in next, {"m"}, nil do print("next nil", k, v) end

-- assigning to existing fields and clearing them during the traversal
local m = {}
for i = 1, 20 do m["k" .. i] = i end
local seen = 0
for k, v in pairs(m) do
  m[k] = v * 2
  if v % 2 == 0 then m[k] = nil end
  seen = seen + 1
end
local left = 0
for _, v in pairs(m) do left = left + v end
print(seen, left)

-- __pairs replaces the iterator
local custom = setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, "one" end end, t, nil end})
for k, v in pairs(custom) do print("custom", k, v) end

-- an invalid key is an error from next
print(pcall(function() for k in next, {1}, "nope" do end end))
print(select(2, pcall(function()
  local u = {a = 1}
  for k in pairs(u) do u[k] = nil u.b = 2 u.c = 3 u.d = 4 u.e = 5 end
end)) == nil)

-- a count hook and a call hook see the iterator calls
local calls = 0
debug.sethook(function(ev) calls = calls + 1 end, "c")
for _ in pairs({1, 2, 3}) do end
debug.sethook()
print("hooked calls > 3", calls > 3)

-- pairs over a table with a metatable but no __pairs
local withmt = setmetatable({5, 6}, {__index = function() return 0 end})
for k, v in pairs(withmt) do print("withmt", k, v) end
for i, v in ipairs(setmetatable({7}, {})) do print("emptymt", i, v) end
