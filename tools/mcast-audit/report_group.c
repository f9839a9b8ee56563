/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_group.c - what the JSON and HTML reports read alike from a group
 * of the group-centric audit (ma_group): which IGMP/MLD messages are about
 * it and which queriers asked it, so both name the same messages and
 * queriers. */
#include "report.h"

gboolean ma_report_group_message_of(const ma_membership_message *mm, const ma_addr *g,
                                    gboolean *query)
{
    return ma_memb_msg_about_group(mm->msg, g, query);
}

GPtrArray *ma_report_group_queriers(const ma_report_ctx *ctx, const ma_addr *g)
{
    const GArray *ms = ma_correlator_membership_messages(ctx->corr);
    GPtrArray *queriers = g_ptr_array_new();
    for (guint i = 0; ms != NULL && i < ms->len; i++) {
        const ma_membership_message *mm = &g_array_index(ms, ma_membership_message, i);
        gboolean query = FALSE;
        if (!ma_report_group_message_of(mm, g, &query) || !query)
            continue;
        gboolean known = FALSE;
        for (guint k = 0; k < queriers->len && !known; k++)
            known = ma_addr_equal(g_ptr_array_index(queriers, k), &mm->src);
        if (!known)
            g_ptr_array_add(queriers, (gpointer)&mm->src);
    }
    return queriers;
}

void ma_report_querier_versions(const ma_report_ctx *ctx, const ma_addr *q, GString *out)
{
    const GPtrArray *all = ma_correlator_queriers(ctx->corr);
    for (guint k = 0; all != NULL && k < all->len; k++) {
        const ma_querier *mq = g_ptr_array_index(all, k);
        if (ma_addr_equal(&mq->addr, q))
            g_string_append_printf(out, " %s%d", mq->proto == MA_PROTO_MLD ? "MLDv" : "IGMPv",
                                   mq->version);
    }
}
