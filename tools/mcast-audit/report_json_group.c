/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_json_group.c - the report's "groups": the group-centric audit of
 * every multicast group without an RTSP session (ma_group).  Members
 * summarise the capture's membership changes; the messages themselves are
 * referenced by their index in the report's membership_messages, never
 * copied per group. */
#include "report_json_priv.h"

static void member_object(JsonBuilder *b, const ma_report_ctx *ctx, const ma_group_member *m)
{
    json_builder_begin_object(b);
    ma_json_addr(b, "host", &m->host);
    ma_json_str(b, "proto", m->proto == MA_PROTO_MLD ? "MLD" : "IGMP");
    json_builder_set_member_name(b, "versions");
    json_builder_begin_array(b);
    for (int v = 1; v <= 3; v++)
        if ((m->versions & (1u << (unsigned)v)) != 0)
            json_builder_add_int_value(b, v);
    json_builder_end_array(b);
    ma_json_int(b, "version", m->version);
    ma_json_str(b, "mode", m->include_mode ? "include" : "exclude");
    ma_json_addr_array(b, "sources", m->sources, m->n_sources);
    ma_json_frame(b, "first_join_frame", m->first_join_frame);
    ma_json_num_if(b, "first_join_time", ma_report_rel_s(ctx, m->first_join_ns), 6,
                   m->first_join_frame != 0);
    ma_json_frame(b, "last_leave_frame", m->last_leave_frame);
    ma_json_num_if(b, "last_leave_time", ma_report_rel_s(ctx, m->last_leave_ns), 6,
                   m->last_leave_frame != 0);
    ma_json_frame(b, "last_report_frame", m->last_report_frame);
    ma_json_num_if(b, "last_report_time", ma_report_rel_s(ctx, m->last_report_ns), 6,
                   m->last_report_frame != 0);
    ma_json_int(b, "joins", m->joins);
    ma_json_int(b, "leaves", m->leaves);
    ma_json_int(b, "refreshes", m->refreshes);
    ma_json_bool(b, "member_at_end", m->member_at_end);
    ma_json_num_if(b, "zap_ms", m->zap_ms, 3, m->zap_frame != 0);
    ma_json_frame(b, "zap_frame", m->zap_frame);
    ma_json_bool(b, "zap_media_flowing", m->zap_flowing);
    /* every join's zap time (the first, and each after a leave) */
    ma_json_int(b, "zaps", m->n_zaps);
    ma_json_num_if(b, "zap_min_ms", m->zap_min_ms, 3, m->n_zaps > 0);
    ma_json_num_if(b, "zap_max_ms", m->zap_max_ms, 3, m->n_zaps > 0);
    ma_json_num_if(b, "zap_last_ms", m->zap_last_ms, 3, m->n_zaps > 0);
    json_builder_set_member_name(b, "zap_joins");
    json_builder_begin_array(b);
    for (guint i = 0; m->zaps != NULL && i < m->zaps->len; i++) {
        const ma_group_zap *z = &g_array_index(m->zaps, ma_group_zap, i);
        json_builder_begin_object(b);
        ma_json_frame(b, "join_frame", z->join_frame);
        ma_json_num_if(b, "join_time", ma_report_rel_s(ctx, z->join_ns), 6, TRUE);
        ma_json_num_if(b, "zap_ms", z->zap_ms, 3, TRUE);
        ma_json_frame(b, "zap_frame", z->zap_frame);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

static void messages_and_queriers(JsonBuilder *b, const ma_report_ctx *ctx, const ma_group *g)
{
    const GArray *ms = ma_correlator_membership_messages(ctx->corr);
    json_builder_set_member_name(b, "membership_messages");
    json_builder_begin_array(b);
    for (guint i = 0; ms != NULL && i < ms->len; i++) {
        gboolean query = FALSE;
        if (ma_report_group_message_of(&g_array_index(ms, ma_membership_message, i), &g->addr,
                                       &query))
            json_builder_add_int_value(b, i);
    }
    json_builder_end_array(b);
    GPtrArray *queriers = ma_report_group_queriers(ctx, &g->addr);
    json_builder_set_member_name(b, "queriers");
    json_builder_begin_array(b);
    for (guint k = 0; k < queriers->len; k++) {
        char a[MA_ADDR_STRLEN];
        json_builder_add_string_value(b, ma_addr_to_str(g_ptr_array_index(queriers, k), a));
    }
    json_builder_end_array(b);
    g_ptr_array_free(queriers, TRUE);
}

static void group_object(JsonBuilder *b, const ma_report_ctx *ctx, const ma_group *g)
{
    json_builder_begin_object(b);
    ma_json_addr(b, "group", &g->addr);
    gboolean negotiated = FALSE;
    json_builder_set_member_name(b, "sessions");
    json_builder_begin_array(b);
    for (guint i = 0; i < g->sessions->len; i++) {
        const ma_session *s = g_ptr_array_index(g->sessions, i);
        negotiated |= !s->static_multicast;
        json_builder_add_int_value(b, s->id);
    }
    json_builder_end_array(b);
    ma_json_bool(b, "static_multicast", !negotiated);
    json_builder_set_member_name(b, "members");
    json_builder_begin_array(b);
    for (guint i = 0; i < g->members->len; i++)
        member_object(b, ctx, &g_array_index(g->members, ma_group_member, i));
    json_builder_end_array(b);
    messages_and_queriers(b, ctx, g);
    ma_json_int(b, "specific_queries", g->specific_queries);
    json_builder_set_member_name(b, "flows");
    json_builder_begin_array(b);
    for (guint i = 0; i < g->flows->len; i++)
        json_builder_add_int_value(b, ((const ma_flow *)g_ptr_array_index(g->flows, i))->id);
    json_builder_end_array(b);
    ma_json_frame(b, "first_media_frame", g->first_media_frame);
    ma_json_frame(b, "last_media_frame", g->last_media_frame);
    json_builder_set_member_name(b, "verdicts");
    json_builder_begin_array(b);
    for (guint i = 0; i < g->verdicts->len; i++)
        ma_json_verdict(b, g_ptr_array_index(g->verdicts, i));
    json_builder_end_array(b);
    json_builder_end_object(b);
}

void ma_json_groups(JsonBuilder *b, const ma_report_ctx *ctx)
{
    const GPtrArray *gs = ma_correlator_groups(ctx->corr);
    json_builder_set_member_name(b, "groups");
    json_builder_begin_array(b);
    for (guint i = 0; gs != NULL && i < gs->len; i++)
        group_object(b, ctx, g_ptr_array_index(gs, i));
    json_builder_end_array(b);
}
