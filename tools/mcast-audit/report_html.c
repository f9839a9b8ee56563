/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_html.c - the self-contained HTML report: summary first (result,
 * verdicts with their explanation and usual fix, each linking to the step
 * of the ladder or the plot that proves it), then per session its ladder
 * diagram and the plots of its flows, then flows tied to no session, the
 * multicast groups without an RTSP session (report_html_group.c) and the
 * whole text report.  Inline CSS and SVG only: no script, no font, no
 * request of any kind, so it opens offline and prints as it looks.
 * Built from the same finished correlator as the text and JSON reports. */
#include "report_html_priv.h"
#include "report_text_priv.h"

#include <stdarg.h>
#include <string.h>

/* One source for the severity colours (the ladder and the plots use them too). */
static const struct {
    const char *cls, *color;
} severity_style[] = {
    [MA_SEV_INFO] = {"sev-info", "#1f6fb2"},
    [MA_SEV_WARNING] = {"sev-warning", "#b26a00"},
    [MA_SEV_ERROR] = {"sev-error", "#c0262d"},
};

const char *ma_html_sev_class(ma_severity sev)
{
    return (guint)sev < G_N_ELEMENTS(severity_style) ? severity_style[sev].cls : "sev-error";
}

const char *ma_html_sev_color(ma_severity sev)
{
    return (guint)sev < G_N_ELEMENTS(severity_style) ? severity_style[sev].color : "#c0262d";
}

void ma_html_esc(GString *out, const char *s)
{
    ma_report_append_markup(out, s);
}

void ma_html_escf(GString *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    ma_html_esc(out, s);
    g_free(s);
}

void ma_html_anchor(ma_html *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *id = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_hash_table_add(h->anchors, id);
}

static gboolean cites_frame(const ma_verdict *v, uint32_t frame)
{
    for (guint i = 0; v->frames != NULL && i < v->frames->len; i++)
        if (g_array_index(v->frames, uint32_t, i) == frame)
            return TRUE;
    return FALSE;
}

int ma_html_frame_severity(const ma_html *h, guint session_id, uint32_t frame)
{
    const GPtrArray *vs = ma_correlator_verdicts(h->ctx->corr);
    int worst = -1;
    for (guint i = 0; vs != NULL && frame != 0 && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        if ((v->session_id == session_id || v->session_id == 0) && cites_frame(v, frame) &&
            (int)v->def->severity > worst)
            worst = (int)v->def->severity;
    }
    return worst;
}

int ma_html_code_severity(const ma_html *h, guint session_id, const char *const *codes)
{
    const GPtrArray *vs = ma_correlator_verdicts(h->ctx->corr);
    int worst = -1;
    for (guint i = 0; vs != NULL && i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        if (v->session_id != session_id)
            continue;
        for (guint j = 0; codes[j] != NULL; j++)
            if (strcmp(v->def->code, codes[j]) == 0 && (int)v->def->severity > worst)
                worst = (int)v->def->severity;
    }
    return worst;
}

/* ---- where a verdict's proof is drawn ---- */

/* Verdicts proven by the shape of a plot rather than by one packet: the
 * panel (report_html_plot.c's anchor suffix) their link opens. */
static const struct {
    const char *code, *panel;
} proof_panel[] = {
    {"MA207", "band"}, {"MA209", "band"}, {"MA205", "band"}, {"MA309", "band"},
    {"MA304", "ttl"},  {"MA305", "ttl"},  {"MA306", "rate"}, {"MA307", "loss"},
    {"MA308", "jitter"}, {"MA311", "loss"}, {"MA312", "rate"},
};

static const ma_flow *verdict_flow(const ma_html *h, const ma_verdict *v)
{
    const GPtrArray *fs = ma_correlator_flows(h->ctx->corr);
    if (v->flow_id > 0 && fs != NULL && v->flow_id <= fs->len)
        return g_ptr_array_index(fs, v->flow_id - 1);
    const GPtrArray *ss = ma_correlator_sessions(h->ctx->corr);
    if (v->session_id == 0 || ss == NULL || v->session_id > ss->len || !v->has_track)
        return NULL;
    const ma_session *s = g_ptr_array_index(ss, v->session_id - 1);
    if (s->tracks == NULL || v->track_index >= s->tracks->len)
        return NULL;
    const ma_track *k = g_ptr_array_index(s->tracks, v->track_index);
    return k->rtp_flow;
}

static gboolean has_anchor(const ma_html *h, const char *id)
{
    return g_hash_table_contains(h->anchors, id);
}

