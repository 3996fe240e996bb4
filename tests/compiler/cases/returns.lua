function f0() end
function f1() return end
function f2() return 1 end
function f3() return 1, 2 end
function f4(a) return a end
function f5(a, b) return a, b end
function f6(a, b) return b, a end
function f7() return g() end
function f8() return g(), 1 end
function f9() return 1, g() end
function f10(...) return ... end
function f11(...) return 1, ... end
function f12(...) return (...) end
function f13(a) return (g(a)) end
function f14(a) return a.x end
function f15(a) return a:m() end
function f16(a) return a + 1 end
function f17() return nil end
function f18() return true, false, nil end
function f19() return; end
function f20(a) if a then return 1 else return 2 end end
function f21(a) while a do return a end end
function f22(a) do return a end end
function f23(...) local x = ... return x end
function f24(...) return select('#', ...) end
local function f25() return f25() end
return 1, 2, 3
