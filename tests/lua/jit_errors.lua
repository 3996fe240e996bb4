-- JIT: runtime errors raised inside hot loops, caught with pcall and with
-- xpcall + debug.traceback. Messages carry positions and variable names.

local function arith_nil(n)
  local s = 0
  for i = 1, n do
    local x
    if i < n then x = i end
    s = s + x
  end
  return s
end
print("arith nil", pcall(arith_nil, 300))
print("arith nil ok", pcall(arith_nil, 1 - 1))

local function index_field(t, n)
  local s = 0
  for i = 1, n do
    if i == n then t.y = 5 end
    s = s + t.y.z
  end
  return s
end
print("index field", pcall(index_field, {y = {z = 2}}, 300))

local function compare_nil(n)
  local c = 0
  local limit = 100
  for i = 1, n do
    if i == 250 then limit = nil end
    if i < limit then c = c + 1 end
  end
  return c
end
print("compare nil", pcall(compare_nil, 300))

local function compare_mixed(n)
  local c = 0
  for i = 1, n do
    local v = (i == n) and {} or i
    if v <= 1000 then c = c + 1 end
  end
  return c
end
print("compare table", pcall(compare_mixed, 300))

local G = {}
local function global_call(n)
  local s = 0
  for i = 1, n do
    if i == n then s = s + undefined_global_fn(i) end
    s = s + i
  end
  return s
end
print("call global", pcall(global_call, 300))

local function call_field(obj, n)
  for i = 1, n do
    if i == n then obj.method = nil end
    obj.method(i)
  end
end
print("call field", pcall(call_field, {method = function() end}, 300))

local function method_call(obj, n)
  for i = 1, n do
    if i == n then obj = {} end
    obj:go(i)
  end
end
print("call method", pcall(method_call, {go = function() end}, 300))

local function upvalue_index(n)
  local s = 0
  for i = 1, n do
    if i == n then G = 7 end
    s = s + (G[i] or 1)
  end
  return s
end
print("upvalue index", pcall(upvalue_index, 300))
G = {}

local function concat_bad(n)
  local parts = ""
  for i = 1, n do
    local v = (i == n) and {} or i
    parts = "x" .. v
  end
  return parts
end
print("concat table", pcall(concat_bad, 300))

local function len_bad(n)
  local s = 0
  for i = 1, n do
    local v = (i == n) and 5 or "abc"
    s = s + #v
  end
  return s
end
print("len number", pcall(len_bad, 300))

local function unm_bad(n)
  local s = 0
  for i = 1, n do
    local v = (i == n) and "z" or i
    s = s - -v
  end
  return s
end
print("unm string", pcall(unm_bad, 300))

local function bnot_bad(n)
  local s = 0
  for i = 1, n do
    local v = (i == n) and 1.5 or i
    s = s ~ ~v
  end
  return s
end
print("bnot float", pcall(bnot_bad, 300))

local function setindex_nil(n)
  local t = {}
  for i = 1, n do
    local k = i
    if i == n then k = nil end
    t[k] = i
  end
  return #t
end
print("index nil", pcall(setindex_nil, 300))
local function setindex_nan(n)
  local t = {}
  for i = 1, n do
    local k = (i == n) and 0 / 0 or i
    t[k] = i
  end
  return #t
end
print("index nan", pcall(setindex_nan, 300))

local function error_values(n)
  local out = {}
  for i = 1, n do
    local ok, e = pcall(error, (i % 100 == 0) and {code = i} or i)
    if type(e) == "table" then out[#out + 1] = e.code end
  end
  return table.concat(out, ",")
end
print("error values", error_values(300))

local function levels(n)
  local function thrower(level) error("lvl" .. level, level) end
  local out = {}
  for i = 1, n do
    local ok, e = pcall(thrower, i % 3)
    if i > n - 3 then out[#out + 1] = e end
  end
  return table.concat(out, " | ")
end
print("levels", levels(300))

-- errors counted across many iterations
local function many(n)
  local bad = 0
  local msg
  for i = 1, n do
    local ok, e = pcall(function(v) return v.x + 1 end, (i % 7 == 0) and i or {x = i})
    if not ok then bad = bad + 1; msg = e end
  end
  return bad, msg
end
print("many", many(700))

-- xpcall with debug.traceback as the message handler
local function deep3(v) local r = 0; for i = 1, 300 do r = r + v.f end; return r end
local function deep2(v) return (deep3(v)) end
local function deep1(v) local x = deep2(v); return x end
print(xpcall(deep1, debug.traceback, {}))
print(xpcall(deep1, debug.traceback, {f = 1}))

local function hot_error(n)
  for i = 1, n do
    if i == n then error("boom at " .. i) end
  end
end
print(xpcall(hot_error, debug.traceback, 300))
print(xpcall(hot_error, function(m) return "handled: " .. m end, 300))

-- a message handler that itself runs a hot loop
local function handler(m)
  local s = 0
  for i = 1, 500 do s = s + i end
  return m .. " / handler sum " .. s
end
print(xpcall(arith_nil, handler, 300))

-- error objects with __tostring survive the trip
local E = setmetatable({}, {__tostring = function() return "E!" end})
local function raise_obj(n) for i = 1, n do if i == n then error(E) end end end
local ok, e = pcall(raise_obj, 300)
print("error object", ok, e == E, tostring(e))

-- error in a metamethod called from a hot loop
local mt = {__add = function(a, b) if b == 300 then error("meta fail") end return a end}
local function meta_loop(n)
  local o = setmetatable({}, mt)
  for i = 1, n do o = o + i end
end
print("meta error", pcall(meta_loop, 300))
print(xpcall(meta_loop, debug.traceback, 300))

-- normal work after all the errors
local s = 0
for i = 1, 1000 do s = s + i % 7 end
print("after", s)
