-- R20 (diff fuzzer, session 4): a message handler that keeps failing while
-- it builds a table with xpcall, coroutine.wrap and utf8.codes in it. The
-- driver's count hook made the difference: lua5.4 counts the hook
-- function's own instructions, does not trace the RETURN after a tail call
-- of a native function, and so interrupts the deepest levels elsewhere.
-- The program is the fuzzer's, with its driver prelude.
local __src = [=[
local s1, s2 = "hello", "a,b,c"
local n1, n2, n3 = 3, 2.5, -7
local t1 = {1, 2, 3, x = "x", y = {}}
local f1 = function(a, b) return a end
print(pcall(function(...) return table.insert(setmetatable({t1"x y  z", [ table.insert({}, false) ] = 3 == math.log(4294967296, 2), [ true ] = false & "0x10", ...}, {__newindex = function(t, k, v)
end, __add = function(a, b, ...) return not nil end}), -0, ({}).y) end))
print(pcall(function(...)
  local w1 = 0
  while 0 do
    w1 = w1 + 1 if w1 > 3 then break end
    print(pcall(function(...) ({[ -2^63 ~= n1 ] = ... % ...})[ not not not not "" ] = not not not not ... end))
    print(xpcall(function(p2)
      print(xpcall(function(p3)
        print(xpcall(function(p4)
          print(xpcall(function(p5)
            print(not not not not p3)
          end, function(m) return 'handled: ' .. tostring(m) end))
        end, function(m) return 'handled: ' .. tostring(m) end))
      end, function(m) return 'handled: ' .. tostring(m) end))
      print(not not not not s1)
      print(xpcall(function(p6)
        ;w1[ utf8.offset("z" .. true, (tonumber(t1 .. "\065\10")) % (1e-308)) ] = ({})[ (G1).value ], G1
      end, function(m, ...) return string.upper end))
      print(pcall(function(...) return select('#', ...), ... end, (math.max)()))
      print(utf8.len("[[", 189))
    end, function(m, ...) return {xpcall(function(p7)
      print(pcall(function(...) return select(1, 173) end))
      function G4:end_()
        print(pcall(rawlen, {[ 3.14159 ] = n1; self; [ false ] = s1; 5e-324; a = G1}))
        local function l8(p9)
          do
            print()
            ;n1:byte()
            ;(function(...)
              return nil
            end)()
            return ~ p9, 17, G3
          end
        end
      end
      local l10 <close> = nil
    end, function(m) return 'handled: ' .. tostring(m) end); __index = string.unpack("f", string.pack("f", ...)); k = coroutine.wrap(function(...) return coroutine.yield(...) end)(-0); [ function(p11, p12, p13)
      print(G3)
    end ] = (function(...) local n = 0 for p, c in utf8.codes("9223372036854775808") do n = n + c end return n end)(); s2; - n1} end))
    print(pcall(function(...) return false end))
    return n1(math.type((0xff >> 1000)), string.gsub(__S("a\"b"), "(a)(b)", "%0", 3)), (xpcall(function(p14)
      local f16 = 0
      for i15 = math.mininteger, math.mininteger + 2 do
        f16 = f16 + 1 if f16 > 20 then break end
        print(pcall(function(...) return table.remove(f1, 1) end))
      end
      ;n1 = n1
      print(1e308)
      print(xpcall(function()
        print(pcall(function(p17, p18, p19, ...)
          do
            return 
          end
          local f21 = 0
          for i20 = -2, 0, 0.5 do
            f21 = f21 + 1 if f21 > 20 then break end
            print(G3)
          end
        end, (s2)[ n1 ], w1, 0.0))
        print(pcall(function(...) (t1)[ true ] = false end))
        local function l22(p23)
          ;G4(f1 > G2, n2(l22, math.pi), -1e15)
          ;__T(true):len()
          ;__T(true):len()
          return true, true, true
        end
        return true, true, nil
      end, function(m) return m end))
    end, function(m) return m end) or nil)
  end
end))

]=]
local tostring, select, concat, type, error, pcall = tostring, select, table.concat, type, error, pcall
local sub, gsub, getinfo = string.sub, string.gsub, debug.getinfo
local sethook, gccount = debug.sethook, collectgarbage
local OUT, nout, hit, steps = {}, 0, false, 0
function print(...)
  local n = select('#', ...)
  local t = {}
  for i = 1, n do
    local s = tostring((select(i, ...)))
    if #s > 200 then s = sub(s, 1, 200) .. '...' end
    t[i] = s
  end
  if nout < 1000 then nout = nout + 1 OUT[nout] = concat(t, '\t') end
end
local pack, unpack = table.pack, table.unpack
function __P(f, ...)
  local r = pack(pcall(f, ...))
  if r[1] then return unpack(r, 2, r.n) end
  print('E', r[2])
end
function __T(...)
  local s = tostring(...)
  return (gsub(s, '0x%x+', 'ADDR'))
end
function __S(x)
  if type(x) == 'string' and #x > 64 then return sub(x, 1, 64) end
  return x
end
local hook
hook = function()
  if not hit then
    steps = steps + 1
    local kb = gccount('count')
    if steps > 20000 or kb > 16384 then
      hit = true
      sethook(hook, '', 1)
    elseif kb > 4096 then
      sethook(hook, '', 1)
    end
  end
  if hit then
    local i = getinfo(2, 'S')
    if i and i.source ~= '=stdin' then error('BUDGET') end
  end
end
sethook(hook, '', 100)
local f, err = load(__src, '=prog')
if not f then
  print('SYNTAX', err)
else
  local ok, e = pcall(f)
  if not ok then
    if not pcall(print, 'ERROR', e) then print('ERROR', type(e)) end
  end
end
sethook()
local res = concat(OUT, '\n', 1, nout)
res = gsub(res, ': 0x%x+', ': ADDR')
if hit then res = res .. '\n#BUDGET' end
io.write(res)
