-- io.lines and file:lines
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("first\nsecond\n\nfourth 4 5.5\n0x10 rest\nlast")
f:close()

-- io.lines(filename) closes the file at the end
for l in io.lines(name) do print("[" .. l .. "]") end
for l in io.lines(name, "L") do io.write("<", l, ">") end
print()
for a, b in io.lines(name, 1, 2) do io.write(a, "|", b, " ") end
print()
for c in io.lines(name, "a") do print(#c) break end

-- io.lines returns four values: iterator, nil, nil, file
local it, s, c, file = io.lines(name)
print(type(it), s, c, io.type(file))
print(it(), it(), it())
file:close()
print(pcall(it))

-- reading past the end closes the file; calling again is an error
it, s, c, file = io.lines(name)
local n = 0
while it() do n = n + 1 end
print(n, io.type(file))
print(pcall(it))

-- breaking out of the loop closes the file (to-be-closed variable)
for l in io.lines(name) do
  file = nil
  break
end

-- numbers
for a, b in io.lines(name, "n", "l") do print(a, b) end

-- file:lines does not close the file
f = assert(io.open(name))
for l in f:lines() do io.write(l, ";") end
print()
print(io.type(f), f:read("a"), f:seek("cur"))
f:seek("set")
for a, b, c in f:lines("l", "n", 3) do print(a, b, c) end
f:seek("set", 6)
for w in f:lines(6) do io.write("(", w, ")") end
print()
f:close()

-- errors
print(pcall(io.lines, "/nonexistent/file"))
print(select("#", io.lines(name, "x")))
print(pcall(function() for l in io.lines(name, "x") do end end))
print(pcall(function() for l in io.lines(name, {}) do end end))
print(pcall(function() for l in io.lines(name, 1.5) do end end))
print(pcall(io.lines, {}))
f = assert(io.open(name))
local lf = f:lines()
f:close()
print(pcall(lf))
print(pcall(f.lines, f))
print(pcall(function() return select("#", io.lines(name, table.unpack({}, 1, 250))) end))
print(pcall(io.lines, name, table.unpack({}, 1, 251)))

-- an I/O error while iterating is raised
f = assert(io.open(name, "w"))
print(pcall(function() for l in f:lines() do end end))
f:close()

-- io.lines() without a file name reads the default input
io.input(name)
for l in io.lines() do io.write(l, ",") end
print()
print(io.type(io.input()))
io.input():close()
print(pcall(io.lines))
io.input(io.stdin)

print(os.remove(name))

-- the file of io.lines is closed when the loop ends by break or error
name = os.tmpname()
f = assert(io.open(name, "w")); f:write("a\nb\n"); f:close()
local fh
local function grab(...) fh = select(4, ...); return ... end
for l in grab(io.lines(name)) do break end
print(io.type(fh))
local ok, e = pcall(function()
  for l in grab(io.lines(name)) do error("x", 0) end
end)
print(io.type(fh), e)
-- iterating inside a coroutine
local co = coroutine.wrap(function()
  for l in io.lines(name) do coroutine.yield(l) end
  return "end"
end)
print(co(), co(), co())
print(os.remove(name))
