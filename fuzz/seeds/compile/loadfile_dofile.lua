-- loadfile and dofile, using this very file as the chunk to load.
-- (The tests are run from the directory that contains this script.)

local mode = ...
if mode == "as-chunk" then
  -- when loaded by the code below, just report and return some values
  return "loaded", select("#", ...), marker
end
if mode == "error" then error("raised inside dofile") end
-- dofile passes no arguments, so it is steered through globals
if DOFILE_MODE == "values" then return "dofile", "returns", "all" end
if DOFILE_MODE == "error" then error({from = "dofile"}) end

-- loadfile returns a function; the file is not run yet
local f, err = loadfile("loadfile_dofile.lua")
print("loadfile", type(f), err)
print("run", f("as-chunk", "extra"))
-- env argument
local g = loadfile("loadfile_dofile.lua", "t", {select = select, marker = "from env"})
print("env", g("as-chunk"))
-- mode "b" rejects a text file
local h, herr = loadfile("loadfile_dofile.lua", "b")
print("mode b", h, herr)
-- dofile runs the file and returns all its results; errors propagate
DOFILE_MODE = "values"
print("dofile", dofile("loadfile_dofile.lua"))
DOFILE_MODE = "error"
local dok, derrobj = pcall(dofile, "loadfile_dofile.lua")
print("dofile error", dok, type(derrobj), derrobj.from)
DOFILE_MODE = nil

-- missing files: only a stable prefix of the message is shown (the rest is
-- the operating system's error text)
local prefix = "cannot open nofile.lua"
local lf, lerr = loadfile("nofile.lua")
print("missing loadfile", lf, lerr:sub(1, #prefix))
local ok, derr = pcall(dofile, "nofile.lua")
print("missing dofile", ok, derr:sub(1, #prefix))
-- a directory or a path with a missing directory
lf, lerr = loadfile("no/such/dir/nofile.lua")
print("missing dir", lf, lerr:sub(1, #"cannot open no/such/dir/nofile.lua"))

-- errors raised inside a loaded file carry the file's chunk name
local eh = loadfile("loadfile_dofile.lua")
print("error inside", pcall(eh, "error"))
-- chunk name used by loadfile is "@<filename>", so messages show the plain name
print("chunk name", select(2, pcall(eh, "error")):match("^[^:]+"))

-- syntax errors in a file are returned, not raised
-- (load a string with the same chunk name form to compare)
print("syntax", load("x = = 1", "@fake.lua"))
