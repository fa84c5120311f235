--[[
  Takes held messages whose hold has ended, leasing each (its score moves to now + lease) instead of
  removing it: a sweeper that dies mid-send leaves them to the next sweep, and the delivery ledger
  stops a second send. Removed only once delivered (or failed for good).

  Input:
    KEYS[1] due set               <prefix>{notify}:held        (member = reference, score = due ms)
    KEYS[2] messages              <prefix>{notify}:held:msg    (hash: reference -> JSON)
    ARGV[1] now, ms (the caller's: a hold ends at midnight UTC by the clock the provider keeps)
    ARGV[2] most to take
    ARGV[3] lease, ms

  Output: flat list { reference, json, reference, json, ... }
]]
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, ref in ipairs(due) do
  local json = redis.call('HGET', KEYS[2], ref)
  if json then
    redis.call('ZADD', KEYS[1], 'XX', tonumber(ARGV[1]) + tonumber(ARGV[3]), ref)
    out[#out + 1] = ref
    out[#out + 1] = json
  else
    redis.call('ZREM', KEYS[1], ref)
  end
end
return out
