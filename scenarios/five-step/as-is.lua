-- Business rules of the as-is design (read by the rules stage of reorg).
function new_claim(case, rng)
  case.amount = rng:lognormal(450, 300)
end
