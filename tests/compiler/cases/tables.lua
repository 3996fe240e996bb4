local a, b = ...
local t = {}
local t1 = {1, 2, 3}
local t2 = {x = 1, y = 2, [3] = 4, ["long key that is definitely more than forty chars"] = 5}
local t3 = {1, x = 2, 3, [a] = b, a, b; 4; [1.5] = 6, [-1] = 7, [256] = 8, [255] = 9}
local t4 = {f(), g()}
local t5 = {f(), g(), ...}
local t6 = {..., n = select('#', ...)}
local t7 = {{1}, {2, {3}}, {x = {y = {}}}}
local t8 = {a = a, b = b, [a] = a, [b] = b, a, b}
local t9 = {(f())}
local t10 = {1, 2, 3,}
local t11 = {[1] = 1, [2] = 2}
local h = {a1=1,a2=1,a3=1,a4=1,a5=1,a6=1,a7=1,a8=1,a9=1}
local big = {
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
  41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60,
  x = 1, f(),
}
local r
r = t.x; r = t[1]; r = t[0]; r = t[255]; r = t[256]; r = t[-1]; r = t[1.0]; r = t[1.5]
r = t["x"]; r = t["long key that is definitely more than forty chars"]; r = t[a]; r = t[a + 1]
r = t.x.y.z; r = t[1][2][3]; r = t[t[1]]
t.x = 1; t[1] = 2; t[300] = 3; t[a] = 4; t.y = a; t[1] = a; t[a] = b; t.z = "s"; t.w = nil
t.x.y = 1; t[1].z = t[2].w
t["long key that is definitely more than forty chars"] = 1
t[true] = false; t[nil] = 1
x = y; x.y = z; x[1] = 2; x.y.z = w
_ENV.q = 1; _ENV["long key that is definitely more than forty chars"] = 2
r = #t; r = #t.x
