-- arithmetic on strings through the string metatable's metamethods

local function show(...)
  local t = table.pack(...)
  local parts = {}
  for i = 1, t.n do
    local v = t[i]
    parts[#parts + 1] = (math.type(v) or type(v)) .. ":" .. tostring(v)
  end
  print(table.concat(parts, " "))
end

local function try(f, ...)
  local r = table.pack(pcall(f, ...))
  if r[1] then show(table.unpack(r, 2, r.n)) else print("error", r[2]) end
end

show("10" + 1, "10" - 1, "10" * 2, "10" / 4, "10" % 3, "2" ^ 10, "7" // 2, -"3")
show("3.0" + 1, "1e2" * 1, "0x10" + 0, " 5 " + 0, "5" + "5", "-0" + 0, -"-0")
show(1 + "10", 1.5 + "1", "10" // "3.0", "10" % "-3", "-7" // "2", "7.5" % 2)
show("9007199254740993" + 0, "9223372036854775807" + 1, "9223372036854775808" + 0)
show("0x7fffffffffffffff" + 1, "1" / "0", "-1" / "0", "0" / "0" ~= "0" / "0")
show(-"0x10", -"1e308", -" 2 ", 2 ^ "0.5")
local s = "42"
show(s + 0, s * s, -s, s // 5, s % 5)
show(math.type("10" + 0), math.type("10.0" + 0), math.type("1e1" + 0))

-- the metamethods are ordinary functions
local mt = getmetatable("")
show(mt.__add("1", "2"), mt.__sub(5, "2"), mt.__unm("4", "4"), mt.__idiv("9", 2))
show(mt.__add(1, 2), mt.__mul(1.5, 2))

-- errors
try(function() return "abc" + 1 end)
try(function() return 1 + "abc" end)
try(function() return "abc" * "2" end)
try(function() return "10" + {} end)
try(function() return {} + "10" end)
try(function() return "1" + nil end)
try(function() return nil + "1" end)
try(function() return true - "1" end)
try(function() return "1" - true end)
try(function() return -"abc" end)
try(function() return "a" / 1 end)
try(function() return "a" % 1 end)
try(function() return "a" ^ 1 end)
try(function() return "a" // 1 end)
try(function() return "1\0" + 1 end)
try(function() return "" + 1 end)
try(function() return "1" // "0" end)
try(function() return "1" % "0" end)
try(function() return 1 // "0" end)
try(function() return "1.0" // "0" end)
try(function() return "1" & 1 end)
try(function() return 1 | "1" end)
try(function() return ~"1" end)
try(function() return "2" << 1 end)
try(function() return "a" .. {} end)
try(function() return "10" < 5 end)
try(function() return "abc" + print end)
try(function() local co = coroutine.create(print); return "x" + co end)
try(mt.__add, "x", 1)
try(mt.__add)
try(mt.__unm, "x")

-- deferring to the other operand's metamethod
local V = setmetatable({}, {
  __add = function(a, b) return "V.add(" .. type(a) .. "," .. type(b) .. ")" end,
  __unm = function() return "V.unm" end,
  __mul = function(a, b) return "V.mul" end,
})
show("abc" + V)
show("10" + V)
show(V + "abc")
show("x" * V, V * "x")
try(function() return "x" - V end)
try(function() return V - "x" end)
-- a metamethod found only through __index is not used
local W = setmetatable({}, {__index = {__add = function() return "no" end}})
try(function() return "x" + W end)

-- string coercion does not apply to comparisons or concatenation of numbers
show(10 .. "", 1.5 .. "x", "10" == 10, "1" + 0 == 1)
try(function() return "10" < "9", "10" < 9 end)

-- numbers-as-strings keep working after the metatable is modified
mt.__add = function(a, b) return "custom add" end
show("1" + 1)
try(function() return "1" - "x" end)
