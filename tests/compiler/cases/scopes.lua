-- interplay of blocks, upvalues, to-be-closed variables, goto and break
for i = 1, 3 do
  local x <close> = nil
  if i == 2 then goto skip end
  local y = function() return x, i end
  ::skip::
end
for i = 1, 3 do
  local a = i
  local f = function() return a end
  if f() then goto continue end
  do
    local b <close> = f
    if b then break end
  end
  ::continue::
end
do
  local u = 1
  local function g() return u end
  goto done
  ::done::
end
while true do
  local c <close> = nil
  do
    local d = 1
    local h = function() return d end
    if h then break end
  end
end
repeat
  local e = 1
  local k = function() return e end
  if k then goto out end
until e
::out::
local function nested()
  local z = 0
  while z < 10 do
    local w = z
    repeat
      local v = w
      local q = function() return v + w + z end
      z = z + q()
    until v
    if z > 5 then return z end
  end
  do return end
end
do
  local m <close> = nil
  local n = function() return m end
  do
    local o <close> = nil
    goto after
  end
  ::after::
end
