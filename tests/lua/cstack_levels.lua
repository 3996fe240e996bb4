-- The native call level (the reference's C-stack count) at many places:
-- room() counts how many nested pcalls still fit before 'C stack overflow'.
local function room()
  local n = 0
  local function f() n = n + 1; pcall(f) end
  pcall(f)
  return n
end
local R = {}
local function rec(name, v) R[#R+1] = name .. "=" .. tostring(v) end
rec("main", room())
rec("pcall", select(2, pcall(room)))
rec("pcallpcall", select(3, pcall(pcall, room)))
rec("xpcall", select(2, xpcall(room, print)))
rec("index", setmetatable({}, {__index = function() return room() end}).x)
rec("newindex", (function() local r; setmetatable({}, {__newindex = function() r = room() end}).x = 1; return r end)())
rec("call", setmetatable({}, {__call = function() return room() end})())
rec("eq", (function() local r; local mt = {__eq = function() r = room() return true end}; local _ = setmetatable({}, mt) == setmetatable({}, mt); return r end)())
rec("lt", (function() local r; local mt = {__lt = function() r = room() return true end}; local _ = setmetatable({}, mt) < setmetatable({}, mt); return r end)())
rec("le", (function() local r; local mt = {__le = function() r = room() return true end}; local _ = setmetatable({}, mt) <= setmetatable({}, mt); return r end)())
rec("le_via_lt", (function() local r; local mt = {__lt = function() r = room() return true end}; local _ = setmetatable({}, mt) <= setmetatable({}, mt); return r end)())
rec("add", (function() local r; local mt = {__add = function() r = room() return 1 end}; local _ = setmetatable({}, mt) + 1; return r end)())
rec("concat", (function() local r; local mt = {__concat = function() r = room() return 1 end}; local _ = setmetatable({}, mt) .. "x"; return r end)())
rec("len", (function() local r; local mt = {__len = function() r = room() return 1 end}; local _ = #setmetatable({}, mt); return r end)())
rec("unm", (function() local r; local mt = {__unm = function() r = room() return 1 end}; local _ = -setmetatable({}, mt); return r end)())
rec("close", (function() local r; do local x <close> = setmetatable({}, {__close = function() r = room() end}) end; return r end)())
rec("tforcall", (function() local r; for _ in function() r = room() return nil end do end; return r end)())
rec("tostring", (function() local r; tostring(setmetatable({}, {__tostring = function() r = room() return "" end})); return r end)())
rec("format", (function() local r; string.format("%s", setmetatable({}, {__tostring = function() r = room() return "" end})); return r end)())
rec("sort", (function() local r; table.sort({3,2,1}, function(a, b) r = room() return a < b end); return r end)())
rec("gsub", (function() local r; string.gsub("a", "a", function() r = room() end); return r end)())
rec("gsub_tbl_index", (function() local r; string.gsub("a", "a", setmetatable({}, {__index = function() r = room() end})); return r end)())
rec("pairs", (function() local r; pairs(setmetatable({}, {__pairs = function() r = room() return next, {} end})); return r end)())
rec("ipairs_index", (function() local r; for _ in ipairs(setmetatable({}, {__index = function() r = room() end})) do end; return r end)())
rec("concat_index", (function() local r; pcall(table.concat, setmetatable({}, {__index = function() r = room() return "" end, __len = function() return 1 end})); return r end)())
rec("load_reader", (function() local r; local d = false; load(function() if not d then d = true r = room() return "return 1" end end); return r end)())
rec("co_resume", select(2, coroutine.resume(coroutine.create(room))))
rec("co_wrap", coroutine.wrap(room)())
rec("co_wrap2", coroutine.wrap(function() return coroutine.wrap(room)() end)())
rec("co_in_index", setmetatable({}, {__index = function() return coroutine.wrap(room)() end}).x)
rec("co_after_yield", (function() local co = coroutine.wrap(function() coroutine.yield() return room() end) co() return co() end)())
rec("handler", select(2, xpcall(error, function() return room() end)))
rec("handler_nested", select(2, xpcall(function() local t = setmetatable({}, {__index = function() error("x") end}) return t.x end, function() return room() end)))
rec("handler_in_pcall", select(2, pcall(function() return select(2, xpcall(error, function() return room() end)) end)))
rec("dofile_str", (function() return load("return ...")(room()) end)())
rec("hook", (function() local r; debug.sethook(function() r = r or room() end, "", 1); local x = 1; debug.sethook(); return r end)())
rec("callhook", (function() local r; debug.sethook(function() r = r or room() end, "c"); local x = math.abs(1); debug.sethook(); return r end)())
rec("gc", (function() local r; setmetatable({}, {__gc = function() r = r or room() end}); collectgarbage(); return r end)())
rec("select_native", select('#', room()))
rec("tforcall_native_wrap", (function() local r; for _ in coroutine.wrap(function() r = room() end) do end; return r end)())
rec("error_obj_tostring", (function() local r; pcall(error, setmetatable({}, {__tostring = function() r = room() return "" end})); return r end)())
rec("require_like_loadstring", (function() return load("return ...", "x")(room()) end)())
rec("string_method", (function() local r; getmetatable("").__index = setmetatable({}, {__index = function(_, k) r = room() return string[k] end}); local _ = ("x"):upper(); getmetatable("").__index = string; return r end)())
-- After a yield, the frames that counted as native levels inside a coroutine
-- (pcall, metamethods, iterators) no longer count: the resumed coroutine's
-- level starts again from its resumer's, as in lua5.4.
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
