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
    ARGV[2] default limits        'routine,urgent,admin', used only if the day has none yet
    ARGV[3] most promotions in this call
    ARGV[4] retention seconds
    ARGV[5] record key prefix     sluice:{ods}:dec:  (same hash slot as every key above)
    ARGV[6] legacy key prefix     sluice:{ods}:req:  (script v3's hashes, see below)

  Output: flat list { id, sequence, share, payload, ... }

  Records are packed strings (see decide-n.lua). A member whose record is gone (expired) is dropped. One
  queued before the records were packed (a v3 hash, until retention ends) is promoted from its hash, so an
  upgrade loses no one from a waiting list (docs/decisions/0009-packed-decision-records.md).
]]
if redis.call('HEXISTS', KEYS[1], 'limit:routine') == 0 then
  local r, u, a = string.match(ARGV[2], '^([^,]*),([^,]*),([^,]*)$')
  redis.call('HSET', KEYS[1], 'limit:routine', r, 'limit:urgent', u, 'limit:admin', a)
end
redis.call('EXPIRE', KEYS[1], ARGV[4])
local max = tonumber(ARGV[3])
local out = {}
local count = 0
for _, pair in ipairs({ { KEYS[2], 'routine' }, { KEYS[3], 'admin' } }) do
  local list, share = pair[1], pair[2]
  local limit = tonumber(redis.call('HGET', KEYS[1], 'limit:' .. share) or '0')
  local used = tonumber(redis.call('HGET', KEYS[1], 'used:' .. share) or '0')
  while count < max and used < limit do
    local head = redis.call('ZPOPMIN', list)
    if #head == 0 then break end
    local id = string.match(head[1], '^%d+:(.+)$') or head[1]
    local key = ARGV[5] .. id
    local destination, overbooked, seq, payload
    local rec = redis.call('GET', key)
    if rec then
      destination, overbooked, seq, payload = string.match(rec, '^[^|]*|[^|]*|[^|]*|([^|]*)|([^|]*)|([^|]*)|[^|]*|[^|]*|[^|]*|(.*)$')
    else
      local legacy = redis.call('HMGET', ARGV[6] .. id, 'seq', 'payload')
      if legacy[1] then
        destination, overbooked, seq, payload = '', '0', legacy[1], legacy[2] or ''
        redis.call('DEL', ARGV[6] .. id)
      end
    end
    if seq then
      seq = tonumber(seq) + 1
      used = used + 1
      redis.call('HINCRBY', KEYS[1], 'used:' .. share, 1)
      redis.call('SET', key, 'accepted|promoted|' .. share .. '|' .. destination .. '|' .. overbooked .. '|' .. seq .. '|' .. ARGV[1] .. '|||' .. payload, 'EX', ARGV[4])
      redis.call('RPUSH', KEYS[4], id)
      out[#out + 1] = id
      out[#out + 1] = seq
      out[#out + 1] = share
      out[#out + 1] = payload
      count = count + 1
    end
  end
end
return out
