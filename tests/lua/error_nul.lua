-- lua5.4 builds these messages with "%s", which stops at an embedded NUL:
-- __name, constant and field names, chunk names. Kiln keeps every byte
-- (found by the diff fuzzer; docs/RELIABILITY.md, R9).
local function show(...) local t = table.pack(...) for i = 1, t.n do t[i] = (tostring(t[i]):gsub("%z", "\\0")) end print(table.concat(t, " | ")) end
local o = setmetatable({}, {__name = "my\0type"})
show(pcall(function() return o + 1 end))
show(pcall(function() return o < 1 end))
show(pcall(string.rep, o))
show((tostring(o):gsub("0x%x+", "ADDR")))
show(pcall(function() return ("a\0b") & 1 end))
show(pcall(function() local t = {} return t["x\0y"].z end))
show(pcall(load("error('e')", "=chunk\0name")))
show(pcall(string.format, "%10s", "a\0b"))
show(pcall(error, "msg\0tail"))
show(select(2, load("x = 'a\0b' +", "=src")))
