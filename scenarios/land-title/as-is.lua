-- Business rules of the as-is: apply at the registry, pay at the revenue
-- agency, bring the receipt back; the registry keys the application again.
local title = require 'title'

new_counter = title.new_counter
new_online = title.new_online

function route_channel(case, rng)
  if case.channel == 'counter' then return 'counter-intake' end
  return 'go-to-agency'
end

-- route at the payment match: the receipt's reference or amount does not
-- match the application (copied by hand from the payment order): one in
-- ten online applicants, one in sixteen at the counter, where the clerk
-- fills in the order (assumed)
function payment_check(case, rng)
  local rate = case.channel == 'online' and 0.10 or 0.06
  if case.u_payment < rate then
    case.u_payment = 1
    return 'fix-payment'
  end
  return 'key-application'
end

-- route at the examination: counter applications were checked at the
-- counter, online ones were not (assumed rates; SOURCES.md)
function requisition_check(case, rng)
  local rate = case.channel == 'online' and 0.15 or 0.11
  return title.requisition(case, rate, 'write-requisition', 'approval')
end

function approval_check(case, rng)
  return title.approval(case, 'registrar-approval', 'issue-certificate')
end

examine_time = title.examine_time
cash_up = title.cash_up
