/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_html_group.c - the group-centric audit in the HTML report: one
 * block per multicast group without an RTSP session (ma_group) with the
 * figures of the text and JSON reports: its members (versions, filter mode,
 * sources, join/leave/report frames and times, counts, zap time, member at
 * the end), the queriers that asked it, the media flows to it and its
 * verdicts.  Figures are also data-* attributes, so a test reads the same
 * numbers a reader sees. */
#include "report_html_priv.h"
#include "report_text_priv.h"

static void time_cell(ma_html *h, uint32_t frame, gint64 ns)
{
    if (frame == 0) {
        g_string_append(h->out, "<td class=\"none\">none</td>");
        return;
    }
    g_string_append_printf(h->out, "<td>frame %u<br><span class=\"meta\">", frame);
    ma_text t = {h->ctx, h->out};
    ma_text_time(&t, ns);
    g_string_append(h->out, "</span></td>");
}

static void versions_text(GString *out, const ma_group_member *m)
{
    g_string_append(out, m->proto == MA_PROTO_MLD ? "MLDv" : "IGMPv");
    gboolean any = FALSE;
    for (int v = 1; v <= 3; v++)
        if ((m->versions & (1u << (unsigned)v)) != 0) {
            g_string_append_printf(out, "%s%d", any ? "+" : "", v);
            any = TRUE;
        }
}

static void member_row(ma_html *h, const ma_group_member *m)
{
    GString *o = h->out;
    char host[MA_ADDR_STRLEN], a[MA_ADDR_STRLEN];
    GString *ver = g_string_new(NULL);
    versions_text(ver, m);
    g_string_append_printf(o,
                           "<tr class=\"member\" data-host=\"%s\" data-versions=\"%s\" "
                           "data-mode=\"%s\" data-join-frame=\"%u\" data-leave-frame=\"%u\" "
                           "data-report-frame=\"%u\" data-joins=\"%u\" data-leaves=\"%u\" "
                           "data-refreshes=\"%u\" data-member-at-end=\"%d\" data-zap-frame=\"%u\"",
                           ma_addr_to_str(&m->host, host), ver->str,
                           m->include_mode ? "include" : "exclude", m->first_join_frame,
                           m->last_leave_frame, m->last_report_frame, m->joins, m->leaves,
                           m->refreshes, m->member_at_end ? 1 : 0, m->zap_frame);
    if (m->zap_frame != 0)
        g_string_append_printf(o, " data-zap-ms=\"%.1f\"", m->zap_ms);
    g_string_append_printf(o, " data-zaps=\"%u\"", m->n_zaps);
    if (m->n_zaps > 0)
        g_string_append_printf(o,
                               " data-zap-min-ms=\"%.1f\" data-zap-max-ms=\"%.1f\" "
                               "data-zap-last-ms=\"%.1f\"",
                               m->zap_min_ms, m->zap_max_ms, m->zap_last_ms);
    g_string_append_printf(o,
                           "><td class=\"mono\">%s</td><td>%s</td><td>%s</td><td class=\"mono\">",
                           host, ver->str, m->include_mode ? "INCLUDE" : "EXCLUDE");
    g_string_free(ver, TRUE);
    if (m->n_sources == 0)
        g_string_append(o, m->include_mode ? "<span class=\"none\">none</span>"
                                           : "<span class=\"none\">any</span>");
    for (guint i = 0; i < m->n_sources; i++)
        g_string_append_printf(o, "%s%s", i ? ", " : "", ma_addr_to_str(&m->sources[i], a));
    g_string_append(o, "</td>");
    time_cell(h, m->first_join_frame, m->first_join_ns);
    time_cell(h, m->last_leave_frame, m->last_leave_ns);
    time_cell(h, m->last_report_frame, m->last_report_ns);
    g_string_append_printf(o, "<td>%u / %u / %u</td>", m->joins, m->leaves, m->refreshes);
    if (m->zap_frame != 0)
        g_string_append_printf(o,
                               "<td><b>%.1f ms</b><br><span class=\"meta\">first packet frame "
                               "%u</span>",
                               m->zap_ms, m->zap_frame);
    else if (m->zap_flowing)
        g_string_append(o, "<td class=\"none\">none: media already flowing at the join");
    else
        g_string_append(o, "<td class=\"none\">none");
    if (m->n_zaps > 1 || (m->n_zaps == 1 && m->zap_frame == 0)) /* joins after a leave */
        g_string_append_printf(o,
                               "<br><span class=\"meta\">%u zaps: min %.1f, max %.1f, last "
                               "%.1f ms</span>",
                               m->n_zaps, m->zap_min_ms, m->zap_max_ms, m->zap_last_ms);
    g_string_append(o, "</td>");
    g_string_append_printf(o, "<td>%s</td></tr>\n", m->member_at_end ? "yes" : "no");
}

