-- Rules of the as-is design. The vacancy is in recruitment.lua (shared).
local rec = require 'recruitment'

new_vacancy = rec.new_vacancy

-- at 'vcp-decision': one vacancy in six goes back for more justification
-- (assumed); a revised case is accepted
function vcp_route(case, rng)
  if not case.revised and rng:uniform() < 0.15 then
    case.revised = true
    return 'revise'
  end
  return 'advert-prep'
end

-- at 'outcome': one campaign in seven finds nobody appointable (assumed);
-- the re-advert's draw is a new one
function outcome_route(case, rng)
  if rng:uniform() < 0.14 then return 'advert-prep' end
  return 'appoint-approve'
end

-- durations and the vacancy's cost, as recruitment.lua works them out
sift_time = rec.sift_time
interview_time = rec.interview_time
checks_time = rec.checks_time
notice_time = rec.notice_time
vacancy_cost = rec.vacancy_cost
