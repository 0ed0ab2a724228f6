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

-- durations and the vacancy's cost, as recruitment.lua works them out
sift_time = rec.sift_time
interview_time = rec.interview_time
checks_time = rec.checks_time
notice_time = rec.notice_time
vacancy_cost = rec.vacancy_cost
