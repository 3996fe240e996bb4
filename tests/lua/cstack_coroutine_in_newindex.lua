-- Recursion through __newindex where each level resumes a coroutine that
-- assigns again inside pcall: lua5.4 resumes 66 levels deep, Kiln 65 (R19,
-- open; listed in SKIP; found by the diff fuzzer).
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
