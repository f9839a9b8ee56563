/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_json_flows.c - builder helpers, and the parts of the JSON report
 * that are lists of their own: flows, queriers and verdicts. */
#include "report_json_priv.h"

#include <math.h>
#include <string.h>

void ma_json_null(JsonBuilder *b, const char *name)
{
    json_builder_set_member_name(b, name);
    json_builder_add_null_value(b);
}

/* Member name, then value: json_builder's own call order. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
void ma_json_str(JsonBuilder *b, const char *name, const char *value)
{
    if (value == NULL) {
        ma_json_null(b, name);
        return;
    }
    char *safe = ma_report_safe_utf8(value); /* JSON must be valid UTF-8 */
    json_builder_set_member_name(b, name);
    json_builder_add_string_value(b, safe);
    g_free(safe);
}

void ma_json_int(JsonBuilder *b, const char *name, gint64 value)
{
    json_builder_set_member_name(b, name);
    json_builder_add_int_value(b, value);
}

void ma_json_int_if(JsonBuilder *b, const char *name, gint64 value, gboolean present)
{
    if (present)
        ma_json_int(b, name, value);
    else
        ma_json_null(b, name);
}

void ma_json_frame(JsonBuilder *b, const char *name, uint32_t frame)
{
    ma_json_int_if(b, name, frame, frame != 0);
}

/* decimals (a count) and present (a flag) are both int to C, as gboolean is
 * int; mixing them up is caught by cli.test_report's exact JSON figures. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
void ma_json_num_if(JsonBuilder *b, const char *name, double value, int decimals, gboolean present)
{
    if (!present || !isfinite(value)) {
        ma_json_null(b, name);
        return;
    }
    double scale = pow(10.0, decimals);
    json_builder_set_member_name(b, name);
    json_builder_add_double_value(b, round(value * scale) / scale);
}

void ma_json_bool(JsonBuilder *b, const char *name, gboolean value)
{
    json_builder_set_member_name(b, name);
    json_builder_add_boolean_value(b, value);
}

void ma_json_addr(JsonBuilder *b, const char *name, const ma_addr *a)
{
    char buf[MA_ADDR_STRLEN];
    ma_json_str(b, name, ma_addr_is_set(a) ? ma_addr_to_str(a, buf) : NULL);
}

void ma_json_addr_array(JsonBuilder *b, const char *name, const ma_addr *addrs, guint n)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; i < n && addrs != NULL; i++) {
        char a[MA_ADDR_STRLEN];
        json_builder_add_string_value(b, ma_addr_to_str(&addrs[i], a));
    }
    json_builder_end_array(b);
}

void ma_json_verdict(JsonBuilder *b, const ma_verdict *v)
{
    json_builder_begin_object(b);
    ma_json_str(b, "code", v->def->code);
    ma_json_str(b, "name", v->def->name);
    ma_json_str(b, "severity", ma_severity_name(v->def->severity));
    ma_json_int_if(b, "session", v->session_id, v->session_id != 0);
    ma_json_int_if(b, "track", (gint64)v->track_index + 1, v->session_id != 0 && v->has_track);
    ma_json_int_if(b, "flow", v->flow_id, v->flow_id != 0);
    ma_json_addr(b, "group", &v->group); /* the group-centric audit's, else null */
    ma_json_str(b, "message", v->message);
    ma_json_str(b, "explanation", v->def->explanation);
    json_builder_set_member_name(b, "frames");
    json_builder_begin_array(b);
    for (guint i = 0; v->frames != NULL && i < v->frames->len; i++)
        json_builder_add_int_value(b, g_array_index(v->frames, uint32_t, i));
    json_builder_end_array(b);
    json_builder_end_object(b);
}

/* A receiver's start-up datagrams are plain UDP, whatever they look like. */
static const char *flow_kind(const ma_flow *f, ma_flow_role role)
{
    if (role == MA_FLOW_ROLE_RECEIVER_STARTUP)
        return "udp";
    if (f->fec != NULL)
        return "fec";
    return f->is_rtcp ? "rtcp" : f->is_rtp ? "rtp" : f->ts_raw ? "mpegts" : "udp";
}

