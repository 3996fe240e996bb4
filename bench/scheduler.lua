-- scheduler.lua: a small cooperative "operating system" written in an
-- object-oriented style. Processes (producer, router, three kinds of
-- worker, collector, idle ticker) are objects of a class hierarchy built
-- with metatables; they exchange message objects through per-process
-- inboxes, and a priority scheduler repeatedly picks the highest-priority
-- ready process and calls its polymorphic step() method.
-- Measures: method calls through __index chains, polymorphic dispatch,
-- field access, small-object allocation.
-- Usage: scheduler.lua [jobs]   (default 270000)

local jobs = tonumber(arg and arg[1]) or 270000
local P = 1000003

local function class(parent)
  local c = {}
  c.__index = c
  if parent then
    setmetatable(c, { __index = parent })
  end
  function c.new(...)
    local o = setmetatable({}, c)
    o:init(...)
    return o
  end
  return c
end

local seed = 2024
local function rand(m)
  seed = seed * 16807 % 2147483647
  return seed % m
end

---------------------------------------------------------------- messages
local Message = class()
function Message:init(kind, value, sender)
  self.kind = kind
  self.value = value
  self.sender = sender
  self.next = nil
end

---------------------------------------------------------------- processes
local Process = class()
function Process:init(sched, name, priority)
  self.sched = sched
  self.name = name
  self.priority = priority
  self.head = nil
  self.tail = nil
  self.ready = true
  self.steps = 0
  sched:add(self)
end

function Process:deliver(msg)
  msg.next = nil
  if self.tail then
    self.tail.next = msg
  else
    self.head = msg
  end
  self.tail = msg
  if not self.ready then
    self.ready = true
    self.sched.wakeups = self.sched.wakeups + 1
  end
end

function Process:receive()
  local msg = self.head
  if msg then
    self.head = msg.next
    if not self.head then
      self.tail = nil
    end
  end
  return msg
end

function Process:has_mail()
  return self.head ~= nil
end

function Process:wait()
  self.ready = false
end

function Process:run()
  self.steps = self.steps + 1
  self:step()
end

function Process:step()
  error("abstract step() called on " .. self.name)
end

-- Producer: each wake-up message lets it emit a burst of jobs, until its
-- quota is used up.
local Producer = class(Process)
function Producer:init(sched, priority, quota, router)
  Process.init(self, sched, "producer", priority)
  self.quota = quota
  self.router = router
end

function Producer:step()
  local wake = self:receive()
  if not wake or self.quota == 0 then
    return self:wait()
  end
  local burst = rand(4) + 1 + wake.value % 2
  while burst > 0 and self.quota > 0 do
    self.router:deliver(Message.new("job", rand(P), self))
    self.quota = self.quota - 1
    burst = burst - 1
  end
end

-- Router: forwards each job to a worker chosen from the job's value.
local Router = class(Process)
function Router:init(sched, priority)
  Process.init(self, sched, "router", priority)
  self.workers = {}
  self.routed = 0
end

