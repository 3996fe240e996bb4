-- Hostile input: deeply nested syntax given to load: 1 MB of parentheses
-- and of table constructors, 64 KB of every other nesting form.
-- Each case prints whether load succeeded and the stable part of the error.
local MB = 1 << 20
local N = 1 << 16

local function try(name, src)
  local ok, f, err = pcall(load, src, "=src")
  if not ok then
    print(name, "load raised", f)
  elseif f then
    local ok2, e = pcall(f)
    print(name, "compiled; run:", ok2, type(e) == "string" and e:sub(1, 80) or type(e))
  else
    print(name, "rejected:", err:sub(1, 80))
  end
end

try("parens", string.rep("(", MB) .. "1" .. string.rep(")", MB))
try("return parens", "return " .. string.rep("(", MB) .. "1" .. string.rep(")", MB))
try("tables", "return " .. string.rep("{", MB) .. string.rep("}", MB))
try("table fields", "return " .. string.rep("{x=", N // 3) .. "1" .. string.rep("}", N // 3))
try("index keys", "return t" .. string.rep("[", N // 2) .. "1" .. string.rep("]", N // 2))
try("concat", "return " .. string.rep("'a' .. ", N // 8) .. "'a'")
try("power", "return " .. string.rep("2 ^ ", N // 4) .. "1")
try("unary minus", "return " .. string.rep("- ", N // 2) .. "1")
try("not", "return " .. string.rep("not ", N // 4) .. "1")
try("functions", string.rep("function f() ", N // 13) .. string.rep("end ", N // 13))
try("ifs", string.rep("if x then ", N // 10) .. string.rep("end ", N // 10))
try("do blocks", string.rep("do ", N // 3) .. string.rep("end ", N // 3))
try("whiles", string.rep("while x do ", N // 11) .. string.rep("end ", N // 11))
try("calls", "return f" .. string.rep("(", N // 2) .. string.rep(")", N // 2))
try("unclosed parens", string.rep("(", N))
try("unclosed tables", "x = " .. string.rep("{", N))
-- Long but flat: these are valid and run.
try("field chain", "local x = setmetatable({}, {__index = function(t) return t end}) return x" .. string.rep(".a", N // 2) .. " ~= nil")
try("call chain", "local function f() return f end return f" .. string.rep("()", N // 2) .. " == f")
try("sum", "return " .. string.rep("1 + ", N // 4) .. "1")
try("semicolons", string.rep(";", N))
try("big constructor", "return #{" .. string.rep("1,", N // 2) .. "}")
-- Limits that are not about depth.
try("locals", string.rep("local a; ", 300))
try("upvalues", (function()
  -- 150 locals in each of two functions, all used by an inner one.
  local t = {"local function outer()"}
  for i = 1, 150 do t[#t + 1] = "local a" .. i .. " = " .. i end
  t[#t + 1] = "return function()"
  for i = 1, 150 do t[#t + 1] = "local b" .. i .. " = " .. i end
  t[#t + 1] = "return function() return 0"
  for i = 1, 150 do t[#t + 1] = "+ a" .. i .. " + b" .. i end
  t[#t + 1] = "end end end return outer()()()"
  return table.concat(t, "\n")
end)())
print("state still usable:", load("return 1 + 1")())
