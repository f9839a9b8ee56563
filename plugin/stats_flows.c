/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats_flows.c - the media flows tied to no session under `tshark -q -z
 * mcast_audit`'s session table: unsignalled RTP that passed probation and
 * MPEG-TS straight in UDP.  They have no session, track or group row, so
 * without these rows their figures and verdicts (MA307 ...) would be in
 * the CLI's report only.  One row per flow: id, kind, source, destination,
 * datagrams, then the session table's figure columns with the expected
 * packets after the received ones (the same cells,
 * stats_rows.c), the flow's verdict codes and result.  Cells are one word
 * each ("-" unknown), as in stats.c. */
#include "ma_plugin.h"

#include <stdio.h>
#include <string.h>

#define MA_FLOW_ROW_FMT "%-5s %-11s %-27s %-27s %9s %8s %8s %6s %5s %6s %10s %-24s %-6s %s\n"

/* Media the CLI lists under "Flows tied to no session" with figures: not
 * an FEC stream (shown with its media), not unrelated UDP, not RTCP. */
static gboolean ma_flow_is_unbound_media(const ma_flow *f)
{
    return f->track == NULL && f->fec == NULL && !f->unrelated &&
           ((f->is_rtp && !f->is_rtcp && f->stats != NULL) || f->ts_raw);
}

/* "10.9.97.40:5004" or "[ff3e::1]:5004". */
static void ma_flow_end(const ma_addr *a, int port, char *out, gsize outlen)
{
    char txt[MA_ADDR_STRLEN];
    ma_addr_to_str(a, txt);
    g_snprintf(out, outlen, a->family == 6 ? "[%s]:%d" : "%s:%d", txt, port);
}

static void ma_flow_row(const ma_flow *f)
{
    ma_stats_row r;
    char id[16], src[96], dst[96], datagrams[24];
    memset(&r, 0, sizeof r);
    ma_stats_flow_cells(&r, f);
    g_snprintf(id, sizeof id, "%u", f->id);
    ma_flow_end(&f->src, f->sport, src, sizeof src);
    ma_flow_end(&f->dst, f->dport, dst, sizeof dst);
    g_snprintf(datagrams, sizeof datagrams, "%" G_GUINT64_FORMAT, (guint64)f->datagrams);
    /* expected = highest extended sequence - first + 1 (the CLI's flow.expected) */
    char expected[24] = "-";
    if (f->is_rtp && !f->is_rtcp && f->stats != NULL) {
        ma_rtp_summary sum;
        ma_rtp_stats_summary(f->stats, &sum);
        g_snprintf(expected, sizeof expected, "%" G_GUINT64_FORMAT, (guint64)sum.expected);
    }
    /* the flow's own verdicts (flow_id), once each, and the worst of them */
    const GPtrArray *vs = ma_correlator_verdicts(ma_state_correlator());
    GString *codes = g_string_new("");
    int worst = -1;
    for (guint i = 0; vs != NULL && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        if (v->flow_id != f->id)
            continue;
        worst = MAX(worst, (int)v->def->severity);
        if (strstr(codes->str, v->def->code) == NULL)
            g_string_append_printf(codes, "%s%s", codes->len ? "," : "", v->def->code);
    }
    printf(MA_FLOW_ROW_FMT, id, f->ts_raw && !f->is_rtp ? "MPEG-TS/UDP" : "RTP", src, dst,
           datagrams, r.packets, expected, r.lost, r.duplicates, r.reordered, r.jitter_max_ms,
           codes->len ? codes->str : "-", ma_state_result_name(worst), r.ts);
    g_string_free(codes, TRUE);
}

void ma_stats_print_flows(void)
{
    const GPtrArray *fs = ma_correlator_flows(ma_state_correlator());
    gboolean header = FALSE;
    for (guint i = 0; fs != NULL && i < fs->len; i++) {
        const ma_flow *f = g_ptr_array_index(fs, i);
        if (!ma_flow_is_unbound_media(f))
            continue;
        if (!header) {
            printf("Media flows without a session (unsignalled RTP, MPEG-TS over UDP):\n");
            printf(MA_FLOW_ROW_FMT, "Flow", "Kind", "Source", "Destination:Port", "Datagrams",
                   "Packets", "Expected", "Lost", "Dup", "Reord", "JitterMax", "Verdicts", "Result",
                   "TS:pkt/cc/lost");
            header = TRUE;
        }
        ma_flow_row(f);
    }
}
