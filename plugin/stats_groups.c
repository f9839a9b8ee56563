/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats_groups.c - the groups of the group-centric audit (multicast without
 * an RTSP session) under `tshark -q -z mcast_audit`'s session table: one
 * row per group with its members, joins, leaves, first join, the zap time
 * of that first join, first media frame, verdict codes and result.  The
 * session table keeps its rows (a static stream's figures are on its
 * outside-capture session's row); these rows add what only the group
 * knows.  Cells are one word each ("-" unknown), as in stats.c. */
#include "ma_plugin.h"

#include <stdio.h>
#include <string.h>

#define MA_GROUP_ROW_FMT "%-27s %-6s %7s %5s %6s %9s %8s %10s %-24s %s\n"

static void ma_group_row(const ma_group *g)
{
    char addr[MA_ADDR_STRLEN], members[16], joins[16], leaves[16], first[16], zap[32], media[16];
    gboolean is_static = TRUE;
    for (guint k = 0; k < g->sessions->len; k++)
        is_static &= ((const ma_session *)g_ptr_array_index(g->sessions, k))->static_multicast;
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
    g_snprintf(members, sizeof members, "%u", g->members->len);
    g_snprintf(joins, sizeof joins, "%u", n_joins);
    g_snprintf(leaves, sizeof leaves, "%u", n_leaves);
    g_strlcpy(first, "-", sizeof first);
    g_strlcpy(zap, "-", sizeof zap);
    if (firstm != NULL) {
        g_snprintf(first, sizeof first, "%u", firstm->first_join_frame);
        if (firstm->zap_frame != 0)
            g_snprintf(zap, sizeof zap, "%.3f", firstm->zap_ms);
    }
    g_strlcpy(media, "-", sizeof media);
    if (g->first_media_frame != 0)
        g_snprintf(media, sizeof media, "%u", g->first_media_frame);
    GString *codes = g_string_new("");
    int worst = -1;
    for (guint i = 0; i < g->verdicts->len; i++) {
        const ma_verdict *v = g_ptr_array_index(g->verdicts, i);
        worst = MAX(worst, (int)v->def->severity);
        if (strstr(codes->str, v->def->code) == NULL)
            g_string_append_printf(codes, "%s%s", codes->len ? "," : "", v->def->code);
    }
    printf(MA_GROUP_ROW_FMT, ma_addr_to_str(&g->addr, addr), is_static ? "yes" : "no", members,
           joins, leaves, first, zap, media, codes->len ? codes->str : "-",
           ma_state_result_name(worst));
    g_string_free(codes, TRUE);
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
        ma_group_row(g_ptr_array_index(gs, i));
}
