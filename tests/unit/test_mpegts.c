/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_mpegts.c - TS continuity, sync and PAT/PMT timing (mpegts.c): the
 * ETSI TR 101 290 first-priority figures, exactly. */
#include <string.h>

#include "mpegts.h"

#define MS (G_GINT64_CONSTANT(1000000))
#define PMT_PID 0x100u
#define VIDEO_PID 0x101u

/* One packet: afc 1 (payload), 2 (adaptation only) or 3; disc sets the
 * discontinuity indicator in the adaptation field. */
static void ts_packet(uint8_t *p, guint pid, unsigned cc, unsigned afc, gboolean pusi,
                      gboolean disc)
{
    memset(p, 0xff, MA_TS_PACKET);
    p[0] = MA_TS_SYNC;
    p[1] = (uint8_t)((pusi ? 0x40 : 0) | ((pid >> 8) & 0x1f));
    p[2] = (uint8_t)(pid & 0xff);
    p[3] = (uint8_t)((afc << 4) | (cc & 0x0f));
    if (afc & 2) {
        p[4] = afc == 2 ? 183 : 1;
        p[5] = disc ? 0x80 : 0x00;
    }
}

/* A PAT naming one program whose PMT is on PMT_PID. */
static void pat_packet(uint8_t *p, unsigned cc)
{
    ts_packet(p, 0, cc, 1, TRUE, FALSE);
    const uint8_t sec[] = {0x00,           0x00, 0xb0, 0x0d, 0x00, 0x01,
                           0xc1,           0x00, 0x00, 0x00, 0x01, 0xe0 | (PMT_PID >> 8),
                           PMT_PID & 0xff, 0xde, 0xad, 0xbe, 0xef};
    memcpy(p + 4, sec, sizeof sec); /* pointer field 0, then the section */
}

static void pmt_packet(uint8_t *p, unsigned cc)
{
    ts_packet(p, PMT_PID, cc, 1, TRUE, FALSE);
    p[4] = 0;    /* pointer field */
    p[5] = 0x02; /* table_id */
    p[6] = 0xb0;
    p[7] = 0x12;
}

static void test_clean_stream(void)
{
    ma_ts_stats *s = ma_ts_stats_new();
    uint8_t d[7 * MA_TS_PACKET];
    unsigned cc = 0;
    /* 40 datagrams 100 ms apart: PAT and PMT in every 4th, video otherwise */
    for (guint i = 0; i < 40; i++) {
        for (guint k = 0; k < 7; k++) {
            uint8_t *p = d + k * MA_TS_PACKET;
            if (i % 4 == 0 && k == 0)
                pat_packet(p, (i / 4) & 15);
            else if (i % 4 == 0 && k == 1)
                pmt_packet(p, (i / 4) & 15);
            else
                ts_packet(p, VIDEO_PID, cc++ & 15, 1, FALSE, FALSE);
        }
        g_assert_true(ma_ts_looks_like(d, sizeof d));
        ma_ts_stats_add(s, d, sizeof d, i * 100 * MS, i + 1);
    }
    ma_ts_summary sum;
    ma_ts_stats_summary(s, &sum);
    g_assert_cmpuint(sum.packets, ==, 280);
    g_assert_cmpuint(sum.pids, ==, 3);
    g_assert_cmpuint(sum.cc_errors, ==, 0);
    g_assert_cmpuint(sum.cc_lost, ==, 0);
    g_assert_cmpuint(sum.sync_byte_errors, ==, 0);
    g_assert_cmpuint(sum.pat_sections, ==, 10);
    g_assert_cmpuint(sum.pmt_sections, ==, 10);
    g_assert_cmpuint(sum.programs, ==, 1);
    g_assert_cmpuint(sum.pat_errors, ==, 0);
    g_assert_cmpuint(sum.pmt_errors, ==, 0);
    g_assert_cmpfloat_with_epsilon(sum.pat_interval_max_ms, 400.0, 1e-9);
    g_assert_cmpfloat_with_epsilon(sum.pmt_interval_max_ms, 400.0, 1e-9);
    ma_ts_stats_free(s);
}

static void test_continuity_rules(void)
{
    ma_ts_stats *s = ma_ts_stats_new();
    uint8_t p[MA_TS_PACKET];
    guint frame = 0;
#define ADD(cc, afc, disc)                                                                         \
    do {                                                                                           \
        ts_packet(p, VIDEO_PID, (cc), (afc), FALSE, (disc));                                       \
        ma_ts_stats_add(s, p, sizeof p, 0, ++frame);                                               \
    } while (0)
    ADD(3, 1, FALSE);
    ADD(4, 1, FALSE);
    ADD(4, 1, FALSE); /* one duplicate: allowed */
    ADD(4, 2, FALSE); /* adaptation field only: the counter stays */
    ADD(5, 3, FALSE);
    ADD(5, 1, FALSE); /* duplicate again: allowed */
    ADD(5, 1, FALSE); /* a second repeat: CC error, nothing lost (frame 7) */
    ADD(9, 1, FALSE); /* 6, 7, 8 missing: CC error (frame 8) */
    g_assert_cmpuint(ma_ts_stats_last_lost(s), ==, 3);
    ADD(2, 3, TRUE); /* discontinuity indicator: any counter */
    ADD(3, 1, FALSE);
    ADD(2, 1, FALSE); /* backwards: 4 expected, 14 "skipped" (mod 16) */
    ts_packet(p, MA_TS_PID_NULL, 0, 1, FALSE, FALSE); /* null packets: not checked */
    ma_ts_stats_add(s, p, sizeof p, 0, ++frame);
    ts_packet(p, MA_TS_PID_NULL, 0, 1, FALSE, FALSE);
    ma_ts_stats_add(s, p, sizeof p, 0, ++frame);
#undef ADD
    ma_ts_summary sum;
    ma_ts_stats_summary(s, &sum);
    g_assert_cmpuint(sum.packets, ==, 13);
    g_assert_cmpuint(sum.pids, ==, 2);
    g_assert_cmpuint(sum.cc_duplicates, ==, 2);
    g_assert_cmpuint(sum.cc_errors, ==, 3);
    g_assert_cmpuint(sum.cc_lost, ==, 3 + 14);
    g_assert_cmpuint(sum.cc_error_frame, ==, 7);
    g_assert_cmpuint(sum.cc_error_pid, ==, VIDEO_PID);
    ma_ts_stats_free(s);
}

