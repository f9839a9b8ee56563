/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_junit.c - JUnit XML for CI dashboards (schemas/junit.xsd): one
 * <testsuite> per input file with its properties (tool version, input,
 * thresholds), one <testcase> per session track, per flow tied to no
 * session and for the capture itself when it has verdicts.  A testcase
 * holds at most one <failure> (Jenkins and GitLab show one per case): its
 * type is the worst failing verdict's code and its text lists every
 * verdict at or above --fail-on; the others go to <system-out>.  Capture
 * text is untrusted: every string is made valid UTF-8 without control
 * characters, then escaped. */
#include "report.h"

#include <string.h>

typedef struct {
    char *classname;
    char *name;
    double time_s;
    GPtrArray *verdicts; /* const ma_verdict* (not owned) */
    guint failures;
} junit_case;

/* classname, then name: the <testcase> attributes' order in JUnit XML. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
static junit_case *case_new(char *classname, char *name, double time_s)
{
    junit_case *c = g_new0(junit_case, 1);
    c->classname = classname;
    c->name = name;
    c->time_s = time_s;
    c->verdicts = g_ptr_array_new();
    return c;
}

static void case_free(gpointer p)
{
    junit_case *c = p;
    g_free(c->classname);
    g_free(c->name);
    g_ptr_array_free(c->verdicts, TRUE);
    g_free(c);
}

static void append_escaped(GString *out, const char *text)
{
    ma_report_append_markup(out, text);
}

static double flow_span_s(const ma_flow *f)
{
    return f != NULL && f->last_ns > f->first_ns ? (double)(f->last_ns - f->first_ns) / 1e9 : 0.0;
}

static void add_session_cases(GPtrArray *cases, const ma_session *s)
{
    char *cls = g_strdup_printf("mcast-audit.session%u", s->id);
    guint nt = s->tracks != NULL ? s->tracks->len : 0;
    if (nt == 0) /* DESCRIBE failed, no SETUP: the session itself is the test */
        g_ptr_array_add(cases, case_new(g_strdup(cls), g_strdup_printf("session %u: %s", s->id,
                                                                      s->url ? s->url : "-"), 0.0));
    for (guint i = 0; i < nt; i++) {
        const ma_track *k = g_ptr_array_index(s->tracks, i);
        g_ptr_array_add(cases, case_new(g_strdup(cls),
                                        g_strdup_printf("track %u: %s", k->index + 1,
                                                        k->url ? k->url : "(no URL)"),
                                        flow_span_s(k->rtp_flow)));
    }
    g_free(cls);
}

/* A group's testcase lasts as long as its media. */
static double group_span_s(const ma_group *g)
{
    return g->first_media_frame != 0 ? (double)(g->last_media_ns - g->first_media_ns) / 1e9 : 0.0;
}

static void add_flow_case(GPtrArray *cases, const ma_flow *f)
{
    char *src = ma_report_endpoint(&f->src, f->sport);
    char *dst = ma_report_endpoint(&f->dst, f->dport);
    g_ptr_array_add(cases, case_new(g_strdup("mcast-audit.unbound"),
                                    g_strdup_printf("flow %u %s -> %s", f->id, src, dst),
                                    flow_span_s(f)));
    g_free(src);
    g_free(dst);
}

/* Where a session's testcases start among all cases. */
typedef struct {
    guint id;
    gint first;
    guint n_tracks;
} session_span;

/* Index of the case a verdict belongs to; -1 for the capture's own. */
static gint case_for(const ma_verdict *v, const GArray *spans, GHashTable *flow_case)
{
    for (guint i = 0; v->session_id != 0 && i < spans->len; i++) {
        const session_span *sp = &g_array_index(spans, session_span, i);
        if (sp->id == v->session_id) /* session verdicts land on their track, else the first */
            return sp->first + (gint)(v->track_index < sp->n_tracks ? v->track_index : 0);
    }
    gpointer idx = NULL;
    if (v->flow_id != 0 && g_hash_table_lookup_extended(flow_case, GUINT_TO_POINTER(v->flow_id),
                                                        NULL, &idx))
        return GPOINTER_TO_INT(idx);
    return -1;
}

