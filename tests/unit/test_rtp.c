/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_rtp.c - RTP header and RTCP compound parsing (core/rtp.c). */
#include <string.h>

#include "rtp.h"

/* V=2 P=0 X=0 CC=0, M=1 PT=96, seq 0x1234, ts 0xDEADBEEF, SSRC 0x01020304,
 * 4 payload bytes. */
static const uint8_t basic_pkt[] = {0x80, 0xE0, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02,
                                    0x03, 0x04, 'a',  'b',  'c',  'd'};

static void test_basic(void)
{
    ma_rtp_hdr h;
    GError *err = NULL;
    g_assert_true(ma_rtp_parse(basic_pkt, sizeof basic_pkt, &h, &err));
    g_assert_no_error(err);
    g_assert_cmpint(h.version, ==, 2);
    g_assert_false(h.padding);
    g_assert_false(h.extension);
    g_assert_true(h.marker);
    g_assert_cmpint(h.csrc_count, ==, 0);
    g_assert_cmpint(h.payload_type, ==, 96);
    g_assert_cmpuint(h.seq, ==, 0x1234);
    g_assert_cmpuint(h.timestamp, ==, 0xDEADBEEFu);
    g_assert_cmpuint(h.ssrc, ==, 0x01020304u);
    g_assert_cmpuint(h.header_len, ==, 12);
    g_assert_cmpuint(h.padding_len, ==, 0);
    g_assert_cmpuint(h.payload_len, ==, 4);
}

/* CC=2: two CSRCs; header 12 + 8 = 20; 1 payload byte. */
static void test_csrc(void)
{
    static const uint8_t p[] = {0x82, 0x21, 0x00, 0x07, 0, 0, 0, 9, 0, 0, 0, 1,
                                0xCA, 0xFE, 0xBA, 0xBE, 0x00, 0x00, 0x00, 0x2A, 0x55};
    ma_rtp_hdr h;
    g_assert_true(ma_rtp_parse(p, sizeof p, &h, NULL));
    g_assert_false(h.marker);
    g_assert_cmpint(h.payload_type, ==, 0x21);
    g_assert_cmpint(h.csrc_count, ==, 2);
    g_assert_cmpuint(h.csrc[0], ==, 0xCAFEBABEu);
    g_assert_cmpuint(h.csrc[1], ==, 42);
    g_assert_cmpuint(h.header_len, ==, 20);
    g_assert_cmpuint(h.payload_len, ==, 1);
}

/* X=1: profile 0xBEDE, length 1 word -> header 12 + 4 + 4 = 20. */
static void test_extension(void)
{
    static const uint8_t p[] = {0x90, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1,
                                0xBE, 0xDE, 0x00, 0x01, 0x10, 0xAA, 0x00, 0x00, 0x77, 0x88};
    ma_rtp_hdr h;
    g_assert_true(ma_rtp_parse(p, sizeof p, &h, NULL));
    g_assert_true(h.extension);
    g_assert_cmpuint(h.ext_profile, ==, 0xBEDE);
    g_assert_cmpuint(h.ext_len, ==, 4);
    g_assert_cmpuint(h.header_len, ==, 20);
    g_assert_cmpuint(h.payload_len, ==, 2);
}

/* P=1: 4 payload bytes then 3 bytes of padding (count 3). */
static void test_padding(void)
{
    uint8_t p[] = {0xA0, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 'a', 'b', 'c', 'd', 0, 0, 3};
    ma_rtp_hdr h;
    GError *err = NULL;
    g_assert_true(ma_rtp_parse(p, sizeof p, &h, NULL));
    g_assert_true(h.padding);
    g_assert_cmpuint(h.padding_len, ==, 3);
    g_assert_cmpuint(h.payload_len, ==, 4);
    /* everything after the header is padding: allowed, payload 0 */
    p[sizeof p - 1] = 7;
    g_assert_true(ma_rtp_parse(p, sizeof p, &h, NULL));
    g_assert_cmpuint(h.payload_len, ==, 0);
    /* count 8 > 7 bytes after the header */
    p[sizeof p - 1] = 8;
    g_assert_false(ma_rtp_parse(p, sizeof p, &h, &err));
    g_assert_error(err, MA_RTP_ERROR, MA_RTP_ERROR_MALFORMED);
    g_clear_error(&err);
    /* count 0 is not a valid padding count */
    p[sizeof p - 1] = 0;
    g_assert_false(ma_rtp_parse(p, sizeof p, &h, &err));
    g_assert_error(err, MA_RTP_ERROR, MA_RTP_ERROR_MALFORMED);
    g_clear_error(&err);
}

