-- goto and labels.

-- continue idiom
local out = {}
for i = 1, 10 do
  if i % 3 == 0 then goto continue end
  out[#out + 1] = i
  ::continue::
end
print(table.concat(out, " "))

-- breaking out of nested loops
local found
for i = 1, 5 do
  for j = 1, 5 do
    if i * j == 12 then found = i .. "x" .. j; goto done end
  end
end
::done::
print(found)

-- backward goto as a loop
local n = 0
::top::
n = n + 1
if n < 5 then goto top end
print(n)

-- goto in while with continue at end of block
local i = 0
local evens = {}
while i < 10 do
  i = i + 1
  if i % 2 == 1 then goto next end
  evens[#evens + 1] = i
  ::next::
end
print(table.concat(evens, ","))

-- continue in repeat: a label at the end of the body, before until
local r = 0
local seen = {}
repeat
  r = r + 1
  if r == 2 then goto cont end
  seen[#seen + 1] = r
  ::cont::
until r >= 4
print(table.concat(seen, ","))

-- each jump backward creates fresh locals (closures see distinct variables)
local fs = {}
do
  local k = 1
  ::again::
  local captured = k
  fs[#fs + 1] = function() return captured end
  k = k + 1
  if k <= 3 then goto again end
end
print(fs[1](), fs[2](), fs[3]())

-- sibling blocks may reuse a label name
do
  do goto l; ::l:: end
  do goto l; ::l:: end
end
print("sibling labels ok")

-- goto to a label at the end of a block may skip local declarations
do
  goto finish
  local skipped = 1
  ::finish::
end
print("jump to end of block ok")

-- compile-time errors
local function check(src) local f, msg = load(src, "=goto"); print(f and "compiled" or msg) end
check("goto missing")
check("do ::x:: end goto x")
check("::a:: ::a::")
check("goto f; local v = 1; ::f:: print(v)")
check("for i = 1, 2 do goto out end do ::out:: end")
check("local function f() goto l end ::l::")
check("repeat goto cont; local x ::cont:: until x")
check("::ok:: do goto ok end")
-- a label is visible in nested blocks, so redefining it there is an error
check("do ::l:: do ::l:: end end")
-- a label visible at function level is not visible in a nested function
check("::outer:: local function f() goto outer end")

-- goto used as state machine
local state, trace = "a", {}
::dispatch::
trace[#trace + 1] = state
if state == "a" then state = "b"; goto dispatch
elseif state == "b" then state = "c"; goto dispatch end
print(table.concat(trace, "->"))
