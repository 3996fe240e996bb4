-- Debug hooks as lua5.4 runs them: a hook function's own instructions count
-- toward the next count event, the current line in a count hook is the
-- instruction about to run, VARARGPREP and the RETURN after a tail call of a
-- native function are not traced, hooks belong to one thread, and after a
-- hook function returns line tracking restarts at the interrupted instruction.
print('== hk')
do
local calls = 0
local function h() calls = calls + 1 local x = 0 for i = 1, 3 do x = x + i end end
debug.sethook(h, "", 7)
local s = 0
for i = 1, 1000 do s = s + i end
debug.sethook()
print(calls, s)
local lines = {}
debug.sethook(function(e, l) lines[#lines+1] = l end, "l", 5)
local y = 0
for i = 1, 3 do
  y = y + i
end
debug.sethook()
print(table.concat(lines, " "))
end
print('== hk2')
do
local L = {}
local function f(...)
  local a = 1
  local b = a + 1
  return b
end
local function g(x)
  return x * 2
end
debug.sethook(function() L[#L+1] = debug.getinfo(2, 'l').currentline end, '', 1)
f(1)
g(2)
local t = {}
for i = 1, 2 do t[i] = i end
debug.sethook()
print(table.concat(L, ' '))
end
print('== hk3')
do
local L = {}
local function f(...) return 1 end
local function g(x) return x end
local function h(...)
  return 1
end
debug.sethook(function(e, l) L[#L+1] = e:sub(1,2) .. (l or debug.getinfo(2, 'l').currentline) end, 'lcr', 3)
f(1) g(2) h(3)
local co = coroutine.wrap(function(...) local x = ... ; coroutine.yield(x) return 2 end)
co(1) co()
for i = 1, 2 do f() end
debug.sethook()
print(table.concat(L, ' '))
end
print('== hk4')
do
local L = {}
local function ev(e, l) L[#L+1] = e:sub(1,2) .. (l or debug.getinfo(2, 'l').currentline) end
debug.sethook(ev, '', 1)
xpcall(function()
  error("x")
end, function(m, ...)
  return {m, ...}
end)
xpcall(function()
  local y = nil + 1
end, function(m)
  return m
end)
pcall(string.rep)
debug.sethook()
print(table.concat(L, ' '))
end
print('== hk5')
do
local L = {}
local function ev(e, l) L[#L+1] = (debug.getinfo(2, 'l').currentline) end
local function f(...) return {...} end
local function g(...) return {xpcall(print, print), 1} end
debug.sethook(ev, '', 1)
local t = {}
local u = {1, 2, x = 3}
f(1, 2)
g()
local s = "a" .. "b" .. #t
debug.sethook()
print(#L, table.concat(L, ' '))
end
print('== hk6')
do
local L = {}
local function ev(e) L[#L+1] = e:sub(1,2) .. debug.getinfo(2, 'l').currentline end
local co0 = coroutine.create(function() local a = 1 coroutine.yield() local b = 2 return a + b end)
debug.sethook(ev, '', 2)
local co1 = coroutine.create(function() local a = 1 coroutine.yield() local b = 2 return a + b end)
coroutine.resume(co0) coroutine.resume(co1)
coroutine.resume(co0) coroutine.resume(co1)
print(debug.gethook(co0), debug.gethook(co1) ~= nil)
debug.sethook()
print(debug.gethook(co1) ~= nil)
print(table.concat(L, ' '))
end
print('== hk7')
do
local L = {}
local function g(x) return x end
local function h(...) return 1 end
local a, b, c, d, e, f, gg, hh, ii, jj, kk, ll, mm, nn
debug.sethook(function(e, l) L[#L+1] = e:sub(1,2) .. (l or debug.getinfo(2, 'l').currentline) end, 'lcr', 3)
a = 1 b = 2 c = 3 d = 4 e = 5 f = 6 g(2) h(3) gg = 7 hh = 8 ii = 9 jj = 10 kk = 11 ll = 12 mm = 13
debug.sethook()
print(table.concat(L, ' '))
end
print('== hk8')
do
local L = {}
local a, b, c, d, e, f, gg, hh, ii, jj, kk, ll, mm, nn
debug.sethook(function(e, l) L[#L+1] = e:sub(1,2) .. (l or '') end, 'l', 3)
a = 1 b = 2 c = 3 d = 4 e = 5 f = 6 gg = 7 hh = 8 ii = 9 jj = 10 kk = 11 ll = 12 mm = 13 nn = 14 a = 1 b = 2 c = 3 d = 4 e = 5
debug.sethook()
print(table.concat(L, ' '))
end
print('== hook name')
do
debug.sethook(function(e)
  debug.sethook()
  print(debug.traceback("tb", 1))
  local i = debug.getinfo(1, "n")
  print(i.name, i.namewhat)
end, "", 5)
local x = 0
for i = 1, 10 do x = x + i end
print(x)
end
