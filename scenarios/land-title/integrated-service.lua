-- Business rules of the integrated service: one application-and-payment
-- transaction, validated at entry, data passed to the registry system.
local title = require 'title'

new_counter = title.new_counter
new_online = title.new_online

function route_channel(case, rng)
  if case.channel == 'counter' then return 'assisted-application' end
  return 'validate-and-pay'
end

-- route at triage: a clean, low-risk application (no risk points) is
-- checked against the register by the system and examined lightly; the
-- rest get the full examination
function triage(case, rng)
  if case.risk == 0 then return 'examine-light' end
  return 'examine'
end

-- route at the examination: validation at entry (mandatory fields, the
-- documents checklist, identity) halves requisitions and more (assumed)
function requisition_check(case, rng)
  return title.requisition(case, 0.06, 'write-requisition', 'approval')
end

function approval_check(case, rng)
  return title.approval(case, 'registrar-approval', 'issue-certificate')
end

examine_time = title.examine_time
