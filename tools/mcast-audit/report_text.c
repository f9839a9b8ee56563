/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_text.c - the human report: per input file a header, one story per
 * session (report_text_session.c), flows tied to no session, queriers,
 * capture warnings and the file's result; then one final "Result:" line
 * that scripts may grep (with several files, the worst of theirs). */
#include "report_text_priv.h"

#include <string.h>

#define ANSI_RED "\033[31m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_GREEN "\033[32m"
#define ANSI_BOLD "\033[1m"
#define ANSI_RESET "\033[0m"

const char *ma_text_plural(guint64 n)
{
    return n == 1 ? "" : "s";
}

void ma_text_safe(ma_text *t, const char *s)
{
    char *safe = ma_report_safe_utf8(s != NULL ? s : "-");
    g_string_append(t->out, safe);
    g_free(safe);
}

void ma_text_time(ma_text *t, gint64 ns)
{
    g_string_append_printf(t->out, "%.3f s", ma_report_rel_s(t->ctx, ns));
}

void ma_text_label(ma_text *t, const char *label)
{
    g_string_append_printf(t->out, "    %-*s", MA_TEXT_LABEL_WIDTH, label != NULL ? label : "");
}

static void colored(ma_text *t, const char *color, const char *word)
{
    if (t->ctx->color)
        g_string_append_printf(t->out, "%s%s%s", color, word, ANSI_RESET);
    else
        g_string_append(t->out, word);
}

void ma_text_severity(ma_text *t, ma_severity sev)
{
    switch (sev) {
    case MA_SEV_ERROR: colored(t, ANSI_RED, "ERROR"); break;
    case MA_SEV_WARNING: colored(t, ANSI_YELLOW, "WARN"); break;
    default: g_string_append(t->out, "INFO"); break;
    }
}

/* Append words of text, wrapping at MA_TEXT_WRAP with indent blanks. */
static void append_wrapped(ma_text *t, const char *text, guint indent)
{
    char *safe = ma_report_safe_utf8(text);
    char **words = g_strsplit_set(safe, " \t\n", -1);
    gsize line_start = t->out->len;
    g_string_append_printf(t->out, "%*s", (int)indent, "");
    gboolean first = TRUE;
    for (char **w = words; *w != NULL; w++) {
        if (**w == '\0')
            continue;
        gsize width = g_utf8_strlen(t->out->str + line_start, -1);
        if (!first && width + 1 + g_utf8_strlen(*w, -1) > MA_TEXT_WRAP) {
            g_string_append_c(t->out, '\n');
            line_start = t->out->len;
            g_string_append_printf(t->out, "%*s", (int)indent, "");
            first = TRUE;
        }
        if (!first)
            g_string_append_c(t->out, ' ');
        g_string_append(t->out, *w);
        first = FALSE;
    }
    g_strfreev(words);
    g_free(safe);
}

static void append_frames(ma_text *t, const GArray *frames)
{
    const guint shown = 12; /* long lists help nobody reading aloud */
    if (frames == NULL || frames->len == 0)
        return;
    g_string_append_printf(t->out, "  (frame%s ", frames->len == 1 ? "" : "s");
    for (guint i = 0; i < frames->len && i < shown; i++)
        g_string_append_printf(t->out, "%s%u", i ? ", " : "", g_array_index(frames, uint32_t, i));
    if (frames->len > shown)
        g_string_append_printf(t->out, " and %u more", frames->len - shown);
    g_string_append_c(t->out, ')');
}

void ma_text_one_verdict(ma_text *t, const ma_verdict *v)
{
    ma_text_severity(t, v->def->severity);
    g_string_append_printf(t->out, " %s %s: ", v->def->code, v->def->name);
    ma_text_safe(t, v->message);
    g_string_append_c(t->out, '\n');
    /* explanation under the message, past "    Verdicts  WARN " */
    guint indent = 4 + MA_TEXT_LABEL_WIDTH + (v->def->severity == MA_SEV_ERROR ? 6 : 5);
    append_wrapped(t, v->def->explanation != NULL ? v->def->explanation : "", indent);
    append_frames(t, v->frames);
    g_string_append_c(t->out, '\n');
}

