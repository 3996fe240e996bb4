-- nbody.lua: gravitational n-body simulation (made-up star system,
-- G = 1 units) advanced with a symplectic Euler integrator.
-- Measures: float arithmetic, sqrt, field access on small tables.
-- Usage: nbody.lua [steps]   (default 400000)

local steps = tonumber(arg and arg[1]) or 400000
local sqrt = math.sqrt

local function body(x, y, z, vx, vy, vz, mass)
  return { x = x, y = y, z = z, vx = vx, vy = vy, vz = vz, mass = mass }
end

-- A heavy star plus five planets on roughly circular, slightly inclined
-- orbits (speed ~ sqrt(M / r)).
local bodies = {
  body(0, 0, 0, 0, 0, 0, 1000.0),
  body(4.0, 0, 0.05, 0, 15.8, 0.1, 0.02),
  body(0, -7.5, -0.1, 11.5, 0, 0.0, 0.5),
  body(-12.0, 0.5, 0.2, 0.3, -9.1, -0.05, 1.3),
  body(0.4, 19.0, 0.0, -7.2, 0.1, 0.02, 0.9),
  body(27.0, -3.0, -0.4, 0.8, 6.0, 0.0, 0.07),
}
local nb = #bodies

-- Shift the star so that the total momentum is zero.
do
  local px, py, pz = 0.0, 0.0, 0.0
  for i = 1, nb do
    local b = bodies[i]
    px = px + b.vx * b.mass
    py = py + b.vy * b.mass
    pz = pz + b.vz * b.mass
  end
  local star = bodies[1]
  star.vx = -px / star.mass
  star.vy = -py / star.mass
  star.vz = -pz / star.mass
end

local function energy()
  local e = 0.0
  for i = 1, nb do
    local bi = bodies[i]
    e = e + 0.5 * bi.mass * (bi.vx * bi.vx + bi.vy * bi.vy + bi.vz * bi.vz)
    for j = i + 1, nb do
      local bj = bodies[j]
      local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
      e = e - bi.mass * bj.mass / sqrt(dx * dx + dy * dy + dz * dz)
    end
  end
  return e
end

local function advance(dt)
  for i = 1, nb do
    local bi = bodies[i]
    local bix, biy, biz, bim = bi.x, bi.y, bi.z, bi.mass
    local vx, vy, vz = bi.vx, bi.vy, bi.vz
    for j = i + 1, nb do
      local bj = bodies[j]
      local dx, dy, dz = bix - bj.x, biy - bj.y, biz - bj.z
      local d2 = dx * dx + dy * dy + dz * dz
      local mag = dt / (d2 * sqrt(d2))
      local bjm = bj.mass * mag
      vx = vx - dx * bjm
      vy = vy - dy * bjm
      vz = vz - dz * bjm
      bjm = bim * mag
      bj.vx = bj.vx + dx * bjm
      bj.vy = bj.vy + dy * bjm
      bj.vz = bj.vz + dz * bjm
    end
    bi.vx, bi.vy, bi.vz = vx, vy, vz
    bi.x = bix + dt * vx
    bi.y = biy + dt * vy
    bi.z = biz + dt * vz
  end
end

local e0 = energy()
for _ = 1, steps do
  advance(0.0001)
end
local e1 = energy()

print(string.format("energy before %.9f", e0))
print(string.format("energy after  %.9f", e1))
local s = bodies[2]
print(string.format("checksum %.6f", s.x + s.y + s.z))
