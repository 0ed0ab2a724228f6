/*
 * mapdraw: process maps as SVG and DOT (mapdraw.h).
 */
#include "mapdraw.h"

#include <math.h>
#include <string.h>

#include "../graph/maptext.h"
#include "xmltext.h"

#define TITLE_H 40.0      /* room above the layout for the title */
#define ARROW_LEN 12.0    /* arrowhead length: paths stop this short of the border */
#define BADGE_H 14.0
#define LEGEND_ROW 22.0
#define LEGEND_SAMPLE 30.0
#define SIDE 24.0         /* left and right margin of title and legend */
#define MIN_WIDTH 360.0

#define INK "#222222"
#define SOFT_INK "#444444"
#define OUTLINE "#4D4D4D"
#define EDGE_GREY "#555555"
#define HANDOFF "#D55E00"
#define LOOP "#0072B2"
#define HOT "#D55E00" /* bottlenecks */

/* Okabe & Ito's palette for colour-blind readers. */
static const unsigned char PALETTE[8][3] = {
    {0xE6, 0x9F, 0x00}, {0x56, 0xB4, 0xE9}, {0x00, 0x9E, 0x73}, {0xF0, 0xE4, 0x42},
    {0x00, 0x72, 0xB2}, {0xD5, 0x5E, 0x00}, {0xCC, 0x79, 0xA7}, {0x99, 0x99, 0x99}};

/* The department's colour mixed 60% with white, so black text on it keeps
 * a strong contrast; white for no department. */
static void tint(int department, char out[8]) {
    if (department < 0) {
        memcpy(out, "#FFFFFF", 8);
        return;
    }
    const unsigned char *c = PALETTE[department % 8];
    int ch[3];
    for (int k = 0; k < 3; k++) ch[k] = (2 * c[k] + 3 * 255 + 2) / 5;
    snprintf(out, 8, "#%02X%02X%02X", (unsigned)ch[0], (unsigned)ch[1], (unsigned)ch[2]);
}

/* Values printed with "%.2f": never "-0.00". */
static double fix(double v) { return fabs(v) < 0.005 ? 0.0 : v; }

/* ---- text escaping ---- */

typedef enum Quoting { QUOTE_XML, QUOTE_DOT } Quoting;

/* Write s escaped for XML text and attributes, or for a DOT string.
 * Broken UTF-8 becomes '?' and control characters spaces: both would make
 * the document unreadable, and they carry nothing a reader could see. */
static void put_text(FILE *f, const char *s, Quoting q) {
    if (q == QUOTE_XML) {
        xmltext_put(f, s);
        return;
    }
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        size_t n = xmltext_char_len(p);
        if (n == 0) {
            fputc('?', f);
            p++;
            continue;
        }
        unsigned char c = *p;
        if (c < 0x20 || c == 0x7F)
            fputc(' ', f);
        else if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else
            fwrite(p, 1, n, f);
        p += n;
    }
}

static const char *node_text(const MapNode *nd) {
    return nd->label ? nd->label : nd->name ? nd->name : "";
}

static int shows_visits(const MapNode *nd) {
    return nd->kind == MAP_ACTIVITY && fabs(nd->visits - 1.0) > 0.005;
}

static int shows_load(const MapNode *nd) { return nd->bottleneck && nd->load >= 0; }

/* The share of an xor split's outgoing flow taken by edge e, or -1 when
 * e does not leave an xor split. */
static double branch_share(const ProcessMap *m, size_t e) {
    int from = m->edges[e].from;
    if (m->nodes[from].kind != MAP_XOR) return -1;
    double total = 0;
    size_t out = 0;
    for (size_t k = 0; k < m->n_edges; k++)
        if (m->edges[k].from == from) {
            total += m->edges[k].flow > 0 ? m->edges[k].flow : 0;
            out++;
        }
    if (out < 2 || total <= 0) return -1;
    return (m->edges[e].flow > 0 ? m->edges[e].flow : 0) / total;
}

static const char *edge_colour(const MapEdge *e) {
    return e->back ? LOOP : e->handoff ? HANDOFF : EDGE_GREY;
}

