local a, b = ...
local r
r = a == b; r = a ~= b; r = a < b; r = a <= b; r = a > b; r = a >= b
r = a == 1; r = a ~= 1; r = a < 1; r = a <= 1; r = a > 1; r = a >= 1
r = 1 == a; r = 1 ~= a; r = 1 < a; r = 1 <= a; r = 1 > a; r = 1 >= a
r = a == 1.0; r = a < 2.0; r = 2.0 > a; r = a >= -127; r = a <= 128; r = a < 129; r = a > -128
r = a == 1000.0; r = a < 1000.0; r = 1000.0 <= a; r = a == 1.5; r = a < 1.5
r = a == "x"; r = "x" == a; r = a ~= "x"; r = a == nil; r = nil == a; r = a == true; r = a ~= false
r = a < "x"; r = "x" < a; r = a == 100000; r = 100000 == a; r = a < 100000
r = a.x == b.y; r = a[1] < b[2]; r = a() == b()
r = (a == b) == (a ~= b)
if a == b then r = 1 end
if a < 10 then r = 2 elseif a > 20 then r = 3 elseif a >= b then r = 4 end
if 1 < a then r = 5 end
if "x" == a then r = 6 end
while a < b do a = a + 1 end
