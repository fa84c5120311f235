--[[
  Cancels a request: frees its reservation (accepted) or takes it off its waiting list (queued).

  Input:
    KEYS[1] decision record       sluice:{ods}:dec:<id>  (see includes/decision-record.lua)
    KEYS[2] clinical waiting list
    KEYS[3] admin waiting list
    ARGV[1] day key prefix        sluice:{ods}:day:  (same hash slot)
    ARGV[2] request id            (its waiting-list member is '<ticket>:<id>')

  Output: '' when there is nothing to cancel, else the record as it now is (outcome cancelled,
          sequence + 1, payload kept so the cancellation can be announced).
]]
--- @include "decision-record"

local recordKey, clinicalKey, adminKey = KEYS[1], KEYS[2], KEYS[3]
local dayPrefix, id = ARGV[1], ARGV[2]

local record = redis.call('GET', recordKey)
if not record then return '' end
local outcome, _, share, destination, overbooked, sequence, day, list, ticket, payload = readRecord(record)
if outcome == 'cancelled' or outcome == 'redirected' then return '' end
if outcome == 'accepted' and share ~= '' then
  local dayKey = dayPrefix .. day
  if tonumber(redis.call('HGET', dayKey, 'used:' .. share) or '0') > 0 then
    redis.call('HINCRBY', dayKey, 'used:' .. share, -1)
  end
  if overbooked == '1' and tonumber(redis.call('HGET', dayKey, 'over:' .. share) or '0') > 0 then
    redis.call('HINCRBY', dayKey, 'over:' .. share, -1)
  end
end
if outcome == 'queued' then
  redis.call('ZREM', waitingListKey(list, clinicalKey, adminKey), ticket .. ':' .. id)
end
local head = recordHead('cancelled', 'cancelled', share, destination, overbooked, tonumber(sequence) + 1, day, '')
local after = packRecord(head, '', payload)
redis.call('SET', recordKey, after, 'KEEPTTL')
return after
