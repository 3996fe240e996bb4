-- select: counting, positive and negative indices, errors.

print("count", select("#"), select("#", nil), select("#", nil, nil), select("#", 1, nil, 3, nil))
print("pos", select(1, "a", "b", "c"))
print("pos2", select(2, "a", "b", "c"))
print("pos3", select(3, "a", "b", "c"))
print("past end", select(4, "a", "b", "c"))
print("past end count", select("#", select(10, "a", "b")))
-- negative indices count from the end
print("neg1", select(-1, "a", "b", "c"))
print("neg2", select(-2, "a", "b", "c"))
print("neg3", select(-3, "a", "b", "c"))
print("neg-nils", select(-2, nil, nil, nil))
-- the index can be a float with an integral value or a numeric string
print("float idx", select(2.0, "a", "b"), select("2", "a", "b"))
-- "#" must be exactly that string
print("hash", pcall(select, "#x", 1))
-- errors
print("zero", pcall(select, 0, "a"))
print("too negative", pcall(select, -4, "a", "b", "c"))
print("neg no args", pcall(select, -1))
print("no index", pcall(select))
print("nil index", pcall(select, nil, 1))
print("bad float", pcall(select, 1.5, "a"))
print("bad string", pcall(select, "x", "a"))
-- select in a vararg function
local function last(...) return (select(-1, ...)) end
local function count(...) return select("#", ...) end
print("last", last(1, 2, 3), last("only"), count(), count(nil), count(1, nil))
-- iterating varargs with select
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...) or 0) end
  return s
end
print("sum", sum(1, 2, nil, 4), sum())
-- a big number of values
local t = {}
for i = 1, 200 do t[i] = i end
print("many", select("#", table.unpack(t)), select(199, table.unpack(t)))
print("many neg", select(-2, table.unpack(t)))