static void members_table(ma_html *h, const ma_group *g)
{
    if (g->members->len == 0) {
        g_string_append(h->out, "<p class=\"none\">No host joined the group (no IGMP/MLD report "
                                "for it in the capture).</p>\n");
        return;
    }
    g_string_append(h->out, "<table class=\"members\"><thead><tr><th>member</th><th>versions</th>"
                            "<th>mode</th><th>sources</th><th>first join</th><th>last leave</th>"
                            "<th>last report</th><th>joins / leaves / refreshes</th><th>zap time"
                            "</th><th>member at end</th></tr></thead><tbody>\n");
    for (guint k = 0; k < g->members->len; k++)
        member_row(h, &g_array_index(g->members, ma_group_member, k));
    g_string_append(h->out, "</tbody></table>\n");
}

static void queriers_fact(ma_html *h, const ma_group *g)
{
    GString *o = h->out;
    GPtrArray *qs = ma_report_group_queriers(h->ctx, &g->addr);
    g_string_append_printf(o, "<tr><td>queriers</td><td data-queriers=\"%u\">", qs->len);
    if (qs->len == 0)
        g_string_append(o, "<span class=\"none\">none seen</span>");
    for (guint i = 0; i < qs->len; i++) {
        const ma_addr *q = g_ptr_array_index(qs, i);
        char a[MA_ADDR_STRLEN];
        g_string_append_printf(o, "%s<span class=\"mono\">%s</span>", i ? ", " : "",
                               ma_addr_to_str(q, a));
        ma_report_querier_versions(h->ctx, q, o);
    }
    if (g->specific_queries > 0)
        g_string_append_printf(o, "; %u quer%s specific to the group", g->specific_queries,
                               g->specific_queries == 1 ? "y" : "ies");
    g_string_append(o, "</td></tr>\n");
    g_ptr_array_free(qs, TRUE);
}

static void media_fact(ma_html *h, const ma_group *g)
{
    GString *o = h->out;
    g_string_append(o, "<tr><td>media</td><td>");
    if (g->flows->len == 0)
        g_string_append(o, "<span class=\"none\">none in the capture</span>");
    for (guint i = 0; i < g->flows->len; i++) {
        const ma_flow *f = g_ptr_array_index(g->flows, i);
        char *id = g_strdup_printf("flow-%u", f->id);
        char *src = ma_report_endpoint(&f->src, f->sport);
        char *dst = ma_report_endpoint(&f->dst, f->dport);
        if (i > 0)
            g_string_append(o, "<br>");
        if (g_hash_table_contains(h->anchors, id))
            g_string_append_printf(o,
                                   "<a class=\"flow\" data-flow=\"%u\" href=\"#%s\">flow %u</a> ",
                                   f->id, id, f->id);
        else
            g_string_append_printf(o, "<span class=\"flow\" data-flow=\"%u\">flow %u</span> ",
                                   f->id, f->id);
        ma_html_escf(o, "%s -> %s frames %u-%u", src, dst, f->first_frame, f->last_frame);
        if (f->track != NULL)
            g_string_append_printf(o, " (<a href=\"#session-%u\">session %u</a>)",
                                   f->track->session->id, f->track->session->id);
        g_free(src);
        g_free(dst);
        g_free(id);
    }
    if (g->first_media_frame != 0)
        g_string_append_printf(o, "<br><span class=\"meta\">first media frame %u, last %u</span>",
                               g->first_media_frame, g->last_media_frame);
    g_string_append(o, "</td></tr>\n");
}