static const char *arrow_id(const MapEdge *e) {
    return e->back ? "arrow-loop" : e->handoff ? "arrow-handoff" : "arrow";
}

static double edge_width(const MapEdge *e) {
    double flow = e->flow > 0 ? e->flow : 0;
    return 1 + 4 * (flow < 1 ? flow : 1);
}

/* ---- SVG: edges ---- */

typedef struct Svg {
    FILE *f;
    const ProcessMap *m;
    const MapLayout *l;
    double width, height;
} Svg;

/* End point of a path pulled back by the arrowhead's length. */
static MapPoint before_arrow(MapPoint a, MapPoint b) {
    double dx = b.x - a.x, dy = b.y - a.y, len = hypot(dx, dy);
    if (len <= ARROW_LEN) return a;
    return (MapPoint){b.x - dx / len * ARROW_LEN, b.y - dy / len * ARROW_LEN};
}

/* Straight runs stay straight; a change of row becomes an S-curve with
 * level ends, which stays within the gap between the two columns. */
static void put_path_d(FILE *f, const MapPoint *p, size_t n) {
    fprintf(f, "M%.2f,%.2f", fix(p[0].x), fix(p[0].y));
    for (size_t k = 1; k < n; k++) {
        MapPoint a = p[k - 1], b = k + 1 == n ? before_arrow(a, p[k]) : p[k];
        if (a.x == b.x || a.y == b.y) {
            fprintf(f, " L%.2f,%.2f", fix(b.x), fix(b.y));
        } else {
            double xm = (a.x + b.x) / 2;
            fprintf(f, " C%.2f,%.2f %.2f,%.2f %.2f,%.2f", fix(xm), fix(a.y), fix(xm), fix(b.y),
                    fix(b.x), fix(b.y));
        }
    }
}

/* The share of an xor branch where the edge settles on the row it heads
 * for, just before the next column: each branch has its own row there.
 * The label goes on the side of the line away from the curve that brings
 * it, so the two never cross. */
static void svg_share(Svg *s, size_t e) {
    double share = branch_share(s->m, e);
    const MapPoint *p = s->l->path[e];
    size_t n = s->l->path_len[e];
    if (share < 0 || n < 2) return;
    double x, y;
    const char *anchor = "end";
    if (n >= 4) {
        x = p[2].x + (p[2].x > p[1].x ? -4 : 4);
        y = p[1].y < p[2].y ? p[2].y + 10 : p[2].y - 5;
        if (p[2].x < p[1].x) anchor = "start";
    } else {
        x = (p[0].x + p[1].x) / 2;
        y = (p[0].y + p[1].y) / 2 - 5;
        anchor = "middle";
    }
    fprintf(s->f,
            "<text x=\"%.2f\" y=\"%.2f\" font-size=\"9\" text-anchor=\"%s\" fill=\"%s\">%.0f%%"
            "</text>\n",
            fix(x), fix(y), anchor, SOFT_INK, share * 100);
}

static void svg_edges(Svg *s) {
    FILE *f = s->f;
    fputs("<g fill=\"none\" stroke-linejoin=\"round\">\n", f);
    for (size_t e = 0; e < s->m->n_edges; e++) {
        const MapEdge *me = &s->m->edges[e];
        if (s->l->path_len[e] < 2) continue;
        fputs("<path d=\"", f);
        put_path_d(f, s->l->path[e], s->l->path_len[e]);
        fprintf(f, "\" stroke=\"%s\" stroke-width=\"%.2f\"", edge_colour(me), edge_width(me));
        if (me->handoff) fputs(" stroke-dasharray=\"7 4\"", f);
        fprintf(f, " marker-end=\"url(#%s)\"/>\n", arrow_id(me));
    }
    fputs("</g>\n", f);
    for (size_t e = 0; e < s->m->n_edges; e++) svg_share(s, e);
}

/* ---- SVG: nodes ---- */

