-- An error raised by a library function called from Lua carries the
-- caller's position (luaL_error uses luaL_where(L, 1)); found by the diff
-- fuzzer for "'__tostring' must return a string" (Kiln gave no position).
local t = setmetatable({}, {__tostring = function() return {} end})
print(pcall(function() return tostring(t) end))
print(pcall(function() return print(t) end))
print(pcall(function() return string.format("%s", t) end))
print(pcall(function() return ("%5s"):format(t) end))
-- From a native caller there is no position.
print(pcall(tostring, t))
-- Other library errors already carry it.
print(pcall(function() return string.rep("x", 1 << 62) end))
print(pcall(function() return string.format("%y", 1) end))
print(pcall(function() return table.concat({{}}) end))
print(pcall(function() return table.unpack({}, 1, 1e8) end))
print(pcall(function() return string.find("a", "%") end))
print(pcall(function() return utf8.codepoint("\xff") end))
print(pcall(function() return setmetatable(setmetatable({}, {__metatable = 1}), {}) end))
print(pcall(function() return select(0) end))
print(pcall(function() return math.random(2, 1) end))