guint ma_text_verdicts(ma_text *t, const char *label, guint session_id)
{
    const GPtrArray *vs = ma_correlator_verdicts(t->ctx->corr);
    guint n = 0;
    for (guint i = 0; vs != NULL && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        /* a group's verdicts are told with its group (report_text_group.c) */
        if (v->session_id != session_id || ma_addr_is_set(&v->group))
            continue;
        ma_text_label(t, n == 0 ? label : NULL);
        ma_text_one_verdict(t, v);
        n++;
    }
    return n;
}

void ma_text_flow_ends(ma_text *t, const ma_flow *f)
{
    char *src = ma_report_endpoint(&f->src, f->sport);
    char *dst = ma_report_endpoint(&f->dst, f->dport);
    g_string_append_printf(t->out, "%s -> %s", src, dst);
    g_free(src);
    g_free(dst);
}

static void append_ttl(ma_text *t, const ma_flow *f)
{
    if (f->ttl_min < 0)
        return;
    if (f->ttl_min == f->ttl_max)
        g_string_append_printf(t->out, "  TTL %d", f->ttl_min);
    else
        g_string_append_printf(t->out, "  TTL %d-%d", f->ttl_min, f->ttl_max);
}

static void append_bitrate(ma_text *t, double bps)
{
    if (bps >= 1e6)
        g_string_append_printf(t->out, "  %.2f Mbit/s", bps / 1e6);
    else
        g_string_append_printf(t->out, "  %.1f kbit/s", bps / 1e3);
}

void ma_text_flow_figures(ma_text *t, const ma_flow *f)
{
    if (!f->is_rtp || f->stats == NULL) {
        g_string_append_printf(t->out, "%" G_GUINT64_FORMAT " datagram%s", f->datagrams,
                               ma_text_plural(f->datagrams));
        append_ttl(t, f);
        return;
    }
    ma_rtp_summary r;
    ma_rtp_stats_summary(f->stats, &r);
    double pct = r.expected > 0 ? 100.0 * (double)r.lost / (double)r.expected : 0.0;
    g_string_append_printf(t->out,
                           "packets %" G_GUINT64_FORMAT "  lost %" G_GINT64_FORMAT
                           " (%.2f%%)  duplicates %" G_GUINT64_FORMAT
                           "  reordered %" G_GUINT64_FORMAT,
                           r.packets, r.lost, pct, r.duplicates, r.reordered);
    const char *clock = ma_report_clock_note(&r);
    if (r.clock_rate > 0 && clock != NULL)
        g_string_append_printf(t->out, "  jitter mean %.2f / max %.2f ms (clock rate %u Hz %s)",
                               r.jitter_mean_ms, r.jitter_max_ms, r.clock_rate, clock);
    else if (r.clock_rate > 0)
        g_string_append_printf(t->out, "  jitter mean %.2f / max %.2f ms", r.jitter_mean_ms,
                               r.jitter_max_ms);
    else
        g_string_append(t->out, "  jitter unknown (no clock rate)");
    g_string_append_printf(t->out, "  MDI %.1f:%.1f", r.mdi_df_ms, r.mdi_mlr);
    append_bitrate(t, r.bitrate_bps);
    append_ttl(t, f);
}

/* "loss in 3 bursts, longest 12: 12 between frames 130 and 131 at 2.480 s,
 * ..." under the figures of an RTP flow with loss. */
void ma_text_loss_bursts(ma_text *t, const ma_flow *f)
{
    if (!f->is_rtp || f->stats == NULL)
        return;
    ma_rtp_burst_summary bs;
    ma_rtp_stats_bursts(f->stats, &bs);
    if (bs.count == 0)
        return;
    ma_text_label(t, NULL);
    g_string_append_printf(t->out,
                           "loss in %" G_GUINT64_FORMAT " burst%s, longest %u; largest:", bs.count,
                           ma_text_plural(bs.count), bs.longest);
    for (guint i = 0; i < bs.n_largest; i++) {
        const ma_rtp_burst *b = &bs.largest[i];
        g_string_append_printf(t->out, "%s %u between frames %u and %u at ", i ? "," : "", b->lost,
                               b->frame_before, b->frame_after);
        ma_text_time(t, b->ns_after);
    }
    g_string_append_c(t->out, '\n');
}

