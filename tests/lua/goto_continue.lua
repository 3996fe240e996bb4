-- goto used as "continue", "redo", nested-loop exits and state machines.

-- continue in a numeric for
local out = {}
for i = 1, 10 do
  if i % 3 == 0 then goto continue end
  out[#out + 1] = i
  ::continue::
end
print("for continue", table.concat(out, ","))

-- continue in while and repeat loops
out = {}
local i = 0
while i < 8 do
  i = i + 1
  if i % 2 == 1 then goto next end
  out[#out + 1] = i
  ::next::
end
print("while continue", table.concat(out, ","))
-- in repeat-until, the label must come before any local that `until` uses
out = {}
i = 0
repeat
  i = i + 1
  if i == 2 then goto skip end
  out[#out + 1] = i
  ::skip::
until i >= 4
print("repeat continue", table.concat(out, ","))

-- continue in a generic for with a local declared after the jump
out = {}
for _, w in ipairs({"a", "", "b", "", "c"}) do
  if w == "" then goto continue end
  local upper = w:upper()
  out[#out + 1] = upper
  ::continue::
end
print("generic continue", table.concat(out))

-- breaking out of nested loops
local found
for x = 1, 5 do
  for y = 1, 5 do
    if x * y == 12 then found = x .. "*" .. y; goto done end
  end
end
::done::
print("nested exit", found)

-- backward goto as a loop
local n, acc = 0, {}
::top::
n = n + 1
acc[#acc + 1] = n
if n < 5 then goto top end
print("backward", table.concat(acc, " "))

-- closures created in a goto loop capture a fresh local each time
local fns = {}
local k = 1
::again::
do
  local captured = k
  fns[#fns + 1] = function() return captured end
end
k = k + 1
if k <= 3 then goto again end
print("fresh locals", fns[1](), fns[2](), fns[3]())

-- a tiny state machine
local input = "aabab"
local pos, state, trace = 1, "A", {}
::stateA::
trace[#trace + 1] = "A"
if pos > #input then goto finish end
pos = pos + 1
if input:sub(pos - 1, pos - 1) == "a" then goto stateA else goto stateB end
::stateB::
trace[#trace + 1] = "B"
if pos > #input then goto finish end
pos = pos + 1
if input:sub(pos - 1, pos - 1) == "a" then goto stateA else goto stateB end
::finish::
print("state machine", table.concat(trace))

-- labels at the end of a block may be jumped to past locals (void statements)
do
  goto last
  local unused = 1
  ::last::
end
print("end label ok")

-- goto out of a to-be-closed scope closes it
local log = {}
do
  local c <close> = setmetatable({}, {__close = function() log[#log + 1] = "closed" end})
  goto out
end
::out::
print("tbc goto", log[1])

-- the same label name can be reused in different blocks / functions
for _ = 1, 2 do goto continue; ::continue:: end
for _ = 1, 2 do goto continue; ::continue:: end
local function f() goto continue; ::continue:: return "fn ok" end
print("reuse", f())
-- "goto continue" is a statement; "continue" alone is just a name
local continue = "a variable named continue"
print(continue)
