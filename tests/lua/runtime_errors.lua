-- Runtime error messages and the variable descriptions they carry.

local function e(f, ...) print((select(2, pcall(f, ...)))) end

-- indexing
e(function() local x; return x.field end)
e(function() return undefinedglobal.field end)
e(function() local t = {}; return t.a.b end)
e(function() local t = {a = {}}; return t.a.b.c end)
e(function() local t = {x = 5}; return t.x.y end)
e(function() local t = {}; return t[1].z end)
e(function() local s = "str"; return s.x.y end)
local up = nil
e(function() return up.field end)
e(function() return up[1] end)
e(function() local t = {}; t.a.b = 1 end)
e(function() local n = 1; n.x = 2 end)
e(function() return (nil).x end)
e(function() return ("x").y.z end)
e(function() local b = true; return b[1] end)
e(function() return math.nofunc.x end)
e(function(arg) return arg.x end)
e(function(...) local a = ...; return a.x end)
e(function() local t = {}; local k = "key"; return t[k].v end)

-- calling
e(function() local f; f() end)
e(function() nofunction() end)
e(function() local t = {}; t.method() end)
e(function() local t = {}; t:method() end)
e(function() string.nofunc() end)
e(function() local t = {inner = {}}; t.inner.deeper() end)
e(function() up() end)
e(function() (1)() end)
e(function() local t = {}; t[1]() end)
e(function() return ({})() end)
e(function() local s = "x"; s:nomethod() end)
e(function() return ("x"):nomethod() end)

-- arithmetic
e(function() local x; return x + 1 end)
e(function() return 1 + nilglobal end)
e(function() local t = {}; return t.count + 1 end)
e(function() return up * 2 end)
e(function() local s = "abc"; return s + 1 end)
e(function() return "abc" * 2 end)
e(function() return "10" + "x" end)
e(function() local t = {}; return -t end)
e(function() local b = false; return b - 1 end)
e(function() return 2 ^ {} end)
e(function() local t = {}; return t.a // 1 end)
e(function() return 1 % nil end)
e(function() local a = {} return a.b.c + 1 end)

-- concatenation
e(function() local x; return "a" .. x end)
e(function() return "a" .. missingglobal end)
e(function() local t = {}; return t.name .. "!" end)
e(function() return up .. "s" end)
e(function() return {} .. "s" end)
e(function() local a, b = "x", {}; return a .. b .. "c" end)
e(function() return 1 .. true end)

-- length
e(function() local n; return #n end)
e(function() return #noglobal end)
e(function() local t = {}; return #t.f end)
e(function() return #5 end)

-- comparison
e(function() return {} < {} end)
e(function() return 1 < nil end)
e(function() return nil < 1 end)
e(function() return "a" < 1 end)
e(function() return 1 <= "a" end)
e(function() return {} <= 1 end)
e(function() return print > print end)
e(function() return true >= false end)
e(function() local x; return x > 0 end)

-- integer conversions
e(function() return 1.5 | 0 end)
e(function() local f = 2.5; return f & 1 end)
e(function() return math.huge // 1 | 0 end)
e(function() return ("a"):rep(1.5) end)
e(function() return string.char(256) end)
e(function() return ({})[1.5 | 0] end)

-- upvalue and constant names
local constant <const> = nil
e(function() return constant.x end)
local cstr <const> = "text"
e(function() return cstr + 1 end)
e(function() local t = {} return t[cstr].x end)

-- method call on the result of an expression
e(function() local t = {obj = {}}; t.obj:run() end)
-- global function names in the description of the failing call
e(function() local t = setmetatable({}, {__index = function(t, k) return k .. 1 end}); return t.x + 1 end)
