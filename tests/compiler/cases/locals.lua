local a
local b, c
local d, e, f = 1
local g, h = 1, 2, 3
local i, j = f()
local k, l, m = 1, f()
local n, o = f(), f()
local p = nil
local q, r = nil, nil
local s; local u; local v
local w = nil; local x = nil
local y, z = 1, nil
a, b = b, a
a, b, c = 1
a, b = 1, 2, 3
a, b = f()
a, b, c = f(), 1
local t = {}
t.x, t.y = 1, 2
t[1], t[2] = t[2], t[1]
a, t[a] = 1, 2
t[a], a = 1, 2
t, t.x = {}, 1
t.x, t = 1, {}
a, a = 1, 2
x1, x2 = 1, 2
x1, a = a, x1
do local a = a; local b = a + b end
local a = a
local a, a = 1, 2
g1, g2, g3 = nil
do local n1; local n2; local n3 = nil; local n4, n5 end
local function ff() local q1, q2 = nil; return q1, q2 end
