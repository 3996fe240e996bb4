-- _ENV: the env parameter of load, local _ENV, and global access.

-- globals are fields of _ENV, which is _G by default
x_global = 1
print("default", _ENV == _G, _G.x_global, _ENV.x_global)
x_global = nil

-- load with an explicit environment
local env = {print = print, tostring = tostring}
local f = load("a = 10; b = a * 2; return a + b", "=envchunk", "t", env)
print("custom env", f(), env.a, env.b, rawget(_G, "a"))
-- missing globals in a custom environment are nil; functions too
f = load("return type", "=envchunk", "t", {})
print("no type", f())
f = load("return type(1)", "=envchunk", "t", {})
print("call missing", pcall(f))
-- an environment with __index falls back to _G
local sandbox = setmetatable({}, {__index = _G})
f = load("newvar = 'inside'; return type(newvar)", "=sb", "t", sandbox)
print("fallback", f(), sandbox.newvar, rawget(_G, "newvar"))
-- __newindex on the environment intercepts global assignments
local writes = {}
local guarded = setmetatable({}, {__newindex = function(t, k, v) writes[#writes + 1] = k .. "=" .. tostring(v) end})
load("p = 1; q = 'two'", "=g", "t", guarded)()
print("newindex", table.concat(writes, " "))

-- local _ENV changes global resolution for the rest of the block
do
  local _ENV = {y = "from local env"}
  z = "set in local env"
  result_y, result_z = y, z
  local saved = _ENV
  _ENV = {print = saved.print}
end
print("local _ENV", rawget(_G, "z"), rawget(_G, "result_y"))
do
  local print = print
  local _ENV = {y = 5}
  print("inside block", y, x_global)
end
-- a function with _ENV as a parameter
local function withenv(_ENV) return value end
print("param _ENV", withenv({value = "param"}), withenv({}))
-- _ENV as an upvalue of a closure
local function makeGetter()
  local _ENV = {secret = 42}
  return function() return secret end
end
print("upvalue _ENV", makeGetter()())
-- assigning to _ENV inside a chunk changes the chunk's environment
f = load("local t = {v = 'new'}; _ENV = t; return v", "=reassign")
print("reassign", f())
-- nil environment: any global access errors
f = load("return missing", "=nilenv", "t", nil)
print("nil env", pcall(f))
f = load("return 1 + 1", "=nilenv", "t", nil)
print("nil env no globals", f())
-- error messages name global variables through _ENV
f = load("return undefined_fn()", "=names")
print("global name", pcall(f))
f = load("local _ENV = {}; return undefined_fn()", "=names")
print("field name", pcall(f))
f = load("local e = {}; return e.undefined_fn()", "=names")
print("field name2", pcall(f))

-- the environment of a loaded chunk is its first upvalue; functions defined
-- inside share it
env = {}
f = load("function defined() return marker end; marker = 'shared'", "=share", "t", env)
f()
print("shared env", env.defined(), env.marker)
-- _G inside a custom environment is just a field
f = load("return _G", "=g", "t", {_G = "fake"})
print("fake _G", f())
-- setting the env argument to a non-table value works until used
f = load("return 1", "=n", "t", 42)
print("number env", f())
f = load("return x", "=n", "t", 42)
print("number env use", pcall(f))
