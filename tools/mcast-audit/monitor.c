/* SPDX-License-Identifier: GPL-2.0-or-later */
/* monitor.c - the probe (monitor.h): lock, metrics model, HTTP endpoint. */
#include "monitor.h"

#include <errno.h>

#include "correlator_live.h"
#include "metrics.h"
#include "metrics_http.h"

struct ma_monitor {
    ma_monitor_opts opts;
    GMutex lock;
    ma_correlator *corr;
    ma_capture_stats *st;
    ma_metrics *metrics;
    ma_http_server *http;
};

static gint64 now_ns(const ma_monitor *m)
{
    if (m->opts.live && !ma_correlator_finished(m->corr))
        return g_get_real_time() * 1000;
    return ma_correlator_end_ns(m->corr); /* a file: its own clock */
}

static void log_verdict(void *ud, const ma_verdict *v, gboolean raised)
{
    (void)ud;
    if (!raised)
        return;
    GDateTime *t = g_date_time_new_now_utc();
    char *when = g_date_time_format_iso8601(t);
    char *msg = g_strdup(v->message);
    g_strdelimit(msg, "\r\n", ' ');
    (void)fprintf(stderr, "mcast-audit: %s %s %s %s: %s\n", when,
                  ma_severity_name(v->def->severity), v->def->code, v->def->name, msg);
    g_free(msg);
    g_free(when);
    g_date_time_unref(t);
}

/* Log rotation: the old file was moved away; write to a new one. */
static void reopen_output(ma_monitor *m)
{
    if (m->opts.output_path == NULL || m->opts.output == NULL || *m->opts.output == stdout)
        return;
    /* fopen, then fclose: freopen leaves the FILE allocated when the new
     * open fails (glibc), and the old file was moved away either way. */
    FILE *fp = fopen(m->opts.output_path, "a");
    if (fp == NULL)
        (void)fprintf(stderr, "mcast-audit: cannot re-open %s: %s\n", m->opts.output_path,
                      g_strerror(errno));
    (void)fclose(*m->opts.output);
    *m->opts.output = fp;
}

static void tick(void *ud)
{
    ma_monitor *m = ud;
    g_mutex_lock(&m->lock);
    gint64 now = now_ns(m);
    gint64 retire = m->opts.live && m->opts.idle_timeout_s > 0
                        ? now - (gint64)(m->opts.idle_timeout_s * 1e9) : 0;
    ma_metrics_tick(m->metrics, m->corr, now, retire);
    if (ma_capture_sighup_take())
        reopen_output(m);
    g_mutex_unlock(&m->lock);
}

static GString *render(void *ud, ma_om_format format)
{
    ma_monitor *m = ud;
    GString *out = g_string_sized_new((gsize)64 * 1024);
    g_mutex_lock(&m->lock);
    gint64 now = now_ns(m);
    ma_metrics_tick(m->metrics, m->corr, now, 0); /* a scrape sees verdicts as of now */
    ma_metrics_render(m->metrics, m->corr, m->st, now, format, out);
    g_mutex_unlock(&m->lock);
    return out;
}

static void on_udp(void *ud, const ma_frame_info *info)
{
    ma_monitor *m = ud;
    ma_metrics_note_udp(m->metrics, info); /* the capture holds the lock */
}

/* The readiness signal: the endpoint serves from the start, but what is sent
 * to the interface before pcap_activate is lost, so a replay (or an operator)
 * waits for this line or for capture_open 1. */
static void on_open(void *ud, const char *input)
{
    (void)ud;
    (void)fprintf(stderr, "mcast-audit: capture open on %s\n", input);
}

ma_monitor *ma_monitor_start(const ma_monitor_opts *o, ma_correlator *corr, ma_capture_stats *st,
                             GError **err)
{
    ma_monitor *m = g_new0(ma_monitor, 1);
    m->opts = *o;
    g_mutex_init(&m->lock);
    m->corr = corr;
    m->st = st;
    ma_metrics_opts mo = {.th = o->th, .max_flow_series = o->max_flow_series,
                          .on_verdict = log_verdict, .on_verdict_data = m};
    m->metrics = ma_metrics_new(&mo);
    m->http = ma_http_server_start(o->listen, render, tick, m, err);
    if (m->http == NULL) {
        ma_metrics_free(m->metrics);
        g_mutex_clear(&m->lock);
        g_free(m);
        return NULL;
    }
    ma_capture_sighup_install();
    (void)fprintf(stderr, "mcast-audit: serving metrics on http://%s/metrics\n",
                  ma_http_server_address(m->http));
    return m;
}

void ma_monitor_attach(ma_monitor *m, ma_capture_opts *copts)
{
    copts->lock = &m->lock;
    copts->on_udp = on_udp;
    copts->on_udp_data = m;
    copts->on_open = on_open;
}

void ma_monitor_finish(ma_monitor *m, gint64 end_ns)
{
    g_mutex_lock(&m->lock);
    ma_correlator_finish(m->corr, end_ns);
    ma_metrics_tick(m->metrics, m->corr, end_ns, 0);
    g_mutex_unlock(&m->lock);
}

void ma_monitor_stop(ma_monitor *m)
{
    if (m == NULL)
        return;
    ma_http_server_stop(m->http);
    ma_capture_sighup_restore();
    ma_metrics_free(m->metrics);
    g_mutex_clear(&m->lock);
    g_free(m);
}
