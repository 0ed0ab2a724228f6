-- What every design knows about a supplier invoice, and the policies that
-- differ between designs. Loaded by as-is.lua, digitise.lua and
-- clean-sheet.lua with require 'invoices'. Every figure is in SOURCES.md,
-- with its source or marked as assumed.
--
-- Common random numbers: new_invoice draws the same numbers in the same
-- order in every design, so invoice k has the same amount, lines and
-- supplier everywhere; a design only maps the draws differently (how many
-- suppliers send paper, whether a PO is required). Gateways draw from the
-- case's stream at a gateway of the same name, so a decision taken on the
-- same visit uses the same number in every design.
--
-- Kept lean: these functions run several times for every invoice, and the
-- headcount search simulates each design many times (SOURCES.md, speed).
local workdays = require 'workdays'   -- scripts/lua: month-end and year-end tests

local M = {}

-- Delegated financial authority (assumed, typical of a public body):
-- invoices of 25,000 or more also need a senior budget holder.
M.SENIOR_LIMIT = 25000
-- As-is local control: a PO-backed invoice of 5,000 or more is sent to the
-- budget holder even when it matches (belt and braces).
M.PO_REAPPROVAL_LIMIT = 5000

-- The invoice as it arrives, under a design's supplier mix: shares of
-- invoices on paper and as PDF (e-mail or portal upload; the rest are
-- structured e-invoices), and the share on a purchase order. A supplier
-- who sends paper in a design with less paper sends paper today too, and a
-- PO invoice today stays one.
function M.new_invoice(case, rng, mix)
  local u = rng:uniform()
  if u < mix.paper then case.channel = 'paper'
  elseif u < mix.paper + mix.pdf then case.channel = 'pdf'
  else case.channel = 'e-invoice' end
  case.po = rng:uniform() < mix.po
  case.amount = rng:lognormal(2500, 8000)
  case.lines = 1 + rng:poisson(2)
  case.sme = rng:uniform() < 0.5
  case.passes = 0
end

-- Misdirected invoices: sent to the budget holder, who forwards them to
-- AP when they next deal with their paperwork. Share by design (assumed;
-- SOURCES.md). The same draw in every design: the invoices misdirected in
-- a better design were misdirected in the as-is too.
function M.intake(case, share, rng)
  if rng:uniform() < share then return 'forward' end
  return 'receive'
end

-- Probability that the first match fails, by way of working ('manual',
-- 'ocr', 'einvoice'), channel and PO. Calibrated to Ardent Partners'
-- exception rates: average 22.6%, best-in-class 10.1% (SOURCES.md).
local FIRST = {
  manual = {po = 0.20, nopo = 0.26, paper_extra = 0.04},
  ocr = {po = 0.12, nopo = 0.18, paper_extra = 0.02},
  einvoice = {po = 0.12, nopo = 0.18, paper_extra = 0.02, structured_po = 0.05},
}
-- After a query is resolved the invoice is matched again; some still fail
-- (a credit note is needed, the receipt is still missing). Assumed.
M.REPEAT = 0.15

function M.exception_chance(case, how)
  if case.passes > 1 then return M.REPEAT end
  local t = FIRST[how]
  if case.channel == 'e-invoice' and case.po and t.structured_po then return t.structured_po end
  local p = case.po and t.po or t.nopo
  if case.channel == 'paper' then p = p + t.paper_extra end
  return p
end

-- The match: 'ok' or 'exception'. The first draw at the gateway is the
-- same in every design, so the invoices that fail in a better design are a
-- subset of those that fail in the as-is.
function M.match(case, how, rng)
  case.passes = case.passes + 1
  if rng:uniform() < M.exception_chance(case, how) then return 'exception' end
  return 'ok'
end

