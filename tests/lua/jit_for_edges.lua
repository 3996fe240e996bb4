-- JIT: numeric for loops at the edges of the integer range and with float
-- or unusual limits and steps, each run hot (the same loop many times).

local function loop(a, b, c, maxn)
  local n, last, s = 0, nil, 0
  for i = a, b, c do
    n = n + 1; last = i; s = s + i
    if n >= maxn then break end
  end
  local lv = "nil"
  if last ~= nil then lv = (last ~= last) and "nan" or (math.type(last) .. ":" .. tostring(last)) end
  return n, lv, (s ~= s) and "nan" or s
end

local M, m = math.maxinteger, math.mininteger
local cases = {
  {1, 10, 1}, {10, 1, -1}, {1, 10.5, 1}, {1, -10.5, -1}, {1.0, 3, 1}, {1, 3, 0.5},
  {M - 2, M, 1}, {m + 2, m, -1}, {M - 10, M, 7}, {m, m + 20, 7},
  {1, math.huge, 1}, {-1, -math.huge, -1}, {1, 0.5, 1}, {0.1, 1, 0.1},
  {1, 3, M}, {3, 1, m}, {0, M, M}, {0, m, m}, {M, 0, m}, {m, M, M}, {M, m, m},
  {1, 0 / 0, 1}, {1, 2, 0 / 0}, {-0.0, 1, 1}, {1e300, math.huge, 1e300},
  {-1, M, 2}, {m, 0, 2}, {-1, M - 1, 1}, {-5, M, 3}, {5, m, -3},
  -- iteration counts of 2^63 or more (they do not fit a signed integer)
  {-1, M, 1}, {m, M, 1}, {M, m, -1}, {1, m, -1}, {0, m, -1}, {m, 0, 1}, {m, -1, 1},
  {-2, M - 1, 1}, {-1, 2^63, 1}, {1, -2^63, -1}, {m, 2^63, 1},
}
for k, c in ipairs(cases) do
  local res
  for rep = 1, 250 do res = {pcall(loop, c[1], c[2], c[3], 1000)} end
  print(k, tostring(res[1]), tostring(res[2]), tostring(res[3]), tostring(res[4]))
end

-- errors (and string coercions) in the loop preparation
for _, c in ipairs({{1, 10, 0}, {1.0, 10, 0.0}, {1, "x", 1}, {"1", 2, 1}, {1, 2, "1"}, {1, 2, {}}, {nil, 1, 1}}) do
  local ok, e, lv
  for rep = 1, 250 do ok, e, lv = pcall(loop, c[1], c[2], c[3], 10) end
  print("prep", ok, (tostring(e):gsub("^[^:]*:%d+: ", "")), lv)
end