/* A small rounded label straddling a box border, centred on (cx, cy). */
static void svg_badge(Svg *s, double cx, double cy, const char *text, const char *fill,
                      const char *stroke, const char *ink) {
    double w = (double)maptext_chars(text) * MAPTEXT_BADGE_PX + 10;
    fprintf(s->f,
            "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" rx=\"7.00\" fill=\"%s\" "
            "stroke=\"%s\" stroke-width=\"1.00\"/>\n",
            fix(cx - w / 2), fix(cy - BADGE_H / 2), w, BADGE_H, fill, stroke);
    fprintf(s->f,
            "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.0f\" text-anchor=\"middle\" fill=\"%s\">",
            fix(cx), fix(cy + 3.2), MAPTEXT_BADGE_FONT, ink);
    put_text(s->f, text, QUOTE_XML);
    fputs("</text>\n", s->f);
}

static void svg_line(Svg *s, double x, double y, double size, const char *fill,
                     const char *text) {
    fprintf(s->f,
            "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.0f\" text-anchor=\"middle\" fill=\"%s\">",
            fix(x), fix(y), size, fill);
    put_text(s->f, text, QUOTE_XML);
    fputs("</text>\n", s->f);
}

static void svg_activity(Svg *s, size_t i) {
    const MapNode *nd = &s->m->nodes[i];
    MapPoint c = s->l->centre[i];
    double w = s->l->width[i], h = s->l->height[i], top = c.y - h / 2;
    char fill[8], pool[MAPTEXT_LINE_BYTES];
    tint(nd->department, fill);
    fprintf(s->f,
            "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" rx=\"6.00\" fill=\"%s\" "
            "stroke=\"%s\" stroke-width=\"%s\"/>\n",
            fix(c.x - w / 2), fix(top), w, h, fill, nd->bottleneck ? HOT : OUTLINE,
            nd->bottleneck ? "3.50" : "1.20");
    MapTextLines t;
    maptext_wrap(node_text(nd), MAPTEXT_WRAP_AT, MAPTEXT_LINE_MAX, &t);
    int has_pool = nd->pool && *nd->pool;
    double block = (double)t.n * MAPTEXT_LABEL_LINE + (has_pool ? MAPTEXT_SMALL_LINE : 0);
    double y = c.y - block / 2;
    for (size_t k = 0; k < t.n; k++, y += MAPTEXT_LABEL_LINE)
        svg_line(s, c.x, y + 11.5, MAPTEXT_LABEL_FONT, INK, t.line[k]);
    if (has_pool) {
        maptext_cut(nd->pool, MAPTEXT_SMALL_MAX, pool);
        svg_line(s, c.x, y + 9.5, MAPTEXT_SMALL_FONT, SOFT_INK, pool);
    }
    if (nd->bot) svg_badge(s, c.x - w / 2 + 22, top, "bot", OUTLINE, OUTLINE, "#FFFFFF");
    if (shows_visits(nd)) {
        char v[32];
        snprintf(v, sizeof v, "\xC3\x97%.2f", nd->visits);
        double bw = (double)maptext_chars(v) * MAPTEXT_BADGE_PX + 10;
        svg_badge(s, c.x + w / 2 - bw / 2 - 6, top, v, "#FFFFFF", OUTLINE, INK);
    }
    if (shows_load(nd)) {
        char v[32];
        snprintf(v, sizeof v, "load %.0f%%", nd->load * 100);
        double bw = (double)maptext_chars(v) * MAPTEXT_BADGE_PX + 10;
        svg_badge(s, c.x + w / 2 - bw / 2 - 6, top + h, v, "#FFFFFF", HOT, HOT);
    }
}

/* Gateways and events: the shape, and its label above (gateways) or
 * below (events), outside the shape. */
