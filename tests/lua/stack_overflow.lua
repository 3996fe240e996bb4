-- Stack overflow is a catchable error. Only whether the message mentions
-- "stack overflow" is printed (the exact depth differs between implementations).

local function has(msg) return type(msg) == "string" and msg:find("stack overflow", 1, true) ~= nil end

-- unbounded non-tail recursion
local function rec(n) return 1 + rec(n + 1) end
local ok, msg = pcall(rec, 1)
print("recursion", ok, has(msg))
-- the message carries a position
print("position", type(msg) == "string" and msg:match("^stack_overflow%.lua:%d+:") ~= nil)

-- the state is usable afterwards
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print("after", depth(1000))

-- overflow through mutual recursion
local a, b
function a(n) return b(n) + 1 end
function b(n) return a(n) + 1 end
ok, msg = pcall(a, 1)
print("mutual", ok, has(msg))

-- overflow through a __index metamethod chain of function calls
local t = setmetatable({}, {})
getmetatable(t).__index = function(self, k) return self[k .. "x"] end
ok, msg = pcall(function() return t.start end)
print("__index", ok, has(msg))

-- overflow through __call
local callee = setmetatable({}, {})
getmetatable(callee).__call = function(self) return 1 + self() end
ok, msg = pcall(callee)
print("__call", ok, has(msg))

-- overflow inside a coroutine is reported by resume
local co = coroutine.create(function() return rec(1) end)
local rok, rmsg = coroutine.resume(co)
print("coroutine", rok, has(rmsg), coroutine.status(co))

-- overflow with a message handler: xpcall's handler still runs
ok, msg = xpcall(rec, function(m) return "handled: " .. tostring(has(m)) end, 1)
print("xpcall", ok, msg)

-- overflow in string.gsub callbacks (C -> Lua -> C ...)
local function viaGsub(s) return (s:gsub(".", function(c) return viaGsub(c) end)) end
ok, msg = pcall(viaGsub, "a")
print("through C", ok, type(msg) == "string" and (has(msg) or msg:find("C stack overflow", 1, true) ~= nil))

-- error objects that are not strings are not turned into stack overflows
local function throwdeep(n) if n == 0 then error({deep = true}) end return throwdeep(n - 1) + 0 end
ok, msg = pcall(throwdeep, 100)
print("table error", ok, type(msg), msg.deep)

-- deep but finite recursion works
print("finite", depth(50000))
