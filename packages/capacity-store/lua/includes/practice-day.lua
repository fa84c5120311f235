--[[
  A practice-day hash, sluice:{ods}:day:<day>: limit:<share> and used:<share> for routine, urgent and admin,
  and over:<share> where a share was overbooked.
]]

-- Gives a day the practice's default limits ('routine,urgent,admin') when it has none yet, and counts its
-- retention from now.
local function openDay(dayKey, defaultLimits, retention)
  if redis.call('HEXISTS', dayKey, 'limit:routine') == 0 then
    local routine, urgent, admin = string.match(defaultLimits, '^([^,]*),([^,]*),([^,]*)$')
    redis.call('HSET', dayKey, 'limit:routine', routine, 'limit:urgent', urgent, 'limit:admin', admin)
  end
  redis.call('EXPIRE', dayKey, retention)
end
