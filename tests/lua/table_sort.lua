-- table.sort: orders, comparators, invalid order functions and errors.

local function show(t, n)
  n = n or #t
  local parts = {}
  for i = 1, n do parts[#parts + 1] = tostring(t[i]) end
  return table.concat(parts, ",")
end

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

-- deterministic pseudo-random data (independent of math.random)
local seed = 12345
local function rnd(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end

local function sorted(t, n, lt)
  lt = lt or function(a, b) return a < b end
  for i = 2, n or #t do
    if lt(t[i], t[i - 1]) then return false end
  end
  return true
end

local t = {5, 2, 8, 1, 9, 3}
table.sort(t)
print(show(t))
table.sort(t, function(a, b) return a > b end)
print(show(t))
t = {"banana", "apple", "Cherry", "date", "", "apple"}
table.sort(t)
print(show(t))
t = {3.5, -1, 2, 2.0, math.huge, -math.huge, math.mininteger, math.maxinteger, 0}
table.sort(t)
print(show(t))

-- trivial sizes
t = {}; table.sort(t); print("empty", show(t))
t = {1}; table.sort(t); print("one", show(t))
t = {2, 1}; table.sort(t); print("two", show(t))
t = {3, 1, 2}; table.sort(t); print("three", show(t))
t = {2, 1, 2, 1}; table.sort(t); print("four", show(t))

-- sizes around the thresholds; random, sorted, reversed and constant data
for _, n in ipairs({5, 10, 50, 99, 100, 101, 150, 500, 2000}) do
  local a, b, c, d = {}, {}, {}, {}
  for i = 1, n do
    a[i] = rnd(1000)
    b[i] = i
    c[i] = n - i
    d[i] = 7
  end
  table.sort(a); table.sort(b); table.sort(c); table.sort(d)
  print("n=" .. n, sorted(a), sorted(b), sorted(c), sorted(d), a[1], a[n])
end

-- sorting with a comparator over records
local recs = {}
for i = 1, 60 do recs[i] = {key = rnd(20), id = i} end
table.sort(recs, function(x, y)
  if x.key ~= y.key then return x.key < y.key end
  return x.id < y.id
end)
local keys = {}
for i = 1, 60 do keys[i] = recs[i].key .. ":" .. recs[i].id end
print(table.concat(keys, " "))

-- the permutation produced for equal keys (unstable sort) matches the reference
local pairs_ = {}
for i = 1, 40 do pairs_[i] = {k = rnd(4), id = i} end
table.sort(pairs_, function(x, y) return x.k < y.k end)
local ids = {}
for i = 1, 40 do ids[i] = pairs_[i].id end
print("unstable", table.concat(ids, ","))

-- comparator call count is deterministic for small arrays
local calls = 0
t = {}
for i = 1, 80 do t[i] = rnd(100) end
table.sort(t, function(a, b) calls = calls + 1; return a < b end)
print("calls", calls, sorted(t))

-- invalid order functions: errors exactly where the reference raises them
local function always_true() return true end
local function always_false() return false end
for _, n in ipairs({2, 3, 4, 5, 10, 50, 99}) do
  local a = {}
  for i = 1, n do a[i] = i end
  local ok, err = pcall(table.sort, a, always_true)
  print("always true n=" .. n, ok, err, show(a))
end
for _, n in ipairs({3, 10, 50}) do
  local a = {}
  for i = 1, n do a[i] = n - i end
  print("always false n=" .. n, pcall(table.sort, a, always_false))
  print(show(a))
end
-- <= as the order function
for _, n in ipairs({4, 8, 20, 60}) do
  local a = {}
  for i = 1, n do a[i] = rnd(3) end
  local ok, err = pcall(table.sort, a, function(x, y) return x <= y end)
  print("<= n=" .. n, ok, err, show(a))
end
-- random answers (deterministic sequence)
for _, n in ipairs({6, 12, 30, 90}) do
  local a = {}
  for i = 1, n do a[i] = i end
  local ok, err = pcall(table.sort, a, function() return rnd(2) == 0 end)
  print("random n=" .. n, ok, err, show(a))
end
print(pcall(function() table.sort({1, 2, 3, 4, 5}, function() return true end) end))

-- errors from comparisons and comparators propagate
try("mixed", table.sort, {3, 1, "x"})
try("nil hole", table.sort, {3, nil, 1})
try("tables", table.sort, {{}, {}})
try("bools", table.sort, {true, false})
try("cmp error", table.sort, {1, 2, 3}, function(a, b) error("boom") end)
print("cmp error table", select(2, pcall(table.sort, {1, 2, 3}, function(a, b) error({code = 42}) end)).code)
try("cmp bad arith", table.sort, {1, 2}, function(a, b) return a + {} end)
print(pcall(function() table.sort({2, 1}, function(a, b) error("inner", 2) end) end))

-- argument errors
try("bad cmp", table.sort, {3, 1}, 5)
try("bad cmp table", table.sort, {3, 1}, {})
try("bad cmp ignored n=1", table.sort, {3}, 5)
try("nil cmp", table.sort, {3, 1}, nil)
try("no table", table.sort)
try("string", table.sort, "abc")
try("too big", table.sort, setmetatable({}, {__len = function() return 2^31 end}))
try("too big 2", table.sort, setmetatable({}, {__len = function() return math.maxinteger end}))
try("len not int", table.sort, setmetatable({}, {__len = function() return 1.5 end}))
try("neg len", table.sort, setmetatable({}, {__len = function() return -5 end}))
print(pcall(function() table.sort({1, 2}, 1) end))

-- __lt metamethods are used by the default order
local mt = {__lt = function(a, b) return a.v < b.v end}
local objs = {}
for i = 1, 30 do objs[i] = setmetatable({v = rnd(100)}, mt) end
table.sort(objs)
local ok = true
for i = 2, 30 do if objs[i].v < objs[i - 1].v then ok = false end end
print("__lt", ok)

-- the comparator cannot yield: sort is not yieldable
local co = coroutine.wrap(function()
  local a = {3, 2, 1}
  table.sort(a, function(x, y) coroutine.yield("y") return x < y end)
  return "done"
end)
local okco, errco = pcall(co)
print("yield in comparator", okco, type(errco))

-- sort a table with __index/__newindex proxies
local store = {5, 3, 9, 1, 7}
local log = {}
local proxy = setmetatable({}, {
  __index = function(_, k) return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = k; store[k] = v end,
  __len = function() return #store end,
})
table.sort(proxy)
print("proxy", show(store), table.concat(log, " "))
