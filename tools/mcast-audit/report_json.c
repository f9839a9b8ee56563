/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_json.c - the machine report, schema "mcast-audit/2"
 * (schemas/mcast-audit-2.schema.json, README "JSON output"): the run's
 * header, thresholds and result, and one report object per input file.
 * Times are seconds from that file's first frame; absent figures are null. */
#include "report_json_priv.h"

#include <math.h>

static void membership_object(JsonBuilder *b, const ma_report_ctx *ctx, const ma_session *s,
                              const ma_track *k, const ma_membership_event *m)
{
    static const char *const kinds[] = {"join", "leave", "refresh"};
    json_builder_begin_object(b);
    ma_json_int(b, "frame", m->frame);
    ma_json_num_if(b, "time", ma_report_rel_s(ctx, m->ts_ns), 6, TRUE);
    ma_json_addr(b, "host", &m->host);
    ma_json_str(b, "role", ma_host_role_name(ma_correlator_event_role(s, k, m)));
    ma_json_str(b, "proto", m->proto == MA_PROTO_MLD ? "MLD" : "IGMP");
    ma_json_int(b, "version", m->version);
    ma_json_str(b, "kind", (guint)m->kind < G_N_ELEMENTS(kinds) ? kinds[m->kind] : NULL);
    ma_json_str(b, "record", m->record_type != 0 ? ma_record_type_abbrev(m->record_type) : NULL);
    ma_json_str(b, "mode", m->include_mode ? "include" : "exclude");
    ma_json_addr_array(b, "sources", m->sources, m->n_sources);
    /* what the record itself carried: BLOCK/ALLOW lists, TO_IN/TO_EX lists */
    ma_json_addr_array(b, "record_sources", m->record_sources, m->n_record_sources);
    json_builder_end_object(b);
}

/* The client's first join, for its time; NULL when it never joined. */
static const ma_membership_event *client_join(const ma_track *k)
{
    for (guint i = 0; k->client_join_frame != 0 && k->memberships != NULL &&
                      i < k->memberships->len; i++) {
        const ma_membership_event *m = &g_array_index(k->memberships, ma_membership_event, i);
        if (m->frame == k->client_join_frame)
            return m;
    }
    return NULL;
}

/* Media and join timing relative to PLAY (SETUP reply when no PLAY). */
static void track_timing(JsonBuilder *b, const ma_session *s, const ma_track *k)
{
    gboolean play = s->play_reply_frame != 0;
    gint64 ref_ns = play ? s->play_reply_ns : k->setup_reply_ns;
    gboolean ref = play || k->setup_reply_frame != 0;
    const ma_membership_event *j = client_join(k);
    ma_json_frame(b, "client_join_frame", k->client_join_frame);
    ma_json_frame(b, "first_media_frame", k->first_media_frame);
    ma_json_num_if(b, "first_media_after_play_ms", (double)(k->first_media_ns - s->play_reply_ns) / 1e6,
                   3, play && k->first_media_frame != 0);
    ma_json_num_if(b, "join_latency_ms", j != NULL ? (double)(j->ts_ns - ref_ns) / 1e6 : 0.0, 3,
                   ref && j != NULL);
}

static void track_memberships(JsonBuilder *b, const ma_report_ctx *ctx, const ma_session *s,
                              const ma_track *k)
{
    json_builder_set_member_name(b, "memberships");
    json_builder_begin_array(b);
    for (guint i = 0; k->memberships != NULL && i < k->memberships->len; i++)
        membership_object(b, ctx, s, k,
                          &g_array_index(k->memberships, ma_membership_event, i));
    json_builder_end_array(b);
}

