-- state_after.lua — the second half of the Lua transfer workload, run in
-- the new process against the state state_before.lua built in the old one.

print("after:", #primes, primes[#primes], squares.k1999, config.name, config.tags[2])
print("counter:", bump(10), peek())
local next_fibs = {}
for i = 1, 5 do next_fibs[i] = fib() end
print("fib:", table.concat(next_fibs, " "))
print(coroutine.resume(producer, "q"))
print(coroutine.resume(producer, "r"))
print("strings:", joined:lower(), long_text:sub(2995, 3000), #long_text, ("x"):rep(3) .. words[4])
local sum = origin
for _, v in ipairs(path) do sum = sum + v:scale(2) end
print("vectors:", tostring(sum), #path[7], getmetatable(path[1]) == Vector)
table.sort(words)
print("sorted:", table.concat(words, ","))
local keys = {}
for k in pairs(squares) do keys[#keys + 1] = k end
table.sort(keys)
print("squares:", #keys, keys[1], keys[#keys], squares[keys[17]])
for i = 1, 20000 do local t = {i, tostring(i)} end
collectgarbage()
print("memo after gc:", collectgarbage("count") > 0)
print("done")
