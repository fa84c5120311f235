--[[
  Cancels a request: frees its reservation (accepted) or takes it off its waiting list (queued).

  Input:
    KEYS[1] decision record       sluice:{ods}:dec:<id>  (packed string, see decide-n.lua)
    KEYS[2] clinical waiting list
    KEYS[3] admin waiting list
    ARGV[1] day key prefix        sluice:{ods}:day:  (same hash slot)
    ARGV[2] request id            (its waiting-list member is '<qm>:<id>')

  Output: '' when there is nothing to cancel, else the record as it now is (outcome cancelled,
          sequence + 1, payload kept so the cancellation can be announced).
]]
local rec = redis.call('GET', KEYS[1])
if not rec then return '' end
local outcome, _, share, destination, overbooked, seq, day, list, qm, payload =
  string.match(rec, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|(.*)$')
if outcome == 'cancelled' or outcome == 'redirected' then return '' end
if outcome == 'accepted' and share ~= '' then
  local dayKey = ARGV[1] .. day
  if tonumber(redis.call('HGET', dayKey, 'used:' .. share) or '0') > 0 then
    redis.call('HINCRBY', dayKey, 'used:' .. share, -1)
  end
  if overbooked == '1' and tonumber(redis.call('HGET', dayKey, 'over:' .. share) or '0') > 0 then
    redis.call('HINCRBY', dayKey, 'over:' .. share, -1)
  end
end
if outcome == 'queued' then
  redis.call('ZREM', list == 'admin' and KEYS[3] or KEYS[2], qm .. ':' .. ARGV[2])
end
local after = 'cancelled|cancelled|' .. share .. '|' .. destination .. '|' .. overbooked .. '|' .. (tonumber(seq) + 1) .. '|' .. day .. '|||' .. payload
redis.call('SET', KEYS[1], after, 'KEEPTTL')
return after
