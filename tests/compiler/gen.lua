-- Generators of test sources too big to commit. The Rust test
-- (crates/kiln/tests/compiler_listing.rs) has identical generators; the
-- digest of the source, recorded in the expected file, checks that they
-- agree.
--
--   lua5.4 gen.lua NAME   -- writes the source of case NAME to stdout
--   lua5.4 gen.lua        -- lists the case names
local gen = {}

-- more constants than MAXARG_Bx: LOADKX + EXTRAARG
function gen.loadkx()
  local t = { "return {" }
  for i = 0, 131199 do t[#t + 1] = (65536 + i) .. "," end
  t[#t + 1] = "}"
  return table.concat(t, "\n") .. "\n"
end

-- a numeric for whose body is too long for FORPREP's Bx
function gen.forlong()
  local t = { "for i = 1, 2 do" }
  for _ = 1, 131072 do t[#t + 1] = "x = 1" end
  t[#t + 1] = "end"
  return table.concat(t, "\n") .. "\n"
end

-- the longest body that still fits
function gen.forfits()
  local t = { "for i = 1, 2 do" }
  for _ = 1, 131070 do t[#t + 1] = "x = 1" end
  t[#t + 1] = "end"
  return table.concat(t, "\n") .. "\n"
end

local names = {}
for k in pairs(gen) do names[#names + 1] = k end
table.sort(names)
if arg[1] then
  io.write(assert(gen[arg[1]], "unknown case")())
else
  print(table.concat(names, "\n"))
end