/* kind and none are both literals at each call (block kind, sentence) */
void ma_html_verdicts_table(ma_html *h, const GPtrArray *verdicts,
                            const char *kind, // NOLINT(bugprone-easily-swappable-parameters)
                            const char *none)
{
    GString *o = h->out;
    if (verdicts == NULL || verdicts->len == 0) {
        g_string_append_printf(o, "<p class=\"none\">%s</p>\n", none);
        return;
    }
    g_string_append_printf(o,
                           "<table class=\"%s-verdicts\"><thead><tr><th>severity</th><th>code</th>"
                           "<th>what</th><th>frames</th></tr></thead><tbody>\n",
                           kind);
    for (guint k = 0; k < verdicts->len; k++) {
        const ma_verdict *v = g_ptr_array_index(verdicts, k);
        ma_severity sev = v->def->severity;
        g_string_append_printf(o,
                               "<tr class=\"verdict\" data-%s-verdict=\"%s\"><td class=\"sev "
                               "%s\">%s</td><td><code>%s</code><br><span class=\"meta\">",
                               kind, v->def->code, ma_html_sev_class(sev), ma_severity_name(sev),
                               v->def->code);
        ma_html_esc(o, v->def->name);
        g_string_append(o, "</span></td><td>");
        ma_html_esc(o, v->message);
        g_string_append(o, "</td><td>");
        for (guint i = 0; v->frames != NULL && i < v->frames->len; i++)
            g_string_append_printf(o, "%s%u", i ? ", " : "", g_array_index(v->frames, uint32_t, i));
        g_string_append(o, "</td></tr>\n");
    }
    g_string_append(o, "</tbody></table>\n");
}

static void group_block(ma_html *h, const ma_group *g, guint n)
{
    GString *o = h->out;
    char a[MA_ADDR_STRLEN];
    gboolean negotiated = FALSE; /* media of a session set up before the capture */
    for (guint k = 0; k < g->sessions->len; k++)
        negotiated |= !((const ma_session *)g_ptr_array_index(g->sessions, k))->static_multicast;
    ma_addr_to_str(&g->addr, a);
    g_string_append_printf(o,
                           "<section class=\"group\" id=\"group-%u\" data-group=\"%s\" "
                           "data-static=\"%d\" data-members=\"%u\" data-first-media-frame=\"%u\">"
                           "<h3>Group <span class=\"mono\">%s</span>: %s, no RTSP session; %u "
                           "member%s</h3>\n",
                           n, a, negotiated ? 0 : 1, g->members->len, g->first_media_frame, a,
                           negotiated ? "negotiated before the capture" : "static multicast",
                           g->members->len, ma_text_plural(g->members->len));
    ma_html_anchor(h, "group-%u", n);
    g_string_append(o, "<table class=\"facts\">\n");
    queriers_fact(h, g);
    media_fact(h, g);
    g_string_append(o, "</table>\n");
    members_table(h, g);
    ma_html_verdicts_table(h, g->verdicts, "group", "No group verdict.");
    g_string_append(o, "</section>\n");
}

guint ma_html_group_of(const ma_html *h, const ma_verdict *v)
{
    const GPtrArray *gs = ma_correlator_groups(h->ctx->corr);
    if (!ma_addr_is_set(&v->group))
        return 0;
    for (guint i = 0; gs != NULL && i < gs->len; i++)
        if (ma_addr_equal(&((const ma_group *)g_ptr_array_index(gs, i))->addr, &v->group))
            return i + 1;
    return 0;
}

void ma_html_groups(ma_html *h)
{
    const GPtrArray *gs = ma_correlator_groups(h->ctx->corr);
    if (gs == NULL || gs->len == 0)
        return;
    g_string_append(h->out, "<section id=\"groups\"><h2>Multicast groups without an RTSP session"
                            "</h2>\n<p class=\"meta\">The group-centric audit: who joined and left "
                            "each group, the queriers that asked it, the media to it and the zap "
                            "time of each join (to the first media packet).</p>\n");
    for (guint i = 0; i < gs->len; i++)
        group_block(h, g_ptr_array_index(gs, i), i + 1);
    g_string_append(h->out, "</section>\n");
}