-- Cause of an exception: a capture error AP corrects itself ('correct'),
-- or a query to the budget holder ('confirm': receipt not confirmed, price
-- or quantity differs, coding). Share of capture errors (assumed).
local CAPTURE = {manual = {paper = 0.30, pdf = 0.20}, ocr = {paper = 0.12, pdf = 0.08},
                 einvoice = {paper = 0.12, pdf = 0.08, ['e-invoice'] = 0.0}}
function M.cause(case, how, rng)
  if rng:uniform() < (CAPTURE[how][case.channel] or 0) then return 'correct' end
  return 'confirm'
end

-- OCR: is every field read above the confidence threshold, or does a
-- person check it? (assumed: three PDFs in four, two paper scans in five)
local LEGIBLE = {pdf = 0.75, paper = 0.40, ['e-invoice'] = 1}
function M.legible(case, rng)
  return rng:uniform() < LEGIBLE[case.channel]
end

-- Approval after a successful match, under a design's policy.
-- policy.po_approval: the amount from which a matched PO invoice still
-- goes to the budget holder (nil: never, the PO was the approval).
function M.needs_approval(case, policy)
  if not case.po then return true end
  return policy.po_approval ~= nil and case.amount >= policy.po_approval
end

function M.needs_senior(case)
  return case.amount >= M.SENIOR_LIMIT
end

-- Work times that depend on the invoice (seconds in, seconds out).
function M.receive_time(case, base)
  if case.channel == 'paper' then return base * 2.5 end  -- open, stamp, prepare, scan
  return base * 0.8                                        -- save from the mailbox, log
end

function M.key_time(case, base)
  local t = base * (0.7 + 0.1 * case.lines)               -- header plus lines
  if case.channel == 'paper' then t = t * 1.1 end
  return t
end

-- Priority: SME suppliers first (central government aims to pay 90% of
-- SME invoices within 5 days), then first come, first served.
function M.sme_first(case)
  if case.sme then return 1 end
  return 0
end

-- Month end and year end: the AP team is also closing the books, so a
-- query worked in the last three working days of a month (the last five of
-- March, the financial year end) takes longer (assumed +25% and +50%).
-- Worked out once a simulated day (a replication's rules keep their
-- state), not at every call.
local factor_day, factor = -1, 1
function M.close_factor()
  local day = sim.now() // DAY
  if day ~= factor_day then
    local d = sim.date()
    factor_day = day
    if workdays.is_year_end(d, 5) then factor = 1.5
    elseif workdays.is_month_end(d, 3) then factor = 1.25
    else factor = 1 end
  end
  return factor
end

function M.close_time(base)
  return base * M.close_factor()
end

-- The rule functions every design's YAML names, for one design:
--   mix               the supplier channels and PO share (new_invoice)
--   to_budget_holder  share of invoices sent to a budget holder first
--   capture           'manual', 'ocr' or 'einvoice' (match and cause rates)
--   policy            the approval policy (needs_approval)
-- A design file takes them as its globals and adds its own.
function M.rules(d)
  local r = {sme_first = M.sme_first}
  function r.new_invoice(case, rng) M.new_invoice(case, rng, d.mix) end
  -- at 'intake'
  function r.intake_route(case, rng) return M.intake(case, d.to_budget_holder, rng) end
  -- at 'matched': a match, or an exception to query
  function r.match_outcome(case, rng)
    if M.match(case, d.capture, rng) == 'exception' then return 'query' end
    return 'approval'
  end
  -- at 'cause': an error AP corrects, or a query to the budget holder
  function r.exception_cause(case, rng) return M.cause(case, d.capture, rng) end
  -- at 'approval' and 'senior': delegated authority by amount
  function r.approval_route(case, rng)
    if M.needs_approval(case, d.policy) then return 'approve' end
    return 'pay'
  end
  function r.senior_route(case, rng)
    if M.needs_senior(case) then return 'approve-senior' end
    return 'pay'
  end
  function r.close_time(case, base, rng) return M.close_time(base) end
  return r
end

-- Make the rules r the design's globals (the functions its YAML names).
function M.use(r, env)
  for name, f in pairs(r) do env[name] = f end
end

return M
