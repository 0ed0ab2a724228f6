-- What every design knows about the three councils' work, and the rules
-- they share. Loaded by as-is.lua, pooled-centre.lua and
-- standardised-centre.lua with require 'councils'. Sources: SOURCES.md.
local workdays = require 'workdays'   -- shared rule library, scripts/lua

local M = {}

-- A new case: its council and kind (from the arrival stream), plus what the
-- rules decide on, drawn from the case's own stream so that the same case
-- is the same in every design.
function M.new(case, rng, council, kind)
  case.council = council
  case.kind = kind
  if kind == 'change' then
    -- starters, leavers, contract changes, overtime and allowance claims;
    -- how complete the manager's form is (one uniform draw, compared with
    -- each design's incompleteness rate)
    case.u_form = rng:uniform()
    -- changes a manager can key in self-service (standardised centre):
    -- variations and simple contract changes, not starters with checks
    case.self_service = rng:bernoulli(0.7)
  elseif kind == 'query' then
    -- queries a self-service payslip and pay portal can answer
    case.portal_answerable = rng:bernoulli(0.35)
  else
    -- invoices: value, and whether they come with a purchase order and an
    -- electronic invoice that a matching engine can take
    case.amount = rng:lognormal(1800, 6000)
    case.po_backed = rng:bernoulli(0.6)
    -- of those, the suppliers who can send an electronic invoice that a
    -- matching engine reads (the standardised centre's e-invoicing)
    case.e_invoice = case.po_backed and rng:bernoulli(0.75)
    case.u_match = rng:uniform()
  end
end

-- Each arrival stream's attributes rule: new_<council>_<kind>.
for _, council in ipairs({'north', 'east', 'west'}) do
  for _, kind in ipairs({'change', 'query', 'invoice'}) do
    M['new_' .. council .. '_' .. kind] = function(case, rng) M.new(case, rng, council, kind) end
  end
end

-- Payroll changes sent back to the manager as incomplete or unsigned.
M.INCOMPLETE_PAPER = 0.15        -- paper and e-mailed forms (assumed)
M.INCOMPLETE_SELF_SERVICE = 0.05 -- validated self-service forms (assumed)

-- Invoices that fail the match and need an exception handled.
M.EXCEPTIONS = 0.22              -- Ardent Partners 2019 average 22.6%
M.EXCEPTIONS_STANDARD = 0.12     -- one system, PO-backed: towards best-in-class 10.1%

-- Pay days: Northshire pays on the last working day of the month,
-- Eastbridge on the 15th, Westford on the 22nd (assumed; councils' pay
-- days differ). A payroll run (calculation, exception reports, checks,
-- BACS and pension returns) takes about an hour of officers' time per 100
-- payslips (assumed), spread over the five working days up to its pay day;
-- while it runs, the rest of the team's work slows by the share of its
-- time the run takes. In a pooled centre the three runs fall at different
-- times of the month and each takes a smaller share of a bigger team.
M.EMPLOYEES = {north = 3600, east = 900, west = 700}
M.PAY_DAY = {north = 31, east = 15, west = 22}
M.RUN_HOURS_PER_100 = 1.0

-- Working days (Monday to Friday) from d's day to day `last` of its month,
-- d's day included; nil when d is past it.
local function workdays_until(d, last)
  last = math.min(last, workdays.days_in_month(d.year, d.month))
  if d.day > last then return nil end
  local n, wd = 0, d.weekday
  for _ = d.day, last do
    if wd <= 5 then n = n + 1 end
    wd = wd % 7 + 1
  end
  return n
end

-- Is d a working day in the run window of `council`'s payroll?
function M.in_pay_run(d, council)
  if workdays.is_weekend(d) then return false end
  local left = workdays_until(d, M.PAY_DAY[council])
  return left ~= nil and left <= 5
end

-- What the calendar says about today, worked out once a simulated day (the
-- rules run for every case, the date changes once a day): which councils
-- run their payroll, and whether it is the month-end close.
local today, state = -1, {}
local function day_state()
  local day = sim.now() // DAY
  if day ~= today then
    today = day
    local d = sim.date()
    state = {
      north = M.in_pay_run(d, 'north'),
      east = M.in_pay_run(d, 'east'),
      west = M.in_pay_run(d, 'west'),
      month_end = workdays.is_month_end(d, 3),
    }
  end
  return state
end

-- Duration at payroll work in the team `team` (a pool name) serving the
-- councils in `served`: stretched while any of them runs its payroll, by
-- 1 / (1 - the share of the team's time the runs take), the share capped
-- at 0.6. hours_per_100 defaults to M.RUN_HOURS_PER_100.
function M.payroll_run(case, base, team, served, hours_per_100)
  local st = day_state()
  local run_hours = 0
  for _, c in ipairs(served) do
    if st[c] then
      run_hours = run_hours + M.EMPLOYEES[c] / 100 * (hours_per_100 or M.RUN_HOURS_PER_100)
    end
  end
  if run_hours == 0 then return base end
  local share = run_hours / (pool(team).count * 5 * 7.4)
  return base / (1 - math.min(share, 0.6))
end

-- Duration at invoice work: the month-end close (accruals, reconciliations)
-- takes part of the team's time in the last three working days of the
-- month, so invoice work slows by 30% then (assumed); the year-end shows in
-- March's volume (seasonality).
function M.ap_month_end(case, base, rng)
  if day_state().month_end then return base * 1.3 end
  return base
end

-- route at the completeness check of a payroll change: incomplete forms go
-- back to the manager, whose corrected form then passes
function M.form_check(case, rate, back, on)
  if case.u_form < rate then
    case.u_form = 1
    return back
  end
  return on
end

-- route at the invoice match
function M.match(case, rate, exception, on)
  if case.u_match < rate then return exception end
  return on
end

-- route after the match: an invoice without a purchase order needs its
-- budget holder's signature
function M.po_route(case, approval, on)
  if case.po_backed then return on end
  return approval
end

-- route at the exception's resolution: one in six still needs another round
function M.resolved(case, rng, again, on)
  if rng:bernoulli(1 / 6) then return again end
  return on
end

return M
