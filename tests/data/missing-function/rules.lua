-- Rules for the missing-function test: new_claim exists, urgency is not a function.
function new_claim(case, rng)
  case.amount = 100
end

urgency = 3
