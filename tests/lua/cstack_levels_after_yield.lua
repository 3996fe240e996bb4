-- After a yield, the frames that counted as native levels inside a coroutine
-- (pcall, metamethods, iterators) no longer count: the resumed coroutine's
-- level starts again from its resumer's, as in lua5.4.
local function room()
  local n = 0
  local function f() n = n + 1; pcall(f) end
  pcall(f)
  return n
end
local R = {}
local function rec(name, v) R[#R+1] = name .. "=" .. tostring(v) end
-- yield inside pcall, then measure after resume (still inside the pcall) and after it returns
local co = coroutine.wrap(function()
  local r1
  pcall(function() coroutine.yield() r1 = room() end)
  return r1, room()
end)
co()
local a, b = co()
rec("in_pcall_after_yield", a) rec("after_pcall_after_yield", b)
-- yield inside __index metamethod
local co2 = coroutine.wrap(function()
  local t = setmetatable({}, {__index = function() coroutine.yield() return room() end})
  local v = t.x
  return v, room()
end)
co2()
local c, d = co2()
rec("in_index_after_yield", c) rec("after_index_after_yield", d)
-- two levels of pcall, yield, resume from a deeper level
local co3 = coroutine.wrap(function()
  local r
  pcall(pcall, function() coroutine.yield() r = room() end)
  return r, room()
end)
co3()
local e, f = (function() return select(2, pcall(co3)) end)()
rec("deep_resume", e)
-- iterator yield
local co4 = coroutine.wrap(function()
  local r
  for x in function(s, c) if not c then coroutine.yield() r = room() return 1 end end do end
  return r, room()
end)
co4()
local g, h = co4()
rec("tfor_after_yield", g) rec("after_tfor", h)
print(table.concat(R, "\n"))
