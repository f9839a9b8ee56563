/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_thresholds.c - the threshold table: its defaults are what
 * ma_thresholds_init sets, its rows are well formed, and the README (the
 * one place written by hand) says the same names and defaults. */
#include <glib.h>
#include <string.h>

#include "thresholds.h"

static void test_defaults_from_table(void)
{
    ma_thresholds t;
    ma_thresholds_init(&t);
    g_assert_cmpfloat(t.max_loss_pct, ==, 0.0);
    g_assert_cmpfloat(t.max_jitter_ms, ==, 30.0);
    g_assert_cmpfloat(t.max_join_latency_ms, ==, 1000.0);
    g_assert_cmpfloat(t.max_first_packet_ms, ==, 2000.0);
    g_assert_cmpfloat(t.max_zap_ms, ==, 500.0);
    g_assert_cmpint(t.fail_on, ==, MA_SEV_ERROR);
    g_assert_cmpfloat(t.membership_interval_s, ==, 260.0);
    g_assert_cmpint(t.expect_port, ==, -1);
    g_assert_cmpuint(ma_threshold_count(), ==, 6);
    for (guint i = 0; i < ma_threshold_count(); i++) {
        const ma_threshold_def *d = ma_threshold_get(i);
        g_assert_true(d->min <= d->dflt && d->dflt <= d->max);
        g_assert_nonnull(strstr(d->help, d->arg)); /* the help names its argument */
        if (d->kind == MA_THRESHOLD_NUMBER)
            g_assert_cmpfloat(*ma_threshold_number(&t, d), ==, d->dflt);
        else
            g_assert_cmpint(*ma_threshold_severity(&t, d), ==, (ma_severity)d->dflt);
    }
    g_assert_null(ma_threshold_get(ma_threshold_count()));
}

static void test_describe(void)
{
    char *s = ma_threshold_describe(ma_threshold_get(0));
    g_assert_cmpstr(s, ==,
                    "Loss above PCT percent of the expected packets is an error (MA307; "
                    "default 0)");
    g_free(s);
    const ma_threshold_def *fail_on = ma_threshold_get(5);
    g_assert_cmpstr(fail_on->option, ==, "fail-on");
    s = ma_threshold_value_text(fail_on, fail_on->dflt);
    g_assert_cmpstr(s, ==, "error");
    g_free(s);
    s = ma_threshold_value_text(ma_threshold_get(1), ma_threshold_get(1)->max);
    g_assert_cmpstr(s, ==, "86400000");
    g_free(s);
}

/* README: each option's row of the options table names its default, and
 * the plugin paragraph lists each preference with its default. */
static void test_readme_agrees(void)
{
    const char *src = g_getenv("MA_SOURCE_DIR");
    g_assert_nonnull(src);
    char *path = g_build_filename(src, "README.md", NULL);
    char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    char **lines = g_strsplit(text, "\n", -1);
    for (guint l = 0; lines[l] != NULL; l++)
        g_strstrip(lines[l]); /* so that a wrapped sentence joins with one space */
    for (guint i = 0; i < ma_threshold_count(); i++) {
        const ma_threshold_def *d = ma_threshold_get(i);
        char *dflt = ma_threshold_value_text(d, d->dflt);
        char *row = g_strdup_printf("| `--%s ", d->option);
        char *says = g_strdup_printf("(default %s", dflt);
        char *pref = g_strdup_printf("`%s` (%s)", d->pref, dflt);
        gboolean row_ok = FALSE;
        for (guint l = 0; lines[l] != NULL; l++)
            if (g_str_has_prefix(lines[l], row) && strstr(lines[l], says) != NULL)
                row_ok = TRUE;
        if (!row_ok)
            g_error("README has no option row \"%s...%s\"", row, says);
        char *flat = g_strjoinv(" ", lines); /* the preference list wraps lines */
        if (strstr(flat, pref) == NULL)
            g_error("README does not list the preference %s", pref);
        g_free(flat);
        g_free(dflt);
        g_free(row);
        g_free(says);
        g_free(pref);
    }
    g_strfreev(lines);
    g_free(text);
    g_free(path);
}

/* --clock-rate PT=HZ and the plugin's list: one parser. */
static void test_clock_rates(void)
{
    ma_thresholds t;
    ma_thresholds_init(&t);
    for (guint pt = 0; pt < MA_RTP_PAYLOAD_TYPES; pt++)
        g_assert_cmpuint(t.clock_rates[pt], ==, 0);
    g_assert_true(ma_clock_rates_parse("96=90000, 97=8000", t.clock_rates, NULL));
    g_assert_true(ma_clock_rates_parse("0=16000", t.clock_rates, NULL));
    g_assert_true(ma_clock_rates_parse("", t.clock_rates, NULL));
    g_assert_cmpuint(t.clock_rates[96], ==, 90000);
    g_assert_cmpuint(t.clock_rates[97], ==, 8000);
    g_assert_cmpuint(t.clock_rates[0], ==, 16000);
    char *text = ma_clock_rates_text(t.clock_rates);
    g_assert_cmpstr(text, ==, "0=16000,96=90000,97=8000");
    g_free(text);
    static const char *const bad[][2] = {
        {"96", "96: expected PT=HZ (payload type 0-127 = clock rate in Hz)"},
        {"128=90000", "128=90000: the payload type must be 0-127"},
        {"-1=90000", "-1=90000: the payload type must be 0-127"},
        {"=90000", "=90000: the payload type must be 0-127"},
        {"96=0", "96=0: the clock rate must be 1-10000000 Hz"},
        {"96=10000001", "96=10000001: the clock rate must be 1-10000000 Hz"},
        {"96=9x", "96=9x: the clock rate must be 1-10000000 Hz"},
        {"96=", "96=: the clock rate must be 1-10000000 Hz"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        GError *err = NULL;
        guint rates[MA_RTP_PAYLOAD_TYPES] = {0};
        g_assert_false(ma_clock_rates_parse(bad[i][0], rates, &err));
        g_assert_cmpstr(err->message, ==, bad[i][1]);
        g_error_free(err);
    }
    guint rates[MA_RTP_PAYLOAD_TYPES] = {0};
    g_assert_false(ma_clock_rates_parse("96=90000,x", rates, NULL)); /* the items before it stay */
    g_assert_cmpuint(rates[96], ==, 90000);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/thresholds/defaults-from-table", test_defaults_from_table);
    g_test_add_func("/thresholds/describe", test_describe);
    g_test_add_func("/thresholds/readme-agrees", test_readme_agrees);
    g_test_add_func("/thresholds/clock-rates", test_clock_rates);
    return g_test_run();
}
