-- Varargs and multiple results in every context.

local function count(...) return select("#", ...) end
local function id(...) return ... end
local function three() return 1, 2, 3 end
local function none() end

print(count(), count(nil), count(nil, nil), count(id()), count(none()), count(three()))
print(select("#", three()), select(2, three()), select(-1, three()), select(-3, three()))
print(select(4, three()))
print(pcall(select, 0, 1, 2))
print(pcall(select, -4, 1, 2, 3))
print(pcall(select, "x"))
print(select(2.0, "a", "b"), pcall(select, 1.5, "a"))

-- only the last expression in a list is expanded
print(three(), three())
print((three()))
print(three(), "end")
print(({three(), three()})[4], #{three(), three()}, #{three(), (three())})
local t = {three(), x = 1, three()}
print(#t, t[1], t[2], t[4])
t = {three(), nil}
print(t[1], t[2], t[3])

-- adjusting to one value
local a, b = (three())
print(a, b)
local p = {(id(1, 2, 3))}
print(#p)
print((none()))
print(count((none())))

-- vararg in the middle of a list is truncated
print(count(id(1, 2), id(3, 4)), count(id(), id()), count(id(), 1))

-- table.pack / table.unpack round trip with nils
local packed = table.pack(nil, 2, nil)
print(packed.n, packed[1], packed[2], packed[3])
print(table.unpack({1, 2, 3}, 2), table.unpack({1, 2, 3}, 2, 5))
print(count(table.unpack({}, 1, 3)), count(table.unpack({1, 2}, 3)))
print(table.unpack({"a", "b", "c"}, -1, 1))

-- ... inside the vararg function
local function f(a, ...)
  local x, y = ...
  local all = {...}
  return a, x, y, #all, select("#", ...)
end
print(f(1))
print(f(1, 2))
print(f(1, 2, 3, 4))

-- ... in a table constructor and as the last argument
local function wrap(...) return {n = select("#", ...), ...} end
local w = wrap(nil, nil, 3)
print(w.n, w[3])
local function last(...) return "first", ... end
print(last(1, 2))
print(last())

-- ... in arithmetic and comparisons takes the first value
local function firstplus(...) return ... + 1, (...) end
print(firstplus(10, 20))

-- return f() passes all values; return (f()) passes one
local function allr() return three() end
local function oner() return (three()) end
print(allr()); print(oner())

-- main chunk varargs (load passes its arguments)
local chunk = load("return select('#', ...), ...")
print(chunk("a", "b", nil))

-- vararg with many values
local big = {}
for i = 1, 250 do big[i] = i end
print(count(table.unpack(big)), select(250, table.unpack(big)))
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + select(i, ...) end
  return s
end
print(sum(table.unpack(big)))

-- string methods with multiple returns
print(string.find("hello world", "o w"))
print(("x"):rep(3), ("abc"):byte(1, -1))