/* The id the verdict's link opens: its plot panel, else the first proving
 * frame drawn in its session's ladder, else the session, else the summary. */
static char *proof_target(const ma_html *h, const ma_verdict *v)
{
    guint group = ma_html_group_of(h, v); /* a group verdict: its group's block */
    if (group > 0)
        return g_strdup_printf("group-%u", group);
    const ma_flow *f = verdict_flow(h, v);
    for (gsize i = 0; f != NULL && i < G_N_ELEMENTS(proof_panel); i++) {
        if (strcmp(proof_panel[i].code, v->def->code) != 0)
            continue;
        char *id = g_strdup_printf("flow-%u-%s", f->id, proof_panel[i].panel);
        if (has_anchor(h, id))
            return id;
        g_free(id);
    }
    for (guint i = 0; v->frames != NULL && i < v->frames->len; i++) {
        char *id = g_strdup_printf("s%u-f%u", v->session_id, g_array_index(v->frames, uint32_t, i));
        if (has_anchor(h, id))
            return id;
        g_free(id);
    }
    if (f != NULL) {
        char *id = g_strdup_printf("flow-%u", f->id);
        if (has_anchor(h, id))
            return id;
        g_free(id);
    }
    if (v->session_id > 0)
        return g_strdup_printf("session-%u", v->session_id);
    return g_strdup("capture");
}

/* ---- page ---- */

static const char style[] =
    ":root{--err:#c0262d;--warn:#b26a00;--info:#1f6fb2;--ok:#1e7b34;--ink:#1d2228;--mute:#5b6470;"
    "--line:#d5dae0}\n"
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "color:var(--ink);margin:0 auto;max-width:1180px;padding:18px 24px;background:#fff}\n"
    "h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid "
    "var(--line);padding-bottom:3px}h3{font-size:15px;margin:18px 0 6px}\n"
    ".meta{color:var(--mute)}.mono,code,pre{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;"
    "font-size:12.5px}\n"
    ".result{display:inline-block;font-weight:700;font-size:20px;padding:4px 14px;border-radius:6px;"
    "color:#fff;margin:10px 0}.result.PASS{background:var(--ok)}.result.WARN{background:var(--warn)}"
    ".result.FAIL{background:var(--err)}\n"
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:5px "
    "8px;border-bottom:1px solid var(--line)}th{background:#f3f5f7}\n"
    ".sev{font-weight:700;white-space:nowrap}.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}"
    ".sev-info{color:var(--info)}\n"
    ".verdict .expl{color:var(--mute);margin-top:3px}.verdict a{white-space:nowrap}\n"
    ".facts td:first-child{color:var(--mute);white-space:nowrap;width:9em}\n"
    "figure{margin:10px 0;break-inside:avoid;page-break-inside:avoid}figcaption{color:var(--mute);"
    "font-size:12.5px}\n"
    "svg{max-width:100%;height:auto;background:#fff}svg text{font-family:system-ui,'DejaVu Sans',"
    "sans-serif}\n"
    ":target{outline:3px solid #f2c200;outline-offset:2px}\n"
    "details pre{white-space:pre-wrap;background:#f6f8fa;padding:10px;border:1px solid var(--line)}\n"
    ".none{color:var(--mute);font-style:italic}\n"
    "@media print{body{max-width:none;padding:0;font-size:11px}a{color:inherit;text-decoration:none}"
    "h2{break-after:avoid}section.session{break-before:page}details{display:block}"
    "details>*{display:block}}\n";

