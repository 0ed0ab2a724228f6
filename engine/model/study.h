/*
 * study: reading study.yaml, the question a study asks.
 *
 * A study names its baseline and alternative designs (files beside it, or
 * inline), an optional shared file of departments, calendars and pools, run
 * settings and, reserved for the value stage, an economics section. It loads
 * each design through design_read with the key path "designs.NAME".
 */
#ifndef REORG_STUDY_H
#define REORG_STUDY_H

#include "model.h"
#include "reader.h"

/* Defaults of the run settings, documented in docs/format.md. */
#define STUDY_DEFAULT_REPLICATIONS 20
#define STUDY_DEFAULT_SEED 1
#define STUDY_DEFAULT_HORIZON (30.0 * 86400)
#define STUDY_DEFAULT_CONFIDENCE 0.95
#define STUDY_DEFAULT_START "2027-01-04"

/* Read the study at root (s->file and s->dir set) and its designs.
 * Returns 0, or -1 after recording errors. */
int study_read(Reader *r, Study *s, const YtNode *root);

#endif
