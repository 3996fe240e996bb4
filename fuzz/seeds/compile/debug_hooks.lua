local lines = {}
local function f(x)
  local y = x + 1
  return y
end
debug.sethook(function(ev, line) lines[#lines+1] = ev .. ":" .. tostring(line) end, "lcr")
f(1)
for i = 1, 2 do
  f(i)
end
debug.sethook()
local s = "" for _, l in ipairs(lines) do s = s .. l .. " " end print(s)
local n = 0
debug.sethook(function() n = n + 1 end, "", 100)
for i = 1, 10000 do end
debug.sethook()
print(n > 50, debug.gethook())
-- hooks see tail calls and native functions
local evs = {}
local function leaf() return 1 end
local function tail() return leaf() end
debug.sethook(function(ev) evs[#evs + 1] = ev end, "cr")
tail()
local _ = type(1)
debug.sethook()
print(table.concat(evs, " "))
-- a hook can inspect the running function
local names = {}
debug.sethook(function(ev)
  local info = debug.getinfo(2, "n")
  if info and info.name then names[#names + 1] = info.name end
end, "c")
local function named() end
named()
debug.sethook()
print(table.concat(names, " "))
