-- table.move: overlapping moves, other destination, metamethods and errors.

local function show(t, a, b)
  local parts = {}
  for i = a, b do parts[#parts + 1] = tostring(t[i]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

local function seq(n)
  local t = {}
  for i = 1, n do t[i] = i end
  return t
end

local t = seq(5)
print("returns dest", table.move(t, 1, 5, 1) == t)
t = seq(5); table.move(t, 1, 3, 3); print("overlap right", show(t, 1, 6))
t = seq(5); table.move(t, 3, 5, 1); print("overlap left", show(t, 1, 6))
t = seq(5); table.move(t, 1, 5, 2); print("shift right", show(t, 1, 7))
t = seq(5); table.move(t, 2, 5, 1); print("shift left", show(t, 1, 6))
t = seq(5); table.move(t, 1, 5, 10); print("far", show(t, 1, 15))
t = seq(5); table.move(t, 4, 2, 1); print("empty range", show(t, 1, 5))
t = seq(3); table.move(t, 1, 3, -1); print("negative dest", show(t, -1, 3))
t = seq(3); table.move(t, 0, 2, 2); print("from zero", show(t, 0, 4))

local src, dst = seq(4), {"a", "b", "c", "d", "e", "f"}
local r = table.move(src, 1, 4, 2, dst)
print("other table", r == dst, show(dst, 1, 6), show(src, 1, 4))
r = table.move(src, 1, 0, 1, dst)
print("other empty", r == dst)
r = table.move(src, 1, 2, 1, nil)
print("nil dest", r == src)

-- float / string indices with integer values
t = seq(4); table.move(t, 1.0, "2", 3.0); print("coerced", show(t, 1, 4))

-- extreme ranges that move nothing or little
t = {}
table.move({1, 2}, math.maxinteger - 1, math.maxinteger, 1, t)
print("top of range", t[1], t[2])
t = {}
table.move({[math.mininteger] = "min"}, math.mininteger, math.mininteger, 1, t)
print("mininteger", t[1])
t = {}
table.move({"x"}, 1, 1, math.maxinteger, t)
print("to maxinteger", t[math.maxinteger])

-- errors
try("too many", table.move, {}, 1, math.maxinteger, 2)
try("too many neg", table.move, {}, -1, math.maxinteger, 2)
try("too many min", table.move, {}, math.mininteger, -1, 1)
try("wrap", table.move, {}, 1, 2, math.maxinteger)
try("wrap 2", table.move, {}, 1, 10, math.maxinteger - 8)
try("no f", table.move, {})
try("no e", table.move, {}, 1)
try("no t", table.move, {}, 1, 2)
try("float f", table.move, {}, 1.5, 2, 3)
try("str e", table.move, {}, 1, "x", 3)
try("bad src", table.move, 1, 1, 2, 3)
try("bad dst", table.move, {}, 1, 2, 3, 4)
try("bad dst str", table.move, {}, 1, 2, 3, "s")
try("bad src nil", table.move, nil, 1, 2, 3)
print(pcall(function() table.move({}, 1, 2, math.maxinteger) end))

-- metamethods: __index on the source and __newindex on the destination
local log = {}
local proxy_src = setmetatable({}, {__index = function(_, k) log[#log + 1] = "get" .. k; return k * 100 end})
local proxy_dst = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = "set" .. k .. "=" .. v; rawset(t, k, v) end})
table.move(proxy_src, 1, 3, 5, proxy_dst)
print("meta", table.concat(log, " "))
print("meta dst", show(proxy_dst, 5, 7))

-- overlapping move on a proxy goes backwards
log = {}
local store = {10, 20, 30}
local p = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "g" .. k; return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "s" .. k; store[k] = v end,
})
table.move(p, 1, 3, 2)
print("proxy overlap", table.concat(log, " "), show(store, 1, 4))

-- distinct tables that compare equal with __eq are treated as the same table
log = {}
local mt = {__eq = function() log[#log + 1] = "eq"; return true end}
local a1 = setmetatable({1, 2, 3}, mt)
local a2 = setmetatable({"x", "y", "z", "w"}, mt)
table.move(a1, 1, 3, 2, a2)
print("__eq dest", table.concat(log, " "), show(a2, 1, 4))
