-- Rules of the clean-sheet design: e-invoicing, "no PO, no pay", and a PO
-- that matches is its own approval.
local inv = require 'invoices'

-- Supplier mix after onboarding: 5% paper, 30% PDF via the portal, 65%
-- structured e-invoices; no PO, no pay: 90% on a PO (assumed).
local MIX = {paper = 0.05, pdf = 0.30, po = 0.90}
-- A matched PO invoice needs no further approval.
local POLICY = {po_approval = nil}

function new_invoice(case, rng)
  inv.new_invoice(case, rng, MIX)
end

-- at 'intake': suppliers send to the access point or portal; 2% still
-- reach a budget holder first
function intake_route(case, rng)
  return inv.intake(case, 0.02, rng)
end

-- eligible at 'receive': e-invoices and portal PDFs to the bot; paper to
-- the centre's scanning
function digital_intake(case, rng)
  return case.channel ~= 'paper'
end

function legible_route(case, rng)
  if inv.legible(case, rng) then return 'match' end
  return 'verify'
end

function match_outcome(case, rng)
  if inv.match(case, 'einvoice', rng) == 'exception' then return 'query' end
  return 'approval'
end

function exception_cause(case, rng)
  return inv.cause(case, 'einvoice', rng)
end

function approval_route(case, rng)
  if inv.needs_approval(case, POLICY) then return 'approve' end
  return 'pay'
end

function senior_route(case, rng)
  if inv.needs_senior(case) then return 'approve-senior' end
  return 'pay'
end

sme_first = inv.sme_first