/* One FEC stream's figures (fec.h), null when the media flow has none in d. */
static void fec_stream(JsonBuilder *b, const char *name, const ma_flow *f, ma_fec_dir d)
{
    ma_fec_summary s;
    const ma_flow *ff = NULL;
    json_builder_set_member_name(b, name);
    if (!ma_flow_fec_summary(f, d, &s, &ff)) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_object(b);
    ma_json_int(b, "flow", ff->id);
    ma_json_int(b, "sport", ff->sport);
    ma_json_int(b, "dport", ff->dport);
    ma_json_int(b, "port_delta", ff->fec_port_delta);
    ma_json_str(b, "standard", s.smpte ? "SMPTE 2022-1" : "RFC 2733");
    ma_json_int(b, "packets", (gint64)s.packets);
    ma_json_int(b, "expected", (gint64)s.expected);
    ma_json_int(b, "lost", s.lost);
    ma_json_int(b, "duplicates", (gint64)s.duplicates);
    ma_json_int(b, "reordered", (gint64)s.reordered);
    ma_json_int(b, "header_errors", (gint64)s.header_errors);
    ma_json_int(b, "payload_type", s.payload_type);
    char ssrc[16];
    g_snprintf(ssrc, sizeof ssrc, "0x%08x", (unsigned)s.ssrc);
    ma_json_str(b, "ssrc", ssrc);
    ma_json_int(b, "snbase_first", s.snbase_first);
    ma_json_int_if(b, "offset", s.offset, s.smpte);
    ma_json_int_if(b, "na", s.na, s.smpte);
    ma_json_int_if(b, "type", s.type, s.smpte);
    ma_json_int(b, "layout_changes", s.layout_changes);
    ma_json_frame(b, "first_frame", s.first_frame);
    ma_json_frame(b, "last_frame", s.last_frame);
    json_builder_end_object(b);
}

/* A media flow's FEC streams; null when it has none. */
static void flow_fec(JsonBuilder *b, const ma_flow *f)
{
    json_builder_set_member_name(b, "fec");
    if (f->fec_column == NULL && f->fec_row == NULL) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_object(b);
    fec_stream(b, "column", f, MA_FEC_COLUMN);
    fec_stream(b, "row", f, MA_FEC_ROW);
    json_builder_end_object(b);
}

/* MPEG-TS figures (TR 101 290 first priority), null when the flow carries none. */
static void flow_mpegts(JsonBuilder *b, const ma_flow *f)
{
    ma_ts_summary ts;
    json_builder_set_member_name(b, "mpegts");
    if (!ma_flow_ts_summary(f, &ts)) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_object(b);
    ma_json_str(b, "carried_in", f->ts_raw ? "udp" : "rtp");
    ma_json_int(b, "packets", (gint64)ts.packets);
    ma_json_int(b, "pids", ts.pids);
    ma_json_int(b, "cc_errors", (gint64)ts.cc_errors);
    ma_json_int(b, "cc_lost", (gint64)ts.cc_lost);
    ma_json_int(b, "cc_duplicates", (gint64)ts.cc_duplicates);
    ma_json_frame(b, "cc_error_frame", ts.cc_error_frame);
    ma_json_int(b, "sync_losses", (gint64)ts.sync_losses);
    ma_json_int(b, "sync_byte_errors", (gint64)ts.sync_byte_errors);
    ma_json_frame(b, "sync_error_frame", ts.sync_error_frame);
    ma_json_int(b, "trailing_bytes", (gint64)ts.trailing_bytes);
    ma_json_int(b, "pat_sections", (gint64)ts.pat_sections);
    ma_json_int(b, "pat_errors", (gint64)ts.pat_errors);
    ma_json_num_if(b, "pat_interval_max_ms", ts.pat_interval_max_ms, 3, TRUE);
    ma_json_frame(b, "pat_error_frame", ts.pat_error_frame);
    ma_json_int(b, "programs", ts.programs);
    ma_json_int(b, "pmt_sections", (gint64)ts.pmt_sections);
    ma_json_int(b, "pmt_errors", (gint64)ts.pmt_errors);
    ma_json_num_if(b, "pmt_interval_max_ms", ts.pmt_interval_max_ms, 3, TRUE);
    ma_json_frame(b, "pmt_error_frame", ts.pmt_error_frame);
    json_builder_end_object(b);
}

