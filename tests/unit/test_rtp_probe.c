/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_rtp_probe.c - RTP validation of unsignalled flows (rtp_probe.c) and
 * the control traffic that is never media (udp_control.c). */
#include "corr_sim.h" /* rtp_bytes */
#include "rtp_probe.h"
#include "udp_control.h"

#define MS (G_GINT64_CONSTANT(1000000))

/* A Windows LLMNR query (RFC 4795): id 0x8a3f has version bits 10, so it
 * "parses" as RTP: seq = flags 0, ts = QDCOUNT 1 / ANCOUNT 0, ssrc 0. */
static const uint8_t llmnr_query[] = {0x80, 0x3f, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
                                      0x00, 0x00, 0x04, 'w',  'p',  'a',  'd',  0x00, 0x00, 0x01, 0x00, 0x01};

static void test_llmnr_never_rtp(void)
{
    ma_rtp_probe p = {0};
    ma_rtp_hdr h;
    /* the query, its retransmission 100 ms later, then a new query id */
    g_assert_cmpint(ma_rtp_probe_add(&p, llmnr_query, sizeof llmnr_query, 0, &h), ==, MA_RTP_PROBE_PKT_RTP);
    g_assert_cmpint(ma_rtp_probe_add(&p, llmnr_query, sizeof llmnr_query, 100 * MS, &h), ==, MA_RTP_PROBE_PKT_RTP);
    g_assert_cmpint(p.state, ==, MA_RTP_PROBE_TRYING);
    g_assert_cmpuint(p.in_a_row, ==, 1); /* the same sequence number is no run */
    for (int i = 2; i < MA_RTP_PROBE_GIVE_UP; i++)
        (void)ma_rtp_probe_add(&p, llmnr_query, sizeof llmnr_query, (200 + i) * MS, &h);
    g_assert_cmpint(p.state, ==, MA_RTP_PROBE_NOT_RTP);
    g_assert_cmpuint(p.tried, ==, MA_RTP_PROBE_GIVE_UP);
    /* once decided, never parsed again */
    uint8_t b[200];
    g_assert_cmpint(ma_rtp_probe_add(&p, b, rtp_bytes(b, 96, 1, 0, 7), 0, &h), ==, MA_RTP_PROBE_PKT_OTHER);
    g_assert_cmpuint(p.tried, ==, MA_RTP_PROBE_GIVE_UP);
}

static void test_consecutive_passes(void)
{
    ma_rtp_probe p = {0};
    ma_rtp_hdr h;
    uint8_t b[200];
    g_assert_cmpint(ma_rtp_probe_add(&p, b, rtp_bytes(b, 96, 100, 9000, 0xabc), 0, &h), ==, MA_RTP_PROBE_PKT_RTP);
    g_assert_cmpint(p.state, ==, MA_RTP_PROBE_TRYING);
    g_assert_cmpuint(h.seq, ==, 100);
    g_assert_cmpint(ma_rtp_probe_add(&p, b, rtp_bytes(b, 96, 101, 12600, 0xabc), 40 * MS, &h), ==,
                    MA_RTP_PROBE_PKT_RTP);
    g_assert_cmpint(p.state, ==, MA_RTP_PROBE_RTP);
    g_assert_cmpuint(p.tried, ==, 2);
}

static void test_loss_in_probation_restarts_it(void)
{
    ma_rtp_probe p = {0};
    ma_rtp_hdr h;
    uint8_t b[200];
    (void)ma_rtp_probe_add(&p, b, rtp_bytes(b, 0, 65535, 0, 1), 0, &h);
    (void)ma_rtp_probe_add(&p, b, rtp_bytes(b, 0, 1, 320, 1), 40 * MS, &h); /* 0 lost */
    g_assert_cmpint(p.state, ==, MA_RTP_PROBE_TRYING);
    g_assert_cmpuint(p.in_a_row, ==, 1);
    (void)ma_rtp_probe_add(&p, b, rtp_bytes(b, 0, 2, 480, 1), 60 * MS, &h); /* wrap-safe +1 */
    g_assert_cmpint(p.state, ==, MA_RTP_PROBE_RTP);
}