static void svg_small_node(Svg *s, size_t i) {
    const MapNode *nd = &s->m->nodes[i];
    MapPoint c = s->l->centre[i];
    double hw = s->l->width[i] / 2, hh = s->l->height[i] / 2;
    const char *stroke = nd->bottleneck ? HOT : OUTLINE;
    int gateway = nd->kind == MAP_XOR || nd->kind == MAP_AND;
    if (gateway) {
        fprintf(s->f,
                "<path d=\"M%.2f,%.2f L%.2f,%.2f L%.2f,%.2f L%.2f,%.2f Z\" fill=\"#FFFFFF\" "
                "stroke=\"%s\" stroke-width=\"%s\"/>\n",
                fix(c.x), fix(c.y - hh), fix(c.x + hw), fix(c.y), fix(c.x), fix(c.y + hh),
                fix(c.x - hw), fix(c.y), stroke, nd->bottleneck ? "3.50" : "1.50");
        svg_line(s, c.x, c.y + 7, 20, INK, nd->kind == MAP_XOR ? "\xC3\x97" : "+");
    } else {
        fprintf(s->f,
                "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"#FFFFFF\" stroke=\"%s\" "
                "stroke-width=\"%s\"/>\n",
                fix(c.x), fix(c.y), hw, stroke, nd->kind == MAP_END ? "4.00" : "1.50");
    }
    MapTextLines t;
    maptext_wrap(node_text(nd), MAPTEXT_WRAP_AT, MAPTEXT_SMALL_MAX, &t);
    double y = gateway ? c.y - hh - 4 - (double)t.n * MAPTEXT_SMALL_LINE : c.y + hh + 4;
    for (size_t k = 0; k < t.n; k++, y += MAPTEXT_SMALL_LINE)
        svg_line(s, c.x, y + 9, MAPTEXT_SMALL_FONT, SOFT_INK, t.line[k]);
}

static void svg_nodes(Svg *s) {
    for (size_t i = 0; i < s->m->n_nodes; i++) {
        const MapNode *nd = &s->m->nodes[i];
        fputs("<g><title>", s->f);
        put_text(s->f, node_text(nd), QUOTE_XML);
        if (nd->pool && *nd->pool) {
            fputs(" (", s->f);
            put_text(s->f, nd->pool, QUOTE_XML);
            fputs(")", s->f);
        }
        fputs("</title>\n", s->f);
        if (nd->kind == MAP_ACTIVITY)
            svg_activity(s, i);
        else
            svg_small_node(s, i);
        fputs("</g>\n", s->f);
    }
}

/* ---- SVG: legend ---- */

typedef enum LegendKind { LEG_DEPARTMENT, LEG_HANDOFF, LEG_LOOP, LEG_BOTTLENECK } LegendKind;

static void legend_sample(Svg *s, LegendKind kind, int department, double x, double y) {
    FILE *f = s->f;
    char fill[8];
    switch (kind) {
    case LEG_DEPARTMENT:
    case LEG_BOTTLENECK:
        tint(kind == LEG_DEPARTMENT ? department : -1, fill);
        fprintf(f,
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"12.00\" rx=\"3.00\" "
                "fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
                fix(x + 4), fix(y - 6), LEGEND_SAMPLE - 8, fill,
                kind == LEG_BOTTLENECK ? HOT : OUTLINE, kind == LEG_BOTTLENECK ? "3.00" : "1.00");
        break;
    case LEG_HANDOFF:
    case LEG_LOOP:
        fprintf(f,
                "<path d=\"M%.2f,%.2f L%.2f,%.2f\" fill=\"none\" stroke=\"%s\" "
                "stroke-width=\"2.00\"%s marker-end=\"url(#%s)\"/>\n",
                fix(x), fix(y), fix(x + LEGEND_SAMPLE - ARROW_LEN), fix(y),
                kind == LEG_LOOP ? LOOP : HANDOFF,
                kind == LEG_HANDOFF ? " stroke-dasharray=\"7 4\"" : "",
                kind == LEG_LOOP ? "arrow-loop" : "arrow-handoff");
        break;
    }
}

static int department_used(const ProcessMap *m, int dept) {
    for (size_t i = 0; i < m->n_nodes; i++)
        if (m->nodes[i].department == dept) return 1;
    return 0;
}

/* Lay the legend out in rows within the document's width, drawing it
 * when s->f is set; returns its height either way. */
