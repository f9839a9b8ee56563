/* stats.c - `tshark -q -z mcast_audit`: one row per track, the same
 * figures and verdict codes as the CLI summary.
 *
 * Fixed columns separated by blanks, no blank inside a cell ("-" when
 * unknown), so tests can split rows with awk.  The table is drawn from the
 * correlator after the whole capture was read, judging it first if no
 * second pass did. */
#include "ma_plugin.h"

#include <stdio.h>
#include <string.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

typedef struct {
    guint frames; /* frames the plugin annotated, for the footer */
} ma_stats;

static tap_packet_status ma_stats_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                         const void *data _U_, tap_flags_t flags _U_)
{
    ((ma_stats *)tapdata)->frames++;
    return TAP_PACKET_DONT_REDRAW;
}

static void ma_stats_reset(void *tapdata)
{
    ((ma_stats *)tapdata)->frames = 0;
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

#define MA_ROW_FMT "%-7s %-15s %-15s %-27s %8s %6s %5s %6s %10s %-24s %s\n"

/* One row: a track's RTP flow f (its own group:port, which differs from
 * the negotiated one for a stray flow), or the track alone when f is NULL. */
static void ma_stats_row(const ma_session *s, const ma_track *t, const ma_flow *f)
{
    char cbuf[MA_ADDR_STRLEN], sbuf[MA_ADDR_STRLEN], gp[96], id[16];
    char pk[24] = "-", lo[24] = "-", du[24] = "-", re[24] = "-", ji[32] = "-";
    ma_rtp_summary sum;
    int track = t ? (int)t->index : -1;
    char *codes = ma_state_codes(NULL, s, track);

    g_snprintf(id, sizeof id, "%u", s->id);
    if (f)
        ma_addr_port(&f->dst, f->dport, gp, sizeof gp);
    else if (t)
        ma_addr_port(&t->group, t->rtp_port, gp, sizeof gp);
    else
        g_strlcpy(gp, "-", sizeof gp);
    if (f && f->stats) {
        ma_rtp_stats_summary(f->stats, &sum);
        g_snprintf(pk, sizeof pk, "%" G_GUINT64_FORMAT, sum.packets);
        g_snprintf(lo, sizeof lo, "%" G_GINT64_FORMAT, sum.lost);
        g_snprintf(du, sizeof du, "%" G_GUINT64_FORMAT, sum.duplicates);
        g_snprintf(re, sizeof re, "%" G_GUINT64_FORMAT, sum.reordered);
        if (sum.clock_rate > 0)
            g_snprintf(ji, sizeof ji, "%.3f", sum.jitter_max_ms);
    }
    printf(MA_ROW_FMT, id, ma_addr_is_set(&s->client) ? ma_addr_to_str(&s->client, cbuf) : "-",
           ma_addr_is_set(&s->server) ? ma_addr_to_str(&s->server, sbuf) : "-", gp, pk, lo, du, re, ji,
           *codes ? codes : "-", ma_state_result_name(ma_state_worst(s, track)));
    wmem_free(NULL, codes);
}

/* A row per RTP flow of the track (as the CLI lists the track's media),
 * or one row with no figures when no RTP reached it. */
static void ma_stats_track(const ma_session *s, const ma_track *t)
{
    guint rows = 0;

    for (guint i = 0; t->flows && i < t->flows->len; i++) {
        const ma_flow *f = g_ptr_array_index(t->flows, i);
        if (f->is_rtp && f->stats) {
            ma_stats_row(s, t, f);
            rows++;
        }
    }
    if (rows == 0)
        ma_stats_row(s, t, NULL);
}

/* Every verdict code of the capture, once each, in catalogue order of
 * appearance; includes verdicts tied to no session. */
static void ma_stats_all_codes(const ma_correlator *c)
{
    const GPtrArray *vs = ma_correlator_verdicts(c);
    GString *codes = g_string_new("");

    for (guint i = 0; vs && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        if (strstr(codes->str, v->def->code))
            continue;
        g_string_append_printf(codes, "%s%s", codes->len ? "," : "", v->def->code);
    }
    printf("Verdicts: %s\n", codes->len ? codes->str : "-");
    g_string_free(codes, TRUE);
}

static void ma_stats_draw(void *tapdata _U_)
{
    ma_state_finish();
    const GPtrArray *ss = ma_correlator_sessions(ma_state_correlator());
    ma_correlator *c = ma_state_correlator();

    printf("\n==================================================================================="
           "=================================================\n");
    printf("Multicast Session Audit (mcast-audit %s)\n", MA_VERSION);
    printf(MA_ROW_FMT, "Session", "Client", "Server", "Group:Port", "Packets", "Lost", "Dup", "Reord",
           "JitterMax", "Verdicts", "Result");
    for (guint i = 0; ss && i < ss->len; i++) {
        const ma_session *s = g_ptr_array_index(ss, i);
        if (!s->tracks || s->tracks->len == 0)
            ma_stats_row(s, NULL, NULL);
        for (guint k = 0; s->tracks && k < s->tracks->len; k++)
            ma_stats_track(s, g_ptr_array_index(s->tracks, k));
    }
    ma_stats_all_codes(c);
    printf("Result: %s\n", ma_state_result_name(ma_correlator_worst_severity(c)));
    printf("==================================================================================="
           "=================================================\n");
}

static void ma_stats_init(const char *opt_arg _U_, void *userdata _U_)
{
    ma_stats *st = g_new0(ma_stats, 1);
    /* No filter: verdicts are about the whole capture, not a subset. */
    GString *err = register_tap_listener("mcast_audit", st, NULL, TL_REQUIRES_NOTHING, ma_stats_reset,
                                         ma_stats_packet, ma_stats_draw, NULL);
    if (err) {
        fprintf(stderr, "tshark: could not register the mcast_audit tap: %s\n", err->str);
        g_string_free(err, TRUE);
        g_free(st);
    }
}

static stat_tap_ui ma_stat_ui = {
    REGISTER_STAT_GROUP_GENERIC, "Multicast Session Audit", "mcast_audit", ma_stats_init, 0, NULL
};

void ma_stats_register(void)
{
    register_stat_tap_ui(&ma_stat_ui, NULL);
}
