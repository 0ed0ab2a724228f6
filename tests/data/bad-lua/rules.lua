-- Rules with a syntax error on line 4.
function new_claim(case, rng)
  case.amount = 100
  if case.amount > 50 then
end
