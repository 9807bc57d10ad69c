-- gc_heavy.lua — an allocation-heavy Lua workload for the overhead benchmark
-- (eval/bench/run_benchmarks.py): short-lived tables, strings and closures
-- by the hundred thousand, growing and shrinking tables, a few long-lived
-- structures the collector keeps traversing. Prints a checksum, so plain and
-- instrumented runs can be compared. Argument: rounds (default 200000).
local rounds = tonumber(arg and arg[1]) or 200000
local live = {}
local checksum = 0
for i = 1, rounds do
  local t = {i, i * 2, name = "n" .. (i % 997), f = function(x) return x + i end}
  checksum = (checksum + t.f(t[2]) + #t.name) % 1000000007
  if i % 100 == 0 then
    live[#live + 1] = t
    if #live > 500 then
      for j = 1, 250 do table.remove(live, 1) end
    end
  end
  if i % 1000 == 0 then
    local parts = {}
    for j = 1, 50 do parts[j] = string.format("%d:%d", i, j) end
    checksum = (checksum + #table.concat(parts, ",")) % 1000000007
  end
end
print("gc_heavy", rounds, checksum, #live)
