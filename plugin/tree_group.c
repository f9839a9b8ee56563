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

#include <string.h>

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

typedef struct {
    proto_tree *mt;
    packet_info *pinfo;
    tvbuff_t *tvb;
} ma_tree_group_ctx;

static void ma_tree_group_cb(const ma_group *g, const ma_addr *member, gpointer user)
{
    ma_tree_group_ctx *c = user;
    ma_tree_group(c->mt, c->pinfo, c->tvb, g, member);
}

void ma_tree_groups(proto_tree *mt, packet_info *pinfo, tvbuff_t *tvb, const ma_pframe *pf)
{
    ma_tree_group_ctx c = {mt, pinfo, tvb};
    ma_frame_groups(pinfo, pf, ma_tree_group_cb, &c);
}
