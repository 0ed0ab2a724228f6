-- Rules of the as-is design. The invoice and the policies are in
-- invoices.lua (shared by the three designs); this file says which apply.
local inv = require 'invoices'

-- Supplier mix today: 30% paper, 70% PDF by e-mail, no e-invoices;
-- 70% of invoices against a purchase order (assumed; SOURCES.md).
local MIX = {paper = 0.30, pdf = 0.70, po = 0.70}
-- Approval: non-PO invoices, and matched PO invoices of 5,000 or more.
local POLICY = {po_approval = inv.PO_REAPPROVAL_LIMIT}

function new_invoice(case, rng)
  inv.new_invoice(case, rng, MIX)
end

-- at 'intake': one invoice in five goes to the budget holder first
function intake_route(case, rng)
  return inv.intake(case, 0.20, rng)
end

-- at 'matched': keyed data, matched by eye
function match_outcome(case, rng)
  if inv.match(case, 'manual', rng) == 'exception' then return 'query' end
  return 'approval'
end

-- at 'cause': a keying error AP corrects, or a query to the budget holder
function exception_cause(case, rng)
  return inv.cause(case, 'manual', rng)
end

-- at 'approval' and 'senior': delegated authority by amount
function approval_route(case, rng)
  if inv.needs_approval(case, POLICY) then return 'approve' end
  return 'pay'
end

function senior_route(case, rng)
  if inv.needs_senior(case) then return 'approve-senior' end
  return 'pay'
end

-- durations and priorities
receive_time = inv.receive_time
key_time = inv.key_time
sme_first = inv.sme_first

function close_time(case, base, rng)
  return inv.close_time(base)
end

