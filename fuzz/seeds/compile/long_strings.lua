-- Long brackets: long strings and long comments at various levels.

local function show(label, s) print(label, #s, string.format("%q", s)) end

show("level0", [[plain text]])
show("level1", [=[contains ]] inside]=])
show("level2", [==[contains ]=] and ]] inside]==])
show("level5", [=====[deep]=====])
-- a first newline directly after the opening bracket is skipped
show("firstnl", [[
first line
second line]])
-- only one newline is skipped
show("twonl", [[

x]])
-- escapes are not interpreted
show("raw", [[\n \t \\ \x41 \u{41} \z]])
-- quotes are ordinary characters
show("quotes", [["double" and 'single']])
-- an empty long string
show("empty", [[]])
show("emptynl", [[
]])
-- trailing brackets that do not match the level are kept
show("partial", [==[a]=]b]===]c]==])
-- long strings as call arguments and table values
print(#[[abc]], ([[xyz]]):upper(), ({[[k]]})[1])
local t = {[ [[key]] ] = "long key"}
print(t.key)

--[[ a long comment
spanning lines ]] print("after long comment")
--[==[ with ]] inside ]==] print("after level-2 comment")
---[[ this is a line comment, so the next line runs
print("not commented")
--]]
--[[]] print("after empty long comment")

-- the level of the closing bracket must match exactly
print(load("return [==[ a ]=] b ]==]")())
print(load("return [[ a ]=] b ]]")())
-- an invalid opening (`[=` followed by something other than `[`) is an error
print(load("return [=x"))
print(load("x = [==="))
-- line endings: \r\n, \n\r, \r and \n in long strings all become \n
local src = "return [[a\r\nb\n\rc\rd\ne]]"
show("crlf", load(src)())
-- lines counted correctly after long strings
local f = load("local s = [[\n\n\n]]\nerror('here')", "=long")
print(pcall(f))
