--[[
  Depth of a waiting list and the arrival time of its oldest request.

  The list is ordered by priority first (score = priority * 1e13 + arrival ms), so the oldest request
  is not simply the first: it is the oldest of the first request of each priority band. One ZRANGE per
  band present (a handful), instead of reading every member's hash.

  Input:
    KEYS[1] waiting list          sluice:{ods}:wait:clinical | admin

  Output: { depth, oldest arrival ms ('' when empty) }
]]
local depth = redis.call('ZCARD', KEYS[1])
if depth == 0 then return { 0, '' } end
local band = 1e13
local from = '-inf'
local oldest = nil
for _ = 1, 64 do
  local head = redis.call('ZRANGE', KEYS[1], from, '+inf', 'BYSCORE', 'LIMIT', 0, 1, 'WITHSCORES')
  if #head == 0 then break end
  local score = tonumber(head[2])
  local priority = math.floor(score / band)
  local arrival = score - priority * band
  if oldest == nil or arrival < oldest then oldest = arrival end
  from = string.format('%.0f', (priority + 1) * band)
end
return { depth, string.format('%.0f', oldest) }
