-- Hostile input: unbounded recursion of every kind ends in a clean error.

local function check(name, f, ...)
  local ok, e = pcall(f, ...)
  if ok then
    print(name, "ok", e)
  else
    -- string.find, not e:find: one case replaces the string metatable.
    e = tostring(e)
    print(name, "error", string.find(e, "C stack overflow", 1, true) and "C stack overflow"
      or string.find(e, "stack overflow", 1, true) and "stack overflow" or e)
  end
end

-- Plain Lua recursion.
local function rec(n) return 1 + rec(n + 1) end
check("lua recursion", rec, 1)
local function rec2(...) return 1 + rec2(1, 2, 3, ...) end
check("vararg growth", rec2)
-- Through metamethods.
local idx = setmetatable({}, {})
getmetatable(idx).__index = function(t, k) return t[k .. "x"] end
check("__index function", function() return idx.a end)
local ni = setmetatable({}, {})
getmetatable(ni).__newindex = function(t, k, v) t[k .. "x"] = v end
check("__newindex function", function() ni.a = 1 end)
local ts = setmetatable({}, {__tostring = function(o) return tostring(o) end})
check("__tostring", tostring, ts)
local cl = setmetatable({}, {})
getmetatable(cl).__call = function(self) return 1 + self() end
check("__call", cl)
local eq1 = setmetatable({}, {__eq = function(a, b) return a == b end})
local eq2 = setmetatable({}, getmetatable(eq1))
check("__eq", function() return eq1 == eq2 end)
local lt = setmetatable({}, {__lt = function(a, b) return a < b end})
check("__lt", function() return lt < lt end)
local cc = setmetatable({}, {__concat = function(a, b) return a .. b end})
check("__concat", function() return cc .. "x" end)
local ln = setmetatable({}, {__len = function(a) return #a end})
check("__len", function() return #ln end)
local ad = setmetatable({}, {__add = function(a, b) return a + b end})
check("__add", function() return ad + 1 end)
-- Through library functions that call back into Lua.
local function sortrec() table.sort({3, 2, 1}, function(a, b) sortrec() return a < b end) end
check("table.sort", sortrec)
local function gsubrec(s) return (string.gsub("x", "x", gsubrec)) end
check("string.gsub", gsubrec, "x")
local function loadrec() return load(loadrec)() end
check("load reader", loadrec)
local function handlerrec(m) error(m) end
check("error in handler", function() return select("#", xpcall(error, handlerrec, "x")) end)
-- Coroutines inside coroutines.
local function corec() return coroutine.wrap(corec)() end
check("nested wrap", corec)
local function coresume()
  local co = coroutine.create(coresume)
  local ok, e = coroutine.resume(co)
  if not ok then error(e, 0) end
end
check("nested resume", coresume)
-- Tail calls do not grow the stack: this one ends.
local function tail(n) if n == 0 then return "done" end return tail(n - 1) end
check("tail calls", tail, 1000000)
-- String method recursion through the string metatable.
local smt = getmetatable("")
local saved = smt.__index
smt.__index = function(s, k) return s[k] end
check("string __index", function() return ("x").y end)
smt.__index = saved
print("state still usable:", ("abc"):upper(), select("#", rec ~= nil))
