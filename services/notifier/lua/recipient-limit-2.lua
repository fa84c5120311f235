--[[
  Per-recipient limits, as carriers apply them: at most N identical and M messages of any kind to
  one number in a rolling window. Keys are built from a keyed hash of the number, never the number,
  and share a hash tag so the script touches one Redis Cluster slot.

  Input:
    KEYS[1] any-message log      <prefix>{r:<hash>}:any       (sorted set: member = reference, score = ms)
    KEYS[2] identical log        <prefix>{r:<hash>}:same:<content hash>
    ARGV[1] window, ms
    ARGV[2] most of any kind
    ARGV[3] most identical
    ARGV[4] this message's reference (a retry of the same message is not counted twice)

  Output: { 1, 0 } when allowed (and recorded), { -1, ms } over the identical limit, { -2, ms } over the any limit
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local from = now - window
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', from)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', from)
local seen = redis.call('ZSCORE', KEYS[1], ARGV[4])
if not seen then
  if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    return { -1, tonumber(oldest[2]) + window - now }
  end
  if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    return { -2, tonumber(oldest[2]) + window - now }
  end
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('ZADD', KEYS[2], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
redis.call('PEXPIRE', KEYS[2], window)
return { 1, 0 }