/* CC=1, X=1 (1 word), 3 payload bytes 0xFF, padding FF FF 03: 30 bytes.
 * Every shorter prefix must fail: below 24 the header is cut, from 24 on
 * the last byte (0xFF) is an impossible padding count. */
static void test_truncated_every_offset(void)
{
    static const uint8_t p[] = {0xB1, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0xBE, 0xDE, 0x00, 0x01,
                                1,    2,    3, 4, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x03};
    ma_rtp_hdr h;
    g_assert_cmpuint(sizeof p, ==, 30);
    g_assert_true(ma_rtp_parse(p, sizeof p, &h, NULL));
    g_assert_cmpuint(h.header_len, ==, 24);
    g_assert_cmpuint(h.payload_len, ==, 3);
    g_assert_cmpuint(h.padding_len, ==, 3);
    for (gsize len = 0; len < sizeof p; len++) {
        GError *err = NULL;
        /* a heap copy of exactly len bytes, so ASan sees any over-read */
        uint8_t *copy = g_memdup2(p, len);
        g_assert_false(ma_rtp_parse(copy, len, &h, &err));
        g_assert_nonnull(err);
        g_assert_cmpint(err->code, ==, len < 24 ? MA_RTP_ERROR_TRUNCATED : MA_RTP_ERROR_MALFORMED);
        g_clear_error(&err);
        g_free(copy);
    }
}

static void test_version(void)
{
    uint8_t p[sizeof basic_pkt];
    ma_rtp_hdr h;
    for (int v = 0; v < 4; v++) {
        GError *err = NULL;
        memcpy(p, basic_pkt, sizeof p);
        p[0] = (uint8_t)((v << 6) | (p[0] & 0x3F));
        if (v == 2) {
            g_assert_true(ma_rtp_parse(p, sizeof p, &h, &err));
            continue;
        }
        g_assert_false(ma_rtp_parse(p, sizeof p, &h, &err));
        g_assert_error(err, MA_RTP_ERROR, MA_RTP_ERROR_MALFORMED);
        g_assert_nonnull(strstr(err->message, "version"));
        g_clear_error(&err);
    }
}

static void test_looks_like_rtcp(void)
{
    uint8_t b[2] = {0x80, 0};
    b[1] = 200;
    g_assert_true(ma_rtp_looks_like_rtcp(b, 2));
    b[1] = 192;
    g_assert_true(ma_rtp_looks_like_rtcp(b, 2));
    b[1] = 223;
    g_assert_true(ma_rtp_looks_like_rtcp(b, 2));
    b[1] = 191; /* RTP: marker + PT 63 */
    g_assert_false(ma_rtp_looks_like_rtcp(b, 2));
    b[1] = 224; /* RTP: marker + PT 96, the usual H.264 packet */
    g_assert_false(ma_rtp_looks_like_rtcp(b, 2));
    b[1] = 0x80 | 72; /* marker + PT 72 = 200: why RFC 5761 bans PT 64-95 */
    g_assert_true(ma_rtp_looks_like_rtcp(b, 2));
    g_assert_false(ma_rtp_looks_like_rtcp(b, 1));
    g_assert_false(ma_rtp_looks_like_rtcp(NULL, 0));
}

/* SR (RC=1, 52 bytes) + SDES (CNAME "cam@10.0.0", 24 bytes). */
static const uint8_t sr_sdes[] = {
    0x81, 200, 0x00, 12,                                     /* SR, length 12 -> 52 bytes */
    0x11, 0x22, 0x33, 0x44,                                  /* sender SSRC */
    0x83, 0xAA, 0x7E, 0x80, 0x80, 0x00, 0x00, 0x00,          /* NTP */
    0x00, 0x01, 0x00, 0x00,                                  /* RTP ts 65536 */
    0x00, 0x00, 0x00, 100,                                   /* packets */
    0x00, 0x00, 0x36, 0xB0,                                  /* octets 14000 */
    0xAA, 0xBB, 0xCC, 0xDD, 0x40, 0x00, 0x00, 0x05,          /* block: ssrc, 64/256, lost 5 */
    0x00, 0x01, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x10,          /* ext highest 131071, jitter 16 */
    0x12, 0x34, 0x56, 0x78, 0x00, 0x01, 0x00, 0x00,          /* LSR, DLSR */
    0x81, 202, 0x00, 5,                                      /* SDES, length 5 -> 24 bytes */
    0x11, 0x22, 0x33, 0x44, 1, 10, 'c', 'a', 'm', '@', '1', '0', '.', '0', '.', '0', 0, 0, 0, 0};

