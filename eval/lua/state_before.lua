-- state_before.lua — the first half of the Lua transfer workload: builds
-- state the second half (state_after.lua) uses after the interpreter has been
-- moved into a new process. Only globals carry over between the halves.
-- Deterministic: no time, no addresses, no iteration over hash order.

-- Tables: an array, a record, nested tables, a large hash part.
primes = {}
for n = 2, 400 do
  local prime = true
  for d = 2, math.floor(math.sqrt(n)) do
    if n % d == 0 then prime = false; break end
  end
  if prime then primes[#primes + 1] = n end
end
squares = {}
for i = 1, 2000 do squares["k" .. i] = i * i end
config = {name = "neurath", version = {major = 5, minor = 4}, tags = {"live", "update"}}

-- Closures with shared upvalues.
function make_counter(start)
  local count = start
  return function(step) count = count + (step or 1); return count end,
         function() return count end
end
bump, peek = make_counter(100)
bump(); bump(5)

-- Coroutines: a generator suspended in the middle of its loop.
fib = coroutine.wrap(function()
  local a, b = 0, 1
  while true do coroutine.yield(a); a, b = b, a + b end
end)
for _ = 1, 10 do fib() end
producer = coroutine.create(function(prefix)
  for i = 1, 1000 do prefix = coroutine.yield(prefix .. ":" .. i) end
end)
print(coroutine.resume(producer, "p"))

-- Strings: interned short strings, long strings, string building.
words = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do words[#words + 1] = w:upper() end
long_text = string.rep("abcdefghij", 300)
joined = table.concat(words, "-")

-- Metatables: an object with __index, __add, __tostring, __len.
Vector = {}
Vector.__index = Vector
function Vector.new(x, y) return setmetatable({x = x, y = y}, Vector) end
function Vector.__add(a, b) return Vector.new(a.x + b.x, a.y + b.y) end
function Vector.__tostring(v) return "(" .. v.x .. "," .. v.y .. ")" end
function Vector.__len(v) return math.abs(v.x) + math.abs(v.y) end
function Vector:scale(k) return Vector.new(self.x * k, self.y * k) end
origin = Vector.new(0, 0)
path = {}
for i = 1, 50 do path[i] = Vector.new(i, -i) end
memo = setmetatable({}, {__mode = "k"})

-- Garbage: many short-lived tables, then a full collection.
for i = 1, 20000 do local t = {i, tostring(i)}; if i % 5000 == 0 then memo[t] = i end end
collectgarbage()

print("before:", #primes, squares.k1000, config.version.major, peek(), fib(), joined, #long_text, tostring(path[7]))