void ma_text_ts_figures(ma_text *t, const ma_flow *f)
{
    ma_ts_summary ts;
    if (!ma_flow_ts_summary(f, &ts))
        return;
    ma_text_label(t, NULL);
    g_string_append_printf(
        t->out,
        "MPEG-TS %" G_GUINT64_FORMAT " packets, %u PID%s  CC errors %" G_GUINT64_FORMAT
        " (%" G_GUINT64_FORMAT " missing)  sync errors %" G_GUINT64_FORMAT
        "  PAT %" G_GUINT64_FORMAT " (longest gap %.3f s)  PMT %" G_GUINT64_FORMAT
        " of %u program%s (longest gap %.3f s)\n",
        ts.packets, ts.pids, ma_text_plural(ts.pids), ts.cc_errors, ts.cc_lost, ts.sync_byte_errors,
        ts.pat_sections, ts.pat_interval_max_ms / 1000.0, ts.pmt_sections, ts.programs,
        ma_text_plural(ts.programs), ts.pmt_interval_max_ms / 1000.0);
}

/* "FEC column flow 3 a:p -> g:p (port + 2, SMPTE 2022-1 offset 5 NA 4, SNBase
 * 1234, PT 96): packets 124  lost 1 (0.80%) ..." under the media it protects. */
void ma_text_fec_figures(ma_text *t, const ma_flow *f)
{
    static const ma_fec_dir dirs[] = {MA_FEC_COLUMN, MA_FEC_ROW};
    for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
        ma_fec_summary s;
        const ma_flow *ff = NULL;
        if (!ma_flow_fec_summary(f, dirs[i], &s, &ff))
            continue;
        ma_text_label(t, NULL);
        g_string_append_printf(t->out, "FEC %s flow %u ", ma_fec_dir_name(s.dir), ff->id);
        ma_text_flow_ends(t, ff);
        g_string_append_printf(t->out, " (port %+d, ", ff->fec_port_delta);
        if (s.smpte)
            g_string_append_printf(t->out, "SMPTE 2022-1 offset %u NA %u, SNBase %u", s.offset,
                                   s.na, (unsigned)s.snbase_first);
        else
            g_string_append(t->out, "RFC 2733 parity");
        double pct = s.expected > 0 ? 100.0 * (double)s.lost / (double)s.expected : 0.0;
        g_string_append_printf(t->out,
                               ", PT %d): packets %" G_GUINT64_FORMAT "  lost %" G_GINT64_FORMAT
                               " (%.2f%%)  duplicates %" G_GUINT64_FORMAT
                               "  reordered %" G_GUINT64_FORMAT,
                               s.payload_type, s.packets, s.lost, pct, s.duplicates, s.reordered);
        if (s.header_errors > 0)
            g_string_append_printf(t->out, "  without an FEC header %" G_GUINT64_FORMAT,
                                   s.header_errors);
        if (s.layout_changes > 0)
            g_string_append_printf(t->out, "  layout changed %u time%s", s.layout_changes,
                                   ma_text_plural(s.layout_changes));
        g_string_append_c(t->out, '\n');
    }
}

static void header(ma_text *t)
{
    const ma_report_ctx *ctx = t->ctx;
    g_string_append(t->out, MA_REPORT_TOOL " " MA_REPORT_VERSION ": ");
    for (guint i = 0; ctx->inputs != NULL && ctx->inputs[i] != NULL; i++) {
        if (i > 0)
            g_string_append(t->out, ", ");
        ma_text_safe(t, ctx->inputs[i]);
    }
    guint64 frames = ma_report_frames(ctx);
    g_string_append_printf(t->out, "  (%" G_GUINT64_FORMAT " frame%s, %.3f s)\n", frames,
                           ma_text_plural(frames), ma_report_duration_s(ctx));
}

