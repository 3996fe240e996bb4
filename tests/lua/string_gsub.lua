-- string.gmatch and string.gsub

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

local function gm(s, p, init)
  local out = {}
  for a, b, c in string.gmatch(s, p, init) do
    out[#out + 1] = "[" .. tostring(a) .. (b and ("|" .. tostring(b)) or "") .. (c and ("|" .. tostring(c)) or "") .. "]"
    if #out > 50 then break end
  end
  print(s, p, init, table.concat(out, " "))
end

-- gmatch
gm("hello world from lua", "%a+")
gm("k1=v1, k2=v2", "(%w+)=(%w+)")
gm("abc", "")
gm("abc", "()")
gm("abc", ".-")
gm("abc", "x*")
gm("aaa", "a*")
gm("a,b,,c", "([^,]*)")
gm("hello", "l", 4)
gm("hello", "l", -2)
gm("hello", ".", 10)
gm("hello", "", 6)
gm("hello", "", 7)
gm("hello", ".", -100)
gm("hello", "^h")
gm("^h^h", "^h")
gm("one two", "()(%a+)()")
gm(12345, "%d%d")
do
  local it = string.gmatch("a b c", "%a")
  print(it(), it(), it(), it(), it())
end
do -- the iterator keeps its own state
  local it1 = ("x1y2z3"):gmatch("%a(%d)")
  local it2 = ("x1y2z3"):gmatch("%a(%d)")
  print(it1(), it2(), it1(), it1(), it2())
end
do -- the subject and pattern survive a collection while iterating
  local it = string.gmatch(string.rep("ab", 3) .. "!", string.rep("a", 1) .. "(b)")
  collectgarbage()
  local n = 0
  for c in it do n = n + 1; collectgarbage() end
  print("after gc", n)
end
try(function() for _ in string.gmatch("abc", "(") do end end)
try(function() for _ in string.gmatch("abc", "%") do end end)
try(string.gmatch, "abc")
try(string.gmatch, "abc", "x", "y")

-- gsub with string replacements
show(string.gsub("hello world", "o", "0"))
show(string.gsub("hello world", "o", "0", 1))
show(string.gsub("hello world", "o", "0", 0))
show(string.gsub("hello world", "o", "0", -1))
show(string.gsub("hello world", "o", "0", 2.0))
show(string.gsub("hello world", "(%w+)", "<%1>"))
show(string.gsub("hello world", "%w+", "%0 %0"))
show(string.gsub("hello world", "(%w+) (%w+)", "%2 %1"))
show(string.gsub("abc", "%w", "%%"))
show(string.gsub("abc", "", "-"))
show(string.gsub("abc", ".-", "-"))
show(string.gsub("abc", "x*", "-"))
show(string.gsub("abc", "^", ">"))
show(string.gsub("abc", "$", "<"))
show(string.gsub("abc", "^a", "A"))
show(string.gsub("aaa", "^a", "A"))
show(string.gsub("hello", "()l", "%1"))
show(string.gsub("hello", "l+", 7))
show(string.gsub("hello", "l", 1.5))
show(string.gsub(12321, 2, 9))
show(string.gsub("a.b.c", "%.", "%%"))
show(string.gsub("abc", "b", "%0%0%0"))
show(string.gsub("abc", "(b)", "[%1%1]"))
show(string.gsub("", "", "x"))
show(string.gsub("", "x", "y"))
show(string.gsub("a\0b", "\0", "\1"))
show(string.gsub("  trim me  ", "^%s*(.-)%s*$", "%1"))

-- gsub with table replacements
local t = {name = "kiln", version = "5.4", n = 42, f = false}
show(string.gsub("$name is $version ($n) $missing $f", "%$(%w+)", t))
show(string.gsub("hello world", "%w+", {hello = "HI"}))
show(string.gsub("abc", "()", {[1] = "one", [4] = "four"}))
local proxy = setmetatable({}, {__index = function(_, k) return k:upper() end})
show(string.gsub("abc def", "%w+", proxy))

-- gsub with function replacements
show(string.gsub("hello world", "%w+", string.upper))
show(string.gsub("hello world", "%w+", function(w) return #w end))
show(string.gsub("hello world", "(%w)(%w*)", function(a, b) return a:upper() .. b end))
show(string.gsub("hello world", "%w+", function() end))
show(string.gsub("hello world", "%w+", function() return false end))
show(string.gsub("abc", "", function() return "-" end))
show(string.gsub("abc", "()(.)", function(p, c) return c .. p end))
do
  local calls = {}
  local r, n = string.gsub("a1b2c3", "(%a)(%d)", function(...)
    calls[#calls + 1] = select("#", ...) .. ":" .. table.concat({...}, ",")
  end, 2)
  show(r, n, table.concat(calls, " "))
end
do -- replacement functions may allocate and collect
  local r = string.gsub(string.rep("x", 200), "x", function(c)
    local junk = {}
    for i = 1, 20 do junk[i] = c .. i end
    collectgarbage()
    return "y"
  end)
  print(#r, r:sub(1, 10))
end
do -- nested gsub inside a replacement function
  show(string.gsub("a b c", "%a", function(c)
    return (string.gsub("xx", "x", c))
  end))
end

-- errors
try(string.gsub, "abc", "(a)", "%2")
try(string.gsub, "abc", "a", "%2")
try(string.gsub, "abc", "a", "%")
try(string.gsub, "abc", "a", "%x")
try(string.gsub, "abc", "x", "%x")
try(string.gsub, "abc", "(a", "%1")
try(string.gsub, "abc", "(a", "x")
try(string.gsub, "abc", "(a", function() return "x" end)
try(string.gsub, "abc", "(a", {})
try(string.gsub, "abc", "a", {a = {}})
try(string.gsub, "abc", "a", function() return {} end)
try(string.gsub, "abc", "a", function() return true end)
try(string.gsub, "abc", "a", function() error("boom") end)
print(select(2, pcall(string.gsub, "abc", "a", function() error({}) end)) == nil)
print(type(select(2, pcall(string.gsub, "abc", "a", function() error({}) end))))
try(string.gsub, "abc", "a")
try(string.gsub, "abc", "a", true)
try(string.gsub, "abc", "a", "b", "c")
try(string.gsub, "abc", "a", "b", 1.5)
try(string.gsub, "abc", "[a", "b")
try(string.gsub, "abc", "%f", "b")
try(string.gsub, nil, "a", "b")
print(pcall(function() return ("abc"):gsub("a", "%9") end))
