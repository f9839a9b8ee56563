/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdict_rules_mpegts.c - MA314..MA317: the ETSI TR 101 290 first-priority
 * checks on every flow that carries MPEG-TS (mpegts.h has the figures).  Raw
 * UDP TS (IPTV) has no RTSP session, so these run once per capture over the
 * flows and tie each verdict to the flow's track when it has one. */
#include "verdict_rules_internal.h"

typedef gboolean (*ts_rule)(ma_rule_ctx *x, const ma_flow *fl, const ma_ts_summary *ts);

static const char *plural(guint64 n)
{
    return n == 1 ? "" : "s";
}

static double ts_lasted_s(const ma_ts_summary *ts)
{
    return ma_rule_secs(ts->last_ns - ts->first_ns);
}

static void each_ts_flow(ma_rule_ctx *x, ts_rule rule)
{
    const GPtrArray *flows = x->c->flows;
    for (guint i = 0; i < flows->len; i++) {
        const ma_flow *fl = g_ptr_array_index(flows, i);
        ma_ts_summary ts;
        if (!ma_flow_ts_summary(fl, &ts))
            continue;
        ma_rule_ctx fx = *x;
        fx.t = fl->track;
        fx.s = fl->track != NULL ? fl->track->session : NULL;
        (void)rule(&fx, fl, &ts);
    }
}

static gboolean sync_loss(ma_rule_ctx *x, const ma_flow *fl, const ma_ts_summary *ts)
{
    if (ts->sync_byte_errors == 0)
        return FALSE;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_flow(&f, fl);
    ma_fact(&f, "bad", "%" G_GUINT64_FORMAT, ts->sync_byte_errors);
    ma_fact(&f, "packets", "%" G_GUINT64_FORMAT, ts->packets);
    ma_fact(&f, "losses", "%" G_GUINT64_FORMAT, ts->sync_losses);
    ma_fact(&f, "s", "%s", plural(ts->sync_losses));
    ma_fact(&f, "frame", "%u", ts->sync_error_frame);
    ma_verdict *v = ma_rule_emit(x, MA_V_TS_SYNC_LOSS, fl, &f);
    ma_verdict_add_frame(v, ts->sync_error_frame);
    return TRUE;
}

static gboolean cc_error(ma_rule_ctx *x, const ma_flow *fl, const ma_ts_summary *ts)
{
    if (ts->cc_errors == 0)
        return FALSE;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_flow(&f, fl);
    ma_fact(&f, "errors", "%" G_GUINT64_FORMAT, ts->cc_errors);
    ma_fact(&f, "s", "%s", plural(ts->cc_errors));
    ma_fact(&f, "lost", "%" G_GUINT64_FORMAT, ts->cc_lost);
    ma_fact(&f, "packets", "%" G_GUINT64_FORMAT, ts->packets + ts->cc_lost);
    ma_fact(&f, "pct", "%.2f", (double)ts->cc_lost * 100.0 / (double)(ts->packets + ts->cc_lost));
    ma_fact(&f, "frame", "%u", ts->cc_error_frame);
    ma_fact(&f, "pid", "0x%04x", ts->cc_error_pid);
    ma_verdict *v = ma_rule_emit(x, MA_V_TS_CC_ERROR, fl, &f);
    ma_verdict_add_frame(v, ts->cc_error_frame);
    return TRUE;
}

/* "no PAT in 3.0 s of TS" or "up to 1.2 s without a PAT (5 sections in 3.0 s)" */
static void fact_psi(ma_facts *f, const char *table, guint64 sections, double max_ms, double lasted)
{
    if (sections == 0)
        ma_fact(f, "what", "no %s in %.1f s of TS", table, lasted);
    else
        ma_fact(f, "what", "up to %.3f s without a %s (%" G_GUINT64_FORMAT " section%s in %.1f s)",
                max_ms / 1000.0, table, sections, plural(sections), lasted);
}

static gboolean pat_error(ma_rule_ctx *x, const ma_flow *fl, const ma_ts_summary *ts)
{
    if (ts->pat_errors == 0)
        return FALSE;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_flow(&f, fl);
    ma_fact(&f, "errors", "%" G_GUINT64_FORMAT, ts->pat_errors);
    ma_fact(&f, "s", "%s", plural(ts->pat_errors));
    fact_psi(&f, "PAT", ts->pat_sections, ts->pat_interval_max_ms, ts_lasted_s(ts));
    ma_fact(&f, "frame", "%u", ts->pat_error_frame);
    ma_verdict *v = ma_rule_emit(x, MA_V_TS_PAT_ERROR, fl, &f);
    ma_verdict_add_frame(v, ts->pat_error_frame);
    return TRUE;
}

static gboolean pmt_error(ma_rule_ctx *x, const ma_flow *fl, const ma_ts_summary *ts)
{
    if (ts->pmt_errors == 0)
        return FALSE;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_flow(&f, fl);
    ma_fact(&f, "errors", "%" G_GUINT64_FORMAT, ts->pmt_errors);
    ma_fact(&f, "s", "%s", plural(ts->pmt_errors));
    fact_psi(&f, "PMT", ts->pmt_sections, ts->pmt_interval_max_ms, ts_lasted_s(ts));
    ma_fact(&f, "frame", "%u", ts->pmt_error_frame);
    ma_fact(&f, "pid", "0x%04x", ts->pmt_error_pid);
    ma_verdict *v = ma_rule_emit(x, MA_V_TS_PMT_ERROR, fl, &f);
    ma_verdict_add_frame(v, ts->pmt_error_frame);
    return TRUE;
}

void ma_rule_ts_sync_loss(ma_rule_ctx *x)
{
    each_ts_flow(x, sync_loss);
}

void ma_rule_ts_cc_error(ma_rule_ctx *x)
{
    each_ts_flow(x, cc_error);
}

void ma_rule_ts_pat_error(ma_rule_ctx *x)
{
    each_ts_flow(x, pat_error);
}

void ma_rule_ts_pmt_error(ma_rule_ctx *x)
{
    each_ts_flow(x, pmt_error);
}
