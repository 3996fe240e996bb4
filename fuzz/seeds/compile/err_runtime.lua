-- An uncaught runtime error (not raised by error()) inside a function.
local config = {}
local function port(c)
  return c.server.port
end
print("reading config")
print(port(config))