static GPtrArray *build_cases(const ma_report_ctx *ctx)
{
    GPtrArray *cases = g_ptr_array_new_with_free_func(case_free);
    GArray *spans = g_array_new(FALSE, FALSE, sizeof(session_span));
    GHashTable *flow_case = g_hash_table_new(g_direct_hash, g_direct_equal);
    const GPtrArray *ss = ma_correlator_sessions(ctx->corr);
    for (guint i = 0; ss != NULL && i < ss->len; i++) {
        const ma_session *s = g_ptr_array_index(ss, i);
        session_span sp = {s->id, (gint)cases->len, s->tracks != NULL ? s->tracks->len : 0};
        g_array_append_val(spans, sp);
        add_session_cases(cases, s);
    }
    const GPtrArray *fs = ma_correlator_flows(ctx->corr);
    for (guint i = 0; fs != NULL && i < fs->len; i++) {
        const ma_flow *f = g_ptr_array_index(fs, i);
        if (f->track != NULL || f->fec != NULL || !ma_report_flow_listed(ctx, f))
            continue; /* FEC belongs to its media flow */
        g_hash_table_insert(flow_case, GUINT_TO_POINTER(f->id), GINT_TO_POINTER(cases->len));
        add_flow_case(cases, f);
    }
    /* the group-centric audit: a testcase per group without RTSP */
    const GPtrArray *gs = ma_correlator_groups(ctx->corr);
    gint first_group = (gint)cases->len;
    for (guint i = 0; gs != NULL && i < gs->len; i++) {
        const ma_group *g = g_ptr_array_index(gs, i);
        char a[MA_ADDR_STRLEN];
        g_ptr_array_add(
            cases, case_new(g_strdup("mcast-audit.group"),
                            g_strdup_printf("group %s: %u member%s", ma_addr_to_str(&g->addr, a),
                                            g->members->len, g->members->len == 1 ? "" : "s"),
                            group_span_s(g)));
    }
    junit_case *capture = NULL;
    const GPtrArray *vs = ma_correlator_verdicts(ctx->corr);
    for (guint i = 0; vs != NULL && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        gint at = case_for(v, spans, flow_case);
        for (guint k = 0; ma_addr_is_set(&v->group) && gs != NULL && k < gs->len; k++)
            if (ma_addr_equal(&((const ma_group *)g_ptr_array_index(gs, k))->addr, &v->group))
                at = first_group + (gint)k;
        junit_case *c = at >= 0 ? g_ptr_array_index(cases, at) : capture;
        if (c == NULL) /* only made when the capture itself has verdicts */
            c = capture = case_new(g_strdup("mcast-audit.capture"), g_strdup("capture"), 0.0);
        g_ptr_array_add(c->verdicts, (gpointer)v);
        c->failures += v->def->severity >= ctx->th->fail_on;
    }
    if (capture != NULL)
        g_ptr_array_add(cases, capture);
    g_array_free(spans, TRUE);
    g_hash_table_destroy(flow_case);
    return cases;
}

/* "ERROR MA307 loss: message" + explanation + frames, as element text. */
static void verdict_body(GString *out, const ma_verdict *v)
{
    append_escaped(out, ma_severity_name(v->def->severity));
    g_string_append_printf(out, " %s %s: ", v->def->code, v->def->name);
    append_escaped(out, v->message);
    g_string_append_c(out, '\n');
    append_escaped(out, v->def->explanation);
    if (v->frames != NULL && v->frames->len > 0) {
        g_string_append(out, "\nframes:");
        for (guint i = 0; i < v->frames->len; i++)
            g_string_append_printf(out, " %u", g_array_index(v->frames, uint32_t, i));
    }
    g_string_append_c(out, '\n');
}

