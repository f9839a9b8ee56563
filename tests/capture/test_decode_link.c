/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_decode_link.c - link layers down to IP: Ethernet with VLAN stacks,
 * Linux cooked v1/v2, raw IP, BSD loopback in both byte orders; PPPoE, PPP,
 * NFLOG, 802.11 with and without radiotap; VXLAN and GRE inner frames. */
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
    g_assert_cmpuint(r.st.dec.frames, ==, 8);
    g_assert_cmpuint(r.st.dec.undecoded, ==, 1);
    g_assert_cmpuint(r.st.dec.malformed, ==, 2);
    g_assert_cmpint(r.st.dec.first_ns, ==, 1);
    g_assert_cmpint(r.st.dec.last_ns, ==, 8);
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
    g_assert_cmpuint(r.st.dec.frames, ==, 22);
    g_assert_cmpuint(r.st.dec.malformed, ==, 6);
    g_assert_cmpuint(r.st.dec.undecoded, ==, 1);
    g_byte_array_unref(ip);
    g_byte_array_unref(ip6);
    rec_clear(&r);
}

static void test_supported_list(void)
{
    static const int yes[] = {DLT_NULL,
                              DLT_EN10MB,
                              DLT_RAW,
                              DLT_LOOP,
                              DLT_LINUX_SLL,
                              DLT_LINUX_SLL2,
                              DLT_IPV4,
                              DLT_IPV6,
                              DLT_PPP,
                              DLT_PPP_SERIAL,
                              DLT_PPP_ETHER,
                              DLT_IEEE802_11,
                              DLT_IEEE802_11_RADIO,
                              DLT_NFLOG};
    for (gsize i = 0; i < G_N_ELEMENTS(yes); i++)
        g_assert_true(ma_decode_link_supported(yes[i]));
    g_assert_false(ma_decode_link_supported(DLT_PKTAP));
    g_assert_false(ma_decode_link_supported(DLT_IPNET));
    /* an unsupported link type reaching the decoder is skipped, not a crash */
    rec r;
    rec_init(&r, NULL);
    GByteArray *ip = udp4();
    g_assert_cmpint(rec_frame(&r, DLT_PKTAP, 1, ip), ==, MA_DEC_SKIPPED);
    g_byte_array_unref(ip);
    rec_clear(&r);
}

/* prefix + body as one new frame */
static GByteArray *cat(const void *prefix, gsize n, const GByteArray *body)
{
    GByteArray *b = pk_bytes(prefix, n);
    g_byte_array_append(b, body->data, body->len);
    return b;
}

