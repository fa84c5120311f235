-- Writes a request's status only if its sequence is higher than the stored one: a late redelivery of
-- an earlier decision never overwrites a later one. One key, so Cluster-safe.
local statusKey = KEYS[1]
local sequence = tonumber(ARGV[1])
local doc = ARGV[2]
local ttlSeconds = tonumber(ARGV[3])

local stored = redis.call('HGET', statusKey, 'seq')
if stored and tonumber(stored) >= sequence then return 0 end
redis.call('HSET', statusKey, 'seq', ARGV[1], 'doc', doc)
redis.call('EXPIRE', statusKey, ttlSeconds)
return 1
