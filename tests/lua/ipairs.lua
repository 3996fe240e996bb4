-- ipairs: stops at the first nil, respects __index, returns three values.

local function collect(t)
  local out = {}
  for i, v in ipairs(t) do out[#out + 1] = i .. "=" .. tostring(v) end
  return table.concat(out, " ")
end

print("simple", collect({"a", "b", "c"}))
print("empty", collect({}))
-- stops at the first nil even if later indices exist
print("hole", collect({1, 2, nil, 4}))
print("leading nil", collect({nil, 2, 3}))
print("false kept", collect({false, false, nil, true}))
-- ignores non-integer keys and index 0
print("mixed", collect({[0] = "zero", "one", "two", x = "x", [3.0] = "three"}))
-- __index is consulted for missing indices
local proxy = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * i end end})
print("__index fn", collect(proxy))
local base = {"b1", "b2", "b3"}
local derived = setmetatable({"d1"}, {__index = base})
print("__index table", collect(derived))
-- __len is not used by ipairs
local lenonly = setmetatable({1, 2}, {__len = function() return 10 end})
print("ignores __len", collect(lenonly))
-- there is no __ipairs in 5.4 (a __ipairs field is ignored)
local ip = setmetatable({"x"}, {__ipairs = function() error("should not be called") end})
print("no __ipairs", collect(ip))
-- ipairs returns the iterator, the table and 0
local f, s, c = ipairs(base)
print("triple", type(f), s == base, c)
-- the iterator can be called directly
print("direct", f(base, 0), f(base, 2), f(base, 3))
-- the same iterator function is returned each time
print("same fn", select(1, ipairs({})) == select(1, ipairs({1})))
-- modifying the table during iteration: new elements are seen, removed end it
local grow = {1, 2}
local seen = {}
for i, v in ipairs(grow) do
  seen[#seen + 1] = v
  if i == 2 then grow[3] = 3 end
  if i == 3 then grow[4] = nil end
end
print("grow", table.concat(seen, ","))
local shrink = {1, 2, 3, 4}
seen = {}
for i, v in ipairs(shrink) do seen[#seen + 1] = v; shrink[i + 1] = nil end
print("shrink", table.concat(seen, ","))
-- ipairs accepts any value (errors only when indexing fails)
print("string", pcall(function() for i, v in ipairs("abc") do return v end return "none" end))
print("number", pcall(function() for i, v in ipairs(5) do end end))
print("nil", pcall(ipairs))
-- errors inside __index propagate
local bad = setmetatable({}, {__index = function() error("index failed", 0) end})
print("error", pcall(collect, bad))
