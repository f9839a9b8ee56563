/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_decode_ip.c - IPv4 (options, lengths, fragments), IPv6 (extension
 * headers, fragments), UDP lengths, IGMP and MLD through the decoders. */
#include <pcap/pcap.h>
#include <string.h>
#include "pkt.h"

#define S(x) (G_GINT64_CONSTANT(1000000000) * (x))

static ma_dec_result raw(rec *r, gint64 ts, GByteArray *ip)
{
    return rec_frame_free(r, DLT_RAW, ts, ip);
}

static GByteArray *ip4(const char *src, const char *dst, int proto, int ttl, GByteArray *body)
{
    GByteArray *ip = pk_ipv4(src, dst, proto, ttl, body);
    g_byte_array_unref(body);
    return ip;
}

/* ---- IPv4 header, options, IGMP ---- */

static void test_ipv4_options_igmp(void)
{
    rec r;
    rec_init(&r, NULL);
    static const uint8_t ra[4] = { 148, 4, 0, 0 };
    static const uint8_t v2_report[8] = { 0x16, 0, 0xfa, 0x04, 239, 1, 1, 1 };
    static const uint8_t v3_report[16] = { 0x22, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0, 239, 2, 2, 2 };
    GByteArray *b = pk_bytes(v2_report, sizeof v2_report);
    /* v2 report with router alert (after a NOP), TTL 1 */
    static const uint8_t nop_ra[8] = { 1, 148, 4, 0, 0, 1, 1, 0 };
    g_assert_cmpint(raw(&r, 1, pk_ipv4_full("10.0.0.2", "239.1.1.1", IPPROTO_IGMP, 1, 7, 0, nop_ra, 8, b)), ==, MA_DEC_EVENT);
    /* no router alert */
    g_assert_cmpint(raw(&r, 2, pk_ipv4("10.0.0.2", "239.1.1.1", IPPROTO_IGMP, 1, b)), ==, MA_DEC_EVENT);
    g_byte_array_unref(b);
    b = pk_bytes(v3_report, sizeof v3_report);
    g_assert_cmpint(raw(&r, 3, pk_ipv4_full("10.0.0.3", "224.0.0.22", IPPROTO_IGMP, 1, 8, 0, ra, 4, b)), ==, MA_DEC_EVENT);
    g_byte_array_unref(b);
    g_assert_cmpuint(r.events->len, ==, 3);
    const rec_event *e = rec_get(&r, 0);
    g_assert_cmpint(e->kind, ==, REC_MEMB);
    g_assert_true(e->router_alert);
    g_assert_cmpint(e->ttl, ==, 1);
    g_assert_cmpint(e->memb_kind, ==, MA_MEMB_REPORT_V2);
    g_assert_cmpstr(e->group, ==, "239.1.1.1");
    g_assert_cmpstr(e->src, ==, "10.0.0.2");
    g_assert_false(rec_get(&r, 1)->router_alert);
    e = rec_get(&r, 2);
    g_assert_true(e->router_alert);
    g_assert_cmpint(e->memb_kind, ==, MA_MEMB_REPORT_V3);
    g_assert_cmpint(e->memb_version, ==, 3);
    g_assert_cmpstr(e->group, ==, "239.2.2.2");
    g_assert_cmpstr(e->dst, ==, "224.0.0.22");

    /* malformed: option length 0, option running past the header,
     * truncated IGMP; skipped: an IGMP type that is not membership (DVMRP) */
    static const uint8_t bad_len0[4] = { 148, 0, 0, 0 };
    static const uint8_t bad_over[4] = { 148, 9, 0, 0 };
    b = pk_bytes(v2_report, sizeof v2_report);
    g_assert_cmpint(raw(&r, 4, pk_ipv4_full("10.0.0.2", "239.1.1.1", IPPROTO_IGMP, 1, 9, 0, bad_len0, 4, b)), ==, MA_DEC_MALFORMED);
    g_assert_cmpint(raw(&r, 5, pk_ipv4_full("10.0.0.2", "239.1.1.1", IPPROTO_IGMP, 1, 9, 0, bad_over, 4, b)), ==, MA_DEC_MALFORMED);
    g_byte_array_unref(b);
    g_assert_cmpint(raw(&r, 6, ip4("10.0.0.2", "239.1.1.1", 2, 1, pk_bytes(v2_report, 5))), ==, MA_DEC_MALFORMED);
    static const uint8_t dvmrp[8] = { 0x13, 0, 0, 0, 0, 0, 0, 0 };
    g_assert_cmpint(raw(&r, 7, ip4("10.0.0.2", "224.0.0.4", 2, 1, pk_bytes(dvmrp, 8))), ==, MA_DEC_SKIPPED);
    /* ICMP echo: not ours */
    g_assert_cmpint(raw(&r, 8, ip4("10.0.0.2", "10.0.0.1", 1, 64, pk_bytes("\x08\0\0\0\0\0\0\0", 8))), ==, MA_DEC_SKIPPED);
    g_assert_cmpuint(r.events->len, ==, 3);
    g_assert_cmpuint(r.st.dec.malformed, ==, 3);
    g_assert_cmpuint(r.st.dec.undecoded, ==, 2);
    rec_clear(&r);
}

