/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_mdi.c - RFC 4445 Delay Factor and Media Loss Rate (core/mdi.c). */
#include "rtp_stats.h"

#define MS 1000000LL
#define SEC 1000000000LL

/* 1000-byte packets every 10 ms = 100000 B/s = 800 kbit/s, for n packets. */
static void feed_cbr(ma_mdi *m, int n)
{
    for (int i = 0; i < n; i++)
        ma_mdi_add(m, (gint64)i * 10 * MS, 1000, 0);
}

/* At the nominal rate the buffer goes 0 -> 1000 bytes at each arrival and
 * back to 0 by the next: DF = 1000 B / 100000 B/s = 10 ms, every interval. */
static void test_cbr_nominal(void)
{
    ma_mdi *m = ma_mdi_new(SEC, 800000);
    double df, mlr, rate;
    feed_cbr(m, 250);
    ma_mdi_result(m, &df, &mlr, &rate);
    g_assert_cmpfloat_with_epsilon(df, 10.0, 1e-9);
    g_assert_cmpfloat(mlr, ==, 0);
    g_assert_cmpfloat(rate, ==, 800000);
    g_assert_cmpuint(ma_mdi_intervals(m), ==, 3);
    ma_mdi_free(m);
}

/* Rate 0: each interval drains at its own mean rate.  Full intervals: 100
 * packets in 1 s = 100000 B/s; the last (2.00..2.49 s, 50 packets) uses its
 * own length 0.49 s and the 49000 bytes before its last packet = 100000 B/s.
 * DF = 10 ms everywhere. */
static void test_cbr_own_rate(void)
{
    ma_mdi *m = ma_mdi_new(SEC, 0);
    double df, mlr, rate;
    feed_cbr(m, 250);
    ma_mdi_result(m, &df, &mlr, &rate);
    g_assert_cmpfloat_with_epsilon(df, 10.0, 1e-9);
    g_assert_cmpfloat(rate, ==, 0);
    ma_mdi_free(m);
}

/* A nominal rate above the stream's: the buffer drains faster than it
 * fills.  800 kbit/s stream, 1600 kbit/s drain (200000 B/s), 1 interval of
 * 100 packets (0..0.99 s, partial): VB(i,pre) = 1000 i - 2000 i = -1000 i,
 * min at i = 99: -99000; max post at i = 0: 1000.  DF = 100000 / 200000 s
 * = 500 ms.  (A drain rate that is too high reads as a large DF: which rate
 * is used must be reported.) */
static void test_rate_mismatch(void)
{
    ma_mdi *m = ma_mdi_new(SEC, 1600000);
    double df;
    feed_cbr(m, 100);
    ma_mdi_result(m, &df, NULL, NULL);
    g_assert_cmpfloat_with_epsilon(df, 500.0, 1e-9);
    ma_mdi_free(m);
}

/* Burst: 10 packets of 1000 bytes all at t = 0, then one every 10 ms from
 * 100 ms to 990 ms, drained at 100000 B/s.  VB after the burst = 10000
 * bytes at t = 0; at 100 ms the drain (10000) has caught up: VB(pre) = 0.
 * From then on pre = 0, post = 1000.  DF = (10000 - 0) / 100000 = 100 ms. */
static void test_burst(void)
{
    ma_mdi *m = ma_mdi_new(SEC, 800000);
    double df;
    for (int i = 0; i < 10; i++)
        ma_mdi_add(m, 0, 1000, 0);
    for (int t = 100; t < 1000; t += 10)
        ma_mdi_add(m, t * MS, 1000, 0);
    ma_mdi_result(m, &df, NULL, NULL);
    g_assert_cmpfloat_with_epsilon(df, 100.0, 1e-9);
    ma_mdi_free(m);
    /* the same with the interval's own rate: 100 packets in the partial
     * interval 0..0.99 s, 99000 bytes before the last -> 100000 B/s, DF 100 */
    m = ma_mdi_new(SEC, 0);
    for (int i = 0; i < 10; i++)
        ma_mdi_add(m, 0, 1000, 0);
    for (int t = 100; t < 1000; t += 10)
        ma_mdi_add(m, t * MS, 1000, 0);
    ma_mdi_result(m, &df, NULL, NULL);
    g_assert_cmpfloat_with_epsilon(df, 100.0, 1e-9);
    ma_mdi_free(m);
}

/* MLR: interval 1 (0..1 s) loses 3 (three single holes) -> 3/s; interval 2
 * loses 5 at once -> 5/s; the last (2.00..2.49 s) loses 2 over its own
 * 0.49 s -> 4.08/s.  Max = 5. */
