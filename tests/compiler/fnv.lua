-- FNV-1a (64-bit) digest of a file, in hex: lua5.4 fnv.lua FILE
local s = assert(io.open(arg[1], "rb")):read("a")
local h = 0xcbf29ce484222325
for i = 1, #s, 4096 do
  local bytes = { s:byte(i, i + 4095) }
  for j = 1, #bytes do h = (h ~ bytes[j]) * 0x100000001b3 end
end
print(string.format("%016x", h))
