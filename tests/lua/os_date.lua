-- os.date with fixed timestamps in UTC
local t0 = 1700000000  -- 2023-11-14 22:13:20 UTC, a Tuesday
local specs = {
  "a", "A", "b", "B", "c", "C", "d", "D", "e", "F", "g", "G", "h", "H", "I", "j",
  "m", "M", "n", "p", "r", "R", "S", "t", "T", "u", "U", "V", "w", "W", "x", "X",
  "y", "Y", "%", "Ec", "EC", "Ex", "EX", "Ey", "EY", "Od", "Oe", "OH", "OI", "Om",
  "OM", "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy", "z", "Z",
}
for _, s in ipairs(specs) do
  print(s, "[" .. os.date("!%" .. s, t0) .. "]")
end

local stamps = {0, 1, 59, 86399, 86400, 951782400, 951868800, 1000000000, 1234567890,
  2147483647, 2147483648, 4102444800, -1, -86400, -2208988800, 253402300799, 1609459199,
  1609459200, 1719792000}
for _, t in ipairs(stamps) do
  print(t, os.date("!%Y-%m-%d %H:%M:%S %a %j %U %W %V %G %u %w %p %I", t))
end

-- "*t" tables
local function showt(t)
  print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday, t.isdst)
end
showt(os.date("!*t", t0))
showt(os.date("!*t", 0))
showt(os.date("!*t", 951825600))
showt(os.date("!*t", -1))
local n = 0
for k in pairs(os.date("!*t", t0)) do n = n + 1 end
print(n)

-- literal text and embedded specifiers
print(os.date("!Today is %A, %B %d, %Y (day %j)", t0))
print(os.date("!%Y%m%d%H%M%S", t0))
print(os.date("!", t0) == "", os.date("!%%", t0), os.date("!100%% sure", t0))
print(os.date("!*t", t0).year, type(os.date("*t", t0)), type(os.date("!*t")))
print(type(os.date()), type(os.date("%c")), os.date("!%c", 0))
print(os.date("!x*t", t0), os.date("!*tx", t0))

-- local time gives the same date fields as os.time round-trips
local lt = os.date("*t", t0)
print(os.time(lt) == t0)

-- errors
print(pcall(os.date, "%Ez", t0))
print(pcall(os.date, "!%Ez", t0))
print(pcall(os.date, "%Ez and more", t0))
print(pcall(os.date, "%", t0))
print(pcall(os.date, "abc %", t0))
print(pcall(os.date, "%i", t0))
print(pcall(os.date, "%E", t0))
print(pcall(os.date, "%O", t0))
print(pcall(os.date, "%Oz", t0))
print(pcall(os.date, "%5d", t0))
print(pcall(os.date, "%-d", t0))
print(pcall(os.date, "%Q", t0))
print(pcall(os.date, "!%Y", 1.5))
print(pcall(os.date, "!%Y", "x"))
print(pcall(os.date, "!%Y", "1000"))
print(pcall(os.date, {}, 1))
print(pcall(os.date, "!%Y", 2^60))
print(pcall(os.date, "!%Y", -2^60))
print(pcall(os.date, "!*t", 2^60))
print(os.date("!%Y", 67767976233316800))
