local a, b, t = 1, 2, {}
local i = 1
t[i], i = i, t[i]
i, t[i] = t[i], i
t.x, t = 1, 2
t, t.x = 2, 1
t[a], a, t[b] = 1, 2, 3
local function up()
  t[i], i = 1, 2
  i, t[i] = 2, 1
  t.x, t = 1, 2
  a, t[a] = 3, 4
end
x, _ENV = 1, 2
local function env()
  y, _ENV = 1, 2
  _ENV, y = 2, 1
end
local u = {}
local function up2()
  u.x, u = 1, {}
  u[1], u = 2, {}
end