static void test_rtcp_sr_sdes(void)
{
    ma_rtcp_compound c;
    GError *err = NULL;
    g_assert_cmpuint(sizeof sr_sdes, ==, 76);
    g_assert_true(ma_rtcp_parse(sr_sdes, sizeof sr_sdes, &c, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(c.n_packets, ==, 2);
    g_assert_cmpint(c.packets[0].type, ==, 200);
    g_assert_cmpint(c.packets[0].count, ==, 1);
    g_assert_cmpuint(c.packets[0].ssrc, ==, 0x11223344u);
    g_assert_cmpuint(c.packets[0].ntp_timestamp, ==, G_GUINT64_CONSTANT(0x83AA7E8080000000));
    g_assert_cmpuint(c.packets[0].rtp_timestamp, ==, 65536);
    g_assert_cmpuint(c.packets[0].sender_packets, ==, 100);
    g_assert_cmpuint(c.packets[0].sender_octets, ==, 14000);
    g_assert_cmpuint(c.packets[0].n_reports, ==, 1);
    g_assert_cmpuint(c.packets[0].reports[0].ssrc, ==, 0xAABBCCDDu);
    g_assert_cmpuint(c.packets[0].reports[0].fraction_lost, ==, 64);
    g_assert_cmpint(c.packets[0].reports[0].cumulative_lost, ==, 5);
    g_assert_cmpuint(c.packets[0].reports[0].ext_highest_seq, ==, 131071);
    g_assert_cmpuint(c.packets[0].reports[0].jitter, ==, 16);
    g_assert_cmpuint(c.packets[0].reports[0].lsr, ==, 0x12345678u);
    g_assert_cmpuint(c.packets[0].reports[0].dlsr, ==, 65536);
    g_assert_null(c.packets[0].cname);
    g_assert_cmpint(c.packets[1].type, ==, 202);
    g_assert_cmpuint(c.packets[1].ssrc, ==, 0x11223344u);
    g_assert_cmpstr(c.packets[1].cname, ==, "cam@10.0.0");
    ma_rtcp_compound_clear(&c);
    g_assert_cmpuint(c.n_packets, ==, 0);
    g_assert_null(c.packets);
}

/* Only a cut exactly at the SR/SDES boundary (52) leaves a valid compound. */
static void test_rtcp_truncated_every_offset(void)
{
    for (gsize len = 0; len < sizeof sr_sdes; len++) {
        ma_rtcp_compound c;
        GError *err = NULL;
        uint8_t *copy = g_memdup2(sr_sdes, len);
        gboolean ok = ma_rtcp_parse(copy, len, &c, &err);
        g_assert_cmpint(ok, ==, len == 52);
        if (ok) {
            g_assert_cmpuint(c.n_packets, ==, 1);
        } else {
            g_assert_error(err, MA_RTP_ERROR, MA_RTP_ERROR_TRUNCATED);
            g_assert_cmpuint(c.n_packets, ==, 0);
            g_assert_null(c.packets);
        }
        g_clear_error(&err);
        ma_rtcp_compound_clear(&c);
        g_free(copy);
    }
}

/* RR with 2 blocks: cumulative lost 0xFFFFFE = -2 and 0x800000 = -8388608. */
static void test_rtcp_rr_negative(void)
{
    static const uint8_t p[] = {
        0x82, 201, 0x00, 13, 0x00, 0x00, 0x00, 0x07,            /* RR, 56 bytes, SSRC 7 */
        0x00, 0x00, 0x00, 0x01, 0x00, 0xFF, 0xFF, 0xFE,         /* block 1: lost -2 */
        0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 0,
        0x00, 0x00, 0x00, 0x02, 0xFF, 0x80, 0x00, 0x00,         /* block 2: 255/256, lost -2^23 */
        0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x01, 0x00, 0, 0, 0, 1, 0, 0, 0, 2};
    ma_rtcp_compound c;
    g_assert_true(ma_rtcp_parse(p, sizeof p, &c, NULL));
    g_assert_cmpuint(c.n_packets, ==, 1);
    g_assert_cmpint(c.packets[0].type, ==, 201);
    g_assert_cmpuint(c.packets[0].ssrc, ==, 7);
    g_assert_cmpuint(c.packets[0].n_reports, ==, 2);
    g_assert_cmpint(c.packets[0].reports[0].cumulative_lost, ==, -2);
    g_assert_cmpuint(c.packets[0].reports[0].ext_highest_seq, ==, 4096);
    g_assert_cmpuint(c.packets[0].reports[0].jitter, ==, 3);
    g_assert_cmpint(c.packets[0].reports[1].cumulative_lost, ==, -8388608);
    g_assert_cmpuint(c.packets[0].reports[1].fraction_lost, ==, 255);
    g_assert_cmpuint(c.packets[0].reports[1].jitter, ==, 256);
    g_assert_cmpuint(c.packets[0].reports[1].lsr, ==, 1);
    g_assert_cmpuint(c.packets[0].reports[1].dlsr, ==, 2);
    ma_rtcp_compound_clear(&c);
}

static void expect_rtcp_error(const uint8_t *p, gsize len, int code, const char *word)
{
    ma_rtcp_compound c;
    GError *err = NULL;
    g_assert_false(ma_rtcp_parse(p, len, &c, &err));
    g_assert_error(err, MA_RTP_ERROR, code);
    g_assert_nonnull(strstr(err->message, word));
    g_assert_cmpuint(c.n_packets, ==, 0);
    g_clear_error(&err);
}

static void test_rtcp_errors(void)
{
    /* length 1 says 8 bytes, 6 present */
    static const uint8_t overrun[] = {0x80, 201, 0x00, 0x01, 0, 0};
    /* RR with RC=1 in a packet of 8 bytes: the block does not fit */
    static const uint8_t short_rr[] = {0x81, 201, 0x00, 0x01, 0, 0, 0, 1};
    /* second packet with version 1 */
    static const uint8_t ver[] = {0x80, 201, 0x00, 0x01, 0, 0, 0, 1, 0x40, 202, 0x00, 0x00};
    /* RTP, not RTCP */
    static const uint8_t rtp[] = {0x80, 96, 0x00, 0x01, 0, 0, 0, 1};
    /* SDES item claims 20 bytes in an 8-byte chunk */
    static const uint8_t sdes[] = {0x81, 202, 0x00, 0x02, 0, 0, 0, 1, 1, 20, 'a', 'b'};
    /* two bytes after a valid RR */
    static const uint8_t trailing[] = {0x80, 201, 0x00, 0x01, 0, 0, 0, 1, 0x80, 201};
    /* padding count larger than the body */
    static const uint8_t pad[] = {0xA0, 201, 0x00, 0x01, 0, 0, 0, 9};
    expect_rtcp_error(overrun, sizeof overrun, MA_RTP_ERROR_TRUNCATED, "length");
    expect_rtcp_error(short_rr, sizeof short_rr, MA_RTP_ERROR_TRUNCATED, "SR/RR");
    expect_rtcp_error(ver, sizeof ver, MA_RTP_ERROR_MALFORMED, "version");
    expect_rtcp_error(rtp, sizeof rtp, MA_RTP_ERROR_MALFORMED, "not RTCP");
    expect_rtcp_error(sdes, sizeof sdes, MA_RTP_ERROR_TRUNCATED, "SDES");
    expect_rtcp_error(trailing, sizeof trailing, MA_RTP_ERROR_TRUNCATED, "header");
    expect_rtcp_error(pad, sizeof pad, MA_RTP_ERROR_MALFORMED, "padding");
}

/* BYE (SC=1), APP, and XR (207, kept with type only), first packet not SR/RR. */
static void test_rtcp_bye_app_unknown(void)
{
    static const uint8_t p[] = {0x81, 203, 0x00, 0x01, 0xDE, 0xAD, 0x00, 0x01,             /* BYE */
                                0x80, 204, 0x00, 0x02, 0x00, 0x00, 0x00, 0x05, 'N', 'A', 'M', 'E', /* APP */
                                0x80, 207, 0x00, 0x00};                                     /* XR */
    ma_rtcp_compound c;
    g_assert_true(ma_rtcp_parse(p, sizeof p, &c, NULL));
    g_assert_cmpuint(c.n_packets, ==, 3);
    g_assert_cmpint(c.packets[0].type, ==, 203);
    g_assert_cmpuint(c.packets[0].ssrc, ==, 0xDEAD0001u);
    g_assert_cmpint(c.packets[1].type, ==, 204);
    g_assert_cmpuint(c.packets[1].ssrc, ==, 5);
    g_assert_cmpint(c.packets[2].type, ==, 207);
    g_assert_cmpuint(c.packets[2].ssrc, ==, 0);
    g_assert_cmpuint(c.packets[2].n_reports, ==, 0);
    ma_rtcp_compound_clear(&c);
}

/* Random and mutated datagrams (fixed seed): never crash (ASan/UBSan), and
 * whatever parses obeys the length arithmetic. */
static void test_fuzz(void)
{
    GRand *r = g_rand_new_with_seed(20240607);
    guint rtp_ok = 0, rtcp_ok = 0;
    for (int i = 0; i < 200000; i++) {
        /* even rounds: the valid SR+SDES (or its SR alone) with 0-2 bytes
         * changed; odd rounds: random bytes */
        gsize len = i % 2 ? (gsize)g_rand_int_range(r, 0, 96) : (i % 4 ? 52 : sizeof sr_sdes);
        int mutations = i % 2 ? 0 : g_rand_int_range(r, 0, 3);
        uint8_t *buf = g_malloc(len + 1);
        ma_rtp_hdr h;
        ma_rtcp_compound c;
        if (i % 2 == 0)
            memcpy(buf, sr_sdes, len);
        else
            for (gsize k = 0; k < len; k++)
                buf[k] = (uint8_t)g_rand_int(r);
        for (int k = 0; k < mutations; k++)
            buf[g_rand_int_range(r, 0, (gint32)len)] = (uint8_t)g_rand_int(r);
        if (len > 0 && g_rand_boolean(r))
            buf[0] = (uint8_t)(0x80 | (buf[0] & 0x3F)); /* version 2 more often */
        if (ma_rtp_parse(buf, len, &h, NULL)) {
            rtp_ok++;
            g_assert_cmpuint(h.header_len + h.padding_len + h.payload_len, ==, len);
            g_assert_cmpint(h.csrc_count, <=, 15);
        }
        if (ma_rtcp_parse(buf, len, &c, NULL)) {
            rtcp_ok++;
            g_assert_cmpuint(c.n_packets, >=, 1);
            for (guint k = 0; k < c.n_packets; k++)
                g_assert_cmpuint(c.packets[k].n_reports, <=, 31);
        }
        ma_rtcp_compound_clear(&c);
        g_free(buf);
    }
    /* the loop must reach the success paths too, or it proves little */
    g_assert_cmpuint(rtp_ok, >, 1000);
    g_assert_cmpuint(rtcp_ok, >, 100);
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/rtp/basic", test_basic);
    g_test_add_func("/rtp/csrc", test_csrc);
    g_test_add_func("/rtp/extension", test_extension);
    g_test_add_func("/rtp/padding", test_padding);
    g_test_add_func("/rtp/truncated-every-offset", test_truncated_every_offset);
    g_test_add_func("/rtp/version", test_version);
    g_test_add_func("/rtp/looks-like-rtcp", test_looks_like_rtcp);
    g_test_add_func("/rtcp/sr-sdes", test_rtcp_sr_sdes);
    g_test_add_func("/rtcp/truncated-every-offset", test_rtcp_truncated_every_offset);
    g_test_add_func("/rtcp/rr-negative-lost", test_rtcp_rr_negative);
    g_test_add_func("/rtcp/errors", test_rtcp_errors);
    g_test_add_func("/rtcp/bye-app-unknown", test_rtcp_bye_app_unknown);
    g_test_add_func("/rtp/fuzz", test_fuzz);
    return g_test_run();
}