static double svg_legend(Svg *s, double top) {
    static const char *const fixed[] = {"handoff to another department", "rework loop",
                                        "bottleneck candidate"};
    const ProcessMap *m = s->m;
    size_t n = m->n_departments + 3;
    double x = SIDE, y = top + LEGEND_ROW / 2 + 4;
    for (size_t k = 0; k < n; k++) {
        char name[MAPTEXT_LINE_BYTES];
        int dept = k < m->n_departments ? (int)k : -1;
        if (dept >= 0 && !department_used(m, dept)) continue;
        maptext_cut(dept >= 0 ? m->departments[k] : fixed[k - m->n_departments],
                    MAPTEXT_SMALL_MAX + 8, name);
        double w = LEGEND_SAMPLE + 6 + (double)maptext_chars(name) * MAPTEXT_SMALL_PX + 18;
        if (x > SIDE && x + w > s->width - SIDE) {
            x = SIDE;
            y += LEGEND_ROW;
        }
        if (s->f) {
            LegendKind kind = dept >= 0 ? LEG_DEPARTMENT : (LegendKind)(k - m->n_departments + 1);
            legend_sample(s, kind, dept, x, y);
            fprintf(s->f, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.0f\" fill=\"%s\">",
                    fix(x + LEGEND_SAMPLE + 6), fix(y + 3.5), MAPTEXT_SMALL_FONT, INK);
            put_text(s->f, name, QUOTE_XML);
            fputs("</text>\n", s->f);
        }
        x += w;
    }
    return y + LEGEND_ROW / 2 + 8 - top;
}

/* ---- SVG: document ---- */

static void svg_defs(FILE *f) {
    static const char *const ids[] = {"arrow", "arrow-handoff", "arrow-loop"};
    static const char *const colours[] = {EDGE_GREY, HANDOFF, LOOP};
    fputs("<defs>\n", f);
    for (int k = 0; k < 3; k++)
        fprintf(f,
                "<marker id=\"%s\" viewBox=\"0 0 12 10\" refX=\"0\" refY=\"5\" markerWidth=\"12\" "
                "markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
                "<path d=\"M0,0 L12,5 L0,10 Z\" fill=\"%s\"/></marker>\n",
                ids[k], colours[k]);
    fputs("</defs>\n", f);
}

int mapdraw_svg(FILE *f, const ProcessMap *m, const MapLayout *l) {
    char title[MAPTEXT_LINE_BYTES];
    size_t title_chars = maptext_cut(m->title ? m->title : "Process map", 48, title);
    Svg s = {NULL, m, l, l->total_width, 0};
    if (s.width < MIN_WIDTH) s.width = MIN_WIDTH;
    if (s.width < (double)title_chars * 9.5 + 2 * SIDE)
        s.width = (double)title_chars * 9.5 + 2 * SIDE;
    double legend_top = TITLE_H + l->total_height;
    s.height = legend_top + svg_legend(&s, legend_top);
    s.f = f;
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.2f\" "
            "height=\"%.2f\" viewBox=\"0 0 %.2f %.2f\" "
            "font-family=\"DejaVu Sans, Arial, sans-serif\">\n<title>",
            s.width, s.height, s.width, s.height);
    put_text(f, title, QUOTE_XML);
    fputs("</title>\n", f);
    svg_defs(f);
    fprintf(f, "<rect width=\"%.2f\" height=\"%.2f\" fill=\"#FFFFFF\"/>\n", s.width, s.height);
    fprintf(f, "<text x=\"%.2f\" y=\"26.00\" font-size=\"16\" font-weight=\"bold\" fill=\"%s\">",
            SIDE, INK);
    put_text(f, title, QUOTE_XML);
    fputs("</text>\n", f);
    fprintf(f, "<g transform=\"translate(0,%.2f)\">\n", TITLE_H);
    svg_edges(&s);
    svg_nodes(&s);
    fputs("</g>\n", f);
    fprintf(f, "<path d=\"M%.2f,%.2f L%.2f,%.2f\" stroke=\"#DDDDDD\" stroke-width=\"1.00\"/>\n",
            SIDE, legend_top, fix(s.width - SIDE), legend_top);
    svg_legend(&s, legend_top);
    fputs("</svg>\n", f);
    return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

