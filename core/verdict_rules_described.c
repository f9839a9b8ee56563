/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdict_rules_described.c - the rules of tracks an SDP file or a SAP
 * announcement describes (correlator_described.c): the stream the
 * description promises against what reached the capture point.  Their
 * media is also judged by the media rules (loss, jitter, MA304 against the
 * c= /ttl), as a SETUP-negotiated stream's. */
#include "verdict_rules_internal.h"

/* "the SDP file cam1.sdp", "the SAP announcement of 10.0.0.1 (msg id 0x1234)" */
void ma_fact_described(ma_facts *f, const ma_session *s)
{
    const char *by = s->described_by != NULL ? s->described_by : "?";
    if (s->origin == MA_ORIGIN_SAP)
        ma_fact(f, "described", "the SAP announcement %s", by);
    else
        ma_fact(f, "described", "the SDP file %s", by);
}

/* The flows of the track's RTP port that carry validated RTP (not a
 * receiver's start-up datagrams, not RTCP). */
static gboolean is_rtp_media(const ma_track *t, const ma_flow *fl)
{
    const ma_corr_flow *cf = (const ma_corr_flow *)fl;
    return ma_addr_equal(&fl->dst, &t->group) && fl->dport == t->rtp_port && fl->stats != NULL &&
           cf->rtp_ok > fl->rtp_errors + cf->rtcp_like;
}

void ma_rule_described_no_media(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    if (t->rtp_flow != NULL)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr_port(&f, "dest", &t->group, t->rtp_port);
    ma_fact_described(&f, x->s);
    ma_verdict *v = ma_rule_emit(x, MA_V_DESCRIBED_NO_MEDIA, NULL, &f);
    ma_verdict_add_frame(v, x->s->described_frame);
}

static char *formats_text(const ma_track *t)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; t->described_pts != NULL && i < t->described_pts->len; i++)
        g_string_append_printf(s, "%s%d", i ? " " : "", g_array_index(t->described_pts, int, i));
    if (s->len == 0)
        g_string_append(s, "no payload type");
    return g_string_free(s, FALSE);
}

void ma_rule_described_payload_unmapped(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    for (guint i = 0; i < t->flows->len; i++) {
        const ma_flow *fl = g_ptr_array_index(t->flows, i);
        if (!is_rtp_media(t, fl) || fl->payload_type < 0 ||
            ma_corr_track_described_pt(t, fl->payload_type))
            continue;
        ma_facts f;
        ma_facts_init(&f);
        ma_fact_addr_port(&f, "dest", &t->group, t->rtp_port);
        ma_fact(&f, "pt", "%d", fl->payload_type);
        ma_fact(&f, "frame", "%u", fl->first_frame);
        ma_fact_described(&f, x->s);
        char *formats = formats_text(t);
        ma_fact(&f, "formats", "%s", formats);
        g_free(formats);
        ma_verdict *v = ma_rule_emit(x, MA_V_DESCRIBED_PT_UNMAPPED, fl, &f);
        ma_verdict_add_frame(v, fl->first_frame);
    }
}

static char *filter_text(const ma_track *t)
{
    GString *s = g_string_new(t->filter_include ? "incl" : "excl");
    for (guint i = 0; i < t->n_filter_sources; i++) {
        char a[MA_ADDR_STRLEN];
        g_string_append_printf(s, " %s", ma_addr_to_str(&t->filter_sources[i], a));
    }
    return g_string_free(s, FALSE);
}

void ma_rule_described_source_mismatch(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    for (guint i = 0; i < t->flows->len; i++) {
        const ma_flow *fl = g_ptr_array_index(t->flows, i);
        if (!is_rtp_media(t, fl) || ma_corr_track_filter_allows(t, &fl->src))
            continue;
        ma_facts f;
        ma_facts_init(&f);
        ma_fact_addr_port(&f, "dest", &t->group, t->rtp_port);
        ma_fact_addr(&f, "source", &fl->src);
        ma_fact(&f, "frame", "%u", fl->first_frame);
        ma_fact_described(&f, x->s);
        char *filter = filter_text(t);
        ma_fact(&f, "filter", "%s", filter);
        g_free(filter);
        ma_verdict *v = ma_rule_emit(x, MA_V_DESCRIBED_SOURCE_MISMATCH, fl, &f);
        ma_verdict_add_frame(v, fl->first_frame);
    }
}

/* The RTP media actually reaching the group (the camera's when several). */
static const ma_flow *sender_flow(const ma_track *t)
{
    if (t->rtp_flow != NULL && is_rtp_media(t, t->rtp_flow))
        return t->rtp_flow;
    return NULL;
}

void ma_rule_described_join_without_sender(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_flow *fl = sender_flow(t);
    if (fl == NULL)
        return;
    /* once per host: its first source-specific join that leaves the sender out */
    GPtrArray *told = g_ptr_array_new();
    for (guint i = 0; i < t->memberships->len; i++) {
        const ma_membership_event *ev = &g_array_index(t->memberships, ma_membership_event, i);
        if (ev->kind != MA_CHANGE_JOIN || !ev->include_mode || ev->n_sources == 0)
            continue;
        gboolean has = FALSE, seen = FALSE;
        for (guint k = 0; k < ev->n_sources && !has; k++)
            has = ma_addr_equal(&ev->sources[k], &fl->src);
        for (guint k = 0; k < told->len && !seen; k++)
            seen = ma_addr_equal(g_ptr_array_index(told, k), &ev->host);
        if (has || seen)
            continue;
        g_ptr_array_add(told, (gpointer)&ev->host);
        GString *src = g_string_new(NULL);
        for (guint k = 0; k < ev->n_sources; k++) {
            char a[MA_ADDR_STRLEN];
            g_string_append_printf(src, "%s%s", k ? " " : "", ma_addr_to_str(&ev->sources[k], a));
        }
        ma_facts f;
        ma_facts_init(&f);
        ma_fact_addr(&f, "host", &ev->host);
        ma_fact_addr(&f, "group", &t->group);
        ma_fact(&f, "frame", "%u", ev->frame);
        ma_fact(&f, "sources", "%s", src->str);
        ma_fact_addr(&f, "sender", &fl->src);
        ma_fact_described(&f, x->s);
        g_string_free(src, TRUE);
        ma_verdict *v = ma_rule_emit(x, MA_V_DESCRIBED_JOIN_WITHOUT_SENDER, fl, &f);
        ma_verdict_add_frame(v, ev->frame);
    }
    g_ptr_array_free(told, TRUE);
}
