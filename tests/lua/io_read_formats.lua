-- io read formats: "l", "L", "a", "n", counts, with and without '*'
local name = os.tmpname()

local function writefile(s)
  local f = assert(io.open(name, "wb"))
  assert(f:write(s))
  assert(f:close())
end

local function mt(v)
  if type(v) == "number" then return math.type(v) else return type(v) end
end

local function rep(s, n)
  local t = {}
  for i = 1, n do t[i] = s end
  return table.concat(t)
end

local function show(...)
  local t = table.pack(...)
  local parts = {}
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "string" then
      parts[#parts + 1] = "[" .. v .. "]"
    else
      parts[#parts + 1] = tostring(v) .. "(" .. mt(v) .. ")"
    end
  end
  print(t.n, table.concat(parts, " "))
end

writefile("line one\nline two\n\nlast line without newline")
local f = assert(io.open(name, "r"))
show(f:read())
show(f:read("l"))
show(f:read("L"))
show(f:read("*l"))
show(f:read("L"))
show(f:read("l"))
show(f:read("a"))
show(f:read("a"))
show(f:read(0))
show(f:read(5))
f:close()

-- counts
writefile("abcdefghij")
f = assert(io.open(name))
show(f:read(0))
show(f:read(3, 2, 0, 1))
show(f:read(100))
show(f:read(1))
show(f:read(0))
show(f:read("a", "a"))
f:close()

-- several formats at once, stopping at the first failure
writefile("10 20\nhello\n")
f = assert(io.open(name))
show(f:read("n", "n", "l", "l", "l", "l"))
f:close()

-- full names and the '*' prefix: only the first letter counts
writefile("alpha\nbeta\ngamma\n")
f = assert(io.open(name))
show(f:read("*line"))
show(f:read("Line"))
show(f:read("*all"))
f:close()

-- invalid formats
f = assert(io.open(name))
print(pcall(f.read, f, "x"))
print(pcall(f.read, f, "*"))
print(pcall(f.read, f, ""))
print(pcall(f.read, f, {}))
print(pcall(f.read, f, 1.5))
print(pcall(f.read, f, "l", true))
show(f:read(2.0))
f:close()

-- numbers
local numerals = {
  "0", "  42", "-17", "+5", "3.25", ".5", "5.", "1e10", "1E+2", "2e-3",
  "0x10", "0XfF", "-0x1p4", "0x.8", "0x1P-1", "1e", "1e+", "0x", "--1",
  "- 1", "abc", "", "   ", "\t\n 7", "1.5.6", "12abc", "0x1g", "9223372036854775807",
  "9223372036854775808", "-9223372036854775808", "1e400", "00012", "0.0",
  ".e5", "inf", "nan", "0x7fffffffffffffff", "0xffffffffffffffffff", "1..2",
  "5e5e5", "+-3", "0b1", "08", "1 2 3",
}
for _, s in ipairs(numerals) do
  writefile(s)
  f = assert(io.open(name))
  local n = f:read("n")
  local rest = f:read("a")
  print("[" .. s .. "]", "->", n, mt(n), "rest=[" .. rest .. "]")
  f:close()
end

-- the numeral length limit (200 characters)
for _, len in ipairs({198, 199, 200, 201, 250}) do
  writefile(rep("1", len) .. " tail")
  f = assert(io.open(name))
  local n = f:read("n")
  local rest = f:read("a")
  print(len, n ~= nil and mt(n) or n, #rest)
  f:close()
end
writefile("0x" .. rep("0", 197) .. "1F rest")
f = assert(io.open(name))
print(f:read("n"), f:read("a"))
f:close()
writefile("0." .. rep("0", 250) .. "1")
f = assert(io.open(name))
print(f:read("n"), #f:read("a"))
f:close()

-- numbers separated by spaces and lines
writefile("1 2.5 0x10\n-3e2\n\n  4 x 5")
f = assert(io.open(name))
show(f:read("n", "n", "n", "n", "n", "n"))
show(f:read("a"))
f:close()

-- reading from a file opened for writing only
f = assert(io.open(name, "w"))
show(f:read("a"))
show(f:read("l"))
show(f:read("n"))
show(f:read(0))
f:close()

-- big data through the buffer
local big = {}
for i = 1, 3000 do big[#big + 1] = (100000 + i) .. " line\n" end
big = table.concat(big)
writefile(big)
f = assert(io.open(name))
local count, last = 0, nil
for l in f:lines() do count = count + 1; last = l end
print(count, last)
f:close()
f = assert(io.open(name))
print(#f:read("a") == #big, f:read("a"), f:read("l"))
f:close()
f = assert(io.open(name))
local chunks = 0
while true do
  local c = f:read(4093)
  if not c then break end
  chunks = chunks + 1
end
print(chunks)
f:close()

print(os.remove(name))
