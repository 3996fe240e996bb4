-- pcall/xpcall results and message handlers (no tracebacks are printed).

-- pcall returns true and every result, including nils
print("pcall ok", pcall(function() return 1, nil, 3, nil end))
print("pcall count", select("#", pcall(function() return nil, nil end)))
-- arguments are passed through
print("pcall args", pcall(function(...) return select("#", ...), ... end, "a", nil))
-- pcall of a non-function
print("pcall nil", pcall(nil))
print("pcall number", pcall(42))
print("pcall no args", pcall(pcall))
-- xpcall passes extra arguments to the function
print("xpcall args", xpcall(function(a, b) return a * b end, print, 6, 7))
-- the handler receives the original error value and its result is returned
print("handler string", xpcall(function() error("oops") end, function(m) return "[" .. m .. "]" end))
print("handler level0", xpcall(function() error("plain", 0) end, function(m) return m:upper() end))
local obj = {}
print("handler table", xpcall(function() error(obj) end, function(m) return m == obj, type(m) end))
print("handler nil", xpcall(function() error() end, function(m) return "got " .. tostring(m) end))
-- the handler's first result only
print("handler multi", xpcall(error, function() return 1, 2, 3 end, "x"))
print("handler none", xpcall(error, function() end, "x"))
-- runtime errors go through the handler too
print("runtime", xpcall(function() local t; return t.x end, function(m) return "H:" .. m end))
print("arith", xpcall(function() return {} + 1 end, function(m) return (m:gsub("^.-:%d+: ", "")) end))
-- the handler runs at the point of the error, before the stack unwinds:
-- a to-be-closed variable of the failing function is not closed yet
local closedYet = "not set"
local stateInHandler
local function failing()
  local guard <close> = setmetatable({}, {__close = function() closedYet = true end})
  closedYet = false
  error("with guard")
end
print("unwind order", xpcall(failing, function(m) stateInHandler = closedYet; return "handled" end))
print("closed in handler?", stateInHandler, "closed after?", closedYet)
-- inner pcall catches before the outer handler sees anything
local handlerCalls = 0
print("nested", xpcall(function()
  local ok, e = pcall(error, "inner")
  return "inner caught: " .. tostring(e)
end, function(m) handlerCalls = handlerCalls + 1; return m end))
print("handler calls", handlerCalls)
-- nested xpcall: each has its own handler
print("nested xpcall", xpcall(function()
  local ok, v = xpcall(function() error("deep", 0) end, function(m) return "inner(" .. m .. ")" end)
  error(v, 0)
end, function(m) return "outer(" .. m .. ")" end))
-- an error inside the handler
print("handler error", xpcall(function() error("first", 0) end, function(m) error("second", 0) end))
-- error objects with __tostring are not converted by pcall
local E = setmetatable({}, {__tostring = function() return "E!" end})
local ok, e = pcall(error, E)
print("__tostring object", ok, e == E, tostring(e))
-- pcall inside coroutines and coroutines inside pcall
local co = coroutine.wrap(function() return pcall(error, "in co", 0) end)
print("pcall in co", co())
print("co in pcall", pcall(coroutine.wrap(function() error("co err", 0) end)))
-- the handler must be a function
print("bad handler", pcall(xpcall, function() return "fine" end, 42))
