-- A message handler that fails inside an __index metamethod: lua5.4 runs it
-- 108 times (R17: Kiln ran it 117 times until its native-call check became
-- the reference's, exact at the limit).
local n = 0
print(xpcall(function() error("x") end, function(m) n = n + 1 local t = setmetatable({}, {__index = function() error("idx") end}) return t.x end), n)