static void test_ppp_pppoe(void)
{
    rec r;
    rec_init(&r, NULL);
    GByteArray *ip = udp4(), *ip6 = udp6();
    g_assert_cmpint(rec_frame_free(&r, DLT_PPP, 1, cat("\xff\x03\x00\x21", 4, ip)), ==,
                    MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_PPP_SERIAL, 2, cat("\xff\x03\x00\x21", 4, ip)), ==,
                    MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_PPP, 3, cat("\x00\x21", 2, ip)), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_PPP, 4, cat("\x21", 1, ip)), ==, MA_DEC_EVENT); /* PFC */
    /* PPPoE session: ver/type 0x11, code 0, session id, length = PPP protocol + IP */
    uint8_t h[8] = {0x11, 0x00, 0x2a, 0x17, 0, 0, 0x00, 0x21};
    h[4] = (uint8_t)((ip->len + 2) >> 8);
    h[5] = (uint8_t)(ip->len + 2);
    GByteArray *sess = cat(h, sizeof h, ip);
    g_assert_cmpint(rec_frame(&r, DLT_PPP_ETHER, 5, sess), ==, MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, 6, pk_eth(NULL, 0, 0x8864, sess)), ==,
                    MA_DEC_EVENT);
    for (guint i = 0; i < 6; i++)
        assert_udp4(&r, i, i + 1);
    uint8_t h6[8] = {0x11, 0x00, 0x2a, 0x17, 0, 0, 0x00, 0x57};
    h6[4] = (uint8_t)((ip6->len + 2) >> 8);
    h6[5] = (uint8_t)(ip6->len + 2);
    g_assert_cmpint(rec_frame_free(&r, DLT_PPP_ETHER, 7, cat(h6, sizeof h6, ip6)), ==,
                    MA_DEC_EVENT);
    g_assert_cmpstr(rec_get(&r, 6)->dst, ==, "ff3e::1234");
    /* LCP is not media; a PPPoE length past the frame, a discovery code, cut headers */
    g_assert_cmpint(rec_frame_free(&r, DLT_PPP, 8, cat("\xff\x03\xc0\x21", 4, ip)), ==,
                    MA_DEC_SKIPPED);
    GByteArray *liar = g_byte_array_ref(sess);
    liar->data[4] = 0x40;
    g_assert_cmpint(rec_frame(&r, DLT_PPP_ETHER, 9, liar), ==, MA_DEC_MALFORMED);
    liar->data[4] = h[4];
    liar->data[1] = 0x09; /* PADI */
    g_assert_cmpint(rec_frame(&r, DLT_PPP_ETHER, 10, liar), ==, MA_DEC_MALFORMED);
    g_byte_array_unref(liar);
    g_assert_cmpint(rec_frame_free(&r, DLT_PPP_ETHER, 11, pk_bytes("\x11\x00\x00", 3)), ==,
                    MA_DEC_MALFORMED);
    g_assert_cmpint(rec_frame_free(&r, DLT_PPP, 12, pk_bytes("\xff\x03\x00", 3)), ==,
                    MA_DEC_MALFORMED);
    g_assert_cmpuint(r.events->len, ==, 7);
    g_assert_cmpuint(r.st.dec.malformed, ==, 4);
    g_assert_cmpuint(r.st.dec.undecoded, ==, 1);
    g_byte_array_unref(sess);
    g_byte_array_unref(ip);
    g_byte_array_unref(ip6);
    rec_clear(&r);
}

