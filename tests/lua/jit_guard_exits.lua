-- JIT: one hot loop per instruction kind whose fast path stops applying
-- midway (so compiled code must leave to the interpreter and come back).

local function strip(e) return (tostring(e):gsub("^[^:]*:%d+: ", "")) end

-- arithmetic on a numeric string midway
local function arith_string()
  local s, out = 0, {}
  for i = 1, 400 do
    local v = (i % 97 == 0) and tostring(i) or i
    s = s + v * 2 - v // 3 + v % 5
    if i % 100 == 0 then out[#out + 1] = s end
  end
  print("arith string", table.concat(out, " "), math.type(s))
end
arith_string()

-- comparing a number with a string raises; caught per iteration
local function cmp_string()
  local ok_n, err_n, last = 0, 0, nil
  for i = 1, 400 do
    local other = (i % 50 == 0) and "x" or i - 1
    local ok, e = pcall(function() return i < other end)
    if ok then ok_n = ok_n + 1 else err_n = err_n + 1; last = strip(e) end
  end
  print("cmp string", ok_n, err_n, last)
  local sless = 0
  for i = 1, 400 do
    local a, b = tostring(i), tostring(400 - i)
    if a < b then sless = sless + 1 end
    if a <= b then sless = sless + 1 end
  end
  print("string order", sless)
end
cmp_string()

-- indexing a non-table midway
local function index_nontable()
  local items = {}
  for i = 1, 300 do items[i] = (i % 100 == 0) and i or {v = i} end
  items[150] = "str"
  local sum, errs = 0, {}
  for i = 1, 300 do
    local ok, e = pcall(function() return items[i].v end)
    if ok then sum = sum + (e or 0) else errs[#errs + 1] = strip(e) end
  end
  print("index nontable", sum, #errs)
  for _, e in ipairs(errs) do print("  err", e) end
  -- string indexing goes through the string metatable
  local n = 0
  for i = 1, 300 do
    local s = items[150]
    n = n + s:len() + #s.upper(s)
  end
  print("string methods", n)
end
index_nontable()

-- GETFIELD that misses and goes to __index (table and function forms)
local function getfield_index()
  local base = {x = 1, y = 2}
  local obj = setmetatable({x = 10}, {__index = base})
  local fobj = setmetatable({}, {__index = function(t, k) return k == "x" and 100 or nil end})
  local s, calls = 0, 0
  for i = 1, 400 do
    local o = (i > 200) and fobj or obj
    s = s + o.x + (o.y or 0)
    if i == 300 then obj.y = 5 end
    if i == 350 then base.y = 7 end
  end
  print("getfield index", s)
  -- chain of __index tables, then a field added to the front
  local a = {deep = "a"}
  local b = setmetatable({}, {__index = a})
  local c = setmetatable({}, {__index = b})
  local seen = {}
  for i = 1, 300 do
    local v = c.deep
    if i == 100 then b.deep = "b" end
    if i == 200 then c.deep = "c" end
    if i % 100 == 0 or i % 100 == 1 then seen[#seen + 1] = v end
  end
  print("chain", table.concat(seen, " "))
end
getfield_index()

-- SETFIELD that triggers __newindex (only for absent keys)
local function setfield_newindex()
  local store = {}
  local log = 0
  local t = setmetatable({}, {__newindex = function(t, k, v) log = log + 1; rawset(store, k, v) end})
  for i = 1, 400 do
    t.a = i
    if i == 200 then rawset(t, "a", 0) end
    t[i % 10] = i
  end
  print("newindex", log, rawget(t, "a"), store.a, store[0], rawget(t, 3))
  local proxy = setmetatable({}, {__newindex = store})
  for i = 1, 300 do proxy["k" .. (i % 3)] = i end
  print("newindex table", store.k0, store.k1, store.k2, next(proxy))
end
setfield_newindex()

-- a metatable attached midway through a loop that writes and reads the table
local function metatable_midway()
  local t = {}
  local log = {}
  for i = 1, 300 do
    if i == 150 then
      setmetatable(t, {
        __newindex = function(tt, k, v) log[#log + 1] = k; rawset(tt, k, type(v) == "number" and v * 10 or v) end,
        __index = function(tt, k) return "miss" .. tostring(k) end})
    end
    t[i] = i
    t["s" .. (i % 5)] = i
    t[i + 0.5] = i
    t[-i] = t[i - 1000]
  end
  print("metatable midway", #log, log[1], log[2], log[3], log[#log], t[149], t[150], t[300], t.s0,
    t[1.5], t[150.5], t[-1], t[-200])
end
metatable_midway()

-- # on a table with __len, on a plain table and on a string
local function lengths()
  local plain = {}
  local lt = setmetatable({}, {__len = function(t) return 42 end})
  local total = 0
  local out = {}
  for i = 1, 400 do
    plain[#plain + 1] = i
    local x = (i % 4 == 0) and lt or ((i % 4 == 1) and plain or ("s"):rep(i % 7))
    total = total + #x
    if i % 100 == 0 then out[#out + 1] = total end
  end
  print("lengths", table.concat(out, " "), #plain)
end
lengths()

-- for loops with float steps and float accumulation
local function floatloops()
  local n, acc = 0, 0
  for x = 0, 10, 0.25 do n = n + 1; acc = acc + x end
  print("float step", n, acc)
  n, acc = 0, 0
  for x = 1, 0, -0.1 do n = n + 1; acc = acc + x end
  print("float down", n, string.format("%.10f", acc))
  n = 0
  for x = 1, 3.5 do n = n + 1; acc = x end
  print("int start float limit", n, acc, math.type(acc))
  n = 0
  for x = 1.0, 3 do n = n + 1; acc = x end
  print("float start", n, acc, math.type(acc))
  local s = 0.0
  for i = 1, 1000 do s = s + 0.1 end
  print("sum 0.1", string.format("%.17g", s), s == 100)
  local p = 1.0
  for i = 1, 500 do p = p * 1.01 end
  print("product", string.format("%.6f", p))
  n = 0
  for i = math.maxinteger - 3, math.maxinteger do n = n + 1 end
  print("near maxint", n)
  n = 0
  for i = math.mininteger, math.mininteger + 2 do n = n + 1 end
  for i = math.mininteger + 2, math.mininteger, -1 do n = n + 1 end
  print("near minint", n)
  n = 0
  for i = 1, 0 do n = n + 1 end
  for i = 5, 1, 1 do n = n + 1 end
  print("empty loops", n)
  local ok, e = pcall(function() for i = 1, 10, 0 do end end)
  print("zero step", ok, strip(e))
  ok, e = pcall(function() for i = 1, "x" do end end)
  print("bad limit", ok, strip(e))
  n = 0
  for i = 1, 3 do local j = i; i = i * 10; n = n + i + j end
  print("assign control", n)
end
floatloops()
floatloops()

-- generic for over tables modified in the loop (existing fields only)
local function generic_modify()
  local t = {}
  for i = 1, 300 do t[i] = i end
  local s = 0
  for i, v in ipairs(t) do
    t[i] = v * 2
    if i < 300 then t[i + 1] = t[i + 1] + 1 end
    s = s + v
  end
  print("ipairs modify", s, t[1], t[2], t[300])
  local h = {}
  for i = 1, 200 do h["k" .. i] = i end
  local sum, cnt = 0, 0
  for k, v in pairs(h) do
    h[k] = v + 1000
    cnt = cnt + 1
    sum = sum + v
  end
  local after = 0
  for k, v in pairs(h) do after = after + v end
  print("pairs modify", cnt, sum, after)
  cnt = 0
  for k, v in next, h do
    if cnt % 2 == 0 then h[k] = nil end
    cnt = cnt + 1
  end
  local left = 0
  for _ in pairs(h) do left = left + 1 end
  print("next clear", cnt, left)
  -- ipairs stops at the first nil written during the loop
  local arr = {}
  for i = 1, 300 do arr[i] = i end
  local last = 0
  for i, v in ipairs(arr) do
    last = i
    if i == 250 then arr[251] = nil end
  end
  print("ipairs hole", last)
  -- ipairs respects __index
  local pr = setmetatable({}, {__index = function(t, i) if i <= 300 then return i * i end end})
  local q = 0
  for i, v in ipairs(pr) do q = q + v end
  print("ipairs __index", q)
end
generic_modify()

-- upvalue reads and writes inside loops
local function upvalues()
  local count = 0
  local total = 0.0
  local function bump(k) count = count + 1; total = total + k / 2 end
  for i = 1, 400 do bump(i) end
  print("upvalue write", count, total)
  local function mk()
    local n = 0
    return function() n = n + 1; return n end, function() return n end
  end
  local inc, get = mk()
  local seen = {}
  for i = 1, 300 do
    local v = inc()
    if v % 100 == 0 then seen[#seen + 1] = get() end
  end
  print("shared upvalue", table.concat(seen, " "))
  local x = 1
  for i = 1, 300 do
    x = (i % 3 == 0) and "s" .. i or i
  end
  print("upvalue type change", x)
end
upvalues()

-- closures created in loops capturing loop variables
local function closures()
  local fs = {}
  for i = 1, 300 do
    local j = i * 2
    fs[i] = function(d) j = j + d; return i, j end
  end
  local a, b = fs[1](1)
  local c, d = fs[300](1)
  local e, f = fs[1](1)
  print("closures", a, b, c, d, e, f)
  local gs = {}
  for k, v in ipairs({"a", "b", "c"}) do gs[k] = function() return k .. v end end
  print("generic closures", gs[1](), gs[2](), gs[3]())
  local hs = {}
  local i = 1
  while i <= 300 do
    local cap = i
    hs[#hs + 1] = function() return cap + i end
    i = i + 1
  end
  print("while closures", hs[1](), hs[300]())
end
closures()

-- varargs and select('#')
local function varargs()
  local function count(...) return select('#', ...) end
  local function last(...) local n = select('#', ...); return (select(n, ...)) end
  local function pack2(...) return {n = select('#', ...), ...} end
  local s = 0
  for i = 1, 300 do
    s = s + count(i, nil, i) + count() + count(nil, nil) + last(1, 2, i)
  end
  print("varargs", s)
  local p = pack2(1, nil, 3, nil)
  print("pack", p.n, p[1], p[2], p[3], p[4])
  local function sum(...)
    local t = 0
    for k = 1, select('#', ...) do t = t + (select(k, ...) or 0) end
    return t
  end
  local acc = 0
  for i = 1, 300 do acc = acc + sum(i, nil, i, 1.5) end
  print("vararg sum", acc)
  print("select negative", select(-1, 1, 2, 3), select(2, "a", "b", "c"))
end
varargs()

-- multiple returns
local function multret()
  local function three(i) return i, i * 2, i * 3 end
  local function none() end
  local a, b, c, d = 0, 0, 0, 0
  for i = 1, 300 do
    local x, y, z, w = three(i)
    a, b, c = a + x, b + y, c + z
    if w ~= nil then d = d + 1 end
    local t = {three(i), three(i)}
    d = d + #t
    local p, q = none()
    if p == nil and q == nil then d = d + 1 end
  end
  print("multret", a, b, c, d)
  local t = {}
  for i = 1, 300 do t[#t + 1] = select('#', three(i), three(i)) end
  print("adjust", t[1], t[300], (three(5)))
end
multret()

-- tail calls in a hot loop
local function tailcalls()
  local function leaf(n, acc) return acc + n end
  local function mid(n, acc) if n % 2 == 0 then return leaf(n, acc) else return leaf(n, acc * 1) end end
  local acc = 0
  for i = 1, 400 do acc = mid(i, acc) end
  print("tail", acc)
  local function countdown(n, a) if n == 0 then return a end return countdown(n - 1, a + n) end
  print("tail loop", countdown(10000, 0), countdown(5000, 0.5))
  local function tailmethod(t, n) if n == 0 then return t.v end return t:step(n - 1) end
  local obj = {v = "done"}
  obj.step = tailmethod
  print("tail method", obj:step(1000))
end
tailcalls()
