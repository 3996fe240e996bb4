-- table.pack and table.unpack.

local p = table.pack()
print("empty pack", p.n, #p, next(p))
p = table.pack(1, nil, 3, nil)
print("pack nils", p.n, p[1], p[2], p[3], p[4])
p = table.pack("a", "b", "c")
print("pack", p.n, p[1], p[2], p[3], #p)
-- n is a regular field
p = table.pack(nil, nil)
print("pack n", p.n, rawlen(p) == 0 or rawlen(p))

print("unpack", table.unpack({1, 2, 3}))
print("unpack empty", select("#", table.unpack({})))
print("unpack range", table.unpack({1, 2, 3, 4, 5}, 2, 4))
print("unpack from", table.unpack({1, 2, 3, 4, 5}, 4))
print("unpack holes", table.unpack({1, nil, 3}, 1, 3))
print("unpack beyond", table.unpack({1, 2}, 1, 4))
print("unpack neg", table.unpack({[-1] = "m1", [0] = "z", "one"}, -1, 1))
print("unpack i>j", select("#", table.unpack({1, 2, 3}, 3, 2)))
print("unpack n", select("#", table.unpack(table.pack(1, nil, nil))))
local packed = table.pack(1, nil, nil)
print("unpack with n", select("#", table.unpack(packed, 1, packed.n)))
-- unpack respects __index and __len
local proxy = setmetatable({}, {
  __index = function(_, k) return "v" .. k end,
  __len = function() return 3 end,
})
print("unpack meta", table.unpack(proxy))
print("unpack meta range", table.unpack(proxy, 5, 6))
-- huge ranges fail cleanly
print("too many", pcall(table.unpack, {}, 1, 1e7))
print("too many2", pcall(table.unpack, {}, math.mininteger, math.maxinteger))
print("extreme empty", select("#", table.unpack({}, math.maxinteger, math.maxinteger - 1)))
print("extreme one", table.unpack({[math.maxinteger] = "last"}, math.maxinteger, math.maxinteger))
-- argument errors
print("bad arg", pcall(table.unpack))
print("bad i", pcall(table.unpack, {}, "x"))
print("float i", table.unpack({"a", "b"}, 2.0))
print("bad float", pcall(table.unpack, {"a"}, 1.5))
-- the classic pattern: pass varargs through a table
local function roundtrip(...)
  local t = table.pack(...)
  return table.unpack(t, 1, t.n)
end
print("roundtrip", roundtrip(nil, 2, nil))
print("roundtrip count", select("#", roundtrip(nil, 2, nil)))
-- unpack is the same function as the old global
print("global unpack", unpack)
