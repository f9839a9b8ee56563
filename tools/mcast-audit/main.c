/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c - mcast-audit: options -> capture reader -> correlator -> report.
 * Exit 0 pass (PASS, or WARN below --fail-on), 1 a verdict at or above
 * --fail-on, 2 usage error or unreadable input (one line on stderr). */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "capture.h"
#include "monitor.h"
#include "options.h"
#include "report.h"

#define EXIT_USAGE 2

/* One line on stderr: messages from libraries may hold newlines. */
static int fail(const char *msg)
{
    char *line = g_strdup(msg);
    g_strdelimit(line, "\r\n", ' ');
    (void)fprintf(stderr, "mcast-audit: %s\n", line);
    g_free(line);
    return EXIT_USAGE;
}

static int print_version(void)
{
    printf("mcast-audit %s\n%s\nGLib %u.%u.%u\njson-glib %s\n", MA_REPORT_VERSION,
           pcap_lib_version(), glib_major_version, glib_minor_version, glib_micro_version,
           JSON_VERSION_S);
    return 0;
}

static gboolean to_stdout(const ma_cli_options *o)
{
    return o->output == NULL || strcmp(o->output, "-") == 0;
}

static gboolean use_color(const ma_cli_options *o)
{
    if (o->color != MA_COLOR_AUTO)
        return o->color == MA_COLOR_ALWAYS;
    /* auto: a terminal reading our report, and the user did not opt out */
    return to_stdout(o) && isatty(STDOUT_FILENO) && g_getenv("NO_COLOR") == NULL;
}

/* The HTML page is one capture's (options.c allows it with one report only). */
static void render(const ma_cli_options *o, const ma_report_set *set, GString *out)
{
    switch (o->format) {
    case MA_FORMAT_JSON: ma_report_json(set, out); break;
    case MA_FORMAT_JUNIT: ma_report_junit(set, out); break;
    case MA_FORMAT_HTML: ma_report_html(&set->reports[0], out); break;
    default: ma_report_text(set, out); break;
    }
}

/* Write the whole report; FALSE with a message when the disk said no. */
static gboolean write_report(FILE *fp, const GString *report, const char *name, GError **err)
{
    gboolean ok = fwrite(report->str, 1, report->len, fp) == report->len;
    ok = (fflush(fp) == 0) && ok;
    if (!ok)
        g_set_error(err, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot write %s: %s",
                    name, g_strerror(errno));
    return ok;
}

/* One audit: a correlator fed by one file, by all files merged, or by the
 * interface; inputs names what it read (NULL-terminated). */
typedef struct {
    const char *const *inputs;
    const char *one[2];
    ma_correlator *corr;
    ma_capture_stats st;
} audit_run;

/* "cam.pcap", "a.pcap + b.pcap" (--merge), "standard input", "eth0" (g_free). */
static char *input_name(const char *const *inputs)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; inputs[i] != NULL; i++)
        g_string_append_printf(s, "%s%s", i > 0 ? " + " : "",
                               strcmp(inputs[i], "-") == 0 ? "standard input" : inputs[i]);
    return g_string_free(s, FALSE);
}

/* What the reader knows and the core judges (MA920, MA921), then the end. */
static void finish(ma_correlator *corr, const ma_capture_stats *st, const char *const *inputs,
                   ma_monitor *mon, gint64 end)
{
    char *name = input_name(inputs);
    ma_capture_tell_correlator(corr, st, name);
    g_free(name);
    if (mon != NULL)
        ma_monitor_finish(mon, end);
    else
        ma_correlator_finish(corr, end);
}

/* --sdp: each file's streams are expected from the start of the capture
 * (checked at option time, so the strict parse cannot fail here). */
static void describe_sdp_files(const ma_cli_options *o, ma_correlator *corr)
{
    for (guint i = 0; o->sdp_texts != NULL && o->sdp_texts[i] != NULL; i++) {
        ma_sdp *sdp = ma_sdp_parse_strict(o->sdp_texts[i], strlen(o->sdp_texts[i]), NULL);
        (void)ma_correlator_describe(corr, sdp, MA_ORIGIN_SDP_FILE, o->sdp_names[i], 0, NULL);
    }
}

static gboolean audit(const ma_cli_options *o, audit_run *a, FILE **fp, GError **err)
{
    a->corr = ma_correlator_new(&o->th);
    describe_sdp_files(o, a->corr);
    ma_capture_stats_init(&a->st);
    ma_correlator *corr = a->corr;
    ma_capture_stats *st = &a->st;
    ma_capture_opts copts;
    memset(&copts, 0, sizeof copts);
    copts.files = o->files != NULL ? a->inputs : NULL;
    copts.iface = o->iface;
    copts.duration_s = o->duration_s;
    copts.rtsp_ports = o->rtsp_ports;
    copts.n_rtsp_ports = o->n_rtsp_ports;
    copts.progress = !o->quiet && isatty(STDERR_FILENO) && o->listen == NULL;
    ma_monitor *mon = NULL;
    if (o->listen != NULL) {
        ma_monitor_opts mo = {o->listen, &o->th, o->max_flow_series, o->idle_timeout_s,
                              o->iface != NULL, to_stdout(o) ? NULL : o->output, fp};
        mon = ma_monitor_start(&mo, corr, st, err);
        if (mon == NULL)
            return FALSE;
        ma_monitor_attach(mon, &copts);
    }
    gboolean ok = ma_capture_run(&copts, corr, st, err);
    if (ok) {
        gint64 end = st->dec.frames > 0 ? st->dec.last_ns : ma_correlator_end_ns(corr);
        /* dumpcap's statistics say the capture went on after its last packet */
        end = MAX(end, st->isb_end_ns);
        /* a live probe ended by SIGTERM: the silence up to now counts */
        if (mon != NULL && o->iface != NULL)
            end = MAX(end, g_get_real_time() * 1000);
        finish(corr, st, a->inputs, mon, end);
        if (mon != NULL && o->iface == NULL) { /* files read: serve the result until stopped */
            (void)fprintf(stderr,
                          "mcast-audit: capture read (%" G_GUINT64_FORMAT
                          " frames); serving its result until SIGTERM\n",
                          st->dec.frames);
            ma_capture_wait_stop();
        }
    }
    ma_monitor_stop(mon);
    if (ok && *fp == NULL) { /* SIGHUP could not re-open the output */
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot write %s: re-opening failed",
                    o->output);
        ok = FALSE;
    }
    return ok;
}

