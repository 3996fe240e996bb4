do
  goto l1
  print(1)
  ::l1::
end
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    print(i, j)
    ::continue::
  end
end
do
  local k = 0
  ::top::
  k = k + 1
  if k < 3 then goto top end
end
do
  local x = 1
  ::back::
  local y = x
  local f = function() return y end
  if y then goto back end
end
while true do
  local a = 1
  local fn = function() return a end
  goto out
end
::out::
do
  goto fwd
  local z
  ::fwd::
end
do goto e1; ::e1:: end
do ::e2:: ; ; end
repeat
  local r = 1
  goto cont
  ::cont::
until r
do
  local q = 1
  local fq = function() return q end
  do
    goto out2
  end
  ::out2::
end
