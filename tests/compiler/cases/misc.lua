;;;
local a = 1;
do end
do ; end
do local b = a end
f();
(f)()
(f)();
;(g)()
local t = {} t.x = 1
print(#t, -a, ~a, not a)
a = a
a = (a)
a = ((a))
local s = "x" .. "y" .. "z"
s = s:upper()
s = ("x"):rep(2)
s = #"abc"
s = ({1, 2})[1]
s = ({...})
s = (function() return 1 end)()
return
