/*
 * design: reading one design from YAML (design.h).
 */
#include "design.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "distread.h"
#include "economics.h"
#include "flow.h"
#include "units.h"

static const char *const DESIGN_KEYS[] = {
    "reorg", "label",  "description", "source",     "rules", "departments", "calendars",
    "pools", "arrivals", "activities", "gateways", "ends",  "flow",        "costs", NULL};
static const char *const SHARED_KEYS[] = {"reorg", "description", "source", "departments",
                                          "calendars", "pools", NULL};
static const char *const NAMED_KEYS[] = {"label", "source", NULL};
static const char *const CALENDAR_KEYS[] = {"weekdays", "hours", "holidays", "label", "source",
                                            NULL};
static const char *const POOL_KEYS[] = {"count",    "kind",     "cost_per_hour",
                                        "cost_per_transaction", "department", "calendar",
                                        "label",    "source",   NULL};
static const char *const ARRIVAL_KEYS[] = {"rate",       "every",  "calendar", "seasonality",
                                           "attributes", "label",  "source",   NULL};
static const char *const WEEKDAYS[CAL_DAYS] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const MONTHS[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};

const char *design_join_path(Arena *a, const char *dir, const char *path) {
    if (path[0] == '/' || !dir || !*dir || strcmp(dir, ".") == 0) return path;
    return arena_printf(a, "%s/%s", dir, path);
}

const char *design_dir_of(Arena *a, const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return ".";
    if (slash == path) return "/";
    return arena_strndup(a, path, (size_t)(slash - path));
}

/* ---- departments ------------------------------------------------------ */

static int read_departments(Reader *r, Design *d, const YtNode *root) {
    const YtNode *n = rd_get(root, "departments");
    if (!n) return 0;
    size_t old = rd_push(r, "departments");
    int rc = 0;
    if (n->kind == YT_SEQ) { /* departments: [finance, hr] */
        d->departments = arena_array(r->arena, n->count ? n->count : 1, sizeof *d->departments);
        for (size_t i = 0; d->departments && i < n->count; i++) {
            const YtNode *item = n->items[i];
            size_t o2 = rd_push_index(r, i);
            if (rd_expect(r, item, YT_SCALAR, "a department name") ||
                rd_check_name(r, item, "department")) {
                rc = -1;
            } else {
                for (size_t j = 0; j < d->n_departments; j++)
                    if (strcmp(d->departments[j].id.name, item->str) == 0) {
                        rd_error(r, item, "department '%s' listed twice", item->str);
                        rc = -1;
                    }
                Named *id = &d->departments[d->n_departments++].id;
                rd_named(r, id, item, item);
            }
            rd_pop(r, o2);
        }
    } else {
        rd_pop(r, old);
        const YtNode *map;
        if (rd_section(r, root, "departments", "department", &map)) return -1;
        if (!map) return 0;
        old = rd_push(r, "departments");
        d->departments = arena_array(r->arena, map->count, sizeof *d->departments);
        for (size_t i = 0; d->departments && i < map->count; i++) {
            const YtNode *k = YT_KEY(map, i), *v = YT_VAL(map, i);
            size_t o2 = rd_push(r, k->str);
            if (v->kind == YT_MAP) {
                if (rd_check_keys(r, v, NAMED_KEYS)) rc = -1;
            } else if (!(v->kind == YT_SCALAR && v->len == 0 && !v->quoted)) {
                rd_expect(r, v, YT_MAP, "a mapping (label, source) or nothing");
                rc = -1;
            }
            if (rd_named(r, &d->departments[d->n_departments++].id, k, v)) rc = -1;
            rd_pop(r, o2);
        }
    }
    rd_pop(r, old);
    return rc;
}

/* ---- calendars ---------------------------------------------------------- */

static int weekday_index(const char *s) {
    for (int i = 0; i < CAL_DAYS; i++)
        if (strcmp(s, WEEKDAYS[i]) == 0) return i;
    return -1;
}