/* A described track's m= formats and a=source-filter; null for RTSP tracks. */
static void described_object(JsonBuilder *b, const ma_track *k)
{
    json_builder_set_member_name(b, "described");
    if (k->described_pts == NULL) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "payload_types");
    json_builder_begin_array(b);
    for (guint i = 0; i < k->described_pts->len; i++)
        json_builder_add_int_value(b, g_array_index(k->described_pts, int, i));
    json_builder_end_array(b);
    json_builder_set_member_name(b, "source_filter");
    if (k->n_filter_sources == 0) {
        json_builder_add_null_value(b);
    } else {
        json_builder_begin_object(b);
        ma_json_str(b, "mode", k->filter_include ? "incl" : "excl");
        ma_json_addr_array(b, "sources", k->filter_sources, k->n_filter_sources);
        json_builder_end_object(b);
    }
    json_builder_end_object(b);
}

static void track_object(JsonBuilder *b, const ma_report_ctx *ctx, const ma_session *s,
                         const ma_track *k)
{
    json_builder_begin_object(b);
    ma_json_int(b, "number", (gint64)k->index + 1); /* 1-based, as users count SETUPs */
    ma_json_str(b, "url", k->url);
    ma_json_frame(b, "setup_request_frame", k->setup_request_frame);
    ma_json_frame(b, "setup_reply_frame", k->setup_reply_frame);
    ma_json_int_if(b, "setup_status", k->setup_status, k->setup_status != 0);
    char *tp = ma_report_transport_text(k);
    ma_json_str(b, "transport", tp);
    g_free(tp);
    if (k->transport_error != NULL) /* MA120: neither multicast nor unicast is known */
        ma_json_null(b, "multicast");
    else
        ma_json_bool(b, "multicast", k->multicast);
    json_builder_set_member_name(b, "transport_error");
    if (k->transport_error == NULL) {
        json_builder_add_null_value(b);
    } else {
        json_builder_begin_object(b);
        ma_json_str(b, "message", k->transport_error);
        ma_json_int_if(b, "offset", k->transport_error_offset, k->transport_error_offset >= 0);
        ma_json_str(b, "header", k->transport_text);
        json_builder_end_object(b);
    }
    ma_json_addr(b, "group", &k->group);
    ma_json_int_if(b, "rtp_port", k->rtp_port, k->rtp_port >= 0);
    ma_json_int_if(b, "rtcp_port", k->rtcp_port, k->rtcp_port >= 0);
    ma_json_int_if(b, "ttl", k->ttl, k->ttl >= 0);
    ma_json_addr(b, "source", &k->source);
    /* source= of the reply as written (SSM), null when it named none */
    ma_json_str(b, "negotiated_source",
                k->reply != NULL && k->reply->source.present ? k->reply->source.host : NULL);
    ma_json_bool(b, "from_sdp", k->from_sdp);
    ma_json_int_if(b, "payload_type", k->payload_type, k->payload_type >= 0);
    ma_json_str(b, "encoding", k->encoding);
    ma_json_int_if(b, "clock_rate", k->clock_rate, k->clock_rate > 0);
    described_object(b, k);
    track_memberships(b, ctx, s, k);
    track_timing(b, s, k);
    json_builder_set_member_name(b, "flows");
    json_builder_begin_array(b);
    for (guint i = 0; k->flows != NULL && i < k->flows->len; i++)
        json_builder_add_int_value(b, ((const ma_flow *)g_ptr_array_index(k->flows, i))->id);
    json_builder_end_array(b);
    json_builder_end_object(b);
}

static void verdict_list(JsonBuilder *b, const ma_report_ctx *ctx, gboolean all, guint session_id)
{
    const GPtrArray *vs = ma_correlator_verdicts(ctx->corr);
    json_builder_set_member_name(b, "verdicts");
    json_builder_begin_array(b);
    for (guint i = 0; vs != NULL && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        if (all || v->session_id == session_id)
            ma_json_verdict(b, v);
    }
    json_builder_end_array(b);
}

static void session_frames(JsonBuilder *b, const ma_session *s)
{
    json_builder_set_member_name(b, "frames");
    json_builder_begin_object(b);
    ma_json_frame(b, "describe", s->describe_frame);
    ma_json_frame(b, "describe_reply", s->describe_reply_frame);
    ma_json_frame(b, "auth_challenge", s->auth_challenge_frame);
    ma_json_frame(b, "play_request", s->play_request_frame);
    ma_json_frame(b, "play_reply", s->play_reply_frame);
    ma_json_frame(b, "teardown", s->teardown_frame);
    json_builder_end_object(b);
}

