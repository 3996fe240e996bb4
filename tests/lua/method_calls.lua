-- Method call syntax (obj:m(...)), self, and method definitions.

local Account = {}
Account.__index = Account
function Account.new(balance) return setmetatable({balance = balance}, Account) end
function Account:deposit(v) self.balance = self.balance + v; return self end
function Account:get() return self.balance end
function Account.static(x) return "static " .. type(x) end

local acc = Account.new(10)
print("basic", acc:get(), acc:deposit(5):deposit(7):get())
-- a:m(x) is a.m(a, x)
print("explicit", Account.get(acc), acc.get(acc), acc.deposit(acc, 1):get())
-- calling a method with a dot passes no self
print("dot", pcall(acc.get))
print("static", acc.static(1), acc:static())

-- nested field paths with a method at the end
local app = {ui = {window = {title = "main"}}}
function app.ui.window:show(prefix) return prefix .. self.title end
print("nested", app.ui.window:show("> "))

-- the object expression is evaluated once
local evaluated = 0
local function getobj() evaluated = evaluated + 1; return acc end
getobj():deposit(1)
print("once", evaluated, acc:get())

-- method call on a call result, string literal, and table constructor
print("on call", Account.new(3):get())
print("on string", ("abc"):upper(), ("%s=%d"):format("x", 1))
print("on ctor", ({n = 4, get = function(self) return self.n end}):get())

-- methods with varargs
local logger = {prefix = "log"}
function logger:log(...) return self.prefix .. ":" .. select("#", ...) .. ":" .. table.concat({...}, ",") end
print("varargs", logger:log(), logger:log("a", "b"))

-- methods looked up through __index functions
local dyn = setmetatable({}, {__index = function(t, k) return function(self, x) return k .. "(" .. x .. ")" end end})
print("dynamic", dyn:anything(1), dyn:other("z"))

-- calling a missing method reports it as a method
print("missing", pcall(function() return acc:withdraw(1) end))
local notcallable = {m = 42}
print("not callable", pcall(function() return notcallable:m() end))
-- method call on nil
local nothing
print("on nil", pcall(function() return nothing:m() end))

-- self is a normal parameter and can be reassigned
local o = {v = "o"}
function o:swap() self = {v = "other"}; return self.v end
print("self reassign", o:swap(), o.v)

-- inheritance through __index chains
local Base = {}
Base.__index = Base
function Base:name() return "base" end
function Base:describe() return "I am " .. self:name() end
local Derived = setmetatable({}, {__index = Base})
Derived.__index = Derived
function Derived:name() return "derived" end
local d = setmetatable({}, Derived)
print("inherit", d:describe(), setmetatable({}, Base):describe())

-- method definitions are sugar for adding a self parameter
local s = {}
function s:m(a, b) return self, a, b end
print("sugar", select("#", s.m()), s.m(1, 2, 3))
print("same", s:m(1) == s)
-- a call through a table with __call and method syntax
local holder
local callable = setmetatable({}, {__call = function(self, a) return "called with " .. (a == holder and "holder" or tostring(a)) end})
holder = {fn = callable}
print("__call method", holder:fn(), holder.fn(5))