/* One day's opening hours: ["08:30-12:30", "13:30-17:00"]. */
static int read_intervals(Reader *r, Calendar *c, int day, const YtNode *n) {
    if (rd_expect(r, n, YT_SEQ, "a list of opening hours such as [\"09:00-12:30\", \"13:30-17:00\"]"))
        return -1;
    c->hours[day] = arena_array(r->arena, n->count ? n->count : 1, sizeof(Interval));
    if (!c->hours[day]) return -1;
    int rc = 0;
    for (size_t i = 0; i < n->count; i++) {
        const YtNode *item = n->items[i];
        size_t old = rd_push_index(r, i);
        const char *text;
        if (rd_scalar_text(r, item, &text) < 0) {
            rc = -1;
        } else {
            const char *dash = strchr(text, '-');
            char a[16] = "", b[16] = "";
            if (dash && (size_t)(dash - text) < sizeof a && strlen(dash + 1) < sizeof b) {
                memcpy(a, text, (size_t)(dash - text));
                strcpy(b, dash + 1);
            }
            int from, to;
            size_t off;
            const char *why;
            if (!dash || units_clock(a, &from, &off, &why) ||
                units_clock(b, &to, &off, &why)) {
                rd_error(r, item, "expected opening hours as HH:MM-HH:MM (got '%s')", text);
                rc = -1;
            } else if (from >= to) {
                rd_error(r, item, "opening hours must end after they start (got '%s')", text);
                rc = -1;
            } else if (c->n_hours[day] && from < c->hours[day][c->n_hours[day] - 1].end) {
                rd_error(r, item, "opening hours must be in order and not overlap (got '%s')",
                         text);
                rc = -1;
            } else {
                c->hours[day][c->n_hours[day]++] = (Interval){from, to};
            }
        }
        rd_pop(r, old);
    }
    return rc;
}

static int read_calendar(Reader *r, Calendar *c, const YtNode *k, const YtNode *v) {
    int rc = rd_named(r, &c->id, k, v); /* named first: later passes need it */
    if (rd_expect(r, v, YT_MAP, NULL)) return -1;
    if (rd_check_keys(r, v, CALENDAR_KEYS)) rc = -1;
    const YtNode *hours = rd_get(v, "hours"), *days = rd_get(v, "weekdays");
    int open[CAL_DAYS] = {1, 1, 1, 1, 1, 0, 0};
    if (days) {
        size_t old = rd_push(r, "weekdays");
        if (rd_expect(r, days, YT_SEQ, "a list of weekdays such as [mon, tue, wed, thu, fri]")) {
            rc = -1;
        } else {
            memset(open, 0, sizeof open);
            for (size_t i = 0; i < days->count; i++) {
                const YtNode *it = days->items[i];
                int w = it->kind == YT_SCALAR ? weekday_index(it->str) : -1;
                if (w < 0) {
                    rd_error(r, it, "expected a weekday: mon, tue, wed, thu, fri, sat or sun");
                    rc = -1;
                } else if (open[w]) {
                    rd_error(r, it, "weekday '%s' listed twice", it->str);
                    rc = -1;
                } else {
                    open[w] = 1;
                }
            }
        }
        rd_pop(r, old);
    }
    if (!hours) {
        size_t old = rd_push(r, "hours");
        rd_error(r, v, "missing key 'hours' (e.g. hours: [\"09:00-12:30\", \"13:30-17:00\"])");
        rd_pop(r, old);
        return -1;
    }
    size_t old = rd_push(r, "hours");
    if (hours->kind == YT_MAP) { /* hours by weekday */
        if (days) {
            rd_error(r, hours, "give either weekdays with one list of hours, or hours by "
                               "weekday, not both");
            rc = -1;
        }
        for (size_t i = 0; i < hours->count; i++) {
            const YtNode *dk = YT_KEY(hours, i);
            int w = weekday_index(dk->str);
            size_t o2 = rd_push(r, dk->str);
            if (w < 0) {
                rd_error(r, dk, "expected a weekday: mon, tue, wed, thu, fri, sat or sun");
                rc = -1;
            } else if (read_intervals(r, c, w, YT_VAL(hours, i))) {
                rc = -1;
            }
            rd_pop(r, o2);
        }
    } else if (hours->kind == YT_SEQ) {
        for (int w = 0; w < CAL_DAYS; w++) {
            if (!open[w]) continue;
            size_t errors = (size_t)r->dl->errors;
            if (read_intervals(r, c, w, hours)) rc = -1;
            if ((size_t)r->dl->errors > errors) break; /* report once, not per weekday */
        }
    } else {
        rd_expect(r, hours, YT_SEQ, "a list of opening hours such as [\"09:00-17:00\"]");
        rc = -1;
    }
    rd_pop(r, old);
    double minutes = 0;
    for (int w = 0; w < CAL_DAYS; w++)
        for (size_t i = 0; i < c->n_hours[w]; i++)
            minutes += c->hours[w][i].end - c->hours[w][i].start;
    c->open_hours_per_week = minutes / 60.0;
    if (rc == 0 && minutes == 0) {
        rd_error(r, v, "the calendar is never open");
        rc = -1;
    }
    const YtNode *hol = rd_get(v, "holidays");
    if (hol) {
        old = rd_push(r, "holidays");
        if (rd_expect(r, hol, YT_SEQ, "a list of dates such as [2027-12-25, 2027-12-26]")) {
            rc = -1;
        } else {
            c->holidays = arena_array(r->arena, hol->count ? hol->count : 1, sizeof(int));
            for (size_t i = 0; c->holidays && i < hol->count; i++) {
                const YtNode *it = hol->items[i];
                const char *text;
                size_t off;
                const char *why;
                int day;
                if (rd_scalar_text(r, it, &text) < 0) {
                    rc = -1;
                } else if (units_date(text, &day, &off, &why)) {
                    rd_error_at(r, ytree_pos_at(it, off), "%s (got '%s')", why, text);
                    rc = -1;
                } else {
                    /* insertion keeps them sorted; duplicates are harmless but noted */
                    size_t j = c->n_holidays;
                    while (j > 0 && c->holidays[j - 1] > day) {
                        c->holidays[j] = c->holidays[j - 1];
                        j--;
                    }
                    if (j > 0 && c->holidays[j - 1] == day) {
                        rd_warning(r, it, "holiday %s listed twice", text);
                        memmove(c->holidays + j, c->holidays + j + 1,
                                (c->n_holidays - j) * sizeof(int));
                        continue;
                    }
                    c->holidays[j] = day;
                    c->n_holidays++;
                }
            }
        }
        rd_pop(r, old);
    }
    return rc;
}

