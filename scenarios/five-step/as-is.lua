-- Business rules of the as-is design: every kind of rule reorg runs.
-- Time is in seconds (MINUTE, HOUR, DAY are defined), money in the study's
-- currency. See docs/rules.md. The rules both designs share live in
-- claims.lua.
local claims = require 'claims'

-- attributes, at arrival (arrivals.claims.attributes)
new_claim = claims.new_claim

-- route, at the xor gateway 'complete': rework or go on
function check_outcome(case, rng)
  if rng:bernoulli(claims.rework_chance(case, false)) then return 'rework' end
  return 'fork'
end

-- duration at 'check' and 'approve', priority at 'approve', cost at 'pay'
check_time = claims.check_time
urgent_first = claims.urgent_first
approval_time = claims.approval_time
late_fee = claims.late_fee