/* ---- DOT ---- */

static void dot_label_lines(FILE *f, const char *text, size_t max) {
    MapTextLines t;
    maptext_wrap(text, MAPTEXT_WRAP_AT, max, &t);
    for (size_t k = 0; k < t.n; k++) {
        if (k) fputs("\\n", f);
        put_text(f, t.line[k], QUOTE_DOT);
    }
}

static void dot_activity(FILE *f, const MapNode *nd) {
    char fill[8];
    tint(nd->department, fill);
    fprintf(f, "shape=box, style=\"rounded,filled\", fillcolor=\"%s\", label=\"", fill);
    dot_label_lines(f, node_text(nd), 48);
    if (nd->pool && *nd->pool) {
        fputs("\\n", f);
        put_text(f, nd->pool, QUOTE_DOT);
    }
    if (shows_visits(nd)) fprintf(f, "\\n\xC3\x97%.2f", nd->visits);
    if (nd->bot) fputs("\\nbot", f);
    if (shows_load(nd)) fprintf(f, "\\nload %.0f%%", nd->load * 100);
    fputs("\"", f);
}

static void dot_node(FILE *f, const MapNode *nd, size_t i) {
    fprintf(f, "  n%zu [", i);
    switch (nd->kind) {
    case MAP_ACTIVITY:
        dot_activity(f, nd);
        break;
    case MAP_XOR:
    case MAP_AND:
        fprintf(f, "shape=diamond, width=0.5, height=0.5, fixedsize=true, label=\"%s\", xlabel=\"",
                nd->kind == MAP_XOR ? "\xC3\x97" : "+");
        dot_label_lines(f, node_text(nd), 48);
        fputs("\"", f);
        break;
    case MAP_START:
    case MAP_END:
        fprintf(f, "shape=circle, width=0.35, fixedsize=true, penwidth=%s, label=\"\", xlabel=\"",
                nd->kind == MAP_END ? "3" : "1");
        dot_label_lines(f, node_text(nd), 48);
        fputs("\"", f);
        break;
    }
    if (nd->bottleneck) fprintf(f, ", color=\"%s\", penwidth=3", HOT);
    fputs("];\n", f);
}

static void dot_edge(FILE *f, const ProcessMap *m, size_t e) {
    const MapEdge *me = &m->edges[e];
    fprintf(f, "  n%d -> n%d [penwidth=%.2f", me->from, me->to, edge_width(me));
    if (me->handoff) fputs(", style=dashed", f);
    if (me->back || me->handoff) fprintf(f, ", color=\"%s\"", edge_colour(me));
    if (me->back) fputs(", constraint=false", f);
    double share = branch_share(m, e);
    if (share >= 0) fprintf(f, ", label=\"%.0f%%\"", share * 100);
    fputs("];\n", f);
}

int mapdraw_dot(FILE *f, const ProcessMap *m) {
    fputs("digraph process_map {\n", f);
    fputs("  rankdir=LR;\n", f);
    fputs("  graph [fontname=\"DejaVu Sans\", fontsize=16, labelloc=t, label=\"", f);
    put_text(f, m->title ? m->title : "Process map", QUOTE_DOT);
    fputs("\"];\n", f);
    fprintf(f,
            "  node [fontname=\"DejaVu Sans\", fontsize=11, color=\"%s\", style=filled, "
            "fillcolor=\"#FFFFFF\"];\n",
            OUTLINE);
    fprintf(f, "  edge [fontname=\"DejaVu Sans\", fontsize=9, color=\"%s\", arrowsize=0.7];\n",
            EDGE_GREY);
    for (size_t i = 0; i < m->n_nodes; i++) dot_node(f, &m->nodes[i], i);
    for (size_t e = 0; e < m->n_edges; e++) dot_edge(f, m, e);
    fputs("}\n", f);
    return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}
