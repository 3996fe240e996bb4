-- utf8.codes: iteration, lax mode, invalid sequences and the iterator protocol.

local function collect(s, lax)
  local out = {}
  local ok, err = pcall(function()
    for p, c in utf8.codes(s, lax) do out[#out + 1] = p .. ":" .. c end
  end)
  return table.concat(out, " ") .. (ok and "" or " ERR(" .. tostring(err) .. ")")
end

print("ascii", collect("abc"))
print("empty", "[" .. collect("") .. "]")
print("mixed", collect("a\u{E9}\u{4E16}\u{1F600}b"))
print("nul", collect("a\0b"))
print("number", collect(123))

local cases = {
  "\x80", "a\x80", "\x80a", "a\x80\x80b", "\xE4\xB8", "ab\xE4\xB8", "\xE4\xB8\xADc", "\xED\xA0\x80",
  "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80", "\xFD\xBF\xBF\xBF\xBF\xBF", "\xC0\x80", "\xFF", "a\xFFb",
  "\xC2\x80\x80", "x\u{10FFFF}y",
}
for i, s in ipairs(cases) do
  print("case " .. i, collect(s), "|", collect(s, true))
end

-- the iterator triple
local f, s, init = utf8.codes("xyz")
print("triple", type(f), s, init)
local f2 = utf8.codes("xyz", true)
print("lax iterator differs", f ~= f2, f == utf8.codes("q"), f2 == utf8.codes("q", 1))

-- calling the iterator by hand
print("step", f("xyz", 0))
print("step", f("xyz", 1))
print("step", f("xyz", 3))
print("step past", f("xyz", 10))
print("step neg", f("xyz", -1))
print("step float", f("xyz", 1.0))
print("step nil", f("xyz", nil))
print("step from cont", f("\u{E9}z", 1))
print("step str ctl", f("xyz", "1"))
print(pcall(f, "\xFF", 0))
print(pcall(f))
print(pcall(f, {}, 0))

-- errors
print(pcall(utf8.codes))
print(pcall(utf8.codes, {}))
print(pcall(utf8.codes, nil, true))
print(pcall(function() for _ in utf8.codes("ok\xFF") do end end))
print(pcall(function() for _ in utf8.codes("\xED\xA0\x80") do end end))
