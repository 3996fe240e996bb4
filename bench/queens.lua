-- queens.lua: count all solutions of the n-queens puzzle by backtracking,
-- for every board size up to n; the whole series is solved `reps` times.
-- Measures: recursion, closures over locals, boolean arrays, branches.
-- Usage: queens.lua [n] [reps]   (default 12 3)

local maxn = tonumber(arg and arg[1]) or 12
local reps = tonumber(arg and arg[2]) or 3

local function solve(n)
  local cols, diag1, diag2 = {}, {}, {}
  for i = 1, n do
    cols[i] = false
  end
  for i = 1, 2 * n do
    diag1[i] = false
    diag2[i] = false
  end
  local pos = {}
  local count, first_sig = 0, 0

  local function place(row)
    if row > n then
      count = count + 1
      if count == 1 then
        for i = 1, n do
          first_sig = first_sig * 3 + pos[i]
        end
      end
      return
    end
    for c = 1, n do
      local d1, d2 = row + c, row - c + n
      if not cols[c] and not diag1[d1] and not diag2[d2] then
        cols[c], diag1[d1], diag2[d2] = true, true, true
        pos[row] = c
        place(row + 1)
        cols[c], diag1[d1], diag2[d2] = false, false, false
      end
    end
  end

  place(1)
  return count, first_sig
end

local total = 0
for rep = 1, reps do
  for n = 4, maxn do
    local count, sig = solve(n)
    total = total + count
    if rep == 1 then
      print(string.format("%2d queens: %6d solutions (first signature %d)", n, count, sig))
    end
  end
end
print(string.format("checksum %d", total))
