--[[
  Decides a batch of requests, each atomically and idempotently on its id, in order: one script call
  for many requests (docs/decisions/0011-one-script-call-per-chunk.md), so Redis dispatches one command
  and ioredis builds one where a pipeline of one call per request spent most of both processes' time
  on the calls themselves. A later request in the batch sees what an earlier one reserved or queued.

  This runs on the hot path, so it makes as few commands and as little Lua garbage as it can
  (docs/decisions/0009-packed-decision-records.md): the plan arrives as flat arguments (no JSON),
  the request is one packed string written with one SET … EX (not a hash plus EXPIRE), the duplicate
  check is one GET, and no tables are built but the reply.

  Input, for the n requests (numkeys = 2n; the keys are declared, so every key it touches is in KEYS
  or built from one, with the same {ods} hash tag):
    KEYS[2i-1] request i's decision record  sluice:{ods}:dec:<id>  (string, see below)
    KEYS[2i]   request i's day hash         sluice:{ods}:day:<day>  (the day is its last ten characters)
    ARGV[1]    retention seconds            for the records and a new day
    ARGV[5i-3 .. 5i+1], request i's:
      request id
      arrival ms
      payload               kept to announce a later promotion or cancellation ('' when redirected)
      default limits        'routine,urgent,admin': read only when the day has none yet
      plan                  'type|reason|a|b|c|d|e', by type:
        redirect: reason code, destination
        queue:    reason code, list, priority
        reserve:  reason code when accepted, shares to try in order as initials ('ur' = urgent then
                  routine), then when none has room: queue | redirect | overbook, its list | destination |
                  share, its priority (queue), its reason code

  The practice's waiting lists (sorted sets, score priority*1e13 + arrival ms) and arrival counter (breaks
  ties between same-millisecond arrivals) are <base>wait:clinical, <base>wait:admin and <base>wait:seq,
  where <base> is the record's key without 'dec:<id>': built here, only when queueing, so they are not
  sent with every request. Same {ods} hash tag, so same Cluster slot (as cancel-3.lua's day keys and
  promote-4.lua's records). On Redis Cluster a call must hold one slot's keys, so there the store groups
  a batch by slot before cutting it into chunks (ADR 0022).

  Output: one string per request, in order,
          'duplicate|position|outcome|reason|share|destination|overbooked|sequence|day|list'
          (duplicate and overbooked 0 or 1; empty where a field does not apply). Its last eight fields are
          the record's first eight, so a duplicate answers its record's head as it is.

  Decision record: 'outcome|reason|share|destination|overbooked|sequence|day|list|qm|payload', where qm is
  the 16-digit arrival counter of a queued request (its waiting-list member is '<qm>:<request id>': equal
  scores sort by member, so by the order the requests were decided, never by their random ids). Every
  field but the payload is a code without '|'; the payload is last and may hold anything.
]]
local retention = ARGV[1]

-- A key of the practice whose record key is `record` (request `id`), by its name after <base>.
local function practiceKey(record, id, name)
  return string.sub(record, 1, #record - #id - 4) .. name
end
local function listKey(record, id, l)
  return practiceKey(record, id, l == 'admin' and 'wait:admin' or 'wait:clinical')
end

local function decide(record, dayKey, id, arrival, payload, limits, plan)
  local existing = redis.call('GET', record)
  if existing then
    local head, outcome, list, qm = string.match(existing, '^(([^|]*)|[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|([^|]*))|([^|]*)|')
    local position = ''
    if outcome == 'queued' then
      local rank = redis.call('ZRANK', listKey(record, id, list), qm .. ':' .. id)
      if rank then position = rank + 1 end
    end
    return '1|' .. position .. '|' .. head
  end

  local kind, reason, a, b, c, d, e = string.match(plan, '^(%a+)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
  local outcome, share, destination, overbooked, position, list, qm = '', '', '', 0, '', '', ''

  local function queue(l, priority)
    local key = listKey(record, id, l)
    qm = string.format('%016d', redis.call('INCR', practiceKey(record, id, 'wait:seq')))
    local member = qm .. ':' .. id
    redis.call('ZADD', key, tonumber(priority) * 1e13 + tonumber(arrival), member)
    position = redis.call('ZRANK', key, member) + 1
    outcome, list = 'queued', l
  end

  if kind == 'redirect' then
    outcome, destination = 'redirected', a
  elseif kind == 'queue' then
    queue(a, b)
  else
    -- One read of the day's limits and usage for every share the plan may try.
    local u = redis.call('HMGET', dayKey, 'limit:routine', 'limit:urgent', 'limit:admin', 'used:routine', 'used:urgent', 'used:admin')
    if not u[1] then
      -- A new day: its limits, and its retention counted from now (refreshed by setDayLimits and promote).
      u[1], u[2], u[3] = string.match(limits, '^([^,]*),([^,]*),([^,]*)$')
      redis.call('HSET', dayKey, 'limit:routine', u[1], 'limit:urgent', u[2], 'limit:admin', u[3])
      redis.call('EXPIRE', dayKey, retention)
    end
    for n = 1, #a do
      local ch = string.byte(a, n)
      local i = (ch == 114 and 1) or (ch == 117 and 2) or (ch == 97 and 3) -- r, u, a
      if i and tonumber(u[i + 3] or '0') < tonumber(u[i] or '0') then
        share = (i == 1 and 'routine') or (i == 2 and 'urgent') or 'admin'
        redis.call('HINCRBY', dayKey, 'used:' .. share, 1)
        outcome = 'accepted'
        break
      end
    end
    if outcome == '' then
      reason = e
      if b == 'queue' then
        queue(c, d)
      elseif b == 'redirect' then
        outcome, destination = 'redirected', c
      else
        redis.call('HINCRBY', dayKey, 'used:' .. c, 1)
        redis.call('HINCRBY', dayKey, 'over:' .. c, 1)
        outcome, share, overbooked = 'accepted', c, 1
      end
    end
  end

  local head = outcome .. '|' .. reason .. '|' .. share .. '|' .. destination .. '|' .. overbooked .. '|1|' .. string.sub(dayKey, -10) .. '|' .. list
  -- A redirect is never promoted or cancelled (cancel-3.lua), so its payload is never read: not kept.
  if outcome == 'redirected' then payload = '' end
  redis.call('SET', record, head .. '|' .. qm .. '|' .. payload, 'EX', retention)
  return '0|' .. position .. '|' .. head
end

local out = {}
for i = 1, #KEYS / 2 do
  local a = 5 * i - 3
  out[i] = decide(KEYS[2 * i - 1], KEYS[2 * i], ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4])
end
return out
