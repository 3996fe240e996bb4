local c1 <const> = {}
local c2 <close> = nil
local r = 1
local k <const> = 5
local function f()
  return c1, c2, r, k
end
local function g()
  local function h()
    return c1, c2, r
  end
  return h
end
