-- workdays: calendar helpers for rules, on the date tables sim.date() gives
-- ({year, month, day, hour, minute, second, weekday} with weekday 1 = Monday).
--
--   local workdays = require 'workdays'
--   local d = sim.date()
--   workdays.is_weekend(d)                 --> true on Saturday and Sunday
--   workdays.days_in_month(d.year, d.month)
--   workdays.left_in_month(d)              --> Monday-to-Friday days after today
--   workdays.is_month_end(d, 3)            --> within the last 3 working days
--   workdays.is_year_end(d, 4)             --> March, the last 4 working days (UK
--                                              public-sector year; give a month to change)
--   workdays.office_hours(d, 9, 17)        --> between 09:00 and 17:00 on a weekday
-- Public holidays are the calendars' business (YAML), not these helpers'.
local M = {}

local function check_date(d, fn)
  if type(d) ~= 'table' or type(d.year) ~= 'number' or type(d.month) ~= 'number'
     or type(d.day) ~= 'number' then
    error('workdays.' .. fn .. ': expected a date table from sim.date()', 3)
  end
end

function M.is_leap(year)
  return (year % 4 == 0 and year % 100 ~= 0) or year % 400 == 0
end

local LENGTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

function M.days_in_month(year, month)
  if month == 2 and M.is_leap(year) then return 29 end
  return LENGTH[month]
end

-- Weekday (1 = Monday) of a date, by Zeller's congruence (so it works on
-- any date, not only sim.date()'s).
function M.weekday(year, month, day)
  local m, y = month, year
  if m < 3 then m = m + 12; y = y - 1 end
  local k, j = y % 100, y // 100
  local h = (day + (13 * (m + 1)) // 5 + k + k // 4 + j // 4 + 5 * j) % 7 -- 0 = Saturday
  return (h + 5) % 7 + 1
end

function M.is_weekend(d)
  check_date(d, 'is_weekend')
  local wd = d.weekday or M.weekday(d.year, d.month, d.day)
  return wd >= 6
end

-- Working days (Monday to Friday) after d's day until the month's end.
function M.left_in_month(d)
  check_date(d, 'left_in_month')
  local n, last = 0, M.days_in_month(d.year, d.month)
  local wd = d.weekday or M.weekday(d.year, d.month, d.day)
  for _ = d.day + 1, last do
    wd = wd % 7 + 1
    if wd <= 5 then n = n + 1 end
  end
  return n
end

-- Is d a working day among the last n of its month?
function M.is_month_end(d, n)
  check_date(d, 'is_month_end')
  return not M.is_weekend(d) and M.left_in_month(d) < (n or 1)
end

-- Is d among the last n working days of the financial year ending in
-- month `last_month` (default 3, March)?
function M.is_year_end(d, n, last_month)
  check_date(d, 'is_year_end')
  return d.month == (last_month or 3) and M.is_month_end(d, n)
end

-- Is d on a weekday between from_hour and to_hour (24-hour clock)?
function M.office_hours(d, from_hour, to_hour)
  check_date(d, 'office_hours')
  if M.is_weekend(d) then return false end
  local h = d.hour + (d.minute or 0) / 60
  return h >= (from_hour or 9) and h < (to_hour or 17)
end

return M
