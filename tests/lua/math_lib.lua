-- The math library basics: constants, rounding, type queries, abs, sqrt, min/max.

local function tv(v) return (math.type(v) or type(v)) .. ":" .. tostring(v) end
local function row(label, ...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tv(t[i]) end
  print(label, table.concat(t, " "))
end

row("constants", math.maxinteger, math.mininteger, math.huge, -math.huge, math.pi)
row("floor", math.floor(3.7), math.floor(-3.7), math.floor(5), math.floor(-0.0), math.floor(2^70))
row("ceil", math.ceil(3.2), math.ceil(-3.2), math.ceil(5), math.ceil(-0.5), math.ceil(2^70))
row("floor str", math.floor("3.5"), math.ceil("2"))
row("type", math.type(1), math.type(1.0), math.type("1"), math.type(nil), math.type({}))
print("type err", pcall(math.type))
row("tointeger", math.tointeger(3.0), math.tointeger(3.5), math.tointeger(7), math.tointeger(-0.0), math.tointeger(2^63))
row("tointeger other", math.tointeger({}), math.tointeger(true))
row("abs", math.abs(-5), math.abs(5), math.abs(-5.5), math.abs(-0.0), math.abs(math.mininteger))
row("sqrt", math.sqrt(16), math.sqrt(2), math.sqrt(0), math.sqrt(math.huge), math.sqrt(4.0))
print("sqrt neg is nan", math.sqrt(-1) ~= math.sqrt(-1))
row("min/max", math.min(3, 1, 2), math.max(3, 1, 2), math.min(1.5, 2), math.max(-1, -1.5))
row("min/max one", math.min(7), math.max(7.0))
row("min/max mixed", math.min(1, 1.0), math.min(1.0, 1), math.max(math.maxinteger, 2^63))
print("min err", pcall(math.min), pcall(math.max, 1, "x"))
row("fmod", math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(7.5, 2), math.fmod(-7.5, 2))
print("fmod zero", pcall(math.fmod, 1, 0))
row("fmod float zero", math.fmod(1, 0.0) ~= math.fmod(1, 0.0))
row("fmod limits", math.fmod(math.mininteger, -1), math.fmod(5, math.mininteger))
row("modf", math.modf(3.7))
row("modf neg", math.modf(-3.7))
row("modf int", math.modf(5))
row("modf inf", math.modf(math.huge))
row("ult", math.ult(1, 2), math.ult(-1, 2), math.ult(2, -1), math.ult(0, 0))
row("exp/log", math.exp(0), math.log(1), math.log(8, 2), math.log(100, 10), math.log(27, 3))
row("pow", 2 ^ 10, 2 ^ -1, 4 ^ 0.5, (-8) ^ (1 / 3) ~= (-8) ^ (1 / 3))
row("trig", math.sin(0), math.cos(0), math.tan(0), math.asin(1) == math.pi / 2, math.atan(1, 1) == math.pi / 4)
row("atan2", math.atan(0, -1) == math.pi, math.atan(-0.0, 1), math.atan(1))
row("deg/rad", math.deg(math.pi), math.rad(180) == math.pi)
-- integer/float results
row("results", 7 // 2, 7.0 // 2, 2^2, 10 / 2, 3 * 1.0, -(-3))
print("abs err", pcall(math.abs, "x"))
print("floor err", pcall(math.floor, {}))
-- math.random is not tested for values (non-deterministic), only ranges
math.randomseed(42)
local okr = true
for _ = 1, 100 do
  local a, b, c = math.random(), math.random(10), math.random(5, 7)
  if not (a >= 0 and a < 1 and b >= 1 and b <= 10 and c >= 5 and c <= 7) then okr = false end
  if math.type(b) ~= "integer" or math.type(a) ~= "float" then okr = false end
end
print("random ranges", okr)
print("random errors", pcall(math.random, 0), pcall(math.random, 2, 1))
print("random args", pcall(math.random, 1, 2, 3))