static int read_calendars(Reader *r, Design *d, const YtNode *root) {
    const YtNode *map;
    int rc = rd_section(r, root, "calendars", "calendar", &map);
    size_t n = map ? map->count : 0;
    d->calendars = arena_array(r->arena, n + 1, sizeof *d->calendars);
    if (!d->calendars) return -1;
    Calendar *always = &d->calendars[0];
    always->id.name = always->id.label = "always";
    always->always = 1;
    always->open_hours_per_week = 168;
    d->n_calendars = 1;
    if (!map) return rc;
    size_t old = rd_push(r, "calendars");
    for (size_t i = 0; i < n; i++) {
        const YtNode *k = YT_KEY(map, i);
        size_t o2 = rd_push(r, k->str);
        if (strcmp(k->str, "always") == 0) {
            rd_error(r, k, "'always' is the built-in 24/7 calendar; choose another name");
            rc = -1;
        } else if (read_calendar(r, &d->calendars[d->n_calendars++], k, YT_VAL(map, i))) {
            rc = -1;
        }
        rd_pop(r, o2);
    }
    rd_pop(r, old);
    return rc;
}

/* ---- pools -------------------------------------------------------------- */

static int read_pool(Reader *r, Pool *p, const YtNode *k, const YtNode *v) {
    int rc = rd_named(r, &p->id, k, v); /* named first: later passes need it */
    if (rd_expect(r, v, YT_MAP, NULL)) return -1;
    if (rd_check_keys(r, v, POOL_KEYS)) rc = -1;
    long count = 0;
    if (rd_integer(r, v, "count", 1, 1, 100000, &count) < 0) rc = -1;
    p->count = (int)count;
    const char *kind = "staff";
    if (rd_string(r, v, "kind", 0, &kind) < 0) rc = -1;
    if (strcmp(kind, "staff") == 0) {
        p->kind = POOL_STAFF;
    } else if (strcmp(kind, "bot") == 0) {
        p->kind = POOL_BOT;
    } else {
        size_t old = rd_push(r, "kind");
        rd_error(r, rd_get(v, "kind"), "expected staff or bot (got '%s')", kind);
        rd_pop(r, old);
        rc = -1;
    }
    if (rd_number(r, v, "cost_per_hour", 0, 0, 1e7, &p->cost_per_hour) < 0) rc = -1;
    if (rd_number(r, v, "cost_per_transaction", 0, 0, 1e7, &p->cost_per_transaction) < 0)
        rc = -1;
    p->department = -1;
    p->calendar = 0;
    const YtNode *dep = rd_get(v, "department"), *cal = rd_get(v, "calendar");
    if (rd_string(r, v, "department", 0, &p->department_name) < 0) rc = -1;
    if (dep) p->department_pos = dep->pos;
    if (rd_string(r, v, "calendar", 0, &p->calendar_name) < 0) rc = -1;
    if (cal) p->calendar_pos = cal->pos;
    return rc;
}

