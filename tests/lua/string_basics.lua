-- string library basics: len sub upper lower rep reverse byte char

local function show(...)
  local t = table.pack(...)
  local parts = {}
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "string" then parts[#parts + 1] = string.format("%q", v)
    else parts[#parts + 1] = tostring(v) end
  end
  print(t.n, table.concat(parts, " "))
end

-- len
show(string.len(""), string.len("abc"), string.len("a\0b"), ("xyz"):len(), #"hello")
show(string.len(123), string.len(1.5), string.len(-0.0))

-- sub with every kind of index
local s = "hello world"
for _, ij in ipairs{{1}, {3}, {-3}, {0}, {-100}, {100}, {1, 5}, {7, -1}, {-5, -2},
                    {0, 0}, {1, 0}, {5, 3}, {2, 100}, {-100, 3}, {-100, -100},
                    {12}, {11}, {12, 20}, {3, -100}, {math.mininteger, math.maxinteger},
                    {math.maxinteger, math.mininteger}, {math.mininteger}, {math.maxinteger}} do
  show(s:sub(ij[1], ij[2]))
end
show(string.sub("", 1), string.sub("", 0, 0), string.sub("", -1, 1))
show(string.sub(12345, 2, 3), string.sub("abc", 2.0), string.sub("abc", "2", "3"))

-- upper / lower / reverse (bytes outside ASCII are left alone)
show(string.upper("Hello, World! 123 äöü"), string.lower("Hello, World! ÄÖÜ"))
show(string.upper(""), string.lower("\0A\0"), string.upper(12), string.lower(1e100))
show(string.reverse("abc"), string.reverse(""), string.reverse("a\0b\255"), string.reverse(123))

-- rep
show(string.rep("ab", 3), string.rep("ab", 3, ","), string.rep("x", 0), string.rep("x", -5))
show(string.rep("", 5), string.rep("", 5, "-"), string.rep("a", 1, "SEP"), string.rep("a", 2, ""))
show(string.rep(1, 3), string.rep("x", 2.0), string.rep("x", "3"), #string.rep("abc", 1000))
show(string.rep("x", 4, 0))

-- byte
show(string.byte("A"), string.byte("ABC", 2), string.byte("ABC", -1), string.byte("ABC", 1, -1))
show(string.byte("ABC", 0), string.byte("ABC", 4), string.byte("ABC", 2, 1), string.byte(""))
show(string.byte("ABC", -10, 10))
show(string.byte("ABC", 3, 100))
show(string.byte("\0\255\128"), ("\0\255\128"):byte(1, 3))
show(string.byte("hello", -3, -2), string.byte(42), string.byte("abc", 2.0))
show(string.byte("abc", math.mininteger, math.maxinteger))

-- char
show(string.char(), string.char(72, 105), string.char(0, 255, 128), string.char("65", 66.0))
local all = {}
for i = 0, 255 do all[#all + 1] = i end
local full = string.char(table.unpack(all))
show(#full, full:byte(1), full:byte(-1), full == string.char(table.unpack(all)))

-- the string metatable
local mt = getmetatable("")
show(type(mt), mt.__index == string, rawequal(getmetatable("a"), getmetatable("bb")))
show(("abc"):upper(), ("%d"):rep(2), (""):len())
local names = {}
for k in pairs(string) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
local mnames = {}
for k in pairs(mt) do mnames[#mnames + 1] = k end
table.sort(mnames)
print(table.concat(mnames, " "))
show(package.loaded.string == string)

-- length operator and comparisons on results
show(#string.rep("ab", 10, "--"), string.rep("ab", 10, "--"):sub(-4))
show(("x"):rep(3) == "xxx", ("abc"):sub(2) < ("abd"):sub(2))
