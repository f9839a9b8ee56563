/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdict_rules_sap.c - the rules of sessions a SAP announcement (RFC
 * 2974) describes: how often it was repeated, and media after its deletion. */
#include "verdict_rules_internal.h"

/* RFC 2974 3.1: "ad_interval = max(300; (8*no_of_ads*ad_size)/limit)"
 * seconds, limit 4000 bit/s unless configured, and each repeat is offset
 * by a random amount of up to +/- 1/3 of it: an announcer following the
 * RFC never waits longer than 4/3 of ad_interval. */
#define MA_SAP_MIN_INTERVAL_S 300.0
#define MA_SAP_BANDWIDTH_BPS 4000.0
#define MA_SAP_OFFSET_MAX (4.0 / 3.0)
/* A sender stops its stream and sends the deletion together: packets in
 * flight may arrive just after it. */
#define MA_SAP_DELETE_GRACE_S 1.0

/* Announcements of the capture (RFC 2974's no_of_ads, for every SAP group:
 * the capture point sees the ones forwarded to it). */
static guint ads_seen(const ma_correlator *c)
{
    guint n = 0;
    for (guint i = 0; i < c->sessions->len; i++)
        n += ((const ma_session *)g_ptr_array_index(c->sessions, i))->origin == MA_ORIGIN_SAP;
    return n;
}

void ma_rule_sap_interval_long(ma_rule_ctx *x)
{
    const ma_session *s = x->s;
    if (s->origin != MA_ORIGIN_SAP || x->t->index != 0)
        return; /* once per announcement */
    double interval =
        MAX(MA_SAP_MIN_INTERVAL_S, 8.0 * ads_seen(x->c) * s->sap.size / MA_SAP_BANDWIDTH_BPS);
    double limit = interval * MA_SAP_OFFSET_MAX;
    /* the longest gap between repeats, or the silence since the last one */
    gint64 end = s->sap.deletion_frame != 0 ? s->sap.deletion_ns : x->end_ns;
    double silence = ma_ms_between(s->sap.last_ns, end) / 1000.0;
    gboolean gap = s->sap.announcements > 1 && s->sap.interval_max_s > limit;
    if (!gap && silence <= limit)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_described(&f, s);
    if (gap)
        ma_fact(&f, "detail", "was repeated after %.1f s (frames %u and %u)", s->sap.interval_max_s,
                s->sap.interval_max_from, s->sap.interval_max_to);
    else
        ma_fact(&f, "detail", "was not repeated in the %.1f s after frame %u", silence,
                s->sap.last_frame);
    ma_fact(&f, "limit", "%.0f", limit);
    ma_fact(&f, "interval", "%.0f", interval);
    ma_verdict *v = ma_rule_emit(x, MA_V_SAP_INTERVAL_LONG, NULL, &f);
    ma_verdict_add_frame(v, gap ? s->sap.interval_max_from : s->sap.last_frame);
    ma_verdict_add_frame(v, gap ? s->sap.interval_max_to : 0);
}

void ma_rule_sap_media_after_deletion(ma_rule_ctx *x)
{
    const ma_session *s = x->s;
    const ma_flow *fl = x->t->rtp_flow;
    if (s->origin != MA_ORIGIN_SAP || s->sap.deletion_frame == 0 || fl == NULL)
        return;
    double after = ma_ms_between(s->sap.deletion_ns, fl->last_ns) / 1000.0;
    if (after <= MA_SAP_DELETE_GRACE_S)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr_port(&f, "dest", &x->t->group, x->t->rtp_port);
    ma_fact(&f, "after", "%.1f", after);
    ma_fact_described(&f, s);
    ma_fact(&f, "frame", "%u", s->sap.deletion_frame);
    ma_fact(&f, "last_frame", "%u", fl->last_frame);
    ma_verdict *v = ma_rule_emit(x, MA_V_SAP_MEDIA_AFTER_DELETION, fl, &f);
    ma_verdict_add_frame(v, s->sap.deletion_frame);
    ma_verdict_add_frame(v, fl->last_frame);
}