static int read_pools(Reader *r, Design *d, const YtNode *root) {
    const YtNode *map;
    int rc = rd_section(r, root, "pools", "pool", &map);
    size_t n = map ? map->count : 0;
    d->pools = arena_array(r->arena, n + 1, sizeof *d->pools);
    if (!d->pools) return -1;
    if (!map) return rc;
    size_t old = rd_push(r, "pools");
    for (size_t i = 0; i < n; i++) {
        const YtNode *k = YT_KEY(map, i);
        size_t o2 = rd_push(r, k->str);
        if (read_pool(r, &d->pools[d->n_pools++], k, YT_VAL(map, i))) rc = -1;
        rd_pop(r, o2);
    }
    rd_pop(r, old);
    return rc;
}

/* ---- arrivals ----------------------------------------------------------- */

static int read_seasonality(Reader *r, Arrival *a, const YtNode *n) {
    size_t old = rd_push(r, "seasonality");
    int rc = 0;
    for (int m = 0; m < 12; m++) a->seasonality[m] = 1.0;
    a->has_seasonality = 1;
    if (n->kind == YT_SEQ) {
        if (n->count != 12) {
            rd_error(r, n, "expected 12 monthly factors, jan to dec (got %zu)", n->count);
            rc = -1;
        }
        for (size_t i = 0; i < n->count && i < 12; i++) {
            size_t o2 = rd_push_index(r, i);
            if (rd_scalar_number(r, n->items[i], 0, 100, &a->seasonality[i]) < 0) rc = -1;
            rd_pop(r, o2);
        }
    } else if (n->kind == YT_MAP) {
        for (size_t i = 0; i < n->count; i++) {
            const YtNode *k = YT_KEY(n, i);
            int m = -1;
            for (int j = 0; j < 12; j++)
                if (strcmp(k->str, MONTHS[j]) == 0) m = j;
            size_t o2 = rd_push(r, k->str);
            if (m < 0) {
                rd_error(r, k, "expected a month: jan, feb, ... dec");
                rc = -1;
            } else if (rd_scalar_number(r, YT_VAL(n, i), 0, 100, &a->seasonality[m]) < 0) {
                rc = -1;
            }
            rd_pop(r, o2);
        }
    } else {
        rd_expect(r, n, YT_MAP, "12 monthly factors as a list, or a mapping such as {dec: 0.8}");
        rc = -1;
    }
    double sum = 0;
    for (int m = 0; m < 12; m++) sum += a->seasonality[m];
    if (rc == 0 && sum == 0) {
        rd_error(r, n, "every monthly factor is 0: no case would arrive");
        rc = -1;
    }
    rd_pop(r, old);
    return rc;
}

