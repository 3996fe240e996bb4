local function f(a, b, ...)
  local x = 10
  local info = debug.getinfo(1, "nSlutf")
  print(info.name, info.namewhat, info.what, info.short_src, info.linedefined, info.lastlinedefined, info.currentline, info.nups, info.nparams, info.isvararg, info.istailcall, info.func == f)
  print(debug.getlocal(1, 1), debug.getlocal(1, 2), debug.getlocal(1, 3), (debug.getlocal(1, 4)))
  print(debug.getlocal(1, -1))
  print(debug.setlocal(1, 3, 99), x)
  local caller = debug.getinfo(2, "Sl")
  print(caller.what, caller.currentline)
  return info
end
f(1, 2, "va")
local up1, up2 = 5, 6
local function g() return up1 + up2 end
print(debug.getupvalue(g, 1), debug.getupvalue(g, 2), debug.getupvalue(g, 3))
print(debug.setupvalue(g, 1, 50), g())
print(debug.getinfo(print).what, debug.getinfo(print).short_src, debug.getinfo(print, "S").source)
print(pcall(debug.getinfo, 1, ">"))
print(debug.getinfo(100))
local t = debug.getinfo(f, "L")
local lines = {} for l in pairs(t.activelines) do lines[#lines+1] = l end table.sort(lines) print(table.concat(lines, ","))
print(debug.traceback("msg", 1))
print(debug.traceback(123))
print(type(debug.upvalueid(g, 1)), debug.upvalueid(g, 1) == debug.upvalueid(g, 1))
local function h() return up1 end
print(debug.upvalueid(g, 1) == debug.upvalueid(h, 1))
debug.upvaluejoin(g, 2, h, 1)
print(g())
print(debug.getlocal(f, 1), debug.getlocal(f, 2), debug.getlocal(f, 3))
local co = coroutine.create(function(x) local y = x * 2; coroutine.yield(y) end)
coroutine.resume(co, 4)
print(debug.traceback(co))
print(debug.gethook())
print(getmetatable("").__index == string, debug.getmetatable(1))
