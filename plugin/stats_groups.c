/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats_groups.c - the groups of the group-centric audit (multicast without
 * an RTSP session) under `tshark -q -z mcast_audit`'s session table: one
 * row per group with its members, joins, leaves, first join, the zap time
 * of that first join, first media frame, verdict codes and result (the
 * cells of stats_rows.c, which the GUI table shows too).  The session table
 * keeps its rows (a static stream's figures are on its outside-capture
 * session's row); these rows add what only the group knows.  Cells are one
 * word each ("-" unknown), as in stats.c. */
#include "ma_plugin.h"

#include <stdio.h>

#define MA_GROUP_ROW_FMT "%-27s %-6s %7s %5s %6s %9s %8s %10s %-24s %s\n"

static void ma_group_print_row(const ma_stats_row *r, gpointer user _U_)
{
    printf(MA_GROUP_ROW_FMT, r->group_port, r->is_static, r->members, r->joins, r->leaves,
           r->first_join, r->zap_ms, r->first_media, r->codes, r->result);
}

void ma_stats_print_groups(void)
{
    const GPtrArray *gs = ma_correlator_groups(ma_state_correlator());
    if (gs == NULL || gs->len == 0)
        return;
    printf("Groups without an RTSP session (the group-centric audit):\n");
    printf(MA_GROUP_ROW_FMT, "Group", "Static", "Members", "Joins", "Leaves", "FirstJoin", "ZapMs",
           "FirstMedia", "Verdicts", "Result");
    for (guint i = 0; i < gs->len; i++)
        ma_stats_group_row(g_ptr_array_index(gs, i), ma_group_print_row, NULL);
}
