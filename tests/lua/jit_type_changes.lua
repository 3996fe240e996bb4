-- JIT: hot loops whose operand types change midway, and the numeric edge
-- cases (overflow, -0.0, nan, inf, //, %, shifts, float bitwise operands)
-- that compiled code must get exactly right.

local function fmt(v)
  if type(v) == "number" then
    if v ~= v then return "nan" end
    return math.type(v) .. ":" .. tostring(v)
  end
  return type(v) .. ":" .. tostring(v)
end

-- a metatable-backed value that records what happened to it
local log = {}
local MT = {}
local function box(n) return setmetatable({n = n}, MT) end
local function val(x) if type(x) == "table" then return x.n else return x end end
MT.__add = function(a, b) log[#log + 1] = "add"; return box(val(a) + val(b)) end
MT.__sub = function(a, b) log[#log + 1] = "sub"; return box(val(a) - val(b)) end
MT.__lt = function(a, b) log[#log + 1] = "lt"; return val(a) < val(b) end
MT.__le = function(a, b) log[#log + 1] = "le"; return val(a) <= val(b) end
MT.__eq = function(a, b) log[#log + 1] = "eq"; return val(a) == val(b) end
MT.__unm = function(a) log[#log + 1] = "unm"; return box(-val(a)) end
MT.__len = function(a) log[#log + 1] = "len"; return 100 + val(a) end
MT.__concat = function(a, b) log[#log + 1] = "concat"; return "C(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")" end
MT.__index = function(t, k) log[#log + 1] = "index"; return "idx:" .. tostring(k) end
MT.__newindex = function(t, k, v) log[#log + 1] = "newindex"; rawset(t, "set_" .. tostring(k), v) end

-- one function whose body does everything to its two operands
local function step(a, b)
  local s = a + b
  local d = a - b
  local lt = a < b
  local le = a <= b
  local eq = a == b
  local n = -a
  return s, d, lt, le, eq, n
end

local function run(label, mk)
  local acc = {}
  for i = 1, 400 do
    local a, b = mk(i)
    local s, d, lt, le, eq, n = step(a, b)
    if i % 100 == 0 then
      acc[#acc + 1] = fmt(val(s)) .. " " .. fmt(val(d)) .. " " .. tostring(lt) .. " " ..
        tostring(le) .. " " .. tostring(eq) .. " " .. fmt(val(n))
    end
  end
  print(label, table.concat(acc, " | "))
end

run("int", function(i) return i, 3 end)
run("float", function(i) return i + 0.5, 3 end)
run("mixed", function(i) return i, 3.0 end)
run("string", function(i) return tostring(i), "10" end)
run("strnum", function(i) return tostring(i), " 0x10 " end)
run("intagain", function(i) return i * 2, i end)

-- the same loop, types changing inside a single run
local function changing(n)
  local out = {}
  local x = 0
  for i = 1, n do
    local v
    if i <= 250 then v = i
    elseif i <= 500 then v = i + 0.25
    elseif i <= 750 then v = tostring(i)
    else v = i end
    x = x + v
    if i % 125 == 0 then out[#out + 1] = fmt(x) end
  end
  return table.concat(out, " ")
end
print("changing", changing(1000))
print("changing again", changing(1000))

-- metamethods on a boxed value in a hot loop, then back to integers
local function metaloop()
  log = {}
  local b = box(5)
  local r = {}
  for i = 1, 300 do
    local v = (i <= 100) and i or ((i <= 200) and b or i)
    local s = v + 1
    local d = v - 1
    local lt = v < 150
    local le = 150 <= v
    local eq = v == b
    local u = -v
    local l = type(v) == "table" and #v or 0
    local c = (type(v) == "table") and (v .. "x") or tostring(v)
    if type(v) == "table" then
      local f = v.someField
      v.key = i
      if i == 101 or i == 200 then
        r[#r + 1] = fmt(val(s)) .. "," .. fmt(val(d)) .. "," .. tostring(lt) .. "," ..
          tostring(le) .. "," .. tostring(eq) .. "," .. fmt(val(u)) .. "," .. l .. "," .. c .. "," .. f
      end
    elseif i % 50 == 0 then
      r[#r + 1] = fmt(s) .. "," .. fmt(d) .. "," .. tostring(lt) .. "," .. tostring(le) .. "," ..
        tostring(eq) .. "," .. fmt(u) .. "," .. c
    end
  end
  local counts = {}
  for _, e in ipairs(log) do counts[e] = (counts[e] or 0) + 1 end
  local names = {}
  for k, n in pairs(counts) do names[#names + 1] = k .. "=" .. n end
  table.sort(names)
  print("meta results", table.concat(r, " | "))
  print("meta log", table.concat(names, " "))
  print("meta rawset", rawget(b, "set_key"), rawget(b, "key"))
end
metaloop()

-- integer overflow wraps around
local function wrap()
  local x = math.maxinteger - 5
  local out = {}
  for i = 1, 10 do
    x = x + 1
    out[#out + 1] = tostring(x)
  end
  print("wrap up", table.concat(out, " "))
  x = math.mininteger + 5
  out = {}
  for i = 1, 10 do
    x = x - 1
    out[#out + 1] = tostring(x)
  end
  print("wrap down", table.concat(out, " "))
  local m = 1
  for i = 1, 70 do m = m * 3 end
  print("wrap mul", m)
  print("maxint+1", math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
  print("neg minint", -math.mininteger == math.mininteger, math.mininteger // -1, math.mininteger % -1)
end
for _ = 1, 3 do wrap() end

-- -0.0, nan, inf
local function specials()
  local z = 0.0
  local nz = -0.0
  local out = {}
  for i = 1, 300 do
    local a = z * -1
    local b = nz + 0.0
    local c = 1 / a
    local d = 1 / nz
    if i == 300 then
      out[#out + 1] = tostring(a) .. " " .. tostring(b) .. " " .. tostring(c) .. " " .. tostring(d)
      out[#out + 1] = tostring(a == 0) .. " " .. tostring(nz == z) .. " " .. tostring(nz < z)
    end
  end
  print("negzero", table.concat(out, " / "))
  local nan = z / z
  local cnt = {0, 0, 0, 0, 0, 0}
  for i = 1, 300 do
    if nan == nan then cnt[1] = cnt[1] + 1 end
    if nan ~= nan then cnt[2] = cnt[2] + 1 end
    if nan < i then cnt[3] = cnt[3] + 1 end
    if nan >= i then cnt[4] = cnt[4] + 1 end
    if not (nan <= i) then cnt[5] = cnt[5] + 1 end
    if i > nan or i <= nan then cnt[6] = cnt[6] + 1 end
  end
  print("nan counts", table.concat(cnt, " "))
  local inf = 1 / z
  local r = {}
  for i = 1, 300 do
    if i == 300 then
      r[#r + 1] = tostring(inf)
      r[#r + 1] = tostring(-inf)
      r[#r + 1] = tostring(inf - inf ~= inf - inf)
      r[#r + 1] = tostring(inf > math.maxinteger)
      r[#r + 1] = tostring(-inf < math.mininteger)
      r[#r + 1] = tostring(math.huge == inf)
      r[#r + 1] = tostring(inf * 0 ~= inf * 0)
      r[#r + 1] = tostring(i / 0)
      r[#r + 1] = tostring(-i / 0)
      r[#r + 1] = tostring(i / 0.0)
      r[#r + 1] = tostring(i // 0.0)
      r[#r + 1] = tostring(-i // 0.0)
      r[#r + 1] = tostring(((i % 0.0) ~= (i % 0.0)))
      r[#r + 1] = tostring(math.tointeger(inf))
    end
  end
  print("inf", table.concat(r, " "))
end
specials()
specials()

-- integer/float equality and ordering around 2^53 and 2^63
local function equality()
  local out = {}
  local big = 2^53
  local ib = math.tointeger(big)
  for i = 1, 300 do
    if i == 300 then
      out[#out + 1] = tostring(1 == 1.0)
      out[#out + 1] = tostring(i == i + 0.0)
      out[#out + 1] = tostring(ib == big)
      out[#out + 1] = tostring(ib + 1 == big + 1)
      out[#out + 1] = tostring(ib + 1 == big)
      out[#out + 1] = tostring(ib + 1 > big)
      out[#out + 1] = tostring(ib + 1 < big + 2)
      out[#out + 1] = tostring(math.maxinteger < 2^63)
      out[#out + 1] = tostring(math.maxinteger + 0.0 == 2^63)
      out[#out + 1] = tostring(math.maxinteger == 2^63)
      out[#out + 1] = tostring(math.mininteger == -2^63)
      out[#out + 1] = tostring(math.mininteger <= -2^63)
      out[#out + 1] = tostring(math.mininteger < -2^63)
      out[#out + 1] = tostring(i < i + 0.5)
      out[#out + 1] = tostring(i + 0.5 > i)
      out[#out + 1] = tostring(i <= 300.0)
      out[#out + 1] = tostring(300.0 >= i)
    end
  end
  print("equality", table.concat(out, " "))
  local t = {}
  for i = 1, 300 do t[i + 0.0] = i end
  print("float keys", #t, t[1], t[150], math.type(next({[2.0] = true})))
end
equality()
equality()

-- // and % with negative operands
local function divmod()
  local ints, floats = {}, {}
  local pairs_ = {{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {0, 5}, {6, -3}, {-6, 3}}
  for rep = 1, 100 do
    for _, p in ipairs(pairs_) do
      local a, b = p[1], p[2]
      local q, m = a // b, a % b
      local fq, fm = (a + 0.0) // b, (a + 0.0) % b
      local fq2, fm2 = a // (b + 0.5), a % (b + 0.5)
      if rep == 100 then
        ints[#ints + 1] = a .. "//" .. b .. "=" .. q .. " %=" .. m
        floats[#floats + 1] = fmt(fq) .. "," .. fmt(fm) .. "," .. fmt(fq2) .. "," .. fmt(fm2)
      end
    end
  end
  print("int divmod", table.concat(ints, " "))
  print("float divmod", table.concat(floats, " "))
  local r = {}
  for i = 1, 300 do
    if i == 300 then
      r[#r + 1] = fmt(5.5 % -2)
      r[#r + 1] = fmt(-5.5 % 2)
      r[#r + 1] = fmt(-5.5 // 2)
      r[#r + 1] = fmt(5 % math.huge)
      r[#r + 1] = fmt(-5 % math.huge)
      r[#r + 1] = fmt(5 % -math.huge)
      r[#r + 1] = fmt(0.0 % -3)
      r[#r + 1] = fmt(-0.0 // 3)
      r[#r + 1] = fmt(math.mininteger // -1)
      r[#r + 1] = fmt(math.mininteger % -1)
      r[#r + 1] = fmt(7 / 2)
      r[#r + 1] = fmt(8 / 2)
      r[#r + 1] = fmt(2 ^ 2)
    end
  end
  print("divmod edges", table.concat(r, " "))
end
divmod()
divmod()

-- integer division/modulo by zero raise errors; float ones do not
local function byzero()
  local errs = {}
  for i = 1, 300 do
    local d = (i % 100 == 0) and 0 or 1
    local ok, e = pcall(function() return i // d end)
    if not ok then errs[#errs + 1] = "idiv:" .. e end
    ok, e = pcall(function() return i % d end)
    if not ok then errs[#errs + 1] = "mod:" .. e end
    local fq = i // (d + 0.0)
    local fm = i % (d + 0.0)
    if d == 0 then errs[#errs + 1] = "float:" .. tostring(fq) .. "," .. tostring(fm ~= fm) end
  end
  for _, e in ipairs(errs) do print("byzero", (e:gsub("^(%a+:)[^:]*:%d+: ", "%1"))) end
end
byzero()

-- shifts
local function shifts()
  local r = {}
  local amounts = {-1, 0, 1, 63, 64, 65, -63, -64, -65, 100, -100}
  for rep = 1, 100 do
    for _, n in ipairs(amounts) do
      local a, b = 1 << n, -1 >> n
      local c, d = 0xF0 >> n, 0xF0 << -n
      if rep == 100 then r[#r + 1] = n .. ":" .. a .. "," .. b .. "," .. c .. "," .. d end
    end
  end
  print("shifts", table.concat(r, " "))
  local x = 1
  local s = {}
  for i = 1, 70 do
    x = x << 1
    if i % 10 == 0 or i >= 62 and i <= 65 then s[#s + 1] = i .. "=" .. x end
  end
  print("shift walk", table.concat(s, " "))
end
shifts()

-- bitwise ops on floats with integral values, and on non-integral ones
local function bitfloat()
  local r = {}
  local errs = {}
  for i = 1, 300 do
    local f = i + 0.0
    local v = (f & 1) + (f | 0) + (f ~ 3) + (~f) + (f << 1.0) + (f >> 1)
    if i % 100 == 0 then r[#r + 1] = fmt(v) .. "," .. fmt(3.0 & 1) end
    if i % 150 == 0 then
      local ok, e = pcall(function() return (f + 0.5) & 1 end)
      errs[#errs + 1] = (e:gsub("^[^:]*:%d+: ", ""))
      ok, e = pcall(function() return 2^63 | 0 end)
      errs[#errs + 1] = (e:gsub("^[^:]*:%d+: ", ""))
      ok, e = pcall(function() return "1.5" ~ 1 end)
      errs[#errs + 1] = (e:gsub("^[^:]*:%d+: ", ""))
      ok, e = pcall(function() return {} | 1 end)
      errs[#errs + 1] = (e:gsub("^[^:]*:%d+: ", ""))
    end
  end
  print("bitfloat", table.concat(r, " "))
  for _, e in ipairs(errs) do print("bit error", e) end
end
bitfloat()

-- string coercion in arithmetic keeps int/float subtypes
local function coerce()
  local r = {}
  for i = 1, 300 do
    local a = "10" + i
    local b = "1.5" * i
    local c = " 0x10 " - i
    local d = "1e2" // i
    local e = -"3"
    if i % 100 == 0 then r[#r + 1] = fmt(a) .. "," .. fmt(b) .. "," .. fmt(c) .. "," .. fmt(d) .. "," .. fmt(e) end
  end
  print("coerce", table.concat(r, " "))
  local ok, e = pcall(function() local s = 0 for i = 1, 300 do s = s + (i < 300 and i or "x") end return s end)
  print("coerce fail", ok, (e:gsub("^[^:]*:%d+: ", "")))
end
coerce()
