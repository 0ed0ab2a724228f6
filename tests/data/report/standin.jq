# Keys of the report contract (docs/report.md, "What the reports read")
# that `reorg compare --json` does not write yet, filled in for the fixture
# only, each only where the result lacks it: a design's `structure` (one
# design of `reorg analyse --json`, slurped as $analysis), its pools' kind,
# department, rates and source, its `parameters`, and the top-level
# `method` (slurped as $method, built by update-golden). The figures below repeat
# study.yaml. Once compare writes a key, this leaves it alone; delete the
# file when it writes them all.

def pool_facts:
  {
    "as-is": {
      "clerks":   {kind: "staff", department: "intake",  cost_per_hour: 28, cost_per_transaction: 0, source: "pay scale AO 2026"},
      "officers": {kind: "staff", department: "finance", cost_per_hour: 36, cost_per_transaction: 0, source: null}
    },
    "digital": {
      "clerks":    {kind: "staff", department: "intake",  cost_per_hour: 28, cost_per_transaction: 0, source: null},
      "officers":  {kind: "staff", department: "finance", cost_per_hour: 36, cost_per_transaction: 0, source: null},
      "forms-bot": {kind: "bot",   department: "intake",  cost_per_hour: 0, cost_per_transaction: 0.05, source: "vendor price list"}
    },
    "one-team": {
      "officers": {kind: "staff", department: "finance", cost_per_hour: 36, cost_per_transaction: 0, source: null}
    }
  };

def parameters:
  {
    "as-is": [
      {kind: "pool", name: "clerks", field: "count", value: "3", source: "pay scale AO 2026"},
      {kind: "pool", name: "clerks", field: "cost_per_hour", value: "28", source: "pay scale AO 2026"},
      {kind: "pool", name: "officers", field: "count", value: "3", source: null},
      {kind: "pool", name: "officers", field: "cost_per_hour", value: "36", source: null},
      {kind: "arrival", name: "claims", field: "rate", value: "4/hour", source: "case log 2025"},
      {kind: "activity", name: "register", field: "duration", value: "triangular(6m, 10m, 20m)", source: "time study"},
      {kind: "activity", name: "check", field: "duration", value: "exponential(15m)", source: null},
      {kind: "activity", name: "rework", field: "duration", value: "pert(5m, 10m, 30m)", source: null},
      {kind: "activity", name: "approve", field: "duration", value: "exponential(8m)", source: null}
    ],
    "digital": [
      {kind: "pool", name: "clerks", field: "count", value: "3", source: null},
      {kind: "pool", name: "officers", field: "count", value: "3", source: null},
      {kind: "pool", name: "forms-bot", field: "count", value: "2", source: "vendor price list"},
      {kind: "pool", name: "forms-bot", field: "cost_per_transaction", value: "0.05", source: "vendor price list"},
      {kind: "arrival", name: "claims", field: "rate", value: "4/hour", source: null},
      {kind: "activity", name: "register", field: "duration", value: "30s", source: null},
      {kind: "activity", name: "check", field: "duration", value: "exponential(12m)", source: null}
    ],
    "one-team": [
      {kind: "pool", name: "officers", field: "count", value: "5", source: null},
      {kind: "arrival", name: "claims", field: "rate", value: "4/hour", source: null},
      {kind: "activity", name: "assess", field: "duration", value: "triangular(15m, 22m, 40m)", source: null}
    ]
  };

. as $r
| .designs |= map(
    . as $d
    | (if has("structure") then . else
         .structure = ($analysis[0].designs | map(select(.name == $d.name)) | first) end)
    | (if has("parameters") then . else .parameters = parameters[$d.name] end)
    | .pools |= map(. as $p | $p + ((pool_facts[$d.name][$p.name] // {})
        | with_entries(select(.key as $k | $p | has($k) | not))))
  )
| (if has("method") then . else .method = $method[0] end)
