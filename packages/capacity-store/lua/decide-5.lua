--[[
  Decides one request, atomically and idempotently on its id.

  Input:
    KEYS[1] request hash          sluice:{ods}:req:<id>
    KEYS[2] day hash              sluice:{ods}:day:<day>
    KEYS[3] clinical waiting list sluice:{ods}:wait:clinical   (sorted set: priority*1e13 + arrival ms)
    KEYS[4] admin waiting list    sluice:{ods}:wait:admin
    KEYS[5] arrival counter       sluice:{ods}:wait:seq  (breaks ties between same-millisecond arrivals)
    ARGV[1] plan (JSON)           {type, day, shares?, acceptedReason?, onFull?, destination?, reasonCode?, list?, priority?}
    ARGV[2] default limits (JSON) {routine, urgent, admin}: used only if the day has none yet
    ARGV[3] arrival ms
    ARGV[4] payload               kept with the request (for its retention) to announce later changes
    ARGV[5] retention seconds     for the request and day keys

  Output: { duplicate(0|1), outcome, reasonCode, share, destination, overbooked(0|1), sequence, position, day, list }
          ('' where a field does not apply)

  A waiting-list member is '<16-digit arrival counter>:<request id>': equal scores (same priority, same
  millisecond) sort by member, so by the order the requests were decided, never by their random ids.
]]
local function listKey(list)
  if list == 'admin' then return KEYS[4] end
  return KEYS[3]
end

local existing = redis.call('HMGET', KEYS[1], 'outcome', 'reason', 'share', 'destination', 'overbooked', 'seq', 'day', 'list')
if existing[1] then
  local position = ''
  if existing[1] == 'queued' then
    local rank = redis.call('ZRANK', listKey(existing[8]), redis.call('HGET', KEYS[1], 'qm'))
    if rank then position = rank + 1 end
  end
  return { 1, existing[1], existing[2], existing[3] or '', existing[4] or '', existing[5] or '0', existing[6], position, existing[7], existing[8] or '' }
end

local plan = cjson.decode(ARGV[1])
local retention = tonumber(ARGV[5])
local outcome, reason, share, destination, overbooked, position, list = '', '', '', '', 0, '', ''

local member = ''
local function queue(l, priority, code)
  local key = listKey(l)
  local id = string.match(KEYS[1], ':req:(.+)$')
  member = string.format('%016d', redis.call('INCR', KEYS[5])) .. ':' .. id
  redis.call('ZADD', key, priority * 1e13 + tonumber(ARGV[3]), member)
  position = redis.call('ZRANK', key, member) + 1
  outcome, reason, list = 'queued', code, l
end

if plan.type == 'redirect' then
  outcome, reason, destination = 'redirected', plan.reasonCode, plan.destination
elseif plan.type == 'queue' then
  queue(plan.list, plan.priority, plan.reasonCode)
else
  if redis.call('HEXISTS', KEYS[2], 'limit:routine') == 0 then
    local d = cjson.decode(ARGV[2])
    redis.call('HSET', KEYS[2], 'limit:routine', d.routine, 'limit:urgent', d.urgent, 'limit:admin', d.admin)
  end
  for _, s in ipairs(plan.shares) do
    local limit = tonumber(redis.call('HGET', KEYS[2], 'limit:' .. s) or '0')
    local used = tonumber(redis.call('HGET', KEYS[2], 'used:' .. s) or '0')
    if used < limit then
      redis.call('HINCRBY', KEYS[2], 'used:' .. s, 1)
      outcome, reason, share = 'accepted', plan.acceptedReason, s
      break
    end
  end
  if outcome == '' then
    local f = plan.onFull
    if f.type == 'queue' then
      queue(f.list, f.priority, f.reasonCode)
    elseif f.type == 'redirect' then
      outcome, reason, destination = 'redirected', f.reasonCode, f.destination
    else
      redis.call('HINCRBY', KEYS[2], 'used:' .. f.share, 1)
      redis.call('HINCRBY', KEYS[2], 'over:' .. f.share, 1)
      outcome, reason, share, overbooked = 'accepted', f.reasonCode, f.share, 1
    end
  end
  redis.call('EXPIRE', KEYS[2], retention)
end

local id = string.match(KEYS[1], ':req:(.+)$')
redis.call('HSET', KEYS[1], 'id', id, 'outcome', outcome, 'reason', reason, 'share', share, 'destination', destination,
  'overbooked', overbooked, 'seq', 1, 'day', plan.day, 'list', list, 'arrival', ARGV[3], 'qm', member)
redis.call('HSET', KEYS[1], 'payload', ARGV[4])
redis.call('EXPIRE', KEYS[1], retention)
return { 0, outcome, reason, share, destination, overbooked, 1, position, plan.day, list }
