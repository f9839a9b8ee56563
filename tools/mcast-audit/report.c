/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report.c - pieces every renderer shares: verdict counts, relative
 * times, host roles, Transport text and safe printing of capture text. */
#include "report.h"

#include <string.h>

void ma_report_count_verdicts(const ma_correlator *c, ma_verdict_counts *out)
{
    memset(out, 0, sizeof *out);
    const GPtrArray *vs = ma_correlator_verdicts(c);
    for (guint i = 0; vs != NULL && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        guint sev = (guint)v->def->severity;
        if (sev < G_N_ELEMENTS(out->by_sev))
            out->by_sev[sev]++;
    }
}

ma_result ma_report_result(const ma_correlator *c, const ma_thresholds *th)
{
    return ma_correlator_result(c, th->fail_on);
}

ma_result ma_report_set_result(const ma_report_set *set)
{
    ma_result worst = MA_RESULT_PASS;
    for (guint i = 0; i < set->n; i++) {
        ma_result r = ma_report_result(set->reports[i].corr, set->reports[i].th);
        if (r > worst)
            worst = r;
    }
    return worst;
}

guint ma_report_set_count(const ma_report_set *set, ma_result r)
{
    guint n = 0;
    for (guint i = 0; i < set->n; i++)
        n += ma_report_result(set->reports[i].corr, set->reports[i].th) == r;
    return n;
}

gint64 ma_report_start_ns(const ma_report_ctx *ctx)
{
    /* The first frame read, not the first event: times match Wireshark's
     * "seconds since beginning of capture". */
    if (ctx->stats != NULL && ctx->stats->dec.frames > 0)
        return ctx->stats->dec.first_ns;
    return ma_correlator_start_ns(ctx->corr);
}

double ma_report_rel_s(const ma_report_ctx *ctx, gint64 ns)
{
    return (double)(ns - ma_report_start_ns(ctx)) / 1e9;
}

guint64 ma_report_frames(const ma_report_ctx *ctx)
{
    return ctx->stats != NULL ? ctx->stats->dec.frames : 0;
}

double ma_report_duration_s(const ma_report_ctx *ctx)
{
    gint64 end = ctx->stats != NULL && ctx->stats->dec.frames > 0 ? ctx->stats->dec.last_ns
                                                                  : ma_correlator_end_ns(ctx->corr);
    double d = (double)(end - ma_report_start_ns(ctx)) / 1e9;
    return d > 0.0 ? d : 0.0;
}

char *ma_report_transport_text(const ma_track *t)
{
    if (t->transport_error != NULL) /* the reply's header as sent, never the request's */
        return g_strdup(t->transport_text);
    const ma_transport_spec *sp = t->reply != NULL ? t->reply : t->requested;
    return sp != NULL ? ma_transport_spec_header_text(sp) : NULL;
}

const char *ma_report_clock_note(const ma_rtp_summary *r)
{
    switch (r->clock_rate > 0 ? r->clock_source : MA_CLOCK_UNKNOWN) {
    case MA_CLOCK_TIMESTAMPS: return "inferred from the RTP timestamps";
    case MA_CLOCK_NAL: return "inferred from the H.264/H.265 NAL headers";
    case MA_CLOCK_USER: return "set by --clock-rate";
    case MA_CLOCK_NEGOTIATED:
    case MA_CLOCK_UNKNOWN:
    default: return NULL;
    }
}

char *ma_report_endpoint(const ma_addr *a, int port)
{
    char buf[MA_ADDR_STRLEN];
    if (port < 0)
        return g_strdup(ma_addr_to_str(a, buf));
    return ma_addr_port_to_str(a, port);
}

gboolean ma_report_flow_listed(const ma_report_ctx *ctx, const ma_flow *f)
{
    return !f->unrelated || ctx->list_udp;
}

void ma_report_unlisted(const ma_report_ctx *ctx, guint *flows, guint64 *datagrams)
{
    const GPtrArray *fs = ma_correlator_flows(ctx->corr);
    *flows = 0;
    *datagrams = 0;
    for (guint i = 0; fs != NULL && i < fs->len; i++) {
        const ma_flow *f = g_ptr_array_index(fs, i);
        if (f->unrelated) {
            (*flows)++;
            *datagrams += f->datagrams;
        }
    }
}

void ma_report_append_markup(GString *out, const char *text)
{
    char *safe = ma_report_safe_utf8(text != NULL ? text : "");
    for (const char *p = safe; *p != '\0'; p++) {
        switch (*p) {
        case '&': g_string_append(out, "&amp;"); break;
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        case '\'': g_string_append(out, "&apos;"); break;
        default: g_string_append_c(out, *p); break;
        }
    }
    g_free(safe);
}

/* C0 controls (tab excepted), DEL and C1 controls could drive a terminal. */
static gboolean is_unsafe_char(gunichar ch)
{
    return (ch < 0x20 && ch != '\t') || (ch >= 0x7f && ch <= 0x9f);
}

char *ma_report_safe_utf8(const char *s)
{
    if (s == NULL)
        return NULL;
    char *valid = g_utf8_make_valid(s, -1);
    GString *out = g_string_sized_new(strlen(valid));
    for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        if (is_unsafe_char(ch))
            g_string_append_unichar(out, 0xFFFD);
        else
            g_string_append_unichar(out, ch);
    }
    g_free(valid);
    return g_string_free(out, FALSE);
}