static void put16le(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void test_nflog(void)
{
    rec r;
    rec_init(&r, NULL);
    GByteArray *ip = udp4();
    /* header (AF_INET, version 0, resource 5), a PREFIX TLV "ma" (6 bytes,
     * padded to 8), the payload TLV (type 9); little-endian as an x86 host writes */
    uint8_t h[16] = {2, 0, 0, 5};
    put16le(h + 4, 6);
    put16le(h + 6, 10);
    h[8] = 'm';
    h[9] = 'a';
    put16le(h + 12, (unsigned)(ip->len + 4));
    put16le(h + 14, 9);
    GByteArray *f = cat(h, sizeof h, ip);
    g_assert_cmpint(rec_frame(&r, DLT_NFLOG, 1, f), ==, MA_DEC_EVENT);
    assert_udp4(&r, 0, 1);
    /* a TLV longer than the frame, a TLV of length 0, no payload TLV, version 1 */
    GByteArray *bad = g_byte_array_ref(f);
    put16le(bad->data + 12, 0x4000);
    g_assert_cmpint(rec_frame(&r, DLT_NFLOG, 2, bad), ==, MA_DEC_MALFORMED);
    put16le(bad->data + 4, 0);
    g_assert_cmpint(rec_frame(&r, DLT_NFLOG, 3, bad), ==, MA_DEC_MALFORMED);
    g_byte_array_unref(bad);
    uint8_t only[8] = {2, 0, 0, 5};
    put16le(only + 4, 4);
    put16le(only + 6, 1);
    g_assert_cmpint(rec_frame_free(&r, DLT_NFLOG, 4, pk_bytes(only, sizeof only)), ==,
                    MA_DEC_SKIPPED);
    only[1] = 1;
    g_assert_cmpint(rec_frame_free(&r, DLT_NFLOG, 5, pk_bytes(only, sizeof only)), ==,
                    MA_DEC_MALFORMED);
    g_assert_cmpuint(r.events->len, ==, 1);
    g_assert_cmpuint(r.st.dec.malformed, ==, 3);
    g_byte_array_unref(f);
    g_byte_array_unref(ip);
    rec_clear(&r);
}

/* 802.11 data (subtype bits in fc0), addresses, optional QoS, then SNAP. */
static GByteArray *wlan(uint8_t fc0, uint8_t fc1, gboolean radiotap_fcs, const GByteArray *ip)
{
    GByteArray *b = g_byte_array_new();
    if (radiotap_fcs) {
        /* radiotap: TSFT and Flags present; TSFT 8 bytes, flags FCS */
        static const uint8_t rt[17] = {0, 0, 17, 0, 0x03, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0x10};
        g_byte_array_append(b, rt, sizeof rt);
    }
    uint8_t h[32] = {fc0, fc1};
    static const uint8_t sa[6] = {0x02, 0, 0, 0, 0, 0x42};
    memcpy(h + ((fc1 & 3) == 2 ? 16 : 10), sa, 6);
    gsize n = 24 + ((fc1 & 3) == 3 ? 6 : 0) + ((fc0 & 0x80) ? 2 : 0);
    if ((fc1 & 3) == 3)
        memcpy(h + 24, sa, 6);
    g_byte_array_append(b, h, (guint)n);
    static const uint8_t snap[8] = {0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00};
    g_byte_array_append(b, snap, sizeof snap);
    g_byte_array_append(b, ip->data, ip->len);
    if (radiotap_fcs) {
        static const uint8_t fcs[4] = {0xde, 0xad, 0xbe, 0xef};
        g_byte_array_append(b, fcs, sizeof fcs);
    }
    return b;
}

static void test_wifi(void)
{
    rec r;
    rec_init(&r, NULL);
    GByteArray *ip = udp4();
    g_assert_cmpint(rec_frame_free(&r, DLT_IEEE802_11, 1, wlan(0x08, 0x00, FALSE, ip)), ==,
                    MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_IEEE802_11, 2, wlan(0x88, 0x02, FALSE, ip)), ==,
                    MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_IEEE802_11, 3, wlan(0x88, 0x03, FALSE, ip)), ==,
                    MA_DEC_EVENT);
    g_assert_cmpint(rec_frame_free(&r, DLT_IEEE802_11_RADIO, 4, wlan(0x88, 0x01, TRUE, ip)), ==,
                    MA_DEC_EVENT);
    for (guint i = 0; i < 4; i++)
        assert_udp4(&r, i, i + 1); /* payload 12: the radiotap FCS is not payload */
    /* beacon, protected data, null data: no IP to read; a cut header */
    g_assert_cmpint(rec_frame_free(&r, DLT_IEEE802_11, 5, wlan(0x80, 0x00, FALSE, ip)), ==,
                    MA_DEC_SKIPPED);
    g_assert_cmpint(rec_frame_free(&r, DLT_IEEE802_11, 6, wlan(0x88, 0x40, FALSE, ip)), ==,
                    MA_DEC_SKIPPED);
    g_assert_cmpint(rec_frame_free(&r, DLT_IEEE802_11, 7, wlan(0xc8, 0x00, FALSE, ip)), ==,
                    MA_DEC_SKIPPED);
    g_assert_cmpint(rec_frame_free(&r, DLT_IEEE802_11, 8, pk_bytes("\x08\x00\x00", 3)), ==,
                    MA_DEC_MALFORMED);
    /* radiotap whose length runs past the frame, or an endless presence chain */
    g_assert_cmpint(rec_frame_free(&r, DLT_IEEE802_11_RADIO, 9, pk_bytes("\0\0\xff\0\0\0\0\0", 8)),
                    ==, MA_DEC_MALFORMED);
    g_assert_cmpint(rec_frame_free(&r, DLT_IEEE802_11_RADIO, 10,
                                   pk_bytes("\0\0\x0c\0\0\0\0\x80\0\0\0\x80", 12)),
                    ==, MA_DEC_MALFORMED);
    g_assert_cmpuint(r.events->len, ==, 4);
    g_assert_cmpuint(r.st.dec.malformed, ==, 3);
    g_byte_array_unref(ip);
    rec_clear(&r);
}

