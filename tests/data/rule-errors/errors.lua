-- Rules for tests/data/rule-errors: each design calls one that fails.
function new_case(case, rng)
  case.size = rng:integer(1, 10)
end

function pick_fine(case, rng)
  if rng:bernoulli(0.2) then return 'work' end
  return 'end'
end

function pick_typo(case, rng)
  if case.size > 5 then return 'ends' end
  return 'end'
end

function uses_missing(case, base, rng)
  return base * case.weight
end

function endless(case, rng)
  while true do end
end

function forgets_return(case, base, rng)
  local d = base * 2
end

function says_yes_as_text(case, rng)
  return 'yes'
end

local hoard = {}
function hoards(case, work, rng)
  for i = 1, 1e7 do hoard[#hoard + 1] = {i, i, i, i} end
  return 0
end

function asks_unknown_pool(case, rng)
  return pool('clerks').queue
end
