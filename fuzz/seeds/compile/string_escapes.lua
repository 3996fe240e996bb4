-- String escape sequences in short strings; results shown through %q and bytes.

local function bytes(s)
  local t = {}
  for i = 1, #s do t[#t + 1] = string.byte(s, i) end
  return "[" .. table.concat(t, ",") .. "]"
end

-- single-character escapes
print("simple", bytes("\a\b\f\n\r\t\v\\\"\'"))
print("quotes", "double \" inside", 'single \' inside', "mixed '", 'mixed "')
-- decimal escapes take up to three digits
print("decimal", bytes("\0\1\12\123\255"), bytes("\0499"), bytes("\1234"))
print("decimal-text", "\72\101\108\108\111", #"\0\0\0")
-- hexadecimal escapes take exactly two digits
print("hex", bytes("\x00\x41\x7f\xff\xAb"), "\x48\x69")
-- \u{XXX}: UTF-8 encoding, up to 2^31 in Lua 5.4
print("utf8-1", bytes("\u{41}"), bytes("\u{7F}"))
print("utf8-2", bytes("\u{80}"), bytes("\u{7FF}"), bytes("\u{00e9}"))
print("utf8-3", bytes("\u{800}"), bytes("\u{FFFF}"), bytes("\u{20AC}"))
print("utf8-4", bytes("\u{10000}"), bytes("\u{10FFFF}"))
print("utf8-5", bytes("\u{110000}"), bytes("\u{3FFFFFF}"))
print("utf8-6", bytes("\u{4000000}"), bytes("\u{7FFFFFFF}"))
print("utf8-zeros", bytes("\u{0000041}"))
-- \z skips following whitespace including newlines
print("z", "abc\z
           def", "a\z  b", "x\z

      y")
-- backslash-newline embeds a newline
print("bsnl", bytes("a\
b"))
-- embedded zeros are part of the string
local z = "a\0b\0c"
print("zeros", #z, bytes(z), z:sub(2, 2) == "\0")
-- escapes in single-quoted strings are the same
print("single", bytes('\65\x42\u{43}\n'))
-- strings are byte strings: length counts bytes
print("len", #"\u{20AC}", #"héllo", #"")
-- %q produces a readable, reloadable form
local weird = "tab\there\nnl \0 zero \1\2 \"q\" \\ \r cr \127 del"
local q = string.format("%q", weird)
print("q", q)
print("q-roundtrip", load("return " .. q)() == weird)
-- bytes >= 128 are copied as they are (printed here as byte values)
print("q-high", bytes(string.format("%q", "\200\255")))
-- string equality and comparison work bytewise
print("cmp", "\0a" < "\0b", "a\0" > "a", "\255" > "\127", "Z" < "a")
