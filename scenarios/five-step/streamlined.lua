-- Business rules of the streamlined design. The claim is the same as in the
-- as-is (same attributes, drawn from the same stream); online claims are
-- validated at entry and registered by a bot.
local claims = require 'claims'

new_claim = claims.new_claim

-- eligible, at 'register': the bot takes online claims; paper ones go to
-- the fallback pool (registry clerks)
function online_to_bot(case, rng)
  return case.channel == 'online'
end

-- route at 'complete': validated online claims rarely come back
function check_outcome(case, rng)
  if rng:bernoulli(claims.rework_chance(case, true)) then return 'rework' end
  return 'fork'
end

check_time = claims.check_time
urgent_first = claims.urgent_first
approval_time = claims.approval_time
late_fee = claims.late_fee
