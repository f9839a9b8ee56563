/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_live.c - provisional judgement and table usage for a
 * correlator that keeps running (correlator_live.h says why). */
#include "correlator_live.h"

#include "correlator_internal.h"

void ma_correlator_judge_now(ma_correlator *c, gint64 now_ns)
{
    if (c == NULL || c->finished)
        return;
    /* The groups of the group-centric audit as they stand now (the finish
     * builds them once after binding; here every judgement rebuilds them
     * from the flows and membership changes still held, since retirement
     * frees what they point to), so that a probe or a live GUI judges static
     * multicast too.  Flows are not bound to outside-capture sessions before
     * the finish: a group's media flows are its unbound ones. */
    ma_corr_build_groups(c);
    /* the rules measure silence up to the end: now, not the last frame */
    ma_verdict_sink sink = {g_ptr_array_new()};
    ma_judge_at(c, MAX(now_ns, c->end_ns), &sink);
    ma_corr_file_verdicts(c, &sink);
}

gboolean ma_correlator_finished(const ma_correlator *c)
{
    return c != NULL && c->finished;
}

guint ma_correlator_table_count(void)
{
    return MA_CORR_TABLE_COUNT;
}

gboolean ma_correlator_table_usage(const ma_correlator *c, guint i, ma_table_usage *out)
{
    if (c == NULL || out == NULL || i >= MA_CORR_TABLE_COUNT)
        return FALSE;
    ma_corr_table tb = (ma_corr_table)i;
    out->name = ma_corr_table_name(tb);
    out->limit = ma_corr_table_limit(c, tb);
    out->full_frame = c->limit_frame[tb];
    out->used = ma_corr_table_usage_now(c, tb);
    return TRUE;
}

guint ma_corr_table_usage_now(const ma_correlator *c, ma_corr_table table)
{
    switch (table) {
    case MA_CORR_TABLE_SESSIONS: return c->sessions->len;
    case MA_CORR_TABLE_FLOWS: return c->flows->len;
    case MA_CORR_TABLE_MEMB_MESSAGES: return c->memb_msgs->len;
    case MA_CORR_TABLE_GROUPS: return c->groups->len;
    default: return c->memb_events->len;
    }
}
