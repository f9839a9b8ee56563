/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_flow_series.c - the bounded per-flow series: columns double in width
 * and merge instead of growing, sums add up, minima and maxima survive any
 * number of merges, and memory stays MA_SERIES_COLUMNS columns whatever the
 * capture's length. */
#include <glib.h>

#include "flow_series.h"

#define T0 G_GINT64_CONSTANT(1700000000000000000)
#define MS G_GINT64_CONSTANT(1000000)

static void add(ma_flow_series *s, gint64 ns, double jitter, guint holes, int ttl)
{
    ma_series_sample x = {ns, 100, holes, jitter, 1.0, ttl};
    ma_flow_series_add(s, &x);
}

/* 600 packets 1 ms apart fill the 600 first-width columns exactly. */
static void test_fill(void)
{
    ma_flow_series *s = ma_flow_series_new(T0);
    for (int i = 0; i < MA_SERIES_COLUMNS; i++)
        add(s, T0 + i * MS, 0.5, 0, 64);
    g_assert_cmpint(ma_flow_series_width_ns(s), ==, MA_SERIES_FIRST_WIDTH_NS);
    g_assert_cmpuint(ma_flow_series_len(s), ==, MA_SERIES_COLUMNS);
    g_assert_cmpuint(ma_flow_series_col(s, 599)->packets, ==, 1);
    g_assert_null(ma_flow_series_col(s, 600));
    /* one more at 600 ms: width 2 ms, columns pairwise merged, 301 in use */
    add(s, T0 + 600 * MS, 0.5, 0, 64);
    g_assert_cmpint(ma_flow_series_width_ns(s), ==, 2 * MS);
    g_assert_cmpuint(ma_flow_series_len(s), ==, 301);
    g_assert_cmpuint(ma_flow_series_col(s, 0)->packets, ==, 2);
    g_assert_cmpuint(ma_flow_series_col(s, 0)->bytes, ==, 200);
    g_assert_cmpuint(ma_flow_series_col(s, 300)->packets, ==, 1);
    ma_flow_series_free(s);
}

/* Three hours at 1000 packets/s: 600 columns of 32.768 s; one jitter spike,
 * one TTL dip and one burst of 7 lost survive every merge; totals add up. */
static void test_long_capture(void)
{
    ma_flow_series *s = ma_flow_series_new(T0);
    const gint64 n = 3 * 3600 * 1000;
    guint64 lost = 0;
    for (gint64 i = 0; i < n; i++) {
        double jitter = i == 5000000 ? 80.0 : 1.0 + (double)(i % 7) / 10.0;
        guint holes = i == 9000000 ? 7 : (i % 100000 == 0 ? 1 : 0);
        lost += holes;
        add(s, T0 + i * MS, jitter, holes, i == 5000001 ? 1 : 64);
    }
    /* 10800 s / 600 columns = 18 s; the first power-of-two width above is 2^15 ms */
    g_assert_cmpint(ma_flow_series_width_ns(s), ==, 32768 * MS);
    guint len = ma_flow_series_len(s);
    g_assert_cmpuint(len, ==, (guint)((n - 1) / 32768) + 1); /* 330 */
    guint64 packets = 0, got_lost = 0;
    guint lossy = 0;
    guint spike_col = (guint)(5000000 / 32768);
    for (guint i = 0; i < len; i++) {
        const ma_series_col *c = ma_flow_series_col(s, i);
        packets += c->packets;
        got_lost += c->lost;
        g_assert_cmpfloat(c->jitter_min, ==, 1.0f);
        g_assert_cmpfloat_with_epsilon(c->jitter_max, i == spike_col ? 80.0 : 1.6, 1e-5);
        g_assert_cmpint(c->ttl_min, ==, i == spike_col ? 1 : 64);
        g_assert_cmpint(c->ttl_max, ==, 64);
        g_assert_cmpuint(c->burst_max, ==, i == (guint)(9000000 / 32768) ? 7 : c->lost);
        lossy += c->lost > 0;
    }
    /* one hole every 100 s (108 of them, 100 s apart: one column each), the one at 9000 s is 7 */
    g_assert_cmpuint(lossy, ==, 108);
    g_assert_cmpuint(lost, ==, 107 + 7);
    g_assert_cmpuint(packets, ==, (guint64)n);
    g_assert_cmpuint(got_lost, ==, lost);
    g_assert_cmpuint(ma_flow_series_early(s), ==, 0);
    ma_flow_series_free(s);
}

/* A clock stepping back lands in column 0 and is counted; unknown figures
 * (no clock rate, first packet, no TTL) leave the column's range empty. */
static void test_early_and_unknown(void)
{
    ma_flow_series *s = ma_flow_series_new(T0);
    ma_series_sample x = {T0 - 5 * MS, 10, 0, -1, -1, -1};
    ma_flow_series_add(s, &x);
    const ma_series_col *c = ma_flow_series_col(s, 0);
    g_assert_cmpuint(ma_flow_series_early(s), ==, 1);
    g_assert_cmpuint(c->packets, ==, 1);
    g_assert_false(ma_series_col_has(c->jitter_min, c->jitter_max));
    g_assert_false(ma_series_col_has(c->gap_min, c->gap_max));
    g_assert_cmpint(c->ttl_min, ==, -1);
    g_assert_cmpfloat(c->df_max, <, 0);
    ma_flow_series_add_mdi(s, T0 + 2 * MS, 12.5);
    ma_flow_series_add_mdi(s, T0 + 2 * MS + 1, 3.0);
    g_assert_cmpuint(ma_flow_series_col(s, 2)->mdi_intervals, ==, 2);
    g_assert_cmpfloat(ma_flow_series_col(s, 2)->df_max, ==, 12.5f);
    ma_flow_series_free(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/flow_series/fill", test_fill);
    g_test_add_func("/flow_series/long-capture", test_long_capture);
    g_test_add_func("/flow_series/early-and-unknown", test_early_and_unknown);
    return g_test_run();
}
