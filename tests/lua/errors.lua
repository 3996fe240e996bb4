-- error, pcall and xpcall.

-- pcall returns true plus all results, or false plus the error value
print(pcall(function() return 1, 2, 3 end))
print(pcall(function() end))
print(pcall(error, "msg"))
print(pcall(error))
print(pcall(error, nil))
print(select("#", pcall(error)))

-- error with non-string values keeps them as they are
local tbl = {code = 42}
local ok, e = pcall(error, tbl)
print(ok, e == tbl, e.code)
print(pcall(error, 42))
print(pcall(error, 4.5))
print(pcall(error, true))
print(pcall(function() error(setmetatable({}, {__tostring = function() return "custom" end})) end))

-- levels: 1 (default) = where error was called, 2 = the caller, 0 = no position
local function lvl1() error("level one") end
local function lvl2() error("level two", 2) end
local function lvl0() error("level zero", 0) end
local function caller() lvl2() end   -- line 24
print(pcall(lvl1))
print(pcall(caller))
print(pcall(lvl0))
print(pcall(function() error("level 3", 3) end))
local function deep3() error("three up", 3) end
local function deep2() deep3() end
local function deep1() deep2() end    -- line 31
print(pcall(deep1))
-- only string messages get a position prefix
print(pcall(function() error(12) end))
print(pcall(function() error("12") end))
-- a numeric string stays a string
print(type(select(2, pcall(function() error("12", 0) end))))

-- nested pcall
print(pcall(pcall, error, "inner"))
print(pcall(function()
  local ok2, e2 = pcall(error, "first")
  error("second after " .. e2, 0)
end))

-- runtime errors are catchable
print(pcall(function() local x = nil; return x.y end))
print(pcall(function() return 1 + {} end))

-- xpcall: handler receives the error and its results are returned
print(xpcall(function() error("bad") end, function(m) return "handled: " .. m end))
print(xpcall(function() return "fine", 2 end, error))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
print(xpcall(function() error({1, 2}) end, function(m) return type(m), #m end))
print(xpcall(function() local t = nil; t.x = 1 end, function(m) return (m:gsub("^.-:%d+: ", "")) end))
-- the handler runs before the stack unwinds
local function where() return debug.traceback("tb", 1):match("\n[^\n]*\n[^\n]*") ~= nil end
print(xpcall(function() error("x") end, where))
-- error inside the message handler
print(xpcall(function() error("orig") end, function(m) error("handler failed") end))
print(xpcall(function() error("orig") end, function(m) return nil end))
-- xpcall argument checks
print(pcall(xpcall))
print(pcall(xpcall, print))
print(pcall(xpcall, print, nil))

-- errors rethrown keep their original position
local function thrower() error("original") end
local ok3, e3 = pcall(function()
  local ok4, e4 = pcall(thrower)
  error(e4, 0)
end)
print(ok3, e3)

-- error objects pass through multiple levels untouched
local errobj = setmetatable({}, {__index = {kind = "custom"}})
print(select(2, pcall(function() pcall(tostring, 1) error(errobj) end)).kind)

-- assert
print(pcall(assert, true, "unused"))
print(pcall(assert, 1, 2, 3))
print(pcall(assert, false))
print(pcall(assert, nil, "assert message"))
print(select(2, pcall(assert, false, tbl)) == tbl)
print(pcall(assert))
print(select("#", assert(1, 2, 3)))

-- error with level pointing into a C function
print(pcall(string.rep))
print(pcall(string.rep, "x", -1))
