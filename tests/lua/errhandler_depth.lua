-- How many times a failing message handler runs before "error in error
-- handling", also with protected calls inside it (found by the diff fuzzer).
local n = 0
print(xpcall(function() error("x") end, function(m) n = n + 1 error("again") end), n)
n = 0
print(xpcall(function() error("x") end, function(m) n = n + 1 local ok = pcall(function() return 1 end) error("again") end), n)
n = 0
local pc = 0
print(xpcall(function() error("x") end, function(m) n = n + 1 if pcall(function() return 1 end) then pc = pc + 1 end coroutine.yield() end), n, pc)
