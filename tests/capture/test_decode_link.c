/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_decode_link.c - link layers down to IP: Ethernet with VLAN stacks,
 * Linux cooked v1/v2, raw IP, BSD loopback in both byte orders. */
#include <pcap/pcap.h>
#include "pkt.h"

static const uint8_t RTP[12] = { 0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9 };

/* A UDP datagram 10.0.0.1:5000 -> 239.1.1.1:5004, TTL 7, as IPv4 bytes. */
static GByteArray *udp4(void)
{
    GByteArray *u = pk_udp(5000, 5004, RTP, sizeof RTP);
    GByteArray *ip = pk_ipv4("10.0.0.1", "239.1.1.1", IPPROTO_UDP, 7, u);
    g_byte_array_unref(u);
    return ip;
}

static GByteArray *udp6(void)
{
    GByteArray *u = pk_udp(5000, 5004, RTP, sizeof RTP);
    GByteArray *ip = pk_ipv6("fe80::1", "ff3e::1234", IPPROTO_UDP, 5, NULL, 0, u);
    g_byte_array_unref(u);
    return ip;
}

static void assert_udp4(const rec *r, guint i, uint32_t frame)
{
    const rec_event *e = rec_get(r, i);
    g_assert_cmpint(e->kind, ==, REC_UDP);
    g_assert_cmpuint(e->frame, ==, frame);
    g_assert_cmpstr(e->src, ==, "10.0.0.1");
    g_assert_cmpstr(e->dst, ==, "239.1.1.1");
    g_assert_cmpuint(e->sport, ==, 5000);
    g_assert_cmpuint(e->dport, ==, 5004);
    g_assert_cmpint(e->ttl, ==, 7);
    g_assert_cmpuint(e->payload_len, ==, 12);
    g_assert_cmpuint(e->wire_len, ==, 12);
    g_assert_cmpuint(e->first_byte, ==, 0x80);
}

static void test_ethernet_vlans(void)
{
    rec r;
    rec_init(&r, NULL);
    GByteArray *ip = udp4();
    static const uint16_t q[] = { 0x8100 };
    static const uint16_t qinq[] = { 0x88a8, 0x8100 };
    static const uint16_t old_qinq[] = { 0x9100, 0x9100, 0x8100 };
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, 1, pk_eth(NULL, 0, 0x0800, ip)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, 2, pk_eth(q, 1, 0x0800, ip)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, 3, pk_eth(qinq, 2, 0x0800, ip)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, 4, pk_eth(old_qinq, 3, 0x0800, ip)), ==, MA_DEC_EVENT);
    /* ARP is not ours; a tag cut in the middle is malformed */
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, 5, pk_eth(NULL, 0, 0x0806, ip)), ==, MA_DEC_SKIPPED);
    GByteArray *cut = pk_eth(qinq, 2, 0x0800, ip);
    g_byte_array_set_size(cut, 16);
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, 6, cut), ==, MA_DEC_MALFORMED);
    GByteArray *runt = pk_bytes("\x01\x02\x03", 3);
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, 7, runt), ==, MA_DEC_MALFORMED);
    /* Ethernet pads short frames to 60 bytes: the padding is not payload */
    GByteArray *padded = pk_eth(NULL, 0, 0x0800, ip);
    static const uint8_t pad[20];
    g_byte_array_append(padded, pad, sizeof pad);
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, 8, padded), ==, MA_DEC_EVENT);

    g_assert_cmpuint(r.events->len, ==, 5);
    assert_udp4(&r, 0, 1);
    assert_udp4(&r, 1, 2);
    assert_udp4(&r, 2, 3);
    assert_udp4(&r, 3, 4);
    assert_udp4(&r, 4, 8);
    g_assert_cmpuint(r.st.frames, ==, 8);
    g_assert_cmpuint(r.st.undecoded, ==, 1);
    g_assert_cmpuint(r.st.malformed, ==, 2);
    g_assert_cmpint(r.st.first_ns, ==, 1);
    g_assert_cmpint(r.st.last_ns, ==, 8);
    g_byte_array_unref(ip);
    rec_clear(&r);
}

