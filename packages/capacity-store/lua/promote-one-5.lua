--[[
  Staff take one queued request on now: it leaves its waiting list and is accepted on the given day in
  its list's share (clinical → routine, admin → admin). When that share is full it is still accepted,
  counted as overbooked (over:<share>), so the day's figures stay honest. Pushed to the outbox until
  announced, as promote-4.lua does.

  Input:
    KEYS[1] decision record       sluice:{ods}:dec:<id>  (see includes/decision-record.lua)
    KEYS[2] clinical waiting list
    KEYS[3] admin waiting list
    KEYS[4] outbox list
    KEYS[5] day hash              sluice:{ods}:day:<day>
    ARGV[1] day
    ARGV[2] default limits        'routine,urgent,admin', used only if the day has none yet
    ARGV[3] retention seconds
    ARGV[4] request id            (its waiting-list member is '<ticket>:<id>')

  Output: '' when the request is not queued, else the record as it now is.
]]
--- @include "decision-record"
--- @include "practice-day"

local recordKey, clinicalKey, adminKey, outboxKey, dayKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local day, defaultLimits, retention, id = ARGV[1], ARGV[2], ARGV[3], ARGV[4]

local record = redis.call('GET', recordKey)
if not record then return '' end
local outcome, _, _, destination, _, sequence, _, list, ticket, payload = readRecord(record)
if outcome ~= 'queued' then return '' end
redis.call('ZREM', waitingListKey(list, clinicalKey, adminKey), ticket .. ':' .. id)
openDay(dayKey, defaultLimits, retention)
local share = list == 'admin' and 'admin' or 'routine'
local limit = tonumber(redis.call('HGET', dayKey, 'limit:' .. share) or '0')
local used = tonumber(redis.call('HGET', dayKey, 'used:' .. share) or '0')
local overbooked = '0'
redis.call('HINCRBY', dayKey, 'used:' .. share, 1)
if used >= limit then
  overbooked = '1'
  redis.call('HINCRBY', dayKey, 'over:' .. share, 1)
end
local after = promotedRecord(share, destination, overbooked, tonumber(sequence) + 1, day, payload)
redis.call('SET', recordKey, after, 'EX', retention)
redis.call('RPUSH', outboxKey, id)
return after
