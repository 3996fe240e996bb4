-- A message handler that fails inside an __index metamethod: lua5.4 runs it
-- 108 times, Kiln 117 (R17, open; listed in SKIP).
local n = 0
print(xpcall(function() error("x") end, function(m) n = n + 1 local t = setmetatable({}, {__index = function() error("idx") end}) return t.x end), n)
