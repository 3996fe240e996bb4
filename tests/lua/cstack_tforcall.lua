-- The call of a generic for iterator counts as a C call toward the C-stack
-- limit (OP_TFORCALL uses luaD_call in lua5.4), so recursion through
-- __newindex overflows at the for loop (found by the diff fuzzer, R12).
local t = setmetatable({}, {})
getmetatable(t).__newindex = function(t, k, v)
  for _ in pairs({}) do end
  t[k .. "x"] = v
end
print(pcall(function() t.a = 1 end))
getmetatable(t).__newindex = function(t, k, v) local a = select("#", pcall(next, {})) t[k .. "x"] = v end
print(pcall(function() t.b = 1 end))

-- how deep each kind of nesting goes before the overflow (each case alone,
-- starting from the same depth)
local function depth_of(setup)
  local depth = 0
  local ok, err = pcall(setup, function() depth = depth + 1 end)
  return ok, err, depth
end
local function newindex_loop(tick)
  local r = setmetatable({}, {__newindex = function(r, k, v) tick(); r[k .. "x"] = v end})
  r.a = 1
end
print(depth_of(newindex_loop))
local function lua_iterator(tick)
  local function it() tick(); for _ in it do end end
  for _ in it do end
end
print(depth_of(lua_iterator))
local function wrap_iterator(tick)
  local r = setmetatable({}, {})
  getmetatable(r).__index = function(r, k)
    tick()
    for _ in coroutine.wrap(function() end) do end
    return r[k .. "x"]
  end
  return r.a
end
print(depth_of(wrap_iterator))
local function nested_wrap(tick)
  local function f() tick(); coroutine.wrap(f)() end
  f()
end
local ok, err, d = depth_of(nested_wrap)
print(ok, select(2, err:gsub("cstack_tforcall.lua:41: ", "")), err:sub(-16), d)
