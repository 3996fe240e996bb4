-- default input/output files, standard files
local name = os.tmpname()

-- print and io.write share standard output
print("a")
io.write("b\n")
print("c")
io.stdout:write("d", "\n")
print(io.write("e\n") == io.stdout, io.stdout:write("") == io.stdout)
print(io.output() == io.stdout, io.input() == io.stdin)

-- standard files cannot be closed
print(io.stdout:close())
print(io.stderr:close())
print(io.stdin:close())
print(io.close())
print(io.type(io.stdout), io.type(io.stderr), io.type(io.stdin))
print(io.stdout:flush(), io.flush())
print(io.stdout:setvbuf("full"), io.stdout:setvbuf("line", 100), io.stdout:setvbuf("no"))
print("after setvbuf no")
io.stdout:setvbuf("full")
print(pcall(io.stdout.setvbuf, io.stdout, "bad"))
print(pcall(io.stdout.setvbuf, io.stdout))

-- standard input is /dev/null in the test harness
print(io.read())
print(io.read("a"))
print(io.read("n"))
print(io.read(0))
print(io.read(5))
print(io.stdin:read("L"))
print(io.stdout:read("l"))
print(io.stdin:write("x"))

-- io.output to a file
print(io.output(name) ~= io.stdout)
io.write("to the file ", 1, " ", 2.0, "\n")
print("print still goes to stdout")
local out = io.output()
print(io.type(out))
print(io.close())
print(io.type(out))
print(pcall(io.write, "x"))
print(pcall(io.flush))
print(pcall(io.close))
print(pcall(io.output))
print(pcall(io.output, out))
io.output(io.stdout)
io.write("back to stdout\n")

-- io.input from a file
print(io.input(name) ~= io.stdin)
print(io.read("l"))
print(io.read("l"))
local inp = io.input()
inp:close()
print(pcall(io.read))
print(pcall(io.lines))
print(pcall(io.input, inp))
print(io.type(io.input()))
print(pcall(io.input, "/nonexistent/file"))
print(pcall(io.output, "/nonexistent/dir/file"))
print(pcall(io.input, {}))
io.input(io.stdin)

-- io.input / io.output with handles
local f = assert(io.open(name, "w"))
io.output(f)
io.write("via handle")
print(io.output() == f)
io.output(io.stdout)
f:close()
f = assert(io.open(name))
print(io.input(f) == f, io.read("a"))
io.input(io.stdin)
f:close()

-- stderr is unbuffered; writing to it works (not compared here)
print(io.stderr:write("") == io.stderr)

-- seeking standard output when it is a pipe fails
local ok = io.stdout:seek("cur")
print(ok == nil or math.type(ok) == "integer")

print(os.remove(name))
