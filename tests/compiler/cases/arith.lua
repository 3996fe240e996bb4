local a, b, c = ...
local r
r = a + b; r = a - b; r = a * b; r = a / b; r = a % b; r = a ^ b; r = a // b
r = a & b; r = a | b; r = a ~ b; r = a << b; r = a >> b
r = a + 1; r = a + 127; r = a + 128; r = a + 129; r = a + -127; r = a + -128
r = a - 1; r = a - 127; r = a - 128; r = a - -127; r = a - -128
r = 1 + a; r = 128 + a; r = 200 + a; r = 1.5 + a; r = a + 1.5
r = 2 - a; r = 2 * a; r = a * 2; r = a * 2.5; r = 2.5 * a
r = a / 2; r = 2 / a; r = a % 3; r = 3 % a; r = a ^ 2; r = 2 ^ a
r = a // 4; r = 4 // a; r = a // 4.0
r = a & 1; r = 1 & a; r = a | 0xff; r = 0xff | a; r = a ~ 5; r = 5 ~ a
r = a & 1.0; r = a | 2^53
r = a << 1; r = a << 128; r = a << -1; r = 1 << a; r = 200 << a; r = -127 << a
r = a >> 1; r = a >> 129; r = a >> -2; r = 1 >> a
r = a + 100000; r = a - 100000; r = a * 1e100
r = -a; r = ~a; r = not a; r = #a; r = -(-a); r = - - a
r = a .. b; r = a .. b .. c; r = a .. "x" .. 1 .. 2.5; r = (a .. b) .. c
r = a + b * c - a / b; r = (a + b) * c; r = a ^ b ^ c; r = -a ^ 2
r = a + b + c + a + b + c
r = a .. b + c .. a
g = a + b; g.x = a * 3; g[a] = b % 2
local t = {}
t.x = t.y + t.z * 2
r = "10" + 1; r = 1 + "10"; r = "a" .. 1