static int read_arrival(Reader *r, Arrival *a, const YtNode *k, const YtNode *v) {
    int rc = rd_named(r, &a->id, k, v); /* named first: later passes need it */
    if (rd_expect(r, v, YT_MAP, NULL)) return -1;
    if (rd_check_keys(r, v, ARRIVAL_KEYS)) rc = -1;
    const YtNode *rate = rd_get(v, "rate"), *every = rd_get(v, "every");
    if (rate && every) {
        rd_error(r, v, "give either rate or every, not both");
        rc = -1;
    } else if (rate) {
        size_t old = rd_push(r, "rate");
        const char *text;
        size_t off;
        const char *why;
        if (rd_scalar_text(r, rate, &text) < 0) {
            rc = -1;
        } else if (units_rate(text, &a->rate, &a->period, &off, &why)) {
            rd_error_at(r, ytree_pos_at(rate, off), "%s (got '%s')", why, text);
            rc = -1;
        }
        rd_pop(r, old);
    } else if (every) {
        size_t old = rd_push(r, "every");
        a->period = RATE_NONE;
        if (distread_node(r, every, 1, &a->every) < 0) {
            rc = -1;
        } else if (!(dist_mean(&a->every) > 0)) {
            rd_error(r, every, "the mean time between arrivals must be greater than 0");
            rc = -1;
        }
        rd_pop(r, old);
    } else {
        rd_error(r, v, "missing key 'rate' (e.g. 400/day) or 'every' (e.g. exponential(5m))");
        rc = -1;
    }
    const YtNode *cal = rd_get(v, "calendar");
    if (rd_string(r, v, "calendar", 0, &a->calendar_name) < 0) rc = -1;
    if (cal) a->calendar_pos = cal->pos;
    const YtNode *season = rd_get(v, "seasonality");
    if (season && read_seasonality(r, a, season)) rc = -1;
    if (!season)
        for (int m = 0; m < 12; m++) a->seasonality[m] = 1.0;
    if (rd_rule_name(r, v, "attributes", 0, &a->attributes_rule, &a->attributes_pos) < 0)
        rc = -1;
    return rc;
}

static int read_arrivals(Reader *r, Design *d, const YtNode *root) {
    const YtNode *map;
    int rc = rd_section(r, root, "arrivals", "arrival", &map);
    if (!map) {
        if (rc == 0) {
            size_t old = rd_push(r, "arrivals");
            rd_error(r, root, "missing key 'arrivals': how do cases enter this design?");
            rd_pop(r, old);
        }
        return -1;
    }
    if (map->count == 0) {
        size_t old = rd_push(r, "arrivals");
        rd_error(r, map, "a design needs at least one arrival process: how do cases enter?");
        rd_pop(r, old);
        return -1;
    }
    d->arrivals = arena_array(r->arena, map->count, sizeof *d->arrivals);
    if (!d->arrivals) return -1;
    size_t old = rd_push(r, "arrivals");
    for (size_t i = 0; i < map->count; i++) {
        const YtNode *k = YT_KEY(map, i);
        size_t o2 = rd_push(r, k->str);
        if (read_arrival(r, &d->arrivals[d->n_arrivals++], k, YT_VAL(map, i))) rc = -1;
        rd_pop(r, o2);
    }
    rd_pop(r, old);
    return rc;
}

/* ---- resolving names, with the shared file as a fallback --------------- */

/* Arena arrays cannot grow in place: copy into one a slot larger. */
static void *grow(Arena *a, void *old, size_t n, size_t size) {
    void *p = arena_array(a, n + 1, size);
    if (p && n) memcpy(p, old, n * size);
    return p;
}

static int find_department(const Design *d, const char *name) {
    for (size_t i = 0; i < d->n_departments; i++)
        if (strcmp(d->departments[i].id.name, name) == 0) return (int)i;
    return -1;
}

static int find_calendar(const Design *d, const char *name) {
    for (size_t i = 0; i < d->n_calendars; i++)
        if (strcmp(d->calendars[i].id.name, name) == 0) return (int)i;
    return -1;
}

/* "unknown pool 'x' (did you mean 'y'?)", looking in the design and the
 * shared file for the suggestion. */
static void unknown_ref(Reader *r, SrcPos pos, const char *what, const char *name,
                        const Named *local, size_t n_local, size_t stride, const Named *shared,
                        size_t n_shared) {
    DiagSuggest s;
    diag_suggest_init(&s, name);
    for (size_t i = 0; i < n_local; i++)
        diag_suggest_try(&s, ((const Named *)((const char *)local + i * stride))->name);
    for (size_t i = 0; i < n_shared; i++)
        diag_suggest_try(&s, ((const Named *)((const char *)shared + i * stride))->name);
    if (s.best)
        rd_error_at(r, pos, "unknown %s '%s' (did you mean '%s'?)", what, name, s.best);
    else
        rd_error_at(r, pos, "unknown %s '%s'; define it under %ss%s", what, name, what,
                    shared ? " or in the study's shared file" : "");
}