/* Sequence and timing figures: RTP flows only, null for the others. */
static void flow_rtp_figures(JsonBuilder *b, const ma_flow *f, ma_flow_role role)
{
    ma_rtp_summary r;
    gboolean rtp = f->is_rtp && !f->is_rtcp && f->stats != NULL &&
                   role != MA_FLOW_ROLE_RECEIVER_STARTUP;
    if (rtp)
        ma_rtp_stats_summary(f->stats, &r);
    else
        memset(&r, 0, sizeof r);
    ma_json_int_if(b, "packets", (gint64)r.packets, rtp);
    ma_json_int_if(b, "expected", (gint64)r.expected, rtp);
    ma_json_int_if(b, "lost", r.lost, rtp);
    ma_json_int_if(b, "duplicates", (gint64)r.duplicates, rtp);
    ma_json_int_if(b, "reordered", (gint64)r.reordered, rtp);
    char ssrc[16];
    g_snprintf(ssrc, sizeof ssrc, "0x%08x", (unsigned)f->ssrc);
    ma_json_str(b, "ssrc", rtp ? ssrc : NULL);
    ma_json_int_if(b, "payload_type", f->payload_type, rtp && f->payload_type >= 0);
    ma_json_int_if(b, "clock_rate", r.clock_rate, rtp && r.clock_rate > 0);
    json_builder_set_member_name(b, "clock_rate_inferred");
    if (rtp && r.clock_rate > 0)
        json_builder_add_boolean_value(b, r.clock_inferred);
    else
        json_builder_add_null_value(b);
    ma_json_str(b, "clock_rate_source",
                rtp && r.clock_rate > 0 ? ma_clock_source_name(r.clock_source) : NULL);
    gboolean jit = rtp && r.clock_rate > 0; /* jitter in ms needs the clock rate */
    ma_json_num_if(b, "jitter_ms", r.jitter_ms, 4, jit);
    ma_json_num_if(b, "jitter_max_ms", r.jitter_max_ms, 4, jit);
    ma_json_num_if(b, "jitter_mean_ms", r.jitter_mean_ms, 4, jit);
    ma_json_num_if(b, "gap_max_ms", r.gap_max_ms, 3, rtp && r.packets > 1);
    ma_json_num_if(b, "bitrate_bps", r.bitrate_bps, 1, rtp && r.packets > 1);
    ma_json_num_if(b, "mdi_df_ms", r.mdi_df_ms, 3, rtp);
    ma_json_num_if(b, "mdi_mlr", r.mdi_mlr, 3, rtp);
}

/* A receiver's RTCP: what it reported about the media (null otherwise). */
static void flow_receiver_reports(JsonBuilder *b, const ma_flow *f, ma_flow_role role)
{
    json_builder_set_member_name(b, "receiver_reports");
    if (role != MA_FLOW_ROLE_RECEIVER_RTCP || f->rr.reports == 0) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_object(b);
    ma_json_int(b, "reports", f->rr.reports);
    char ssrc[16];
    g_snprintf(ssrc, sizeof ssrc, "0x%08x", (unsigned)f->rr.about_ssrc);
    ma_json_str(b, "about_ssrc", ssrc);
    ma_json_num_if(b, "fraction_lost_last", f->rr.fraction_lost_last / 256.0, 4, TRUE);
    ma_json_num_if(b, "fraction_lost_max", f->rr.fraction_lost_max / 256.0, 4, TRUE);
    ma_json_int(b, "cumulative_lost_last", f->rr.cumulative_lost_last);
    ma_rr_jitter j = {0.0, 0.0};
    gboolean jit = ma_correlator_rr_jitter_ms(f, &j);
    ma_json_num_if(b, "jitter_last_ms", j.last_ms, 4, jit);
    ma_json_num_if(b, "jitter_max_ms", j.max_ms, 4, jit);
    ma_json_frame(b, "last_frame", f->rr.last_frame);
    json_builder_end_object(b);
}

