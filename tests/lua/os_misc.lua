-- os.getenv, remove, rename, tmpname, execute, setlocale, exit
io.stdout:setvbuf("no")

-- the interpreter running this script (to start child interpreters)
local i = 0
while arg[i - 1] do i = i - 1 end
local lua = "'" .. arg[i] .. "'"

-- getenv
print(type(os.getenv("PATH")), os.getenv("KILN_SURELY_UNDEFINED_VARIABLE"))
print(pcall(os.getenv))
print(pcall(os.getenv, {}))
print(os.getenv(""), os.getenv("A=B"))
local p = io.popen("KILN_T_VAR='some value' " .. lua .. " -e 'print(os.getenv(\"KILN_T_VAR\"))'")
print(p:read("a"))
p:close()

-- tmpname creates the file
local name = os.tmpname()
print(type(name), #name)
local f = io.open(name)
print(io.type(f), f and f:read("a"))
if f then f:close() end
print(os.tmpname() ~= name)

-- rename and remove
f = assert(io.open(name, "w")); f:write("data"); f:close()
local other = name .. ".renamed"
print(os.rename(name, other))
print(io.open(name) == nil)
f = assert(io.open(other)); print(f:read("a")); f:close()
print(os.rename(name, other))
print(os.remove(other))
print(select("#", os.remove(other)), select(3, os.remove(other)))
print(pcall(os.remove))
print(pcall(os.rename, name))
print(pcall(os.rename))
print(os.remove("/nonexistent_dir/x"))
print(os.rename("/nonexistent_dir/x", "/nonexistent_dir/y"))
-- remove also deletes empty directories
print(os.execute("mkdir " .. name .. ".d"))
print(os.remove(name .. ".d"))
print(os.execute("mkdir " .. name .. ".d && touch " .. name .. ".d/x"))
print(select(3, os.remove(name .. ".d")))
print(os.remove(name .. ".d/x"), os.remove(name .. ".d"))

-- execute
print(os.execute())
print(os.execute("true"))
print(os.execute("exit 0"))
print(os.execute("false"))
print(os.execute("exit 7"))
print(os.execute("exit 255"))
print(os.execute("kill -INT $$"))
print(os.execute("kill -9 $$"))
print(os.execute("/nonexistent/command 2>/dev/null"))
print(os.execute("echo from the shell"))
print(pcall(os.execute, {}))

-- setlocale
print(os.setlocale(), os.setlocale(nil), os.setlocale("C"), os.setlocale("POSIX"))
print(os.setlocale("C", "numeric"), os.setlocale(nil, "time"), os.setlocale("C", "all"))
print(os.setlocale("no_such_locale"), os.setlocale("no_such_locale", "ctype"))
for _, c in ipairs({"all", "collate", "ctype", "monetary", "numeric", "time"}) do
  io.write(c, "=", os.setlocale(nil, c), " ")
end
print()
print(pcall(os.setlocale, nil, "bad"))
print(pcall(os.setlocale, {}))

-- exit (in child interpreters)
local function run(code)
  local p = io.popen(lua .. " -e '" .. code .. "' 2>/dev/null")
  local out = p:read("a")
  return out, p:close()
end
print(run("io.write(\"unflushed\") os.exit()"))
print(run("os.exit(true)"))
print(run("os.exit(false)"))
print(run("os.exit(3)"))
print(run("os.exit(256 + 5)"))
print(run("print(1) os.exit(0, true)"))
print(run("x = setmetatable({}, {__gc = function() print(\"finalized\") end}) os.exit(0, true)"))
print(run("x = setmetatable({}, {__gc = function() print(\"finalized\") end}) os.exit(0)"))
print(run("x = setmetatable({}, {__gc = function() print(\"finalized\") end}) os.exit(4, false)"))
print(run("io.stdout:setvbuf(\"full\") io.write(\"a\") print(\"b\") os.exit(2)"))
-- files are flushed at exit, with or without closing the state
print(run("local f = io.open(\"" .. name .. "\", \"w\") f:write(\"kept\") os.exit(0)"))
f = assert(io.open(name)); print(f:read("a")); f:close()
print(run("local f = io.open(\"" .. name .. "\", \"w\") f:write(\"kept too\") os.exit(0, true)"))
f = assert(io.open(name)); print(f:read("a")); f:close()
print(run("io.output(\"" .. name .. "\") io.write(\"default output\") os.exit(1)"))
f = assert(io.open(name)); print(f:read("a")); f:close()
print(run("io.output(\"" .. name .. "\") io.write(\"at normal end\")"))
f = assert(io.open(name)); print(f:read("a")); f:close()
print(run("local f <close> = setmetatable({}, {__close = function() print(\"closed\") end}) os.exit(0, true)"))
print(run("os.exit(\"x\")"))
print(os.remove(name))
