-- What every design knows about a land title application, and the rules
-- they share. Loaded by as-is.lua and integrated-service.lua with
-- require 'title'. Figures and their sources: SOURCES.md.
local workdays = require 'workdays'   -- shared rule library, scripts/lua

local M = {}

-- Attributes of a new application, from its own random stream (the same
-- application in every design).
function M.new(case, rng, channel)
  case.channel = channel
  case.value = rng:lognormal(280000, 200000)     -- the property's value
  -- what makes an application risky or complex (assumed shares)
  case.probate = rng:bernoulli(0.20)             -- inheritance: title through an estate
  case.name_mismatch = rng:bernoulli(0.10)       -- names differ between deeds and register
  case.attorney = rng:bernoulli(0.05)            -- signed under a power of attorney
  case.old_record = rng:bernoulli(0.15)          -- history only on old paper records
  -- the risk score (points): a registrar approves from RISK_APPROVAL up
  local risk = 0
  if case.value >= 1000000 then risk = risk + 2 end
  if case.name_mismatch then risk = risk + 2 end
  if case.attorney then risk = risk + 3 end
  if case.probate then risk = risk + 1 end
  if case.old_record then risk = risk + 2 end
  case.risk = risk
  -- one uniform draw each for the requisition and the payment mismatch,
  -- compared with each design's rates
  case.u_requisition = rng:uniform()
  case.u_payment = rng:uniform()
end

function M.new_counter(case, rng) M.new(case, rng, 'counter') end
function M.new_online(case, rng) M.new(case, rng, 'online') end

M.RISK_APPROVAL = 3

-- route at the approval check: high-risk cases go to a registrar
function M.approval(case, approve, on)
  if case.risk >= M.RISK_APPROVAL then return approve end
  return on
end

-- Examination time: complex titles take longer (history on paper, estates,
-- attorneys); base is the routine time.
function M.examine_time(case, base, rng)
  local f = 1
  if case.old_record then f = f + 0.8 end
  if case.probate then f = f + 0.4 end
  if case.attorney then f = f + 0.3 end
  if case.name_mismatch then f = f + 0.3 end
  return base * f
end

-- route at the examination: a requisition (a request for missing or
-- inconsistent documents) with probability `rate` for a clean application,
-- more for a complex one; once answered, the application passes
function M.requisition(case, rate, back, on)
  local p = rate
  if case.old_record or case.probate then p = p * 1.6 end
  if case.u_requisition < p then
    case.u_requisition = 1
    return back
  end
  return on
end

-- the revenue agency's cashiers cash up at month-end (the last two working
-- days), so payments take longer then (assumed)
local today, month_end = -1, false
function M.cash_up(case, base, rng)
  local day = sim.now() // DAY
  if day ~= today then today = day; month_end = workdays.is_month_end(sim.date(), 2) end
  if month_end then return base * 1.5 end
  return base
end

return M
