-- json.lua: generate a JSON document deterministically, parse it with a
-- recursive-descent parser, walk the resulting tree, and serialize it
-- again (with sorted keys) to check the round trip.
-- Measures: string scanning with byte/find/sub, table construction,
-- recursion, string building with table.concat.
-- Usage: json.lua [records]   (default 8000)

local records = tonumber(arg and arg[1]) or 8000
local byte, sub, find, char, fmt = string.byte, string.sub, string.find, string.char, string.format
local concat = table.concat
local floor = math.floor

local seed = 31337
local function rand(m)
  seed = seed * 16807 % 2147483647
  return seed % m
end

---------------------------------------------------------------- generator
-- Strings are written already JSON-escaped (long brackets keep the
-- backslashes literal).
local words = { "alpha", "beta", "gamma", "delta", "kiln", "lua", "vm", "trace",
  "slot", "frame", "upvalue", "closure", [[tab\tbed]], [[quote\"d]], [[back\\slash]],
  [[line\nbreak]], [[caf\u00e9]], [[snow\u2603man]], [[sl\/ash]], "x" }
local keys = { "id", "name", "tags", "score", "ratio", "active", "children",
  "meta", "note", "parent", "weight", "extra" }

local out = {}
local function emit(s)
  out[#out + 1] = s
end

local function gen_string()
  local w = words[rand(#words) + 1]
  if rand(2) == 0 then
    w = w .. "-" .. rand(1000)
  end
  emit('"' .. w .. '"')
end

local gen_value
local function gen_number()
  local k = rand(4)
  if k == 0 then
    emit(fmt("%d", rand(100000) - 50000))
  elseif k == 1 then
    emit(fmt("%d.%02d", rand(1000), rand(100)))
  elseif k == 2 then
    emit(fmt("-%d.%d", rand(100), rand(10)))
  else
    emit(fmt("%de%d", rand(9) + 1, rand(5)))
  end
end

local function gen_array(depth)
  emit("[")
  local n = rand(5)
  for i = 1, n do
    if i > 1 then
      emit(",")
    end
    gen_value(depth + 1)
  end
  emit("]")
end

local function gen_object(depth)
  emit("{")
  local n = rand(5) + 1
  local used = {}
  local first = true
  for _ = 1, n do
    local k = keys[rand(#keys) + 1]
    if not used[k] then
      used[k] = true
      if not first then
        emit(", ")
      end
      first = false
      emit('"' .. k .. '": ')
      gen_value(depth + 1)
    end
  end
  emit("}")
end

function gen_value(depth)
  local k = rand(depth < 4 and 10 or 6)
  if k < 2 then
    gen_string()
  elseif k < 4 then
    gen_number()
  elseif k == 4 then
    emit(rand(2) == 0 and "true" or "false")
  elseif k == 5 then
    emit("null")
  elseif k < 8 then
    gen_object(depth)
  else
    gen_array(depth)
  end
end

emit("[\n")
for i = 1, records do
  if i > 1 then
    emit(",\n")
  end
  emit(fmt('  {"id": %d, "name": "record %d", "tags": [', i, i))
  for t = 1, rand(4) do
    if t > 1 then
      emit(", ")
    end
    gen_string()
  end
  emit('], "data": ')
  gen_object(1)
  emit("}")
end
emit("\n]\n")
local text = concat(out)
local input_bytes = #text

---------------------------------------------------------------- parser
local NULL = setmetatable({}, { __tostring = function()
  return "null"
end })

local function utf8_encode(cp)
  if cp < 0x80 then
    return char(cp)
  elseif cp < 0x800 then
    return char(0xC0 + floor(cp / 64), 0x80 + cp % 64)
  end
  return char(0xE0 + floor(cp / 4096), 0x80 + floor(cp / 64) % 64, 0x80 + cp % 64)
end

local escapes = { [98] = "\b", [102] = "\f", [110] = "\n", [114] = "\r", [116] = "\t",
  [34] = '"', [92] = "\\", [47] = "/" }

local pos = 1
local function fail(what)
  error(fmt("JSON error at byte %d: %s", pos, what))
end

local function skip_ws()
  local _, e = find(text, "^[ \n\r\t]*", pos)
  pos = e + 1
end

local parse_value

local function parse_string()
  pos = pos + 1 -- opening quote
  local parts = {}
  while true do
    local s, e = find(text, '^[^"\\]+', pos)
    if s then
      parts[#parts + 1] = sub(text, s, e)
      pos = e + 1
    end
    local c = byte(text, pos)
    if c == 34 then
      pos = pos + 1
      return concat(parts)
    elseif c == 92 then
      local esc = byte(text, pos + 1)
      if esc == 117 then
        local hex = sub(text, pos + 2, pos + 5)
        parts[#parts + 1] = utf8_encode(tonumber(hex, 16))
        pos = pos + 6
      else
        local r = escapes[esc]
        if not r then
          fail("bad escape")
        end
        parts[#parts + 1] = r
        pos = pos + 2
      end
    else
      fail("unterminated string")
    end
  end
end

local function parse_number()
  local s, e = find(text, "^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
  if not s then
    fail("bad number")
  end
  pos = e + 1
  return tonumber(sub(text, s, e))
end

local function parse_array()
  pos = pos + 1
  local arr = {}
  skip_ws()
  if byte(text, pos) == 93 then
    pos = pos + 1
    return arr
  end
  while true do
    arr[#arr + 1] = parse_value()
    skip_ws()
    local c = byte(text, pos)
    pos = pos + 1
    if c == 93 then
      return arr
    elseif c ~= 44 then
      fail("expected , or ]")
    end
  end
end

local function parse_object()
  pos = pos + 1
  local obj = {}
  skip_ws()
  if byte(text, pos) == 125 then
    pos = pos + 1
    return obj
  end
  while true do
    skip_ws()
    if byte(text, pos) ~= 34 then
      fail("expected key")
    end
    local key = parse_string()
    skip_ws()
    if byte(text, pos) ~= 58 then
      fail("expected :")
    end
    pos = pos + 1
    obj[key] = parse_value()
    skip_ws()
    local c = byte(text, pos)
    pos = pos + 1
    if c == 125 then
      return obj
    elseif c ~= 44 then
      fail("expected , or }")
    end
  end
end

function parse_value()
  skip_ws()
  local c = byte(text, pos)
  if c == 123 then
    return parse_object()
  elseif c == 91 then
    return parse_array()
  elseif c == 34 then
    return parse_string()
  elseif c == 116 and sub(text, pos, pos + 3) == "true" then
    pos = pos + 4
    return true
  elseif c == 102 and sub(text, pos, pos + 4) == "false" then
    pos = pos + 5
    return false
  elseif c == 110 and sub(text, pos, pos + 3) == "null" then
    pos = pos + 4
    return NULL
  end
  return parse_number()
end

local function parse(s)
  text, pos = s, 1
  local v = parse_value()
  skip_ws()
  if pos <= #text then
    fail("trailing garbage")
  end
  return v
end

---------------------------------------------------------------- walk
local stats = { objects = 0, arrays = 0, strings = 0, numbers = 0, bools = 0, nulls = 0,
  chars = 0, depth = 0 }
-- Numbers are summed in hundredths as integers: objects are walked in
-- pairs() order, and a float sum would depend on that order.
local numsum = 0

-- Distinguish arrays from objects: arrays have only the keys 1..#t.
local function is_array(t)
  local n = #t
  local count = 0
  for _ in pairs(t) do
    count = count + 1
  end
  return count == n
end

local function walk(v, depth)
  if depth > stats.depth then
    stats.depth = depth
  end
  local tv = type(v)
  if v == NULL then
    stats.nulls = stats.nulls + 1
  elseif tv == "table" then
    if is_array(v) then
      stats.arrays = stats.arrays + 1
      for i = 1, #v do
        walk(v[i], depth + 1)
      end
    else
      stats.objects = stats.objects + 1
      for _, child in pairs(v) do
        walk(child, depth + 1)
      end
    end
  elseif tv == "string" then
    stats.strings = stats.strings + 1
    stats.chars = stats.chars + #v
  elseif tv == "number" then
    stats.numbers = stats.numbers + 1
    numsum = numsum + floor(v * 100 + 0.5)
  else
    stats.bools = stats.bools + 1
  end
end

---------------------------------------------------------------- serializer
local function encode_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then
      return '\\"'
    elseif c == "\\" then
      return "\\\\"
    elseif c == "\n" then
      return "\\n"
    elseif c == "\t" then
      return "\\t"
    end
    return fmt("\\u%04x", byte(c))
  end) .. '"'
end

local function encode(v, buf)
  local tv = type(v)
  if v == NULL then
    buf[#buf + 1] = "null"
  elseif tv == "table" then
    if is_array(v) then -- (an empty object also comes out as [])
      buf[#buf + 1] = "["
      for i = 1, #v do
        if i > 1 then
          buf[#buf + 1] = ","
        end
        encode(v[i], buf)
      end
      buf[#buf + 1] = "]"
    else
      local ks = {}
      for k in pairs(v) do
        ks[#ks + 1] = k
      end
      table.sort(ks)
      buf[#buf + 1] = "{"
      for i = 1, #ks do
        if i > 1 then
          buf[#buf + 1] = ","
        end
        buf[#buf + 1] = encode_string(ks[i])
        buf[#buf + 1] = ":"
        encode(v[ks[i]], buf)
      end
      buf[#buf + 1] = "}"
    end
  elseif tv == "string" then
    buf[#buf + 1] = encode_string(v)
  elseif tv == "number" then
    if v == floor(v) and v > -1e15 and v < 1e15 then
      buf[#buf + 1] = fmt("%d", v)
    else
      buf[#buf + 1] = fmt("%.17g", v)
    end
  else
    buf[#buf + 1] = v and "true" or "false"
  end
end

local function hash(s)
  local h = 0
  for i = 1, #s, 3 do
    h = (h * 31 + byte(s, i)) % 1000000007
  end
  return h
end

---------------------------------------------------------------- main
local doc = parse(text)
walk(doc, 1)
local buf = {}
encode(doc, buf)
local again = concat(buf)
-- Parsing the canonical form must give the same canonical form.
local buf2 = {}
encode(parse(again), buf2)
local again2 = concat(buf2)

print(string.format("input %d bytes, %d records", input_bytes, #doc))
print(string.format("objects %d arrays %d strings %d numbers %d bools %d nulls %d",
  stats.objects, stats.arrays, stats.strings, stats.numbers, stats.bools, stats.nulls))
print(string.format("string chars %d, max depth %d, number sum %d", stats.chars, stats.depth, numsum))
print(string.format("canonical %d bytes, stable %s", #again, tostring(again == again2)))
print(string.format("checksum %d", (hash(again) + stats.chars) % 1000000007))
