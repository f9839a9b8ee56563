/* SPDX-License-Identifier: GPL-2.0-or-later */
/* frame_groups.c - which groups of the group-centric audit (ma_group,
 * multicast without an RTSP session) a frame is about: the groups its
 * IGMP/MLD message is about (with the member that sent a report or leave;
 * a general query asks every group and so is about none), or the group its
 * media flow goes to.  One rule for the Group subtree (tree_group.c) and
 * the group rows of the GUI table (stats_table.c).  Read from the judged
 * correlator. */
#include "ma_plugin.h"

#include "membership.h"

#include <string.h>

/* How far back from the last message starting at or before a frame a
 * folded run (first..last frame) that holds it is looked for: runs of
 * other hosts interleave, a bounded look keeps a tree cheap. */
#define MA_GROUP_RUN_LOOKBACK 64u

/* An address of the frame as the core's, FALSE when not IP. */
static gboolean ma_group_addr(const address *a, ma_addr *out)
{
    memset(out, 0, sizeof *out);
    if (a->type == AT_IPv4 && a->len == 4) {
        out->family = 4;
        memcpy(out->bytes, a->data, 4);
        return TRUE;
    }
    if (a->type == AT_IPv6 && a->len == 16) {
        out->family = 6;
        memcpy(out->bytes, a->data, 16);
        return TRUE;
    }
    return FALSE;
}

/* The kept IGMP/MLD message from src to dst of frame num (its first or,
 * folded, one of its repeats: a run keeps its sender and destination), or
 * NULL. */
static const ma_membership_message *ma_group_message(guint32 num, const ma_addr *src,
                                                     const ma_addr *dst)
{
    const GArray *ms = ma_correlator_membership_messages(ma_state_correlator());
    if (ms == NULL || ms->len == 0)
        return NULL;
    /* messages are kept in the order of their first frame */
    guint lo = 0, hi = ms->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(ms, ma_membership_message, mid).frame <= num)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (guint i = lo, seen = 0; i > 0 && seen < MA_GROUP_RUN_LOOKBACK; i--, seen++) {
        const ma_membership_message *mm = &g_array_index(ms, ma_membership_message, i - 1);
        if (mm->frame <= num && num <= mm->last_frame && ma_addr_equal(&mm->src, src) &&
            ma_addr_equal(&mm->dst, dst))
            return mm;
    }
    return NULL;
}

static const ma_flow *ma_group_flow(guint id)
{
    const GPtrArray *fs = id > 0 ? ma_correlator_flows(ma_state_correlator()) : NULL;
    for (guint i = 0; fs != NULL && i < fs->len; i++)
        if (((const ma_flow *)g_ptr_array_index(fs, i))->id == id)
            return g_ptr_array_index(fs, i);
    return NULL;
}

static gboolean ma_group_has_flow(const ma_group *g, const ma_flow *f)
{
    for (guint i = 0; i < g->flows->len; i++)
        if (g_ptr_array_index(g->flows, i) == f)
            return TRUE;
    return FALSE;
}

/* The kept IGMP/MLD message of the frame, or NULL.  A frame the core placed
 * as a membership event is one; so is a repeat the core folded into its run
 * (an unchanged refresh places no event), known by its protocol: without
 * that test a media frame the run's sender sends to the group inside the run
 * would be taken for it (an IGMPv2 report goes to the group itself). */
static const ma_membership_message *ma_group_frame_message(const packet_info *pinfo,
                                                           const ma_pframe *pf)
{
    gboolean membership = FALSE, placed = FALSE;
    for (guint k = 0; pf != NULL && k < pf->n_infos; k++) {
        ma_frame_role r = pf->infos[k].role;
        placed = TRUE;
        membership |= r == MA_ROLE_JOIN || r == MA_ROLE_LEAVE || r == MA_ROLE_MEMBERSHIP_REFRESH ||
                      r == MA_ROLE_QUERY;
    }
    if (!placed)
        membership = proto_is_frame_protocol(pinfo->layers, "igmp") ||
                     proto_is_frame_protocol(pinfo->layers, "icmpv6");
    ma_addr src, dst;
    if (!membership || !ma_group_addr(&pinfo->net_src, &src) ||
        !ma_group_addr(&pinfo->net_dst, &dst))
        return NULL;
    return ma_group_message(pinfo->num, &src, &dst);
}

/* Whether the message is shown on group g; *query: it is a query. */
static gboolean ma_group_shows(const ma_membership_message *mm, const ma_group *g, gboolean *query)
{
    /* a general query asks every group: shown on none of them */
    return ma_memb_msg_about_group(mm->msg, &g->addr, query) &&
           !(*query && !ma_addr_equal(&mm->msg->group, &g->addr));
}

gboolean ma_frame_groups_unplaced(const packet_info *pinfo)
{
    const GPtrArray *gs = ma_correlator_groups(ma_state_correlator());
    const ma_membership_message *mm =
        gs != NULL && gs->len > 0 && ma_state_judged() ? ma_group_frame_message(pinfo, NULL) : NULL;
    for (guint i = 0; mm != NULL && i < gs->len; i++) {
        gboolean query = FALSE;
        if (ma_group_shows(mm, g_ptr_array_index(gs, i), &query))
            return TRUE;
    }
    return FALSE;
}

void ma_frame_groups(const packet_info *pinfo, const ma_pframe *pf, ma_frame_group_fn fn,
                     gpointer user)
{
    const GPtrArray *gs = ma_correlator_groups(ma_state_correlator());
    if (gs == NULL || gs->len == 0)
        return;
    const ma_membership_message *mm = ma_group_frame_message(pinfo, pf);
    if (mm != NULL) {
        for (guint i = 0; i < gs->len; i++) {
            const ma_group *g = g_ptr_array_index(gs, i);
            gboolean query = FALSE;
            if (ma_group_shows(mm, g, &query))
                fn(g, query ? NULL : &mm->src, user);
        }
        return;
    }
    for (guint k = 0; pf != NULL && k < pf->n_infos; k++) {
        const ma_flow *f = ma_group_flow(pf->flow_ids[k]);
        for (guint i = 0; f != NULL && i < gs->len; i++) {
            const ma_group *g = g_ptr_array_index(gs, i);
            if (ma_addr_equal(&g->addr, &f->dst) && ma_group_has_flow(g, f)) {
                fn(g, NULL, user);
                return;
            }
        }
    }
}
