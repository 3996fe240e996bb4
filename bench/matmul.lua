-- matmul.lua: dense float matrix multiplication (i-k-j loop order) of
-- arrays of rows, followed by a transpose and a second product.
-- Measures: float multiply-add, nested array indexing.
-- Usage: matmul.lua [n]   (default 320)

local n = tonumber(arg and arg[1]) or 320

local function matrix(rows, cols, f)
  local m = {}
  for i = 1, rows do
    local row = {}
    for j = 1, cols do
      row[j] = f(i, j)
    end
    m[i] = row
  end
  return m
end

local function mul(a, b)
  local rows, inner, cols = #a, #b, #b[1]
  local c = matrix(rows, cols, function()
    return 0.0
  end)
  for i = 1, rows do
    local ai, ci = a[i], c[i]
    for k = 1, inner do
      local aik, bk = ai[k], b[k]
      for j = 1, cols do
        ci[j] = ci[j] + aik * bk[j]
      end
    end
  end
  return c
end

local function transpose(a)
  return matrix(#a[1], #a, function(i, j)
    return a[j][i]
  end)
end

local a = matrix(n, n, function(i, j)
  return ((i * 7 + j * 3) % 17 - 8) / 16
end)
local b = matrix(n, n, function(i, j)
  return ((i * 5 + j * 11) % 13 - 6) / 8
end)

local c = mul(a, b)
local d = mul(transpose(c), a)

local trace, total = 0.0, 0.0
for i = 1, n do
  trace = trace + d[i][i]
  for j = 1, n do
    total = total + c[i][j]
  end
end
print(string.format("n = %d", n))
print(string.format("sum(A*B) %.6f", total))
print(string.format("trace((A*B)^T*A) %.6f", trace))
print(string.format("corner %.6f %.6f", d[1][1], d[n][n]))
