local t = {}
for k, v in pairs(t) do print(k, v) end
for i, v in ipairs(t) do end
for k in next, t do end
for k, v in next, t, nil do end
for a, b, c, d, e in f() do print(a, b, c, d, e) end
for k, v in pairs(t) do
  for k2, v2 in pairs(v) do
    if k2 then break end
  end
end
for _, v in ipairs(t) do local x = v; t[x] = function() return x, v end end
for k, v in f(), g(), h(), i() do end
for k in f, 1, 2, 3, 4 do end
for line in io.lines("x") do break end