function Router:attach(worker)
  self.workers[#self.workers + 1] = worker
end

function Router:step()
  local msg = self:receive()
  if not msg then
    return self:wait()
  end
  local ws = self.workers
  local w = ws[msg.value % #ws + 1]
  self.routed = self.routed + 1
  w:deliver(msg)
end

-- Worker: abstract; subclasses provide compute().
local Worker = class(Process)
function Worker:init(sched, name, priority, collector)
  Process.init(self, sched, name, priority)
  self.collector = collector
  self.done = 0
end

function Worker:step()
  local msg = self:receive()
  if not msg then
    return self:wait()
  end
  local result = self:compute(msg.value)
  self.done = self.done + 1
  msg.kind = "result"
  msg.value = result
  msg.sender = self
  self.collector:deliver(msg)
end

local HashWorker = class(Worker)
function HashWorker:compute(v)
  local h = v
  for i = 1, 24 do
    h = (h * 33 + i) % P
  end
  return h
end

local WindowWorker = class(Worker)
function WindowWorker:init(sched, name, priority, collector)
  Worker.init(self, sched, name, priority, collector)
  self.window = { 0, 0, 0, 0, 0, 0, 0, 0 }
  self.pos = 1
end

function WindowWorker:compute(v)
  local w = self.window
  w[self.pos] = v
  self.pos = self.pos % #w + 1
  local s = 0
  for i = 1, #w do
    s = s + w[i] * i
  end
  return s % P
end

local MedianWorker = class(Worker)
function MedianWorker:init(sched, name, priority, collector)
  Worker.init(self, sched, name, priority, collector)
  self.recent = {}
end

function MedianWorker:compute(v)
  local r = self.recent
  if #r == 7 then
    table.remove(r, 1)
  end
  r[#r + 1] = v
  -- insertion sort into a scratch copy
  local s = {}
  for i = 1, #r do
    local x = r[i]
    local j = i - 1
    while j >= 1 and s[j] > x do
      s[j + 1] = s[j]
      j = j - 1
    end
    s[j + 1] = x
  end
  return s[math.floor((#s + 1) / 2)]
end

-- Collector: folds results into a digest and stops the system at the end.
local Collector = class(Process)
function Collector:init(sched, priority, expected)
  Process.init(self, sched, "collector", priority)
  self.expected = expected
  self.count = 0
  self.digest = 0
  self.per_worker = {}
end

function Collector:step()
  local msg = self:receive()
  if not msg then
    return self:wait()
  end
  self.count = self.count + 1
  self.digest = (self.digest * 31 + msg.value) % P
  local name = msg.sender.name
  self.per_worker[name] = (self.per_worker[name] or 0) + 1
  if self.count == self.expected then
    self.sched:stop()
  end
end

-- Ticker: the idle process; always ready, lowest priority. Whenever it
-- gets to run, everything else is blocked, so it wakes the producer.
local Ticker = class(Process)
function Ticker:init(sched, priority, target)
  Process.init(self, sched, "ticker", priority)
  self.target = target
  self.ticks = 0
end

function Ticker:step()
  self.ticks = self.ticks + 1
  self.target:deliver(Message.new("tick", self.ticks, self))
end

---------------------------------------------------------------- scheduler
local Scheduler = class()
function Scheduler:init()
  self.procs = {} -- kept sorted by descending priority
  self.running = false
  self.switches = 0
  self.wakeups = 0
end

function Scheduler:add(p)
  local procs = self.procs
  local i = #procs + 1
  while i > 1 and procs[i - 1].priority < p.priority do
    procs[i] = procs[i - 1]
    i = i - 1
  end
  procs[i] = p
end

function Scheduler:stop()
  self.running = false
end

function Scheduler:pick()
  local procs = self.procs
  for i = 1, #procs do
    local p = procs[i]
    if p.ready then
      return p
    end
  end
  return nil
end

function Scheduler:run()
  self.running = true
  local last = nil
  while self.running do
    local p = self:pick()
    if not p then
      break
    end
    if p ~= last then
      self.switches = self.switches + 1
      last = p
    end
    p:run()
  end
end

---------------------------------------------------------------- main
local sched = Scheduler.new()
local collector = Collector.new(sched, 50, jobs)
local router = Router.new(sched, 20)
router:attach(HashWorker.new(sched, "hash", 40, collector))
router:attach(WindowWorker.new(sched, "window", 35, collector))
router:attach(MedianWorker.new(sched, "median", 30, collector))
router:attach(HashWorker.new(sched, "hash2", 25, collector))
local producer = Producer.new(sched, 10, jobs, router)
local ticker = Ticker.new(sched, 1, producer)
sched:run()

print(string.format("jobs %d, collected %d, routed %d", jobs, collector.count, router.routed))
for _, p in ipairs(sched.procs) do
  print(string.format("  %-9s priority %2d steps %d", p.name, p.priority, p.steps))
end
local names = { "hash", "window", "median", "hash2" }
for _, name in ipairs(names) do
  print(string.format("  results from %-6s %d", name, collector.per_worker[name] or 0))
end
print(string.format("switches %d wakeups %d ticks %d", sched.switches, sched.wakeups, ticker.ticks))
print(string.format("producer quota left %d", producer.quota))
print(string.format("checksum %d", collector.digest))
