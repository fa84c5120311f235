--[[
  Decides one request, atomically and idempotently on its id.

  The plan arrives as flat arguments, not JSON: this script runs once per request on the hot path,
  and decoding JSON plus one HGET per share cost more than the decision itself (docs/performance.md).

  Input:
    KEYS[1] request hash          sluice:{ods}:req:<id>
    KEYS[2] day hash              sluice:{ods}:day:<day>
    KEYS[3] clinical waiting list sluice:{ods}:wait:clinical   (sorted set: priority*1e13 + arrival ms)
    KEYS[4] admin waiting list    sluice:{ods}:wait:admin
    KEYS[5] arrival counter       sluice:{ods}:wait:seq  (breaks ties between same-millisecond arrivals)
    ARGV[1]  request id
    ARGV[2]  plan type            redirect | queue | reserve
    ARGV[3]  day
    ARGV[4]  reason code          redirect/queue: the reason; reserve: the reason when accepted
    ARGV[5]  redirect: destination; queue: list; reserve: shares to try, in order, comma-separated
    ARGV[6]  queue: priority
    ARGV[7]  reserve, when no share has room: queue | redirect | overbook
    ARGV[8]  ... its list | destination | share
    ARGV[9]  ... its priority (queue)
    ARGV[10] ... its reason code
    ARGV[11..13] default limits routine, urgent, admin: used only if the day has none yet
    ARGV[14] arrival ms
    ARGV[15] payload              kept with the request (for its retention) to announce later changes
    ARGV[16] retention seconds    for the request and day keys

  Output: one string, 'duplicate|outcome|reasonCode|share|destination|overbooked|sequence|position|day|list'
          (duplicate and overbooked 0 or 1; empty where a field does not apply). A string, not a table:
          every field is a code without '|', and building a ten-element reply cost Redis more than
          joining ten strings (docs/performance.md).

  A waiting-list member is '<16-digit arrival counter>:<request id>': equal scores (same priority, same
  millisecond) sort by member, so by the order the requests were decided, never by their random ids.
]]
local id = ARGV[1]
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
  return table.concat({ 1, existing[1], existing[2], existing[3] or '', existing[4] or '', existing[5] or '0', existing[6], position, existing[7], existing[8] or '' }, '|')
end

local kind, day = ARGV[2], ARGV[3]
local retention = tonumber(ARGV[16])
local outcome, reason, share, destination, overbooked, position, list = '', '', '', '', 0, '', ''

local member = ''
local function queue(l, priority, code)
  local key = listKey(l)
  member = string.format('%016d', redis.call('INCR', KEYS[5])) .. ':' .. id
  redis.call('ZADD', key, tonumber(priority) * 1e13 + tonumber(ARGV[14]), member)
  position = redis.call('ZRANK', key, member) + 1
  outcome, reason, list = 'queued', code, l
end

if kind == 'redirect' then
  outcome, reason, destination = 'redirected', ARGV[4], ARGV[5]
elseif kind == 'queue' then
  queue(ARGV[5], ARGV[6], ARGV[4])
else
  -- One read of the day's limits and usage for every share the plan may try (no tables: this runs
  -- per request, and Lua garbage is Redis's time).
  local d = redis.call('HMGET', KEYS[2], 'limit:routine', 'limit:urgent', 'limit:admin', 'used:routine', 'used:urgent', 'used:admin')
  if not d[1] then
    -- A new day: its limits, and its retention counted from now (refreshed by setDayLimits and promote).
    redis.call('HSET', KEYS[2], 'limit:routine', ARGV[11], 'limit:urgent', ARGV[12], 'limit:admin', ARGV[13])
    redis.call('EXPIRE', KEYS[2], retention)
    d[1], d[2], d[3] = ARGV[11], ARGV[12], ARGV[13]
  end
  for s in string.gmatch(ARGV[5], '[^,]+') do
    local i = (s == 'routine' and 1) or (s == 'urgent' and 2) or (s == 'admin' and 3)
    if i and tonumber(d[i + 3] or '0') < tonumber(d[i] or '0') then
      redis.call('HINCRBY', KEYS[2], 'used:' .. s, 1)
      outcome, reason, share = 'accepted', ARGV[4], s
      break
    end
  end
  if outcome == '' then
    local f = ARGV[7]
    if f == 'queue' then
      queue(ARGV[8], ARGV[9], ARGV[10])
    elseif f == 'redirect' then
      outcome, reason, destination = 'redirected', ARGV[10], ARGV[8]
    else
      redis.call('HINCRBY', KEYS[2], 'used:' .. ARGV[8], 1)
      redis.call('HINCRBY', KEYS[2], 'over:' .. ARGV[8], 1)
      outcome, reason, share, overbooked = 'accepted', ARGV[10], ARGV[8], 1
    end
  end
end

redis.call('HSET', KEYS[1], 'outcome', outcome, 'reason', reason, 'share', share, 'destination', destination,
  'overbooked', overbooked, 'seq', 1, 'day', day, 'list', list, 'arrival', ARGV[14], 'qm', member, 'payload', ARGV[15])
redis.call('EXPIRE', KEYS[1], retention)
return '0|' .. outcome .. '|' .. reason .. '|' .. share .. '|' .. destination .. '|' .. overbooked .. '|1|' .. position .. '|' .. day .. '|' .. list