/* Loss as bursts and the jitter peak: where the evidence is (RTP only). */
static void flow_evidence(JsonBuilder *b, const ma_report_ctx *ctx, const ma_flow *f)
{
    gboolean rtp = f->is_rtp && !f->is_rtcp && f->stats != NULL;
    uint32_t peak = rtp ? ma_rtp_stats_jitter_peak(f->stats, NULL) : 0;
    ma_json_frame(b, "jitter_peak_frame", peak);
    json_builder_set_member_name(b, "loss_bursts");
    if (!rtp) {
        json_builder_add_null_value(b);
        return;
    }
    ma_rtp_burst_summary bs;
    ma_rtp_stats_bursts(f->stats, &bs);
    json_builder_begin_object(b);
    ma_json_int(b, "count", (gint64)bs.count);
    ma_json_int(b, "longest", bs.longest);
    json_builder_set_member_name(b, "largest");
    json_builder_begin_array(b);
    for (guint i = 0; i < bs.n_largest; i++) {
        const ma_rtp_burst *g = &bs.largest[i];
        json_builder_begin_object(b);
        ma_json_int(b, "lost", g->lost);
        ma_json_int(b, "first_seq", g->first_seq);
        ma_json_frame(b, "frame_before", g->frame_before);
        ma_json_frame(b, "frame_after", g->frame_after);
        ma_json_num_if(b, "time_before", ma_report_rel_s(ctx, g->ns_before), 6,
                       g->frame_before != 0);
        ma_json_num_if(b, "time_after", ma_report_rel_s(ctx, g->ns_after), 6, TRUE);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

static void flow_object(JsonBuilder *b, const ma_report_ctx *ctx, const ma_flow *f)
{
    json_builder_begin_object(b);
    ma_json_int(b, "id", f->id);
    ma_json_addr(b, "src", &f->src);
    ma_json_int(b, "sport", f->sport);
    ma_json_addr(b, "dst", &f->dst);
    ma_json_int(b, "dport", f->dport);
    ma_host_role sender;
    ma_flow_role role = ma_correlator_flow_role(f, NULL, &sender);
    ma_json_str(b, "kind", flow_kind(f, role));
    ma_json_str(b, "role", role == MA_FLOW_ROLE_NONE ? NULL : ma_flow_role_name(role));
    ma_json_str(b, "sender", role == MA_FLOW_ROLE_NONE ? NULL : ma_host_role_name(sender));
    gboolean bound = f->track != NULL && f->track->session != NULL;
    ma_json_int_if(b, "session", bound ? f->track->session->id : 0, bound);
    ma_json_int_if(b, "track", bound ? (gint64)f->track->index + 1 : 0, bound);
    ma_json_frame(b, "first_frame", f->first_frame);
    ma_json_frame(b, "last_frame", f->last_frame);
    ma_json_int(b, "datagrams", (gint64)f->datagrams);
    flow_rtp_figures(b, f, role);
    ma_json_int_if(b, "ttl_min", f->ttl_min, f->ttl_min >= 0);
    ma_json_int_if(b, "ttl_max", f->ttl_max, f->ttl_max >= 0);
    ma_json_str(b, "transport", f->interleaved ? "tcp-interleaved" : "udp");
    ma_json_int_if(b, "channel", f->channel, f->interleaved);
    ma_json_str(b, "control", f->control);
    ma_json_bool(b, "unrelated", f->unrelated);
    flow_receiver_reports(b, f, role);
    flow_evidence(b, ctx, f);
    flow_mpegts(b, f);
    flow_fec(b, f);
    ma_json_int_if(b, "fec_for", f->fec_for != NULL ? f->fec_for->id : 0, f->fec_for != NULL);
    json_builder_end_object(b);
}

void ma_json_flows(JsonBuilder *b, const ma_report_ctx *ctx)
{
    const GPtrArray *flows = ma_correlator_flows(ctx->corr);
    json_builder_set_member_name(b, "flows");
    json_builder_begin_array(b);
    for (guint i = 0; flows != NULL && i < flows->len; i++)
        if (ma_report_flow_listed(ctx, g_ptr_array_index(flows, i)))
            flow_object(b, ctx, g_ptr_array_index(flows, i));
    json_builder_end_array(b);
    guint n;
    guint64 datagrams;
    ma_report_unlisted(ctx, &n, &datagrams);
    json_builder_set_member_name(b, "unrelated_udp"); /* counted whether listed or not */
    json_builder_begin_object(b);
    ma_json_int(b, "flows", n);
    ma_json_int(b, "datagrams", (gint64)datagrams);
    ma_json_bool(b, "listed", ctx->list_udp);
    json_builder_end_object(b);
}

void ma_json_queriers(JsonBuilder *b, const ma_report_ctx *ctx)
{
    const GPtrArray *qs = ma_correlator_queriers(ctx->corr);
    json_builder_set_member_name(b, "queriers");
    json_builder_begin_array(b);
    for (guint i = 0; qs != NULL && i < qs->len; i++) {
        const ma_querier *q = g_ptr_array_index(qs, i);
        json_builder_begin_object(b);
        ma_json_addr(b, "address", &q->addr);
        ma_json_str(b, "proto", q->proto == MA_PROTO_MLD ? "MLD" : "IGMP");
        ma_json_int(b, "version", q->version);
        ma_json_int(b, "count", q->count);
        ma_json_frame(b, "first_frame", q->first_frame);
        ma_json_num_if(b, "interval_s", q->interval_s, 3, q->interval_s > 0.0);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* Shortest text that reads back as the same double. */
static void shortest_double(GString *out, const char *token, gsize len)
{
    char *copy = g_strndup(token, len);
    double v = g_ascii_strtod(copy, NULL);
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (v == floor(v) && fabs(v) < 1e15) { /* whole numbers: "2000000.0", not "2e+06" */
        g_ascii_formatd(buf, sizeof buf, "%.1f", v);
        g_string_append(out, buf);
        g_free(copy);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        char fmt[8];
        g_snprintf(fmt, sizeof fmt, "%%.%dg", prec);
        g_ascii_formatd(buf, sizeof buf, fmt, v);
        if (g_ascii_strtod(buf, NULL) == v)
            break;
    }
    g_string_append(out, buf);
    if (strpbrk(buf, ".eE") == NULL)
        g_string_append(out, ".0"); /* stays a float for typed readers */
    g_free(copy);
}

char *ma_json_shorten_numbers(const char *json)
{
    GString *out = g_string_sized_new(strlen(json));
    const char *p = json;
    while (*p != '\0') {
        if (*p == '"') { /* copy a string through, escapes included */
            const char *q = p + 1;
            while (*q != '\0' && *q != '"')
                q += (*q == '\\' && q[1] != '\0') ? 2 : 1;
            if (*q == '"')
                q++;
            g_string_append_len(out, p, q - p);
            p = q;
        } else if (*p == '-' || g_ascii_isdigit(*p)) {
            gsize n = strspn(p, "-+0123456789.eE");
            if (memchr(p, '.', n) != NULL || memchr(p, 'e', n) != NULL || memchr(p, 'E', n) != NULL)
                shortest_double(out, p, n);
            else
                g_string_append_len(out, p, (gssize)n);
            p += n;
        } else {
            g_string_append_c(out, *p++);
        }
    }
    return g_string_free(out, FALSE);
}
