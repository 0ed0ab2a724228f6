-- Rules of the digitise design: the as-is's policies on digitised data.
local inv = require 'invoices'

-- Suppliers send what they sent before (30% paper, 70% PDF).
local MIX = {paper = 0.30, pdf = 0.70, po = 0.70}
local POLICY = {po_approval = inv.PO_REAPPROVAL_LIMIT}

-- A campaign for the single AP mailbox: one invoice in ten still reaches a
-- budget holder first; OCR data, matched automatically.
inv.use(inv.rules{mix = MIX, to_budget_holder = 0.10, capture = 'ocr', policy = POLICY}, _G)

-- eligible at 'receive': the bot takes PDFs; paper goes to a clerk to scan
function digital_intake(case, rng)
  return case.channel ~= 'paper'
end

-- at 'legible': fields OCR is sure of go straight to the match
function legible_route(case, rng)
  if inv.legible(case, rng) then return 'match' end
  return 'verify'
end
