-- load: strings, reader functions, environments, modes and chunk names.

-- string chunks
local f = load("return 1 + 1")
print(f())
print(load("syntax error here"))
print(load("return ...", "varargs")(1, 2, 3))

-- reader functions: pieces are concatenated until nil or ""
local pieces = {"ret", "urn ", "'pie", "ces'"}
local i = 0
f = load(function() i = i + 1; return pieces[i] end)
print(f())
-- an empty string also ends the chunk
i = 0
local parts2 = {"return 10", "", "+ 5"}
f = load(function() i = i + 1; return parts2[i] end)
print(f())
-- a reader may return numbers (they are converted to strings)
local np = {"return ", 42}
i = 0
print(load(function() i = i + 1; return np[i] end)())
-- reader returning a non-string, and readers that raise errors.
-- (These are wrapped in pcall: the reference interpreter runs the reader with
-- the caller's message handler still active, so at main-chunk level the
-- standalone interpreter would append a traceback to the message.)
print(pcall(load, function() return {} end))
print(pcall(load, function() error("reader broke") end))
local rok, rf, rerr = pcall(load, function() error({code = 7}) end)
print(rok, rf, type(rerr), rerr.code)
-- reader called once per piece even with a single-byte chunk stream
local src = "return 'byte by byte'"
local pos = 0
print(load(function() pos = pos + 1; return src:sub(pos, pos) end)())

-- environments
local env = {x = "from env"}
f = load("return x", "chunk", "t", env)
print(f())
f = load("y = 5; return y", "chunk", "t", env)
print(f(), env.y, rawget(_G, "y"))
-- nil as env gives a function with a nil _ENV upvalue
f = load("return x", "chunk", "t", nil)
print(pcall(f))
-- the first upvalue is _ENV; a chunk without globals still works
print(load("local a = 1 return a", "c", "t", nil)())
-- default env is the global table
gvar = "global"
print(load("return gvar")())

-- modes
print(type(load("return 1", "m", "t")))
print((load("return 1", "m", "b")))
print(select(2, load("return 1", "m", "b")))
print(select(2, load("\27Lua", "bin", "t")))
print(pcall(load, "return 1", "m", "x"))
-- binary chunks round trip through string.dump
local dumped = string.dump(function(a) return a * 2 end)
print(load(dumped, "dumped", "b")(21))
print(select(2, load(dumped, "dumped", "t")))
print(load(dumped)(4))

-- chunk names
print(select(2, pcall(load("error('e')", "=custom"))))
print(select(2, pcall(load("error('e')", "@path/to/file.lua"))))
print(select(2, pcall(load("error('e')", "literal"))))
print(select(2, pcall(load("error('e')"))))
print(select(2, pcall(load("\n\nerror('e')", "=c"))))
print(select(2, pcall(load(function() return nil end))))
print(select(2, load("x = ", "=(load)")))
local ri = 0
print(select(2, load(function() ri = ri + 1; if ri == 1 then return "x = = 1" end end)))

-- loadstring is gone; dostring too
print(loadstring, dostring)

-- argument errors
print(pcall(load))
print(pcall(load, 42))
print(pcall(load, "x", 1, 2))

-- a loaded function is a vararg function
print(load("return select('#', ...)")(nil, nil))

-- load does not run the code
local ran = false
_G.markran = function() ran = true end
f = load("markran()")
print(ran)
f()
print(ran)

-- dofile/loadfile with a missing file
-- (only a stable prefix is printed: the OS error text follows it)
local lf, lmsg = loadfile("nofile.lua")
print(lf, lmsg:sub(1, #"cannot open nofile.lua"))
local dok, dmsg = pcall(dofile, "nofile.lua")
print(dok, dmsg:sub(1, #"cannot open nofile.lua"))
