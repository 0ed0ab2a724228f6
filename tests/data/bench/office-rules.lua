-- Rules of the benchmark model (office-rules.yaml): small, as real ones are.
function new_claim(case, rng)
  case.amount = rng:lognormal(1200, 900)
  case.complex = rng:bernoulli(0.25)
end

-- about 20% of assessments need a query, more for complex claims
function complete_or_query(case, rng)
  local p = case.complex and 0.35 or 0.15
  if rng:uniform() < p then return 'query' end
  return 'fork'
end

-- complex claims take a little longer at every step
function adjust(case, base, rng)
  if case.complex then return base * 1.1 end
  return base * 0.967
end
