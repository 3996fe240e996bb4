-- An uncaught error raised two calls deep.
local function inner(x)
  error("nested failure: " .. x)
end
local function outer(x)
  inner(x)
  return x
end
print("calling")
outer("value")
