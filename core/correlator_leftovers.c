/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_leftovers.c - before judging: flows that a silent track's
 * MA302/MA303 explains become its strays, and multicast RTP whose
 * negotiation lies before the capture gets a session of its own. */
#include "correlator_internal.h"

static gboolean group_of_any_track(const ma_correlator *c, const ma_addr *g)
{
    for (guint i = 0; i < c->sessions->len; i++)
        if (ma_corr_session_has_group(g_ptr_array_index(c->sessions, i), g))
            return TRUE;
    return FALSE;
}

/* Unbound flows that a silent track's MA302/MA303 explains become its strays. */
static void collect_strays(ma_correlator *c, ma_track *t)
{
    if (t->rtp_flow != NULL || !t->multicast || !ma_corr_is_2xx(t->setup_status))
        return;
    gboolean to_group = FALSE;
    for (guint pass = 0; pass < 2; pass++) {
        for (guint i = 0; i < c->flows->len; i++) {
            ma_corr_flow *f = g_ptr_array_index(c->flows, i);
            const ma_flow *p = &f->pub;
            if (p->track != NULL || !ma_addr_is_multicast(&p->dst) || !ma_corr_track_from_camera(t, &p->src))
                continue;
            gboolean stray = pass == 0 ? ma_corr_track_wrong_port(t, p)
                                       : !to_group && !ma_addr_equal(&p->dst, &t->group) &&
                                             !group_of_any_track(c, &p->dst);
            if (!stray)
                continue;
            to_group |= pass == 0;
            f->explained = TRUE;
            g_ptr_array_add(t->flows, f);
        }
    }
}

/* The camera of a session whose SETUP reply's Transport did not parse
 * (MA120) sent it: its SETUP is in the capture, not before it. */
static gboolean from_unparsed_setup(const ma_correlator *c, const ma_addr *src)
{
    for (guint i = 0; i < c->sessions->len; i++) {
        const ma_session *s = g_ptr_array_index(c->sessions, i);
        for (guint j = 0; j < s->tracks->len; j++) {
            const ma_track *t = g_ptr_array_index(s->tracks, j);
            if (t->transport_error != NULL && ma_corr_track_from_camera(t, src))
                return TRUE;
        }
    }
    return FALSE;
}

static gboolean looks_like_rtp(const ma_corr_flow *f)
{
    return f->pub.track == NULL && !f->explained && f->pub.stats != NULL &&
           ma_addr_is_multicast(&f->pub.dst) && f->probe.state == MA_RTP_PROBE_RTP &&
           f->rtp_ok > f->pub.rtp_errors + f->rtcp_like;
}

static ma_track *outside_track_for(ma_correlator *c, const ma_corr_flow *f)
{
    for (guint i = 0; i < c->sessions->len; i++) {
        ma_session *s = g_ptr_array_index(c->sessions, i);
        if (!s->outside_capture)
            continue;
        ma_track *t = g_ptr_array_index(s->tracks, 0);
        if (ma_addr_equal(&t->group, &f->pub.dst) && t->rtp_port == f->pub.dport)
            return t;
    }
    ma_session *s = ma_corr_session_new(c, NULL, 0, &f->pub.src, 0, f->pub.first_frame);
    if (s == NULL)
        return NULL;
    s->outside_capture = TRUE;
    ma_track *t = ma_corr_track_new(s);
    t->multicast = TRUE;
    t->group = f->pub.dst;
    t->rtp_port = f->pub.dport;
    t->rtcp_port = f->pub.dport + 1;
    t->source = f->pub.src;
    t->payload_type = f->pub.payload_type;
    t->encoding = g_strdup(ma_rtp_static_encoding(t->payload_type));
    t->clock_rate = ma_rtp_static_clock_rate(t->payload_type);
    return t;
}

static void synthesize_outside(ma_correlator *c)
{
    for (guint i = 0; i < c->flows->len; i++) {
        ma_corr_flow *f = g_ptr_array_index(c->flows, i);
        if (!looks_like_rtp(f) || from_unparsed_setup(c, &f->pub.src))
            continue;
        ma_track *t = outside_track_for(c, f);
        if (t != NULL)
            ma_corr_flow_bind(f, t, FALSE);
    }
    /* their RTCP: group:port+1, not otherwise bound */
    for (guint i = 0; i < c->flows->len; i++) {
        ma_corr_flow *f = g_ptr_array_index(c->flows, i);
        if (f->pub.track != NULL || f->explained || f->pub.fec != NULL ||
            !ma_addr_is_multicast(&f->pub.dst))
            continue;
        for (guint j = 0; j < c->sessions->len; j++) {
            ma_session *s = g_ptr_array_index(c->sessions, j);
            ma_track *t = s->outside_capture ? g_ptr_array_index(s->tracks, 0) : NULL;
            if (t != NULL && ma_addr_equal(&t->group, &f->pub.dst) && t->rtcp_port == f->pub.dport) {
                ma_corr_flow_bind(f, t, TRUE);
                break;
            }
        }
    }
}

void ma_corr_bind_leftovers(ma_correlator *c)
{
    /* only the RTSP sessions: the ones synthesize_outside adds have no strays */
    guint rtsp_sessions = c->sessions->len;
    for (guint i = 0; i < rtsp_sessions; i++) {
        ma_session *s = g_ptr_array_index(c->sessions, i);
        for (guint j = 0; j < s->tracks->len; j++)
            collect_strays(c, g_ptr_array_index(s->tracks, j));
    }
    synthesize_outside(c);
    /* without a word of RTSP naming a session to or from the sender, a
     * stream nobody set up in the capture is static multicast */
    for (guint i = rtsp_sessions; i < c->sessions->len; i++) {
        ma_session *s = g_ptr_array_index(c->sessions, i);
        if (!s->outside_capture || ma_corr_rtsp_named(c, &s->server, &s->rtsp_evidence_frame))
            continue;
        s->static_multicast = TRUE;
    }
    ma_corr_mark_unrelated(c);
}
