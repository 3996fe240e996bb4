-- table.insert, table.remove, table.concat, table.move, table.sort basics.

local function show(t, n)
  local out = {}
  for i = 1, n or #t do out[i] = tostring(t[i]) end
  return "{" .. table.concat(out, ",") .. "}"
end

-- insert at the end and at positions
local t = {}
table.insert(t, "a")
table.insert(t, "c")
table.insert(t, 2, "b")
table.insert(t, 1, "start")
table.insert(t, #t + 1, "end")
print("insert", show(t), #t)
-- insert position must be in [1, #t + 1]
print("insert bad pos", pcall(table.insert, {1, 2}, 4, "x"))
print("insert pos 0", pcall(table.insert, {1, 2}, 0, "x"))
print("insert float pos", pcall(table.insert, {1, 2}, 1.5, "x"))
print("insert args", pcall(table.insert, {}), pcall(table.insert, {}, 1, 2, 3))
print("insert nil value", select("#", table.insert({}, nil)))
-- remove from the end and from positions, returning the value
t = {"a", "b", "c", "d"}
print("remove", table.remove(t), show(t))
print("remove 1", table.remove(t, 1), show(t))
print("remove mid", table.remove(t, 2), show(t))
print("remove last", table.remove(t), table.remove(t), #t)
print("remove empty", table.remove({}), select("#", table.remove({})))
-- remove at #t + 1 and at 0 when empty are allowed
print("remove n+1", table.remove({1, 2}, 3), table.remove({}, 0))
print("remove bad", pcall(table.remove, {1, 2}, 5))
-- concat
print("concat", table.concat({1, 2, 3}), table.concat({1, 2, 3}, ", "), table.concat({}, "x"))
print("concat range", table.concat({"a", "b", "c", "d"}, "-", 2, 3), table.concat({"a"}, "-", 2, 1))
print("concat numbers", table.concat({1, 2.5, -0.0, 2^63}, " "))
print("concat bad", pcall(table.concat, {1, true}), pcall(table.concat, {1, nil, 3}, ",", 1, 3))
-- move
local src = {1, 2, 3, 4, 5}
print("move", show(table.move(src, 2, 4, 1)))
src = {1, 2, 3, 4, 5}
print("move overlap", show(table.move(src, 1, 3, 3)))
local dst = table.move({1, 2, 3}, 1, 3, 2, {"x"})
print("move other", show(dst))
print("move empty", show(table.move({1, 2}, 3, 2, 1)))
-- sort with and without a comparator (all elements distinct)
local nums = {5, 2, 8, 1, 9, 3}
table.sort(nums)
print("sort", show(nums))
table.sort(nums, function(a, b) return a > b end)
print("sort desc", show(nums))
local words = {"pear", "Apple", "fig", "banana"}
table.sort(words)
print("sort strings", show(words))
table.sort(words, function(a, b) return #a < #b end)
print("sort by len", show(words))
-- (operands chosen so the message does not depend on the comparison order)
print("sort incomparable", pcall(table.sort, {{}, {}}))
print("sort bad comparator", pcall(table.sort, {1, 2}, 42))
-- the functions respect metamethods (__index/__newindex/__len)
local log = {}
local proxy = setmetatable({}, {
  __len = function() return 2 end,
  __index = function(_, k) return "v" .. k end,
  __newindex = function(_, k, v) log[#log + 1] = k .. "=" .. tostring(v) end,
})
table.insert(proxy, "new")
print("meta insert", table.concat(log, " "))
log = {}
print("meta remove", table.remove(proxy), table.concat(log, " "))
print("meta concat", table.concat(proxy, "+"))
