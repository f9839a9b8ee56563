/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_options.c - mcast-audit's command line: values reach the thresholds
 * and capture options, and each bad value is a one-line usage error. */
#include <string.h>

#include "options.h"

/* Parse a NULL-terminated argument list (argv[0] added). */
static gboolean parse(ma_cli_options *o, GError **err, ...)
{
    GPtrArray *args = g_ptr_array_new();
    g_ptr_array_add(args, "mcast-audit");
    va_list ap;
    va_start(ap, err);
    for (const char *a = va_arg(ap, const char *); a != NULL; a = va_arg(ap, const char *))
        g_ptr_array_add(args, (gpointer)a);
    va_end(ap);
    g_ptr_array_add(args, NULL);
    /* GOption removes what it parsed from argv: hand it a copy of the pointers */
    char **argv = g_memdup2(args->pdata, args->len * sizeof(char *));
    gboolean ok = ma_cli_options_parse(o, (int)args->len - 1, argv, err);
    g_free(argv);
    g_ptr_array_free(args, TRUE);
    return ok;
}

static void test_defaults(void)
{
    ma_cli_options o;
    GError *err = NULL;
    g_assert_true(parse(&o, &err, "a.pcap", "-", NULL));
    g_assert_no_error(err);
    g_assert_cmpuint(g_strv_length(o.files), ==, 2);
    g_assert_cmpstr(o.files[1], ==, "-");
    g_assert_null(o.iface);
    g_assert_cmpint(o.format, ==, MA_FORMAT_TEXT);
    g_assert_cmpint(o.color, ==, MA_COLOR_AUTO);
    g_assert_cmpfloat(o.th.max_loss_pct, ==, 0.0);
    g_assert_cmpfloat(o.th.max_jitter_ms, ==, 30.0);
    g_assert_cmpint(o.th.fail_on, ==, MA_SEV_ERROR);
    g_assert_false(o.th.expect_group_set);
    g_assert_cmpuint(o.n_rtsp_ports, ==, 0);
    ma_cli_options_clear(&o);
}

static void test_all_options(void)
{
    ma_cli_options o;
    GError *err = NULL;
    g_assert_true(parse(&o, &err, "--format", "junit", "-o", "out.xml", "--max-loss", "0.5",
                        "--max-jitter=12.5", "--max-join-latency", "250", "--max-first-packet",
                        "3000", "--fail-on", "warning", "--expect-group", "239.1.2.3:5004",
                        "--color", "never", "-q", "--rtsp-port", "8080", "--rtsp-port", "10554",
                        "--", "x.pcapng", NULL));
    g_assert_no_error(err);
    g_assert_cmpint(o.format, ==, MA_FORMAT_JUNIT);
    g_assert_cmpstr(o.output, ==, "out.xml");
    g_assert_cmpfloat(o.th.max_loss_pct, ==, 0.5);
    g_assert_cmpfloat(o.th.max_jitter_ms, ==, 12.5);
    g_assert_cmpfloat(o.th.max_join_latency_ms, ==, 250.0);
    g_assert_cmpfloat(o.th.max_first_packet_ms, ==, 3000.0);
    g_assert_cmpint(o.th.fail_on, ==, MA_SEV_WARNING);
    g_assert_true(o.th.expect_group_set);
    char buf[MA_ADDR_STRLEN];
    g_assert_cmpstr(ma_addr_to_str(&o.th.expect_group, buf), ==, "239.1.2.3");
    g_assert_cmpint(o.th.expect_port, ==, 5004);
    g_assert_cmpint(o.color, ==, MA_COLOR_NEVER);
    g_assert_true(o.quiet);
    g_assert_cmpuint(o.n_rtsp_ports, ==, 2);
    g_assert_cmpuint(o.rtsp_ports[0], ==, 8080);
    g_assert_cmpuint(o.rtsp_ports[1], ==, 10554);
    g_assert_cmpstr(o.files[0], ==, "x.pcapng");
    ma_cli_options_clear(&o);
}

static void test_live(void)
{
    ma_cli_options o;
    GError *err = NULL;
    g_assert_true(parse(&o, &err, "-i", "eth0", "--duration", "30", NULL));
    g_assert_no_error(err);
    g_assert_cmpstr(o.iface, ==, "eth0");
    g_assert_null(o.files);
    g_assert_cmpfloat(o.duration_s, ==, 30.0);
    ma_cli_options_clear(&o);
}

