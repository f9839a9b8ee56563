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

static void render(const ma_cli_options *o, const ma_report_ctx *ctx, GString *out)
{
    switch (o->format) {
    case MA_FORMAT_JSON: ma_report_json(ctx, out); break;
    case MA_FORMAT_JUNIT: ma_report_junit(ctx, out); break;
    case MA_FORMAT_HTML: ma_report_html(ctx, out); break;
    default: ma_report_text(ctx, out); break;
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

static gboolean audit(const ma_cli_options *o, ma_correlator *corr, ma_capture_stats *st,
                      FILE **fp, GError **err)
{
    ma_capture_opts copts;
    memset(&copts, 0, sizeof copts);
    copts.files = (const char *const *)o->files;
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
        gint64 end = st->frames > 0 ? st->last_ns : ma_correlator_end_ns(corr);
        if (mon != NULL) {
            /* a live probe ended by SIGTERM: the silence up to now counts */
            if (o->iface != NULL)
                end = MAX(end, g_get_real_time() * 1000);
            ma_monitor_finish(mon, end);
            if (o->iface == NULL) { /* files read: serve the result until stopped */
                (void)fprintf(stderr, "mcast-audit: capture read (%" G_GUINT64_FORMAT
                              " frames); serving its result until SIGTERM\n", st->frames);
                ma_capture_wait_stop();
            }
        } else {
            ma_correlator_finish(corr, end);
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

/* Where the reports go: the main one, and the --html page or NULL. */
typedef struct {
    FILE *report;
    FILE *html;
} outputs;

static int run(const ma_cli_options *o, outputs *to)
{
    GError *err = NULL;
    ma_correlator *corr = ma_correlator_new(&o->th);
    ma_capture_stats st;
    ma_capture_stats_init(&st);
    int code = EXIT_USAGE;
    if (audit(o, corr, &st, &to->report, &err)) {
        const char *iface[] = {o->iface, NULL};
        ma_report_ctx ctx = {o->files != NULL ? (const char *const *)o->files : iface,
                             corr, &st, &o->th, use_color(o), o->quiet, o->list_udp};
        GString *report = g_string_new(NULL);
        render(o, &ctx, report);
        code = ma_result_exit_code(ma_report_result(corr, &o->th));
        if (!write_report(to->report, report, to_stdout(o) ? "standard output" : o->output, &err) ||
            (to->html != NULL && !write_html(&ctx, to->html, o->html, &err)))
            code = EXIT_USAGE;
        g_string_free(report, TRUE);
    }
    if (err != NULL) {
        fail(err->message);
        g_error_free(err);
    }
    ma_capture_stats_clear(&st);
    ma_correlator_free(corr);
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
