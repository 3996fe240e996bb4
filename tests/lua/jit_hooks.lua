-- JIT: debug hooks installed and removed from inside hot loops, and debug
-- introspection (currentline, getlocal) from compiled code.

local function sorted_counts(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. t[k] end
  return table.concat(out, " ")
end

-- a line hook set at iteration 100 and removed at iteration 200
local function line_hook_loop()
  local lines = {}
  local s = 0
  for i = 1, 400 do
    if i == 100 then
      debug.sethook(function(ev, line) lines[line] = (lines[line] or 0) + 1 end, "l")
    end
    s = s + i
    if i % 2 == 0 then
      s = s - 1
    end
    if i == 200 then debug.sethook() end
  end
  return s, lines
end
local s, lines = line_hook_loop()
print("line hook", s, sorted_counts(lines), debug.gethook())
-- again, now that the function has run before
s, lines = line_hook_loop()
print("line hook again", s, sorted_counts(lines))

-- a count hook: only check that it fired and stops after removal
local function count_hook_loop()
  local fired = 0
  local after = 0
  local removed = false
  local x = 0
  for i = 1, 20000 do
    if i == 5000 then
      debug.sethook(function() if removed then after = after + 1 else fired = fired + 1 end end, "", 10)
    end
    x = x + i % 3
    if i == 10000 then debug.sethook(); removed = true end
  end
  return x, fired, after
end
local x, fired, after = count_hook_loop()
print("count hook", x, fired > 100, fired < 20000, after)

-- the same function counted by a count hook and a line hook while it is
-- still cold and again once it is hot: the counts must not change
local function counted(n)
  local s = 0
  for i = 1, n do
    if i % 3 == 0 then s = s + i else s = s - 1 end
  end
  return s
end
local function hook_counts(period)
  local c, l = 0, 0
  debug.sethook(function() c = c + 1 end, "", period)
  local r1 = counted(100)
  debug.sethook()
  debug.sethook(function() l = l + 1 end, "l")
  local r2 = counted(100)
  debug.sethook()
  return c, l, r1 + r2
end
local c1, l1, r1 = hook_counts(1)
local c7, l7 = hook_counts(7)
for _ = 1, 50 do counted(1000) end
local c2, l2, r2 = hook_counts(1)
local c8, l8 = hook_counts(7)
print("cold vs hot counts", c1 == c2, l1 == l2, c7 == c8, l7 == l8, r1 == r2, c1 > 100, l1 > 100)

-- call/return hooks around calls made from a hot loop
local function callee(i) return i + 1 end
local function call_hook_loop()
  local ev = {}
  local t = 0
  for i = 1, 300 do
    if i == 150 then
      debug.sethook(function(e)
        local info = debug.getinfo(2, "S")
        if info.short_src == "jit_hooks.lua" and info.what == "Lua" then
          ev[e] = (ev[e] or 0) + 1
        end
      end, "cr")
    end
    t = callee(t)
    if i == 160 then debug.sethook() end
  end
  return t, ev
end
local t, ev = call_hook_loop()
print("call hook", t, sorted_counts(ev))

-- a hook that reads the hot function's locals
local function local_hook_loop()
  local seen = {}
  local acc = 0
  for i = 1, 300 do
    acc = acc + i
    if i == 250 then
      debug.sethook(function(e, line)
        local names = {}
        for k = 1, 20 do
          local name, value = debug.getlocal(2, k)
          if not name then break end
          if name:sub(1, 1) ~= "(" and (type(value) == "number") then
            names[#names + 1] = name .. ":" .. value
          end
        end
        seen[#seen + 1] = line .. "[" .. table.concat(names, ",") .. "]"
      end, "l")
    end
    if i == 251 then debug.sethook() end
  end
  return acc, seen
end
local acc, seen = local_hook_loop()
print("locals via hook", acc)
for _, v in ipairs(seen) do print("  ", v) end

-- currentline and getlocal from inside a hot loop (no hook)
local function introspect()
  local cur = {}
  local vals = {}
  for i = 1, 500 do
    local here = debug.getinfo(1, "l").currentline
    local sq = i * i
    cur[here] = (cur[here] or 0) + 1
    if i % 100 == 0 then
      local found = {}
      for k = 1, 20 do
        local name, value = debug.getlocal(1, k)
        if not name then break end
        if name == "i" or name == "sq" or name == "here" then found[#found + 1] = name .. "=" .. tostring(value) end
      end
      vals[#vals + 1] = table.concat(found, ",")
    end
  end
  return cur, vals
end
local cur, vals = introspect()
print("currentline", sorted_counts(cur))
print("getlocal", table.concat(vals, " "))

-- setlocal from a hook changes a hot loop's variable
local function setlocal_loop()
  local bonus = 0
  local total = 0
  for i = 1, 300 do
    if i == 200 then
      debug.sethook(function()
        for k = 1, 20 do
          local name = debug.getlocal(2, k)
          if not name then break end
          if name == "bonus" then debug.setlocal(2, k, 1000) end
        end
        debug.sethook()
      end, "l")
    end
    total = total + i + bonus
  end
  return total, bonus
end
print("setlocal", setlocal_loop())

-- traceback from inside a hot loop three calls deep
local function tb3() local s = 0 for i = 1, 300 do s = s + i end return debug.traceback("tb", 1) end
local function tb2() local r = tb3() return r end
local function tb1() local r = tb2() return r end
print(tb1())

-- getinfo on the functions of the hot loop
local function info_loop()
  local names = {}
  for i = 1, 300 do
    local info = debug.getinfo(1, "nSl")
    if i == 300 then
      names[#names + 1] = tostring(info.name)
      names[#names + 1] = info.what
      names[#names + 1] = info.short_src
      names[#names + 1] = tostring(info.linedefined)
      names[#names + 1] = tostring(info.currentline)
    end
  end
  return table.concat(names, " ")
end
print("getinfo", info_loop())

-- hook still running after the loop turns hot, removed at the end
local total_lines = 0
debug.sethook(function() total_lines = total_lines + 1 end, "l")
local z = 0
for i = 1, 1000 do
  z = z + i
end
debug.sethook()
print("main hook", z, total_lines)
