/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdict_rules_membership.c - MA2xx: IGMP/MLD joins, leaves and queriers
 * against the groups the sessions negotiated. */
#include "verdict_rules_internal.h"

#define MA_QUERY_WINDOW_S 135.0   /* 125 s query interval + 10 s response */

void ma_rule_nobody_joined(ma_rule_ctx *x)
{
    if (ma_corr_track_first_event(x->t, FALSE, TRUE) != NULL)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "group", &x->t->group);
    ma_fact(&f, "frame", "%u", x->t->setup_reply_frame);
    ma_verdict *v = ma_rule_emit(x, MA_V_NOBODY_JOINED, NULL, &f);
    ma_verdict_add_frame(v, x->t->setup_reply_frame);
}

static const char *who_name(ma_host_role r)
{
    switch (r) {
    case MA_HOST_SERVER: return "camera";
    case MA_HOST_UNSPECIFIED: return "unspecified sender";
    default: return "other host";
    }
}

void ma_rule_client_never_joined(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_membership_event *ev = ma_corr_track_first_event(t, FALSE, TRUE);
    if (ev == NULL || ma_corr_track_first_event(t, TRUE, TRUE) != NULL)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "who", "%s", who_name(ma_correlator_event_role(x->s, t, ev)));
    ma_fact_addr(&f, "host", &ev->host);
    ma_fact_addr(&f, "group", &t->group);
    ma_fact(&f, "frame", "%u", ev->frame);
    ma_fact_addr(&f, "client", &x->s->client);
    ma_verdict *v = ma_rule_emit(x, MA_V_CLIENT_NEVER_JOINED, NULL, &f);
    ma_verdict_add_frame(v, ev->frame);
    ma_verdict_add_frame(v, t->setup_reply_frame);
}

void ma_rule_join_other_group(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    if (ma_corr_track_first_event(t, TRUE, TRUE) != NULL)
        return;
    const GArray *all = x->c->memb_events;
    for (guint i = 0; i < all->len; i++) {
        const ma_membership_event *ev = &g_array_index(all, ma_membership_event, i);
        if (ev->kind != MA_CHANGE_JOIN || ev->ts_ns < t->setup_reply_ns ||
            ma_correlator_event_role(x->s, t, ev) != MA_HOST_CLIENT ||
            ma_corr_session_has_group(x->s, &ev->group))
            continue;
        ma_facts f;
        ma_facts_init(&f);
        ma_fact_addr(&f, "client", &x->s->client);
        ma_fact_addr(&f, "other", &ev->group);
        ma_fact(&f, "frame", "%u", ev->frame);
        ma_fact_addr(&f, "group", &t->group);
        ma_verdict *v = ma_rule_emit(x, MA_V_JOIN_OTHER_GROUP, NULL, &f);
        ma_verdict_add_frame(v, ev->frame);
        ma_verdict_add_frame(v, t->setup_reply_frame);
        return;
    }
}

static gboolean sources_contain(const ma_membership_event *ev, const ma_addr *a)
{
    for (guint i = 0; i < ev->n_sources; i++)
        if (ma_addr_equal(&ev->sources[i], a))
            return TRUE;
    return FALSE;
}

void ma_rule_ssm_source_mismatch(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    char detail[256];
    for (guint i = 0; i < t->memberships->len; i++) {
        const ma_membership_event *ev = &g_array_index(t->memberships, ma_membership_event, i);
        if (ev->kind == MA_CHANGE_LEAVE || !ma_corr_track_is_client(t, ev))
            continue;
        char a[MA_ADDR_STRLEN], b[MA_ADDR_STRLEN];
        if (ev->include_mode && ev->n_sources > 0) {
            gboolean ok = sources_contain(ev, &t->source) ||
                          (t->rtp_flow != NULL && sources_contain(ev, &t->rtp_flow->src));
            if (ok)
                continue;
            g_snprintf(detail, sizeof detail,
                       "includes only %u source(s) starting with %s, not the media source %s",
                       ev->n_sources, ma_addr_to_str(&ev->sources[0], a),
                       ma_addr_to_str(t->rtp_flow != NULL ? &t->rtp_flow->src : &t->source, b));
        } else if (!ev->include_mode && ma_addr_is_ssm(&t->group)) {
            g_snprintf(detail, sizeof detail,
                       "is any-source (EXCLUDE {}) but %s is a source-specific (SSM) group",
                       ma_addr_to_str(&t->group, a));
        } else {
            continue;
        }
        ma_facts f;
        ma_facts_init(&f);
        ma_fact_addr(&f, "client", &x->s->client);
        ma_fact_addr(&f, "group", &t->group);
        ma_fact(&f, "frame", "%u", ev->frame);
        ma_fact(&f, "detail", "%s", detail);
        ma_verdict *v = ma_rule_emit(x, MA_V_SSM_SOURCE_MISMATCH, NULL, &f);
        ma_verdict_add_frame(v, ev->frame);
        return;
    }
}

