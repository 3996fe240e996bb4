-- table.unpack and table.pack: ranges, limits and errors.

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do parts[#parts + 1] = tostring(r[i]) end
  print(label, table.concat(parts, " | "))
end

print(table.unpack({1, 2, 3}))
print(table.unpack({1, 2, 3}, 2))
print(table.unpack({1, 2, 3}, 2, 3))
print(table.unpack({1, 2, 3}, -1, 1))
print(table.unpack({1, 2, 3}, "2", 3.0))
print(select("#", table.unpack({}, 1, 0)))
print(select("#", table.unpack({}, 5, 1)))
print(select("#", table.unpack({}, 1, 3)))
print(select("#", table.unpack({}, math.maxinteger, math.maxinteger)))
print(select("#", table.unpack({}, math.mininteger, math.mininteger)))
print(select("#", table.unpack({}, math.maxinteger, math.mininteger)))
print(table.unpack({[math.maxinteger - 1] = "a", [math.maxinteger] = "b"}, math.maxinteger - 1, math.maxinteger))
print(table.unpack({[math.mininteger] = "lo", [math.mininteger + 1] = "lo1"}, math.mininteger, math.mininteger + 1))
print(select("#", table.unpack({}, 1, 5000)))
print(select("#", table.unpack({}, 1, nil)))

-- huge ranges fail fast
try("huge", table.unpack, {}, 1, 1e8)
try("int max", table.unpack, {}, 1, math.maxinteger)
try("full range", table.unpack, {}, math.mininteger, math.maxinteger)
try("2^31", table.unpack, {}, 1, 2^31)
try("neg huge", table.unpack, {}, -1e9, 0)
try("too big for the stack", table.unpack, {}, 1, 2000000)

-- errors
try("no table", table.unpack)
try("nil", table.unpack, nil)
try("nil range", table.unpack, nil, 1, 2)
try("nil empty range", table.unpack, nil, 2, 1)
try("number", table.unpack, 5, 1, 1)
try("bad i", table.unpack, {}, "x")
try("float i", table.unpack, {}, 1.5)
try("bad j", table.unpack, {}, 1, {})
-- strings are indexable through their metatable when one exists
try("string len", table.unpack, setmetatable({}, {__len = function() return 2.5 end}))
try("len str", table.unpack, setmetatable({}, {__len = function() return "2" end, __index = function(_, k) return k end}))
try("len bad str", table.unpack, setmetatable({}, {__len = function() return "x" end}))

-- pack
local p = table.pack()
print("pack0", p.n, p[1])
p = table.pack(nil)
print("pack nil", p.n, p[1])
p = table.pack(1, nil, 3)
print("pack", p.n, p[1], p[2], p[3])
print("pack unpack", table.unpack(table.pack(1, 2, 3)))
local many = {}
for i = 1, 300 do many[i] = i end
p = table.pack(table.unpack(many))
print("pack many", p.n, p[1], p[300])
print("pack n field", rawget(p, "n"))