/* Failing verdicts first by severity (worst first), then in report order. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters) GCompareFunc signature
static gint by_severity(gconstpointer a, gconstpointer b)
{
    const ma_verdict *va = *(const ma_verdict *const *)a, *vb = *(const ma_verdict *const *)b;
    return (int)vb->def->severity - (int)va->def->severity;
}

static void emit_failure(GString *out, GPtrArray *failing)
{
    g_ptr_array_sort(failing, by_severity); /* stable: GLib sorts with a merge sort */
    const ma_verdict *first = g_ptr_array_index(failing, 0);
    g_string_append_printf(out, "      <failure type=\"%s\" message=\"%s %s: ", first->def->code,
                           first->def->code, first->def->name);
    append_escaped(out, first->message);
    if (failing->len > 1) {
        g_string_append_printf(out, " (and %u more:", failing->len - 1);
        for (guint i = 1; i < failing->len; i++)
            g_string_append_printf(out, " %s",
                                   ((const ma_verdict *)g_ptr_array_index(failing, i))->def->code);
        g_string_append_c(out, ')');
    }
    g_string_append(out, "\">");
    for (guint i = 0; i < failing->len; i++)
        verdict_body(out, g_ptr_array_index(failing, i));
    g_string_append(out, "</failure>\n");
}

static void emit_case(GString *out, const junit_case *c, ma_severity fail_on)
{
    g_string_append(out, "    <testcase classname=\"");
    append_escaped(out, c->classname);
    g_string_append(out, "\" name=\"");
    append_escaped(out, c->name);
    g_string_append_printf(out, "\" time=\"%.3f\">\n", c->time_s);
    GPtrArray *failing = g_ptr_array_new();
    guint below = 0;
    for (guint i = 0; i < c->verdicts->len; i++) {
        const ma_verdict *v = g_ptr_array_index(c->verdicts, i);
        if (v->def->severity < fail_on)
            below++;
        else
            g_ptr_array_add(failing, (gpointer)v);
    }
    if (failing->len > 0)
        emit_failure(out, failing);
    g_ptr_array_free(failing, TRUE);
    if (below > 0) {
        g_string_append(out, "      <system-out>");
        for (guint i = 0; i < c->verdicts->len; i++) {
            const ma_verdict *v = g_ptr_array_index(c->verdicts, i);
            if (v->def->severity < fail_on)
                verdict_body(out, v);
        }
        g_string_append(out, "</system-out>\n");
    }
    g_string_append(out, "    </testcase>\n");
}

static char *suite_name(const ma_report_ctx *ctx)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; ctx->inputs != NULL && ctx->inputs[i] != NULL; i++)
        g_string_append_printf(s, "%s%s", i ? " " : "", ctx->inputs[i]);
    return g_string_free(s, FALSE);
}

/* JUnit's timestamp: local-time-free ISO 8601 without zone (the XSD's
 * pattern), in UTC: the capture's first frame, else the time of the run. */
static char *suite_timestamp(const ma_report_ctx *ctx)
{
    GDateTime *dt = ma_report_frames(ctx) > 0
                        ? g_date_time_new_from_unix_utc(ma_report_start_ns(ctx) / 1000000000)
                        : g_date_time_new_now_utc();
    if (dt == NULL)
        dt = g_date_time_new_from_unix_utc(0);
    char *text = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S");
    g_date_time_unref(dt);
    return text;
}

static void property(GString *out, const char *name, const char *value)
{
    g_string_append(out, "      <property name=\"");
    append_escaped(out, name);
    g_string_append(out, "\" value=\"");
    append_escaped(out, value);
    g_string_append(out, "\"/>\n");
}

static void property_num(GString *out, const char *name, double value)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    property(out, name, g_ascii_formatd(buf, sizeof buf, "%.10g", value));
}

/* flow.N.clock_rate for each RTP flow whose clock rate was not negotiated:
 * its jitter figures rest on an inferred (or a user's) rate. */
static void clock_properties(GString *out, const ma_report_ctx *ctx)
{
    char *rates = ma_clock_rates_text(ctx->th->clock_rates);
    if (*rates != '\0')
        property(out, "threshold.clock_rates", rates);
    g_free(rates);
    const GPtrArray *fs = ma_correlator_flows(ctx->corr);
    for (guint i = 0; fs != NULL && i < fs->len; i++) {
        const ma_flow *f = g_ptr_array_index(fs, i);
        if (!f->is_rtp || f->is_rtcp || f->stats == NULL || !ma_report_flow_listed(ctx, f))
            continue;
        ma_rtp_summary r;
        ma_rtp_stats_summary(f->stats, &r);
        const char *note = ma_report_clock_note(&r);
        if (note == NULL)
            continue;
        char *name = g_strdup_printf("flow.%u.clock_rate", f->id);
        char *value = g_strdup_printf("%u Hz %s", r.clock_rate, note);
        property(out, name, value);
        g_free(name);
        g_free(value);
    }
}

