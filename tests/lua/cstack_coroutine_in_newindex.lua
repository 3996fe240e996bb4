-- Recursion through __newindex where each level resumes a coroutine that
-- assigns again inside pcall: lua5.4 resumes 66 levels deep (R19, found by
-- the diff fuzzer: Kiln stopped at 65, checking the level a coroutine would
-- run at instead of its resumer's).
local depth = 0
local t = setmetatable({}, {__newindex = function(t, k, v)
  depth = depth + 1
  local co = coroutine.create(function(...)
    print('in', coroutine.yield(true, true))
    print(pcall(function(...) (t)[ true ] = true end))
  end)
  print(coroutine.resume(co))
  print(coroutine.resume(co, nil, nil))
end})
print(pcall(function() table.insert(t, nil) end))
print(depth)
