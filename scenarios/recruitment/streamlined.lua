-- Rules of the streamlined design: the workforce plan approves posts in
-- it; the panel chair appoints.
local rec = require 'recruitment'

new_vacancy = rec.new_vacancy

-- at 'in-plan': posts in the approved workforce plan need no approval
function plan_route(case, rng)
  if case.in_plan then return 'advert-prep' end
  return 'director-approve'
end

-- at 'director-decision': one post outside the plan in ten comes back
-- (assumed); a revised case is accepted
function director_route(case, rng)
  if not case.revised and rng:uniform() < 0.10 then
    case.revised = true
    return 'revise'
  end
  return 'advert-prep'
end

-- at 'outcome': as in the as-is (the same draw: calendared panels do not
-- change who is appointable)
function outcome_route(case, rng)
  if rng:uniform() < 0.14 then return 'advert-prep' end
  return 'offer'
end

function sift_time(case, base, rng) return rec.sift_time(case, base) end
function interview_time(case, base, rng) return rec.interview_time(case, base) end
function checks_time(case, base, rng) return rec.checks_time(case, base, rng) end
function notice_time(case, base, rng) return rec.notice_time(case, base, rng) end
function vacancy_cost(case, work, rng) return rec.vacancy_cost(case, work) end
