--[[
  Claims the right to send one decision's message (request id + decision sequence).

  The value is 'sent' | 'done' (failed for good: dead-lettered or suppressed) | 'held' (parked until a
  provider's daily limit resets) | 'sending:<lease end, ms>'. A lease that ran out means its owner
  died mid-send (or stalled past it): the caller takes over and must ask the provider first.
  Time is Redis's own clock, so replicas with skewed clocks agree on leases.

  Input:
    KEYS[1] delivery key        <prefix>notify:dl:<request id>:<sequence>
    ARGV[1] lease, ms
    ARGV[2] key lifetime, s
    ARGV[3] 'consume' | 'release' (the hold sweeper may claim a held message)

  Output: { state, ms } with state 'claimed' | 'recovered' | 'busy' (ms = lease left) | 'sent' | 'done' | 'held'
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = 'sending:' .. (now + tonumber(ARGV[1]))
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], lease, 'EX', ARGV[2])
  return { 'claimed', 0 }
end
if v == 'sent' or v == 'done' then return { v, 0 } end
if v == 'held' then
  if ARGV[3] ~= 'release' then return { 'held', 0 } end
  redis.call('SET', KEYS[1], lease, 'EX', ARGV[2])
  return { 'claimed', 0 }
end
local ends = tonumber(string.sub(v, 9)) or 0
if ends > now then return { 'busy', ends - now } end
redis.call('SET', KEYS[1], lease, 'EX', ARGV[2])
return { 'recovered', 0 }