void ma_rule_leave_before_teardown(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_session *s = x->s;
    if (!ma_rule_play_ok(s))
        return;
    for (guint i = 0; i < t->memberships->len; i++) {
        const ma_membership_event *ev = &g_array_index(t->memberships, ma_membership_event, i);
        if (ev->kind != MA_CHANGE_LEAVE || !ma_corr_track_is_client(t, ev) || ev->ts_ns <= s->play_reply_ns)
            continue;
        if (s->teardown_frame != 0 && ev->ts_ns >= s->teardown_ns)
            return;
        ma_facts f;
        ma_facts_init(&f);
        ma_fact_addr(&f, "client", &s->client);
        ma_fact_addr(&f, "group", &t->group);
        ma_fact(&f, "frame", "%u", ev->frame);
        if (s->teardown_frame != 0)
            ma_fact(&f, "teardown", ", before TEARDOWN (frame %u)", s->teardown_frame);
        else
            ma_fact(&f, "teardown", "%s", "; no TEARDOWN followed");
        ma_verdict *v = ma_rule_emit(x, MA_V_LEAVE_BEFORE_TEARDOWN, NULL, &f);
        ma_verdict_add_frame(v, ev->frame);
        ma_verdict_add_frame(v, s->teardown_frame);
        return;
    }
}

void ma_rule_no_querier_after(ma_rule_ctx *x, const ma_addr *group, uint32_t frame, gint64 ns)
{
    if (x->c->queriers->len > 0)
        return;
    double covered = ma_rule_secs(x->end_ns - ns);
    if (covered < MA_QUERY_WINDOW_S)
        return; /* too short to tell whether a querier exists */
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "covered", "%.0f", covered);
    ma_fact_addr(&f, "group", group);
    ma_fact(&f, "frame", "%u", frame);
    ma_fact(&f, "gmi", "%g", x->c->th.membership_interval_s);
    ma_verdict *v = ma_rule_emit(x, MA_V_NO_QUERIER, NULL, &f);
    ma_verdict_add_frame(v, frame);
}

void ma_rule_no_querier(ma_rule_ctx *x)
{
    const ma_membership_event *ev = ma_corr_track_first_event(x->t, FALSE, TRUE);
    if (ev != NULL)
        ma_rule_no_querier_after(x, &x->t->group, ev->frame, ev->ts_ns);
}

/* MA207 membership-expired: the condition (also asked by MA312, which it
 * replaces): the client's last report when media stopped about one
 * membership interval (GMI) after it, before TEARDOWN and not at the end of
 * the capture. */
gboolean ma_rule_expiry_window(const ma_thresholds *th, double after_s)
{
    return after_s >= th->membership_interval_s - th->expiry_tolerance_s &&
           after_s <= th->membership_interval_s + th->expiry_tolerance_s;
}

gboolean ma_rule_query_after(const ma_correlator *c, gint64 t)
{
    for (guint i = 0; i < c->queriers->len; i++) {
        const ma_corr_querier *q = g_ptr_array_index(c->queriers, i);
        if (q->pub.last_ns > t)
            return TRUE;
    }
    return FALSE;
}

const ma_membership_event *ma_rule_membership_expired_report(const ma_rule_ctx *x,
                                                             gboolean *likely)
{
    const ma_track *t = x->t;
    const ma_flow *f = t->rtp_flow;
    const ma_thresholds *th = &x->c->th;
    if (f == NULL || f->stats == NULL)
        return NULL;
    const ma_membership_event *rep = ma_corr_track_last_event(t, TRUE, TRUE);
    if (rep == NULL || rep->ts_ns > f->last_ns)
        return NULL;
    if (!ma_rule_expiry_window(th, ma_rule_secs(f->last_ns - rep->ts_ns)))
        return NULL;
    if (x->s->teardown_frame != 0 && f->last_ns >= x->s->teardown_ns)
        return NULL;
    *likely = FALSE;
    if (ma_rule_secs(x->end_ns - f->last_ns) >= MA_STOP_MARGIN_S)
        return rep;
    /* The capture ends with the media: tcpdump writes nothing once nothing
     * arrives, so a capture of an expiry often looks like this.  Only the
     * timing speaks, hence "likely": no TEARDOWN at all, and no query after
     * the report reached the capture point (one would have renewed it). */
    if (x->s->teardown_frame != 0 || ma_rule_query_after(x->c, rep->ts_ns))
        return NULL;
    *likely = TRUE;
    return rep;
}

