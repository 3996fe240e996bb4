local a, b, c = ...
if a then end
if a then f() end
if a then f() else g() end
if a then f() elseif b then g() end
if a then f() elseif b then g() elseif c then h() else i() end
if a then if b then f() end end
if a then local x = 1 f(x) else local y = 2 g(y) end
for i = 1, 10 do if i == a then break end end
for i = 1, 10 do if i == a then break; end f() end
for i = 1, 10 do if i == a then break else f() end end
while a do if b then break elseif c then break end end
if a then return end
if a then return 1 elseif b then return 2 else return 3 end
