-- Positions ("chunk:line:") added to error messages, using stable chunk names.

local function run(src, name, ...)
  local f, err = load(src, name)
  if not f then return "compile: " .. err end
  local ok, e = pcall(f, ...)
  return ok and "no error" or tostring(e)
end

-- "=name" is used literally, "@name" as a file name, other strings are quoted
print(run("error('x')", "=input"))
print(run("error('x')", "@input.lua"))
print(run("error('x')", "input"))
-- the line is the line of the call to error
print(run("local a = 1\nlocal b = 2\n\nerror('line four')", "=input"))
-- runtime errors use the line of the failing instruction
print(run("local t = nil\nlocal x = 1\nreturn t.field", "=input"))
print(run("local a = {}\n\nreturn a\n.b\n.c", "=input"))
print(run("return 1 +\n{}\n", "=input"))
-- a multi-line call reports the line of the call's opening
print(run("local f = nil\nf(\n1,\n2\n)", "=input"))
-- error levels inside a loaded chunk
local src = [[
local function lib(x)
  if type(x) ~= "number" then
    error("expected number", 2)
  end
  return x
end
local function user()
  local v = lib("oops")
  return v
end
return user()
]]
print(run(src, "=input"))
-- if the caller was replaced by a tail call, level 2 has no line information
print(run(src:gsub("local v = lib%(\"oops\"%)\n  return v", "return lib(\"oops\")"), "=input"))
-- level 1 (the default) points at the error call
print(run(src:gsub(", 2%)", ")"), "=input"))
-- level 0: no position at all
print(run(src:gsub(", 2%)", ", 0)"), "=input"))
-- level 2 here is pcall (a C function: no position); level 3 is run() in
-- this file; a level past the stack adds nothing
print(run("error('at pcall', 2)", "=input"))
print(run("error('deep', 3)", "=input"))
print(run("error('far', 50)", "=input"))
-- only string messages get a position
print(run("error(42)", "=input"))
print(run("error({})", "=input"):match("^table:") ~= nil)
print(run("error()", "=input"))
-- functions defined in one chunk and called from another report their own chunk
local lib = load("return function() error('from lib') end", "=lib")()
_G.libfn = lib
print(run("\n\nlibfn()", "=main"))
_G.libfn = nil
-- errors raised by library functions point at the caller's line
print(run("local s = 'x'\nreturn s:rep(1e10, 1e10)", "=input"))
print(run("\nreturn ('x'):bad()", "=input"))
print(run("\n\nreturn string.rep()", "=input"))
print(run("return tostring()", "=input"))
-- assert does not add a position
print(run("\nassert(false, 'assert msg')", "=input"))
print(run("\nassert(nil)", "=input"))
-- errors during compilation use the same naming
print(run("\n\nx = = 1", "=input"))
print(run("x = 1 +", "@file.lua"))
print(run("local 1", "long chunk name that is quoted"))