static void test_ssrc_or_pt_change_restarts(void)
{
    ma_rtp_probe p = {0};
    ma_rtp_hdr h;
    uint8_t b[200];
    (void)ma_rtp_probe_add(&p, b, rtp_bytes(b, 96, 10, 0, 1), 0, &h);
    g_assert_cmpint(ma_rtp_probe_add(&p, b, rtp_bytes(b, 96, 11, 0, 2), 1 * MS, &h), ==, MA_RTP_PROBE_PKT_RESTART);
    g_assert_cmpint(ma_rtp_probe_add(&p, b, rtp_bytes(b, 97, 12, 0, 2), 2 * MS, &h), ==, MA_RTP_PROBE_PKT_RESTART);
    g_assert_cmpint(p.state, ==, MA_RTP_PROBE_TRYING);
    g_assert_cmpint(ma_rtp_probe_add(&p, b, rtp_bytes(b, 97, 13, 0, 2), 3 * MS, &h), ==, MA_RTP_PROBE_PKT_RTP);
    g_assert_cmpint(p.state, ==, MA_RTP_PROBE_RTP);
}

static void test_implausible_timestamp(void)
{
    ma_rtp_probe p = {0};
    ma_rtp_hdr h;
    uint8_t b[200];
    (void)ma_rtp_probe_add(&p, b, rtp_bytes(b, 96, 10, 0, 5), 0, &h);
    /* 96001 ticks in 40 ms: more than 96 kHz allows for a gap under 1 s */
    (void)ma_rtp_probe_add(&p, b, rtp_bytes(b, 96, 11, 96001, 5), 40 * MS, &h);
    g_assert_cmpuint(p.in_a_row, ==, 1);
    /* 96000 ticks is the limit; backwards within it is fine (B-frames) */
    (void)ma_rtp_probe_add(&p, b, rtp_bytes(b, 96, 12, 1, 5), 80 * MS, &h);
    g_assert_cmpint(p.state, ==, MA_RTP_PROBE_RTP);
    /* a 3 s gap allows 4 x 96000 */
    ma_rtp_probe q = {0};
    (void)ma_rtp_probe_add(&q, b, rtp_bytes(b, 0, 1, 0, 5), 0, &h);
    (void)ma_rtp_probe_add(&q, b, rtp_bytes(b, 0, 2, 384000, 5), 3000 * MS, &h);
    g_assert_cmpint(q.state, ==, MA_RTP_PROBE_RTP);
}

static void test_rtcp_range_payload_types(void)
{
    ma_rtp_probe p = {0};
    ma_rtp_hdr h;
    uint8_t b[200];
    for (int pt = 72; pt <= 76; pt++)
        g_assert_cmpint(ma_rtp_probe_add(&p, b, rtp_bytes(b, pt, (uint16_t)pt, 0, 1), 0, &h), ==,
                        MA_RTP_PROBE_PKT_OTHER);
    g_assert_cmpuint(p.in_a_row, ==, 0);
    uint8_t v1[200];
    rtp_bytes(v1, 96, 1, 0, 1);
    v1[0] = 0x40; /* version 1 */
    g_assert_cmpint(ma_rtp_probe_add(&p, v1, sizeof v1, 0, &h), ==, MA_RTP_PROBE_PKT_OTHER);
    g_assert_cmpint(ma_rtp_probe_add(&p, v1, 11, 0, &h), ==, MA_RTP_PROBE_PKT_OTHER); /* short */
}

