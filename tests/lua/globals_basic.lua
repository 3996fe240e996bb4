-- _VERSION, _G, type, assert and other basic global functions.

print("version", _VERSION, type(_VERSION))
print("_G", type(_G), _G._G == _G, _G.print == print, _ENV == _G)
-- type of every kind of value
print("type", type(nil), type(true), type(0), type(0.5), type(""), type({}), type(print),
      type(function() end), type(coroutine.create(print)))
print("type err", pcall(type))
-- the standard library tables exist
local libs = {"string", "table", "math", "coroutine", "io", "os", "utf8", "debug", "package"}
local present = {}
for _, name in ipairs(libs) do present[#present + 1] = name .. "=" .. type(_G[name]) end
print("libs", table.concat(present, " "))
-- basic functions that exist in 5.4 and some that were removed
local fns = {"assert", "collectgarbage", "dofile", "error", "getmetatable", "ipairs", "load",
             "loadfile", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen",
             "rawset", "require", "select", "setmetatable", "tonumber", "tostring", "type",
             "xpcall", "warn"}
local missing = {}
for _, name in ipairs(fns) do if type(_G[name]) ~= "function" then missing[#missing + 1] = name end end
print("functions missing", #missing, table.concat(missing, ","))
-- (math.pow/math.ldexp are left out: they exist only in builds with 5.3
-- compatibility, like the reference interpreter used to generate the output)
print("removed", unpack, loadstring, setfenv, getfenv, table.getn)

-- globals can be created and removed through _G
_G.newglobal = "created"
print("via _G", newglobal)
newglobal = nil
print("removed global", rawget(_G, "newglobal"))
-- global names can be any string through _G
_G["with space"] = 1
print("odd name", _G["with space"])
_G["with space"] = nil

-- assert returns all its arguments on success
print("assert ok", assert(1, 2, 3))
print("assert values", assert("v"), assert(0), assert(""), select("#", assert(true, nil, nil)))
-- on failure a string message is raised through luaL_error: it gets the
-- position of assert's caller (none here, since the caller is pcall)
print("assert msg", pcall(assert, false, "custom message"))
print("assert nil", pcall(assert, nil))
print("assert default", pcall(assert, false))
-- a non-string message is raised unchanged
local tbl = {}
local ok, e = pcall(assert, false, tbl)
print("assert table", ok, e == tbl)
print("assert number", pcall(assert, nil, 42))
print("assert no args", pcall(assert))
-- assert called from a Lua function: the position of that call is added
print("assert in fn", pcall(function() assert(1 == 2, "math is broken") end))
print("assert in fn default", pcall(function() local x = nil; assert(x) end))

-- rawequal compares without __eq
local mt = {__eq = function() return true end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print("rawequal", a == b, rawequal(a, b), rawequal(a, a), rawequal(1, 1.0), rawequal("x", "x"))
-- getmetatable on basic values
print("getmetatable", getmetatable(1), getmetatable(nil), getmetatable(print), type(getmetatable("s")))
-- print returns nothing
print("print returns", select("#", print()))
