-- os.time, os.difftime, os.clock
print(math.type(os.time()), os.time() > 1600000000)
print(os.time(nil) >= os.time() - 1)

-- differences between dates do not depend on the time zone (no DST in January)
local function t(y, m, d, h, mi, s)
  return os.time({year = y, month = m, day = d, hour = h, min = mi, sec = s})
end
print(t(2000, 1, 2, 0, 0, 0) - t(2000, 1, 1, 0, 0, 0))
print(t(2000, 1, 1, 13, 0, 0) - t(2000, 1, 1, 12, 0, 0))
print(os.time({year = 2000, month = 1, day = 1}) - t(2000, 1, 1, 0, 0, 0))  -- hour defaults to 12
print(t(2001, 1, 1, 0, 0, 0) - t(2000, 1, 1, 0, 0, 0))
print(t(2000, 1, 31, 0, 0, 0) - t(2000, 1, 1, 0, 0, 0))

-- round trips through os.date("*t")
for _, ts in ipairs({0, 86400 * 365, 951782400, 1000000000, 1234567890, 1700000000, 2147483648}) do
  local d = os.date("*t", ts)
  print(ts, os.time(d) == ts)
end

-- normalization of out-of-range fields updates the table
local d = {year = 2000, month = 14, day = 35, hour = 25, min = 61, sec = 61, isdst = false}
local r = os.time(d)
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, d.isdst)
d = {year = 2000, month = 3, day = 0, hour = 0}
os.time(d)
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday)
d = {year = 2000, month = 1, day = 1, hour = 0, min = -1}
os.time(d)
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday)
d = {year = 1999, month = -11, day = 400, hour = 0}
os.time(d)
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday)

-- field conversion: strings and integral floats are accepted
d = {year = "2000", month = 2.0, day = "29", hour = "0", min = 0, sec = 0}
os.time(d)
print(d.year, d.month, d.day, math.type(d.month), d.wday, d.yday)

-- fields through __index
local proxy = setmetatable({}, {__index = function(_, k)
  local v = ({year = 2010, month = 5, day = 6, hour = 7})[k]
  return v
end})
print(math.type(os.time(proxy)), rawget(proxy, "year"), rawget(proxy, "yday"))

-- errors (successful results are printed by type only: they depend on the time zone)
local function pc(...)
  local ok, v = pcall(...)
  if ok then return ok, math.type(v) end
  return ok, v
end
print(pcall(os.time, {}))
print(pcall(os.time, {year = 2000}))
print(pcall(os.time, {year = 2000, month = 1}))
print(pcall(os.time, {year = 2000, month = 1, day = "x"}))
print(pcall(os.time, {year = 2000, month = 1, day = 1.5}))
print(pcall(os.time, {year = 2000, month = 1, day = {}}))
print(pcall(os.time, {year = 2000, month = 1, day = 1, hour = true}))
print(pc(os.time, {year = 2000, month = 1, day = 2^31}))
print(pc(os.time, {year = 2000, month = 1, day = -2^31}))
print(pc(os.time, {year = 2000, month = 1, day = -2^31 + 1}))
print(pc(os.time, {year = 2^31 + 1899, month = 1, day = 1}))
print(pc(os.time, {year = 2^31 + 1900, month = 1, day = 1}))
print(pc(os.time, {year = -2^31 + 1900, month = 1, day = 1}))
print(pc(os.time, {year = -2^31 + 1899, month = 1, day = 1}))
print(pc(os.time, {year = 2000, month = 2^31 + 1, day = 1}))
print(pc(os.time, {year = 2000, month = 2^31, day = 1}))
print(pc(os.time, {year = 2000, month = 1, day = 1, sec = 2^31}))
print(pcall(os.time, 1))
print(pcall(os.time, "x"))

-- os.difftime
print(os.difftime(10, 3), os.difftime(3, 10), os.difftime(0, 0))
print(math.type(os.difftime(10, 3)))
print(os.difftime(t(2000, 1, 2, 0, 0, 0), t(2000, 1, 1, 0, 0, 0)))
print(os.difftime(2^53, 0), os.difftime(math.maxinteger, math.mininteger))
print(pcall(os.difftime, 10))
print(pcall(os.difftime))
print(pcall(os.difftime, 1.5, 1))
print(pcall(os.difftime, 1, "2"))

-- os.clock
local c = os.clock()
print(math.type(c), c >= 0)
local x = 0
for i = 1, 100000 do x = x + i end
print(os.clock() >= c)
