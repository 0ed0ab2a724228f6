-- Rules of the clean-sheet design: e-invoicing, "no PO, no pay", and a PO
-- that matches is its own approval.
local inv = require 'invoices'

-- Supplier mix after onboarding: 5% paper, 30% PDF via the portal, 65%
-- structured e-invoices; no PO, no pay: 90% on a PO (assumed).
local MIX = {paper = 0.05, pdf = 0.30, po = 0.90}
-- A matched PO invoice needs no further approval.
local POLICY = {po_approval = nil}

-- Suppliers send to the access point or portal: 2% still reach a budget
-- holder first; structured data, matched automatically.
inv.use(inv.rules{mix = MIX, to_budget_holder = 0.02, capture = 'einvoice', policy = POLICY}, _G)

-- eligible at 'receive': e-invoices and portal PDFs to the bot; paper to
-- the centre's scanning
function digital_intake(case, rng)
  return case.channel ~= 'paper'
end

function legible_route(case, rng)
  if inv.legible(case, rng) then return 'match' end
  return 'verify'
end
