/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_live.h - a correlator that keeps running: what a probe (the
 * CLI's --listen) or a live GUI capture asks while frames still arrive.
 *
 * ma_correlator_judge_now() judges every session as if the capture ended at
 * now_ns, without the end-of-capture binding of leftovers, and replaces the
 * previous provisional verdicts: a verdict whose evidence is there (media
 * silent, membership expired, session timed out) appears as soon as it is,
 * and one that the next frames disprove (a late join) goes again.
 * ma_correlator_finish() still gives the final judgement. */
#ifndef MA_CORRELATOR_LIVE_H
#define MA_CORRELATOR_LIVE_H

#include "correlator.h"

/* Provisional judgement at now_ns; ignored after ma_correlator_finish(). */
void ma_correlator_judge_now(ma_correlator *c, gint64 now_ns);
gboolean ma_correlator_finished(const ma_correlator *c);

/* The bounded tables (sessions, flows, memberships): for i below
 * ma_correlator_table_count(), its name, entries in use, limit, and the
 * frame at which it first refused an entry (0 = never full). */
typedef struct {
    const char *name;   /* "session", "flow", "membership" (as MA901 says) */
    guint used, limit;
    uint32_t full_frame;
} ma_table_usage;
guint ma_correlator_table_count(void);

/* Retire what has been idle since before_ns (a probe calls it with now
 * minus its idle time): sessions with no request, reply, media or report
 * since, their flows, flows tied to no session that are as silent, the
 * capture-wide membership changes older than that; in the sessions that
 * live on, older membership refreshes and requests (the session-timeout
 * rule then measures from the newest dropped request).  Memory stays flat
 * however long it runs.  Pointers to retired sessions, tracks and flows
 * become invalid; ids stay unique.  Returns the number of sessions and
 * flows retired; ignored after ma_correlator_finish(). */
guint ma_correlator_retire(ma_correlator *c, gint64 before_ns);
guint64 ma_correlator_retired(const ma_correlator *c); /* in all */
gboolean ma_correlator_table_usage(const ma_correlator *c, guint i, ma_table_usage *out);

#endif
