-- Business rules of the standardised centre: one system, one process,
-- self-service for managers and employees, electronic invoices matched by
-- the system.
local councils = require 'councils'

for name, f in pairs(councils) do
  if name:sub(1, 4) == 'new_' then _G[name] = f end
end

function route_case(case, rng) return case.kind end

-- duration of payroll work: a self-service change only needs validating
-- (about 45% of keying it, assumed); one system runs the three payrolls
-- with automated checks, so a run takes less time (0.6 hours per 100
-- payslips, assumed)
local ALL = {'north', 'east', 'west'}
function payroll_time(case, base, rng)
  if case.kind == 'change' and case.self_service then base = base * 0.45 end
  return councils.payroll_run(case, base, 'ssc-payroll', ALL, 0.6)
end

ap_time = councils.ap_month_end

-- eligible at 'query': the portal answers what a payslip or the pay
-- calendar can; the rest go to an officer
function portal_answers(case, rng) return case.portal_answerable end

-- eligible at 'invoice': electronic purchase-order invoices (45% of all) are
-- matched by the system; the rest are keyed by an officer
function auto_match(case, rng) return case.e_invoice end

function form_check(case, rng)
  return councils.form_check(case, councils.INCOMPLETE_SELF_SERVICE, 'change-info', 'end')
end
function match_check(case, rng)
  return councils.match(case, councils.EXCEPTIONS_STANDARD, 'exception', 'po')
end
function resolved_check(case, rng) return councils.resolved(case, rng, 'reply', 'po') end
function po_route(case, rng) return councils.po_route(case, 'approval', 'end') end
