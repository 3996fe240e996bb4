-- Syntactic nesting counts toward the native call limit from the level
-- load runs at (deeper callers leave less room); the overflow goes through
-- the message handler.
local function maxnest(pre, post)
  local lo = 1
  while lo < 1000 do
    local src = "return " .. string.rep(pre, lo) .. "1" .. string.rep(post, lo)
    local f, e = load(src)
    if not f then return lo, e end
    lo = lo + 1
  end
  return "none"
end
print(pcall(maxnest, "(", ")"))
print(pcall(maxnest, "{", "}"))
print(pcall(maxnest, "- ", ""))
print(pcall(maxnest, "not ", ""))
print(pcall(maxnest, "f(", ")"))
print(pcall(maxnest, "function() return ", " end"))
print(pcall(maxnest, "1 .. ", ""))
print(pcall(maxnest, "2 ^ ", ""))
local function at(d, f, ...) if d == 0 then return f(...) end return select(2, pcall(at, d - 1, f, ...)) end
print(at(50, maxnest, "(", ")"))
print(at(150, maxnest, "(", ")"))
print(at(150, maxnest, "{", "}"))
print(coroutine.wrap(function() return maxnest("(", ")") end)())
print(xpcall(maxnest, function(m) return "H:" .. m end, "(", ")"))
