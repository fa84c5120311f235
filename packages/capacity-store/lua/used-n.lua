--[[
  How many places of one share are taken on each of a practice's days: the queue forecast's reads for
  twenty working days in one call (it was twenty HGETALLs, for every queued practice of every batch).

    KEYS[1..n]  the practice's day hashes   sluice:{ods}:day:<day>  (one practice: one Cluster slot)
    ARGV[1]     the share                   routine | urgent | admin

  Output: one integer per day, in order (0 for a day not yet created).
]]
local field = 'used:' .. ARGV[1]
local out = {}
for i = 1, #KEYS do
  out[i] = tonumber(redis.call('HGET', KEYS[i], field) or '0')
end
return out