static void test_rtcp_compound(void)
{
    /* RR with no blocks (8 bytes) + SDES with one empty chunk (8 bytes) */
    uint8_t rr_sdes[16] = {0x80, 201, 0, 1, 0, 0, 0, 9, 0x81, 202, 0, 1, 0, 0, 0, 9};
    g_assert_true(ma_rtcp_valid_compound(rr_sdes, sizeof rr_sdes));
    g_assert_false(ma_rtcp_valid_compound(rr_sdes, 12));     /* SDES length runs over */
    g_assert_false(ma_rtcp_valid_compound(rr_sdes, 8 + 2));  /* trailing bytes */
    g_assert_true(ma_rtcp_valid_compound(rr_sdes, 8));
    uint8_t sdes_first[8] = {0x81, 202, 0, 1, 0, 0, 0, 9};
    g_assert_false(ma_rtcp_valid_compound(sdes_first, sizeof sdes_first)); /* A.2: SR or RR first */
    uint8_t padded[8] = {0xa0, 201, 0, 1, 0, 0, 0, 9};
    g_assert_false(ma_rtcp_valid_compound(padded, sizeof padded)); /* padding in the first */
    uint8_t v1[8] = {0x40, 201, 0, 1, 0, 0, 0, 9};
    g_assert_false(ma_rtcp_valid_compound(v1, sizeof v1));
    g_assert_false(ma_rtcp_valid_compound(NULL, 0));
    ma_rtp_probe p = {0};
    ma_rtp_hdr h;
    g_assert_cmpint(ma_rtp_probe_add(&p, rr_sdes, sizeof rr_sdes, 0, &h), ==, MA_RTP_PROBE_PKT_RTCP);
    g_assert_cmpint(ma_rtp_probe_add(&p, sdes_first, sizeof sdes_first, 0, &h), ==, MA_RTP_PROBE_PKT_OTHER);
}

static const char *control(const char *dst, uint16_t sport, uint16_t dport)
{
    ma_addr a;
    g_assert_true(ma_addr_parse(dst, &a));
    return ma_udp_control_name(&a, sport, dport);
}

static void test_control_traffic(void)
{
    g_assert_cmpstr(control("224.0.0.252", 60000, 5355), ==, "LLMNR");
    g_assert_cmpstr(control("ff02::1:3", 60000, 5355), ==, "LLMNR");
    g_assert_cmpstr(control("10.0.0.5", 5355, 60000), ==, "LLMNR"); /* the unicast answer */
    g_assert_cmpstr(control("224.0.0.251", 5353, 5353), ==, "mDNS");
    g_assert_cmpstr(control("239.255.255.250", 50000, 1900), ==, "SSDP");
    g_assert_cmpstr(control("239.255.255.250", 50000, 3702), ==, "WS-Discovery");
    g_assert_cmpstr(control("10.0.0.1", 123, 123), ==, "NTP");
    g_assert_cmpstr(control("10.0.0.1", 53, 40000), ==, "DNS");
    g_assert_cmpstr(control("224.0.0.9", 5000, 5000), ==, "link-local multicast");
    g_assert_cmpstr(control("ff02::16", 5000, 5000), ==, "link-local multicast");
    g_assert_cmpstr(control("ff12::8000:1", 5000, 5000), ==, "link-local multicast"); /* transient */
    g_assert_cmpstr(control("ff01::1", 5000, 5000), ==, "link-local multicast");
    g_assert_null(control("224.0.1.1", 5000, 5000));
    g_assert_null(control("239.255.255.200", 8860, 8860));
    g_assert_null(control("ff15::efff:ffc8", 8860, 8860));
    g_assert_null(control("ff05::2", 5000, 5000));
    g_assert_null(control("10.9.97.42", 8214, 51372));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/rtp_probe/llmnr_never_rtp", test_llmnr_never_rtp);
    g_test_add_func("/rtp_probe/consecutive_passes", test_consecutive_passes);
    g_test_add_func("/rtp_probe/loss_in_probation", test_loss_in_probation_restarts_it);
    g_test_add_func("/rtp_probe/ssrc_or_pt_change", test_ssrc_or_pt_change_restarts);
    g_test_add_func("/rtp_probe/implausible_timestamp", test_implausible_timestamp);
    g_test_add_func("/rtp_probe/rtcp_range_payload_types", test_rtcp_range_payload_types);
    g_test_add_func("/rtp_probe/rtcp_compound", test_rtcp_compound);
    g_test_add_func("/udp_control/names", test_control_traffic);
    return g_test_run();
}
