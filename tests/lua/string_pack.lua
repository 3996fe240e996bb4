-- string.pack / string.unpack / string.packsize

local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

local function show(...)
  local t = table.pack(...)
  local parts = {}
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "string" then parts[#parts + 1] = "<" .. hex(v) .. ">"
    else parts[#parts + 1] = math.type(v) and (math.type(v) .. ":" .. tostring(v)) or tostring(v) end
  end
  print(t.n, table.concat(parts, " "))
end

local function try(f, ...)
  local r = table.pack(pcall(f, ...))
  if r[1] then show(table.unpack(r, 2, r.n)) else print("error", r[2]) end
end

-- integers of every size and both byte orders
for _, f in ipairs{"b", "B", "h", "H", "i", "I", "l", "L", "j", "J", "T",
                   "i1", "i2", "i3", "i5", "i7", "i8", "i9", "i16", "I3", "I12"} do
  for _, e in ipairs{"<", ">", "="} do
    local fmt = e .. f
    local v = f:match("^[bB]") and 100 or 12345
    local ok, p = pcall(string.pack, fmt, v)
    if ok then
      print(fmt, hex(p), string.packsize(fmt), string.unpack(fmt, p))
    else
      print(fmt, "error", p)
    end
  end
end
try(string.pack, "<i3", -2)
try(string.pack, ">i9", -2)
try(string.pack, "<j", math.mininteger)
try(string.pack, "<J", -1)
try(string.unpack, "<J", string.pack("<j", -1))
try(string.unpack, "<i2", "\255\255")
try(string.unpack, "<I2", "\255\255")
try(string.unpack, "<i9", string.rep("\255", 9))
try(string.unpack, "<I9", string.rep("\255", 8) .. "\0")
try(string.unpack, "<i16", string.rep("\255", 8) .. string.rep("\0", 8))
try(string.unpack, ">i16", string.rep("\0", 8) .. "\128" .. string.rep("\0", 7))

-- limits
try(string.pack, "b", 127)
try(string.pack, "b", 128)
try(string.pack, "b", -128)
try(string.pack, "b", -129)
try(string.pack, "B", 255)
try(string.pack, "B", 256)
try(string.pack, "B", -1)
try(string.pack, "h", 32768)
try(string.pack, "i3", 8388607)
try(string.pack, "i3", 8388608)
try(string.pack, "I7", 1 << 56)
try(string.pack, "i8", math.maxinteger)
try(string.pack, "I8", -1)
try(string.pack, "i", 1.0)
try(string.pack, "i", "7")
try(string.pack, "i", 1.5)
try(string.pack, "i", "x")
try(string.pack, "i")

-- floats
try(string.pack, "<d", 1.5)
try(string.pack, ">d", -0.0)
try(string.pack, "<f", 0.1)
try(string.pack, "<n", 1/0)
try(string.unpack, "<f", string.pack("<f", 0.1))
try(string.unpack, "<d", string.pack("<d", 0.1))
try(string.unpack, ">n", string.pack(">n", -2^60))
try(string.pack, "d", 3)
try(string.pack, "d", "2.5")
try(string.unpack, "d", string.pack("d", 0/0))
try(string.pack, "f", 1e300)

-- strings
try(string.pack, "z", "hello")
try(string.pack, "s", "hello")
try(string.pack, ">s2", "hello")
try(string.pack, "s1", string.rep("x", 255))
try(string.pack, "c5", "ab")
try(string.pack, "c2", "ab")
try(string.pack, "c0", "")
try(string.pack, "z", 123)
try(string.unpack, "z", "hello\0world\0")
try(string.unpack, "zz", "hello\0world\0")
try(string.unpack, "s1", "\5hello!")
try(string.unpack, ">s2", "\0\3abc")
try(string.unpack, "c3", "abcdef")
try(string.unpack, "c3c3", "abcdef")
try(string.unpack, "c0", "")
try(string.unpack, "s1", "\0")

-- alignment and padding
try(string.pack, "!4 b i4", 1, 2)
try(string.pack, "! b d", 1, 2)
try(string.pack, "!2 b d", 1, 2)
try(string.pack, "b x b", 1, 2)
try(string.pack, "b Xi4 b", 1, 2)
try(string.pack, "!8 b Xd b", 1, 2)
try(string.pack, "!8 b Xh b", 1, 2)
try(string.pack, "b X b", 1, 2)
try(string.pack, "!8 bXi16", 1)
try(string.pack, "!16 bXi16", 1)
try(string.pack, "<!4 i3 x h", 1, 2)
try(string.pack, "!4 i3 Xi4 h", 1, 2)
try(string.unpack, "!4 b i4", string.pack("!4 b i4", 7, 9))
try(string.unpack, "b x b", "\1\0\2")
try(string.unpack, "!8 b Xd b", string.pack("!8 b Xd b", 1, 2))
try(string.packsize, "!8 b d")
try(string.packsize, "b d")
try(string.packsize, "!b d")
try(string.packsize, "!2 b d")
try(string.packsize, "i3 I7 c5 x")
try(string.packsize, "")
try(string.packsize, "  <>= ")
try(string.packsize, "c2147483647")
try(string.packsize, "c2147483646c1")
try(string.packsize, "c1073741824c1073741824")
try(string.packsize, "s")
try(string.packsize, "z")

-- unpack positions
local data = string.pack("i4i4i4", 10, 20, 30)
try(string.unpack, "i4", data, 5)
try(string.unpack, "i4", data, -4)
try(string.unpack, "i4", data, -100)
try(string.unpack, "i4", data, 13)
try(string.unpack, "i4", data, 14)
try(string.unpack, "", data, 13)
try(string.unpack, "", data)
try(string.unpack, "i4", data, 0)
do
  local pos, out = 1, {}
  while pos <= #data do
    local v
    v, pos = string.unpack("i4", data, pos)
    out[#out + 1] = v
  end
  print(table.concat(out, ","), pos)
end

-- round trips
do
  local fmt = "<!4 b B h H i I l L j J T f d n s1 s z c4 x I4 i16"
  local vals = {-5, 250, -1000, 60000, -70000, 70000, -2^40, 2^40, math.mininteger,
                math.maxinteger, 12, 0.5, 1/3, -1e300, "s1!", "long string", "zero", "four",
                0xabcdef, -123456789}
  local packed = string.pack(fmt, table.unpack(vals))
  print(#packed, hex(packed))
  show(string.unpack(fmt, packed))
end

-- errors
try(string.pack, "i17", 1)
try(string.pack, "i0", 1)
try(string.pack, "!17", 1)
try(string.pack, "y", 1)
try(string.pack, "c", "a")
try(string.pack, "X", 1)
try(string.pack, "Xc1", 1)
try(string.pack, "X ", 1)
try(string.pack, "Xz", 1)
try(string.pack, "!3i4", 1)
try(string.pack, "!4 i3 Xi3", 1)
try(string.pack, "c2", "abc")
try(string.pack, "s1", string.rep("x", 256))
try(string.pack, "z", "a\0b")
try(string.pack, "c99999999999999999999", "x")
try(string.unpack, "i4", "abc")
try(string.unpack, "z", "abc")
try(string.unpack, "s1", "\5abc")
try(string.unpack, "i4", "abcd", 10)
try(string.unpack, "i4", "abcd", -10)
try(string.unpack, "i4")
try(string.unpack, "i4", {})
try(string.pack)
try(string.packsize)
try(string.unpack, "i9", "\0\0\0\0\0\0\0\0\1")
print(pcall(function() return string.pack("y") end))
print(pcall(function() return ("i4"):pack("x") end))
print(pcall(function() return string.unpack("i16", string.rep("\1", 16)) end))
-- missing arguments
try(string.pack, "ii", 1)
try(string.pack, "iii", 1)
try(string.pack, "d")
try(string.pack, "z")
try(string.pack, "zz", "a")
try(string.pack, "c1000ii", string.rep("x", 1000))
try(string.pack, "!4 I3", 1)
try(string.pack, "i", nil)
-- NUL ends the format, as in C
try(string.pack, "i\0i", 1)
try(string.packsize, "i\0i")
try(string.unpack, "b\0b", "\1\2")
