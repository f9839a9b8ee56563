/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_text_group.c - the group-centric audit in the text report: per
 * multicast group without an RTSP session (ma_group) its members (version,
 * filter mode, sources, join/leave/refresh frames, zap time), the queriers
 * heard for it, the media flows to it and its verdicts. */
#include "report_text_priv.h"

static void member_line(ma_text *t, const ma_group_member *m, gboolean first)
{
    char host[MA_ADDR_STRLEN], a[MA_ADDR_STRLEN];
    ma_text_label(t, first ? "Members" : NULL);
    g_string_append_printf(t->out, "%s %s", ma_addr_to_str(&m->host, host),
                           m->proto == MA_PROTO_MLD ? "MLDv" : "IGMPv");
    gboolean any = FALSE;
    for (int v = 1; v <= 3; v++)
        if ((m->versions & (1u << (unsigned)v)) != 0) {
            g_string_append_printf(t->out, "%s%d", any ? "+" : "", v);
            any = TRUE;
        }
    g_string_append_printf(t->out, " %s {", m->include_mode ? "INCLUDE" : "EXCLUDE");
    for (guint i = 0; i < m->n_sources; i++)
        g_string_append_printf(t->out, "%s%s", i ? ", " : "", ma_addr_to_str(&m->sources[i], a));
    g_string_append_c(t->out, '}');
    if (m->first_join_frame != 0) {
        g_string_append_printf(t->out, " joined frame %u at ", m->first_join_frame);
        ma_text_time(t, m->first_join_ns);
    }
    if (m->last_leave_frame != 0) {
        g_string_append_printf(t->out, ", left frame %u at ", m->last_leave_frame);
        ma_text_time(t, m->last_leave_ns);
    }
    if (m->last_report_frame != 0 && m->last_report_frame != m->first_join_frame) {
        g_string_append_printf(t->out, ", last report frame %u at ", m->last_report_frame);
        ma_text_time(t, m->last_report_ns);
    }
    g_string_append_printf(t->out, " (%u join%s, %u leave%s, %u refresh%s)%s", m->joins,
                           ma_text_plural(m->joins), m->leaves, ma_text_plural(m->leaves),
                           m->refreshes, m->refreshes == 1 ? "" : "es",
                           m->member_at_end ? "" : ", not a member at the end");
    if (m->zap_frame != 0)
        g_string_append_printf(t->out, "; zap %.1f ms (first packet frame %u)", m->zap_ms,
                               m->zap_frame);
    else if (m->zap_flowing)
        g_string_append(t->out, "; no zap time (media already flowing at the join)");
    if (m->n_zaps > 1 || (m->n_zaps == 1 && m->zap_frame == 0)) /* joins after a leave */
        g_string_append_printf(t->out, "; %u zaps: min %.1f, max %.1f, last %.1f ms", m->n_zaps,
                               m->zap_min_ms, m->zap_max_ms, m->zap_last_ms);
    g_string_append_c(t->out, '\n');
}

/* The queriers that asked the group (general or specific queries), the
 * JSON's and HTML's rule (ma_report_group_queriers): a querier heard only
 * asking other groups is not this group's. */
static void queriers_line(ma_text *t, const ma_group *g)
{
    GPtrArray *qs = ma_report_group_queriers(t->ctx, &g->addr);
    ma_text_label(t, "Queriers");
    if (qs->len == 0)
        g_string_append(t->out, "none seen");
    for (guint i = 0; i < qs->len; i++) {
        const ma_addr *q = g_ptr_array_index(qs, i);
        char a[MA_ADDR_STRLEN];
        g_string_append_printf(t->out, "%s%s", i ? ", " : "", ma_addr_to_str(q, a));
        ma_report_querier_versions(t->ctx, q, t->out);
    }
    if (g->specific_queries > 0)
        g_string_append_printf(t->out, "; %u quer%s specific to the group", g->specific_queries,
                               g->specific_queries == 1 ? "y" : "ies");
    g_string_append_c(t->out, '\n');
    g_ptr_array_free(qs, TRUE);
}

static void media_lines(ma_text *t, const ma_group *g)
{
    ma_text_label(t, "Media");
    if (g->flows->len == 0) {
        g_string_append(t->out, "none in the capture\n");
        return;
    }
    for (guint i = 0; i < g->flows->len; i++) {
        const ma_flow *f = g_ptr_array_index(g->flows, i);
        if (i > 0)
            ma_text_label(t, NULL);
        g_string_append_printf(t->out, "flow %u ", f->id);
        ma_text_flow_ends(t, f);
        g_string_append_printf(t->out, " frames %u-%u", f->first_frame, f->last_frame);
        if (f->track != NULL)
            g_string_append_printf(t->out, " (session %u)", f->track->session->id);
        g_string_append_c(t->out, '\n');
    }
}

void ma_text_groups(ma_text *t)
{
    const GPtrArray *gs = ma_correlator_groups(t->ctx->corr);
    for (guint i = 0; gs != NULL && i < gs->len; i++) {
        const ma_group *g = g_ptr_array_index(gs, i);
        char a[MA_ADDR_STRLEN];
        gboolean negotiated = FALSE; /* media of a session set up before the capture */
        for (guint k = 0; k < g->sessions->len; k++)
            negotiated |=
                !((const ma_session *)g_ptr_array_index(g->sessions, k))->static_multicast;
        g_string_append_printf(t->out, "Group %s: %s, no RTSP session; %u member%s\n",
                               ma_addr_to_str(&g->addr, a),
                               negotiated ? "negotiated before the capture" : "static multicast",
                               g->members->len, ma_text_plural(g->members->len));
        for (guint k = 0; k < g->members->len; k++)
            member_line(t, &g_array_index(g->members, ma_group_member, k), k == 0);
        queriers_line(t, g);
        media_lines(t, g);
        for (guint k = 0; k < g->verdicts->len; k++) {
            ma_text_label(t, k == 0 ? "Verdicts" : NULL);
            ma_text_one_verdict(t, g_ptr_array_index(g->verdicts, k));
        }
        g_string_append_c(t->out, '\n');
    }
}
