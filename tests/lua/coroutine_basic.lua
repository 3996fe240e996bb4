-- Coroutine basics: create, resume, yield, status, wrap, running, isyieldable.

local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "finished", d + e
end)
print(type(co), coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))
print(coroutine.resume(co))

-- yield with no values / many values, resume with none
local multi = coroutine.create(function(...)
  local n = select("#", ...)
  local r = table.pack(coroutine.yield())
  local s = table.pack(coroutine.yield(1, nil, 3, nil))
  return n, r.n, s.n
end)
print(coroutine.resume(multi, nil, nil))
print(coroutine.resume(multi))
print(coroutine.resume(multi, "a", "b", nil))

-- wrap returns a function; results come without the status boolean
local gen = coroutine.wrap(function(n)
  for i = 1, n do coroutine.yield(i) end
  return "done"
end)
print(gen(3), gen(), gen(), gen())

-- generators with wrap in a for loop
local function range(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local acc = {}
for i in range(5) do acc[#acc + 1] = i end
print(table.concat(acc, ","))

-- running and isyieldable
local main, ismain = coroutine.running()
print(type(main), ismain, coroutine.isyieldable())
local inner
inner = coroutine.create(function()
  local me, im = coroutine.running()
  print("inside", coroutine.status(me), im, coroutine.isyieldable(), me == inner)
  print("main seen from inside", coroutine.status(main))
end)
coroutine.resume(inner)
print(coroutine.isyieldable(main), coroutine.status(inner))

-- status "normal" for a coroutine that resumed another
local outerco
outerco = coroutine.create(function()
  local innerco = coroutine.create(function() return coroutine.status(outerco) end)
  return coroutine.resume(innerco)
end)
print(coroutine.resume(outerco))

-- producer / consumer
local producer = coroutine.create(function()
  for _, item in ipairs({"a", "b", "c"}) do coroutine.yield(item) end
  return nil
end)
local items = {}
while true do
  local ok, item = coroutine.resume(producer)
  if not item then break end
  items[#items + 1] = item
end
print(table.concat(items), coroutine.status(producer))

-- coroutines keep their own locals between resumes
local counter = coroutine.wrap(function()
  local n = 0
  while true do n = n + 1; coroutine.yield(n) end
end)
print(counter(), counter(), counter())

-- coroutine.close on suspended and dead coroutines
local closable = coroutine.create(function() coroutine.yield() end)
coroutine.resume(closable)
print(coroutine.close(closable), coroutine.status(closable))
print(coroutine.close(coroutine.create(print)))
local finished = coroutine.create(function() end)
coroutine.resume(finished)
print(coroutine.close(finished))
-- closing a coroutine that died with an error returns false and the error
local failed = coroutine.create(function() error("oops") end)
print(coroutine.resume(failed))
print(coroutine.close(failed))
print(pcall(coroutine.close, coroutine.running()))

-- resuming with a table of values, nested coroutines
local nested = coroutine.wrap(function()
  local sub = coroutine.wrap(function() coroutine.yield("sub1"); coroutine.yield("sub2") end)
  coroutine.yield(sub()); coroutine.yield(sub()); coroutine.yield("outer")
end)
print(nested(), nested(), nested())

-- coroutine.resume argument checks
print(pcall(coroutine.resume, 1))
print(pcall(coroutine.status, nil))
print(pcall(coroutine.create, 1))
print(pcall(coroutine.wrap))
