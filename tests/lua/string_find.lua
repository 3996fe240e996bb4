-- string.find / string.match

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

local function try(f, ...)
  local r = table.pack(pcall(f, ...))
  if r[1] then show(table.unpack(r, 2, r.n)) else print("error", r[2]) end
end

-- plain searches
show(string.find("hello world", "o"))
show(string.find("hello world", "o", 6))
show(string.find("hello world", "o", -3))
show(string.find("hello world", "xyz"))
show(string.find("hello world", ""))
show(string.find("hello world", "", 5))
show(string.find("hello world", "", 12))
show(string.find("hello world", "", 13))
show(string.find("hello world", "", 100))
show(string.find("hello world", "", -100))
show(string.find("", ""))
show(string.find("", "", 1), string.find("", "", 2))
show(string.find("a.b.c", ".", 1, true))
show(string.find("a.b.c", "."))
show(string.find("a+b", "+", 1, true))
show(string.find("a(b", "(", 1, true))
show(string.find("x)y", ")"))
show(string.find("x]y", "]"))
show(string.find("a\0b\0c", "\0", 3))
show(string.find("a\0b\0c", "b\0"))
show(string.find("abc", "c", 3, false))
show(string.find(12345, 34), string.find(1.5, "."))

-- patterns with captures
show(string.find("hello world", "(o)(r)"))
show(string.find("hello world", "()o()"))
show(string.find("key = value", "(%w+)%s*=%s*(%w+)"))
show(string.find("  trim  ", "^%s*(.-)%s*$"))
show(string.find("abc", "^b"))
show(string.find("abc", "^b", 2))
show(string.find("abc", "c$"))
show(string.find("abc", "b$"))
show(string.find("a$c", "$c"))
show(string.find("THE (quick) fox", "%((%a+)%)"))
show(string.find("f(a(b)c)d", "%b()"))
show(string.find("THE (quick) fox", "%f[%a]%a+", 5))
show(string.find("hello", "l+"))
show(string.find("hello", "l*", 1))
show(string.find("hello", "x*"))
show(string.find("hello", "l-o"))
show(string.find("hello", "h?e"))
show(string.find("0x1F", "%x+$"))
show(string.find("[test]", "[%[]"))
show(string.find("a-b", "[a-]", 2))
show(string.find("abc123", "[^%a]"))
show(string.find("aaa", "(a)%1"))

-- match
show(string.match("hello world", "%w+"))
show(string.match("hello world", "(%w+) (%w+)"))
show(string.match("hello world", "()ll()"))
show(string.match("2024-01-15", "(%d+)-(%d+)-(%d+)"))
show(string.match("no digits", "%d+"))
show(string.match("hello", ".-"))
show(string.match("hello", ""))
show(string.match("hello", "", 10))
show(string.match("hello", "()", 6))
show(string.match("hello", "()", 7))
show(string.match("hello", "o", -1))
show(string.match("hello", "^h", -5))
show(string.match("hello", "^e", -4))
show(string.match("  x", "^%s*()"))
show(string.match("abc", "((a)(b)(c))"))
show(string.match("key=val; k2=v2", "(%w+)=(%w+)", 5))
show(string.match("a,b,,c", "([^,]*),([^,]*),([^,]*)"))
show(string.match("\0\1\2", "[\0-\1]+"))
show(string.match("x = 1.5e10", "[%d%.e]+"))
show(string.match(1234, "(%d)(%d)"))

-- classes against all bytes
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
for _, c in ipairs{"a", "A", "c", "d", "g", "l", "p", "s", "u", "w", "x"} do
  local n1 = select(2, all:gsub("%" .. c, ""))
  local n2 = select(2, all:gsub("%" .. c:upper(), ""))
  print(c, n1, n2, (all:match("%" .. c .. "+")))
end

-- errors in patterns (reported with the caller's position)
try(string.find, "a", "a%")
try(string.find, "b", "a%")
try(string.match, "a", "[a")
try(string.match, "a", "(a")
try(string.match, "a", "a)")
try(string.find, "a)", "a)")
try(string.match, "a", "%b")
try(string.match, "a", "%f")
try(string.match, "a", "%1")
try(string.match, "aa", "(a)%2")
try(string.match, string.rep("a", 40), string.rep("(a)", 33))
try(string.match, string.rep("a", 300000), string.rep("a?", 300000) .. "b")
print(pcall(function() return ("x"):find("%") end))
print(pcall(function() return string.match("x", "[x") end))
try(string.find, "abc")
try(string.find, nil, "x")
try(string.find, "abc", "b", "x")
try(string.find, "abc", "b", 1.5)
try(string.match, {}, "x")