static void test_cooked_raw_loop(void)
{
    rec r;
    rec_init(&r, NULL);
    GByteArray *ip = udp4(), *ip6 = udp6();
    g_assert_cmpint(rec_frame_free(&r, DLT_LINUX_SLL, 1, pk_sll(0x0800, ip)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_LINUX_SLL2, 2, pk_sll2(0x0800, ip)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame(&r, DLT_RAW, 3, ip), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame(&r, DLT_IPV4, 4, ip), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame(&r, 101 /* LINKTYPE_RAW as stored */, 5, ip), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_NULL, 6, pk_null(2, FALSE, ip)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_NULL, 7, pk_null(2, TRUE, ip)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_LOOP, 8, pk_null(2, TRUE, ip)), ==, MA_DEC_EVENT);
    for (guint i = 0; i < 8; i++)
        assert_udp4(&r, i, i + 1);

    /* IPv6 through each of them, and every BSD AF_INET6 value */
    g_assert_cmpint(rec_frame_free(&r, DLT_LINUX_SLL, 9, pk_sll(0x86dd, ip6)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_LINUX_SLL2, 10, pk_sll2(0x86dd, ip6)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame(&r, DLT_RAW, 11, ip6), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame(&r, DLT_IPV6, 12, ip6), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_NULL, 13, pk_null(24, FALSE, ip6)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_NULL, 14, pk_null(28, TRUE, ip6)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_LOOP, 15, pk_null(30, TRUE, ip6)), ==, MA_DEC_EVENT);
    g_assert_cmpuint(r.events->len, ==, 15);
    for (guint i = 8; i < 15; i++) {
        const rec_event *e = rec_get(&r, i);
        g_assert_cmpstr(e->src, ==, "fe80::1");
        g_assert_cmpstr(e->dst, ==, "ff3e::1234");
        g_assert_cmpint(e->ttl, ==, 5);
        g_assert_cmpuint(e->frame, ==, i + 1);
    }

    /* wrong IP version for the link type, unknown family, cut headers */
    g_assert_cmpint(rec_frame(&r, DLT_IPV6, 16, ip), ==, MA_DEC_MALFORMED);
    g_assert_cmpint(rec_frame_free(&r, DLT_NULL, 17, pk_null(7, FALSE, ip)), ==, MA_DEC_SKIPPED);
    g_assert_cmpint(rec_frame_free(&r, DLT_LINUX_SLL, 18, pk_bytes("0123456789", 10)), ==, MA_DEC_MALFORMED);
    g_assert_cmpint(rec_frame_free(&r, DLT_LINUX_SLL2, 19, pk_bytes("0123456789abcdef", 16)), ==, MA_DEC_MALFORMED);
    g_assert_cmpint(rec_frame_free(&r, DLT_RAW, 20, pk_bytes("\x50", 1)), ==, MA_DEC_MALFORMED);
    g_assert_cmpint(rec_frame_free(&r, DLT_LOOP, 21, pk_bytes("\0\0", 2)), ==, MA_DEC_MALFORMED);
    g_assert_cmpint(rec_frame_free(&r, DLT_RAW, 22, pk_bytes("", 0)), ==, MA_DEC_MALFORMED);
    g_assert_cmpuint(r.events->len, ==, 15);
    g_assert_cmpuint(r.st.frames, ==, 22);
    g_assert_cmpuint(r.st.malformed, ==, 6);
    g_assert_cmpuint(r.st.undecoded, ==, 1);
    g_byte_array_unref(ip);
    g_byte_array_unref(ip6);
    rec_clear(&r);
}

static void test_supported_list(void)
{
    static const int yes[] = { DLT_NULL, DLT_EN10MB, DLT_RAW, DLT_LOOP, DLT_LINUX_SLL,
                               DLT_LINUX_SLL2, DLT_IPV4, DLT_IPV6 };
    for (gsize i = 0; i < G_N_ELEMENTS(yes); i++)
        g_assert_true(ma_decode_link_supported(yes[i]));
    g_assert_false(ma_decode_link_supported(DLT_IEEE802_11));
    g_assert_false(ma_decode_link_supported(DLT_PPP));
    /* an unsupported link type reaching the decoder is skipped, not a crash */
    rec r;
    rec_init(&r, NULL);
    GByteArray *ip = udp4();
    g_assert_cmpint(rec_frame(&r, DLT_IEEE802_11, 1, ip), ==, MA_DEC_SKIPPED);
    g_byte_array_unref(ip);
    rec_clear(&r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/link/ethernet-vlans", test_ethernet_vlans);
    g_test_add_func("/decode/link/cooked-raw-loop", test_cooked_raw_loop);
    g_test_add_func("/decode/link/supported", test_supported_list);
    return g_test_run();
}