static int resolve_department(Reader *r, Design *d, const Design *sh, const char *name,
                              SrcPos pos) {
    int i = find_department(d, name);
    if (i >= 0) return i;
    int j = sh ? find_department(sh, name) : -1;
    if (j < 0) {
        unknown_ref(r, pos, "department", name, d->departments ? &d->departments->id : NULL,
                    d->n_departments, sizeof(Department),
                    sh && sh->departments ? &sh->departments->id : NULL,
                    sh ? sh->n_departments : 0);
        return -1;
    }
    Department *n = grow(r->arena, d->departments, d->n_departments, sizeof *n);
    if (!n) return -1;
    n[d->n_departments] = sh->departments[j];
    d->departments = n;
    return (int)d->n_departments++;
}

static int resolve_calendar(Reader *r, Design *d, const Design *sh, const char *name,
                            SrcPos pos) {
    int i = find_calendar(d, name);
    if (i >= 0) return i;
    int j = sh ? find_calendar(sh, name) : -1;
    if (j < 0) {
        unknown_ref(r, pos, "calendar", name, d->calendars ? &d->calendars->id : NULL,
                    d->n_calendars, sizeof(Calendar),
                    sh && sh->calendars ? &sh->calendars->id : NULL, sh ? sh->n_calendars : 0);
        return -1;
    }
    Calendar *n = grow(r->arena, d->calendars, d->n_calendars, sizeof *n);
    if (!n) return -1;
    n[d->n_calendars] = sh->calendars[j];
    d->calendars = n;
    return (int)d->n_calendars++;
}

/* A pool's department and calendar, looked up where the pool is used. */
static int resolve_pool_refs(Reader *r, Design *d, const Design *sh, Pool *p) {
    int rc = 0;
    size_t old = rd_push(r, "pools");
    size_t o2 = rd_push(r, p->id.name);
    if (p->department_name) {
        size_t o3 = rd_push(r, "department");
        p->department = resolve_department(r, d, sh, p->department_name, p->department_pos);
        if (p->department < 0) rc = -1;
        rd_pop(r, o3);
    }
    if (p->calendar_name) {
        size_t o3 = rd_push(r, "calendar");
        p->calendar = resolve_calendar(r, d, sh, p->calendar_name, p->calendar_pos);
        if (p->calendar < 0) rc = -1;
        rd_pop(r, o3);
    }
    rd_pop(r, o2);
    rd_pop(r, old);
    return rc;
}

static int resolve_pool(Reader *r, Design *d, const Design *sh, const char *name, SrcPos pos) {
    int i = model_find_pool(d, name);
    if (i >= 0) return i;
    int j = sh ? model_find_pool(sh, name) : -1;
    if (j < 0) {
        unknown_ref(r, pos, "pool", name, d->pools ? &d->pools->id : NULL, d->n_pools, sizeof(Pool),
                    sh && sh->pools ? &sh->pools->id : NULL, sh ? sh->n_pools : 0);
        return -1;
    }
    Pool *n = grow(r->arena, d->pools, d->n_pools, sizeof *n);
    if (!n) return -1;
    n[d->n_pools] = sh->pools[j];
    n[d->n_pools].shared = 1;
    n[d->n_pools].department = -1;
    n[d->n_pools].calendar = 0;
    d->pools = n;
    int idx = (int)d->n_pools++;
    /* its department and calendar come along, by name, from the shared file;
     * a name the shared file could not resolve was reported there already */
    const Pool *sp = &sh->pools[j];
    if ((sp->department_name && sp->department < 0) || (sp->calendar_name && sp->calendar < 0))
        return -1;
    if (resolve_pool_refs(r, d, sh, &d->pools[idx])) return -1;
    return idx;
}

