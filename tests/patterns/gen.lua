-- Generates expected.txt from cases.txt by running the reference lua5.4.
--
--   cd tests/patterns && lua5.4 gen.lua
--
-- The format of cases.txt is documented at the top of that file.  Each output
-- line is "<line number of the case in cases.txt><TAB><result>", where
-- <result> is
--   find / match : the returned values separated by spaces ("nil" for fail)
--   gmatch       : one "[v1 v2 ...]" group per iteration, separated by spaces,
--                  or "(none)" when the first call already returns nil
--   gsub         : the result string and the count, separated by a space
-- and values are written as: strings in double quotes with \\, \" and \xHH
-- (for bytes < 0x20 or >= 0x7f) escapes; integers in decimal; nil/true/false.
-- An error is written as "error: <message>" (appended after the groups already
-- produced for gmatch).  Functions are called through pcall directly, so
-- messages carry no "chunk:line:" prefix.

local dir = (arg and arg[0] or ""):match("^(.*)[/\\]") or "."
local cases_path = dir .. "/cases.txt"
local out_path = dir .. "/expected.txt"

local ALL = {}
for i = 0, 255 do ALL[#ALL + 1] = string.char(i) end
ALL = table.concat(ALL)

local function unescape(s)
  local out = {}
  local i = 1
  local n = #s
  while i <= n do
    local c = s:sub(i, i)
    if c ~= "\\" then
      out[#out + 1] = c
      i = i + 1
    else
      local d = s:sub(i + 1, i + 1)
      if d == "\\" then out[#out + 1] = "\\"; i = i + 2
      elseif d == "t" then out[#out + 1] = "\t"; i = i + 2
      elseif d == "n" then out[#out + 1] = "\n"; i = i + 2
      elseif d == "r" then out[#out + 1] = "\r"; i = i + 2
      elseif d == "0" then out[#out + 1] = "\0"; i = i + 2
      elseif d == "A" then out[#out + 1] = ALL; i = i + 2
      elseif d == "x" then
        local hex = s:sub(i + 2, i + 3)
        assert(hex:match("^%x%x$"), "bad \\x escape in: " .. s)
        out[#out + 1] = string.char(tonumber(hex, 16))
        i = i + 4
      elseif d == "{" then
        local close = s:find("}", i + 2, true)
        assert(close, "unterminated \\{ in: " .. s)
        local body = s:sub(i + 2, close - 1)
        local count, text = body:match("^(%d+),(.*)$")
        assert(count, "bad \\{N,TEXT} in: " .. s)
        out[#out + 1] = string.rep(text, tonumber(count))
        i = close + 1
      else
        error("unknown escape \\" .. d .. " in: " .. s)
      end
    end
  end
  return table.concat(out)
end

local function quote(s)
  return '"' .. s:gsub('[%c\\"\128-\255]', function(c)
    if c == "\\" then return "\\\\"
    elseif c == '"' then return '\\"'
    else return string.format("\\x%02x", c:byte()) end
  end) .. '"'
end

local function fmt(v)
  local t = type(v)
  if t == "string" then return quote(v)
  elseif t == "number" then
    assert(math.type(v) == "integer")
    return tostring(v)
  else return tostring(v) end
end

local function fmt_values(r, first, last)
  local parts = {}
  for i = first, last do parts[#parts + 1] = fmt(r[i]) end
  return table.concat(parts, " ")
end

local function split_tabs(line)
  local fields = {}
  local start = 1
  while true do
    local tab = line:find("\t", start, true)
    if not tab then
      fields[#fields + 1] = line:sub(start)
      break
    end
    fields[#fields + 1] = line:sub(start, tab - 1)
    start = tab + 1
  end
  return fields
end

local function optint(f)
  if f == nil or f == "nil" then return nil end
  return assert(math.tointeger(tonumber(f)), "bad integer: " .. f)
end

local function optbool(f)
  if f == nil or f == "nil" then return nil end
  if f == "true" then return true end
  if f == "false" then return false end
  error("bad boolean: " .. f)
end

local function make_repl(f)
  if f == "@fn:concat" then
    return function(...)
      local t = table.pack(...)
      for i = 1, t.n do t[i] = tostring(t[i]) end
      return table.concat(t, ",", 1, t.n)
    end
  elseif f == "@fn:nil" then return function() return nil end
  elseif f == "@fn:false" then return function() return false end
  elseif f == "@fn:len" then return function(x) return #tostring(x) end
  elseif f:sub(1, 5) == "@tbl:" then
    local t = {}
    for k, v in f:sub(6):gmatch("([^,=]*)=([^,]*)") do t[k] = v end
    return t
  else
    return unescape(f)
  end
end

local function run(fields)
  local fn = fields[1]
  local s = unescape(assert(fields[2], "missing subject"))
  local p = unescape(assert(fields[3], "missing pattern"))
  if fn == "find" or fn == "match" then
    local r
    if fn == "find" then
      r = table.pack(pcall(string.find, s, p, optint(fields[4]), optbool(fields[5])))
    else
      r = table.pack(pcall(string.match, s, p, optint(fields[4])))
    end
    if not r[1] then return "error: " .. tostring(r[2]) end
    return fmt_values(r, 2, r.n)
  elseif fn == "gmatch" then
    local groups = {}
    local ok, it = pcall(string.gmatch, s, p, optint(fields[4]))
    if not ok then return "error: " .. tostring(it) end
    for _ = 1, 10000 do
      local r = table.pack(pcall(it))
      if not r[1] then
        groups[#groups + 1] = "error: " .. tostring(r[2])
        break
      end
      if r[2] == nil then break end
      groups[#groups + 1] = "[" .. fmt_values(r, 2, r.n) .. "]"
    end
    if #groups == 0 then return "(none)" end
    return table.concat(groups, " ")
  elseif fn == "gsub" then
    local repl = make_repl(assert(fields[4], "missing replacement"))
    local r = table.pack(pcall(string.gsub, s, p, repl, optint(fields[5])))
    if not r[1] then return "error: " .. tostring(r[2]) end
    return fmt(r[2]) .. " " .. fmt(r[3])
  else
    error("unknown function '" .. tostring(fn) .. "'")
  end
end

local out = assert(io.open(out_path, "wb"))
local lineno = 0
local count = 0
for line in io.lines(cases_path) do
  lineno = lineno + 1
  if line ~= "" and line:sub(1, 1) ~= "#" then
    local result = run(split_tabs(line))
    out:write(lineno, "\t", result, "\n")
    count = count + 1
  end
end
out:close()
print(("wrote %d expected results to %s (%s)"):format(count, out_path, _VERSION))
