-- literals of every kind and their loading instructions
local n, t, f = nil, true, false
local i0, i1, im1 = 0, 1, -1
local ibx1, ibx2, ibx3, ibx4 = 65535, 65536, -65535, -65536
local imax, imin = 9223372036854775807, -9223372036854775808
local hx1, hx2, hx3 = 0xff, 0xffffffffffffffff, 0x7fffffffffffffff
local big = 9223372036854775808 -- becomes a float
local f0, f1, f2 = 0.0, 1.0, -1.0
local f3, f4, f5 = 1.5, 65535.0, 65536.0
local f6, f7 = -65535.0, -65536.0
local f8, f9 = 1e308, 1e309
local f10, f11 = 2^53, 0x1p4
local f12, f13 = 0x.8, 3e-2
local f14 = .5
local s1 = "plain"
local s2 = 'single \'quoted\' "double"'
local s3 = "escapes: \a\b\f\n\r\t\v\\\"\'"
local s4 = "hex \x41\x42\x7a and dec \65\066\0677"
local s5 = "utf8 \u{48}\u{20AC}\u{10FFFF}\u{7FFFFFFF}"
local s6 = "zap \z
            continues"
local s7 = [[long
string]]
local s8 = [==[
with ]] inside ]=] ]==]
local s9 = "embedded \0 zero"
local s10 = "a string that is longer than forty characters, so not short"
local s11 = "\200\255\1\127"
local s12 = ''
x = { n, t, f, i0, i1, im1, ibx1, ibx2, ibx3, ibx4, imax, imin, hx1, hx2, hx3, big,
  f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14,
  s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12 }
y = 1; y = 1.0; y = "1"; y = 2^63; y = -2^63; y = math.pi