static void test_groups(void)
{
    ma_addr a;
    int port = 0;
    char buf[MA_ADDR_STRLEN];
    GError *err = NULL;
    g_assert_true(ma_cli_parse_group("[ff3e::8000:1]:5000", &a, &port, &err));
    g_assert_cmpstr(ma_addr_to_str(&a, buf), ==, "ff3e::8000:1");
    g_assert_cmpint(port, ==, 5000);
    g_assert_true(ma_cli_parse_group("ff3e::8000:1", &a, &port, &err));
    g_assert_cmpint(port, ==, -1);
    g_assert_true(ma_cli_parse_group("239.255.255.200", &a, &port, &err));
    g_assert_cmpint(port, ==, -1);
    g_assert_no_error(err);
    const char *bad[] = {"10.0.0.1", "239.1.1.1:0", "239.1.1.1:70000", "[ff3e::1", "[ff3e::1]x",
                         "239.1.1", "", "239.1.1.1:", "[10.0.0.1]:5"};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_false(ma_cli_parse_group(bad[i], &a, &port, &err));
        g_assert_error(err, MA_CLI_ERROR, MA_CLI_ERROR_USAGE);
        g_clear_error(&err);
    }
}

/* Each bad command line: FALSE, a usage error on one line naming the option. */
static void expect_usage(const char *needle, ...)
{
    GPtrArray *args = g_ptr_array_new();
    g_ptr_array_add(args, "mcast-audit");
    va_list ap;
    va_start(ap, needle);
    for (const char *a = va_arg(ap, const char *); a != NULL; a = va_arg(ap, const char *))
        g_ptr_array_add(args, (gpointer)a);
    va_end(ap);
    g_ptr_array_add(args, NULL);
    char **argv = g_memdup2(args->pdata, args->len * sizeof(char *));
    ma_cli_options o;
    GError *err = NULL;
    g_assert_false(ma_cli_options_parse(&o, (int)args->len - 1, argv, &err));
    g_assert_error(err, MA_CLI_ERROR, MA_CLI_ERROR_USAGE);
    if (strstr(err->message, needle) == NULL)
        g_error("expected \"%s\" in \"%s\"", needle, err->message);
    g_assert_null(strchr(err->message, '\n'));
    g_error_free(err);
    ma_cli_options_clear(&o);
    g_free(argv);
    g_ptr_array_free(args, TRUE);
}

static void test_usage_errors(void)
{
    expect_usage("no input", NULL);
    expect_usage("Unknown option --bogus", "--bogus", "a.pcap", NULL);
    expect_usage("--format", "--format", "xml", "a.pcap", NULL);
    expect_usage("--max-loss: 'abc' is not a number", "--max-loss", "abc", "a.pcap", NULL);
    expect_usage("--max-loss: 101 is out of range", "--max-loss", "101", "a.pcap", NULL);
    expect_usage("--max-jitter: -1 is out of range (0 to 86400000)", "--max-jitter", "-1", "a.pcap", NULL);
    expect_usage("--max-jitter: 'nan' is not a number", "--max-jitter", "nan", "a.pcap", NULL);
    expect_usage("--max-join-latency: '5ms'", "--max-join-latency", "5ms", "a.pcap", NULL);
    expect_usage("--max-first-packet: '' is not", "--max-first-packet", "", "a.pcap", NULL);
    expect_usage("--fail-on", "--fail-on", "info", "a.pcap", NULL);
    expect_usage("--color", "--color", "sometimes", "a.pcap", NULL);
    expect_usage("--rtsp-port: '0'", "--rtsp-port", "0", "a.pcap", NULL);
    expect_usage("--rtsp-port: '65536'", "--rtsp-port", "65536", "a.pcap", NULL);
    expect_usage("not a multicast address", "--expect-group", "10.0.0.1", "a.pcap", NULL);
    expect_usage("not both", "-i", "eth0", "a.pcap", NULL);
    expect_usage("--duration only applies", "--duration", "5", "a.pcap", NULL);
    expect_usage("--duration: 'x'", "-i", "eth0", "--duration", "x", NULL);
    expect_usage("--output: empty", "-o", "", "a.pcap", NULL);
    expect_usage("Missing argument", "a.pcap", "--format", NULL);
}

static void test_version_wins(void)
{
    ma_cli_options o;
    GError *err = NULL;
    g_assert_true(parse(&o, &err, "--version", NULL));
    g_assert_true(o.version);
    ma_cli_options_clear(&o);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/options/defaults", test_defaults);
    g_test_add_func("/options/all", test_all_options);
    g_test_add_func("/options/live", test_live);
    g_test_add_func("/options/groups", test_groups);
    g_test_add_func("/options/usage-errors", test_usage_errors);
    g_test_add_func("/options/version", test_version_wins);
    return g_test_run();
}
