-- Weak tables (__mode) observed after full collections. All garbage is made
-- inside helper functions so no dead value stays in a live register.

local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end

-- weak values: collectable values disappear, the keys with them
local wv = setmetatable({}, {__mode = "v"})
local live = {"live"}
local function fillv()
  wv.dead = {}
  wv.live = live
  wv.str = "strings are not collectable objects for weak tables"
  wv.num = 42
  wv.bool = true
  wv.fn = function() end
end
fillv()
collectgarbage()
print("weak values", count(wv), wv.dead, wv.live == live, wv.str ~= nil, wv.num, wv.bool, wv.fn)

-- weak keys: entries whose key is collected disappear
local wk = setmetatable({}, {__mode = "k"})
local liveKey = {}
local function fillk()
  wk[{}] = "dead key"
  wk[liveKey] = "live key"
  wk["strkey"] = {}
  wk[1] = {}
end
fillk()
collectgarbage()
print("weak keys", count(wk), wk[liveKey], type(wk.strkey), type(wk[1]))

-- fully weak: either side collected removes the entry
local wkv = setmetatable({}, {__mode = "kv"})
local function fillkv()
  wkv[{}] = "dead key"
  wkv.deadvalue = {}
  wkv[liveKey] = live
end
fillkv()
collectgarbage()
print("weak kv", count(wkv), wkv[liveKey] == live)

-- ephemerons: a value that only refers to its own key does not keep it alive
local eph = setmetatable({}, {__mode = "k"})
local function filleph()
  local k1, k2 = {}, {}
  eph[k1] = {back = k1}
  eph[k2] = {other = k1}   -- k1 reachable only through a weak entry: dead too
end
filleph()
collectgarbage()
print("ephemeron", count(eph))
-- but a value reachable from a live key keeps what it refers to
local anchor = {}
local function fillchain()
  local inner = {}
  eph[anchor] = {ref = inner}
  eph[inner] = "kept through the anchor's value"
end
fillchain()
collectgarbage()
print("ephemeron chain", count(eph), eph[eph[anchor].ref])

-- entries stay as long as the object is referenced elsewhere
local cache = setmetatable({}, {__mode = "v"})
local held = {}
local function store() cache.x = held end
local function check() return cache.x == held end
store()
collectgarbage()
print("held", check())
held = nil
collectgarbage()
print("released", cache.x)

-- the mode is read when the collector runs: changing __mode later works
local mt = {}
local late = setmetatable({}, mt)
local function filllate() late[1] = {} end
filllate()
collectgarbage()
print("strong", type(late[1]))
mt.__mode = "v"
collectgarbage()
print("now weak", late[1])

-- weak tables with finalized objects: values are removed before finalizers
-- run, keys are removed after
local order = {}
local wvf = setmetatable({}, {__mode = "v"})
local function fillf()
  local o = setmetatable({}, {__gc = function(x) order[#order + 1] = "gc:" .. tostring(wvf.o == nil) end})
  wvf.o = o
end
fillf()
collectgarbage()
print("finalized value", table.concat(order, " "), wvf.o)