void ma_rule_membership_expired(ma_rule_ctx *x)
{
    gboolean likely = FALSE;
    const ma_membership_event *rep = ma_rule_membership_expired_report(x, &likely);
    if (rep == NULL)
        return;
    const ma_flow *fl = x->t->rtp_flow;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "group", &x->t->group);
    ma_fact(&f, "frame", "%u", fl->last_frame);
    ma_fact(&f, "after", "%.1f", ma_rule_secs(fl->last_ns - rep->ts_ns));
    ma_fact(&f, "report_frame", "%u", rep->frame);
    ma_fact(&f, "how", "%s",
            likely ? "likely expired (the capture ends with the media, no TEARDOWN, no query "
                     "reached the client after its report)"
                   : "expired");
    ma_verdict *v = ma_rule_emit(x, MA_V_MEMBERSHIP_EXPIRED, fl, &f);
    ma_verdict_add_frame(v, rep->frame);
    ma_verdict_add_frame(v, fl->last_frame);
}

static gboolean rtsp_multicast(const ma_session *s)
{
    gboolean multicast = FALSE;
    for (guint i = 0; i < s->tracks->len; i++)
        multicast |= ((const ma_track *)g_ptr_array_index(s->tracks, i))->multicast;
    return multicast && !s->outside_capture;
}

static void mixed_versions_emit(ma_rule_ctx *x)
{
    for (int p = 0; p < 2; p++) {
        guint mask = x->c->versions[p];
        if ((mask & (mask - 1)) == 0)
            continue; /* zero or one version */
        GString *vers = g_string_new(NULL), *frames = g_string_new(NULL);
        for (int v = 1; v <= 3; v++) {
            if ((mask & (1u << (unsigned)v)) == 0)
                continue;
            g_string_append_printf(vers, "%s%d", vers->len ? ", " : "", v);
            g_string_append_printf(frames, "%s%u", frames->len ? ", " : "", x->c->version_frame[p][v]);
        }
        ma_facts f;
        ma_facts_init(&f);
        ma_fact(&f, "proto", "%s", p == 1 ? "MLD" : "IGMP");
        ma_fact(&f, "versions", "%s", vers->str);
        ma_fact(&f, "frames", "%s", frames->str);
        ma_verdict *v = ma_rule_emit(x, MA_V_MIXED_VERSIONS, NULL, &f);
        for (int k = 1; k <= 3; k++)
            if ((mask & (1u << (unsigned)k)) != 0)
                ma_verdict_add_frame(v, x->c->version_frame[p][k]);
        g_string_free(vers, TRUE);
        g_string_free(frames, TRUE);
    }
}

void ma_rule_mixed_versions(ma_rule_ctx *x)
{
    if (rtsp_multicast(x->s))
        mixed_versions_emit(x);
}

void ma_rule_mixed_versions_capture(ma_rule_ctx *x)
{
    if (x->c->groups->len == 0)
        return;
    for (guint i = 0; i < x->c->sessions->len; i++)
        if (rtsp_multicast(g_ptr_array_index(x->c->sessions, i)))
            return; /* judged with that session */
    mixed_versions_emit(x);
}

void ma_rule_late_join(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_membership_event *ev = ma_corr_track_first_event(t, TRUE, TRUE);
    if (ev == NULL)
        return;
    gboolean play = ma_rule_play_ok(x->s);
    gint64 ref = play ? x->s->play_reply_ns : t->setup_reply_ns;
    uint32_t ref_frame = play ? x->s->play_reply_frame : t->setup_reply_frame;
    double ms = ma_ms_between(ref, ev->ts_ns);
    if (ms <= x->c->th.max_join_latency_ms)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "client", &x->s->client);
    ma_fact_addr(&f, "group", &t->group);
    ma_fact(&f, "frame", "%u", ev->frame);
    ma_fact(&f, "latency", "%.0f", ms);
    ma_fact(&f, "after", "%s reply (frame %u)", play ? "PLAY" : "SETUP", ref_frame);
    ma_fact(&f, "limit", "%g", x->c->th.max_join_latency_ms);
    ma_verdict *v = ma_rule_emit(x, MA_V_LATE_JOIN, NULL, &f);
    ma_verdict_add_frame(v, ref_frame);
    ma_verdict_add_frame(v, ev->frame);
}
