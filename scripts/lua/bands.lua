-- bands: put an amount (or any number) into a band by its limits.
--
--   local bands = require 'bands'
--   bands.of(2500, {1000, 10000})                   --> 2  (1: < 1000, 2: < 10000, 3: the rest)
--   bands.pick(2500, {1000, 10000}, {'low', 'mid', 'high'})   --> 'mid'
--   bands.approver(25000, {{5000, 'team-lead'}, {50000, 'head'}}, 'director')  --> 'head'
--
-- Limits are ascending; a value equal to a limit belongs to the band above
-- it (limits are "below this"), as delegations of authority are usually
-- written ("up to and not including 5,000").
local M = {}

local function check_limits(limits)
  for i = 2, #limits do
    if not (limits[i - 1] < limits[i]) then
      error('bands: limits must be ascending (limit ' .. i .. ')', 3)
    end
  end
end

-- The band number of x: 1 below limits[1], ..., #limits + 1 above the last.
function M.of(x, limits)
  if type(x) ~= 'number' then error('bands.of: x must be a number, got ' .. type(x), 2) end
  check_limits(limits)
  for i = 1, #limits do
    if x < limits[i] then return i end
  end
  return #limits + 1
end

-- The label of x's band: labels has one more entry than limits.
function M.pick(x, limits, labels)
  if #labels ~= #limits + 1 then
    error('bands.pick: ' .. #limits .. ' limits need ' .. (#limits + 1) .. ' labels, got '
          .. #labels, 2)
  end
  return labels[M.of(x, limits)]
end

-- A delegation table: {{limit, who}, ...} ascending; x below limit goes to
-- who; above every limit goes to top.
function M.approver(x, table_, top)
  for i = 1, #table_ do
    local row = table_[i]
    if i > 1 and not (table_[i - 1][1] < row[1]) then
      error('bands.approver: limits must be ascending (row ' .. i .. ')', 2)
    end
    if x < row[1] then return row[2] end
  end
  return top
end

return M
