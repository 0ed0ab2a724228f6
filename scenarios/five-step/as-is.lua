-- Business rules of the as-is design: every kind of rule reorg runs.
-- Time is in seconds (MINUTE, HOUR, DAY are defined), money in the study's
-- currency. See docs/rules.md.
local claims = require 'claims'

-- attributes, at arrival (arrivals.claims.attributes)
new_claim = claims.new_claim

-- route, at the xor gateway 'complete': rework or go on
function check_outcome(case, rng)
  if rng:bernoulli(claims.rework_chance(case, false)) then return 'rework' end
  return 'fork'
end

-- duration, at 'check': paper claims take longer to read than online ones
function check_time(case, base, rng)
  if case.channel == 'paper' then return base * 1.15 end
  return base * 0.65
end

-- priority, at 'approve': urgent claims first, then the larger ones
function urgent_first(case, rng)
  if case.urgent then return 1 end
  return 0
end

-- duration, at 'approve': large claims need a second look
function approval_time(case, base, rng)
  if case.band == 'large' then return base + 10 * MINUTE end
  return base
end

-- cost, at 'pay': compensation when a claim is paid more than ten days
-- after it arrived (an illustrative policy: 20 pounds)
function late_fee(case, work, rng)
  if sim.now() - case.arrived > 10 * DAY then return 20 end
  return 0
end
