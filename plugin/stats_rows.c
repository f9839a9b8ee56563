/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats_rows.c - the rows of the plugin's statistics, computed once for
 * both renderings: the text tables (`-z mcast_audit`: stats.c, and its
 * group and flow sections, stats_groups.c and stats_flows.c) and the
 * stat_tap_table of the GUI's Statistics menu (`-z mcast_audit,table`,
 * stats_table.c).  Three kinds of row: a session's track or flow, a group
 * of the group-centric audit, a media flow tied to no session.  Keeping one
 * source of figures is what makes the renderings say the same thing. */
#include "ma_plugin.h"

#include <string.h>

#define MA_DASH(cell) g_strlcpy((cell), "-", sizeof(cell))

/* Every cell "-" (unknown, or not a figure of this kind of row). */
static void ma_stats_row_blank(ma_stats_row *r)
{
    memset(r, 0, sizeof *r);
    MA_DASH(r->client);
    MA_DASH(r->server);
    MA_DASH(r->group_port);
    MA_DASH(r->packets);
    MA_DASH(r->lost);
    MA_DASH(r->duplicates);
    MA_DASH(r->reordered);
    MA_DASH(r->jitter_max_ms);
    MA_DASH(r->ts);
    MA_DASH(r->fec);
    MA_DASH(r->flow);
    MA_DASH(r->kind);
    MA_DASH(r->source);
    MA_DASH(r->datagrams);
    MA_DASH(r->expected);
    MA_DASH(r->is_static);
    MA_DASH(r->members);
    MA_DASH(r->joins);
    MA_DASH(r->leaves);
    MA_DASH(r->first_join);
    MA_DASH(r->zap_ms);
    MA_DASH(r->first_media);
    r->codes = "-";
    r->result = ma_state_result_name(-1);
}

/* "239.255.255.200:8860", "[ff3e::1]:8860", or "-". */
static void ma_addr_port(const ma_addr *a, int port, char *out, gsize outlen)
{
    char txt[MA_ADDR_STRLEN];

    if (!ma_addr_is_set(a)) {
        g_strlcpy(out, "-", outlen);
        return;
    }
    ma_addr_to_str(a, txt);
    if (port > 0)
        g_snprintf(out, outlen, a->family == 6 ? "[%s]:%d" : "%s:%d", txt, port);
    else
        g_snprintf(out, outlen, a->family == 6 ? "[%s]:-" : "%s:-", txt);
}

/* The RTP figures of flow f, or "-" for each when there is none. */
static void ma_stats_row_figures(ma_stats_row *r, const ma_flow *f)
{
    ma_rtp_summary sum;

    g_strlcpy(r->packets, "-", sizeof r->packets);
    g_strlcpy(r->lost, "-", sizeof r->lost);
    g_strlcpy(r->duplicates, "-", sizeof r->duplicates);
    g_strlcpy(r->reordered, "-", sizeof r->reordered);
    g_strlcpy(r->jitter_max_ms, "-", sizeof r->jitter_max_ms);
    if (!f || !f->stats)
        return;
    ma_rtp_stats_summary(f->stats, &sum);
    g_snprintf(r->packets, sizeof r->packets, "%" G_GUINT64_FORMAT, sum.packets);
    g_snprintf(r->lost, sizeof r->lost, "%" G_GINT64_FORMAT, sum.lost);
    g_snprintf(r->duplicates, sizeof r->duplicates, "%" G_GUINT64_FORMAT, sum.duplicates);
    g_snprintf(r->reordered, sizeof r->reordered, "%" G_GUINT64_FORMAT, sum.reordered);
    /* Without a clock rate there is no jitter (not "0"). */
    if (sum.clock_rate > 0)
        g_snprintf(r->jitter_max_ms, sizeof r->jitter_max_ms, "%.3f", sum.jitter_max_ms);
}

/* The flow's MPEG-TS and FEC cells: "packets/cc_errors/cc_lost" and
 * "col:packets/lost,row:packets/lost" (the CLI's flow.mpegts and flow.fec
 * figures), "-" when it carries none. */
