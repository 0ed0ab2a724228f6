-- Rules of the as-is design. The invoice and the policies are in
-- invoices.lua (shared by the three designs); this file says which apply.
local inv = require 'invoices'

-- Supplier mix today: 30% paper, 70% PDF by e-mail, no e-invoices;
-- 70% of invoices against a purchase order (assumed; SOURCES.md).
local MIX = {paper = 0.30, pdf = 0.70, po = 0.70}
-- Approval: non-PO invoices, and matched PO invoices of 5,000 or more.
local POLICY = {po_approval = inv.PO_REAPPROVAL_LIMIT}

-- One invoice in five goes to the budget holder first; keyed data,
-- matched by eye.
inv.use(inv.rules{mix = MIX, to_budget_holder = 0.20, capture = 'manual', policy = POLICY}, _G)

-- durations of the hand steps
receive_time = inv.receive_time
key_time = inv.key_time

