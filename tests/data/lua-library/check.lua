-- Checks of the shared rule library (scripts/lua), run in the sandbox by
-- test_rules; every value here was worked out by hand.
local bands = require 'bands'
local workdays = require 'workdays'

local function eq(got, want, what)
  if got ~= want then
    error(what .. ': got ' .. tostring(got) .. ', want ' .. tostring(want), 2)
  end
end

eq(bands.of(999.99, {1000, 10000}), 1, 'below the first limit')
eq(bands.of(1000, {1000, 10000}), 2, 'a limit belongs to the band above')
eq(bands.of(1e9, {1000, 10000}), 3, 'above every limit')
eq(bands.pick(5000, {1000, 10000}, {'low', 'mid', 'high'}), 'mid', 'pick')
eq(bands.approver(4999, {{5000, 'lead'}, {50000, 'head'}}, 'director'), 'lead', 'approver low')
eq(bands.approver(50000, {{5000, 'lead'}, {50000, 'head'}}, 'director'), 'director', 'approver top')
eq(pcall(bands.of, 1, {10, 5}), false, 'descending limits are refused')
eq(pcall(bands.pick, 1, {10}, {'a'}), false, 'labels must be one more than limits')

eq(workdays.weekday(2027, 1, 4), 1, '4 January 2027 is a Monday')
eq(workdays.weekday(2024, 2, 29), 4, '29 February 2024 is a Thursday')
eq(workdays.weekday(2000, 1, 1), 6, '1 January 2000 is a Saturday')
eq(workdays.days_in_month(2024, 2), 29, 'leap February')
eq(workdays.days_in_month(1900, 2), 28, '1900 is not a leap year')
eq(workdays.days_in_month(2000, 2), 29, '2000 is')
-- March 2027: the 31st is a Wednesday; the last three working days are 29-31
local d = {year = 2027, month = 3, day = 29, hour = 10, minute = 0, weekday = 1}
eq(workdays.left_in_month(d), 2, 'working days after 29 March 2027')
eq(workdays.is_month_end(d, 3), true, '29 March is in the last three')
eq(workdays.is_month_end({year = 2027, month = 3, day = 26}, 3), false, '26 March is not')
eq(workdays.is_year_end(d, 3), true, 'financial year end (March)')
eq(workdays.is_year_end(d, 3, 12), false, 'calendar year end')
eq(workdays.is_weekend({year = 2027, month = 3, day = 27}), true, '27 March 2027 is a Saturday')
eq(workdays.office_hours(d, 9, 17), true, '10:00 on a Monday')
eq(workdays.office_hours({year = 2027, month = 3, day = 29, hour = 17, minute = 0}, 9, 17),
   false, '17:00 is closed')
eq(pcall(workdays.is_weekend, 'monday'), false, 'a date table is required')
return 'library ok'
