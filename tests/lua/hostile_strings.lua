-- Hostile input: huge strings and formats that must fail cleanly.

-- A big string literal in a chunk (8 MB here, to keep the test fast in
-- debug builds; crates/kiln-cli/tests/hostile.rs runs 100 MB in release).
do
  local body = string.rep("a", 8 * 1024 * 1024)
  local f = assert(load("return '" .. body .. "'"))
  local s = f()
  print("8 MB literal:", #s, s == body)
  body, s, f = nil, nil, nil
  -- Unfinished, and as a long bracket.
  print("unfinished:", select(2, load("return '" .. string.rep("b", 1 << 20))))
  local g = assert(load("return [==[" .. string.rep("c", 1 << 20) .. "]==]"))
  print("long bracket:", #g())
end
collectgarbage()

local function check(name, f, ...)
  local ok, e = pcall(f, ...)
  if ok then
    print(name, "ok", type(e) == "string" and #e or e)
  else
    print(name, "error", e)
  end
end

-- string.rep past the limits of memory and of the size type.
check("rep 2^62", string.rep, "x", 1 << 62)
check("rep maxinteger", string.rep, "x", math.maxinteger)
check("rep sep overflow", string.rep, "xx", 1 << 61, "yy")
check("rep 1 MB * 2^50", string.rep, string.rep("x", 1 << 31 >> 20), 1 << 50)
check("rep negative", string.rep, "x", -1)
-- Concatenation that would overflow the length.
check("concat", function()
  local s = string.rep("x", 1 << 20)
  local t = {}
  for i = 1, 8 do t[i] = s end
  return #table.concat(t)
end)

-- string.format with oversized or invalid conversions.
check("%99999d", string.format, "%99999d", 1)
check("%100d", string.format, "%100d", 1)
check("%99d", function() return #string.format("%99d", 1) end)
check("%.99f", function() return #string.format("%.99f", 1e308) end)
check("%.100f", string.format, "%.100f", 1)
check("%-099d", string.format, "%-099d", 1)
check("%10q", string.format, "%10q", "x")
check("%", string.format, "%")
check("%y", string.format, "%y", 1)
check("%d float", string.format, "%d", 1.5)
check("%c big", function() return #string.format("%c", 256) end)
check("%s huge", function() return #string.format("%s", string.rep("z", 1 << 20)) end)
check("%5s huge", function() return #string.format("%5s", string.rep("z", 1 << 20)) end)
check("%a", function() return type(string.format("%a", 1)) end)
check("many args", function() return #string.format(string.rep("%d", 200), table.unpack((function() local t = {} for i = 1, 200 do t[i] = i end return t end)())) end)
check("missing arg", string.format, "%d %d", 1)

-- Other string functions at their limits.
check("sub huge", function() return #string.sub("abc", math.mininteger, math.maxinteger) end)
check("byte huge", function() return select("#", string.byte("abc", math.mininteger, math.maxinteger)) end)
check("byte many", function() return select("#", string.byte(string.rep("a", 1000000), 1, -1)) end)
check("char many", function() return #string.char(table.unpack((function() local t = {} for i = 1, 10000 do t[i] = 65 end return t end)())) end)
check("char bad", string.char, 256)
check("pack huge", string.pack, "i16", 1)
check("pack size", string.pack, "s1", string.rep("x", 300))
check("packsize overflow", string.packsize, string.rep("i16", 1 << 16) .. "c" .. math.maxinteger)
check("unpack past end", string.unpack, "i4", "abc")
check("unpack pos", string.unpack, "b", "abc", math.mininteger)
check("pattern too complex", string.find, string.rep("a", 300000), string.rep("a?", 300000) .. string.rep("a", 300000))
check("pattern captures", string.find, "a", string.rep("(", 40) .. "a" .. string.rep(")", 40))
check("pattern nested", string.match, string.rep("(", 1000), string.rep("%(", 1000))
check("gsub huge result", function() return #string.gsub(string.rep("a", 1 << 16), "", "bb") end)
print("state still usable:", ("ok"):upper())