static void test_tunnels(void)
{
    rec r;
    rec_init(&r, NULL);
    GByteArray *ip = udp4();
    GByteArray *inner = pk_eth(NULL, 0, 0x0800, ip);
    /* VXLAN: UDP 4789, I flag, VNI 100, the inner Ethernet frame */
    GByteArray *vx = cat("\x08\0\0\0\0\0\x64\0", 8, inner);
    GByteArray *vu = pk_udp(49152, 4789, vx->data, vx->len);
    GByteArray *vip = pk_ipv4("192.0.2.1", "192.0.2.2", IPPROTO_UDP, 64, vu);
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, 1, pk_eth(NULL, 0, 0x0800, vip)), ==,
                    MA_DEC_EVENT);
    /* GRE: Ethernet bridging (0x6558), and IPv4 with key and sequence words */
    GByteArray *ge = cat("\0\0\x65\x58", 4, inner);
    GByteArray *gip = pk_ipv4("192.0.2.1", "192.0.2.2", IPPROTO_GRE, 64, ge);
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, 2, pk_eth(NULL, 0, 0x0800, gip)), ==,
                    MA_DEC_EVENT);
    GByteArray *gk = cat("\x30\0\x08\0\0\0\0\x07\0\0\0\x01", 12, ip);
    GByteArray *gkip = pk_ipv4("192.0.2.1", "192.0.2.2", IPPROTO_GRE, 64, gk);
    g_assert_cmpint(rec_frame(&r, DLT_RAW, 3, gkip), ==, MA_DEC_EVENT);
    for (guint i = 0; i < 3; i++)
        assert_udp4(&r, i, i + 1); /* the inner datagram, not the tunnel's */
    /* GRE with a key word but cut; GRE version 1 (PPTP); VXLAN in VXLAN in ... too deep */
    g_byte_array_set_size(gk, 6);
    GByteArray *cut = pk_ipv4("192.0.2.1", "192.0.2.2", IPPROTO_GRE, 64, gk);
    g_assert_cmpint(rec_frame_free(&r, DLT_RAW, 4, cut), ==, MA_DEC_MALFORMED);
    GByteArray *v1 =
        pk_ipv4("192.0.2.1", "192.0.2.2", IPPROTO_GRE, 64, cat("\0\x01\x88\x0b", 4, ip));
    g_assert_cmpint(rec_frame_free(&r, DLT_RAW, 5, v1), ==, MA_DEC_SKIPPED);
    GByteArray *nest = g_byte_array_ref(vip);
    for (guint i = 0; i < MA_DEC_MAX_TUNNELS; i++) {
        GByteArray *e = pk_eth(NULL, 0, 0x0800, nest);
        GByteArray *x = cat("\x08\0\0\0\0\0\x64\0", 8, e);
        GByteArray *u = pk_udp(49152, 4789, x->data, x->len);
        g_byte_array_unref(nest);
        nest = pk_ipv4("192.0.2.1", "192.0.2.2", IPPROTO_UDP, 64, u);
        g_byte_array_unref(e);
        g_byte_array_unref(x);
        g_byte_array_unref(u);
    }
    g_assert_cmpint(rec_frame_free(&r, DLT_RAW, 6, nest), ==, MA_DEC_MALFORMED);
    g_assert_cmpuint(r.events->len, ==, 3);
    g_assert_cmpuint(r.st.dec.malformed, ==, 2);
    g_byte_array_unref(gkip);
    g_byte_array_unref(gip);
    g_byte_array_unref(vip);
    g_byte_array_unref(gk);
    g_byte_array_unref(ge);
    g_byte_array_unref(vx);
    g_byte_array_unref(vu);
    g_byte_array_unref(inner);
    g_byte_array_unref(ip);
    rec_clear(&r);
}

/* The one event a frame raised: id counted once more, first seen at first. */
static void expect_event(const rec *r, ma_decode_event id, guint64 count, uint32_t first)
{
    const ma_decode_event_def *d = ma_decode_event_def_get(id);
    g_assert_nonnull(d);
    if (r->st.dec.events.e[id].count != count || r->st.dec.events.e[id].first_frame != first)
        g_error("%s: count %" G_GUINT64_FORMAT " first %u, want %" G_GUINT64_FORMAT " first %u",
                d->name, r->st.dec.events.e[id].count, r->st.dec.events.e[id].first_frame, count,
                first);
}

