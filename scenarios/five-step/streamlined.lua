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

function check_outcome(case, rng)
  if rng:bernoulli(claims.rework_chance(case, true)) then return 'rework' end
  return 'fork'
end

function check_time(case, base, rng)
  if case.channel == 'paper' then return base * 1.15 end
  return base * 0.65
end

function urgent_first(case, rng)
  if case.urgent then return 1 end
  return 0
end

function approval_time(case, base, rng)
  if case.band == 'large' then return base + 10 * MINUTE end
  return base
end

function late_fee(case, work, rng)
  if sim.now() - case.arrived > 10 * DAY then return 20 end
  return 0
end
