/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_rtp_stats.c - sequence accounting, jitter (RFC 3550 A.8 and
 * Wireshark 4.0's rules), bitrate, through ma_rtp_stats.  Every figure is
 * worked out by hand in the comments. */
#include "rtp_stats.h"

#define MS 1000000LL /* ns */
#define EPS 1e-9

typedef struct {
    ma_rtp_stats *s;
    ma_rtp_summary sum;
} fx;

static void feed(ma_rtp_stats *s, uint32_t ssrc, uint16_t seq, uint32_t ts, gint64 arrival_ns, gboolean marker)
{
    ma_rtp_hdr h = {0};
    h.version = 2;
    h.payload_type = 96;
    h.ssrc = ssrc;
    h.seq = seq;
    h.timestamp = ts;
    h.marker = marker;
    ma_rtp_stats_add(s, &h, arrival_ns, 200);
}

/* 90 kHz, 10 ms spacing: seq n has ts 900 n and arrives at 10 ms n. */
static void feed_nominal(ma_rtp_stats *s, uint16_t seq, int slot)
{
    feed(s, 1, seq, (uint32_t)(900 * slot), (gint64)slot * 10 * MS, FALSE);
}

static ma_rtp_summary summary_of(ma_rtp_stats *s)
{
    ma_rtp_summary o;
    ma_rtp_stats_summary(s, &o);
    return o;
}

/* Identity that must hold whatever arrives. */
static void assert_identity(const ma_rtp_summary *o)
{
    g_assert_cmpint((gint64)o->packets, ==,
                    (gint64)o->expected - o->lost + (gint64)o->duplicates + (gint64)o->strays);
    g_assert_cmpint(o->lost, >=, 0);
}

/* 100 packets 1000..1099 in order: nothing lost, no jitter; 100 x 200 bytes
 * over 0.99 s = 160000 / 0.99 bit/s. */
static void test_in_order(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    for (int i = 0; i < 100; i++)
        feed_nominal(s, (uint16_t)(1000 + i), i);
    o = summary_of(s);
    g_assert_cmpuint(o.packets, ==, 100);
    g_assert_cmpuint(o.expected, ==, 100);
    g_assert_cmpint(o.lost, ==, 0);
    g_assert_cmpuint(o.duplicates, ==, 0);
    g_assert_cmpuint(o.reordered, ==, 0);
    g_assert_cmpuint(o.first_ext_seq, ==, 1000);
    g_assert_cmpuint(o.highest_ext_seq, ==, 1099);
    g_assert_cmpuint(o.seq_cycles, ==, 0);
    g_assert_true(o.seq_valid);
    g_assert_cmpuint(o.bytes, ==, 20000);
    g_assert_cmpfloat_with_epsilon(o.bitrate_bps, 160000.0 / 0.99, 1e-6);
    g_assert_cmpfloat(o.jitter_ts, ==, 0);
    g_assert_cmpfloat(o.jitter_ms, ==, 0);
    g_assert_cmpfloat_with_epsilon(o.gap_max_ms, 10, EPS);
    g_assert_cmpfloat_with_epsilon(o.gap_mean_ms, 10, EPS);
    g_assert_cmpint(o.ws_lost, ==, 0);
    g_assert_cmpuint(o.ws_seq_errors, ==, 0);
    assert_identity(&o);
    ma_rtp_stats_free(s);
}

/* 0..99 without 10, 20, 30 (scattered) and 50..54 (a burst of 5): 92
 * packets, expected 100, lost 8 = 0.08.  Wireshark agrees (no reordering):
 * expected 99 - 0 + 1 = 100, lost 100 - 92 = 8, 4 sequence errors. */
static void test_loss(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    for (int i = 0; i < 100; i++) {
        if (i == 10 || i == 20 || i == 30 || (i >= 50 && i <= 54))
            continue;
        feed_nominal(s, (uint16_t)i, i);
    }
    o = summary_of(s);
    g_assert_cmpuint(o.packets, ==, 92);
    g_assert_cmpuint(o.expected, ==, 100);
    g_assert_cmpint(o.lost, ==, 8);
    g_assert_cmpfloat_with_epsilon(o.fraction_lost, 0.08, EPS);
    g_assert_cmpint(o.ws_lost, ==, 8);
    g_assert_cmpuint(o.ws_seq_errors, ==, 4);
    /* gap before 55 is 60 ms (after 49), the largest */
    g_assert_cmpfloat_with_epsilon(o.gap_max_ms, 60, EPS);
    assert_identity(&o);
    ma_rtp_stats_free(s);
}

/* 0..19 without 15, with 5 and 12 sent twice: 21 packets, expected 20,
 * lost 1, duplicates 2.  Wireshark: 20 - 21 = -1 (duplicates hide loss). */
static void test_duplicates(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    int slot = 0;
    for (int i = 0; i < 20; i++) {
        if (i == 15)
            continue;
        feed_nominal(s, (uint16_t)i, slot++);
        if (i == 5 || i == 12)
            feed_nominal(s, (uint16_t)i, slot++);
    }
    o = summary_of(s);
    g_assert_cmpuint(o.packets, ==, 21);
    g_assert_cmpuint(o.expected, ==, 20);
    g_assert_cmpint(o.lost, ==, 1);
    g_assert_cmpuint(o.duplicates, ==, 2);
    g_assert_cmpuint(o.reordered, ==, 0);
    g_assert_cmpint(o.ws_lost, ==, -1);
    assert_identity(&o);
    ma_rtp_stats_free(s);
}

/* 0,1,3,2,5,4,7,6,8,9: pairs swapped; lost 0, reordered 3 (2, 4, 6).
 * Wireshark: lost 0 (last arrived 9), 6 sequence errors (3,2,5,4,7,6). */
static void test_reorder_pairs(void)
{
    static const uint16_t order[] = {0, 1, 3, 2, 5, 4, 7, 6, 8, 9};
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    for (int i = 0; i < 10; i++)
        feed_nominal(s, order[i], i);
    o = summary_of(s);
    g_assert_cmpuint(o.packets, ==, 10);
    g_assert_cmpuint(o.expected, ==, 10);
    g_assert_cmpint(o.lost, ==, 0);
    g_assert_cmpuint(o.reordered, ==, 3);
    g_assert_cmpuint(o.duplicates, ==, 0);
    g_assert_cmpint(o.ws_lost, ==, 0);
    g_assert_cmpuint(o.ws_seq_errors, ==, 6);
    /* MLR counts a hole when it is seen (RFC 4445: lost or out of order):
     * 3 in the first (and only, partial) interval of 90 ms -> 33.33/s */
    g_assert_cmpfloat_with_epsilon(o.mdi_mlr, 3 / 0.09, 1e-6);
    assert_identity(&o);
    ma_rtp_stats_free(s);
}

/* 1,2,3,5,4: ours lost 0, reordered 1.  Wireshark's expected uses the LAST
 * ARRIVED number: 4 - 1 + 1 = 4, received 5 -> Lost -1. */
static void test_reorder_last(void)
{
    static const uint16_t order[] = {1, 2, 3, 5, 4};
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    for (int i = 0; i < 5; i++)
        feed(s, 1, order[i], 900u * order[i], (gint64)i * 10 * MS, FALSE);
    o = summary_of(s);
    g_assert_cmpuint(o.expected, ==, 5);
    g_assert_cmpint(o.lost, ==, 0);
    g_assert_cmpuint(o.reordered, ==, 1);
    g_assert_cmpint(o.ws_expected, ==, 4);
    g_assert_cmpint(o.ws_lost, ==, -1);
    ma_rtp_stats_free(s);
}

/* 10, 8, 9, 11, 12: 8 arrives below the first number: the span grows down
 * to 8 and 9 becomes a hole (lost 1), then 9 fills it.  Expected 5 (8..12),
 * lost 0, reordered 2 (8 and 9). */
static void test_late_below_first(void)
{
    static const uint16_t order[] = {10, 8, 9, 11, 12};
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    feed(s, 1, order[0], 900u * order[0], 0, FALSE);
    feed(s, 1, order[1], 900u * order[1], 10 * MS, FALSE);
    o = summary_of(s);
    g_assert_cmpuint(o.first_ext_seq, ==, 8);
    g_assert_cmpuint(o.expected, ==, 3);
    g_assert_cmpint(o.lost, ==, 1);
    for (int i = 2; i < 5; i++)
        feed(s, 1, order[i], 900u * order[i], (gint64)i * 10 * MS, FALSE);
    o = summary_of(s);
    g_assert_cmpuint(o.packets, ==, 5);
    g_assert_cmpuint(o.expected, ==, 5);
    g_assert_cmpint(o.lost, ==, 0);
    g_assert_cmpuint(o.reordered, ==, 2);
    g_assert_cmpuint(o.first_ext_seq, ==, 8);
    g_assert_cmpuint(o.highest_ext_seq, ==, 12);
    g_assert_true(o.seq_valid); /* 11 follows 10 */
    assert_identity(&o);
    ma_rtp_stats_free(s);
}

/* 1, 65535, 0, 2: the late packets are below the first number and below 0:
 * the span is -1..2, reported shifted one cycle: 65535..65538, cycles 1. */
static void test_late_below_first_across_zero(void)
{
    static const uint16_t order[] = {1, 65535, 0, 2};
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    for (int i = 0; i < 4; i++)
        feed(s, 1, order[i], 9000u + 900u * (uint32_t)i, (gint64)i * 10 * MS, FALSE);
    o = summary_of(s);
    g_assert_cmpuint(o.expected, ==, 4);
    g_assert_cmpint(o.lost, ==, 0);
    g_assert_cmpuint(o.reordered, ==, 2);
    g_assert_cmpuint(o.first_ext_seq, ==, 65535);
    g_assert_cmpuint(o.highest_ext_seq, ==, 65538);
    g_assert_cmpuint(o.seq_cycles, ==, 1);
    assert_identity(&o);
    ma_rtp_stats_free(s);
}

/* Video: 2 and 1 share a frame timestamp and arrive 2,1,3,4,5.  Ours:
 * expected 5, lost 0, reordered 1.  Wireshark: 1 < start (2) with a
 * timestamp not behind the first -> it counts a wrap: expected
 * 5 + 65536 - 2 + 1 = 65540, Lost 65540 - 5 = 65535. */
static void test_ws_false_wrap(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    feed(s, 1, 2, 3000, 0, FALSE);
    feed(s, 1, 1, 3000, 1 * MS, FALSE);
    feed(s, 1, 3, 6000, 33 * MS, FALSE);
    feed(s, 1, 4, 6000, 34 * MS, FALSE);
    feed(s, 1, 5, 9000, 66 * MS, TRUE);
    o = summary_of(s);
    g_assert_cmpuint(o.expected, ==, 5);
    g_assert_cmpint(o.lost, ==, 0);
    g_assert_cmpuint(o.reordered, ==, 1);
    g_assert_cmpint(o.ws_expected, ==, 65540);
    g_assert_cmpint(o.ws_lost, ==, 65535);
    ma_rtp_stats_free(s);
}

/* 65530..65535, 0..5: 12 packets, one wrap; extended 65530..65541. */
static void test_wraparound(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    for (int i = 0; i < 12; i++)
        feed_nominal(s, (uint16_t)(65530 + i), i);
    o = summary_of(s);
    g_assert_cmpuint(o.packets, ==, 12);
    g_assert_cmpuint(o.expected, ==, 12);
    g_assert_cmpint(o.lost, ==, 0);
    g_assert_cmpuint(o.seq_cycles, ==, 1);
    g_assert_cmpuint(o.first_ext_seq, ==, 65530);
    g_assert_cmpuint(o.highest_ext_seq, ==, 65541);
    g_assert_cmpint(o.ws_expected, ==, 12); /* 5 + 65536 - 65530 + 1 */
    g_assert_cmpint(o.ws_lost, ==, 0);
    ma_rtp_stats_free(s);
}

/* 100..109 without 105, then 20000..20004: 20000 is a jump of 19891 >=
 * MAX_DROPOUT (a stray until confirmed), 20001 confirms it (A.1 bad_seq):
 * restart.  Spans: 100..109 (10 expected, 1 lost) + 20000..20004 (5, 0). */
static void test_restart(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    int slot = 0;
    for (int i = 100; i < 110; i++, slot++)
        if (i != 105)
            feed_nominal(s, (uint16_t)i, slot);
    feed_nominal(s, 20000, slot++);
    o = summary_of(s);
    g_assert_cmpuint(o.strays, ==, 1);
    g_assert_cmpuint(o.seq_restarts, ==, 0);
    for (int i = 20001; i < 20005; i++)
        feed_nominal(s, (uint16_t)i, slot++);
    o = summary_of(s);
    g_assert_cmpuint(o.seq_restarts, ==, 1);
    g_assert_cmpuint(o.seq_skipped, ==, 19890); /* 110..19999 */
    g_assert_cmpuint(o.strays, ==, 0);
    g_assert_cmpuint(o.packets, ==, 14);
    g_assert_cmpuint(o.expected, ==, 15);
    g_assert_cmpint(o.lost, ==, 1);
    g_assert_cmpuint(o.first_ext_seq, ==, 20000);
    g_assert_cmpuint(o.highest_ext_seq, ==, 20004);
    assert_identity(&o);
    ma_rtp_stats_free(s);
}

/* 0..999, then the sender restarts at 500: 500 is 499 behind (beyond
 * MAX_MISORDER) on a number already received -> a duplicate that sets
 * bad_seq 501; 501 confirms the restart, 500 is re-counted into the new
 * span 500..502.  Expected 1000 + 3, lost 0, duplicates 0, nothing skipped
 * (backwards). */
static void test_backward_restart(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    int slot = 0;
    for (int i = 0; i < 1000; i++)
        feed_nominal(s, (uint16_t)i, slot++);
    feed_nominal(s, 500, slot++);
    o = summary_of(s);
    g_assert_cmpuint(o.duplicates, ==, 1);
    feed_nominal(s, 501, slot++);
    feed_nominal(s, 502, slot++);
    o = summary_of(s);
    g_assert_cmpuint(o.seq_restarts, ==, 1);
    g_assert_cmpuint(o.seq_skipped, ==, 0);
    g_assert_cmpuint(o.packets, ==, 1003);
    g_assert_cmpuint(o.expected, ==, 1003);
    g_assert_cmpint(o.lost, ==, 0);
    g_assert_cmpuint(o.duplicates, ==, 0);
    g_assert_cmpuint(o.first_ext_seq, ==, 500);
    g_assert_cmpuint(o.highest_ext_seq, ==, 502);
    assert_identity(&o);
    ma_rtp_stats_free(s);
}

/* 100..104, 30000 (never confirmed), 105..109: one stray, no restart,
 * expected 10, lost 0, packets 11 = 10 - 0 + 0 + 1. */
static void test_unconfirmed_jump(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    int slot = 0;
    for (int i = 100; i < 105; i++)
        feed_nominal(s, (uint16_t)i, slot++);
    feed_nominal(s, 30000, slot++);
    for (int i = 105; i < 110; i++)
        feed_nominal(s, (uint16_t)i, slot++);
    o = summary_of(s);
    g_assert_cmpuint(o.packets, ==, 11);
    g_assert_cmpuint(o.expected, ==, 10);
    g_assert_cmpint(o.lost, ==, 0);
    g_assert_cmpuint(o.strays, ==, 1);
    g_assert_cmpuint(o.seq_restarts, ==, 0);
    assert_identity(&o);
    ma_rtp_stats_free(s);
}

/* A packet 150 behind (beyond MAX_MISORDER) onto a hole is late, not a
 * restart: 0..199 without 50, then 50 arrives last. */
static void test_very_late_fills_hole(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    for (int i = 0; i < 200; i++)
        if (i != 50)
            feed_nominal(s, (uint16_t)i, i);
    feed_nominal(s, 50, 200);
    o = summary_of(s);
    g_assert_cmpuint(o.expected, ==, 200);
    g_assert_cmpint(o.lost, ==, 0);
    g_assert_cmpuint(o.reordered, ==, 1);
    g_assert_cmpuint(o.seq_restarts, ==, 0);
    assert_identity(&o);
    ma_rtp_stats_free(s);
}

/* SSRC A: 100..104 without 102; SSRC B: 5000..5004.  Counts carry on
 * (expected 5 + 5, lost 1), the span and SSRC are B's. */
static void test_ssrc_change(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    int slot = 0;
    for (int i = 100; i < 105; i++, slot++)
        if (i != 102)
            feed(s, 0xA, (uint16_t)i, 900u * (uint32_t)slot, (gint64)slot * 10 * MS, FALSE);
    for (int i = 5000; i < 5005; i++, slot++)
        feed(s, 0xB, (uint16_t)i, 777u + 900u * (uint32_t)slot, (gint64)slot * 10 * MS, FALSE);
    o = summary_of(s);
    g_assert_cmpuint(o.ssrc, ==, 0xB);
    g_assert_cmpuint(o.ssrc_changes, ==, 1);
    g_assert_cmpuint(o.packets, ==, 9);
    g_assert_cmpuint(o.expected, ==, 10);
    g_assert_cmpint(o.lost, ==, 1);
    g_assert_cmpuint(o.first_ext_seq, ==, 5000);
    g_assert_cmpuint(o.highest_ext_seq, ==, 5004);
    g_assert_cmpuint(o.seq_restarts, ==, 0);
    /* B's timestamps are unrelated to A's: no jitter from the change */
    g_assert_cmpfloat(o.jitter_ts, ==, 0);
    g_assert_cmpfloat(o.jitter_ms, ==, 0);
    g_assert_cmpint(o.ws_lost, ==, 0); /* B alone, as tshark's row for B */
    assert_identity(&o);
    ma_rtp_stats_free(s);
}

static void test_jitter_constant(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    for (int i = 0; i < 50; i++)
        feed_nominal(s, (uint16_t)i, i);
    o = summary_of(s);
    g_assert_true(o.jitter_known);
    g_assert_cmpfloat(o.jitter_ts, ==, 0);
    g_assert_cmpfloat(o.jitter_ms, ==, 0);
    g_assert_cmpfloat(o.jitter_max_ms, ==, 0);
    g_assert_cmpfloat(o.jitter_mean_ms, ==, 0);
    ma_rtp_stats_free(s);
}

/* Packets 0..5, ts 900 n (10 ms at 90 kHz); packet 2 arrives 10 ms late.
 * arrivals 0, 10, 30, 30, 40, 50 ms.  D and J (ms):
 *   p1: D 0              J 0
 *   p2: D 10             J 10/16                 = 0.625
 *   p3: D 10 (30 vs 40)  J (15*0.625 + 10)/16    = 1.2109375
 *   p4: D 0              J 15*1.2109375/16       = 1.13525390625
 *   p5: D 0              J 15*1.13525390625/16   = 1.064300537109375
 * Max jitter 1.2109375.  Mean (Wireshark, all regular): (0 + 0.625 +
 * 1.2109375 + 1.13525390625 + 1.064300537109375) / 5 = 0.807098388671875.
 * Deltas 10, 20, 0, 10, 10: max 20, mean 10, min 0.  In timestamp units
 * J = 1.064300537109375 * 90 = 95.78704833984375. */
static void feed_delayed(ma_rtp_stats *s, gboolean mark2, gboolean mark3)
{
    static const gint64 arrival_ms[] = {0, 10, 30, 30, 40, 50};
    for (int i = 0; i < 6; i++)
        feed(s, 1, (uint16_t)i, 900u * (uint32_t)i, (gint64)arrival_ms[i] * MS, (i == 2 && mark2) || (i == 3 && mark3));
}

static void test_jitter_delayed(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    feed_delayed(s, FALSE, FALSE);
    o = summary_of(s);
    g_assert_cmpfloat_with_epsilon(o.jitter_ms, 1.064300537109375, EPS);
    g_assert_cmpfloat_with_epsilon(o.jitter_ts, 95.78704833984375, EPS);
    g_assert_cmpfloat_with_epsilon(o.jitter_max_ms, 1.2109375, EPS);
    g_assert_cmpfloat_with_epsilon(o.jitter_mean_ms, 0.807098388671875, EPS);
    g_assert_cmpfloat_with_epsilon(o.jitter_min_ms, 0, EPS);
    g_assert_cmpfloat_with_epsilon(o.gap_max_ms, 20, EPS);
    g_assert_cmpfloat_with_epsilon(o.gap_mean_ms, 10, EPS);
    g_assert_cmpfloat_with_epsilon(o.gap_min_ms, 0, EPS);
    ma_rtp_stats_free(s);
}

/* Same with the marker bit on p2 and p3: the running J is unchanged
 * (1.064300537109375) but p2, p3 leave max/mean: max jitter over p1, p4, p5
 * = 1.13525390625; max delta over 10, 10, 10 = 10.  Mean jitter with
 * Wireshark's n = packets before (1 at p1, 4 at p4, 5 at p5):
 *   p1: (0*0 + 0)/1 = 0;  p4: (0*3 + 1.13525390625)/4 = 0.2838134765625;
 *   p5: (0.2838134765625*4 + 1.064300537109375)/5 = 0.439910888671875. */
static void test_jitter_marker(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    feed_delayed(s, TRUE, TRUE);
    o = summary_of(s);
    g_assert_cmpuint(o.marker_packets, ==, 2);
    g_assert_cmpfloat_with_epsilon(o.jitter_ms, 1.064300537109375, EPS);
    g_assert_cmpfloat_with_epsilon(o.jitter_max_ms, 1.13525390625, EPS);
    g_assert_cmpfloat_with_epsilon(o.jitter_mean_ms, 0.439910888671875, EPS);
    g_assert_cmpfloat_with_epsilon(o.gap_max_ms, 10, EPS);
    g_assert_cmpfloat_with_epsilon(o.gap_mean_ms, 10, EPS);
    ma_rtp_stats_free(s);
}

/* ts 9000, 9900, 0, 10800 at 0, 10, 20, 30 ms.  The third is behind the
 * first timestamp: Wireshark leaves it out ("wrong timestamp"), so p3 is
 * compared with p1: expected 10 + 10 = 20, arrived 30: J = 10/16 = 0.625.
 * RFC 3550 A.8 takes consecutive arrivals: D(p1,p2) = 900 + 9900 = 10800,
 * J = 675; D(p2,p3) = 900 - 10800 = -9900, J = 675 + (9900 - 675)/16 =
 * 1251.5625 timestamp units.  The two differ here by design. */
static void test_wrong_timestamp(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    feed(s, 1, 0, 9000, 0, FALSE);
    feed(s, 1, 1, 9900, 10 * MS, FALSE);
    feed(s, 1, 2, 0, 20 * MS, FALSE);
    feed(s, 1, 3, 10800, 30 * MS, FALSE);
    o = summary_of(s);
    g_assert_cmpuint(o.ws_wrong_timestamps, ==, 1);
    g_assert_cmpfloat_with_epsilon(o.jitter_ms, 0.625, EPS);
    g_assert_cmpfloat_with_epsilon(o.jitter_ts, 1251.5625, EPS);
    /* p3's delta is from p1 (the last in-time packet): 20 ms */
    g_assert_cmpfloat_with_epsilon(o.gap_max_ms, 20, EPS);
    ma_rtp_stats_free(s);
}

/* Clock rate 0: no jitter, flagged; deltas still computed (as Wireshark). */
static void test_unknown_clock(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(0);
    ma_rtp_summary o;
    feed_delayed(s, FALSE, FALSE);
    o = summary_of(s);
    g_assert_false(o.jitter_known);
    g_assert_cmpfloat(o.jitter_ts, ==, 0);
    g_assert_cmpfloat(o.jitter_ms, ==, 0);
    g_assert_cmpfloat(o.jitter_max_ms, ==, 0);
    g_assert_cmpfloat(o.jitter_mean_ms, ==, 0);
    g_assert_cmpfloat_with_epsilon(o.gap_max_ms, 20, EPS);
    g_assert_cmpuint(o.clock_rate, ==, 0);
    ma_rtp_stats_free(s);
}

/* 90 kHz video with uneven arrivals (slot n late by (n*37 mod 11) ms). */
static void feed_uneven(ma_rtp_stats *s, int n)
{
    for (int i = 0; i < n; i++)
        feed(s, 7, (uint16_t)i, (uint32_t)(3600 * i), (gint64)i * 40 * MS + (gint64)((i * 37) % 11) * MS,
             i % 5 == 4);
}

/* No SDP, dynamic PT: the rate is inferred after 2 s of arrivals, and the
 * timing figures are those of a flow whose rate was known from the start. */
static void test_clock_inferred(void)
{
    ma_rtp_stats *known = ma_rtp_stats_new(90000), *guess = ma_rtp_stats_new(0);
    feed_uneven(guess, 40); /* 1.56 s: too short to tell */
    g_assert_cmpuint(summary_of(guess).clock_rate, ==, 0);
    ma_rtp_stats_free(guess);
    guess = ma_rtp_stats_new(0);
    feed_uneven(known, 200);
    feed_uneven(guess, 200);
    ma_rtp_summary k = summary_of(known), g = summary_of(guess);
    g_assert_cmpuint(g.clock_rate, ==, 90000);
    g_assert_true(g.clock_inferred);
    g_assert_false(k.clock_inferred);
    g_assert_cmpfloat(k.jitter_max_ms, >, 1.0);
    g_assert_cmpfloat(g.jitter_ms, ==, k.jitter_ms);
    g_assert_cmpfloat(g.jitter_max_ms, ==, k.jitter_max_ms);
    g_assert_cmpfloat(g.jitter_mean_ms, ==, k.jitter_mean_ms);
    g_assert_cmpfloat(g.jitter_ts, ==, k.jitter_ts);
    g_assert_cmpfloat(g.gap_max_ms, ==, k.gap_max_ms);
    ma_rtp_stats_free(known);
    ma_rtp_stats_free(guess);
}

/* feed_uneven with each payload starting as payload[] does. */
static void feed_uneven_payload(ma_rtp_stats *s, int n, const uint8_t *payload, gsize len)
{
    for (int i = 0; i < n; i++) {
        ma_rtp_hdr h = {0};
        h.version = 2;
        h.payload_type = 96;
        h.ssrc = 7;
        h.seq = (uint16_t)i;
        h.timestamp = (uint32_t)(3600 * i);
        h.marker = i % 5 == 4;
        ma_rtp_stats_payload(s, payload, len);
        ma_rtp_stats_add_frame(s, &h, (gint64)i * 40 * MS + (gint64)((i * 37) % 11) * MS, 200,
                               (uint32_t)(i + 1));
    }
}

/* H.264 FU-A payloads: 90 kHz after 16 packets (0.6 s, too short for the
 * timestamps), with the figures and the jitter peak of a known rate; one
 * packet that is no NAL unit in the first 16 leaves it to the timestamps. */
static void test_clock_nal(void)
{
    const uint8_t fu[] = {0x7c, 0x85, 0x88}, junk[] = {0xff, 0xff};
    ma_rtp_stats *known = ma_rtp_stats_new(90000), *nal = ma_rtp_stats_new(0);
    feed_uneven_payload(known, 15, fu, sizeof fu);
    feed_uneven_payload(nal, 15, fu, sizeof fu);
    g_assert_cmpuint(summary_of(nal).clock_rate, ==, 0);
    ma_rtp_stats_free(nal);
    nal = ma_rtp_stats_new(0);
    ma_rtp_stats_free(known);
    known = ma_rtp_stats_new(90000);
    feed_uneven_payload(known, 16, fu, sizeof fu);
    feed_uneven_payload(nal, 16, fu, sizeof fu);
    ma_rtp_summary k = summary_of(known), g = summary_of(nal);
    g_assert_cmpuint(g.clock_rate, ==, 90000);
    g_assert_cmpint(g.clock_source, ==, MA_CLOCK_NAL);
    g_assert_true(g.clock_inferred);
    g_assert_cmpstr(ma_clock_source_name(g.clock_source), ==, "nal-header");
    g_assert_cmpfloat(g.jitter_max_ms, ==, k.jitter_max_ms);
    g_assert_cmpuint(ma_rtp_stats_jitter_peak(nal, NULL), ==,
                     ma_rtp_stats_jitter_peak(known, NULL));
    g_assert_cmpuint(ma_rtp_stats_jitter_peak(nal, NULL), >, 1);
    ma_rtp_stats_free(nal);
    nal = ma_rtp_stats_new(0);
    feed_uneven_payload(nal, 1, junk, sizeof junk);
    feed_uneven_payload(nal, 20, fu, sizeof fu);
    g_assert_cmpuint(summary_of(nal).clock_rate, ==, 0);
    ma_rtp_stats_free(known);
    ma_rtp_stats_free(nal);
}

/* The jitter peak of an inferred rate is the frame where the replayed
 * jitter peaked, as with the rate known from the start (MA308 cites it). */
static void test_clock_inferred_peak(void)
{
    ma_rtp_stats *known = ma_rtp_stats_new(90000), *guess = ma_rtp_stats_new(0);
    const uint8_t junk[] = {0xff};
    feed_uneven_payload(known, 200, junk, sizeof junk);
    feed_uneven_payload(guess, 200, junk, sizeof junk);
    g_assert_cmpint(summary_of(guess).clock_source, ==, MA_CLOCK_TIMESTAMPS);
    gint64 kns = 0, gns = 0;
    uint32_t kp = ma_rtp_stats_jitter_peak(known, &kns), gp = ma_rtp_stats_jitter_peak(guess, &gns);
    g_assert_cmpuint(kp, >, 1);
    g_assert_cmpuint(gp, ==, kp);
    g_assert_cmpint(gns, ==, kns);
    ma_rtp_stats_free(known);
    ma_rtp_stats_free(guess);
}

/* A user's rate (--clock-rate) wins over a negotiated one set later. */
static void test_clock_user(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(0);
    ma_rtp_stats_set_clock(s, 8000, MA_CLOCK_USER);
    feed_uneven(s, 30);
    ma_rtp_stats_set_clock_rate(s, 90000);
    ma_rtp_summary o = summary_of(s);
    g_assert_cmpuint(o.clock_rate, ==, 8000);
    g_assert_cmpint(o.clock_source, ==, MA_CLOCK_USER);
    g_assert_false(o.clock_inferred);
    g_assert_cmpstr(ma_clock_source_name(MA_CLOCK_USER), ==, "user");
    g_assert_null(ma_clock_source_name(MA_CLOCK_UNKNOWN));
    ma_rtp_stats_free(s);
}

/* The rate named after the first packets (a SETUP reply after the media
 * began) is applied from the first packet, not from then on. */
static void test_clock_set_late(void)
{
    ma_rtp_stats *known = ma_rtp_stats_new(90000), *late = ma_rtp_stats_new(0);
    feed_uneven(known, 30);
    feed_uneven(late, 30);
    ma_rtp_stats_set_clock_rate(late, 90000);
    ma_rtp_summary k = summary_of(known), l = summary_of(late);
    g_assert_false(l.clock_inferred);
    g_assert_cmpfloat(l.jitter_max_ms, ==, k.jitter_max_ms);
    g_assert_cmpfloat(l.jitter_mean_ms, ==, k.jitter_mean_ms);
    ma_rtp_stats_free(known);
    ma_rtp_stats_free(late);
}

/* Through the accumulator: 100 packets/s of 200 bytes, 0..199, without 10,
 * 20, 30: the first 1 s interval has 3 holes -> MLR 3/s; the second
 * (1.00..1.99 s, partial) none. */
static void test_mdi_through_stats(void)
{
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    for (int i = 0; i < 200; i++)
        if (i != 10 && i != 20 && i != 30)
            feed_nominal(s, (uint16_t)i, i);
    o = summary_of(s);
    g_assert_cmpfloat_with_epsilon(o.mdi_mlr, 3, EPS);
    g_assert_cmpfloat(o.mdi_rate_bps, ==, 0);
    ma_rtp_stats_free(s);
    /* with a nominal rate of 160 kbit/s (200 B / 10 ms): DF = 200 B at
     * 20000 B/s = 10 ms for a flow without loss */
    s = ma_rtp_stats_new(90000);
    g_assert_true(ma_rtp_stats_set_mdi_rate(s, 160000));
    for (int i = 0; i < 200; i++)
        feed_nominal(s, (uint16_t)i, i);
    g_assert_false(ma_rtp_stats_set_mdi_rate(s, 1)); /* too late */
    o = summary_of(s);
    g_assert_cmpfloat_with_epsilon(o.mdi_df_ms, 10, 1e-6);
    g_assert_cmpfloat(o.mdi_mlr, ==, 0);
    g_assert_cmpfloat(o.mdi_rate_bps, ==, 160000);
    ma_rtp_stats_free(s);
}

/* Random streams (fixed seed): loss, duplicates, reordering, jumps and
 * SSRC changes; the identity and lost >= 0 hold after every packet. */
static void test_fuzz(void)
{
    GRand *r = g_rand_new_with_seed(4445);
    for (int run = 0; run < 200; run++) {
        ma_rtp_stats *s = ma_rtp_stats_new(g_rand_boolean(r) ? 90000 : 0);
        uint16_t seq = (uint16_t)g_rand_int(r);
        uint32_t ssrc = 1;
        gint64 t = 0;
        for (int i = 0; i < 2000; i++) {
            ma_rtp_summary o;
            int dice = g_rand_int_range(r, 0, 100);
            uint16_t sent = seq;
            if (dice < 5)
                sent = (uint16_t)(seq - g_rand_int_range(r, 1, 300)); /* late / duplicate */
            else if (dice < 7)
                sent = (uint16_t)g_rand_int(r);                        /* wild jump */
            else if (dice == 7)
                ssrc++;
            seq = (uint16_t)(seq + (dice < 90 ? 1 : g_rand_int_range(r, 1, 10)));
            t += g_rand_int_range(r, -2, 40) * MS;
            feed(s, ssrc, sent, g_rand_int(r), t, g_rand_boolean(r));
            ma_rtp_stats_summary(s, &o);
            assert_identity(&o);
            g_assert_cmpuint(o.packets, ==, (guint64)i + 1);
        }
        ma_rtp_stats_free(s);
    }
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/rtp-stats/in-order", test_in_order);
    g_test_add_func("/rtp-stats/clock-inferred", test_clock_inferred);
    g_test_add_func("/rtp-stats/clock-set-late", test_clock_set_late);
    g_test_add_func("/rtp-stats/clock-nal", test_clock_nal);
    g_test_add_func("/rtp-stats/clock-inferred-peak", test_clock_inferred_peak);
    g_test_add_func("/rtp-stats/clock-user", test_clock_user);
    g_test_add_func("/rtp-stats/loss", test_loss);
    g_test_add_func("/rtp-stats/duplicates", test_duplicates);
    g_test_add_func("/rtp-stats/reorder-pairs", test_reorder_pairs);
    g_test_add_func("/rtp-stats/reorder-last", test_reorder_last);
    g_test_add_func("/rtp-stats/late-below-first", test_late_below_first);
    g_test_add_func("/rtp-stats/late-below-first-across-zero", test_late_below_first_across_zero);
    g_test_add_func("/rtp-stats/ws-false-wrap", test_ws_false_wrap);
    g_test_add_func("/rtp-stats/wraparound", test_wraparound);
    g_test_add_func("/rtp-stats/restart", test_restart);
    g_test_add_func("/rtp-stats/backward-restart", test_backward_restart);
    g_test_add_func("/rtp-stats/unconfirmed-jump", test_unconfirmed_jump);
    g_test_add_func("/rtp-stats/very-late-fills-hole", test_very_late_fills_hole);
    g_test_add_func("/rtp-stats/ssrc-change", test_ssrc_change);
    g_test_add_func("/rtp-stats/jitter-constant", test_jitter_constant);
    g_test_add_func("/rtp-stats/jitter-delayed", test_jitter_delayed);
    g_test_add_func("/rtp-stats/jitter-marker", test_jitter_marker);
    g_test_add_func("/rtp-stats/wrong-timestamp", test_wrong_timestamp);
    g_test_add_func("/rtp-stats/unknown-clock", test_unknown_clock);
    g_test_add_func("/rtp-stats/mdi", test_mdi_through_stats);
    g_test_add_func("/rtp-stats/fuzz", test_fuzz);
    return g_test_run();
}
