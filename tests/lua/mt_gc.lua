-- __gc finalizers and __mode weak tables (only deterministic observations).
-- Garbage is always created inside a helper function that has returned
-- before collectgarbage() runs, so no dead value lingers in a live register.

-- finalizers run on full collection, in reverse order of marking
local order = {}
local function makethree()
  for i = 1, 3 do
    setmetatable({}, {__gc = function() order[#order + 1] = i end})
  end
end
makethree()
collectgarbage()
collectgarbage()
print(table.concat(order, " "))

-- __gc must be present when setmetatable is called to mark the object
order = {}
local function makelate()
  local mt = {}
  setmetatable({}, mt)
  mt.__gc = function() order[#order + 1] = "late" end
end
makelate()
collectgarbage()
print(#order)

-- a finalizer can access the object and resurrect it
local resurrected
local function makezombie()
  local obj = setmetatable({name = "zombie"}, {__gc = function(o) resurrected = o end})
end
makezombie()
collectgarbage()
print(resurrected and resurrected.name)

-- reachable objects are not finalized
local keep = setmetatable({}, {__gc = function() print("keep finalized at exit") end})
collectgarbage()
print("kept", type(keep))

-- errors in finalizers become warnings, not errors
local function makebad() setmetatable({}, {__gc = function() error("in gc") end}) end
makebad()
print(pcall(collectgarbage))

-- weak values
local wv = setmetatable({}, {__mode = "v"})
local function fillwv()
  wv[1] = {}
  wv[4] = function() end
end
fillwv()
wv[2] = keep
wv[3] = "strings are values, never collected"
local fn = function() return 1 end
wv[5] = fn
collectgarbage()
local n = 0
for k in pairs(wv) do n = n + 1 end
print("weak values left", n, wv[1], wv[2] == keep, wv[3] ~= nil, wv[4], wv[5] == fn)

-- weak keys
local wk = setmetatable({}, {__mode = "k"})
local k1 = {}
wk[k1] = "kept"
local function fillwk()
  wk[{}] = "dropped"
  wk[function() end] = "dropped too"
end
fillwk()
collectgarbage()
n = 0
for k, v in pairs(wk) do n = n + 1 end
print("weak keys left", n, wk[k1])

-- ephemeron: value refers to its own key, still collected
local eph = setmetatable({}, {__mode = "k"})
local function fill(t)
  local key = {}
  t[key] = {ref = key}
end
fill(eph)
collectgarbage()
print("ephemeron left", next(eph) == nil)

-- fully weak table
local kv = setmetatable({}, {__mode = "kv"})
local function fillkv()
  kv[{}] = 1
  kv[1] = {}
end
fillkv()
kv.x = k1
collectgarbage()
n = 0
for _ in pairs(kv) do n = n + 1 end
print("kv left", n, kv.x == k1)

-- a cache with weak values keeps live objects
local cache = setmetatable({}, {__mode = "v"})
local function get(key)
  local v = cache[key]
  if not v then v = {key = key}; cache[key] = v end
  return v
end
local held = get("a")
local function drop() get("b") end
drop()
collectgarbage()
print(cache.a == held, cache.b)

-- finalizers of objects still alive run when the state closes (at exit),
-- in reverse order of creation
globalref = setmetatable({}, {__gc = function() print("global finalized at exit") end})
print("end of script")