static void ma_stats_row_extras(ma_stats_row *r, const ma_flow *f)
{
    ma_ts_summary ts;
    g_strlcpy(r->ts, "-", sizeof r->ts);
    g_strlcpy(r->fec, "-", sizeof r->fec);
    if (f && ma_flow_ts_summary(f, &ts))
        g_snprintf(r->ts, sizeof r->ts,
                   "%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, ts.packets,
                   ts.cc_errors, ts.cc_lost);
    if (!f)
        return;
    GString *fec = g_string_new(NULL);
    static const ma_fec_dir dirs[] = {MA_FEC_COLUMN, MA_FEC_ROW};
    for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
        ma_fec_summary s;
        if (ma_flow_fec_summary(f, dirs[i], &s, NULL))
            g_string_append_printf(fec, "%s%s:%" G_GUINT64_FORMAT "/%" G_GINT64_FORMAT,
                                   fec->len ? "," : "", dirs[i] == MA_FEC_ROW ? "row" : "col",
                                   s.packets, s.lost);
    }
    if (fec->len)
        g_strlcpy(r->fec, fec->str, sizeof r->fec);
    g_string_free(fec, TRUE);
}

/* The flow's own cells: id, kind, source, datagrams and expected packets
 * (highest extended sequence - first + 1, the CLI's flow.expected; RTP
 * only). */
static void ma_stats_row_flow_id(ma_stats_row *r, const ma_flow *f)
{
    gboolean rtp = f->is_rtp && !f->is_rtcp && f->stats != NULL;
    g_snprintf(r->flow, sizeof r->flow, "%u", f->id);
    g_strlcpy(r->kind, f->ts_raw && !f->is_rtp ? "MPEG-TS/UDP" : "RTP", sizeof r->kind);
    ma_addr_port(&f->src, f->sport, r->source, sizeof r->source);
    g_snprintf(r->datagrams, sizeof r->datagrams, "%" G_GUINT64_FORMAT, (guint64)f->datagrams);
    if (rtp) {
        ma_rtp_summary sum;
        ma_rtp_stats_summary(f->stats, &sum);
        g_snprintf(r->expected, sizeof r->expected, "%" G_GUINT64_FORMAT, (guint64)sum.expected);
    }
}

/* Appends v's code to codes unless it is there; the worst severity so far. */
static int ma_stats_add_code(GString *codes, const ma_verdict *v, int worst)
{
    if (strstr(codes->str, v->def->code) == NULL)
        g_string_append_printf(codes, "%s%s", codes->len ? "," : "", v->def->code);
    return MAX(worst, (int)v->def->severity);
}

/* The figure cells of a flow tied to no session (stats_flows.c): the RTP
 * figures only for validated RTP (as the CLI's flow.packets ...), the
 * MPEG-TS and FEC cells for any flow; the same formatting as a track's row. */
void ma_stats_flow_cells(ma_stats_row *r, const ma_flow *f)
{
    ma_stats_row_figures(r, f->is_rtp && !f->is_rtcp ? f : NULL);
    ma_stats_row_extras(r, f);
}

/* One row: a track's RTP flow f (its own group:port, which differs from
 * the negotiated one for a stray flow), or the track alone when f is NULL,
 * or the session alone when t is NULL too. */
static void ma_stats_row_emit(const ma_session *s, const ma_track *t, const ma_flow *f, ma_stats_row_fn fn,
                              gpointer user)
{
    ma_stats_row r;
    char *codes;
    int track = t ? (int)t->index : -1;

    ma_stats_row_blank(&r);
    r.session = s->id;
    ma_addr_to_str(&s->client, r.client);
    ma_addr_to_str(&s->server, r.server);
    if (f) {
        ma_addr_port(&f->dst, f->dport, r.group_port, sizeof r.group_port);
        ma_stats_row_flow_id(&r, f);
    } else if (t) {
        ma_addr_port(&t->group, t->rtp_port, r.group_port, sizeof r.group_port);
    }
    ma_stats_row_figures(&r, f);
    ma_stats_row_extras(&r, f);
    codes = ma_state_codes(NULL, s, track);
    r.codes = *codes ? codes : "-";
    r.result = ma_state_result_name(ma_state_worst(s, track));
    fn(&r, user);
    wmem_free(NULL, codes);
}

/* A row per RTP flow of the track (as the CLI lists the track's media),
 * or one row with no figures when no RTP reached it. */
