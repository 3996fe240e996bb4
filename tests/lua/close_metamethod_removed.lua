-- A __close metamethod removed or replaced after the variable was declared
-- is called all the same: call errors as lua5.4 reports them (found by the
-- diff fuzzer, R28).
print(pcall(function()
  local mt = {__close = function() print("closed") end}
  local x <close> = setmetatable({}, mt)
  mt.__close = nil
end))
print(pcall(function()
  local mt = {__close = function() print("closed") end}
  local x <close> = setmetatable({}, mt)
  mt.__close = 42
end))
print(pcall(function()
  local mt = {__close = function() print("closed") end}
  local x <close> = setmetatable({}, mt)
  mt.__close = nil
  error("boom")
end))
print(pcall(function()
  local mt = {__close = function() print("closed") end}
  local x <close> = setmetatable({}, mt)
  mt.__close = nil
  return 1, 2
end))
local co = coroutine.create(function()
  local mt = {__close = function() print("closed") end}
  local x <close> = setmetatable({}, mt)
  mt.__close = nil
  coroutine.yield(1)
end)
print(coroutine.resume(co))
print(coroutine.close(co))
print(pcall(function()
  local mt = {__close = function() print("closed") end}
  do
    local x <close> = setmetatable({}, mt)
    mt.__close = nil
  end
end))