static void test_ipv4_lengths_udp(void)
{
    rec r;
    rec_init(&r, NULL);
    uint8_t payload[100];
    memset(payload, 0xab, sizeof payload);
    GByteArray *ip = ip4("10.0.0.1", "239.1.1.1", 17, 9, pk_udp(1, 2, payload, 100));

    /* header length below 5 words, total below the header, total beyond the frame */
    GByteArray *b = pk_bytes(ip->data, ip->len);
    b->data[0] = 0x44;
    g_assert_cmpint(raw(&r, 1, b), ==, MA_DEC_MALFORMED);
    b = pk_bytes(ip->data, ip->len);
    b->data[2] = 0;
    b->data[3] = 19;
    g_assert_cmpint(raw(&r, 2, b), ==, MA_DEC_MALFORMED);
    b = pk_bytes(ip->data, ip->len - 1);
    g_assert_cmpint(raw(&r, 3, b), ==, MA_DEC_MALFORMED);
    /* the same cut by a snap length: an event with what was captured */
    ma_frame_in snap = { DLT_RAW, 4, 4, ip->data, 60, ip->len };
    g_assert_cmpint(ma_decode_frame(r.dec, &snap), ==, MA_DEC_EVENT);
    /* cut inside the UDP header by the snap length: skipped */
    ma_frame_in snap2 = { DLT_RAW, 5, 5, ip->data, 24, ip->len };
    g_assert_cmpint(ma_decode_frame(r.dec, &snap2), ==, MA_DEC_SKIPPED);
    r.frame = 5;
    /* UDP length below 8, beyond the IP payload, and below it (trailer) */
    b = pk_bytes(ip->data, ip->len);
    b->data[24] = 0;
    b->data[25] = 7;
    g_assert_cmpint(raw(&r, 6, b), ==, MA_DEC_MALFORMED);
    b = pk_bytes(ip->data, ip->len);
    b->data[25] = 109;
    g_assert_cmpint(raw(&r, 7, b), ==, MA_DEC_MALFORMED);
    b = pk_bytes(ip->data, ip->len);
    b->data[25] = 58; /* 50 payload bytes; 50 more are trailer */
    g_assert_cmpint(raw(&r, 8, b), ==, MA_DEC_EVENT);
    g_assert_cmpint(raw(&r, 9, pk_bytes(ip->data, 19)), ==, MA_DEC_MALFORMED);

    g_assert_cmpuint(r.events->len, ==, 2);
    const rec_event *e = rec_get(&r, 0);
    g_assert_cmpuint(e->frame, ==, 4);
    g_assert_cmpuint(e->payload_len, ==, 60 - 28);
    g_assert_cmpuint(e->wire_len, ==, 100);
    e = rec_get(&r, 1);
    g_assert_cmpuint(e->frame, ==, 8);
    g_assert_cmpuint(e->payload_len, ==, 50);
    g_assert_cmpuint(e->wire_len, ==, 50);
    g_assert_cmpuint(r.st.dec.malformed, ==, 6);
    g_assert_cmpuint(r.st.dec.undecoded, ==, 1);
    g_byte_array_unref(ip);
    rec_clear(&r);
}

/* ---- IPv4 fragments ---- */

static uint8_t dgram[108]; /* UDP header + 100 bytes, fragmented below */

static void init_dgram(void)
{
    uint8_t payload[100];
    for (int i = 0; i < 100; i++)
        payload[i] = (uint8_t)i;
    GByteArray *u = pk_udp(7000, 7002, payload, 100);
    memcpy(dgram, u->data, sizeof dgram);
    g_byte_array_unref(u);
}