static void unbound_flows(ma_text *t)
{
    const GPtrArray *flows = ma_correlator_flows(t->ctx->corr);
    guint n = 0;
    for (guint i = 0; flows != NULL && i < flows->len; i++) {
        const ma_flow *f = g_ptr_array_index(flows, i);
        if (f->track != NULL || f->fec != NULL || !ma_report_flow_listed(t->ctx, f))
            continue; /* FEC: under the media it protects */
        if (n++ == 0)
            g_string_append(t->out, "Flows tied to no session\n");
        g_string_append_printf(t->out, "    flow %u  %s ", f->id,
                               f->is_rtcp  ? "RTCP"
                               : f->is_rtp ? "RTP"
                               : f->ts_raw ? "MPEG-TS/UDP"
                                           : "UDP");
        ma_text_flow_ends(t, f);
        g_string_append_printf(t->out, "  frames %u-%u\n", f->first_frame, f->last_frame);
        ma_text_label(t, NULL);
        ma_text_flow_figures(t, f);
        if (f->control != NULL)
            g_string_append_printf(t->out, "  (%s: network control, never media)", f->control);
        g_string_append_c(t->out, '\n');
        ma_text_loss_bursts(t, f);
        ma_text_ts_figures(t, f);
        ma_text_fec_figures(t, f);
    }
    guint other;
    guint64 datagrams;
    ma_report_unlisted(t->ctx, &other, &datagrams);
    if (other > 0 && !t->ctx->list_udp)
        g_string_append_printf(t->out,
                               "Other UDP %u flow%s (%" G_GUINT64_FORMAT " datagram%s) tied to no "
                               "session and not RTP: counted, not listed (--list-udp lists them)\n",
                               other, ma_text_plural(other), datagrams, ma_text_plural(datagrams));
}

static void queriers(ma_text *t)
{
    const GPtrArray *qs = ma_correlator_queriers(t->ctx->corr);
    if (qs == NULL || qs->len == 0) {
        g_string_append(t->out, "Queriers  none seen (no IGMP/MLD query in the capture)\n");
        return;
    }
    for (guint i = 0; i < qs->len; i++) {
        const ma_querier *q = g_ptr_array_index(qs, i);
        char addr[MA_ADDR_STRLEN];
        g_string_append_printf(t->out, "%s%s %s%d, %u quer%s, first frame %u at ",
                               i == 0 ? "Queriers  " : "          ", ma_addr_to_str(&q->addr, addr),
                               q->proto == MA_PROTO_MLD ? "MLDv" : "IGMPv", q->version, q->count,
                               q->count == 1 ? "y" : "ies", q->first_frame);
        ma_text_time(t, q->first_ns);
        if (q->interval_s > 0.0)
            g_string_append_printf(t->out, ", every %.1f s", q->interval_s);
        g_string_append_c(t->out, '\n');
    }
}

static guint capture_verdict_count(const ma_correlator *c)
{
    const GPtrArray *vs = ma_correlator_verdicts(c);
    guint n = 0;
    for (guint i = 0; vs != NULL && i < vs->len; i++)
        n += ((const ma_verdict *)g_ptr_array_index(vs, i))->session_id == 0 &&
             !ma_addr_is_set(&((const ma_verdict *)g_ptr_array_index(vs, i))->group);
    return n;
}

/* The decode event table: one line per kind, with its explanation. */
static void decode_events(ma_text *t, const ma_decode_events *ev)
{
    gboolean first = TRUE;
    for (guint i = 0; ev != NULL && i < MA_DE__COUNT; i++) {
        const ma_decode_event_tally *e = &ev->e[i];
        if (e->count == 0)
            continue;
        const ma_decode_event_def *d = ma_decode_event_def_get((ma_decode_event)i);
        ma_text_label(t, first ? "Events" : NULL);
        first = FALSE;
        g_string_append_printf(t->out, "%s %" G_GUINT64_FORMAT, d->name, e->count);
        if (e->first_frame != 0)
            g_string_append_printf(t->out, " (first frame %u)", e->first_frame);
        g_string_append_printf(t->out, ": %s\n", d->explanation);
    }
}

/* Warnings of the capture reader, decode events and verdicts tied to no
 * session. */
static void capture_notes(ma_text *t)
{
    const ma_capture_stats *st = t->ctx->stats;
    const ma_decode_events *ev = ma_correlator_decode_events(t->ctx->corr);
    guint nw = st != NULL && st->warnings != NULL ? st->warnings->len : 0;
    if (nw == 0 && capture_verdict_count(t->ctx->corr) == 0 && ma_decode_events_kinds(ev) == 0)
        return;
    g_string_append(t->out, "Capture\n");
    for (guint i = 0; i < nw; i++) {
        ma_text_label(t, i == 0 ? "Warnings" : NULL);
        ma_text_safe(t, g_ptr_array_index(st->warnings, i));
        g_string_append_c(t->out, '\n');
    }
    decode_events(t, ev);
    ma_text_verdicts(t, "Verdicts", 0);
}

