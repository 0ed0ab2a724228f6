-- Business rules of the as-is: three councils, three payroll teams, three
-- accounts-payable teams.
local councils = require 'councils'

-- the arrival streams' attributes: new_north_change ... new_west_invoice
for name, f in pairs(councils) do
  if name:sub(1, 4) == 'new_' then _G[name] = f end
end

-- route at 'which': each case to its own council's team
function route_case(case, rng) return case.council .. '-' .. case.kind end

-- per council: the completeness check of a change, the invoice match and
-- the exception's resolution
for _, c in ipairs({'north', 'east', 'west'}) do
  _G[c .. '_form_check'] = function(case, rng)
    return councils.form_check(case, councils.INCOMPLETE_PAPER, c .. '-change-info', 'end')
  end
  _G[c .. '_match'] = function(case, rng)
    return councils.match(case, councils.EXCEPTIONS, c .. '-exception', c .. '-po')
  end
  _G[c .. '_resolved'] = function(case, rng)
    return councils.resolved(case, rng, c .. '-reply', c .. '-po')
  end
  _G[c .. '_po_route'] = function(case, rng)
    return councils.po_route(case, c .. '-approval', 'end')
  end
end

-- duration at payroll work: slower while the council's own payroll runs
function payroll_run(case, base, rng)
  return councils.payroll_run(case, base, case.council .. '-payroll', {case.council})
end
ap_month_end = councils.ap_month_end
