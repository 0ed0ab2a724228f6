-- Rules of the digitise design: the as-is's policies on digitised data.
local inv = require 'invoices'

-- Suppliers send what they sent before (30% paper, 70% PDF); a campaign
-- for the single AP mailbox halves the invoices sent to budget holders.
local MIX = {paper = 0.30, pdf = 0.70, po = 0.70}
local POLICY = {po_approval = inv.PO_REAPPROVAL_LIMIT}

function new_invoice(case, rng)
  inv.new_invoice(case, rng, MIX)
end

function intake_route(case, rng)
  return inv.intake(case, 0.10, rng)
end

-- eligible at 'receive': the bot takes PDFs; paper goes to a clerk to scan
function digital_intake(case, rng)
  return case.channel ~= 'paper'
end

-- at 'legible': fields OCR is sure of go straight to the match
function legible_route(case, rng)
  if inv.legible(case, rng) then return 'match' end
  return 'verify'
end

function match_outcome(case, rng)
  if inv.match(case, 'ocr', rng) == 'exception' then return 'query' end
  return 'approval'
end

function exception_cause(case, rng)
  return inv.cause(case, 'ocr', rng)
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

function close_time(case, base, rng)
  return inv.close_time(base)
end

