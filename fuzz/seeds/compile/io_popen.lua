-- io.popen: reading, writing, exit statuses
io.stdout:setvbuf("no")

local p = assert(io.popen("echo hello; echo world"))
print(io.type(p))
print(p:read("l"))
print(p:read("a"))
print(p:read("a"), p:read("l"))
print(p:close())
print(io.type(p))

p = assert(io.popen("printf 'a b\\n12 0x1F\\n'", "r"))
for l in p:lines() do print("[" .. l .. "]") end
print(p:close())

p = io.popen("printf '1 2 3'")
print(p:read("n", "n", "n", "n"))
p:close()

-- exit statuses
print(io.popen("exit 0"):close())
print(io.popen("exit 1"):close())
print(io.popen("exit 42"):close())
print(io.popen("kill -TERM $$"):close())
print(io.popen("kill -KILL $$"):close())

-- writing to a command: its output goes to our standard output
p = assert(io.popen("cat", "w"))
print(io.type(p))
print(p:write("line to cat\n", 42, "\n") == p)
print(p:close())
p = assert(io.popen("exit 3", "w"))
print(p:close())

-- the output buffer is flushed before the command starts
io.stdout:setvbuf("full")
io.write("before ")
p = io.popen("echo from child", "w")
p:close()
io.write("after\n")
io.stdout:setvbuf("no")

-- wrong direction
p = io.popen("echo x", "r")
print(p:write("x"))
p:close()
p = io.popen("cat >/dev/null", "w")
print(p:read("a"))
p:close()

-- seeking a pipe fails
p = io.popen("echo abc")
print(p:seek("set", 1))
print(p:read("a"))
p:close()

-- invalid modes
print(pcall(io.popen, "ls", "rw"))
print(pcall(io.popen, "ls", "rb"))
print(pcall(io.popen, "ls", ""))
print(pcall(io.popen))

-- a command that does not exist: the shell reports it
p = io.popen("exec /nonexistent/command 2>/dev/null")
print(p:read("a"))
print(p:close())

-- lines from a pipe with io.lines-like formats
p = io.popen("printf 'x1\\nx2\\nx3'")
local t = {}
for a in p:lines(1, 1) do t[#t + 1] = a end
print(table.concat(t, ","))
p:close()

-- closing twice
p = io.popen("true")
p:close()
print(pcall(p.close, p))
print(tostring(p))

-- an unclosed popen handle is closed by the collector
do local q = io.popen("true") end
collectgarbage()
print("done")
