-- Hook functions referenced only by the hook of another thread (set on a
-- suspended coroutine, or moved out with a coroutine at a switch) stay
-- alive through collections (in the GC-stress sample: minor collections
-- see them).
local n = 0
local co = coroutine.create(function() coroutine.yield() local x = 1 local y = 2 return "done" end)
coroutine.resume(co)
do
  local big = {}
  debug.sethook(co, function(e, l) n = n + 1 big[#big + 1] = l end, "l")
end
collectgarbage() collectgarbage()
print(debug.gethook(co) ~= nil, debug.gethook() == nil)
print(coroutine.resume(co))
print(n)
local co2 = coroutine.wrap(function() debug.sethook(function() n = n + 100 end, "", 1) coroutine.yield() local z = 1 return 1 end)
co2() collectgarbage() collectgarbage() co2()
print(n > 100, debug.gethook() == nil)