static void head(ma_html *h)
{
    g_string_append(h->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
                            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                            "style-src 'unsafe-inline'; img-src data:\">\n<title>");
    g_string_append(h->out, MA_REPORT_TOOL " report: ");
    for (guint i = 0; h->ctx->inputs != NULL && h->ctx->inputs[i] != NULL; i++) {
        if (i > 0)
            g_string_append(h->out, ", ");
        ma_html_esc(h->out, h->ctx->inputs[i]);
    }
    g_string_append_printf(h->out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}

static void verdict_row(ma_html *h, const ma_verdict *v)
{
    ma_severity sev = v->def->severity;
    char *target = proof_target(h, v);
    g_string_append_printf(h->out, "<tr class=\"verdict\" data-verdict=\"%s\"><td class=\"sev %s\">%s</td>"
                                   "<td><code>%s</code><br><span class=\"meta\">",
                           v->def->code, ma_html_sev_class(sev), ma_severity_name(sev), v->def->code);
    ma_html_esc(h->out, v->def->name);
    g_string_append(h->out, "</span></td><td>");
    guint group = ma_html_group_of(h, v);
    char ga[MA_ADDR_STRLEN];
    if (v->session_id > 0)
        g_string_append_printf(h->out, "<a href=\"#session-%u\">session %u</a>", v->session_id,
                               v->session_id);
    else if (group > 0)
        g_string_append_printf(h->out, "<a href=\"#group-%u\">group %s</a>", group,
                               ma_addr_to_str(&v->group, ga));
    else
        g_string_append(h->out, "capture");
    g_string_append(h->out, "</td><td><b>");
    ma_html_esc(h->out, v->def->title);
    g_string_append(h->out, "</b>: ");
    ma_html_esc(h->out, v->message);
    g_string_append(h->out, "<div class=\"expl\">");
    ma_html_esc(h->out, v->def->explanation);
    g_string_append(h->out, "</div></td><td>");
    for (guint i = 0; v->frames != NULL && i < v->frames->len && i < 12; i++)
        g_string_append_printf(h->out, "%s%u", i ? ", " : "", g_array_index(v->frames, uint32_t, i));
    if (v->frames != NULL && v->frames->len > 12)
        g_string_append_printf(h->out, " and %u more", v->frames->len - 12);
    g_string_append_printf(h->out, "<br><a href=\"#%s\">show proof &#8594;</a></td></tr>\n", target);
    g_free(target);
}

/* The decode event table (MA902's evidence): name, count, first frame, why. */
static void decode_events(ma_html *h, const ma_decode_events *ev)
{
    if (ma_decode_events_kinds(ev) == 0)
        return;
    g_string_append(h->out, "<h3>Decode events</h3>\n<table id=\"decode-events\"><thead><tr>"
                            "<th>event</th><th>count</th><th>first frame</th><th>what became of "
                            "it</th></tr></thead><tbody>\n");
    for (guint i = 0; i < MA_DE__COUNT; i++) {
        const ma_decode_event_tally *e = &ev->e[i];
        if (e->count == 0)
            continue;
        const ma_decode_event_def *d = ma_decode_event_def_get((ma_decode_event)i);
        g_string_append_printf(h->out,
                               "<tr><td class=\"mono\">%s</td><td>%" G_GUINT64_FORMAT "</td><td>",
                               d->name, e->count);
        if (e->first_frame != 0)
            g_string_append_printf(h->out, "%u", e->first_frame);
        g_string_append_printf(h->out, "</td><td>%s</td></tr>\n", d->explanation);
    }
    g_string_append(h->out, "</tbody></table>\n");
}

static void summary(ma_html *h)
{
    const ma_report_ctx *ctx = h->ctx;
    ma_result r = ma_report_result(ctx->corr, ctx->th);
    ma_verdict_counts n;
    ma_report_count_verdicts(ctx->corr, &n);
    const GPtrArray *ss = ma_correlator_sessions(ctx->corr);
    const GPtrArray *fs = ma_correlator_flows(ctx->corr);
    g_string_append(h->out, "<header id=\"capture\"><h1>" MA_REPORT_TOOL " report</h1><div class=\"meta\">");
    for (guint i = 0; ctx->inputs != NULL && ctx->inputs[i] != NULL; i++) {
        if (i > 0)
            g_string_append(h->out, ", ");
        g_string_append(h->out, "<span class=\"mono\">");
        ma_html_esc(h->out, ctx->inputs[i]);
        g_string_append(h->out, "</span>");
    }
    g_string_append_printf(h->out,
                           " &#183; %" G_GUINT64_FORMAT " frames &#183; %.3f s &#183; %u sessions "
                           "&#183; %u flows &#183; " MA_REPORT_TOOL " " MA_REPORT_VERSION "</div>\n",
                           ma_report_frames(ctx), ma_report_duration_s(ctx), ss != NULL ? ss->len : 0,
                           fs != NULL ? fs->len : 0);
    g_string_append_printf(h->out,
                           "<div class=\"result %s\" id=\"result\" data-result=\"%s\">%s</div> "
                           "<span>%u error%s, %u warning%s, %u info (fail on %s)</span></header>\n",
                           ma_result_name(r), ma_result_name(r), ma_result_name(r),
                           n.by_sev[MA_SEV_ERROR], ma_text_plural(n.by_sev[MA_SEV_ERROR]),
                           n.by_sev[MA_SEV_WARNING], ma_text_plural(n.by_sev[MA_SEV_WARNING]),
                           n.by_sev[MA_SEV_INFO], ma_severity_name(ctx->th->fail_on));
    g_string_append(h->out, "<section id=\"summary\"><h2>Verdicts</h2>\n");
    const GPtrArray *vs = ma_correlator_verdicts(ctx->corr);
    if (vs == NULL || vs->len == 0) {
        g_string_append(h->out, "<p class=\"none\">No verdicts: negotiation, membership and media "
                                "look right.</p>\n</section>\n");
        return;
    }
    g_string_append(h->out, "<table><thead><tr><th>severity</th><th>code</th><th>where</th>"
                            "<th>what, why and the usual fix</th><th>frames</th></tr></thead><tbody>\n");
    /* errors first: the reader wants the worst news at the top */
    for (int sev = MA_SEV_ERROR; sev >= MA_SEV_INFO; sev--)
        for (guint i = 0; i < vs->len; i++) {
            const ma_verdict *v = g_ptr_array_index(vs, i);
            if ((int)v->def->severity == sev)
                verdict_row(h, v);
        }
    g_string_append(h->out, "</tbody></table>\n");
    const ma_capture_stats *st = ctx->stats;
    for (guint i = 0; st != NULL && st->warnings != NULL && i < st->warnings->len; i++) {
        g_string_append(h->out, "<p class=\"sev sev-warning\">");
        ma_html_esc(h->out, g_ptr_array_index(st->warnings, i));
        g_string_append(h->out, "</p>\n");
    }
    decode_events(h, ma_correlator_decode_events(ctx->corr));
    g_string_append(h->out, "</section>\n");
}

/* NOLINTNEXTLINE(bugprone-easily-swappable-parameters): a literal label, then capture text */
static void fact(GString *out, const char *name, const char *value)
{
    g_string_append_printf(out, "<tr><td>%s</td><td>", name);
    ma_html_esc(out, value);
    g_string_append(out, "</td></tr>\n");
}

static void session_facts(ma_html *h, const ma_session *s)
{
    GString *o = h->out;
    char *client = ma_report_endpoint(&s->client, s->client_port);
    char *server = ma_report_endpoint(&s->server, s->server_port != 0 ? s->server_port : -1);
    g_string_append(o, "<table class=\"facts\">\n");
    if (!s->outside_capture)
        fact(o, "client", client);
    fact(o, "camera", server);
    if (s->url != NULL)
        fact(o, "URL", s->url);
    if (s->session_id != NULL)
        fact(o, "RTSP session", s->session_id);
    if (s->outside_capture)
        fact(o, "negotiation", "before the capture started (no RTSP seen)");
    for (guint i = 0; s->tracks != NULL && i < s->tracks->len; i++) {
        const ma_track *k = g_ptr_array_index(s->tracks, i);
        char *tr = ma_report_transport_text(k);
        char *label = g_strdup_printf("track %u", i + 1);
        char *val;
        if (k->url == NULL && tr == NULL) { /* a stream negotiated before the capture */
            char *dst = ma_report_endpoint(&k->group, k->rtp_port);
            val = g_strdup_printf("media to %s (no SETUP in the capture)", dst);
            g_free(dst);
        } else {
            val = g_strdup_printf("%s%s%s", k->url != NULL ? k->url : "",
                                  tr != NULL ? "  Transport: " : "", tr != NULL ? tr : "");
        }
        fact(o, label, val);
        g_free(val);
        g_free(label);
        g_free(tr);
    }
    g_string_append(o, "</table>\n");
    g_free(client);
    g_free(server);
}

static void flow_heading(ma_html *h, const ma_flow *f)
{
    char *src = ma_report_endpoint(&f->src, f->sport);
    char *dst = ma_report_endpoint(&f->dst, f->dport);
    g_string_append_printf(h->out, "<h3>Flow %u: ", f->id);
    ma_html_escf(h->out, "%s -> %s", src, dst);
    g_string_append(h->out, "</h3>\n<p class=\"meta\">");
    ma_text t = {h->ctx, h->out};
    GString *fig = g_string_new(NULL);
    t.out = fig;
    ma_text_flow_figures(&t, f);
    ma_html_esc(h->out, fig->str);
    g_string_free(fig, TRUE);
    g_string_append(h->out, "</p>\n");
    g_free(src);
    g_free(dst);
}

static void flow_section(ma_html *h, const ma_session *s, const ma_track *k, const ma_flow *f)
{
    flow_heading(h, f);
    if (f->series == NULL) {
        g_string_append(h->out, "<p class=\"none\">No plots for this flow: ");
        if (f->is_rtp)
            g_string_append_printf(h->out, "time series are kept for the first %u RTP flows only.",
                                   MA_CORR_MAX_SERIES);
        else
            g_string_append(h->out, "not RTP.");
        g_string_append(h->out, "</p>\n");
        return;
    }
    ma_html_flow_plots(h, s, k, f);
}

/* The whole text report of one session, for the details (same words as the text output). */
static void session_text(ma_html *h, const ma_session *s)
{
    ma_report_ctx plain = *h->ctx;
    plain.color = FALSE;
    GString *txt = g_string_new(NULL);
    ma_text t = {&plain, txt};
    ma_text_session(&t, s);
    g_string_append(h->out, "<details><summary>Session as text</summary><pre>");
    ma_html_esc(h->out, txt->str);
    g_string_append(h->out, "</pre></details>\n");
    g_string_free(txt, TRUE);
}

static void session_section(ma_html *h, const ma_session *s)
{
    g_string_append_printf(h->out, "<section class=\"session\" id=\"session-%u\" data-session=\"%u\">"
                                   "<h2>Session %u</h2>\n", s->id, s->id, s->id);
    session_facts(h, s);
    ma_html_ladder(h, s);
    for (guint i = 0; s->tracks != NULL && i < s->tracks->len; i++) {
        const ma_track *k = g_ptr_array_index(s->tracks, i);
        for (guint j = 0; k->flows != NULL && j < k->flows->len; j++) {
            const ma_flow *f = g_ptr_array_index(k->flows, j);
            if (f->track == k && !f->is_rtcp)
                flow_section(h, s, k, f);
        }
    }
    session_text(h, s);
    g_string_append(h->out, "</section>\n");
}

static void unbound_section(ma_html *h)
{
    const GPtrArray *fs = ma_correlator_flows(h->ctx->corr);
    gboolean any = FALSE;
    for (guint i = 0; fs != NULL && i < fs->len; i++) {
        const ma_flow *f = g_ptr_array_index(fs, i);
        if (f->track != NULL || !f->is_rtp)
            continue;
        if (!any)
            g_string_append(h->out, "<section id=\"unbound\"><h2>RTP flows tied to no session</h2>\n");
        any = TRUE;
        flow_section(h, NULL, NULL, f);
    }
    if (any)
        g_string_append(h->out, "</section>\n");
}

/* open: shown unfolded (when there is nothing else to read). */
static void text_section(ma_html *h, gboolean open)
{
    ma_report_ctx plain = *h->ctx;
    plain.color = FALSE;
    plain.quiet = FALSE;
    GString *txt = g_string_new(NULL);
    ma_report_set one = {&plain, 1, FALSE};
    ma_report_text(&one, txt);
    g_string_append_printf(h->out, "<section id=\"text\"><h2>Text report</h2><details%s><summary>The "
                                   "same audit as <code>mcast-audit</code> prints it</summary><pre>",
                           open ? " open" : "");
    ma_html_esc(h->out, txt->str);
    g_string_append(h->out, "</pre></details></section>\n");
    g_string_free(txt, TRUE);
}

void ma_report_html(const ma_report_ctx *ctx, GString *out)
{
    ma_html h = {ctx, NULL, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    /* The body first, into its own buffer: the summary's links need to know
     * which steps and panels were drawn. */
    GString *body = g_string_new(NULL);
    h.out = body;
    const GPtrArray *ss = ma_correlator_sessions(ctx->corr);
    for (guint i = 0; ss != NULL && i < ss->len; i++)
        session_section(&h, g_ptr_array_index(ss, i));
    gboolean any_session = ss != NULL && ss->len > 0;
    if (!any_session)
        g_string_append(body, "<section id=\"no-session\"><h2>Sessions</h2><p class=\"none\">No RTSP "
                              "session and no stream negotiated before the capture: nothing to draw "
                              "a ladder for. The text report below says what the capture held.</p>"
                              "</section>\n");
    unbound_section(&h);
    ma_html_groups(&h);
    ma_html_described(&h);
    guint skipped = ma_correlator_series_skipped(ctx->corr);
    if (skipped > 0)
        g_string_append_printf(body, "<p class=\"sev sev-info\">%u RTP flow%s beyond the first "
                                     "%u have figures but no plots.</p>\n",
                               skipped, ma_text_plural(skipped), MA_CORR_MAX_SERIES);
    text_section(&h, !any_session);
    h.out = out;
    head(&h);
    summary(&h);
    g_string_append_len(out, body->str, (gssize)body->len);
    g_string_append(out, "<footer class=\"meta\"><p>Times are seconds since the capture's first "
                         "frame; frame numbers are Wireshark's.</p></footer>\n</body>\n</html>\n");
    g_string_free(body, TRUE);
    g_hash_table_destroy(h.anchors);
}
