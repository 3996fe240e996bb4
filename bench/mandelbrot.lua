-- mandelbrot.lua: escape-time iteration counts over a grid covering the
-- Mandelbrot set; prints iteration statistics and an ASCII thumbnail.
-- Measures: float arithmetic in tight nested loops.
-- Usage: mandelbrot.lua [size]   (default 1100)

local size = tonumber(arg and arg[1]) or 1100
local max_iter = 100

local total_iter, inside = 0, 0
local hist = {}
for k = 0, max_iter do
  hist[k] = 0
end

-- Thumbnail: one character per (size / 40) cells, row-major.
local thumb_rows = {}
local step = size / 40

for py = 0, size - 1 do
  local ci = -1.25 + 2.5 * py / size
  local row = {}
  for px = 0, size - 1 do
    local cr = -2.0 + 2.5 * px / size
    local zr, zi, zr2, zi2 = 0.0, 0.0, 0.0, 0.0
    local it = 0
    while it < max_iter and zr2 + zi2 <= 4.0 do
      zi = 2.0 * zr * zi + ci
      zr = zr2 - zi2 + cr
      zr2 = zr * zr
      zi2 = zi * zi
      it = it + 1
    end
    total_iter = total_iter + it
    hist[it] = hist[it] + 1
    if it == max_iter then
      inside = inside + 1
    end
    row[#row + 1] = it
  end
  if py % step < 1 then
    local chars = {}
    for x = 1, 40 do
      local it = row[math.floor((x - 1) * step) + 1]
      if it == max_iter then
        chars[x] = "#"
      elseif it > 10 then
        chars[x] = "+"
      elseif it > 4 then
        chars[x] = "."
      else
        chars[x] = " "
      end
    end
    thumb_rows[#thumb_rows + 1] = table.concat(chars)
  end
end

for i = 1, #thumb_rows do
  print(thumb_rows[i])
end
local weighted = 0
for k = 0, max_iter do
  weighted = (weighted * 31 + hist[k]) % 1000000007
end
print(string.format("inside %d of %d", inside, size * size))
print(string.format("total iterations %d", total_iter))
print(string.format("checksum %d", weighted))
