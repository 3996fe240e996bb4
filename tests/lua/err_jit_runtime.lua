-- An uncaught runtime error from inside a hot loop in a function called from main.
local function total(rows)
  local s = 0
  for i = 1, #rows do
    s = s + rows[i].amount
  end
  return s
end
local rows = {}
for i = 1, 500 do rows[i] = {amount = i} end
print("total", total(rows))
rows[400] = {}
print("total", total(rows))
