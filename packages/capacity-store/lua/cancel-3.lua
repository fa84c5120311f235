--[[
  Cancels a request: frees its reservation (accepted) or takes it off its waiting list (queued).

  Input:
    KEYS[1] request hash          sluice:{ods}:req:<id>
    KEYS[2] clinical waiting list
    KEYS[3] admin waiting list
    ARGV[1] day key prefix        sluice:{ods}:day:  (same hash slot)
    ARGV[2] request id (its waiting-list member is read from the request hash)

  Output: {} when there is nothing to cancel, else { outcomeBefore, day, share, sequence }
]]
local r = redis.call('HMGET', KEYS[1], 'outcome', 'day', 'share', 'overbooked', 'list', 'qm')
local outcome = r[1]
if not outcome or outcome == 'cancelled' or outcome == 'redirected' then return {} end
if outcome == 'accepted' and r[3] and r[3] ~= '' then
  local day = ARGV[1] .. r[2]
  if tonumber(redis.call('HGET', day, 'used:' .. r[3]) or '0') > 0 then
    redis.call('HINCRBY', day, 'used:' .. r[3], -1)
  end
  if r[4] == '1' and tonumber(redis.call('HGET', day, 'over:' .. r[3]) or '0') > 0 then
    redis.call('HINCRBY', day, 'over:' .. r[3], -1)
  end
end
if outcome == 'queued' then
  if r[5] == 'admin' then redis.call('ZREM', KEYS[3], r[6]) else redis.call('ZREM', KEYS[2], r[6]) end
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], 'outcome', 'cancelled', 'reason', 'cancelled', 'list', '', 'qm', '')
return { outcome, r[2], r[3] or '', seq }
