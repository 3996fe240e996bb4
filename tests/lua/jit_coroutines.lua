-- JIT: coroutines yielding from inside hot loops at several call depths.

-- yield directly from a hot loop
local co = coroutine.create(function(n)
  local s = 0
  for i = 1, n do
    s = s + i
    if i % 100 == 0 then
      local got = coroutine.yield(i, s)
      s = s + (got or 0)
    end
  end
  return "done", s
end)
local out = {}
local ok, a, b = coroutine.resume(co, 500)
while coroutine.status(co) ~= "dead" do
  out[#out + 1] = tostring(a) .. ":" .. tostring(b)
  ok, a, b = coroutine.resume(co, 1000)
end
print("direct", table.concat(out, " "), ok, a, b)

-- yield from depth 3, loops hot at every level
local function level3(i)
  local t = 0
  for k = 1, 50 do t = t + k end
  if i % 50 == 0 then t = t + coroutine.yield("l3", i) end
  return t
end
local function level2(i)
  local s = 0
  for k = 1, 3 do s = s + level3(i * 3 + k) end
  return s
end
local function level1(n)
  local total = 0
  for i = 1, n do total = total + level2(i) end
  return total
end
local gen = coroutine.create(level1)
local ys = {}
local r = {coroutine.resume(gen, 200)}
while coroutine.status(gen) == "suspended" do
  ys[#ys + 1] = r[3]
  r = {coroutine.resume(gen, #ys)}
end
print("depth3", #ys, table.concat(ys, ","), r[1], r[2])

-- coroutine.wrap generators in for loops
local function range(n, step)
  return coroutine.wrap(function()
    for i = 1, n, step do coroutine.yield(i, i * i) end
  end)
end
local sum, sq = 0, 0
for i, s2 in range(1000, 3) do sum = sum + i; sq = sq + s2 end
print("wrap range", sum, sq)

local function leaves(tree)
  return coroutine.wrap(function()
    local function walk(t)
      if type(t) == "table" then
        for _, c in ipairs(t) do walk(c) end
      else
        coroutine.yield(t)
      end
    end
    walk(tree)
  end)
end
local tree = {}
for i = 1, 30 do
  local node = {}
  for j = 1, 10 do node[j] = {i * 100 + j} end
  tree[i] = node
end
local cnt, lsum = 0, 0
for leaf in leaves(tree) do cnt = cnt + 1; lsum = lsum + leaf end
print("tree leaves", cnt, lsum)

-- a pipeline of generators (producer -> filter -> consumer)
local function producer(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local function filter(src, pred)
  return coroutine.wrap(function()
    for v in src do if pred(v) then coroutine.yield(v) end end
  end)
end
local function map(src, f)
  return coroutine.wrap(function() for v in src do coroutine.yield(f(v)) end end)
end
local acc = {}
for v in map(filter(producer(2000), function(x) return x % 7 == 0 end), function(x) return x / 2 end) do
  if #acc < 5 or v > 995 then acc[#acc + 1] = v end
end
print("pipeline", table.concat(acc, " "))

-- values passed both ways
local echo = coroutine.create(function(...)
  local args = {...}
  local n = 0
  while true do
    local total = 0
    for i = 1, #args do total = total + args[i] end
    n = n + 1
    args = {coroutine.yield(total, n, select('#', table.unpack(args)))}
    if #args == 0 then return "end", n end
  end
end)
local res = {}
for i = 1, 300 do
  local args = {}
  for k = 1, i % 7 + 1 do args[k] = i * k end
  local _, t, n, c = coroutine.resume(echo, table.unpack(args))
  if i % 60 == 0 then res[#res + 1] = t .. "/" .. n .. "/" .. c end
end
print("both ways", table.concat(res, " "), coroutine.resume(echo))

-- yield across pcall (allowed in 5.4), and errors inside the pcall
local yp = coroutine.create(function()
  local log = {}
  for i = 1, 300 do
    local ok, v = pcall(function()
      local got = coroutine.yield(i)
      if got == "bad" then error("bad value at " .. i, 0) end
      return got * 2
    end)
    if not ok then log[#log + 1] = v elseif i % 100 == 0 then log[#log + 1] = v end
  end
  return table.concat(log, ";")
end)
local last
local step = 0
ok, last = coroutine.resume(yp)
while coroutine.status(yp) == "suspended" do
  step = step + 1
  ok, last = coroutine.resume(yp, (step % 75 == 0) and "bad" or step)
end
print("yield across pcall", ok, last)

-- yield across xpcall with a handler
local yx = coroutine.wrap(function()
  local n = 0
  for i = 1, 200 do
    local ok, v = xpcall(function()
      coroutine.yield(i)
      if i % 100 == 0 then local z = nil; return z.field end
      return i
    end, function(m) return "H:" .. m end)
    if not ok then n = n + 1; coroutine.yield(v) end
  end
  return "xp done", n
end)
local msgs = {}
while true do
  local a1, a2 = yx()
  if type(a1) == "string" then
    msgs[#msgs + 1] = a1
    if a1 == "xp done" then msgs[#msgs + 1] = a2; break end
  end
end
print("yield across xpcall", table.concat(msgs, " | "))

-- errors inside coroutines from hot loops
local ec = coroutine.create(function(n)
  local s = 0
  for i = 1, n do
    if i % 100 == 0 then coroutine.yield(s) end
    local v = i
    if i == n then v = nil end
    s = s + v
  end
end)
local seen = {}
repeat
  local ok2, v = coroutine.resume(ec, 350)
  seen[#seen + 1] = tostring(ok2) .. ":" .. tostring(v)
until coroutine.status(ec) == "dead"
print("error in coroutine", table.concat(seen, " "))
print("resume dead", coroutine.resume(ec))

local w = coroutine.wrap(function()
  for i = 1, 300 do if i == 300 then error({code = i}) end end
end)
local ok3, e3 = pcall(w)
print("wrap error object", ok3, type(e3), e3.code)
local w2 = coroutine.wrap(function()
  for i = 1, 300 do if i == 300 then local t = nil; return t.x end end
end)
print("wrap error string", pcall(w2))

-- coroutine.close after yielding from a hot loop, with a to-be-closed variable
local closed = {}
local cc = coroutine.create(function()
  local guard <close> = setmetatable({}, {__close = function() closed[#closed + 1] = "closed" end})
  for i = 1, 1000 do if i % 250 == 0 then coroutine.yield(i) end end
end)
print("before close", coroutine.resume(cc))
print("close", coroutine.close(cc), coroutine.status(cc), closed[1])

-- isyieldable / running inside hot loops
local flags = {}
local rc = coroutine.wrap(function()
  local yes = 0
  for i = 1, 300 do if coroutine.isyieldable() then yes = yes + 1 end end
  local _, main = coroutine.running()
  flags[#flags + 1] = yes
  flags[#flags + 1] = tostring(main)
end)
rc()
local _, ismain = coroutine.running()
print("isyieldable", flags[1], flags[2], coroutine.isyieldable(), ismain)

-- many coroutines alive at once, resumed round-robin
local cos = {}
for k = 1, 20 do
  cos[k] = coroutine.create(function()
    local s = 0
    for i = 1, 100 do s = s + i * k; coroutine.yield(s) end
    return -s
  end)
end
local totals = {}
for round = 1, 101 do
  for k = 1, 20 do
    local _, v = coroutine.resume(cos[k])
    totals[k] = v
  end
end
print("round robin", totals[1], totals[10], totals[20], coroutine.status(cos[1]))

-- yields from inside metamethods and a generic-for iterator called from a hot loop
local Y = coroutine.yield
local ymt = {
  __index = function(t, k) return Y("idx", k) end,
  __newindex = function(t, k, v) Y("nidx", k, v) end,
  __add = function(a, b) return Y("add") end,
  __lt = function(a, b) return Y("lt") end,
  __le = function(a, b) return Y("le") end,
  __eq = function(a, b) return Y("eq") end,
  __len = function(a) return Y("len") end,
  __concat = function(a, b) return Y("concat") end,
  __unm = function(a) return Y("unm") end,
  __call = function(self, x) return Y("call", x) end,
}
local mco = coroutine.wrap(function()
  local o = setmetatable({}, ymt)
  local o2 = setmetatable({}, ymt)
  local acc = {}
  for i = 1, 300 do
    local a = o.field
    o.x = i
    local b = o + i
    local c = (o < o2) and 1 or 0
    local d = (o <= o2) and 1 or 0
    local e = (o == o2) and 1 or 0
    local f = #o
    local g = o .. "s"
    local h = -o
    local j = o(i)
    local s = 0
    for _, v in function(st, c) if c < 3 then return Y("iter", c) end end, nil, 0 do s = s + v end
    if i % 100 == 0 then acc[#acc + 1] = table.concat({a, b, c, d, e, f, g, h, j, s}, ",") end
  end
  return "END", table.concat(acc, " | ")
end)
local mlog = {}
local mv = {mco()}
local mn = 0
while mv[1] ~= "END" do
  mn = mn + 1
  local tag = mv[1]
  mlog[tag] = (mlog[tag] or 0) + 1
  local reply
  if tag == "lt" or tag == "le" then reply = (mn % 3 == 0)
  elseif tag == "eq" then reply = (mn % 2 == 0)
  elseif tag == "iter" then reply = mv[2] + 1
  else reply = mn end
  if tag == "iter" then mv = {mco(reply, reply * 10)} else mv = {mco(reply)} end
end
print("metamethod yields", mn, mv[2])
local mkeys = {}
for k2, c2 in pairs(mlog) do mkeys[#mkeys + 1] = k2 .. "=" .. c2 end
table.sort(mkeys)
print("metamethod yield log", table.concat(mkeys, " "))
