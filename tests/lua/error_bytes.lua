-- Error messages keep non-UTF-8 bytes of names, constants and chunk names
-- as they are (found by the diff fuzzer: Kiln replaced them with U+FFFD).
local function bytes(s)
  local t = {}
  for i = 1, #s do
    local b = s:byte(i)
    t[#t + 1] = (b < 32 or b > 126) and ("\\" .. b) or string.char(b)
  end
  return table.concat(t)
end

local ok, e = pcall(function() return ("\237\160") & 1 end)
print("constant:", bytes(e))
ok, e = pcall(function() local t = {} return t["\255\254"].x end)
print("field:", bytes(e))
ok, e = pcall(load("error('x')", "=\255\254"))
print("chunk name =:", bytes(e))
ok, e = pcall(load("local t = nil; return t.x", "@\255.lua"))
print("chunk name @:", bytes(e))
ok, e = pcall(load("return \255\254", "=src"))
print("syntax:", ok, e)
print("load error:", select(2, load("x = = 1", "=\200\201")) and bytes(select(2, load("x = = 1", "=\200\201"))))
ok, e = pcall(string.rep)
print("argument error:", bytes(e))
ok, e = pcall(function() local v = setmetatable({}, {__name = "my\255type"}) return v + 1 end)
print("__name:", bytes(e))
