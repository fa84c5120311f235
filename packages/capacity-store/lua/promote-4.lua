--[[
  Moves queued requests into a day's free capacity, in (priority, arrival) order: the clinical list
  into the routine share, the admin list into the admin allowance. Each promotion bumps the request's
  decision sequence and is pushed to the outbox until it has been announced (ackOutbox).

  Input:
    KEYS[1] day hash              sluice:{ods}:day:<day>
    KEYS[2] clinical waiting list sluice:{ods}:wait:clinical
    KEYS[3] admin waiting list    sluice:{ods}:wait:admin
    KEYS[4] outbox list           sluice:{ods}:outbox
    ARGV[1] day
    ARGV[2] default limits (JSON), used only if the day has none yet
    ARGV[3] most promotions in this call
    ARGV[4] retention seconds
    ARGV[5] request key prefix    sluice:{ods}:req:  (same hash slot as every key above)

  Output: flat list { id, sequence, share, payload, ... }
]]
if redis.call('HEXISTS', KEYS[1], 'limit:routine') == 0 then
  local d = cjson.decode(ARGV[2])
  redis.call('HSET', KEYS[1], 'limit:routine', d.routine, 'limit:urgent', d.urgent, 'limit:admin', d.admin)
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
local max = tonumber(ARGV[3])
local out = {}
local count = 0
local pairs_ = { { KEYS[2], 'routine' }, { KEYS[3], 'admin' } }
for _, pair in ipairs(pairs_) do
  local list, share = pair[1], pair[2]
  local limit = tonumber(redis.call('HGET', KEYS[1], 'limit:' .. share) or '0')
  while count < max and tonumber(redis.call('HGET', KEYS[1], 'used:' .. share) or '0') < limit do
    local head = redis.call('ZPOPMIN', list)
    if #head == 0 then break end
    local id = string.match(head[1], '^%d+:(.+)$') or head[1]
    local key = ARGV[5] .. id
    if redis.call('EXISTS', key) == 1 then
      redis.call('HINCRBY', KEYS[1], 'used:' .. share, 1)
      local seq = redis.call('HINCRBY', key, 'seq', 1)
      redis.call('HSET', key, 'outcome', 'accepted', 'reason', 'promoted', 'share', share, 'day', ARGV[1], 'list', '', 'qm', '')
      redis.call('EXPIRE', key, tonumber(ARGV[4]))
      redis.call('RPUSH', KEYS[4], id)
      local payload = redis.call('HGET', key, 'payload') or ''
      out[#out + 1] = id
      out[#out + 1] = seq
      out[#out + 1] = share
      out[#out + 1] = payload
      count = count + 1
    end
  end
end
return out