/* Fragment [off, off+len) of dgram from src, id, with MF as given. */
static GByteArray *frag4s(const char *src, uint16_t id, gsize off, gsize len, int ttl,
                          gboolean more)
{
    GByteArray *body = pk_bytes(dgram + off, len);
    GByteArray *ip = pk_ipv4_full(src, "239.9.9.9", IPPROTO_UDP, ttl, id,
                                  (uint16_t)((more ? 0x2000 : 0) | (off / 8)), NULL, 0, body);
    g_byte_array_unref(body);
    return ip;
}

/* ... from 10.0.0.1. */
static GByteArray *frag4x(uint16_t id, gsize off, gsize len, int ttl, gboolean more)
{
    return frag4s("10.0.0.1", id, off, len, ttl, more);
}

/* ... with MF unless it is the last. */
static GByteArray *frag4(uint16_t id, gsize off, gsize len, int ttl)
{
    return frag4x(id, off, len, ttl, off + len < sizeof dgram);
}

static void assert_reassembled(const rec *r, guint i, uint32_t frame, int ttl)
{
    const rec_event *e = rec_get(r, i);
    g_assert_cmpint(e->kind, ==, REC_UDP);
    g_assert_cmpuint(e->frame, ==, frame);
    g_assert_cmpuint(e->sport, ==, 7000);
    g_assert_cmpuint(e->dport, ==, 7002);
    g_assert_cmpuint(e->payload_len, ==, 100);
    g_assert_cmpint(e->ttl, ==, ttl);
}

static void test_fragments(void)
{
    rec r;
    rec_init(&r, NULL);
    init_dgram();
    /* in order */
    g_assert_cmpint(raw(&r, S(1), frag4(1, 0, 48, 5)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(1), frag4(1, 48, 48, 6)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(1), frag4(1, 96, 12, 6)), ==, MA_DEC_EVENT);
    /* out of order: last first */
    g_assert_cmpint(raw(&r, S(2), frag4(2, 96, 12, 8)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(2), frag4(2, 0, 48, 8)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(2), frag4(2, 48, 48, 8)), ==, MA_DEC_EVENT);
    /* overlapping with the same bytes, and a duplicate */
    g_assert_cmpint(raw(&r, S(3), frag4(3, 0, 48, 9)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(3), frag4(3, 24, 48, 9)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(3), frag4(3, 24, 48, 9)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(3), frag4(3, 64, 44, 9)), ==, MA_DEC_EVENT);
    g_assert_cmpuint(r.events->len, ==, 3);
    assert_reassembled(&r, 0, 3, 5);
    assert_reassembled(&r, 1, 6, 8);
    assert_reassembled(&r, 2, 10, 9);
    g_assert_cmpuint(r.st.dec.fragments_reassembled, ==, 10);
    g_assert_cmpuint(r.st.dec.datagrams_reassembled, ==, 3);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, 0);

    /* overlap that changes bytes: the datagram is void (RFC 5722, Linux) */
    g_assert_cmpint(raw(&r, S(4), frag4(4, 0, 48, 9)), ==, MA_DEC_HELD);
    GByteArray *evil = frag4(4, 40, 48, 9);
    evil->data[20] ^= 0xff;
    g_assert_cmpint(raw(&r, S(4), evil), ==, MA_DEC_MALFORMED);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, 2);
    /* a last fragment that disagrees about the end */
    g_assert_cmpint(raw(&r, S(4), frag4(5, 96, 12, 9)), ==, MA_DEC_HELD);
    GByteArray *end = frag4x(5, 88, 8, 9, FALSE); /* 96 as the end: not 108 */
    g_assert_cmpint(raw(&r, S(4), end), ==, MA_DEC_MALFORMED);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, 4);
    /* a middle fragment whose size is not a multiple of 8 */
    g_assert_cmpint(raw(&r, S(4), frag4(6, 0, 44, 9)), ==, MA_DEC_MALFORMED);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, 5);
    /* an offset running past 64 KiB */
    GByteArray *body = pk_bytes(dgram, 16);
    GByteArray *far = pk_ipv4_full("10.0.0.1", "239.9.9.9", IPPROTO_UDP, 9, 7, 0x1fff, NULL, 0, body);
    g_byte_array_unref(body);
    g_assert_cmpint(raw(&r, S(4), far), ==, MA_DEC_MALFORMED);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, 6);
    g_assert_cmpuint(r.events->len, ==, 3);
    g_assert_cmpuint(r.st.dec.malformed, ==, 4);
    rec_clear(&r);
}