/* --html FILE beside the main report: opened before reading (like -o). */
static gboolean write_html(const ma_report_ctx *ctx, FILE *fp, const char *name, GError **err)
{
    GString *page = g_string_new(NULL);
    ma_report_html(ctx, page);
    gboolean ok = write_report(fp, page, name, err);
    g_string_free(page, TRUE);
    return ok;
}

/* The audits this run makes: one per file unless --merge; one for -i. */
static GArray *plan_runs(const ma_cli_options *o)
{
    GArray *runs = g_array_new(FALSE, TRUE, sizeof(audit_run));
    guint nfiles = o->files != NULL ? g_strv_length(o->files) : 0;
    guint n = o->files == NULL || o->merge ? 1 : nfiles;
    g_array_set_size(runs, n);
    for (guint i = 0; i < n; i++) {
        audit_run *a = &g_array_index(runs, audit_run, i);
        if (o->files == NULL) {
            a->one[0] = o->iface;
            a->inputs = a->one;
        } else if (o->merge) {
            a->inputs = (const char *const *)o->files;
        } else {
            a->one[0] = o->files[i];
            a->inputs = a->one;
        }
    }
    return runs;
}

static void free_runs(GArray *runs)
{
    for (guint i = 0; i < runs->len; i++) {
        audit_run *a = &g_array_index(runs, audit_run, i);
        ma_capture_stats_clear(&a->st);
        if (a->corr != NULL)
            ma_correlator_free(a->corr);
    }
    g_array_free(runs, TRUE);
}

/* Where the reports go: the main one, and the --html page or NULL. */
typedef struct {
    FILE *report;
    FILE *html;
} outputs;

static int run(const ma_cli_options *o, outputs *to)
{
    GError *err = NULL;
    GArray *runs = plan_runs(o);
    int code = EXIT_USAGE;
    /* Every file is opened once before any is read: a bad third file fails
     * the run before two long audits. */
    gboolean ok = o->files == NULL || ma_capture_check_files((const char *const *)o->files, &err);
    for (guint i = 0; ok && i < runs->len; i++)
        ok = audit(o, &g_array_index(runs, audit_run, i), &to->report, &err);
    if (ok) {
        ma_report_ctx *ctxs = g_new0(ma_report_ctx, runs->len);
        for (guint i = 0; i < runs->len; i++) {
            audit_run *a = &g_array_index(runs, audit_run, i);
            ma_report_ctx ctx = {a->inputs,    a->corr,  &a->st,      &o->th,
                                 use_color(o), o->quiet, o->list_udp, o->list_membership};
            ctxs[i] = ctx;
        }
        ma_report_set set = {ctxs, runs->len, o->merge && o->files != NULL};
        GString *report = g_string_new(NULL);
        render(o, &set, report);
        code = ma_result_exit_code(ma_report_set_result(&set));
        if (!write_report(to->report, report, to_stdout(o) ? "standard output" : o->output, &err) ||
            (to->html != NULL && !write_html(&ctxs[0], to->html, o->html, &err)))
            code = EXIT_USAGE;
        g_string_free(report, TRUE);
        g_free(ctxs);
    }
    if (err != NULL) {
        fail(err->message);
        g_error_free(err);
    }
    free_runs(runs);
    return code;
}

int main(int argc, char **argv)
{
    ma_cli_options o;
    GError *err = NULL;
    if (!ma_cli_options_parse(&o, argc, argv, &err)) {
        int code = fail(err->message);
        g_error_free(err);
        ma_cli_options_clear(&o);
        return code;
    }
    if (o.version) {
        ma_cli_options_clear(&o);
        return print_version();
    }
    /* Open the output before reading: a typo in -o should not cost a long capture. */
    FILE *fp = to_stdout(&o) ? stdout : fopen(o.output, "w");
    FILE *html = fp != NULL && o.html != NULL ? fopen(o.html, "w") : NULL;
    int code;
    if (fp == NULL || (o.html != NULL && html == NULL)) {
        const char *name = fp == NULL ? o.output : o.html;
        char *msg = g_strdup_printf("cannot write %s: %s", name, g_strerror(errno));
        code = fail(msg);
        g_free(msg);
    } else {
        outputs to = {fp, html};
        code = run(&o, &to);
        fp = to.report; /* a probe's SIGHUP may have re-opened it */
        if (html != NULL && fclose(html) != 0 && code != EXIT_USAGE)
            code = fail("cannot close the HTML file");
        html = NULL;
    }
    if (fp != NULL && fp != stdout && fclose(fp) != 0 && code != EXIT_USAGE)
        code = fail("cannot close the output file");
    ma_cli_options_clear(&o);
    return code;
}
