/*
 * model: the in-memory model of a study and its designs.
 *
 * A Study is what `reorg` reads from study.yaml and the design files it
 * names: the question (a baseline design and alternatives), the run settings
 * and, per design, the workflow graph with its departments, pools, calendars,
 * arrivals and activities. Everything is owned by the study's arena and freed
 * by model_free. Every element keeps the position it was read from, so later
 * stages (graph checks, rule errors) can point into the user's YAML.
 *
 * Units inside the model: time in seconds, money in the study's currency,
 * rates in cases per second of the rate's own period basis (see Arrival).
 * Indices are int; -1 means "none".
 */
#ifndef REORG_MODEL_H
#define REORG_MODEL_H

#include <stddef.h>

#include "../util/arena.h"
#include "../util/diag.h"
#include "dist.h"

#define MODEL_FORMAT_VERSION 1

/* A named thing read from YAML: its name, where it was defined, and an
 * optional note on where its figures come from (`source:`). */
typedef struct Named {
    const char *name;
    const char *label; /* display name; defaults to name */
    const char *source;
    SrcPos pos;
} Named;

typedef struct Department {
    Named id;
} Department;

/* Minutes since midnight, [start, end), end <= 1440. */
typedef struct Interval {
    int start, end;
} Interval;

#define CAL_DAYS 7 /* 0 = Monday ... 6 = Sunday */

typedef struct Calendar {
    Named id;
    int always; /* the built-in 24/7 calendar */
    Interval *hours[CAL_DAYS];
    size_t n_hours[CAL_DAYS];
    int *holidays; /* days since 1970-01-01, sorted ascending */
    size_t n_holidays;
    double open_hours_per_week; /* ignoring holidays */
} Calendar;

typedef enum PoolKind { POOL_STAFF, POOL_BOT } PoolKind;

typedef struct Pool {
    Named id;
    PoolKind kind;
    int count;                   /* resources in the pool, >= 1 */
    double cost_per_hour;        /* per resource per paid/open hour */
    double cost_per_transaction; /* per activity execution (bots, outsourcing) */
    int department;              /* index or -1 */
    int calendar;                /* index into Design.calendars (0 is `always`) */
    const char *department_name; /* as written, NULL when absent */
    const char *calendar_name;
    SrcPos department_pos, calendar_pos;
    int shared;                  /* imported from the study's shared file */
} Pool;

typedef enum RatePeriod {
    RATE_NONE,
    RATE_HOUR,
    RATE_DAY,
    RATE_WEEK,
    RATE_MONTH,
    RATE_YEAR
} RatePeriod;

/* How cases enter a design. Either a rate (volume per period; with a
 * calendar the volume arrives within the calendar's open hours of that
 * period) or an inter-arrival distribution. */
typedef struct Arrival {
    Named id;
    RatePeriod period; /* RATE_NONE when `every` is used */
    double rate;       /* cases per period */
    Dist every;        /* inter-arrival time when period == RATE_NONE */
    int calendar;      /* index or 0 (`always`) */
    double seasonality[12]; /* monthly factors, 1.0 when absent */
    int has_seasonality;
    const char *attributes_rule; /* Lua function name or NULL */
    SrcPos attributes_pos;
    const char *calendar_name;
    SrcPos calendar_pos;
} Arrival;

/* The rule names an activity may give (functions in the design's Lua file). */
typedef struct ActivityRules {
    const char *duration, *priority, *eligible, *cost;
    SrcPos duration_pos, priority_pos, eligible_pos, cost_pos;
} ActivityRules;

typedef struct Activity {
    Named id;
    int pool;      /* index, always set in a valid model */
    Dist duration; /* worked time */
    double cost;   /* fixed cost per execution */
    ActivityRules rules;
    const char *replaces; /* baseline activity this one renames, or NULL */
    int node;             /* index into Design.nodes */
    const char *pool_name;
    SrcPos pool_pos;
    /* `fallback`: who does the work when the eligible rule says the case
     * cannot go to `pool` (e.g. a clerk when the bot cannot take it) */
    int fallback;                /* pool index, or -1 */
    const char *fallback_name;
    SrcPos fallback_pos;
    Dist fallback_duration;      /* worked time there */
    int fallback_has_duration;   /* else `duration` is used */
    double fallback_share;       /* expected share of cases, for the analytic load */
} Activity;

typedef enum GatewayKind { GATEWAY_XOR, GATEWAY_AND } GatewayKind;

/* An xor branch probability as written: target name and value. */
typedef struct Branch {
    const char *target;
    double probability;
    SrcPos pos;
    int used; /* matched to an edge of the flow */
} Branch;

typedef struct Gateway {
    Named id;
    GatewayKind kind;
    /* xor routing rule, or NULL for probabilities; with a rule, branches are
     * optional expected shares, used only for the analytic load */
    const char *rule;
    SrcPos rule_pos;
    Branch *branches; /* xor probabilities by target, as written */
    size_t n_branches;
    SrcPos branches_pos;
    int node;
} Gateway;

typedef enum NodeKind { NODE_START, NODE_END, NODE_ACTIVITY, NODE_GATEWAY } NodeKind;

/* A vertex of the workflow graph. Edges are listed per node in flow order. */
typedef struct Node {
    NodeKind kind;
    const char *name;
    SrcPos pos;
    int ref;            /* activity or gateway index; -1 for start/end */
    int *out, *in;      /* edge indices */
    size_t n_out, n_in;
} Node;

typedef struct Edge {
    int from, to;       /* node indices */
    double probability; /* xor branch probability, or -1 when not given */
    SrcPos pos;         /* the target's name in its flow line */
} Edge;

