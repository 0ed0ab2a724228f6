-- Business rules of the pooled centre: the same work as the as-is, in one
-- queue per function; each council keeps its own system and rules.
local councils = require 'councils'

for name, f in pairs(councils) do
  if name:sub(1, 4) == 'new_' then _G[name] = f end
end

-- officers switch between three councils' systems and rule books (assumed)
local SWITCHING = 1.05
local ALL = {'north', 'east', 'west'}

function route_case(case, rng) return case.kind end

function payroll_time(case, base, rng)
  return councils.payroll_run(case, base, 'ssc-payroll', ALL) * SWITCHING
end

function ap_time(case, base, rng)
  return councils.ap_month_end(case, base, rng) * SWITCHING
end

function form_check(case, rng)
  return councils.form_check(case, councils.INCOMPLETE_PAPER, 'change-info', 'end')
end
function match_check(case, rng)
  return councils.match(case, councils.EXCEPTIONS, 'exception', 'po')
end
function resolved_check(case, rng) return councils.resolved(case, rng, 'reply', 'po') end
function po_route(case, rng) return councils.po_route(case, 'approval', 'end') end
