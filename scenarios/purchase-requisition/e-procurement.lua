-- Business rules of e-procurement: catalogues, budget checked by the
-- system, auto-approval of catalogue orders under 5,000, and purchase
-- orders made from the approved requisition.
local req = require 'requisition'

new_requisition = req.new

AUTO_APPROVE_BELOW = 5000   -- catalogue orders below this need no approval (assumed policy)

-- is the item bought from the catalogue? Catalogue items are, unless the
-- requester misses it and raises free text (one in ten: the off-contract share)
local function from_catalogue(case)
  return case.catalogue and case.u_contract >= req.OFF_CONTRACT_CATALOGUE
end

-- duration at 'raise': a catalogue or punch-out basket is quicker than a
-- free-text requisition (base: the free-text time)
function raise_time(case, base, rng)
  if from_catalogue(case) then return base * 0.45 end
  return base
end

-- eligible at 'budget-check': the system checks the budget line and commits
-- the funds; one requisition in ten exceeds the line's remaining budget and
-- goes to a finance officer
function budget_available(case, rng) return not rng:bernoulli(0.10) end

-- route at 'coding': validated cost centre and account codes at entry
function coding_check(case, rng)
  if rng:bernoulli(0.06) then return 'fix' end
  return 'policy'
end

-- route at 'policy': catalogue orders under the threshold are approved by
-- the rule and ordered by the system
function route_policy(case, rng)
  if from_catalogue(case) and case.amount < AUTO_APPROVE_BELOW then return 'auto-order' end
  return 'notify'
end

approval_outcome = req.approval_outcome(0.02)

route_approver = req.approver
route_sourcing = req.sourcing

close_slowdown = req.close_slowdown
urgent_first = req.urgent_first

-- cost at the order: catalogue items raised as free text are still bought
-- off-contract
function off_contract_premium(case, work, rng)
  return req.premium(case, req.OFF_CONTRACT_CATALOGUE)
end
