-- The exact length limit of __index/__newindex chains (MAXTAGLOOP = 2000 in
-- lua5.4: a read may pass through 2000 tables, a write through 1999).
local function chain(n)
  local first = {}
  local cur = first
  for i = 1, n do
    local nxt = {}
    setmetatable(cur, {__index = nxt, __newindex = nxt})
    cur = nxt
  end
  cur.x = "found"
  return first
end
for _, n in ipairs({1998, 1999, 2000, 2001}) do
  local c = chain(n)
  print(n, "read", pcall(function() return c.x end))
  print(n, "read int", pcall(function() return c[1] end))
  print(n, "write", pcall(function() c.y = 1 end))
  print(n, "write int", pcall(function() c[1] = 1 end))
end