/* Error answers (454, 455, 457, 459, 5xx) to any request of the session. */
static void session_errors(JsonBuilder *b, const ma_report_ctx *ctx, const ma_session *s)
{
    json_builder_set_member_name(b, "rtsp_errors");
    json_builder_begin_array(b);
    for (guint i = 0; s->error_replies != NULL && i < s->error_replies->len; i++) {
        const ma_rtsp_error_reply *er = &g_array_index(s->error_replies, ma_rtsp_error_reply, i);
        json_builder_begin_object(b);
        ma_json_str(b, "method", er->method);
        ma_json_int(b, "status", er->status);
        const char *reason = ma_rtsp_reason_phrase(er->status);
        ma_json_str(b, "reason", *reason != '\0' ? reason : NULL);
        ma_json_frame(b, "request_frame", er->request_frame);
        ma_json_frame(b, "reply_frame", er->reply_frame);
        ma_json_num_if(b, "time", ma_report_rel_s(ctx, er->reply_ns), 6, TRUE);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* A SAP-described session's announcements (RFC 2974); null otherwise. */
static void sap_object(JsonBuilder *b, const ma_report_ctx *ctx, const ma_session *s)
{
    json_builder_set_member_name(b, "sap");
    if (s->origin != MA_ORIGIN_SAP) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_object(b);
    ma_json_addr(b, "origin", &s->sap.origin);
    char hash[8];
    g_snprintf(hash, sizeof hash, "0x%04x", s->sap.msg_id_hash);
    ma_json_str(b, "msg_id_hash", hash);
    ma_json_int(b, "announcements", s->sap.announcements);
    ma_json_frame(b, "first_frame", s->sap.first_frame);
    ma_json_frame(b, "last_frame", s->sap.last_frame);
    gboolean repeats = s->sap.announcements > 1;
    ma_json_num_if(b, "interval_min_s", s->sap.interval_min_s, 6, repeats);
    ma_json_num_if(b, "interval_max_s", s->sap.interval_max_s, 6, repeats);
    ma_json_num_if(b, "interval_mean_s", s->sap.interval_mean_s, 6, repeats);
    ma_json_int(b, "size", s->sap.size);
    ma_json_frame(b, "deletion_frame", s->sap.deletion_frame);
    ma_json_num_if(b, "deletion_time", ma_report_rel_s(ctx, s->sap.deletion_ns), 6,
                   s->sap.deletion_frame != 0);
    json_builder_end_object(b);
}

static void session_object(JsonBuilder *b, const ma_report_ctx *ctx, const ma_session *s)
{
    /* no RTSP seen (or none at all: described): no client is known */
    gboolean rtsp = !s->outside_capture && !ma_session_described(s);
    json_builder_begin_object(b);
    ma_json_int(b, "id", s->id);
    ma_json_str(b, "origin", ma_session_origin_name(s->origin));
    ma_json_str(b, "described_by", s->described_by);
    ma_json_frame(b, "described_frame", s->described_frame);
    sap_object(b, ctx, s);
    if (rtsp)
        ma_json_addr(b, "client", &s->client);
    else
        ma_json_null(b, "client");
    ma_json_int_if(b, "client_port", s->client_port, rtsp && s->client_port != 0);
    ma_json_addr(b, "server", &s->server);
    ma_json_int_if(b, "server_port", s->server_port, rtsp && s->server_port != 0);
    ma_json_str(b, "url", s->url);
    ma_json_str(b, "session_id", s->session_id);
    ma_json_int_if(b, "timeout_s", s->timeout_s, s->timeout_s >= 0);
    ma_json_bool(b, "outside_capture", s->outside_capture);
    ma_json_bool(b, "static_multicast", s->static_multicast);
    ma_json_frame(b, "rtsp_evidence_frame", s->rtsp_evidence_frame);
    session_frames(b, s);
    ma_json_int(b, "auth_challenges", s->auth_challenges);
    session_errors(b, ctx, s);
    json_builder_set_member_name(b, "tracks");
    json_builder_begin_array(b);
    for (guint i = 0; s->tracks != NULL && i < s->tracks->len; i++)
        track_object(b, ctx, s, g_ptr_array_index(s->tracks, i));
    json_builder_end_array(b);
    verdict_list(b, ctx, FALSE, s->id);
    json_builder_end_object(b);
}

/* ISO 8601 UTC with microseconds, or NULL when nothing was read (g_free). */
static char *start_text(const ma_report_ctx *ctx)
{
    if (ma_report_frames(ctx) == 0)
        return NULL;
    GDateTime *dt = g_date_time_new_from_unix_utc(ma_report_start_ns(ctx) / 1000000000);
    if (dt == NULL)
        return NULL;
    char *base = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S");
    g_date_time_unref(dt);
    gint64 us = (ma_report_start_ns(ctx) % 1000000000) / 1000;
    char *text = g_strdup_printf("%s.%06" G_GINT64_FORMAT "Z", base, us < 0 ? -us : us);
    g_free(base);
    return text;
}

static void capture_object(JsonBuilder *b, const ma_report_ctx *ctx)
{
    json_builder_set_member_name(b, "capture");
    json_builder_begin_object(b);
    ma_json_int(b, "frames", (gint64)ma_report_frames(ctx));
    char *start = start_text(ctx);
    ma_json_str(b, "start", start);
    g_free(start);
    ma_json_num_if(b, "duration_s", ma_report_duration_s(ctx), 6, ma_report_frames(ctx) > 0);
    json_builder_set_member_name(b, "warnings");
    json_builder_begin_array(b);
    const ma_capture_stats *st = ctx->stats;
    for (guint i = 0; st != NULL && st->warnings != NULL && i < st->warnings->len; i++) {
        char *safe = ma_report_safe_utf8(g_ptr_array_index(st->warnings, i));
        json_builder_add_string_value(b, safe);
        g_free(safe);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "decode_events");
    json_builder_begin_array(b);
    const ma_decode_events *ev = ma_correlator_decode_events(ctx->corr);
    for (guint i = 0; ev != NULL && i < MA_DE__COUNT; i++) {
        const ma_decode_event_tally *e = &ev->e[i];
        if (e->count == 0)
            continue;
        const ma_decode_event_def *d = ma_decode_event_def_get((ma_decode_event)i);
        json_builder_begin_object(b);
        ma_json_str(b, "name", d->name);
        ma_json_int(b, "count", e->count > (guint64)G_MAXINT64 ? G_MAXINT64 : (gint64)e->count);
        if (e->first_frame != 0)
            ma_json_int(b, "first_frame", e->first_frame);
        else
            ma_json_null(b, "first_frame");
        ma_json_str(b, "explanation", d->explanation);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

static void thresholds_object(JsonBuilder *b, const ma_thresholds *th)
{
    json_builder_set_member_name(b, "thresholds");
    json_builder_begin_object(b);
    ma_json_num_if(b, "max_loss_pct", th->max_loss_pct, 6, TRUE);
    ma_json_num_if(b, "max_jitter_ms", th->max_jitter_ms, 6, TRUE);
    ma_json_num_if(b, "max_join_latency_ms", th->max_join_latency_ms, 6, TRUE);
    ma_json_num_if(b, "max_first_packet_ms", th->max_first_packet_ms, 6, TRUE);
    ma_json_num_if(b, "max_zap_ms", th->max_zap_ms, 6, TRUE);
    ma_json_num_if(b, "membership_interval_s", th->membership_interval_s, 6, TRUE);
    ma_json_num_if(b, "expiry_tolerance_s", th->expiry_tolerance_s, 6, TRUE);
    ma_json_num_if(b, "default_session_timeout_s", th->default_session_timeout_s, 6, TRUE);
    ma_json_str(b, "fail_on", ma_severity_name(th->fail_on));
    if (th->expect_group_set)
        ma_json_addr(b, "expect_group", &th->expect_group);
    else
        ma_json_null(b, "expect_group");
    ma_json_int_if(b, "expect_port", th->expect_port, th->expect_group_set && th->expect_port >= 0);
    ma_json_bool(b, "require_session", th->require_session);
    json_builder_set_member_name(b, "clock_rates"); /* --clock-rate PT=HZ */
    json_builder_begin_object(b);
    for (guint pt = 0; pt < MA_RTP_PAYLOAD_TYPES; pt++) {
        if (th->clock_rates[pt] == 0)
            continue;
        char key[8];
        g_snprintf(key, sizeof key, "%u", pt);
        ma_json_int(b, key, th->clock_rates[pt]);
    }
    json_builder_end_object(b);
    json_builder_end_object(b);
}

static void inputs_array(JsonBuilder *b, const char *const *inputs)
{
    json_builder_set_member_name(b, "inputs");
    json_builder_begin_array(b);
    for (guint i = 0; inputs != NULL && inputs[i] != NULL; i++) {
        char *safe = ma_report_safe_utf8(inputs[i]);
        json_builder_add_string_value(b, safe);
        g_free(safe);
    }
    json_builder_end_array(b);
}

/* One input's audit: what was read, what was found, its own result. */
static void report_object(JsonBuilder *b, const ma_report_ctx *ctx)
{
    json_builder_begin_object(b);
    inputs_array(b, ctx->inputs);
    capture_object(b, ctx);
    json_builder_set_member_name(b, "sessions");
    json_builder_begin_array(b);
    const GPtrArray *ss = ma_correlator_sessions(ctx->corr);
    for (guint i = 0; ss != NULL && i < ss->len; i++)
        session_object(b, ctx, g_ptr_array_index(ss, i));
    json_builder_end_array(b);
    ma_json_flows(b, ctx);
    ma_json_queriers(b, ctx);
    ma_json_membership_messages(b, ctx);
    ma_json_groups(b, ctx);
    verdict_list(b, ctx, TRUE, 0);
    ma_result r = ma_report_result(ctx->corr, ctx->th);
    ma_json_str(b, "result", ma_result_name(r));
    ma_json_int(b, "exit_code", ma_result_exit_code(r));
    json_builder_end_object(b);
}

static void header_members(JsonBuilder *b, const ma_report_set *set)
{
    ma_json_str(b, "schema", MA_REPORT_SCHEMA);
    json_builder_set_member_name(b, "tool");
    json_builder_begin_object(b);
    ma_json_str(b, "name", MA_REPORT_TOOL);
    ma_json_str(b, "version", MA_REPORT_VERSION);
    json_builder_end_object(b);
    ma_json_bool(b, "merged", set->merged);
    if (set->n > 0)
        thresholds_object(b, set->reports[0].th);
    else
        ma_json_null(b, "thresholds");
}

void ma_report_json(const ma_report_set *set, GString *out)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    header_members(b, set);
    json_builder_set_member_name(b, "reports");
    json_builder_begin_array(b);
    for (guint i = 0; i < set->n; i++)
        report_object(b, &set->reports[i]);
    json_builder_end_array(b);
    ma_result r = ma_report_set_result(set);
    ma_json_str(b, "result", ma_result_name(r));
    ma_json_int(b, "exit_code", ma_result_exit_code(r));
    json_builder_end_object(b);

    JsonGenerator *gen = json_generator_new();
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 2);
    JsonNode *root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    char *text = json_generator_to_data(gen, NULL);
    json_node_unref(root);
    g_object_unref(gen);
    g_object_unref(b);
    char *shortened = ma_json_shorten_numbers(text);
    g_free(text);
    ma_json_splice_membership_messages(out, shortened, set);
    g_string_append_c(out, '\n');
    g_free(shortened);
}