static int resolve(Reader *r, Design *d, const Design *sh) {
    int rc = 0;
    size_t n_local_pools = d->n_pools;
    for (size_t i = 0; i < n_local_pools; i++)
        if (resolve_pool_refs(r, d, sh, &d->pools[i])) rc = -1;
    for (size_t i = 0; i < d->n_arrivals; i++) {
        Arrival *a = &d->arrivals[i];
        a->calendar = 0;
        if (!a->calendar_name) continue;
        size_t old = rd_push(r, "arrivals");
        size_t o2 = rd_push(r, a->id.name);
        size_t o3 = rd_push(r, "calendar");
        a->calendar = resolve_calendar(r, d, sh, a->calendar_name, a->calendar_pos);
        if (a->calendar < 0) rc = -1;
        rd_pop(r, o3);
        rd_pop(r, o2);
        rd_pop(r, old);
    }
    for (size_t i = 0; i < d->n_activities; i++) {
        Activity *a = &d->activities[i];
        if (!a->pool_name) continue; /* flow_read reported it */
        size_t old = rd_push(r, "activities");
        size_t o2 = rd_push(r, a->id.name);
        size_t o3 = rd_push(r, "pool");
        a->pool = resolve_pool(r, d, sh, a->pool_name, a->pool_pos);
        if (a->pool < 0) rc = -1;
        rd_pop(r, o3);
        if (a->fallback_name) {
            o3 = rd_push(r, "fallback");
            a->fallback = resolve_pool(r, d, sh, a->fallback_name, a->fallback_pos);
            if (a->fallback < 0) rc = -1;
            rd_pop(r, o3);
        }
        rd_pop(r, o2);
        rd_pop(r, old);
    }
    return rc;
}

static int read_version(Reader *r, const YtNode *root) {
    long v = MODEL_FORMAT_VERSION;
    int rc = rd_integer(r, root, "reorg", 0, 0, 1000000, &v);
    if (rc < 0) return -1;
    if (v != MODEL_FORMAT_VERSION) {
        size_t old = rd_push(r, "reorg");
        rd_error(r, rd_get(root, "reorg"),
                 "format version %ld is not supported; this reorg reads version %d", v,
                 MODEL_FORMAT_VERSION);
        rd_pop(r, old);
        return -1;
    }
    return 0;
}

int design_read_shared(Reader *r, Study *s, Design *d, const YtNode *root, const char *file) {
    (void)s;
    d->file = file;
    d->id.name = d->id.label = "shared";
    if (rd_expect(r, root, YT_MAP, "a mapping with departments, calendars and pools"))
        return -1;
    int rc = rd_check_keys(r, root, SHARED_KEYS) ? -1 : 0;
    if (read_version(r, root)) rc = -1;
    if (read_departments(r, d, root)) rc = -1;
    if (read_calendars(r, d, root)) rc = -1;
    if (read_pools(r, d, root)) rc = -1;
    /* shared pools refer to shared departments and calendars only */
    for (size_t i = 0; i < d->n_pools; i++)
        if (resolve_pool_refs(r, d, NULL, &d->pools[i])) rc = -1;
    return rc;
}

int design_read(Reader *r, Study *s, Design *d, const YtNode *root, const char *file,
                const char *dir) {
    d->file = file;
    if (rd_expect(r, root, YT_MAP, "a design (a mapping with pools, activities, flow ...)"))
        return -1;
    int rc = rd_check_keys(r, root, DESIGN_KEYS) ? -1 : 0;
    if (read_version(r, root)) rc = -1;
    if (rd_string(r, root, "label", 0, &d->id.label) < 0) rc = -1;
    if (rd_string(r, root, "description", 0, &d->description) < 0) rc = -1;
    if (rd_string(r, root, "source", 0, &d->id.source) < 0) rc = -1;
    const char *rules = NULL;
    if (rd_string(r, root, "rules", 0, &rules) < 0) rc = -1;
    size_t co = rd_push(r, "costs");
    if (economics_read_costs(r, rd_get(root, "costs"), &d->costs)) rc = -1;
    rd_pop(r, co);
    if (rules) {
        const YtNode *rn = rd_get(root, "rules");
        d->rules_pos = rn->pos;
        d->rules_file = design_join_path(r->arena, dir, rules);
        if (d->rules_file && access(d->rules_file, R_OK) != 0) {
            size_t old = rd_push(r, "rules");
            rd_error(r, rn, "rules file '%s' not found (paths are relative to the folder of %s)", rules,
                     strcmp(file, "") ? file : "the design file");
            rd_pop(r, old);
            rc = -1;
        }
    }
    if (read_departments(r, d, root)) rc = -1;
    if (read_calendars(r, d, root)) rc = -1;
    if (read_pools(r, d, root)) rc = -1;
    if (read_arrivals(r, d, root)) rc = -1;
    if (flow_read(r, d, root)) rc = -1;
    if (resolve(r, d, s->shared)) rc = -1;
    if (rc == 0 && check_design(r, d)) rc = -1;
    return rc;
}