static void properties(GString *out, const ma_report_ctx *ctx)
{
    const ma_thresholds *th = ctx->th;
    g_string_append(out, "    <properties>\n");
    property(out, "tool", MA_REPORT_TOOL);
    property(out, "tool.version", MA_REPORT_VERSION);
    for (guint i = 0; ctx->inputs != NULL && ctx->inputs[i] != NULL; i++)
        property(out, "input", ctx->inputs[i]);
    property_num(out, "threshold.max_loss_pct", th->max_loss_pct);
    property_num(out, "threshold.max_jitter_ms", th->max_jitter_ms);
    property_num(out, "threshold.max_join_latency_ms", th->max_join_latency_ms);
    property_num(out, "threshold.max_first_packet_ms", th->max_first_packet_ms);
    property_num(out, "threshold.max_zap_ms", th->max_zap_ms);
    property(out, "threshold.fail_on", ma_severity_name(th->fail_on));
    if (th->expect_group_set) {
        char *g = ma_report_endpoint(&th->expect_group, th->expect_port);
        property(out, "threshold.expect_group", g);
        g_free(g);
    }
    property(out, "threshold.require_session", th->require_session ? "true" : "false");
    /* one per decode event kind seen (MA902 in the capture testcase lists them too) */
    const ma_decode_events *ev = ma_correlator_decode_events(ctx->corr);
    for (guint i = 0; ev != NULL && i < MA_DE__COUNT; i++) {
        if (ev->e[i].count == 0)
            continue;
        const ma_decode_event_def *d = ma_decode_event_def_get((ma_decode_event)i);
        char *name = g_strconcat("decode_event.", d->name, NULL);
        char *value = g_strdup_printf("count %" G_GUINT64_FORMAT ", first frame %u: %s",
                                      ev->e[i].count, ev->e[i].first_frame, d->explanation);
        property(out, name, value);
        g_free(name);
        g_free(value);
    }
    clock_properties(out, ctx);
    g_string_append(out, "    </properties>\n");
}

typedef struct {
    guint tests, failures;
    double time_s;
} suite_totals;

static void emit_suite(GString *out, const ma_report_ctx *ctx, guint id, suite_totals *sum)
{
    GPtrArray *cases = build_cases(ctx);
    guint failed = 0;
    for (guint i = 0; i < cases->len; i++)
        failed += ((junit_case *)g_ptr_array_index(cases, i))->failures > 0;
    double time_s = ma_report_duration_s(ctx);
    char *name = suite_name(ctx);
    char *stamp = suite_timestamp(ctx);
    g_string_append_printf(out, "  <testsuite id=\"%u\" name=\"", id);
    append_escaped(out, name);
    g_string_append_printf(out,
                           "\" package=\"mcast-audit\" tests=\"%u\" failures=\"%u\" "
                           "errors=\"0\" skipped=\"0\" time=\"%.3f\" timestamp=\"%s\" "
                           "hostname=\"",
                           cases->len, failed, time_s, stamp);
    append_escaped(out, g_get_host_name());
    g_string_append(out, "\">\n");
    properties(out, ctx);
    for (guint i = 0; i < cases->len; i++)
        emit_case(out, g_ptr_array_index(cases, i), ctx->th->fail_on);
    g_string_append(out, "  </testsuite>\n");
    sum->tests += cases->len;
    sum->failures += failed;
    sum->time_s += time_s;
    g_free(stamp);
    g_free(name);
    g_ptr_array_free(cases, TRUE);
}

void ma_report_junit(const ma_report_set *set, GString *out)
{
    GString *suites = g_string_new(NULL);
    suite_totals sum = {0, 0, 0.0};
    for (guint i = 0; i < set->n; i++)
        emit_suite(suites, &set->reports[i], i, &sum);
    g_string_append(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    g_string_append_printf(out,
                           "<testsuites name=\"mcast-audit\" tests=\"%u\" failures=\"%u\" "
                           "errors=\"0\" time=\"%.3f\">\n",
                           sum.tests, sum.failures, sum.time_s);
    g_string_append_len(out, suites->str, (gssize)suites->len);
    g_string_append(out, "</testsuites>\n");
    g_string_free(suites, TRUE);
}
