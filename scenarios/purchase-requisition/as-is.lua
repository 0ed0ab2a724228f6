-- Business rules of the as-is: paper or spreadsheet requisitions.
local req = require 'requisition'

new_requisition = req.new

-- one requisition in five comes back from the budget check (wrong cost
-- centre or account code, no budget, missing quote): assumed, see SOURCES.md
function coding_check(case, rng) return req.coding_ok(case, rng, 0.20) end

-- one in twenty-five is queried by its approver and goes back to the requester
approval_outcome = req.approval_outcome(0.04)

route_approver = req.approver
route_sourcing = req.sourcing

close_slowdown = req.close_slowdown
urgent_first = req.urgent_first

-- cost at the order: catalogue items bought off-contract
function off_contract_premium(case, work, rng)
  return req.premium(case, req.OFF_CONTRACT_PAPER)
end
