-- What both designs know about a claim: its attributes and how often a
-- check sends it back. Loaded by as-is.lua and streamlined.lua with
-- require 'claims' (a module from the design's own folder).
--
-- The figures are illustrative, like the rest of this example: an amount
-- around 450 pounds, seven claims in ten on paper, one in ten urgent.
local bands = require 'bands' -- from the shared rule library, scripts/lua

local M = {}

-- Attributes every claim gets at arrival. Both designs call this, so a
-- claim has the same amount, channel and urgency in each (common random
-- numbers: the rng is the claim's own stream).
function M.new_claim(case, rng)
  case.amount = rng:lognormal(450, 300)
  case.channel = rng:choice({'paper', 'online'}, {0.7, 0.3})
  case.urgent = rng:bernoulli(0.1)
  case.band = bands.pick(case.amount, {250, 1000}, {'small', 'medium', 'large'})
end

-- Probability that a check finds the claim incomplete.
function M.rework_chance(case, validated_online)
  if case.channel == 'online' and validated_online then return 0.02 end
  if case.channel == 'online' then return 0.10 end
  return 0.24
end

-- The rules both designs share (each design's file names them).

-- duration at 'check': paper claims take longer to read than online ones
function M.check_time(case, base, rng)
  if case.channel == 'paper' then return base * 1.15 end
  return base * 0.65
end

-- priority at 'approve': urgent claims first
function M.urgent_first(case, rng)
  if case.urgent then return 1 end
  return 0
end

-- duration at 'approve': large claims need a second look
function M.approval_time(case, base, rng)
  if case.band == 'large' then return base + 10 * MINUTE end
  return base
end

-- cost at 'pay': compensation when a claim is paid more than ten days
-- after it arrived (an illustrative policy: 20 pounds)
function M.late_fee(case, work, rng)
  if sim.now() - case.arrived > 10 * DAY then return 20 end
  return 0
end

return M