static void test_sync_and_bounds(void)
{
    ma_ts_stats *s = ma_ts_stats_new();
    uint8_t d[7 * MA_TS_PACKET + 20];
    for (guint k = 0; k < 7; k++)
        ts_packet(d + k * MA_TS_PACKET, VIDEO_PID, k, 1, FALSE, FALSE);
    memset(d + 7 * MA_TS_PACKET, 0x47, 20);
    g_assert_false(ma_ts_looks_like(d, sizeof d)); /* not a whole number of packets */
    ma_ts_stats_add(s, d, sizeof d, 0, 1);         /* in sync after 5 */
    d[2 * MA_TS_PACKET] = 0x00;
    d[3 * MA_TS_PACKET] = 0x00; /* two bad in a row: sync lost */
    d[5 * MA_TS_PACKET] = 0x00; /* one more bad, but not in sync any more */
    for (guint k = 0; k < 7; k++)
        d[k * MA_TS_PACKET + 3] = (uint8_t)(0x10 | ((7 + k) & 15));
    ma_ts_stats_add(s, d, 7 * MA_TS_PACKET, 0, 2);
    /* a PAT whose pointer field points past the packet, and an adaptation
     * field longer than the packet: read no further */
    ts_packet(d, 0, 0, 1, TRUE, FALSE);
    d[4] = 200;
    ma_ts_stats_add(s, d, MA_TS_PACKET, 0, 3);
    ts_packet(d, 0, 1, 3, TRUE, FALSE);
    d[4] = 250;
    ma_ts_stats_add(s, d, MA_TS_PACKET, 0, 4);
    ma_ts_stats_add(s, d, 100, 0, 5); /* short: trailing only */
    ma_ts_summary sum;
    ma_ts_stats_summary(s, &sum);
    g_assert_cmpuint(sum.packets, ==, 16);
    g_assert_cmpuint(sum.trailing_bytes, ==, 120);
    g_assert_cmpuint(sum.sync_byte_errors, ==, 3);
    g_assert_cmpuint(sum.sync_losses, ==, 1);
    g_assert_cmpuint(sum.sync_error_frame, ==, 2);
    /* 7, 8 (bad) 9, 10 (bad) 11 (bad) 12, 13: 8 -> 11 -> 14 .. */
    g_assert_cmpuint(sum.pat_sections, ==, 0);
    ma_ts_stats_free(s);
}

static void test_pat_pmt_intervals(void)
{
    ma_ts_stats *s = ma_ts_stats_new();
    uint8_t p[MA_TS_PACKET];
    pat_packet(p, 0);
    ma_ts_stats_add(s, p, sizeof p, 0, 1);
    pmt_packet(p, 0);
    ma_ts_stats_add(s, p, sizeof p, 100 * MS, 2);
    pat_packet(p, 1);
    ma_ts_stats_add(s, p, sizeof p, 900 * MS, 3); /* 900 ms: PAT error */
    pmt_packet(p, 1);
    ma_ts_stats_add(s, p, sizeof p, 1000 * MS, 4); /* 900 ms: PMT error */
    ts_packet(p, 0, 2, 1, TRUE, FALSE);
    p[4] = 0;
    p[5] = 0x02; /* a PMT on PID 0: PAT error */
    ma_ts_stats_add(s, p, sizeof p, 1100 * MS, 5);
    ts_packet(p, VIDEO_PID, 0, 1, FALSE, FALSE);
    ma_ts_stats_add(s, p, sizeof p, 2000 * MS, 6); /* tails: PAT 1100 ms, PMT 1000 ms */
    ma_ts_summary sum;
    ma_ts_stats_summary(s, &sum);
    g_assert_cmpuint(sum.pat_sections, ==, 2);
    g_assert_cmpuint(sum.pmt_sections, ==, 2);
    g_assert_cmpuint(sum.pat_errors, ==, 3);
    g_assert_cmpuint(sum.pmt_errors, ==, 2);
    g_assert_cmpuint(sum.pat_error_frame, ==, 3);
    g_assert_cmpuint(sum.pmt_error_frame, ==, 4);
    g_assert_cmpuint(sum.pmt_error_pid, ==, PMT_PID);
    g_assert_cmpfloat_with_epsilon(sum.pat_interval_max_ms, 1100.0, 1e-9);
    g_assert_cmpfloat_with_epsilon(sum.pmt_interval_max_ms, 1000.0, 1e-9);
    ma_ts_stats_free(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/mpegts/clean", test_clean_stream);
    g_test_add_func("/mpegts/continuity", test_continuity_rules);
    g_test_add_func("/mpegts/sync-and-bounds", test_sync_and_bounds);
    g_test_add_func("/mpegts/pat-pmt-intervals", test_pat_pmt_intervals);
    return g_test_run();
}
