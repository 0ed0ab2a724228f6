-- Business rules of card-and-catalogue: catalogue items under 1,000 are
-- bought on the procurement card from a framework supplier's web shop; the
-- rest follows the as-is.
local req = require 'requisition'

new_requisition = req.new

local CARD_LIMIT = 1000  -- single-transaction limit of the card (assumed)

-- route at arrival: the card for catalogue items under the limit, bought
-- on-contract unless the requester misses the framework shop (one in ten)
function route_channel(case, rng)
  if case.catalogue and case.amount < CARD_LIMIT then return 'card-purchase' end
  return 'raise'
end

function coding_check(case, rng) return req.coding_ok(case, rng, 0.20) end

approval_outcome = req.approval_outcome(0.04)

route_approver = req.approver
route_sourcing = req.sourcing

close_slowdown = req.close_slowdown
urgent_first = req.urgent_first

-- the monthly card statement is checked after the urgent work
function statement_last(case, rng) return -1 end

-- cost at the card purchase: catalogue bought on the card is on-contract
-- except when the requester misses the framework shop
function card_premium(case, work, rng)
  return req.premium(case, req.OFF_CONTRACT_CATALOGUE)
end

-- cost at the order (paper route): as the as-is
function off_contract_premium(case, work, rng)
  return req.premium(case, req.OFF_CONTRACT_PAPER)
end
