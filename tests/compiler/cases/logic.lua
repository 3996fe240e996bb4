local a, b, c = ...
local r
r = a and b; r = a or b; r = a and b or c; r = (a or b) and c
r = not a; r = not not a; r = not (a and b); r = not (a == b)
r = a and 1; r = a or 1; r = 1 and a; r = nil and a; r = false or a; r = true and a
r = nil or false; r = 1 and 2; r = a and nil; r = a or nil or b
r = a == b and c; r = a < b or c < a; r = not (a < b) and c
r = a and b and c; r = a or b or c; r = (a and b) or (b and c) or (c and a)
if a and b then r = 1 end
if a or b then r = 2 end
if not a then r = 3 end
if not (a or b) then r = 4 end
if a and (b or c) then r = 5 end
if true then r = 6 end
if false then r = 7 end
if nil then r = 8 else r = 9 end
if 1 then r = 10 end
if "x" then r = 11 end
if a == nil then r = 12 end
while a and b do a = nil end
repeat r = r and a until not r or c
local x = a and b
local y = a or {}
local z = (a or b) == c
t = { a and b, a or b, not a }
f(a and b, a or b)
return a and b or c
