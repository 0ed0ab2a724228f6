-- a table of 400,000 entries built when the file loads
local squares = {}
for i = 1, 400000 do squares[i] = i * i end

function classify(case, rng)
  case.square = squares[rng:integer(1, #squares)]
end
