-- Rules of the automated design: card-fed claims, a risk score that
-- decides who approves, and a risk-based audit sample.
local claims = require 'claims'

function new_claim(case, rng)
  claims.new_claim(case, rng, 'automated')
end

-- duration at 'prepare': card and booking items come pre-populated
function prepare_time(case, base, rng)
  return claims.prepare_time(case, base)
end

-- at 'risk': a score of 0 or 1 is approved by the rules; the rest go to
-- the line manager (assumed threshold)
function risk_route(case, rng)
  case.score = claims.risk(case)
  if case.score <= 1 then return 'sample' end
  return 'approve'
end

-- at 'sample': every claim scoring 3 or more is audited, and one in ten
-- of the rest at random (assumed)
function sample_route(case, rng)
  if case.score >= 3 or rng:uniform() < 0.10 then return 'audit' end
  return 'pay'
end

-- at 'audited': an audit finds 95% of errors (receipt images beside the
-- card data; assumed)
function audit_outcome(case, rng)
  if claims.check(case, 0.95, rng) then return 'correct' end
  return 'pay'
end

-- duration at 'correct': the correction itself fixes the claim
correct_time = claims.correct_time
-- cost at 'pay': overclaims nobody found
leakage = claims.leakage