/* An economic input: its likely value, and a range when one was given
 * ({low, likely, high}); without one, low = likely = high. */
typedef struct Uncertain {
    double low, likely, high;
    int ranged;
    const char *source;
    SrcPos pos;
} Uncertain;

#define ECON_MAX_STEPS 8
#define ECON_MAX_RAMP 20

/* What every design is appraised with (economics.h). */
typedef struct Economics {
    int present;            /* the study has the section */
    int years;              /* appraisal period */
    int base_year;
    const char *discount;   /* a preset's name (engine/presets), "constant" or "schedule" */
    const char *discount_title, *discount_source; /* the preset's; NULL otherwise */
    size_t n_steps;         /* the schedule: from step_from[i] on, step_rate[i] */
    int step_from[ECON_MAX_STEPS];
    double step_rate[ECON_MAX_STEPS];
    Uncertain volume_growth; /* a year, as a share */
    Uncertain fte_hours;     /* productive hours per full-time post a year; likely 0: not given */
    Uncertain on_costs;      /* a share of pay */
    double target_utilisation; /* headcount search: most a staff pool may be busy; 0: none */
    double target_wait;        /* ... and its longest mean wait, seconds; 0: none */
    double target_sla_share;   /* ... and the share of cases done within target_sla_within; 0: none */
    double target_sla_within;  /* seconds (run.sla when not given) */
    int target_baseline;       /* right-size the baseline to the same target */
    const char *source;
    SrcPos pos;
} Economics;

/* 1 when the study asks for a headcount search (economics.target). */
static inline int economics_has_target(const Economics *e) {
    return e->target_utilisation > 0 || e->target_wait > 0 || e->target_sla_share > 0;
}

/* What changing to a design costs (economics.h). */
typedef struct DesignCosts {
    int present;
    Uncertain implementation, licences, training, redundancy, other_once; /* one-off */
    Uncertain licences_a_year, maintenance, other_a_year; /* maintenance: share of implementation */
    double implementation_time; /* seconds before go-live */
    double parallel_running;    /* seconds both ways of working run after go-live */
    double ramp_up[ECON_MAX_RAMP];
    size_t n_ramp;
    Uncertain bias_capex, bias_duration; /* optimism bias upper bounds: one-off costs, time */
    Uncertain bias_opex;                 /* ... and recurring costs (outsourcing) */
    const char *bias_category;           /* the preset they come from, or NULL */
    double mitigation;                   /* of optimism bias, 0 to 1 */
    SrcPos pos;
} DesignCosts;

typedef struct Design {
    Named id;
    const char *file;       /* where the design was read (the study for inline) */
    const char *description;
    const char *rules_file; /* resolved path of the Lua file, or NULL */
    SrcPos rules_pos;
    Department *departments;
    size_t n_departments;
    Calendar *calendars; /* [0] is the built-in `always` */
    size_t n_calendars;
    Pool *pools;
    size_t n_pools;
    Arrival *arrivals;
    size_t n_arrivals;
    Activity *activities;
    size_t n_activities;
    Gateway *gateways;
    size_t n_gateways;
    Node *nodes; /* [0] is start; ends follow; then activities and gateways */
    size_t n_nodes;
    Edge *edges;
    size_t n_edges;
    int start;       /* node index of start (0) */
    size_t n_ends;   /* nodes 1..n_ends are end events */
    DesignCosts costs;
} Design;

typedef struct RunSettings {
    int replications;
    unsigned long long seed;
    double horizon;    /* seconds of simulated time, 0 when `cases` is used */
    double warmup;     /* seconds ignored by statistics */
    long cases;        /* stop after this many arrivals, 0 when horizon is used */
    double confidence; /* e.g. 0.95 */
    double sla;        /* cycle-time target in seconds, 0 when none */
    int start_day;     /* days since 1970-01-01 of the first simulated day */
    long rule_instructions; /* per rule call; 0: the default */
    long rule_memory_mib;   /* per Lua state; 0: the default */
    SrcPos pos;
} RunSettings;

typedef struct Study {
    Arena arena;
    const char *file; /* path of study.yaml as given */
    const char *dir;  /* its folder, for resolving relative paths */
    Named id;         /* id.name is the study's title */
    const char *description;
    const char *currency;
    int baseline; /* index into designs */
    Design *designs;
    size_t n_designs;
    RunSettings run;
    Economics economics;
    Design *shared; /* departments, calendars and pools from `shared:`, or NULL */
} Study;

/* Load and validate study.yaml and every design it names. Returns the study,
 * or NULL with the reasons in dl (each with file, line, column, key path).
 * Warnings may be added to dl even on success. Free with model_free. */
Study *model_load(const char *path, DiagList *dl);

/* Parse a study from a buffer (named file for messages, dir for relative
 * paths of design files); as model_load otherwise. Used by tests and fuzzing. */
Study *model_load_buffer(const char *file, const char *dir, const char *buf, size_t len,
                         DiagList *dl);

/* As model_load_buffer, with the model's memory capped at limit bytes
 * (0: the default cap). Past the cap loading fails with an error, never a
 * crash: tests use it to fail every allocation in turn. */
Study *model_load_buffer_limit(const char *file, const char *dir, const char *buf, size_t len,
                               size_t limit, DiagList *dl);

/* Free a study and everything it owns; NULL is a no-op. */
void model_free(Study *s);

/* Index of the named element, or -1. Linear: models have tens of elements. */
int model_find_design(const Study *s, const char *name);
int model_find_node(const Design *d, const char *name);
int model_find_pool(const Design *d, const char *name);

/* Names of the enums as written in YAML. */
const char *model_node_kind_name(NodeKind k);
const char *model_rate_period_name(RatePeriod p);

#endif
