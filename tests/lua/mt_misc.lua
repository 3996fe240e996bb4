-- setmetatable/getmetatable, __metatable protection, __tostring, __name, __pairs.

local t = {}
local mt = {}
print(setmetatable(t, mt) == t, getmetatable(t) == mt)
print(getmetatable({}), getmetatable(1), getmetatable(nil), getmetatable(print))
print(getmetatable("abc").__index == string)
-- removing a metatable
setmetatable(t, nil)
print(getmetatable(t))
-- setmetatable argument checking
print(pcall(setmetatable, 1, {}))
print(pcall(setmetatable, {}, 1))
print(pcall(setmetatable, {}))
print(pcall(setmetatable, "s", {}))

-- __metatable protects the metatable
local prot = setmetatable({}, {__metatable = "locked"})
print(getmetatable(prot))
print(pcall(setmetatable, prot, {}))
print(pcall(setmetatable, prot, nil))
local prot2 = setmetatable({}, {__metatable = false})
print(getmetatable(prot2), pcall(setmetatable, prot2, {}))
-- all strings share a metatable, which is a plain table
print(type(getmetatable("")))

-- __tostring is used by tostring and print
local point = setmetatable({x = 1, y = 2}, {__tostring = function(p) return "P(" .. p.x .. "," .. p.y .. ")" end})
print(point, tostring(point))
print(pcall(print, setmetatable({}, {__tostring = function() return nil end})))
-- __tostring is not used by string concatenation or string.format %d
print(pcall(function() return "p=" .. point end))
print(string.format("%s", point))

-- __name gives a type name in tostring and error messages
local named = setmetatable({}, {__name = "Widget"})
print((tostring(named):gsub("0x%x+", "ADDR"):gsub(": [%x]+$", ": ADDR")))
print(pcall(function() return named + 1 end))
print(pcall(function() return #named < 1, named < 1 end))
print(pcall(string.rep, named))
local badname = setmetatable({}, {__name = 42})
print(tostring(badname):match("^table: ") ~= nil)

-- __pairs
local pt = setmetatable({real = 1}, {__pairs = function(self)
  local keys, i = {"a", "b"}, 0
  return function() i = i + 1; if keys[i] then return keys[i], i end end, self, nil
end})
for k, v in pairs(pt) do io.write(k, "=", v, " ") end print()
-- next ignores __pairs
print(next(pt))
-- ipairs has no __ipairs in 5.4; it follows __index
local ip = setmetatable({}, {__index = function(_, i) if i < 4 then return i * i end end, __ipairs = error})
for i, v in ipairs(ip) do io.write(i, ":", v, " ") end print()

-- metatables shared between objects
local shared = {__index = {kind = "shared"}}
local o1, o2 = setmetatable({}, shared), setmetatable({}, shared)
print(o1.kind, o2.kind, getmetatable(o1) == getmetatable(o2))
shared.__index.kind = "changed"
print(o1.kind)

-- metamethods added after setmetatable are seen
local late = setmetatable({}, {})
getmetatable(late).__index = function() return "late" end
print(late.anything)

-- metatable fields that are not functions
local weird = setmetatable({}, {__index = {x = 1}, __call = nil, __unknown = "ignored"})
print(weird.x, pcall(weird))
