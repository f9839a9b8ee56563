/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats_flows.c - the media flows tied to no session under `tshark -q -z
 * mcast_audit`'s session table: unsignalled RTP that passed probation and
 * MPEG-TS straight in UDP.  They have no session, track or group row, so
 * without these rows their figures and verdicts (MA307 ...) would be in
 * the CLI's report only.  One row per flow: id, kind, source, destination,
 * datagrams, then the session table's figure columns with the expected
 * packets after the received ones, the flow's verdict codes and result
 * (the cells of stats_rows.c, which the GUI table shows too).  Cells are
 * one word each ("-" unknown), as in stats.c. */
#include "ma_plugin.h"

#include <stdio.h>

#define MA_FLOW_ROW_FMT "%-5s %-11s %-27s %-27s %9s %8s %8s %6s %5s %6s %10s %-24s %-6s %s\n"

static void ma_flow_print_row(const ma_stats_row *r, gpointer user _U_)
{
    printf(MA_FLOW_ROW_FMT, r->flow, r->kind, r->source, r->group_port, r->datagrams, r->packets,
           r->expected, r->lost, r->duplicates, r->reordered, r->jitter_max_ms, r->codes, r->result,
           r->ts);
}

void ma_stats_print_flows(void)
{
    const GPtrArray *fs = ma_correlator_flows(ma_state_correlator());
    gboolean header = FALSE;
    for (guint i = 0; fs != NULL && i < fs->len; i++) {
        const ma_flow *f = g_ptr_array_index(fs, i);
        if (!ma_stats_flow_is_unbound_media(f))
            continue;
        if (!header) {
            printf("Media flows without a session (unsignalled RTP, MPEG-TS over UDP):\n");
            printf(MA_FLOW_ROW_FMT, "Flow", "Kind", "Source", "Destination:Port", "Datagrams",
                   "Packets", "Expected", "Lost", "Dup", "Reord", "JitterMax", "Verdicts", "Result",
                   "TS:pkt/cc/lost");
            header = TRUE;
        }
        ma_stats_flow_row(f, ma_flow_print_row, NULL);
    }
}
