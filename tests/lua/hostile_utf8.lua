-- Hostile input: invalid UTF-8 (and out-of-range values) in every utf8
-- function, strict and lax.

local function check(name, f, ...)
  local r = table.pack(pcall(f, ...))
  for i = 1, r.n do r[i] = tostring(r[i]) end
  print(name, table.concat(r, " | "))
end

local bad = {
  ["continuation"] = "\x80",
  ["lone lead"] = "\xc3",
  ["truncated 3"] = "\xe4\xbd",
  ["truncated 4"] = "\xf0\x9f\x98",
  ["overlong 2"] = "\xc0\x80",
  ["overlong 3"] = "\xe0\x80\x80",
  ["surrogate"] = "\xed\xa0\x80",
  ["above 10FFFF"] = "\xf4\x90\x80\x80",
  ["5 bytes"] = "\xf8\x88\x80\x80\x80",
  ["6 bytes max"] = "\xfd\xbf\xbf\xbf\xbf\xbf",
  ["ff"] = "\xff",
  ["fe"] = "\xfe",
  ["mixed"] = "a\xffb\xc3\xa9c",
  ["bad in middle"] = "\xe2\x82\xac\x80\xe2\x82\xac",
}
local names = {}
for k in pairs(bad) do names[#names + 1] = k end
table.sort(names)

for _, name in ipairs(names) do
  local s = bad[name]
  check(name .. ": len", utf8.len, s)
  check(name .. ": len lax", utf8.len, s, 1, -1, true)
  check(name .. ": codepoint", utf8.codepoint, s, 1, -1)
  check(name .. ": codepoint lax", utf8.codepoint, s, 1, -1, true)
  check(name .. ": offset 1", utf8.offset, s, 1)
  check(name .. ": offset 2", utf8.offset, s, 2)
  check(name .. ": offset -1", utf8.offset, s, -1)
  check(name .. ": offset 0 at 2", utf8.offset, s, 0, 2)
  check(name .. ": codes", function()
    local t = {}
    for p, c in utf8.codes(s) do t[#t + 1] = p .. ":" .. c end
    return table.concat(t, ",")
  end)
  check(name .. ": codes lax", function()
    local t = {}
    for p, c in utf8.codes(s, true) do t[#t + 1] = p .. ":" .. c end
    return table.concat(t, ",")
  end)
  check(name .. ": match charpattern", function()
    local n = 0
    for _ in string.gmatch(s, utf8.charpattern) do n = n + 1 end
    return n
  end)
end

-- Positions out of range.
check("len i out of range", utf8.len, "abc", 5)
check("len j out of range", utf8.len, "abc", 1, 5)
check("len i huge negative", utf8.len, "abc", math.mininteger)
check("codepoint i 0", utf8.codepoint, "abc", 0)
check("codepoint j huge", utf8.codepoint, "abc", 1, math.maxinteger)
check("offset i out of range", utf8.offset, "abc", 1, 5)
check("offset continuation start", utf8.offset, "\xe2\x82\xac", 1, 2)
check("offset huge n", utf8.offset, "abc", math.maxinteger)
check("offset huge negative n", utf8.offset, "abc", math.mininteger)
-- utf8.char out of range.
check("char -1", utf8.char, -1)
check("char 0x7FFFFFFF", function() return #utf8.char(0x7FFFFFFF) end)
check("char 0x80000000", utf8.char, 0x80000000)
check("char maxinteger", utf8.char, math.maxinteger)
check("char float", utf8.char, 65.5)
check("char string", utf8.char, "65")
check("char many", function()
  local t = {}
  for i = 1, 10000 do t[i] = 0x10FFFF end
  return #utf8.char(table.unpack(t))
end)
check("codepoint many", function()
  return select("#", utf8.codepoint(string.rep("\xe2\x82\xac", 100000), 1, -1))
end)
print("state still usable:", utf8.len("\xe2\x82\xac"))
