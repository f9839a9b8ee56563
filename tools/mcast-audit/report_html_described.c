/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_html_described.c - a block per described session (an SDP file
 * given with --sdp, or a SAP announcement), in the style of the group
 * blocks: where the description came from (and the SAP announcement's
 * repeats, interval and deletion), what each track expects (group, port,
 * payload types, clock rate, TTL, source), the flow that matched it, and
 * the session's verdicts.  The session's own section (ladder, plots) stays
 * where the RTSP sessions are; this block says what was described. */
#include "report_html_priv.h"
#include "report_text_priv.h"

static void origin_fact(ma_html *h, const ma_session *s)
{
    GString *o = h->out;
    g_string_append(o, "<tr><td>described by</td><td>");
    g_string_append(o, s->origin == MA_ORIGIN_SAP ? "the SAP announcement " : "the SDP file ");
    g_string_append(o, "<span class=\"mono\">");
    ma_html_esc(o, s->described_by != NULL ? s->described_by : "");
    g_string_append(o, "</span>");
    if (s->sdp != NULL && s->sdp->session_name != NULL) {
        g_string_append(o, " (s=");
        ma_html_esc(o, s->sdp->session_name);
        g_string_append(o, ")");
    }
    g_string_append(o, "</td></tr>\n");
    if (s->origin != MA_ORIGIN_SAP)
        return;
    g_string_append_printf(o,
                           "<tr><td>SAP</td><td data-sap-announcements=\"%u\" "
                           "data-sap-first-frame=\"%u\" data-sap-last-frame=\"%u\" "
                           "data-sap-interval-max=\"%.3f\" data-sap-deletion-frame=\"%u\">%u "
                           "announcement%s, frames %u-%u",
                           s->sap.announcements, s->sap.first_frame, s->sap.last_frame,
                           s->sap.interval_max_s, s->sap.deletion_frame, s->sap.announcements,
                           ma_text_plural(s->sap.announcements), s->sap.first_frame,
                           s->sap.last_frame);
    if (s->sap.announcements > 1)
        g_string_append_printf(o, ", interval mean %.3f s (min %.3f, max %.3f)",
                               s->sap.interval_mean_s, s->sap.interval_min_s,
                               s->sap.interval_max_s);
    if (s->sap.deletion_frame != 0)
        g_string_append_printf(o, "; deleted frame %u at %.3f s", s->sap.deletion_frame,
                               ma_report_rel_s(h->ctx, s->sap.deletion_ns));
    g_string_append(o, "</td></tr>\n");
}

static void track_row(ma_html *h, const ma_track *t, guint n)
{
    GString *o = h->out;
    char g[MA_ADDR_STRLEN], src[MA_ADDR_STRLEN];
    ma_addr_to_str(&t->group, g);
    GString *pts = g_string_new(NULL);
    for (guint i = 0; t->described_pts != NULL && i < t->described_pts->len; i++)
        g_string_append_printf(pts, "%s%d", i ? "," : "", g_array_index(t->described_pts, int, i));
    const ma_flow *f = t->rtp_flow;
    char *dest = ma_addr_port_to_str(&t->group, t->rtp_port); /* [v6]:port */
    g_string_append_printf(o,
                           "<tr class=\"described-track\" data-track=\"%u\" data-group=\"%s\" "
                           "data-port=\"%d\" data-payload-types=\"%s\" data-clock-rate=\"%u\" "
                           "data-ttl=\"%d\" data-flow=\"%u\"><td>%u</td><td class=\"mono\">%s"
                           "</td><td>%s",
                           n, g, t->rtp_port, pts->str, t->clock_rate, t->ttl,
                           f != NULL ? f->id : 0, n, dest, pts->str);
    g_free(dest);
    g_string_free(pts, TRUE);
    if (t->encoding != NULL) {
        g_string_append(o, " ");
        ma_html_esc(o, t->encoding);
    }
    g_string_append_printf(o, "</td><td>%u Hz</td><td>", t->clock_rate);
    if (t->ttl >= 0)
        g_string_append_printf(o, "%d", t->ttl);
    else
        g_string_append(o, "<span class=\"none\">none</span>");
    g_string_append(o, "</td><td class=\"mono\">");
    if (t->n_filter_sources == 0)
        g_string_append(o, "<span class=\"none\">any</span>");
    for (guint i = 0; i < t->n_filter_sources; i++)
        g_string_append_printf(o, "%s%s", i ? ", " : (t->filter_include ? "incl " : "excl "),
                               ma_addr_to_str(&t->filter_sources[i], src));
    g_string_append(o, "</td><td>");
    if (f != NULL)
        g_string_append_printf(o,
                               "<a href=\"#session-%u\">flow %u</a> from <span "
                               "class=\"mono\">%s</span>, first frame %u",
                               t->session->id, f->id, ma_addr_to_str(&f->src, src), f->first_frame);
    else
        g_string_append(o, "<span class=\"none\">no media</span>");
    g_string_append(o, "</td></tr>\n");
}

static void described_block(ma_html *h, const ma_session *s)
{
    GString *o = h->out;
    const char *origin = ma_session_origin_name(s->origin);
    g_string_append_printf(o,
                           "<section class=\"described\" id=\"described-%u\" data-session=\"%u\" "
                           "data-origin=\"%s\" data-tracks=\"%u\"><h3>Session <a "
                           "href=\"#session-%u\">%u</a>: described by %s, no RTSP</h3>\n",
                           s->id, s->id, origin, s->tracks->len, s->id, s->id,
                           s->origin == MA_ORIGIN_SAP ? "a SAP announcement" : "an SDP file");
    ma_html_anchor(h, "described-%u", s->id);
    g_string_append(o, "<table class=\"facts\">\n");
    origin_fact(h, s);
    g_string_append(o, "</table>\n<table class=\"described-tracks\"><thead><tr><th>track</th>"
                       "<th>group:port</th><th>payload types</th><th>clock</th><th>TTL</th>"
                       "<th>source</th><th>matched flow</th></tr></thead><tbody>\n");
    for (guint i = 0; i < s->tracks->len; i++)
        track_row(h, g_ptr_array_index(s->tracks, i), i + 1);
    g_string_append(o, "</tbody></table>\n");
    ma_html_verdicts_table(h, s->verdicts, "described", "No verdict.");
    g_string_append(o, "</section>\n");
}

void ma_html_described(ma_html *h)
{
    const GPtrArray *ss = ma_correlator_sessions(h->ctx->corr);
    gboolean any = FALSE;
    for (guint i = 0; ss != NULL && i < ss->len; i++) {
        const ma_session *s = g_ptr_array_index(ss, i);
        if (!ma_session_described(s))
            continue;
        if (!any)
            g_string_append(h->out, "<section id=\"described\"><h2>Sessions described without "
                                    "RTSP (SDP files, SAP)</h2>\n<p class=\"meta\">What each "
                                    "description expects, track by track, and the flow that "
                                    "matched it.</p>\n");
        any = TRUE;
        described_block(h, s);
    }
    if (any)
        g_string_append(h->out, "</section>\n");
}
