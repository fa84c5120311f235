--[[
  Decides one request, atomically and idempotently on its id.

  This runs once per request on the hot path, so it makes as few commands and as little Lua garbage as
  it can (docs/decisions/0009-packed-decision-records.md): the plan arrives as flat arguments (no JSON),
  the request is one packed string written with one SET … EX (not a hash plus EXPIRE), the duplicate
  check is one GET, and no tables are built.

  Input:
    KEYS[1] decision record       sluice:{ods}:dec:<id>  (string, see below)
    KEYS[2] day hash              sluice:{ods}:day:<day>
    KEYS[3] clinical waiting list sluice:{ods}:wait:clinical   (sorted set: priority*1e13 + arrival ms)
    KEYS[4] admin waiting list    sluice:{ods}:wait:admin
    KEYS[5] arrival counter       sluice:{ods}:wait:seq  (breaks ties between same-millisecond arrivals)
    ARGV[1] request id
    ARGV[2] day
    ARGV[3] arrival ms
    ARGV[4] payload               kept to announce a later promotion or cancellation ('' when redirected)
    ARGV[5] retention seconds     for the record and a new day
    ARGV[6] default limits        'routine,urgent,admin': read only when the day has none yet
    ARGV[7] plan type             redirect | queue | reserve, then by type:
      redirect: ARGV[8] reason code, ARGV[9] destination
      queue:    ARGV[8] reason code, ARGV[9] list, ARGV[10] priority
      reserve:  ARGV[8] reason code when accepted, ARGV[9] shares to try in order, as initials ('ur' =
                urgent then routine), ARGV[10] when none has room: queue | redirect | overbook,
                ARGV[11] its list | destination | share, ARGV[12] its priority (queue), ARGV[13] its reason

  Output: one string, 'duplicate|position|outcome|reason|share|destination|overbooked|sequence|day|list'
          (duplicate and overbooked 0 or 1; empty where a field does not apply). Its last eight fields are
          the record's first eight, so a duplicate answers its record's head as it is.

  Decision record: 'outcome|reason|share|destination|overbooked|sequence|day|list|qm|payload', where qm is
  the 16-digit arrival counter of a queued request (its waiting-list member is '<qm>:<request id>': equal
  scores sort by member, so by the order the requests were decided, never by their random ids). Every
  field but the payload is a code without '|'; the payload is last and may hold anything.
]]
local existing = redis.call('GET', KEYS[1])
if existing then
  local head, outcome, list, qm = string.match(existing, '^(([^|]*)|[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|([^|]*))|([^|]*)|')
  local position = ''
  if outcome == 'queued' then
    local rank = redis.call('ZRANK', list == 'admin' and KEYS[4] or KEYS[3], qm .. ':' .. ARGV[1])
    if rank then position = rank + 1 end
  end
  return '1|' .. position .. '|' .. head
end

local kind = ARGV[7]
local outcome, reason, share, destination, overbooked, position, list, qm = '', ARGV[8], '', '', 0, '', '', ''

local function queue(l, priority)
  local key = l == 'admin' and KEYS[4] or KEYS[3]
  qm = string.format('%016d', redis.call('INCR', KEYS[5]))
  local member = qm .. ':' .. ARGV[1]
  redis.call('ZADD', key, tonumber(priority) * 1e13 + tonumber(ARGV[3]), member)
  position = redis.call('ZRANK', key, member) + 1
  outcome, list = 'queued', l
end

if kind == 'redirect' then
  outcome, destination = 'redirected', ARGV[9]
elseif kind == 'queue' then
  queue(ARGV[9], ARGV[10])
else
  -- One read of the day's limits and usage for every share the plan may try.
  local d = redis.call('HMGET', KEYS[2], 'limit:routine', 'limit:urgent', 'limit:admin', 'used:routine', 'used:urgent', 'used:admin')
  if not d[1] then
    -- A new day: its limits, and its retention counted from now (refreshed by setDayLimits and promote).
    local r, u, a = string.match(ARGV[6], '^([^,]*),([^,]*),([^,]*)$')
    redis.call('HSET', KEYS[2], 'limit:routine', r, 'limit:urgent', u, 'limit:admin', a)
    redis.call('EXPIRE', KEYS[2], ARGV[5])
    d[1], d[2], d[3] = r, u, a
  end
  local shares = ARGV[9]
  for n = 1, #shares do
    local c = string.byte(shares, n)
    local i = (c == 114 and 1) or (c == 117 and 2) or (c == 97 and 3) -- r, u, a
    if i and tonumber(d[i + 3] or '0') < tonumber(d[i] or '0') then
      share = (i == 1 and 'routine') or (i == 2 and 'urgent') or 'admin'
      redis.call('HINCRBY', KEYS[2], 'used:' .. share, 1)
      outcome = 'accepted'
      break
    end
  end
  if outcome == '' then
    local f = ARGV[10]
    reason = ARGV[13]
    if f == 'queue' then
      queue(ARGV[11], ARGV[12])
    elseif f == 'redirect' then
      outcome, destination = 'redirected', ARGV[11]
    else
      redis.call('HINCRBY', KEYS[2], 'used:' .. ARGV[11], 1)
      redis.call('HINCRBY', KEYS[2], 'over:' .. ARGV[11], 1)
      outcome, share, overbooked = 'accepted', ARGV[11], 1
    end
  end
end

local head = outcome .. '|' .. reason .. '|' .. share .. '|' .. destination .. '|' .. overbooked .. '|1|' .. ARGV[2] .. '|' .. list
-- A redirect is never promoted or cancelled (cancel-3.lua), so its payload is never read: not kept.
local payload = outcome == 'redirected' and '' or ARGV[4]
redis.call('SET', KEYS[1], head .. '|' .. qm .. '|' .. payload, 'EX', ARGV[5])
return '0|' .. position .. '|' .. head
