-- The length of tables with holes after a constructor whose array part grew
-- (SETLIST): the hash part keeps its allocated size, as in lua5.4, so later
-- keys land where lua5.4 puts them and '#' gives the same border (diff
-- fuzzer, R31).
local s2 = "a,b,c"
local f1 = function(a, b) return a end
local function f() return true end
local function T(name, t) table.move(t, 1, 2, 3) print(name, #t) end
T("a", {[math.floor(0.5)] = nil, s2[78], math.min(255, 100), f1(true)})
T("b", {[math.floor(0.5)] = nil, s2[78], 100, f1(true)})
T("c", {[0] = nil, s2[78], math.min(255, 100), f1(true)})
T("d", {[0] = nil, nil, math.min(255, 100), f1(true)})
T("e", {[0] = nil, nil, 100, f1(true)})
T("f", {[0] = 1, nil, 100, f1(true)})
T("g", {nil, 100, f1(true)})
T("h", {[0] = nil, nil, 100, true})
local t = {[0] = nil, nil, 100, f1(true)} print("i", #t) t[3] = nil print(#t) t[4] = 100 print(#t)
local t = {nil, 100, f()} print(#t)
t[3] = nil print(#t)
t[4] = 100 print(#t)
local u = {nil, 100, f()} u[4] = 100 print(#u) u[3] = nil print(#u)
local v = {nil, 100, f()} v[3] = nil v[4] = 100 print(#v)
local t = {[0] = nil, nil, 100, false}
table.move(t, 1, 2, 3)
print(#t)
local u = {[0] = nil, nil, 100, false}
u[3] = nil u[4] = 100
print(#u)
local v = {[10] = 1, nil, 100, false}
v[3] = nil
print(#v)
local w = {x = 1, nil, 100, false}
w[3] = nil
print(#w)
local z = {nil, 100, false}
z[3] = nil
print(#z)
