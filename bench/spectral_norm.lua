-- spectral_norm.lua: largest singular value of the infinite matrix
-- a(i, j) = 1 / ((i + j - 2) * (i + j - 1) / 2 + i), truncated to n x n,
-- estimated with the power method on A^T A.
-- Measures: float arithmetic, array reads/writes, small function calls.
-- Usage: spectral_norm.lua [n]   (default 800)

local n = tonumber(arg and arg[1]) or 800

local function a(i, j)
  local s = i + j
  return 1.0 / ((s - 2) * (s - 1) * 0.5 + i)
end

-- out = A * v
local function mul_a(v, out)
  for i = 1, n do
    local sum = 0.0
    for j = 1, n do
      sum = sum + a(i, j) * v[j]
    end
    out[i] = sum
  end
end

-- out = A^T * v
local function mul_at(v, out)
  for i = 1, n do
    local sum = 0.0
    for j = 1, n do
      sum = sum + a(j, i) * v[j]
    end
    out[i] = sum
  end
end

local function mul_ata(v, out, tmp)
  mul_a(v, tmp)
  mul_at(tmp, out)
end

local u, v, tmp = {}, {}, {}
for i = 1, n do
  u[i] = 1.0
  v[i] = 0.0
  tmp[i] = 0.0
end

for _ = 1, 10 do
  mul_ata(u, v, tmp)
  mul_ata(v, u, tmp)
end

local vbv, vv = 0.0, 0.0
for i = 1, n do
  vbv = vbv + u[i] * v[i]
  vv = vv + v[i] * v[i]
end

print(string.format("n = %d", n))
print(string.format("spectral norm %.9f", math.sqrt(vbv / vv)))
