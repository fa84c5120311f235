--[[
  Staff take one queued request on now: it leaves its waiting list and is accepted on the given day in
  its list's share (clinical → routine, admin → admin). When that share is full it is still accepted,
  counted as overbooked (over:<share>), so the day's figures stay honest. Pushed to the outbox until
  announced, as promote-4.lua does.

  Input:
    KEYS[1] decision record       sluice:{ods}:dec:<id>  (packed string, see decide-n.lua)
    KEYS[2] clinical waiting list
    KEYS[3] admin waiting list
    KEYS[4] outbox list
    KEYS[5] day hash              sluice:{ods}:day:<day>
    ARGV[1] day
    ARGV[2] default limits        'routine,urgent,admin', used only if the day has none yet
    ARGV[3] retention seconds
    ARGV[4] request id            (its waiting-list member is '<qm>:<id>')

  Output: '' when the request is not queued, else the record as it now is.
]]
local rec = redis.call('GET', KEYS[1])
if not rec then return '' end
local outcome, _, _, destination, _, seq, _, list, qm, payload =
  string.match(rec, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|(.*)$')
if outcome ~= 'queued' then return '' end
redis.call('ZREM', list == 'admin' and KEYS[3] or KEYS[2], qm .. ':' .. ARGV[4])
if redis.call('HEXISTS', KEYS[5], 'limit:routine') == 0 then
  local r, u, a = string.match(ARGV[2], '^([^,]*),([^,]*),([^,]*)$')
  redis.call('HSET', KEYS[5], 'limit:routine', r, 'limit:urgent', u, 'limit:admin', a)
end
redis.call('EXPIRE', KEYS[5], ARGV[3])
local share = list == 'admin' and 'admin' or 'routine'
local limit = tonumber(redis.call('HGET', KEYS[5], 'limit:' .. share) or '0')
local used = tonumber(redis.call('HGET', KEYS[5], 'used:' .. share) or '0')
local overbooked = '0'
redis.call('HINCRBY', KEYS[5], 'used:' .. share, 1)
if used >= limit then
  overbooked = '1'
  redis.call('HINCRBY', KEYS[5], 'over:' .. share, 1)
end
local after = 'accepted|promoted|' .. share .. '|' .. destination .. '|' .. overbooked .. '|' .. (tonumber(seq) + 1) .. '|' .. ARGV[1] .. '|||' .. payload
redis.call('SET', KEYS[1], after, 'EX', ARGV[3])
redis.call('RPUSH', KEYS[4], ARGV[4])
return after
