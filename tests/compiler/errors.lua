-- Runs every case of a syntax-error corpus through `load` and prints one
-- line per case: the error message (escaped: backslash, newline and CR as
-- \\, \n, \r), or "OK" when the case compiles.
--
-- Corpus format: cases separated by header lines starting with "--==".
-- The rest of the header line, if any, is the chunk name (default: the
-- source itself, as `load(src)` does). The final newline of each case is
-- not part of it.
--
--   lua5.4 errors.lua errors.txt > errors.expected
local text = assert(io.open(arg[1], "rb")):read("a")
local cases = {}
for line in (text .. (text:sub(-1) == "\n" and "" or "\n")):gmatch("(.-)\n") do
  local name = line:match("^%-%-==%s?(.*)$")
  if name then
    cases[#cases + 1] = { name = name ~= "" and name or nil, lines = {} }
  elseif #cases > 0 then
    table.insert(cases[#cases].lines, line)
  end
end
for _, c in ipairs(cases) do
  local src = table.concat(c.lines, "\n")
  local f, msg = load(src, c.name)
  if f then
    msg = "OK"
  else
    -- lua.c's message handler decorates errors raised as runtime errors
    -- during parsing ("C stack overflow"); keep the message only
    msg = msg:gsub("\nstack traceback:.*", "")
  end
  msg = msg:gsub("\\", "\\\\"):gsub("\n", "\\n"):gsub("\r", "\\r")
  io.write(msg, "\n")
end
