local a,
  b
  =
  1,
  2
local t = {
  1,
  2;
  x =
    3,
}
local r = a
  +
  b
  *
  a
f(
  a,
  b
)
  (
  c)
local s = a ..
  b ..
  a
function
  g
  (
  x
  )
  return
    x
end
if a
  and
  b
then
  f()
end
for i
  = 1,
  10 do
  f(i)
end
local u = a
  <
  b
local v = not
  a
local w = -
  a
t
  .x
  .y
  =
  1
t:m
  (1)
return
  a,
  b
