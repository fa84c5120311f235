--[[
  Token bucket shared by every notifier replica: one bucket per provider API key.

  Refill is continuous. With burst B and a refill of (L - B) per window, no window of that length
  ever sees more than L sends, which is how Notify counts (3,000 a rolling minute per key).
  Time is Redis's own clock.

  Input:
    KEYS[1] bucket hash         <prefix>notify:bucket:<name>
    ARGV[1] burst (bucket size)
    ARGV[2] refill per window
    ARGV[3] window, ms
    ARGV[4] tokens wanted

  Output: { 1, 0 } when taken, { 0, ms to wait } when not
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2]) / tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
if now > at then tokens = math.min(burst, tokens + (now - at) * perMs) end
local ttl = math.ceil(burst / perMs) + 1000
if tokens >= cost then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - cost), 'at', now)
  redis.call('PEXPIRE', KEYS[1], ttl)
  return { 1, 0 }
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], ttl)
return { 0, math.ceil((cost - tokens) / perMs) }
