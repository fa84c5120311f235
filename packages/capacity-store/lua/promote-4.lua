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

  Output: flat list { id, sequence, share, payload, ... }

  A member whose record is gone (expired) is dropped.
]]
--- @include "decision-record"
--- @include "practice-day"

local dayKey, clinicalKey, adminKey, outboxKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local day, defaultLimits, max, retention, recordPrefix = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]

openDay(dayKey, defaultLimits, retention)
local out = {}
local count = 0
for _, pair in ipairs({ { clinicalKey, 'routine' }, { adminKey, 'admin' } }) do
  local listKey, share = pair[1], pair[2]
  local limit = tonumber(redis.call('HGET', dayKey, 'limit:' .. share) or '0')
  local used = tonumber(redis.call('HGET', dayKey, 'used:' .. share) or '0')
  while count < max and used < limit do
    local head = redis.call('ZPOPMIN', listKey)
    if #head == 0 then break end
    local id = string.match(head[1], '^%d+:(.+)$') or head[1]
    local key = recordPrefix .. id
    local record = redis.call('GET', key)
    if record then
      local _, _, _, destination, overbooked, sequence, _, _, _, payload = readRecord(record)
      sequence = tonumber(sequence) + 1
      used = used + 1
      redis.call('HINCRBY', dayKey, 'used:' .. share, 1)
      redis.call('SET', key, promotedRecord(share, destination, overbooked, sequence, day, payload), 'EX', retention)
      redis.call('RPUSH', outboxKey, id)
      out[#out + 1] = id
      out[#out + 1] = sequence
      out[#out + 1] = share
      out[#out + 1] = payload
      count = count + 1
    end
  end
end
return out
