-- Argument errors of every math function.

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  local parts = {}
  for i = 1, r.n do
    parts[#parts + 1] = type(r[i]) == "table" and "<table>" or tostring(r[i])
  end
  print(label, table.concat(parts, " | "))
end

local names = {"abs", "ceil", "cos", "deg", "exp", "floor", "log", "modf", "rad", "sin", "sqrt", "tan",
               "asin", "acos", "fmod", "ult", "tointeger", "type", "max", "min"}
for _, n in ipairs(names) do
  local f = math[n]
  try(n .. "()", f)
  try(n .. "(nil)", f, nil)
  try(n .. "('x')", f, "x")
  try(n .. "({})", f, {})
  try(n .. "(true)", f, true)
end

-- second arguments
try("log(2, 'x')", math.log, 2, "x")
try("log(2, {})", math.log, 2, {})
-- (math.atan2 is the same C function as math.atan in the reference, so the
-- global name it reports is ambiguous: call through a local instead)
local atan = math.atan
print(pcall(function() return atan() end))
print(pcall(function() return atan("x") end))
print(pcall(function() return atan(1, "x") end))
print(pcall(function() return atan(1, false) end))
try("fmod(1, nil)", math.fmod, 1, nil)
try("fmod(1.5, nil)", math.fmod, 1.5, nil)
try("ult(1, 2.5)", math.ult, 1, 2.5)
try("ult(1, {})", math.ult, 1, {})

-- __name is used in the message for tables with a metatable field
local named = setmetatable({}, {__name = "MyType"})
try("floor(named)", math.floor, named)
try("sqrt(named)", math.sqrt, named)

-- messages when called directly (function name from the call site)
print(pcall(function() return math.floor("a") end))
print(pcall(function() return math.sin() end))
print(pcall(function() local m = math; return m.fmod(1, 0) end))
print(pcall(function() local sq = math.sqrt; return sq({}) end))
print(pcall(function() return math.tointeger() end))

-- extra arguments are ignored
print(math.floor(1.5, "junk"), math.abs(-1, {}), math.sqrt(4, nil, 3), math.type(1, 2))
