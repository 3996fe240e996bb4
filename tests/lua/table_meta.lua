-- The table functions go through __index, __newindex and __len.

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

-- a logging proxy over a plain table
local function proxy(store, log, len)
  return setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "r" .. tostring(k); return store[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "w" .. tostring(k) .. "=" .. tostring(v); store[k] = v end,
    __len = function() log[#log + 1] = "#"; return len or #store end,
  })
end

local function dump(store, n)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = tostring(store[i]) end
  return table.concat(parts, ",")
end

local log, store = {}, {1, 2, 3}
table.insert(proxy(store, log), "x")
print("insert end", table.concat(log, " "), dump(store, 4))

log, store = {}, {1, 2, 3}
table.insert(proxy(store, log), 1, "x")
print("insert front", table.concat(log, " "), dump(store, 4))

log, store = {}, {1, 2, 3}
print("remove end", table.remove(proxy(store, log)), table.concat(log, " "), dump(store, 3))

log, store = {}, {1, 2, 3}
print("remove front", table.remove(proxy(store, log), 1), table.concat(log, " "), dump(store, 3))

log, store = {}, {"a", "b", "c"}
print("concat", table.concat(proxy(store, log), "-"), table.concat(log, " "))

log, store = {}, {"a", "b", "c"}
print("concat range", table.concat(proxy(store, log), "-", 2, 3), table.concat(log, " "))

log, store = {}, {"a", "b", "c"}
print("unpack", table.unpack(proxy(store, log)))
print("unpack log", table.concat(log, " "))

log, store = {}, {"a", "b", "c"}
print("unpack range", table.unpack(proxy(store, log), 2, 3))
print("unpack range log", table.concat(log, " "))

-- __len is honoured even when it lies
log, store = {}, {"a", "b", "c", "d", "e"}
print("short len concat", table.concat(proxy(store, log, 2), ","), table.concat(log, " "))
log = {}
print("long len unpack", table.unpack(proxy(store, log, 7)))
log = {}
table.insert(proxy(store, log, 2), "z")
print("insert at lying len", table.concat(log, " "), dump(store, 5))

-- __len returning numeric strings and floats with integer values
local t = setmetatable({}, {__len = function() return "3" end, __index = function(_, k) return k * 2 end})
print("len string", table.concat(t, ","), table.unpack(t))
t = setmetatable({}, {__len = function() return 2.0 end, __index = function(_, k) return k end})
print("len float", table.concat(t, ","))
try("len bad", table.concat, setmetatable({}, {__len = function() return {} end}))
try("len nil", table.insert, setmetatable({}, {__len = function() end}), 1)
try("len frac", table.remove, setmetatable({}, {__len = function() return 0.5 end}))
try("len error", table.sort, setmetatable({}, {__len = function() error("no len") end}))

-- __index tables (not functions) are followed too
local base = {"p", "q", "r"}
local inh = setmetatable({}, {__index = base, __len = function() return 3 end})
print("index table", table.concat(inh, "+"), table.unpack(inh))
local target = {}
local redir = setmetatable({}, {__newindex = target, __len = function() return 0 end})
table.insert(redir, "v1")
print("newindex table", target[1], rawget(redir, 1))

-- raw tables with metatables that lack the fields still work directly
local plain = setmetatable({5, 4, 3}, {})
table.sort(plain)
print("plain mt", table.concat(plain, ","))

-- errors inside metamethods propagate
try("index error", table.concat, setmetatable({}, {__len = function() return 1 end, __index = function() error("idx") end}))
try("newindex error", table.insert, setmetatable({}, {__newindex = function() error("nidx") end}), "v")
try("index error unpack", table.unpack, setmetatable({}, {__index = function() error("u") end}), 1, 1)

-- sort of a proxy: all reads and writes go through the metamethods
log, store = {}, {3, 1, 2}
table.sort(proxy(store, log))
print("sort proxy", dump(store, 3), table.concat(log, " "))

-- move through proxies
log, store = {}, {1, 2, 3}
local dst = {}
table.move(proxy(store, log), 1, 3, 1, dst)
print("move from proxy", dump(dst, 3), table.concat(log, " "))

-- collections during metamethods do not lose values held by the library
local function churn()
  for _ = 1, 50 do local _ = {{}, {}, {}} end
  collectgarbage()
end
local gstore = {}
for i = 1, 30 do gstore[i] = {v = (i * 7) % 30} end
local gp = setmetatable({}, {
  __index = function(_, k) churn(); return gstore[k] end,
  __newindex = function(_, k, v) churn(); gstore[k] = v end,
  __len = function() return #gstore end,
})
table.sort(gp, function(a, b) churn(); return a.v < b.v end)
local okg = true
for i = 2, 30 do if gstore[i].v < gstore[i - 1].v then okg = false end end
print("gc during sort", okg)
local removed = table.remove(gp, 1)
print("gc during remove", removed.v, #gstore)
local ins = setmetatable({}, {__newindex = function(t, k, v) churn(); rawset(t, k, v) end})
table.insert(ins, {v = "kept"})
print("gc during insert", ins[1].v)
local parts = setmetatable({}, {__index = function(_, k) churn(); return "s" .. k end, __len = function() return 5 end})
print("gc during concat", table.concat(parts, ","))
print("gc during unpack", table.unpack(parts, 1, 3))