static void test_fragment_bounds(void)
{
    rec r;
    rec_init(&r, NULL);
    init_dgram();
    /* one more datagram in progress than allowed: the oldest goes */
    for (guint id = 1; id <= MA_DEC_MAX_FRAG_DATAGRAMS + 1; id++)
        g_assert_cmpint(raw(&r, S(1), frag4((uint16_t)id, 0, 48, 4)), ==, MA_DEC_HELD);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, 1);
    /* id 1 lost its first fragment: the rest cannot complete it */
    g_assert_cmpint(raw(&r, S(1), frag4(1, 48, 48, 4)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(1), frag4(1, 96, 12, 4)), ==, MA_DEC_HELD);
    /* (that new id 1 pushed id 2 out) id 3 completes */
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, 2);
    g_assert_cmpint(raw(&r, S(1), frag4(3, 48, 48, 4)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(1), frag4(3, 96, 12, 4)), ==, MA_DEC_EVENT);
    g_assert_cmpuint(r.events->len, ==, 1);
    g_assert_cmpuint(rec_get(&r, 0)->frame, ==, MA_DEC_MAX_FRAG_DATAGRAMS + 5);

    /* 30 s later every datagram in progress has timed out */
    g_assert_cmpint(raw(&r, S(32), frag4(600, 0, 48, 4)), ==, MA_DEC_HELD);
    guint64 dropped = r.st.dec.fragments_dropped;
    /* ids 4..257 with one fragment each, id 1 with two */
    g_assert_cmpuint(dropped, ==, 2 + (MA_DEC_MAX_FRAG_DATAGRAMS - 2) + 2);
    /* end of input: the unfinished one is dropped and counted */
    ma_decoder_flush(r.dec);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, dropped + 1);
    g_assert_cmpuint(r.st.dec.datagrams_reassembled, ==, 1);
    rec_clear(&r);
}

/* A full table drops the datagram least likely to be genuine: one that
 * repeated bytes, then a lone fragment from a sender with no reassembled
 * datagram (least recently touched first), never first a datagram whose
 * fragments form one run or whose sender completed one before. */
static void test_fragment_ranks(void)
{
    rec r;
    rec_init(&r, NULL);
    init_dgram();
    const guint n = MA_DEC_MAX_FRAG_DATAGRAMS;
    /* id 1 in a run of two (trusted), id 2 repeated (suspect), lone ones */
    g_assert_cmpint(raw(&r, S(1), frag4(1, 0, 48, 4)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(1), frag4(1, 48, 48, 4)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(1), frag4(2, 0, 48, 4)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(1), frag4(2, 0, 48, 4)), ==, MA_DEC_HELD);
    for (guint id = 3; id <= n; id++)
        g_assert_cmpint(raw(&r, S(1), frag4((uint16_t)id, 0, 48, 4)), ==, MA_DEC_HELD);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, 0);
    /* the next new one pushes out the repeated one (its 2 fragments) */
    g_assert_cmpint(raw(&r, S(1), frag4((uint16_t)(n + 1), 0, 48, 4)), ==, MA_DEC_HELD);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, 2);
    /* then the lone ones, least recently touched first (id 3 goes); 2n - 3
     * more push out the rest, but never id 1 */
    g_assert_cmpint(raw(&r, S(1), frag4((uint16_t)(n + 2), 0, 48, 4)), ==, MA_DEC_HELD);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, 3);
    for (guint id = n + 3; id < 3 * n; id++)
        g_assert_cmpint(raw(&r, S(1), frag4((uint16_t)id, 0, 48, 4)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(1), frag4(1, 96, 12, 5)), ==, MA_DEC_EVENT);
    g_assert_cmpuint(r.events->len, ==, 1);
    assert_reassembled(&r, 0, 3 * n + 2, 4); /* frames: 4, n - 2, 2, 2n - 3, 1 */
    /* 10.0.0.1 completed a datagram: its next first fragment is trusted
     * at once and outlives n lone fragments from another sender */
    g_assert_cmpint(raw(&r, S(2), frag4(7, 0, 48, 6)), ==, MA_DEC_HELD);
    for (guint id = 1; id <= 2 * n; id++)
        g_assert_cmpint(raw(&r, S(2), frag4s("10.0.0.2", (uint16_t)id, 0, 48, 6, TRUE)), ==,
                        MA_DEC_HELD);
    g_assert_cmpint(raw(&r, S(2), frag4(7, 48, 60, 6)), ==, MA_DEC_EVENT);
    g_assert_cmpuint(r.events->len, ==, 2);
    g_assert_cmpuint(r.st.dec.datagrams_reassembled, ==, 2);
    /* the table holds n - 1 lone ones: dropped (and counted) at the end */
    guint64 dropped = r.st.dec.fragments_dropped;
    ma_decoder_flush(r.dec);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, dropped + (n - 1));
    rec_clear(&r);
}

