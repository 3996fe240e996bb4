-- string.format basics: %d %i %s %q %g %f %e %x %X %o %c %a-free, widths and flags.

local F = string.format
print("d", F("%d|%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42, 42))
print("d neg", F("%d|%5d|%05d", -42, -42, -42), F("%i", 7))
print("d limits", F("%d %d", math.maxinteger, math.mininteger))
print("d float", F("%d", 3.0), pcall(F, "%d", 3.5))
print("d string", F("%d", "10"), F("%d", " 0x10 "))
print("s", F("[%s]|[%10s]|[%-10s]|[%.2s]", "abc", "abc", "abc", "abc"))
print("s types", F("%s %s %s %s %s", nil, true, 12, 1.5, "x"))
print("f", F("%f|%.2f|%5.2f|%-8.3f|%08.3f|%.0f", 3.14159, 3.14159, 3.14159, 3.14159, -3.14159, 2.5))
print("f big", F("%.1f %.3f %f", 1e15, 1 / 3, 2^53))
print("f special", F("%f %f %.1f", math.huge, -math.huge, 0.05))
print("g", F("%g|%g|%g|%g|%g|%g", 1, 0.1, 1e20, 1e-5, 123456789, 100))
print("g prec", F("%.3g|%.10g|%.14g|%.17g", math.pi, math.pi, 0.1, 0.1))
print("g special", F("%g %g %g", 1 / 0, -1 / 0, -0.0))
print("e", F("%e|%.2e|%E|%.0e", 12345.678, 12345.678, 0.000123, 5e10))
print("x", F("%x|%X|%#x|%08x|%x", 255, 255, 255, 255, -1))
print("o", F("%o|%#o", 8, 8))
print("c", F("%c%c%c|%5c|", 76, 117, 97, 65))
print("percent", F("100%%"), F("%%d"), F("%5.1f%%", 99.5))
print("q string", F("%q", 'he said "hi"\n\tand\0left\\'))
print("q numbers", F("%q %q %q", 1, 1.5, 2^63))
-- (compared rather than printed, so the expected output has no long hex run)
print("q minint", F("%q", math.mininteger) == "0x" .. "8" .. ("0"):rep(15))
print("q special", F("%q %q %q", 1 / 0, -1 / 0, 0.1))
print("q other", F("%q %q %q", nil, true, false))
print("q error", pcall(F, "%q", {}))
print("q modifiers", pcall(F, "%10q", "x"))
-- numbers given to %s use tostring formatting
print("s numbers", F("%s %s %s", 1, 1.0, -0.0))
-- several arguments, reused patterns
print("multi", F("%s=%d (%5.1f%%)", "ratio", 3, 42.123))
-- missing arguments and bad conversions
print("missing", pcall(F, "%d %d", 1))
print("bad conv", pcall(F, "%k", 1))
print("too long", pcall(F, "%123456d", 1))
print("bad width", pcall(F, "%1234d", 1))
print("no args", pcall(F))
-- the format string itself may contain zeros
print("zeros", #F("a\0b%d", 5))
-- extra arguments are ignored
print("extra", F("%d", 1, 2, 3))
-- %s with __tostring
print("tostring", F("%s", setmetatable({}, {__tostring = function() return "OBJ" end})))
-- %s with precision truncates after conversion
print("precision", F("%.3s|%.0s|", "abcdef", "abc"))
-- a long result
print("long", #F("%s%s", ("x"):rep(1000), ("y"):rep(1000)), #F("%099d", 7))
