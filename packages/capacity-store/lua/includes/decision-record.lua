--[[
  The decision record: a request's decision as Redis keeps it, one packed string
  (docs/decisions/0009-packed-decision-records.md). Its fields, in order (redis-decision-codec.ts reads the
  same order, and a test holds the two together):
  fields: outcome|reason|share|destination|overbooked|sequence|day|list|ticket|payload
  Every field but the payload is a code without '|'; the payload is last and may hold anything. ticket is
  the 16-digit arrival counter of a queued request ('' otherwise): its waiting-list member is
  '<ticket>:<request id>', so equal scores sort by the order requests were decided, never by their ids.
  A decide reply carries the record's head (its first eight fields) as it is.
]]

-- The record's fields, in order: outcome, reason, share, destination, overbooked, sequence, day, list,
-- ticket, payload.
local function readRecord(record)
  return string.match(record, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|(.*)$')
end

-- The record's head: its first eight fields, outcome … list.
local function recordHead(outcome, reason, share, destination, overbooked, sequence, day, list)
  return outcome .. '|' .. reason .. '|' .. share .. '|' .. destination .. '|' .. overbooked .. '|' .. sequence
    .. '|' .. day .. '|' .. list
end

local function packRecord(head, ticket, payload)
  return head .. '|' .. ticket .. '|' .. payload
end

-- A request's record once it is accepted off a waiting list (promoted or taken on by staff): its sequence
-- bumped, on no list, its payload kept to announce it.
local function promotedRecord(share, destination, overbooked, sequence, day, payload)
  return packRecord(recordHead('accepted', 'promoted', share, destination, overbooked, sequence, day, ''), '', payload)
end

-- The waiting list a record's list names (the clinical list unless 'admin').
local function waitingListKey(list, clinicalKey, adminKey)
  return list == 'admin' and adminKey or clinicalKey
end
