/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_track.c - questions about a track that both flow binding and
 * the verdict rules ask (is this host the client, is this address the
 * camera, which join came first): answered once, here, so that binding a
 * flow and judging it cannot disagree. */
#include "correlator_internal.h"

gboolean ma_corr_track_is_client(const ma_track *t, const ma_membership_event *ev)
{
    return ma_correlator_event_role(t->session, t, ev) == MA_HOST_CLIENT;
}

const ma_membership_event *ma_corr_track_first_event(const ma_track *t, gboolean client_only,
                                                    gboolean joins)
{
    for (guint i = 0; i < t->memberships->len; i++) {
        const ma_membership_event *ev = &g_array_index(t->memberships, ma_membership_event, i);
        if ((ev->kind != MA_CHANGE_LEAVE) == joins && (!client_only || ma_corr_track_is_client(t, ev)))
            return ev;
    }
    return NULL;
}

const ma_membership_event *ma_corr_track_last_event(const ma_track *t, gboolean client_only,
                                                   gboolean joins)
{
    for (guint i = t->memberships->len; i > 0; i--) {
        const ma_membership_event *ev = &g_array_index(t->memberships, ma_membership_event, i - 1);
        if ((ev->kind != MA_CHANGE_LEAVE) == joins && (!client_only || ma_corr_track_is_client(t, ev)))
            return ev;
    }
    return NULL;
}

gboolean ma_corr_track_from_camera(const ma_track *t, const ma_addr *a)
{
    return ma_addr_equal(a, &t->source) || ma_addr_equal(a, &t->session->server);
}

gboolean ma_corr_session_has_group(const ma_session *s, const ma_addr *g)
{
    for (guint i = 0; i < s->tracks->len; i++) {
        const ma_track *t = g_ptr_array_index(s->tracks, i);
        if (t->multicast && ma_addr_equal(&t->group, g))
            return TRUE;
    }
    return FALSE;
}

gboolean ma_corr_track_wrong_port(const ma_track *t, const ma_flow *f)
{
    return f->track == NULL && ma_corr_track_from_camera(t, &f->src) &&
           ma_addr_equal(&f->dst, &t->group) && f->dport != t->rtp_port && f->dport != t->rtcp_port;
}
