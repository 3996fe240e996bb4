-- An error raised by a __close handler while an error unwinds an xpcall
-- goes through the message handler too (found by the diff fuzzer).
local function h(m) return "handled: " .. tostring(m) end
print(xpcall(function()
  local x <close> = setmetatable({}, {__close = function(_, e) print("closing with", e) error("in close", 0) end})
  error("first", 0)
end, h))
-- Two handlers that fail, in order.
print(xpcall(function()
  local a <close> = setmetatable({}, {__close = function(_, e) print("a gets", e) error("from a", 0) end})
  local b <close> = setmetatable({}, {__close = function(_, e) print("b gets", e) error("from b", 0) end})
  error("first", 0)
end, h))
-- A normal exit whose __close fails.
print(xpcall(function()
  local x <close> = setmetatable({}, {__close = function(_, e) print("closing with", e) error("in close", 0) end})
  return "normal"
end, h))
-- The same with pcall: no handler.
print(pcall(function()
  local x <close> = setmetatable({}, {__close = function(_, e) error("in close", 0) end})
  error("first", 0)
end))
