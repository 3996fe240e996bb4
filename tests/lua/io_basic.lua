-- io.open / write / read / close, modes, errors, io.type, tostring
local name = os.tmpname()

-- write then read back
local f = assert(io.open(name, "w"))
print(io.type(f), io.type(io.stdout), io.type(42), io.type(nil), io.type({}))
print(tostring(f) ~= "file (closed)")
print(f:write("hello", " ", 42, " ", 3.5, " ", -0.0, " ", 1e100, " ", 2^63, "\n") == f)
print(f:write(1.0, " ", -7, " ", math.maxinteger, " ", math.mininteger, " ", 1/0, " ", -1/0, "\n") == f)
print(f:write() == f)
print(f:close())
print(io.type(f), tostring(f))
print(pcall(f.write, f, "x"))
print(pcall(f.close, f))
print(pcall(f.read, f))
print(pcall(f.lines, f))
print(pcall(f.seek, f))
print(pcall(f.flush, f))
print(pcall(f.setvbuf, f, "no"))
print(pcall(io.close, f))

f = assert(io.open(name))
print(f:read("a"))
f:close()

-- read-only file: writing fails
f = assert(io.open(name, "r"))
print(f:write("x"))
print(f:read("l"))
f:close()

-- write arguments must be strings or numbers
f = assert(io.open(name, "w"))
print(pcall(f.write, f, "a", {}))
print(pcall(f.write, f, nil))
print(pcall(f.write, f, true))
f:close()

-- modes
for _, m in ipairs({"r", "w", "a", "r+", "w+", "a+", "rb", "wb", "ab", "r+b", "w+b", "a+b", "rbb"}) do
  local g, err = io.open(name, m)
  print(m, io.type(g), err)
  if g then g:close() end
end
for _, m in ipairs({"", "x", "rw", "rb+", "+", "r++", "wt", "br", "r+x"}) do
  print(m, pcall(io.open, name, m))
end
print(pcall(io.open))
print(pcall(io.open, {}))
print(pcall(io.open, name, {}))

-- errors from the system
print(io.open("/nonexistent_dir/file.txt"))
print(io.open("/nonexistent_dir/file.txt", "w"))
print(io.open("/", "w"))
local d = io.open("/")
print(io.type(d), d:read("a"))
print(d:read("l"))
d:close()

-- "w" truncates, "a" appends, "r+" updates in place
f = assert(io.open(name, "w")); f:write("123456789"); f:close()
f = assert(io.open(name, "a")); f:write("abc"); f:close()
f = assert(io.open(name)); print(f:read("a")); f:close()
f = assert(io.open(name, "r+")); f:write("XY"); f:close()
f = assert(io.open(name)); print(f:read("a")); f:close()
f = assert(io.open(name, "w+")); print(f:read("a")); f:write("new"); f:seek("set"); print(f:read("a")); f:close()
f = assert(io.open(name, "a+")); print(f:read("a")); f:write("+more"); f:seek("set"); print(f:read("a")); f:close()

-- numbers as file names and modes
print(io.type((io.open(name, "r"))))

-- methods need a file
print(pcall(io.stdout.write, {}, "x"))
print(pcall(io.stdout.read, 1))
print(pcall(io.stdout.close, "x"))
print(pcall(f.write))

-- metatable
local mt = getmetatable(io.stdout)
print(type(mt), mt.__name, type(mt.__index), type(mt.__gc), type(mt.__close), type(mt.__tostring))
print(getmetatable(f) == mt, mt.__index.read == f.read)
local names = {}
for k in pairs(mt.__index) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
names = {}
for k in pairs(io) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))

-- io.tmpfile
local t = io.tmpfile()
print(io.type(t))
t:write("temporary data\nsecond")
print(t:seek("set"))
print(t:read("l"), t:read("l"), t:read("l"))
print(t:close())

-- to-be-closed file
do
  local g <close> = assert(io.open(name, "w"))
  g:write("closed by <close>")
  f = g
end
print(io.type(f))
f = assert(io.open(name)); print(f:read("a")); f:close()

-- collected handles are closed (and flushed)
do
  local g = assert(io.open(name, "w"))
  g:write("flushed by __gc")
end
collectgarbage()
collectgarbage()
f = assert(io.open(name)); print(f:read("a")); f:close()

print(os.remove(name))
print(select("#", io.open(name)), io.open(name) == nil)
