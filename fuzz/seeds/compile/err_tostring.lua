-- An uncaught error whose value has a __tostring metamethod.
local E = setmetatable({msg = "custom error object"}, {
  __tostring = function(e) return "E<" .. e.msg .. ">" end,
})
print("raising an object")
error(E)
