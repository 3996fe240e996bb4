-- Hostile input: recursion through pcall/xpcall counts toward the C-stack
-- limit (200 nested native calls, as LUAI_MAXCCALLS in lua5.4), so it ends
-- quickly with "C stack overflow".

local function check(name, f, ...)
  local ok, e = pcall(f, ...)
  if ok then
    print(name, "ok", e)
  else
    -- string.find, not e:find: one case replaces the string metatable.
    e = tostring(e)
    print(name, "error", string.find(e, "C stack overflow", 1, true) and "C stack overflow"
      or string.find(e, "stack overflow", 1, true) and "stack overflow" or e)
  end
end

-- Through pcall, so every level catches the previous one.
local depth = 0
local function prec() depth = depth + 1 local ok, e = pcall(prec) if not ok then error(e, 0) end end
check("recursion through pcall", prec)
local function xrec() return xpcall(xrec, function(m) return m end) end
check("xpcall", function() local r = table.pack(xrec()) return r.n end)
-- pcall(pcall, pcall, ..., f): a long chain of native calls.
local t = {}
for i = 1, 1000 do t[i] = pcall end
t[#t + 1] = error
t[#t + 1] = "chain end"
local r = table.pack(pcall(table.unpack(t)))
print("pcall chain", r.n, r[1], r[2], r[r.n])
print("state still usable:", pcall(print, "x"))
