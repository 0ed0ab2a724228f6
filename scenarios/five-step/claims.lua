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

return M
