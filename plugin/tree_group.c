/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tree_group.c - the "Group" subtree of a frame: the group-centric audit
 * (ma_group, multicast without an RTSP session) of the group the frame's
 * IGMP/MLD message is about or its media flow goes to.  On a membership
 * frame it also shows the member that sent it: its first join, last leave,
 * zap time and whether it is a member at the end, with links to the frames,
 * as the session tree links the SETUP, join and first media.  Read from the
 * judged correlator, nothing recomputed: the figures of the text and JSON
 * reports. */
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

static char *ma_group_codes(wmem_allocator_t *scope, const ma_group *g)
{
    wmem_strbuf_t *b = wmem_strbuf_new(scope, "");
    for (guint i = 0; i < g->verdicts->len; i++) {
        const char *code = ((const ma_verdict *)g_ptr_array_index(g->verdicts, i))->def->code;
        gboolean again = FALSE;
        for (guint k = 0; k < i && !again; k++)
            again = g_strcmp0(((const ma_verdict *)g_ptr_array_index(g->verdicts, k))->def->code,
                              code) == 0;
        if (!again)
            wmem_strbuf_append_printf(b, "%s%s", wmem_strbuf_get_len(b) > 0 ? "," : "", code);
    }
    return wmem_strbuf_finalize(b);
}

static void ma_tree_member(proto_tree *gt, tvbuff_t *tvb, const ma_group *g, const ma_addr *host)
{
    for (guint i = 0; i < g->members->len; i++) {
        const ma_group_member *m = &g_array_index(g->members, ma_group_member, i);
        if (!ma_addr_equal(&m->host, host))
            continue;
        char buf[MA_ADDR_STRLEN];
        proto_tree *st = proto_tree_add_subtree_format(gt, tvb, 0, 0, ett_ma_member, NULL,
                                                       "Member %s", ma_addr_to_str(host, buf));
        ma_add_addr(st, ma_hf.g_member, ma_hf.g_member6, tvb, host);
        ma_add_frame(st, ma_hf.g_member_join_frame, tvb, m->first_join_frame);
        ma_add_frame(st, ma_hf.g_member_leave_frame, tvb, m->last_leave_frame);
        if (m->zap_frame != 0) {
            ma_add_latency(st, ma_hf.g_member_zap, tvb, m->zap_ms);
            ma_add_frame(st, ma_hf.g_member_zap_frame, tvb, m->zap_frame);
        }
        ma_gen(proto_tree_add_boolean(st, ma_hf.g_member_at_end, tvb, 0, 0, m->member_at_end));
        return;
    }
}

static void ma_tree_group(proto_tree *mt, packet_info *pinfo, tvbuff_t *tvb, const ma_group *g,
                          const ma_addr *member)
{
    char buf[MA_ADDR_STRLEN];
    gboolean is_static = TRUE; /* no session negotiated before the capture */
    for (guint k = 0; k < g->sessions->len; k++)
        is_static &= ((const ma_session *)g_ptr_array_index(g->sessions, k))->static_multicast;
    proto_tree *gt = proto_tree_add_subtree_format(
        mt, tvb, 0, 0, ett_ma_group, NULL, "Group %s: %s, %u member%s",
        ma_addr_to_str(&g->addr, buf),
        is_static ? "static multicast" : "negotiated before the capture", g->members->len,
        g->members->len == 1 ? "" : "s");
    ma_add_addr(gt, ma_hf.g_group, ma_hf.g_group6, tvb, &g->addr);
    ma_gen(proto_tree_add_boolean(gt, ma_hf.g_static, tvb, 0, 0, is_static));
    ma_gen(proto_tree_add_uint(gt, ma_hf.g_members, tvb, 0, 0, g->members->len));
    uint32_t first_join = 0;
    for (guint i = 0; i < g->members->len; i++) {
        uint32_t f = g_array_index(g->members, ma_group_member, i).first_join_frame;
        if (f != 0 && (first_join == 0 || f < first_join))
            first_join = f;
    }
    ma_add_frame(gt, ma_hf.g_first_join_frame, tvb, first_join);
    ma_add_frame(gt, ma_hf.g_first_media_frame, tvb, g->first_media_frame);
    ma_add_frame(gt, ma_hf.g_last_media_frame, tvb, g->last_media_frame);
    ma_add_str(gt, ma_hf.g_verdicts, tvb, ma_group_codes(pinfo->pool, g));
    if (member != NULL)
        ma_tree_member(gt, tvb, g, member);
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

gboolean ma_tree_groups_unplaced(const packet_info *pinfo)
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

void ma_tree_groups(proto_tree *mt, packet_info *pinfo, tvbuff_t *tvb, const ma_pframe *pf)
{
    const GPtrArray *gs = ma_correlator_groups(ma_state_correlator());
    if (gs == NULL || gs->len == 0)
        return;
    const ma_membership_message *mm = ma_group_frame_message(pinfo, pf);
    if (mm != NULL) {
        gboolean query = FALSE;
        for (guint i = 0; i < gs->len; i++) {
            const ma_group *g = g_ptr_array_index(gs, i);
            if (ma_group_shows(mm, g, &query))
                ma_tree_group(mt, pinfo, tvb, g, query ? NULL : &mm->src);
        }
        return;
    }
    for (guint k = 0; pf != NULL && k < pf->n_infos; k++) {
        const ma_flow *f = ma_group_flow(pf->flow_ids[k]);
        for (guint i = 0; f != NULL && i < gs->len; i++) {
            const ma_group *g = g_ptr_array_index(gs, i);
            if (ma_addr_equal(&g->addr, &f->dst) && ma_group_has_flow(g, f)) {
                ma_tree_group(mt, pinfo, tvb, g, NULL);
                return;
            }
        }
    }
}
