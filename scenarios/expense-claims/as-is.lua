-- Rules of the as-is design. The claim is in claims.lua (shared).
local claims = require 'claims'

function new_claim(case, rng)
  claims.new_claim(case, rng, 'manual')
end

-- at 'checked': finance checks every claim and finds nine errors in ten
-- (assumed)
function check_outcome(case, rng)
  if claims.check(case, 0.90, rng) then return 'correct' end
  return 'input'
end

-- duration at 'correct': the correction itself fixes the claim
correct_time = claims.correct_time
-- cost at 'pay': overclaims nobody found
leakage = claims.leakage
