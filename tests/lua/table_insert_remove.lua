-- table.insert and table.remove: positions, shifting, bounds and errors.

local function show(t, n)
  n = n or #t
  local parts = {}
  for i = 1, n do parts[#parts + 1] = tostring(t[i]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

-- insert at the end
local t = {}
for i = 1, 5 do table.insert(t, i * 10) end
print("append", show(t), #t)

-- insert at positions
table.insert(t, 1, "first")
print("at 1", show(t))
table.insert(t, 3, "third")
print("at 3", show(t))
table.insert(t, #t + 1, "last")
print("at #t+1", show(t))
table.insert(t, #t, "before last")
print("at #t", show(t))

-- inserting nil values
local u = {1, 2, 3}
table.insert(u, 2, nil)
print("insert nil mid", show(u, 4))
local w = {1, 2}
table.insert(w, nil)
print("append nil", show(w, 3), #w)

-- float positions with integer values are accepted
local f = {1, 2, 3}
table.insert(f, 2.0, "x")
print("float pos", show(f))
-- numeric string positions too
table.insert(f, "1", "s")
print("string pos", show(f))

-- bounds
try("pos 0", table.insert, {1, 2}, 0, "x")
try("pos #t+2", table.insert, {1, 2}, 4, "x")
try("pos -1", table.insert, {1, 2}, -1, "x")
try("pos mininteger", table.insert, {}, math.mininteger, 1)
try("pos maxinteger", table.insert, {}, math.maxinteger, 1)
try("empty pos 1", table.insert, {}, 1, "ok")
try("pos 1.5", table.insert, {}, 1.5, 1)
try("pos str", table.insert, {}, "a", 1)
try("pos nil", table.insert, {}, nil, 1)
try("too many", table.insert, {}, 1, 2, 3)
try("too few", table.insert, {})
try("no args", table.insert)
try("not a table", table.insert, 5, 1)
try("string", table.insert, "abc", 1)
try("nil", table.insert, nil, 1)
print(pcall(function() table.insert({}, 3, "x") end))
print(pcall(function() table.insert({}, 1, 2, 3) end))
print(pcall(function() local t = {} t.ins = table.insert; t:ins(9, 9) end))

-- remove from the end
local r = {1, 2, 3, 4, 5}
print("remove", table.remove(r), show(r))
print("remove 1", table.remove(r, 1), show(r))
print("remove 2", table.remove(r, 2), show(r))
print("remove #t", table.remove(r, #r), show(r))
print("remove last", table.remove(r), show(r), #r)
print("remove empty", table.remove(r), #r)
print("remove empty n", select("#", table.remove({})))

-- remove with #t+1 and 0 when empty
local e = {}
print("remove 0 on empty", table.remove(e, 0))
print("remove #t+1", table.remove({1, 2}, 3))
local z = {[0] = "zero"}
print("remove z0", table.remove(z, 0), z[0])
local y = {10, 20, 30}
print("remove #t+1 keeps", table.remove(y, 4), show(y))

-- bounds errors
try("remove 0 nonempty", table.remove, {1, 2}, 0)
try("remove #t+2", table.remove, {1, 2}, 4)
try("remove -1", table.remove, {1, 2}, -1)
try("remove huge", table.remove, {}, math.maxinteger)
try("remove float", table.remove, {1}, 1.5)
try("remove not table", table.remove, "x")
try("remove nothing", table.remove)
print(pcall(function() table.remove({1, 2, 3}, 7) end))

-- remove with explicit nil position means size
local q = {1, 2, 3}
print("remove nil pos", table.remove(q, nil), show(q))

-- table with holes: behaviour depends only on #t of a sequence
local s = {"a", "b", "c"}
table.insert(s, 2, "B")
table.remove(s, 1)
print("mixed", show(s))

-- large shifting
local big = {}
for i = 1, 1000 do big[i] = i end
table.insert(big, 1, 0)
print("big", #big, big[1], big[2], big[1001])
for _ = 1, 500 do table.remove(big, 1) end
print("big after", #big, big[1], big[501])

-- holes inside the moved range move along with the elements
local h = {1, 2, 3, 4, 5, 6, 7, 8}
h[3] = nil
table.insert(h, 2, "x")
print("hole insert", show(h, 9))
table.remove(h, 1)
print("hole remove", show(h, 9))
table.remove(h, 2)
print("hole remove 2", show(h, 9))

-- elements partly in the hash part
local m = {}
for i = 1, 10 do m[i] = i end
m[11] = 11 -- may live in the hash part
m[12] = 12
table.insert(m, 3, "y")
print("hash part insert", show(m, 13))
table.remove(m, 1)
print("hash part remove", show(m, 13))
local k = {[1] = "a", [2] = "b", [3] = "c"} -- constructor with explicit keys
table.insert(k, 1, "z")
print("keyed ctor", show(k, 4))
print("keyed remove", table.remove(k, 2), show(k, 4))
