/*
 * design: reading one design (a way of organising the work) from YAML.
 *
 * design_read fills a Design from a design file's root mapping (or an inline
 * mapping in study.yaml): departments, calendars, pools and arrivals here,
 * activities, gateways and the flow through flow_read, then the structural
 * checks of check_design. Names a design uses but does not define are taken
 * from the study's shared file (only those it uses), and a design's own
 * definition of a name wins over the shared one.
 */
#ifndef REORG_DESIGN_H
#define REORG_DESIGN_H

#include "model.h"
#include "reader.h"

/* Read the sections a shared file may hold (departments, calendars, pools)
 * into d. Returns 0, or -1 after recording errors. */
int design_read_shared(Reader *r, Study *s, Design *d, const YtNode *root, const char *file);

/* Read design d (d->id already set) from root; dir resolves the rules path.
 * Returns 0 when the design is valid, -1 after recording errors. */
int design_read(Reader *r, Study *s, Design *d, const YtNode *root, const char *file,
                const char *dir);

/* Join dir and a relative path into the arena ("a/b" + "c.lua"); absolute
 * paths and dir "" return path itself. */
const char *design_join_path(Arena *a, const char *dir, const char *path);
/* The folder part of a path ("." for a bare file name), in the arena. */
const char *design_dir_of(Arena *a, const char *path);

#endif
