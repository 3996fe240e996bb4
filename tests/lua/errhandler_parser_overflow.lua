-- R30 (diff fuzzer, session 5): a message handler that recurses through
-- table.remove -> __newindex -> load until the parser overflows the C stack.
-- The handler chain that overflow starts ends in 'error in error handling',
-- which the load at the overflow catches (its parser runs protected); Kiln
-- returned from that load with the chain's frames still on its stack, so
-- load's results went astray (nil, nil).
local f1 = function() end
local depth = 0
local R = {}
print(xpcall(function() error("x") end, function(m)
  depth = depth + 1
  local d = depth
  R[#R+1] = "H" .. d .. ":" .. tostring(m):sub(1, 20)
  return table.remove(setmetatable({}, {__newindex = function(t, k, v)
    local f, e = load("return 1")
    R[#R+1] = "L" .. d .. ":" .. tostring(e)
    return -2^63 <= f1
  end}))
end))
print(table.concat(R, "\n"))