static void ma_stats_track_rows(const ma_session *s, const ma_track *t, ma_stats_row_fn fn, gpointer user)
{
    guint rows = 0;

    for (guint i = 0; t->flows && i < t->flows->len; i++) {
        const ma_flow *f = g_ptr_array_index(t->flows, i);
        ma_host_role sender;
        /* a receiver's start-up datagrams are not media, whatever they look like */
        if (f->is_rtp && f->stats &&
            ma_correlator_flow_role(f, t, &sender) != MA_FLOW_ROLE_RECEIVER_STARTUP) {
            ma_stats_row_emit(s, t, f, fn, user);
            rows++;
        }
    }
    if (rows == 0)
        ma_stats_row_emit(s, t, NULL, fn, user);
}

void ma_stats_session_rows(const ma_session *s, ma_stats_row_fn fn, gpointer user)
{
    if (!s->tracks || s->tracks->len == 0) {
        ma_stats_row_emit(s, NULL, NULL, fn, user);
        return;
    }
    for (guint k = 0; k < s->tracks->len; k++)
        ma_stats_track_rows(s, g_ptr_array_index(s->tracks, k), fn, user);
}

gboolean ma_stats_flow_is_unbound_media(const ma_flow *f)
{
    return f->track == NULL && f->fec == NULL && !f->unrelated &&
           ((f->is_rtp && !f->is_rtcp && f->stats != NULL) || f->ts_raw);
}

void ma_stats_flow_row(const ma_flow *f, ma_stats_row_fn fn, gpointer user)
{
    ma_stats_row r;
    ma_stats_row_blank(&r);
    ma_addr_port(&f->dst, f->dport, r.group_port, sizeof r.group_port);
    ma_stats_row_flow_id(&r, f);
    ma_stats_flow_cells(&r, f);
    /* the flow's own verdicts (flow_id), once each, and the worst of them */
    const GPtrArray *vs = ma_correlator_verdicts(ma_state_correlator());
    GString *codes = g_string_new("");
    int worst = -1;
    for (guint i = 0; vs != NULL && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        if (v->flow_id == f->id)
            worst = ma_stats_add_code(codes, v, worst);
    }
    r.codes = codes->len ? codes->str : "-";
    r.result = ma_state_result_name(worst);
    fn(&r, user);
    g_string_free(codes, TRUE);
}

void ma_stats_group_row(const ma_group *g, ma_stats_row_fn fn, gpointer user)
{
    ma_stats_row r;
    ma_stats_row_blank(&r);
    ma_addr_to_str(&g->addr, r.group_port);
    gboolean is_static = TRUE; /* no session negotiated before the capture */
    for (guint k = 0; k < g->sessions->len; k++)
        is_static &= ((const ma_session *)g_ptr_array_index(g->sessions, k))->static_multicast;
    g_strlcpy(r.is_static, is_static ? "yes" : "no", sizeof r.is_static);
    guint n_joins = 0, n_leaves = 0;
    const ma_group_member *firstm = NULL;
    for (guint i = 0; i < g->members->len; i++) {
        const ma_group_member *m = &g_array_index(g->members, ma_group_member, i);
        n_joins += m->joins;
        n_leaves += m->leaves;
        if (m->first_join_frame != 0 &&
            (firstm == NULL || m->first_join_frame < firstm->first_join_frame))
            firstm = m;
    }
    g_snprintf(r.members, sizeof r.members, "%u", g->members->len);
    g_snprintf(r.joins, sizeof r.joins, "%u", n_joins);
    g_snprintf(r.leaves, sizeof r.leaves, "%u", n_leaves);
    if (firstm != NULL) {
        g_snprintf(r.first_join, sizeof r.first_join, "%u", firstm->first_join_frame);
        /* the zap time of the group's first join, "-" when the media was already flowing */
        if (firstm->zap_frame != 0)
            g_snprintf(r.zap_ms, sizeof r.zap_ms, "%.3f", firstm->zap_ms);
    }
    if (g->first_media_frame != 0)
        g_snprintf(r.first_media, sizeof r.first_media, "%u", g->first_media_frame);
    GString *codes = g_string_new("");
    int worst = -1;
    for (guint i = 0; i < g->verdicts->len; i++)
        worst = ma_stats_add_code(codes, g_ptr_array_index(g->verdicts, i), worst);
    r.codes = codes->len ? codes->str : "-";
    r.result = ma_state_result_name(worst);
    fn(&r, user);
    g_string_free(codes, TRUE);
}
