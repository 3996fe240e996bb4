-- Generic for: stateless and stateful iterators, the closing value.

-- stateless iterator with explicit state and control
local function iter(limit, i)
  if i < limit then return i + 1, (i + 1) * (i + 1) end
end
for i, sq in iter, 4, 0 do io.write(i, ":", sq, " ") end print()

-- ipairs stops at the first nil
local t = {"a", "b", nil, "d"}
for i, v in ipairs(t) do io.write(i, "=", v, " ") end print()
for i, v in ipairs({}) do print("never") end
-- ipairs respects __index
local proxy = setmetatable({}, {__index = function(_, k) if k <= 3 then return k * 10 end end})
for i, v in ipairs(proxy) do io.write(i, "=", v, " ") end print()

-- stateful iterator (closure)
local function range(n, step)
  local i = 0
  return function()
    i = i + (step or 1)
    if i <= n then return i end
  end
end
for v in range(5) do io.write(v, " ") end print()
for v in range(10, 3) do io.write(v, " ") end print()

-- pairs over a sequence visits every key (sorted here to be order independent)
local keys = {}
for k, v in pairs({10, 20, 30, x = 1, y = 2}) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
print(table.concat(keys, " "))

-- next directly
local single = {only = true}
print(next(single), next(single, "only"), next({}))

-- the loop variables are copies; changing them does not affect the iteration
for i, v in ipairs({1, 2, 3}) do i = i * 100; io.write(i, " ") end print()

-- extra values from the explist are dropped, missing ones nil
local function show(s, c) io.write(tostring(s), ",", tostring(c), " ") return nil end
for _ in show, "state" do end
for _ in show, "state", "ctrl", nil, "extra" do end
print()

-- the fourth value is a to-be-closed variable, closed when the loop ends
local function closing(name)
  return setmetatable({}, {__close = function(_, err) print("closed " .. name, err) end})
end
local function iterate(n, name)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end, nil, nil, closing(name)
end
for i in iterate(2, "normal") do io.write(i, " ") end
for i in iterate(5, "break") do if i == 2 then break end end
local function earlyreturn()
  for i in iterate(5, "return") do if i == 3 then return i end end
end
print("returned", earlyreturn())
print(pcall(function() for i in iterate(5, "error") do if i == 2 then error("boom") end end end))
-- a closing value that is neither nil/false nor has __close is an error
print(pcall(function() for i in next, {}, nil, 42 do end end))

-- errors: calling a non-function iterator
print(pcall(function() for i in 42 do end end))
print(pcall(function() local t = {} for k, v in t do end end))
print(pcall(function() for k, v in nil do end end))

-- an iterator producing several values
local function triples()
  local data = {{1, "one", true}, {2, "two", false}}
  local i = 0
  return function()
    i = i + 1
    if data[i] then return table.unpack(data[i]) end
  end
end
for a, b, c in triples() do print(a, b, c) end

-- nested generic loops over the same table
local m = {1, 2, 3}
local prod = {}
for _, x in ipairs(m) do for _, y in ipairs(m) do prod[#prod + 1] = x * y end end
print(table.concat(prod, ","))

-- string.gmatch as an iterator
for word, num in ("a=1, b=22, c=333"):gmatch("(%a)=(%d+)") do io.write(word, num, ";") end print()

-- __pairs metamethod
local mp = setmetatable({}, {__pairs = function(t)
  local i = 0
  return function() i = i + 1; if i <= 3 then return i, "v" .. i end end, t, nil
end})
for k, v in pairs(mp) do io.write(k, v, " ") end print()
