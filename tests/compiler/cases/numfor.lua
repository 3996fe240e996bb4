for i = 1, 10 do print(i) end
for i = 10, 1, -1 do print(i) end
for i = 1, 10, 2 do end
for i = 1.0, 2.0, 0.5 do print(i) end
for i = 1, 3 do for j = i, 3 do print(i, j) end end
local n = 5
for i = n, n * 2, n // 2 do local x = i * 2; print(x) end
for i = 1, n do if i > 3 then break end print(i) end
for i = f(), g(), h() do end
for i = 1, 0 do end
for i = 1, 10 do
  local c = i
  local fn = function() return c + i end
  if c then break end
end
local i = 100
for i = 1, 2 do i = i + 1 end
print(i)
