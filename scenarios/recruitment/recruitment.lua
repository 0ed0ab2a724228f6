-- What both designs know about a vacancy, and the rules they share.
-- Loaded by as-is.lua and streamlined.lua with require 'recruitment'.
-- Every figure is in SOURCES.md, with its source or marked as assumed.
--
-- Common random numbers: new_vacancy draws the same numbers in the same
-- order in both designs, so vacancy k has the same grade, applicants,
-- clearance, candidate and notice everywhere.
local M = {}

local GRADES = {'AO', 'EO', 'HEO-SEO', 'G7-G6'}
local GRADE_SHARE = {0.30, 0.35, 0.25, 0.10}
-- applications per advert by grade (assumed medians)
local APPLICANTS = {['AO'] = 60, ['EO'] = 45, ['HEO-SEO'] = 35, ['G7-G6'] = 25}
local CLEARANCE = {'BPSS', 'SC', 'DV'}
local CLEARANCE_SHARE = {0.70, 0.25, 0.05}

function M.new_vacancy(case, rng)
  case.grade = rng:choice(GRADES, GRADE_SHARE)
  case.applicants = math.max(3, math.floor(rng:lognormal(APPLICANTS[case.grade], 0.5 * APPLICANTS[case.grade])))
  case.clearance = rng:choice(CLEARANCE, CLEARANCE_SHARE)
  case.internal = rng:uniform() < 0.35         -- the appointee already works in government
  case.covered = rng:uniform() < 0.20          -- a temp or contractor covers the post meanwhile
  case.in_plan = rng:uniform() < 0.75          -- the post is in the approved workforce plan
end

-- Sifting: both sifters read every application (assumed 4 minutes each
-- per application); base is the YAML's time for one application.
function M.sift_time(case, base)
  return base * case.applicants
end

-- Interviews: up to 6 candidates, or one in six applicants, at about an
-- hour and a quarter each with scoring (base: one interview's time).
function M.interview_time(case, base)
  local shortlist = math.min(6, math.max(2, case.applicants // 6))
  return base * shortlist
end

-- Pre-employment checks by third parties (BPSS: identity, right to work,
-- basic criminal record, references; SC and DV by UK Security Vetting).
-- base is the BPSS time drawn from the YAML; vetting adds to it (days).
-- DV: about 171 days more (PAC 2024: the highest level of clearance adds
-- 171 days on average); SC assumed about 35 days more.
function M.checks_time(case, base, rng)
  if case.clearance == 'DV' then   -- capped at a year (reorg's longest duration)
    return math.min(base + rng:lognormal(171 * DAY, 60 * DAY), 365 * DAY)
  end
  if case.clearance == 'SC' then return base + rng:lognormal(35 * DAY, 15 * DAY) end
  return base
end

-- The appointee's notice: about 4 weeks for a move within government;
-- from outside, a month up to EO and three months above (assumed).
function M.notice_time(case, base, rng)
  if case.internal then return 28 * DAY end
  if case.grade == 'AO' or case.grade == 'EO' then return 30 * DAY end
  return 90 * DAY
end

-- Vacancy cover: while the post is empty, one in five is covered by a
-- temp or contractor costing about 100 a working day more than the post
-- (assumed: agency staff for junior grades cost about what the post does
-- with its on-costs; interims and contractors for senior and specialist
-- posts far more). Charged once, at the start of the notice period, for
-- the whole vacancy (from the request to the start date): the budget
-- stops paying it when the post is filled sooner.
M.COVER_PREMIUM = 100
function M.vacancy_cost(case, notice)
  if not case.covered then return 0 end
  local days = (sim.now() - case.arrived + notice) / DAY
  return M.COVER_PREMIUM * days * 5 / 7
end

return M
