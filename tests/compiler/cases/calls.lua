local a, b = ...
f()
f(1)
f(1, 2, 3)
f(a, b)
f(g())
f(g(), h())
f(1, g())
f(...)
f(1, ...)
f "str"
f [[long]]
f {1, 2}
f{x = 1}
a:m()
a:m(1, 2)
a:m "s"
a:m {}
a.b:m(...)
a.b.c:m(g())
a:long_method_name_that_is_longer_than_forty_characters_x(1)
("lit"):rep(3)
f()()
f()(1)()
f().x = 1
f().x.y:z()
local r = f()
local r1, r2 = f()
local r3, r4, r5 = f(), g()
local r6 = (f())
local r7 = {f()}
local r8 = {(f())}
r = f(g(h(1)))
r = f(1)
  (2)
r = f(
  1,
  2
)
r = a
  :m(
    2)
print("x", "y")
string.format("%d", 1)
return f(a)
