/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_metrics.c - the OpenMetrics / Prometheus text writer, the HTTP
 * request routing and --listen parsing of the probe. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "metrics_http.h"
#include "metrics_text.h"

static char *write_counter(ma_om_format fmt, const char *const *labels, double v)
{
    GString *out = g_string_new(NULL);
    ma_om w;
    ma_om_init(&w, out, fmt);
    ma_om_family(&w, "x_bytes", MA_OM_COUNTER, "bytes", "Bytes\nseen \\ here");
    ma_om_sample(&w, labels, v);
    ma_om_finish(&w);
    return g_string_free(out, FALSE);
}

static void test_counter_formats(void)
{
    const char *kv[] = {"a", "1", "empty", "", "b", "x", NULL};
    char *p = write_counter(MA_OM_PROMETHEUS, kv, 42);
    g_assert_cmpstr(p, ==, "# HELP x_bytes_total Bytes\\nseen \\\\ here\n"
                           "# TYPE x_bytes_total counter\n"
                           "x_bytes_total{a=\"1\",b=\"x\"} 42\n");
    g_free(p);
    char *o = write_counter(MA_OM_OPENMETRICS, kv, 42);
    g_assert_cmpstr(o, ==, "# HELP x_bytes Bytes\\nseen \\\\ here\n"
                           "# TYPE x_bytes counter\n"
                           "# UNIT x_bytes bytes\n"
                           "x_bytes_total{a=\"1\",b=\"x\"} 42\n"
                           "# EOF\n");
    g_free(o);
}

static char *gauge_line(const char *const *labels, double v)
{
    GString *out = g_string_new(NULL);
    ma_om w;
    ma_om_init(&w, out, MA_OM_PROMETHEUS);
    ma_om_family(&w, "g", MA_OM_GAUGE, NULL, "h");
    g_string_truncate(out, 0);
    ma_om_sample(&w, labels, v);
    ma_om_finish(&w);
    return g_string_free(out, FALSE);
}

