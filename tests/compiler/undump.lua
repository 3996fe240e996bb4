-- Prints the raw parts of a Lua 5.4 binary chunk that `luac -l -l` does not
-- show: every instruction word (hex) and the upvalue kinds, per function in
-- the same (depth-first) order as the listing.
--
--   lua5.4 undump.lua luac.out
local data = assert(io.open(arg[1], "rb")):read("a")
local pos = 1

local function byte()
  local b = data:byte(pos)
  pos = pos + 1
  return b
end

local function size()
  local x = 0
  while true do
    local b = byte()
    x = x * 128 + (b & 0x7f)
    if b & 0x80 ~= 0 then return x end
  end
end

local function str()
  local n = size()
  if n == 0 then return nil end
  local s = data:sub(pos, pos + n - 2)
  pos = pos + n - 1
  return s
end

local function func(out)
  str() -- source
  local line, lastline = size(), size()
  byte(); byte(); byte() -- numparams, is_vararg, maxstacksize
  local n = size()
  out[#out + 1] = string.format("-- function <%d,%d>", line, lastline)
  local words = {}
  for i = 1, n do
    words[#words + 1] = string.format("%08x", string.unpack("<I4", data, pos))
    pos = pos + 4
    if #words == 8 or i == n then
      out[#out + 1] = table.concat(words, " ")
      words = {}
    end
  end
  for _ = 1, size() do -- constants
    local t = byte()
    if t == 0x13 or t == 0x03 then pos = pos + 8
    elseif t == 0x04 or t == 0x14 then str() end
  end
  local kinds = {}
  for i = 1, size() do
    byte(); byte()
    kinds[i] = tostring(byte())
  end
  out[#out + 1] = "upvalue kinds: " .. table.concat(kinds, " ")
  local subs = {}
  for i = 1, size() do
    subs[i] = {}
    func(subs[i])
  end
  local nlines = size() -- lineinfo
  pos = pos + nlines
  for _ = 1, size() do size(); size() end -- abslineinfo
  for _ = 1, size() do str(); size(); size() end -- locvars
  for _ = 1, size() do str() end -- upvalue names
  for _, s in ipairs(subs) do
    for _, l in ipairs(s) do out[#out + 1] = l end
  end
end

assert(data:sub(1, 4) == "\27Lua" and data:byte(5) == 0x54, "not a Lua 5.4 chunk")
pos = 1 + 4 + 1 + 1 + 6 + 3 + 8 + 8 + 1
local out = {}
func(out)
print(table.concat(out, "\n"))
