local bands = require 'bands'

function new_invoice(case, rng)
  case.amount = rng:lognormal(2000, 3000)
  case.channel = rng:choice({'paper', 'pdf', 'einvoice'}, {0.3, 0.5, 0.2})
  case.band = bands.band(case.amount, {1000, 10000})
end

function bot_can_capture(case, rng)
  return case.channel ~= 'paper'
end

function capture_fee(case, work, rng)
  if case.channel == 'einvoice' then return 0 end
  return 0.25
end

function by_amount(case, rng)
  if case.amount < 500 then return 'end' end
  return 'check'
end

function check_time(case, base, rng)
  if case.band == 3 then return base * 2 end
  return base
end

function big_first(case, rng)
  return case.amount
end