/* ---- IPv6 ---- */

static void test_ipv6_ext_mld(void)
{
    rec r;
    rec_init(&r, NULL);
    /* hop-by-hop: next 58, len 0, router alert (5, 2, 0, 0), PadN (1, 0) */
    static const uint8_t hbh_ra[8] = { 58, 0, 5, 2, 0, 0, 1, 0 };
    static const uint8_t hbh_pad1[8] = { 58, 0, 0, 0, 1, 2, 0, 0 };
    static const uint8_t mld2[28] = { 143, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0,
                                      0xff, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
    static const uint8_t mld1_done[24] = { 132, 0, 0, 0, 0, 0, 0, 0,
                                           0xff, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 };
    GByteArray *b = pk_bytes(mld2, sizeof mld2);
    g_assert_cmpint(raw(&r, 1, pk_ipv6("fe80::2", "ff02::16", 0, 1, hbh_ra, 8, b)), ==, MA_DEC_EVENT);
    g_assert_cmpint(raw(&r, 2, pk_ipv6("fe80::2", "ff02::16", 0, 1, hbh_pad1, 8, b)), ==, MA_DEC_EVENT);
    g_byte_array_unref(b);
    b = pk_bytes(mld1_done, sizeof mld1_done);
    g_assert_cmpint(raw(&r, 3, pk_ipv6("fe80::3", "ff02::2", 0, 1, hbh_ra, 8, b)), ==, MA_DEC_EVENT);
    g_byte_array_unref(b);
    g_assert_cmpuint(r.events->len, ==, 3);
    const rec_event *e = rec_get(&r, 0);
    g_assert_cmpint(e->kind, ==, REC_MEMB);
    g_assert_cmpint(e->memb_proto, ==, MA_PROTO_MLD);
    g_assert_cmpint(e->memb_kind, ==, MA_MEMB_REPORT_V3);
    g_assert_cmpstr(e->group, ==, "ff15::1");
    g_assert_cmpstr(e->src, ==, "fe80::2");
    g_assert_cmpint(e->ttl, ==, 1);
    g_assert_true(e->router_alert);
    g_assert_false(rec_get(&r, 1)->router_alert);
    e = rec_get(&r, 2);
    g_assert_cmpint(e->memb_kind, ==, MA_MEMB_LEAVE_V2);
    g_assert_cmpstr(e->group, ==, "ff15::2");

    /* routing + destination options before UDP */
    static const uint8_t rt_dst[16] = { 60, 0, 4, 0, 0, 0, 0, 0, 17, 0, 1, 4, 0, 0, 0, 0 };
    GByteArray *u = pk_udp(5000, 5006, "abcd", 4);
    g_assert_cmpint(raw(&r, 4, pk_ipv6("2001:db8::1", "ff3e::8000:1", 43, 16, rt_dst, 16, u)), ==, MA_DEC_EVENT);
    e = rec_get(&r, 3);
    g_assert_cmpint(e->kind, ==, REC_UDP);
    g_assert_cmpuint(e->dport, ==, 5006);
    g_assert_cmpuint(e->payload_len, ==, 4);
    g_assert_cmpint(e->ttl, ==, 16);

    /* lengths that lie: ext header beyond the packet, option beyond the
     * header, payload length beyond the frame, a 30-byte packet */
    static const uint8_t hbh_long[8] = { 17, 3, 1, 4, 0, 0, 0, 0 };
    static const uint8_t hbh_badopt[8] = { 17, 0, 5, 9, 0, 0, 0, 0 };
    g_assert_cmpint(raw(&r, 5, pk_ipv6("2001:db8::1", "ff3e::1", 0, 16, hbh_long, 8, u)), ==, MA_DEC_MALFORMED);
    g_assert_cmpint(raw(&r, 6, pk_ipv6("2001:db8::1", "ff3e::1", 0, 16, hbh_badopt, 8, u)), ==, MA_DEC_MALFORMED);
    GByteArray *p6 = pk_ipv6("2001:db8::1", "ff3e::1", IPPROTO_UDP, 16, NULL, 0, u);
    p6->data[5] += 1;
    g_assert_cmpint(raw(&r, 7, p6), ==, MA_DEC_MALFORMED);
    g_assert_cmpint(raw(&r, 8, pk_bytes("\x60\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 30)), ==, MA_DEC_MALFORMED);
    /* a cut MLD message; ICMPv6 echo and "no next header" are not ours */
    b = pk_bytes(mld2, 12);
    g_assert_cmpint(raw(&r, 9, pk_ipv6("fe80::2", "ff02::16", 0, 1, hbh_ra, 8, b)), ==, MA_DEC_MALFORMED);
    g_byte_array_unref(b);
    b = pk_bytes("\x80\0\0\0\0\0\0\0", 8);
    g_assert_cmpint(raw(&r, 10, pk_ipv6("fe80::2", "fe80::1", IPPROTO_ICMPV6, 64, NULL, 0, b)), ==, MA_DEC_SKIPPED);
    g_assert_cmpint(raw(&r, 11, pk_ipv6("fe80::2", "fe80::1", 59, 64, NULL, 0, b)), ==, MA_DEC_SKIPPED);
    g_byte_array_unref(b);
    g_byte_array_unref(u);
    g_assert_cmpuint(r.events->len, ==, 4);
    g_assert_cmpuint(r.st.dec.malformed, ==, 5);
    g_assert_cmpuint(r.st.dec.undecoded, ==, 2);
    rec_clear(&r);
}

static GByteArray *frag6(uint32_t id, gsize off, gsize len)
{
    gboolean more = off + len < sizeof dgram;
    uint16_t of = (uint16_t)((off / 8) << 3 | (more ? 1 : 0));
    uint8_t fh[8] = { 17, 0, (uint8_t)(of >> 8), (uint8_t)of,
                      (uint8_t)(id >> 24), (uint8_t)(id >> 16), (uint8_t)(id >> 8), (uint8_t)id };
    GByteArray *body = pk_bytes(dgram + off, len);
    GByteArray *ip = pk_ipv6("2001:db8::5", "ff3e::1", 44, 12, fh, 8, body);
    g_byte_array_unref(body);
    return ip;
}

static void test_ipv6_fragments(void)
{
    rec r;
    rec_init(&r, NULL);
    init_dgram();
    g_assert_cmpint(raw(&r, 1, frag6(0x10000001, 56, 52)), ==, MA_DEC_HELD);
    g_assert_cmpint(raw(&r, 2, frag6(0x10000002, 0, 56)), ==, MA_DEC_HELD); /* another datagram */
    g_assert_cmpint(raw(&r, 3, frag6(0x10000001, 0, 56)), ==, MA_DEC_EVENT);
    g_assert_cmpuint(r.events->len, ==, 1);
    const rec_event *e = rec_get(&r, 0);
    g_assert_cmpuint(e->frame, ==, 3);
    g_assert_cmpuint(e->payload_len, ==, 100);
    g_assert_cmpstr(e->src, ==, "2001:db8::5");
    g_assert_cmpint(e->ttl, ==, 12);
    /* an atomic fragment (offset 0, no M) needs no reassembly */
    g_assert_cmpint(raw(&r, 4, frag6(0x10000003, 0, sizeof dgram)), ==, MA_DEC_EVENT);
    g_assert_cmpuint(r.st.dec.datagrams_reassembled, ==, 1);
    g_assert_cmpuint(r.st.dec.fragments_reassembled, ==, 2);
    ma_decoder_flush(r.dec);
    g_assert_cmpuint(r.st.dec.fragments_dropped, ==, 1);
    rec_clear(&r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/ipv4/options-igmp", test_ipv4_options_igmp);
    g_test_add_func("/decode/ipv4/lengths-udp", test_ipv4_lengths_udp);
    g_test_add_func("/decode/ipv4/fragments", test_fragments);
    g_test_add_func("/decode/ipv4/fragment-bounds", test_fragment_bounds);
    g_test_add_func("/decode/ipv4/fragment-ranks", test_fragment_ranks);
    g_test_add_func("/decode/ipv6/ext-mld", test_ipv6_ext_mld);
    g_test_add_func("/decode/ipv6/fragments", test_ipv6_fragments);
    return g_test_run();
}
