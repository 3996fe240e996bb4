local a, b, c = ...
local d = ...
local e, f = ..., 1
local g, h = 1, ...
print(...)
print(..., 1)
print(1, ...)
local t = {...}
local u = {..., ...}
local n = select("#", ...)
local x = (...)
local y = ... + 1
local z = {n = select('#', ...), ...}
function v1(...) return ... end
function v2(a, ...) local b, c = ... return a, b, c end
function v3(a, b, ...) return {...}, select(2, ...) end
function v4(...) local a <const> = 1 return a, ... end
local function v5(...) local f = function(...) return ... end return f(...) end
return ...