/* "Result: " alone, or "Result for FILE: " when several files are shown. */
static void result_line(ma_text *t, gboolean named)
{
    const ma_report_ctx *ctx = t->ctx;
    ma_result r = ma_report_result(ctx->corr, ctx->th);
    ma_verdict_counts n;
    ma_report_count_verdicts(ctx->corr, &n);
    if (named) {
        g_string_append(t->out, "Result for ");
        for (guint i = 0; ctx->inputs != NULL && ctx->inputs[i] != NULL; i++) {
            if (i > 0)
                g_string_append(t->out, ", ");
            ma_text_safe(t, ctx->inputs[i]);
        }
        g_string_append(t->out, ": ");
    } else {
        g_string_append(t->out, "Result: ");
    }
    colored(t, r == MA_RESULT_FAIL ? ANSI_RED : r == MA_RESULT_WARN ? ANSI_YELLOW : ANSI_GREEN,
            ma_result_name(r));
    const guint counts[] = {n.by_sev[MA_SEV_ERROR], n.by_sev[MA_SEV_WARNING], n.by_sev[MA_SEV_INFO]};
    const char *names[] = {"error", "warning", "info"};
    gboolean open = FALSE;
    for (guint i = 0; i < G_N_ELEMENTS(counts); i++) {
        if (counts[i] == 0)
            continue;
        g_string_append_printf(t->out, "%s%u %s%s", open ? ", " : " (", counts[i], names[i],
                               i < 2 ? ma_text_plural(counts[i]) : "");
        open = TRUE;
    }
    if (open)
        g_string_append_c(t->out, ')');
    const GPtrArray *ss = ma_correlator_sessions(ctx->corr);
    const GPtrArray *fs = ma_correlator_flows(ctx->corr);
    guint ns = ss != NULL ? ss->len : 0, nf = 0;
    for (guint i = 0; fs != NULL && i < fs->len; i++)
        nf += ma_report_flow_listed(ctx, g_ptr_array_index(fs, i));
    guint64 frames = ma_report_frames(ctx);
    g_string_append_printf(t->out, " - %u session%s, %u flow%s, %" G_GUINT64_FORMAT " frame%s\n", ns,
                           ma_text_plural(ns), nf, ma_text_plural(nf), frames,
                           ma_text_plural(frames));
}

static void one_report(const ma_report_ctx *ctx, GString *out, gboolean named)
{
    ma_text t = {ctx, out};
    if (!ctx->quiet) {
        header(&t);
        const GPtrArray *ss = ma_correlator_sessions(ctx->corr);
        for (guint i = 0; ss != NULL && i < ss->len; i++) {
            g_string_append_c(out, '\n');
            ma_text_session(&t, g_ptr_array_index(ss, i));
        }
        g_string_append_c(out, '\n');
        unbound_flows(&t);
        ma_text_groups(&t);
        queriers(&t);
        ma_text_membership(&t);
        capture_notes(&t);
        g_string_append_c(out, '\n');
    }
    result_line(&t, named);
}

/* "Result: FAIL - 3 files: 1 FAIL, 1 WARN, 1 PASS" */
static void summary_line(const ma_report_set *set, GString *out)
{
    ma_result r = ma_report_set_result(set);
    ma_text t = {&set->reports[0], out};
    g_string_append(out, "Result: ");
    colored(&t,
            r == MA_RESULT_FAIL   ? ANSI_RED
            : r == MA_RESULT_WARN ? ANSI_YELLOW
                                  : ANSI_GREEN,
            ma_result_name(r));
    g_string_append_printf(out, " - %u files: %u FAIL, %u WARN, %u PASS\n", set->n,
                           ma_report_set_count(set, MA_RESULT_FAIL),
                           ma_report_set_count(set, MA_RESULT_WARN),
                           ma_report_set_count(set, MA_RESULT_PASS));
}

void ma_report_text(const ma_report_set *set, GString *out)
{
    if (set->n == 1) { /* one file (or --merge, or live): one report, one Result line */
        one_report(&set->reports[0], out, FALSE);
        return;
    }
    for (guint i = 0; i < set->n; i++) {
        if (i > 0 && !set->reports[i].quiet)
            g_string_append_c(out, '\n');
        one_report(&set->reports[i], out, TRUE);
    }
    if (set->n > 0) {
        if (!set->reports[0].quiet)
            g_string_append_c(out, '\n');
        summary_line(set, out);
    }
}
