-- What both designs know about an expense claim, and the policies that
-- differ. Loaded by as-is.lua and automated.lua with require 'claims'.
-- Every figure is in SOURCES.md, with its source or marked as assumed.
--
-- Common random numbers: new_claim draws the same numbers in the same
-- order in both designs, so claim k has the same amount, category and
-- "error-proneness" in each; a design only changes how likely that
-- proneness turns into an error. The claims with errors in the automated
-- design are a subset of those with errors in the as-is.
local M = {}

local CATEGORIES = {'mileage', 'rail', 'hotel', 'subsistence'}
local WEIGHTS = {0.35, 0.25, 0.20, 0.20}

-- Share of claims with an error or missing information: GBTA 19% today;
-- in the automated design 4% for items pre-populated from the card or the
-- travel booking, 10% for the rest (assumed). A third of errors overclaim
-- (assumed), by a quarter of the claim on average (assumed).
M.ERROR = {manual = 0.19, prepopulated = 0.04, keyed = 0.10}
M.OVERCLAIM_SHARE = 1 / 3
M.OVERCLAIM = 0.25

function M.new_claim(case, rng, how)
  case.amount = rng:lognormal(85, 90)
  case.category = rng:choice(CATEGORIES, WEIGHTS)
  -- paid on the corporate card or booked through the travel company:
  -- rail and hotels always, subsistence half the time, mileage never
  local u_card = rng:uniform()
  local u_err = rng:uniform()
  case.u_risk = rng:uniform()          -- the claimant's own history (for the risk score)
  case.carded = case.category == 'rail' or case.category == 'hotel'
                or (case.category == 'subsistence' and u_card < 0.5)
  local p
  if how == 'manual' then p = M.ERROR.manual
  elseif case.carded then p = M.ERROR.prepopulated
  else p = M.ERROR.keyed end
  case.error = u_err < p
  case.overclaim = u_err < p * M.OVERCLAIM_SHARE
  case.found = false
end

-- A check finds an error with probability `catch` (the case's stream at
-- this gateway and visit); a correction fixes it, and one in ten
-- corrections brings a new one (assumed).
function M.check(case, catch, rng)
  if case.error and rng:uniform() < catch then
    case.found = true
    return true
  end
  return false
end

function M.corrected(case, rng)
  case.error = rng:uniform() < 0.10
  case.overclaim = case.error and case.overclaim
end

-- Risk score of the automated design's rules engine (assumed weights):
-- a high amount, a hotel or a meal, an item not from the card, a claimant
-- with past findings.
function M.risk(case)
  local score = 0
  if case.amount >= 150 then score = score + 2 end
  if case.category == 'hotel' or case.category == 'subsistence' then score = score + 1 end
  if not case.carded then score = score + 1 end
  if case.u_risk < 0.10 then score = score + 2 end
  return score
end

-- Money paid out on an overclaim nobody found: the cost of not checking.
function M.leakage(case)
  if case.error and case.overclaim then return case.amount * M.OVERCLAIM end
  return 0
end

-- Claimant's time in the app: the YAML's duration is for a card or
-- booking item (a reason and a code, assumed 5 minutes); an item keyed by
-- hand or a mileage route takes 60% longer (assumed 8 minutes). The
-- as-is's paper form takes GBTA's 20 minutes whatever the item.
function M.prepare_time(case, base)
  if case.carded then return base end
  return base * 1.6
end

-- Duration at 'correct' (rule signature): the correction fixes the claim
-- and takes its base time.
function M.correct_time(case, base, rng)
  M.corrected(case, rng)
  return base
end

return M
