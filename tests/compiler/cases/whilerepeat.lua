local a, b = ...
while a do a = a.next end
while true do break end
while a < b do a = a + 1 if a == 5 then break end end
while not a do end
while a and b do b = nil end
repeat a = a - 1 until a <= 0
repeat local x = a; a = x until x
repeat local y = a; local fn = function() return y end until y
repeat local z = a; if z then break end until false
repeat until true
repeat local w = 1 until w == 1 and (function() return w end)()
while a do
  while b do
    if a then break end
  end
  break
end
repeat
  local c = a
  do local d = c; f = function() return d end end
until c