static void test_mlr(void)
{
    ma_mdi *m = ma_mdi_new(SEC, 800000);
    double df, mlr;
    for (int i = 0; i < 250; i++) {
        guint lost = (i == 10 || i == 20 || i == 30 || i == 210 || i == 220) ? 1 : 0;
        if (i == 150)
            lost = 5;
        ma_mdi_add(m, (gint64)i * 10 * MS, 1000, lost);
    }
    ma_mdi_result(m, &df, &mlr, NULL);
    g_assert_cmpfloat_with_epsilon(mlr, 5.0, 1e-9);
    ma_mdi_free(m);
    /* only the last interval loses: 2 / 0.49 s */
    m = ma_mdi_new(SEC, 800000);
    for (int i = 0; i < 250; i++)
        ma_mdi_add(m, (gint64)i * 10 * MS, 1000, (i == 210 || i == 220) ? 1 : 0);
    ma_mdi_result(m, NULL, &mlr, NULL);
    g_assert_cmpfloat_with_epsilon(mlr, 2 / 0.49, 1e-9);
    ma_mdi_free(m);
}

/* A gap of 3 s with no packets: the empty intervals are skipped.
 * Interval [0, 1 s) holds one 500-byte packet: its mean rate is 500 B/s,
 * so DF = 500 / 500 = 1000 ms (one packet a second needs a second of
 * buffer).  The packet at 3.5 s opens [3 s, 4 s): alone, it has no rate of
 * its own (DF not computed) and its 4 holes over its own length 0.5 s give
 * MLR 8/s.  At 3.0 s exactly the own length is 0: MLR uses 1 s -> 4/s. */
static void test_gap_and_single(void)
{
    ma_mdi *m = ma_mdi_new(SEC, 0);
    double df, mlr;
    ma_mdi_add(m, 0, 500, 0);
    ma_mdi_add(m, 3500 * MS, 500, 4);
    ma_mdi_result(m, &df, &mlr, NULL);
    g_assert_cmpfloat_with_epsilon(df, 1000.0, 1e-9);
    g_assert_cmpfloat_with_epsilon(mlr, 8.0, 1e-9);
    g_assert_cmpuint(ma_mdi_intervals(m), ==, 2);
    ma_mdi_free(m);
    m = ma_mdi_new(SEC, 0);
    ma_mdi_add(m, 0, 500, 0);
    ma_mdi_add(m, 3000 * MS, 500, 4);
    ma_mdi_result(m, &df, &mlr, NULL);
    g_assert_cmpfloat_with_epsilon(mlr, 4.0, 1e-9);
    ma_mdi_free(m);
}

/* Brute-force DF of one interval from all its points, for comparison. */
static double brute_df_ms(const gint64 *t, int n, gsize bytes, double rate_bytes)
{
    double vmax = 0, vmin = 0;
    for (int i = 0; i < n; i++) {
        double x = (double)(t[i] - t[0]) / 1e9;
        double pre = (double)bytes * i - rate_bytes * x, post = pre + (double)bytes;
        if (i == 0 || post > vmax)
            vmax = post;
        if (i == 0 || pre < vmin)
            vmin = pre;
    }
    return (vmax - vmin) / rate_bytes * 1000.0;
}

/* A concave arrival curve (the rate falls all through the interval) puts
 * every point on the upper hull, which is then thinned at its cap: the DF
 * must stay within 0.1% of the exact value from all 2000 points.  Gaps grow
 * by 1 us: packet i at sum(1..i) us; 2000 x 100 bytes in one 10 s interval
 * (partial: the last packet at 1.999 s), own rate = 199900 bytes / 1.999 s;
 * exact DF 500.5 ms, ours 500.329 ms after thinning. */
static void test_hull_bounded(void)
{
    ma_mdi *m = ma_mdi_new(10 * SEC, 0);
    gint64 *t = g_new(gint64, 2000);
    double df, exact;
    gint64 now = 0;
    for (int i = 0; i < 2000; i++) {
        t[i] = now;
        ma_mdi_add(m, now, 100, 0);
        now += (gint64)(i + 1) * 1000;
    }
    exact = brute_df_ms(t, 2000, 100, 199900.0 / ((double)t[1999] / 1e9));
    ma_mdi_result(m, &df, NULL, NULL);
    g_assert_cmpfloat(exact, >, 100.0);
    g_assert_cmpfloat_with_epsilon(df, exact, exact * 1e-3);
    g_free(t);
    ma_mdi_free(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/mdi/cbr-nominal", test_cbr_nominal);
    g_test_add_func("/mdi/cbr-own-rate", test_cbr_own_rate);
    g_test_add_func("/mdi/rate-mismatch", test_rate_mismatch);
    g_test_add_func("/mdi/burst", test_burst);
    g_test_add_func("/mdi/mlr", test_mlr);
    g_test_add_func("/mdi/gap-and-single", test_gap_and_single);
    g_test_add_func("/mdi/hull-bounded", test_hull_bounded);
    return g_test_run();
}
