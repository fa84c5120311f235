--[[
  Extends the lease of a claim still being sent (before each attempt and each back-off), so a live
  sender is never taken over, and a dead one is within one lease.

  Input:
    KEYS[1] delivery key
    ARGV[1] lease, ms (from now)
    ARGV[2] key lifetime, s

  Output: 1 when renewed, 0 when the claim is no longer 'sending' (finished, or never claimed)
]]
local v = redis.call('GET', KEYS[1])
if not v or string.sub(v, 1, 8) ~= 'sending:' then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('SET', KEYS[1], 'sending:' .. (now + tonumber(ARGV[1])), 'EX', ARGV[2])
return 1