static void test_values(void)
{
    struct {
        double v;
        const char *text;
    } cases[] = {
        {0, "g 0\n"}, {-3, "g -3\n"}, {0.25, "g 0.25\n"}, {1e-5, "g 1.0000000000000001e-05\n"},
        {18446744073709551616.0, "g 1.8446744073709552e+19\n"}, {NAN, "g NaN\n"},
        {INFINITY, "g +Inf\n"}, {-INFINITY, "g -Inf\n"}, {9007199254740991.0, "g 9007199254740991\n"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *line = gauge_line(NULL, cases[i].v);
        g_assert_cmpstr(line, ==, cases[i].text);
        g_free(line);
    }
}

static void test_label_escaping(void)
{
    /* an RTSP URL from the wire: quotes, backslash, newline, invalid UTF-8 */
    const char *kv[] = {"url", "rtsp://h/a\"b\\c\nd\xff", NULL};
    char *line = gauge_line(kv, 1);
    g_assert_cmpstr(line, ==, "g{url=\"rtsp://h/a\\\"b\\\\c\\nd\xef\xbf\xbd\"} 1\n");
    g_free(line);
    /* a long value is cut at a character boundary */
    GString *big = g_string_new(NULL);
    for (int i = 0; i < MA_OM_LABEL_VALUE_MAX - 1; i++)
        g_string_append_c(big, 'a');
    g_string_append(big, "\xc3\xa9tail"); /* e-acute straddles the limit */
    const char *kv2[] = {"u", big->str, NULL};
    line = gauge_line(kv2, 1);
    char *want = g_strdup_printf("g{u=\"%.*s\"} 1\n", MA_OM_LABEL_VALUE_MAX - 1, big->str);
    g_assert_cmpstr(line, ==, want);
    g_free(want);
    g_free(line);
    g_string_free(big, TRUE);
}

static void test_negotiate(void)
{
    g_assert_cmpint(ma_om_negotiate(NULL), ==, MA_OM_PROMETHEUS);
    g_assert_cmpint(ma_om_negotiate("text/plain;version=0.0.4;q=0.5,*/*;q=0.1"), ==, MA_OM_PROMETHEUS);
    g_assert_cmpint(ma_om_negotiate("application/openmetrics-text;version=1.0.0,"
                                    "application/openmetrics-text;version=0.0.1;q=0.75,"
                                    "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"),
                    ==, MA_OM_OPENMETRICS);
    g_assert_true(g_str_has_prefix(ma_om_content_type(MA_OM_OPENMETRICS),
                                   "application/openmetrics-text; version=1.0.0"));
}

static int route(const char *head)
{
    ma_om_format f = MA_OM_PROMETHEUS;
    return ma_http_route(head, strlen(head), &f);
}

static void test_route(void)
{
    g_assert_cmpint(route("GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n"), ==, 200);
    g_assert_cmpint(route("GET /metrics?x=1 HTTP/1.0\r\n\r\n"), ==, 200);
    g_assert_cmpint(route("HEAD /metrics HTTP/1.1\r\n\r\n"), ==, 405);
    g_assert_cmpint(route("POST /metrics HTTP/1.1\r\n\r\n"), ==, 405);
    g_assert_cmpint(route("GET / HTTP/1.1\r\n\r\n"), ==, 404);
    g_assert_cmpint(route("GET /metricsX HTTP/1.1\r\n\r\n"), ==, 404);
    g_assert_cmpint(route("GET /metrics\r\n\r\n"), ==, 400);
    g_assert_cmpint(route("GET /metrics SPDY/3\r\n\r\n"), ==, 400);
    g_assert_cmpint(route("GET  /metrics HTTP/1.1\r\n\r\n"), ==, 400);
    g_assert_cmpint(route(""), ==, 400);
    g_assert_cmpint(ma_http_route("GET /metrics HTTP/1.1\r\n\0\r\n", 27, &(ma_om_format){0}), ==, 400);
    ma_om_format f = MA_OM_PROMETHEUS;
    const char *om = "GET /metrics HTTP/1.1\r\naccept: application/openmetrics-text; version=1.0.0\r\n\r\n";
    g_assert_cmpint(ma_http_route(om, strlen(om), &f), ==, 200);
    g_assert_cmpint(f, ==, MA_OM_OPENMETRICS);
}

static void test_parse_listen(void)
{
    struct {
        const char *text;
        const char *addr;
        int port; /* -1: refused */
    } cases[] = {
        {"127.0.0.1:9464", "127.0.0.1", 9464}, {"[::1]:0", "::1", 0}, {"0.0.0.0:65535", "0.0.0.0", 65535},
        {"127.0.0.1:65536", NULL, -1}, {"127.0.0.1", NULL, -1}, {"::1:80", NULL, -1},
        {"localhost:80", NULL, -1}, {":80", NULL, -1}, {"[]:80", NULL, -1}, {"1.2.3.4:-1", NULL, -1},
        {"1.2.3.4:80x", NULL, -1},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *addr = NULL;
        guint16 port = 1;
        GError *err = NULL;
        gboolean ok = ma_http_parse_listen(cases[i].text, &addr, &port, &err);
        g_assert_cmpint(ok, ==, cases[i].port >= 0);
        if (ok) {
            g_assert_cmpstr(addr, ==, cases[i].addr);
            g_assert_cmpint(port, ==, cases[i].port);
        } else {
            g_assert_nonnull(strstr(err->message, cases[i].text));
            g_error_free(err);
        }
        g_free(addr);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/metrics/counter_formats", test_counter_formats);
    g_test_add_func("/metrics/values", test_values);
    g_test_add_func("/metrics/label_escaping", test_label_escaping);
    g_test_add_func("/metrics/negotiate", test_negotiate);
    g_test_add_func("/metrics/http_route", test_route);
    g_test_add_func("/metrics/parse_listen", test_parse_listen);
    return g_test_run();
}