static GByteArray *vxlan_around(const GByteArray *payload)
{
    GByteArray *u = pk_udp(49152, 4789, payload->data, payload->len);
    GByteArray *ip = pk_ipv4("192.0.2.1", "192.0.2.2", IPPROTO_UDP, 64, u);
    g_byte_array_unref(u);
    return ip;
}

/* Every decapsulation names its own decode event, and the innermost header
 * that failed is the one named (radiotap around a cut 802.11 header is
 * wlan.malformed; VXLAN around a cut Ethernet header is ethernet.malformed). */
static void test_link_events(void)
{
    rec r;
    rec_init(&r, NULL);
    GByteArray *ip = udp4();
    uint32_t n = 0;
#define CUT(dlt, bytes, len, id)                                                                   \
    do {                                                                                           \
        g_assert_cmpint(rec_frame_free(&r, dlt, ++n, pk_bytes(bytes, len)), ==, MA_DEC_MALFORMED); \
        expect_event(&r, id, 1, n);                                                                \
    } while (0)
    CUT(DLT_EN10MB, "\x01\x00\x5e\x00\x00\x01\x02\x00\x00\x00\x00\x01\x08", 13,
        MA_DE_ETHERNET_MALFORMED);
    CUT(DLT_LINUX_SLL, "0123456789abcde", 15, MA_DE_SLL_MALFORMED);
    CUT(DLT_LINUX_SLL2, "0123456789abcdefghi", 19, MA_DE_SLL2_MALFORMED);
    CUT(DLT_NULL, "\x02\0\0", 3, MA_DE_LOOPBACK_MALFORMED);
    CUT(DLT_RAW, "", 0, MA_DE_LINK_MALFORMED);
    CUT(DLT_PPP, "\xff\x03", 2, MA_DE_PPP_MALFORMED);
    CUT(DLT_PPP_ETHER, "\x11\x00\x2a\x17\x00", 5, MA_DE_PPPOE_MALFORMED);
    CUT(DLT_NFLOG, "\x02\x00\x00", 3, MA_DE_NFLOG_MALFORMED);
    CUT(DLT_IEEE802_11,
        "\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
        "\x00\x00\x00",
        23, MA_DE_WLAN_MALFORMED);
    CUT(DLT_IEEE802_11_RADIO, "\0\0\x08\0\0\0\0", 7, MA_DE_RADIOTAP_MALFORMED);
#undef CUT
    g_assert_cmpuint(n, ==, 10);

    /* a VLAN tag cut after its TPID, and nine stacked tags */
    static const uint16_t q[] = {0x8100};
    GByteArray *cut = pk_eth(q, 1, 0x0800, ip);
    g_byte_array_set_size(cut, 16);
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, ++n, cut), ==, MA_DEC_MALFORMED);
    static const uint16_t nine[] = {0x8100, 0x8100, 0x8100, 0x8100, 0x8100,
                                    0x8100, 0x8100, 0x8100, 0x8100};
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, ++n, pk_eth(nine, 9, 0x0800, ip)), ==,
                    MA_DEC_MALFORMED);
    expect_event(&r, MA_DE_VLAN_MALFORMED, 2, 11);
    /* PPPoE inside Ethernet cut after 3 bytes; a PPP protocol field of one even byte */
    GByteArray *pppoe = pk_bytes("\x11\x00\x00", 3);
    g_assert_cmpint(rec_frame_free(&r, DLT_EN10MB, ++n, pk_eth(NULL, 0, 0x8864, pppoe)), ==,
                    MA_DEC_MALFORMED);
    g_byte_array_unref(pppoe);
    expect_event(&r, MA_DE_PPPOE_MALFORMED, 2, 7);
    g_assert_cmpint(rec_frame_free(&r, DLT_PPP, ++n, pk_bytes("\x00", 1)), ==, MA_DEC_MALFORMED);
    expect_event(&r, MA_DE_PPP_MALFORMED, 2, 6);
    /* radiotap (8 bytes, nothing present) around an 802.11 header cut at 10 bytes */
    g_assert_cmpint(rec_frame_free(&r, DLT_IEEE802_11_RADIO, ++n,
                                   pk_bytes("\0\0\x08\0\0\0\0\0\x08\x00\0\0\0\0\0\0\0\0", 18)),
                    ==, MA_DEC_MALFORMED);
    expect_event(&r, MA_DE_WLAN_MALFORMED, 2, 9);
    expect_event(&r, MA_DE_RADIOTAP_MALFORMED, 1, 10);

    /* VXLAN: the I flag and 2 more bytes; a whole header around an Ethernet header of 10 */
    GByteArray *vh = pk_bytes("\x08\0\0", 3);
    g_assert_cmpint(rec_frame_free(&r, DLT_RAW, ++n, vxlan_around(vh)), ==, MA_DEC_MALFORMED);
    g_byte_array_unref(vh);
    expect_event(&r, MA_DE_VXLAN_MALFORMED, 1, 16);
    GByteArray *ve = pk_bytes("\x08\0\0\0\0\0\x64\0"
                              "0123456789",
                              18);
    g_assert_cmpint(rec_frame_free(&r, DLT_RAW, ++n, vxlan_around(ve)), ==, MA_DEC_MALFORMED);
    g_byte_array_unref(ve);
    expect_event(&r, MA_DE_ETHERNET_MALFORMED, 2, 1);
    /* GRE: 3 bytes; a key flag with the key cut */
    GByteArray *g3 = pk_bytes("\0\0\x08", 3);
    g_assert_cmpint(
        rec_frame_free(&r, DLT_RAW, ++n, pk_ipv4("192.0.2.1", "192.0.2.2", IPPROTO_GRE, 64, g3)),
        ==, MA_DEC_MALFORMED);
    g_byte_array_unref(g3);
    GByteArray *gk = pk_bytes("\x20\0\x08\0\0\0", 6);
    g_assert_cmpint(
        rec_frame_free(&r, DLT_RAW, ++n, pk_ipv4("192.0.2.1", "192.0.2.2", IPPROTO_GRE, 64, gk)),
        ==, MA_DEC_MALFORMED);
    g_byte_array_unref(gk);
    expect_event(&r, MA_DE_GRE_MALFORMED, 2, 18);
    /* five VXLAN tunnels, one more than followed */
    GByteArray *nest = g_byte_array_ref(ip);
    for (guint i = 0; i <= MA_DEC_MAX_TUNNELS; i++) {
        GByteArray *e = pk_eth(NULL, 0, 0x0800, nest);
        GByteArray *x = cat("\x08\0\0\0\0\0\x64\0", 8, e);
        g_byte_array_unref(nest);
        nest = vxlan_around(x);
        g_byte_array_unref(e);
        g_byte_array_unref(x);
    }
    g_assert_cmpint(rec_frame_free(&r, DLT_RAW, ++n, nest), ==, MA_DEC_MALFORMED);
    expect_event(&r, MA_DE_TUNNEL_TOO_DEEP, 1, 20);

    g_assert_cmpuint(n, ==, 20);
    g_assert_cmpuint(r.events->len, ==, 0);
    g_assert_cmpuint(r.st.dec.malformed, ==, 20);
    /* pk_ipv4 leaves the header checksum 0: the 9 tunnel frames' outer headers */
    expect_event(&r, MA_DE_IPV4_BAD_CHECKSUM, 9, 16);
    g_assert_cmpuint(ma_decode_events_total(&r.st.dec.events), ==, 20 + 9);
    g_assert_cmpuint(ma_decode_events_kinds(&r.st.dec.events), ==, 14 + 1);
    g_byte_array_unref(ip);
    rec_clear(&r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/link/ethernet-vlans", test_ethernet_vlans);
    g_test_add_func("/decode/link/cooked-raw-loop", test_cooked_raw_loop);
    g_test_add_func("/decode/link/supported", test_supported_list);
    g_test_add_func("/decode/link/ppp-pppoe", test_ppp_pppoe);
    g_test_add_func("/decode/link/nflog", test_nflog);
    g_test_add_func("/decode/link/wifi-radiotap", test_wifi);
    g_test_add_func("/decode/link/tunnels", test_tunnels);
    g_test_add_func("/decode/link/events", test_link_events);
    return g_test_run();
}
