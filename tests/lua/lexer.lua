-- Lexical conventions: every literal form the scanner has to handle.

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    t[i] = math.type(v) and (math.type(v) .. ":" .. tostring(v)) or string.format("%q", v)
  end
  print(table.concat(t, "  "))
end

-- decimal integers and floats
show(0, 42, 007, 3.0, 3., .5, 3e2, 3E-2, 0.1e1, 1e0, 5e+3)
-- integers too large for 64 bits become floats
show(9223372036854775807, 9223372036854775808, 18446744073709551616)
-- hex integers wrap around modulo 2^64
show(0x10, 0xff, 0XA, 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
show(0x1ffffffffffffffff, 0x10000000000000000)
-- hex floats
show(0x.8, 0x1p4, 0x1P-1, 0xA.8p0, 0x.1p4, 0x1.8, 0x0.0p0, 0xffp-4)

-- short strings and escapes
show("a\tb", 'single', "dq'inside", 'sq"inside')
show("\a\b\f\n\r\t\v\\\"\'")
show("\65\066\0677", "\x41\x62\x7A", "\u{48}\u{49}", "\u{7FF}", "\u{FFFF}")
show(string.byte("\u{7FF}", 1, -1))
show(#"\u{10FFFF}", #"\u{7FFFFFFF}", "\0" == "\x00", #"a\0b")
show("line1\
line2")
show("skip \z
       spaces", "a\z  b", "x\z

   y")
show("\1234", "\0010")

-- long strings: first newline skipped, levels, no escape processing
show([[plain]], [[
skipfirst]], [==[with ]] and ]=] inside]==], [[\n stays]])
show([=[
]=], [[]], [[

two]])
-- comments of every kind
local x = 1 -- short comment
--[[ long
comment ]] x = x + 1
--[==[ level 2 ]] still
comment ]==] x = x + 1
---[[ this is a short comment, so the next line runs
x = x + 10
--]]
print("x", x)

-- line endings inside long strings are normalised to \n
local function via(src) return (load(src))() end
show(via("return [[a\r\nb]]"), via("return [[a\n\rb]]"), via("return [[a\rb]]"), via("return [[a\n\nb]]"))
show(via("return 'a\\\r\nb'"), via("return 'a\\\n\rb'"), via("return 'a\\\rb'"))
show(via("return [[\r\nx]]"), via("return [[\n\rx]]"), via("return [[\r\rx]]"))

-- line counting: each style counts once
local f = load("local a = 1\r\nlocal b = 2\n\rerror('here')", "=lines")
print(select(2, pcall(f)))
f = load("\n\n--[[\n\n]]\nlocal s = [[\n]] error('x')", "=lines2")
print(select(2, pcall(f)))

-- shebang line is skipped only by loadfile/dofile, not by load
print(load("#!/bin/lua\nreturn 1"))

-- numbers followed by letters/dots
print(load("return 3x"))
print(load("return 0xg"))
print(load("return 1..2"))
print(load("return 1 .. 2")())
print(load("return 0x"))
print(load("return 1e"))

-- names
local _ = 1; local _a1 = 2; local A_ = 3
print(_, _a1, A_)
-- keywords are case sensitive
local And, END, Nil = 1, 2, 3
print(And, END, Nil)
-- semicolons
;;; local y = 5 ; print("y", y) ;
