-- Messages produced by the parser for malformed chunks (load returns nil, msg).

local cases = {
  "x = = 1",
  "local 1 = 2",
  "x = 'unfinished",
  "x = \"unfinished\nmore\"",
  "x = [[never closed",
  "--[[ never closed",
  "x = [==[ wrong level ]=]",
  "x = 3.4.5",
  "x = 0x1p",
  "x = 1e+",
  "x = '\\q'",
  "x = '\\300'",
  "x = '\\xZZ'",
  "x = '\\u{110000000}'",
  "x = '\\u{zz}'",
  "x = '\\u123'",
  "function f() return 1",
  "function f()\n\n if x then\n  return 1\n",
  "while true do\n x = 1\n",
  "for i = 1, 2 do",
  "repeat x = 1",
  "if x then else",
  "do local a = 1",
  "x = (1 + 2",
  "x = {1, 2",
  "f(1, 2",
  "local t = {} t.",
  "x",
  "x.y",
  "1 = x",
  "f() = 1",
  "local function 3() end",
  "for i in do end",
  "for i, 3 in x do end",
  "for 1 = 1, 2 do end",
  "for i = 1 do end",
  "if x end",
  "return return",
  "return 1; x = 2",
  "break",
  "if x then break end",
  "function f() return ... end",
  "local function g(a, ...) return function() return ... end end",
  "goto nowhere",
  "do goto l1 end ::l1:: ::l1::",
  "::a:: ::a::",
  "do local x goto skip local y ::skip:: print(y) end",
  "local x <const> = 1; x = 2",
  "local x <close> = nil; x = 2",
  "local y <const> = 1; function f() y = 3 end",
  "local a <foo> = 1",
  "local a <close>, b <close> = 1, 2",
  "local a <const>",
  "x = }",
  "x = 1 +",
  "local a = {[1] 2}",
  "a.b:c = 1",
  "a:b",
  "x = a:b.c()",
  "local function f(a, 1) end",
  "function f(..., a) end",
  "x = #",
  "x = 1 .. ",
  "x = not",
  "::1::",
  "goto 1",
  "x = ~= 1",
  "x = @",
  "x = $",
  "function f()\n  local x = 1\n",
  "local t = {\n f = function()\n return 1\n}\n",
  "x = 1\n\n   y = ",
  "if a then\nelseif b then\nelse\n",
}

for i, src in ipairs(cases) do
  local f, msg = load(src)
  print(i, f == nil, msg)
end

-- chunk names
print(select(2, load("x = = 1", "=mychunk")))
print(select(2, load("x = = 1", "@some/file.lua")))
print(select(2, load("x = = 1", "plain name")))
print(select(2, load("x = = 1", "line one\nline two")))
print(select(2, load("x = = 1", string.rep("n", 80))))
print(select(2, load("x = = 1", "=" .. string.rep("m", 80))))
print(select(2, load("x = = 1", "@" .. string.rep("d/", 40) .. "f.lua")))
print(select(2, load("\n\nx = = 1")))
print(select(2, load(string.rep("a", 60) .. " = = 1")))
print(select(2, load("return 1 +", "")))

-- too many local variables / upvalues produce a limit error
local src = {}
for i = 1, 201 do src[#src + 1] = "local v" .. i .. " = " .. i end
print(select(2, load(table.concat(src, "\n"))))

-- long chunks with an error late in the text
print(select(2, load(string.rep("\n", 99) .. "local = 5")))
