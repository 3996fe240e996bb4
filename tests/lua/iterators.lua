-- Generic for with callable objects, stateless iterators and closing values.

-- a table with __call works as the iterator function
local Counter = setmetatable({}, {__call = function(self, state, ctrl)
  if ctrl < state then return ctrl + 1 end
end})
for i in Counter, 3, 0 do io.write(i, " ") end print("<- __call iterator")

-- the iterator receives (state, control) each time
local log = {}
local function iter(s, c)
  log[#log + 1] = tostring(s) .. "/" .. tostring(c)
  if c < 3 then return c + 1, c * 10 end
end
for a, b in iter, "S", 0 do log[#log + 1] = "body" .. a .. ":" .. b end
print("calls", table.concat(log, " "))

-- an object whose __call returns successive elements (closure-free)
local function each(t)
  local obj = {t = t, i = 0}
  return setmetatable(obj, {__call = function(self)
    self.i = self.i + 1
    return self.t[self.i]
  end})
end
for v in each({"x", "y", "z"}) do io.write(v) end print()

-- __call iterator with the closing fourth value
local closed = {}
local function closable(name)
  return setmetatable({}, {__close = function(_, e) closed[#closed + 1] = name .. ":" .. tostring(e) end})
end
local function range(n, name)
  local i = 0
  local f = setmetatable({}, {__call = function() i = i + 1; if i <= n then return i end end})
  return f, nil, nil, closable(name)
end
for i in range(3, "full") do end
for i in range(10, "broken") do if i == 2 then break end end
print("closed", table.concat(closed, " "))
-- the closing value is closed before the loop's result is returned
local function find(n)
  for i in range(10, "search") do if i == n then return "found " .. i end end
  return "none"
end
closed = {}
print("find", find(4), table.concat(closed, " "))
-- closed with the error object on error
closed = {}
local ok, err = pcall(function()
  for i in range(5, "err") do if i == 3 then error({code = i}) end end
end)
print("error close", ok, type(err), err.code, closed[1]:match("^err:table") ~= nil)
-- false as the closing value is allowed (nil too)
for _ in next, {1}, nil, false do end
print("false closing ok")

-- a nil first value ends the loop even if other values are present
local function stops(s, c) if c == 0 then return nil, "ignored" end return c - 1, "v" end
local n = 0
for a, b in stops, nil, 3 do n = n + 1 end
print("stops", n)
-- false as the first value does not end the loop (only nil does)
local k = 0
local function falses(_, c) k = k + 1; if k <= 2 then return false end end
for v in falses do io.write(tostring(v), " ") end print("<- false values")

-- the same iterator triple can be reused
local f, s, c = ipairs({"a", "b"})
for i, v in f, s, c do io.write(i, v, " ") end
for i, v in f, s, c do io.write(i, v, " ") end print()

-- nested generic loops with independent state
local out = {}
for i, a in ipairs({"p", "q"}) do
  for j, b in ipairs({"1", "2"}) do out[#out + 1] = a .. b end
end
print("nested", table.concat(out, ","))

-- string iterators from the library
local words = {}
for w in string.gmatch("one two  three", "%a+") do words[#words + 1] = w end
print("gmatch", #words, table.concat(words, "|"))
-- modifying existing fields during pairs is allowed
local t = {a = 1, b = 2, c = 3}
for key, v in pairs(t) do t[key] = v * 10 end
print("modified", t.a, t.b, t.c)
-- removing fields during pairs is allowed
for key in pairs(t) do t[key] = nil end
print("cleared", next(t))
