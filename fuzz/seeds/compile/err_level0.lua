-- An uncaught error with level 0 (no position) from inside a function.
local function check(v)
  if not v then error("check failed without position", 0) end
end
check(true)
print("first check passed")
check(false)
