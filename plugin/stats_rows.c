/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats_rows.c - the rows of the per-track statistics, computed once for
 * both renderings: the text table (`-z mcast_audit`, stats.c) and the
 * stat_tap_table of the GUI's Statistics menu (`-z mcast_audit,table`,
 * stats_table.c).  Keeping one source of figures is what makes the two
 * say the same thing. */
#include "ma_plugin.h"

#include <string.h>

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

    memset(&r, 0, sizeof r);
    r.session = s->id;
    ma_addr_to_str(&s->client, r.client);
    ma_addr_to_str(&s->server, r.server);
    if (f)
        ma_addr_port(&f->dst, f->dport, r.group_port, sizeof r.group_port);
    else if (t)
        ma_addr_port(&t->group, t->rtp_port, r.group_port, sizeof r.group_port);
    else
        g_strlcpy(r.group_port, "-", sizeof r.group_port);
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
