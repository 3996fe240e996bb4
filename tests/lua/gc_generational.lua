-- Old objects that get references to new ones (the generational collector's
-- write barrier): each old object below receives a fresh object through one
-- path, then enough garbage is made to run several collections, and the
-- fresh object must still be there, intact. Under KILN_GC_STRESS every
-- collection point runs a minor collection.

collectgarbage("generational")

local function churn(n)
  local keep
  for i = 1, n do
    keep = {i, tostring(i), {i}}
  end
  return keep[1]
end

local function check(name, v)
  print(name, type(v) == "table" and v.tag or v)
end

-- make the containers old: they survive a full collection
local t = {}
local arr = {1, 2, 3}
local mt = {}
local holder = setmetatable({}, mt)
local weakv = setmetatable({}, {__mode = "v"})
local co_box = {}
local up_box
local function getter() return up_box end
local function setter(v) up_box = v end
collectgarbage()
collectgarbage()

-- table field stores (string keys, integer keys, new keys, existing keys)
t.new_field = {tag = "field"}
t[1] = {tag = "array slot"}
t[100] = {tag = "hash int"}
t[2.5] = {tag = "float key"}
t[{}] = "table key"
arr[2] = {tag = "replaced array value"}
rawset(t, "raw", {tag = "rawset"})
table.insert(arr, {tag = "table.insert"})
table.insert(arr, 1, {tag = "table.insert front"})
-- metatable given to an old table, and a field of the old metatable
setmetatable(t, {__index = function(_, k) return "indexed " .. k end})
mt.__index = {tag = "metatable field"}
-- upvalue of an old closure
setter({tag = "upvalue"})
-- a value kept only on a suspended coroutine's stack
local co = coroutine.create(function(x)
  local mine = {tag = "coroutine local " .. x}
  coroutine.yield()
  return mine
end)
coroutine.resume(co, "a")
co_box.co = co
-- a closed upvalue whose variable was captured while the closure was old
local make
do
  local captured = {tag = "closed upvalue"}
  make = function() return captured end
end

churn(20000)
churn(20000)

check("field", t.new_field)
check("array slot", t[1])
check("hash int", t[100])
check("float key", t[2.5])
local tk = 0
for k, v in pairs(t) do if type(k) == "table" then tk = tk + 1 end end
print("table keys", tk)
check("replaced", arr[3])
check("rawset", t.raw)
check("insert", arr[5])
check("insert front", arr[1])
print("meta", t.missing)
check("mt field", getmetatable(holder).__index)
check("upvalue", getter())
local ok, mine = coroutine.resume(co)
check("coroutine", mine)
check("closed", make())

-- weak values: a fresh value in an old weak table goes away once unreachable
weakv[1] = {tag = "weak"}
local strong = {tag = "strong"}
weakv[2] = strong
churn(20000)
collectgarbage()
print("weak", weakv[1], weakv[2] == strong)

-- a long chain built across many collections stays whole
local head = nil
for i = 1, 5000 do
  head = {next = head, n = i}
  if i % 500 == 0 then churn(2000) end
end
local sum, len = 0, 0
while head do sum = sum + head.n; len = len + 1; head = head.next end
print("chain", len, sum)

-- switching modes keeps everything alive
print(collectgarbage("incremental"))
churn(10000)
print(collectgarbage("generational"))
churn(10000)
check("after switches", t.new_field)
