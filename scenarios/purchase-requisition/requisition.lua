-- What every design knows about a requisition, and the policies they share.
-- Loaded by as-is.lua, card-and-catalogue.lua and e-procurement.lua with
-- require 'requisition'. Figures and their sources: SOURCES.md.
local bands = require 'bands'       -- shared rule library, scripts/lua
local workdays = require 'workdays'

local M = {}

-- Thresholds of the organisation's procurement rules (assumed, typical of a
-- UK public body's standing orders; see SOURCES.md).
M.QUOTES_FROM = 5000       -- three written quotes from here
M.TENDER_FROM = 25000      -- a competition (framework mini-competition) from here
M.SENIOR_FROM = 10000      -- a senior budget holder approves from here

-- Attributes every requisition gets at arrival, from its own random stream,
-- so the same requisition is the same in every design.
function M.new(case, rng)
  -- value: lognormal, mean 3,000, sd 9,000 (median about 950): half under
  -- 1,000, about 86% under 5,000, about 1.6% at 25,000 or more
  case.amount = rng:lognormal(3000, 9000)
  case.band = bands.pick(case.amount, {1000, M.QUOTES_FROM, M.TENDER_FROM},
                         {'under-1k', 'under-5k', 'quotes', 'tender'})
  -- can it be bought from a framework catalogue (stationery, IT
  -- peripherals, furniture, consumables)? Mostly the small items.
  local p_catalogue = ({['under-1k'] = 0.65, ['under-5k'] = 0.45,
                        quotes = 0.15, tender = 0.02})[case.band]
  case.catalogue = rng:bernoulli(p_catalogue)
  case.urgent = rng:bernoulli(0.10)
  -- one uniform draw per requisition decides whether a buyer on the paper
  -- route goes off-contract; each design compares it with its own share
  case.u_contract = rng:uniform()
end

-- Share of catalogue items bought off-contract when the requester has no
-- catalogue to hand (the as-is), and the price premium paid then.
M.OFF_CONTRACT_PAPER = 0.35
M.OFF_CONTRACT_CATALOGUE = 0.10
M.PREMIUM = 0.05

-- cost at the order: the premium on catalogue items bought off-contract
function M.premium(case, share)
  if case.catalogue and case.u_contract < share then return M.PREMIUM * case.amount end
  return 0
end

-- route at the budget check: coding errors, missing budget, wrong form
function M.coding_ok(case, rng, p_error)
  if rng:bernoulli(p_error) then return 'fix' end
  return 'to-approver'
end

-- route to the approver of the requisition's value (delegated authority)
function M.approver(case)
  return bands.approver(case.amount, {{M.SENIOR_FROM, 'approve'}}, 'approve-senior')
end

-- route by value: below 5,000 the buyer orders from one quote; three
-- written quotes up to 25,000; a competition above
function M.sourcing(case)
  if case.amount < M.QUOTES_FROM then return 'select-supplier' end
  if case.amount < M.TENDER_FROM then return 'request-quotes' end
  return 'run-competition'
end

-- duration at the budget check: finance officers close the month in its last
-- three working days and the year in March's last five, and budget checks
-- wait behind the close
function M.close_slowdown(case, base, rng)
  local d = sim.date()
  if workdays.is_year_end(d, 5) then return base * 2.0 end
  if workdays.is_month_end(d, 3) then return base * 1.5 end
  return base
end

-- priority: urgent requisitions first
function M.urgent_first(case, rng)
  if case.urgent then return 1 end
  return 0
end

-- Route at the approval: the approver queries share p of requisitions back
-- to the requester ('fix'); the rest go on to sourcing. A design takes
-- approval_outcome = M.approval_outcome(its share).
function M.approval_outcome(p)
  return function(case, rng)
    if rng:bernoulli(p) then return 'fix' end
    return 'sourcing'
  end
end

return M
