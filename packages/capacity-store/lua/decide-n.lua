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
    KEYS[2i-1] request i's decision record  sluice:{ods}:dec:<id>  (see includes/decision-record.lua)
    KEYS[2i]   request i's day hash         sluice:{ods}:day:<day>  (the day is its last ten characters)
    ARGV[1]    retention seconds            for the records and a new day
    ARGV[5i-3 .. 5i+1], request i's:
      request id
      arrival ms
      payload               kept to announce a later promotion or cancellation ('' when redirected)
      default limits        'routine,urgent,admin': read only when the day has none yet
      plan                  'acceptedReason|shares|fallback|target|priority|fallbackReason': try the shares
                            in order, given as initials ('ur' = urgent then routine); when none has room (or
                            there are none), fall back to queue (target: its list, with its priority),
                            redirect (target: the destination) or overbook (target: the share). A plain
                            redirect or queue is a plan with no shares.

  The practice's waiting lists (sorted sets, score priority*1e13 + arrival ms) and arrival counter (breaks
  ties between same-millisecond arrivals) are <base>wait:clinical, <base>wait:admin and <base>wait:seq,
  where <base> is the record's key without 'dec:<id>': built here, only when queueing, so they are not
  sent with every request. Same {ods} hash tag, so same Cluster slot (as cancel-3.lua's day keys and
  promote-4.lua's records). On Redis Cluster a call must hold one slot's keys, so there the store groups
  a batch by slot before cutting it into chunks (ADR 0022).

  Output: one string per request, in order, 'duplicate|position|' and the record's head (its first eight
  fields), duplicate 0 or 1 and position empty unless queued; a duplicate answers its record's head as it
  is.
]]
--- @include "decision-record"

local retention = ARGV[1]

-- A key of the practice whose record key is `recordKey` (request `id`), by its name after <base>.
local function practiceKey(recordKey, id, name)
  return string.sub(recordKey, 1, #recordKey - #id - 4) .. name
end

local function decide(recordKey, dayKey, id, arrival, payload, limits, plan)
  local existing = redis.call('GET', recordKey)
  if existing then
    local outcome, reason, share, destination, overbooked, sequence, day, list, ticket = readRecord(existing)
    local position = ''
    if outcome == 'queued' then
      local listKey = waitingListKey(list, practiceKey(recordKey, id, 'wait:clinical'), practiceKey(recordKey, id, 'wait:admin'))
      local rank = redis.call('ZRANK', listKey, ticket .. ':' .. id)
      if rank then position = rank + 1 end
    end
    return '1|' .. position .. '|' .. recordHead(outcome, reason, share, destination, overbooked, sequence, day, list)
  end

  local acceptedReason, shares, fallback, target, priority, fallbackReason =
    string.match(plan, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
  local outcome, reason, share, destination, overbooked, position, list, ticket = '', '', '', '', 0, '', '', ''

  if shares ~= '' then
    -- One read of the day's limits and usage for every share the plan may try.
    local u = redis.call('HMGET', dayKey, 'limit:routine', 'limit:urgent', 'limit:admin', 'used:routine', 'used:urgent', 'used:admin')
    if not u[1] then
      -- A new day: its limits, and its retention counted from now (refreshed by setDayLimits and promote).
      u[1], u[2], u[3] = string.match(limits, '^([^,]*),([^,]*),([^,]*)$')
      redis.call('HSET', dayKey, 'limit:routine', u[1], 'limit:urgent', u[2], 'limit:admin', u[3])
      redis.call('EXPIRE', dayKey, retention)
    end
    for n = 1, #shares do
      -- Where the HMGET above answers the share's limit (its usage is three further on).
      local initial = string.sub(shares, n, n)
      local at = (initial == 'r' and 1) or (initial == 'u' and 2) or (initial == 'a' and 3)
      if at and tonumber(u[at + 3] or '0') < tonumber(u[at] or '0') then
        local tried = (at == 1 and 'routine') or (at == 2 and 'urgent') or 'admin'
        redis.call('HINCRBY', dayKey, 'used:' .. tried, 1)
        outcome, reason, share = 'accepted', acceptedReason, tried
        break
      end
    end
  end

  if outcome == '' then
    reason = fallbackReason
    if fallback == 'queue' then
      local listKey = practiceKey(recordKey, id, target == 'admin' and 'wait:admin' or 'wait:clinical')
      ticket = string.format('%016d', redis.call('INCR', practiceKey(recordKey, id, 'wait:seq')))
      local member = ticket .. ':' .. id
      redis.call('ZADD', listKey, tonumber(priority) * 1e13 + tonumber(arrival), member)
      position = redis.call('ZRANK', listKey, member) + 1
      outcome, list = 'queued', target
    elseif fallback == 'redirect' then
      outcome, destination = 'redirected', target
    else
      redis.call('HINCRBY', dayKey, 'used:' .. target, 1)
      redis.call('HINCRBY', dayKey, 'over:' .. target, 1)
      outcome, share, overbooked = 'accepted', target, 1
    end
  end

  local head = recordHead(outcome, reason, share, destination, overbooked, 1, string.sub(dayKey, -10), list)
  -- A redirect is never promoted or cancelled (cancel-3.lua), so its payload is never read: not kept.
  if outcome == 'redirected' then payload = '' end
  redis.call('SET', recordKey, packRecord(head, ticket, payload), 'EX', retention)
  return '0|' .. position .. '|' .. head
end

local out = {}
for i = 1, #KEYS / 2 do
  local at = 5 * i - 3
  out[i] = decide(KEYS[2 * i - 1], KEYS[2 * i], ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], ARGV[at + 4])
end
return out
