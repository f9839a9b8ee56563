/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pcap_writer.c - packet framing: Ethernet (+802.1Q), IPv4 (header checksum,
 * router-alert option), IPv6 (+hop-by-hop router alert), UDP/TCP/ICMPv6 with
 * correct pseudo-header checksums, IGMP with its own checksum. */
#include "gen.h"

#include <string.h>

static void put16(GByteArray *b, guint16 v)
{
    guint8 x[2] = { (guint8)(v >> 8), (guint8)v };
    g_byte_array_append(b, x, 2);
}

static void put32(GByteArray *b, guint32 v)
{
    put16(b, (guint16)(v >> 16));
    put16(b, (guint16)v);
}

static void set16(GByteArray *b, gsize off, guint16 v)
{
    b->data[off] = (guint8)(v >> 8);
    b->data[off + 1] = (guint8)v;
}

/* RFC 1071 one's-complement sum, continued from `sum`. */
static guint32 csum_add(guint32 sum, const guint8 *p, gsize len)
{
    for (gsize i = 0; i + 1 < len; i += 2)
        sum += (guint32)(p[i] << 8 | p[i + 1]);
    if (len & 1)
        sum += (guint32)(p[len - 1] << 8);
    return sum;
}

static guint16 csum_fold(guint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (guint16)~sum;
}

/* Sum of the IPv4/IPv6 pseudo header for an upper layer of `len` bytes. */
static guint32 pseudo_sum(const gen_ip *ip, guint8 proto, gsize len)
{
    const gen_addr *s = &ip->src->addr;
    gsize alen = s->family == 4 ? 4 : 16;
    guint32 sum = csum_add(0, s->bytes, alen);
    sum = csum_add(sum, ip->dst.bytes, alen);
    sum += proto;
    sum += (guint32)(len & 0xffff) + (guint32)(len >> 16);
    return sum;
}

static void put_ethernet(GByteArray *b, const gen_ip *ip)
{
    g_byte_array_append(b, ip->dst_mac, 6);
    g_byte_array_append(b, ip->src->mac, 6);
    if (ip->link && ip->link->vlan) {
        put16(b, 0x8100);
        put16(b, ip->link->vlan & 0x0fff); /* PCP 0, DEI 0 */
    }
    put16(b, ip->src->addr.family == 4 ? 0x0800 : 0x86dd);
}

/* Appends the IP header(s) for `l4len` bytes of protocol `proto`. */
static void put_ip(GByteArray *b, const gen_ip *ip, guint8 proto, gsize l4len)
{
    if (ip->src->addr.family == 4) {
        gsize start = b->len;
        gsize hlen = ip->router_alert ? 24 : 20;
        guint8 vihl = (guint8)(0x40 | (hlen / 4));
        g_byte_array_append(b, &vihl, 1);
        guint8 tos = 0;
        g_byte_array_append(b, &tos, 1);
        put16(b, (guint16)(hlen + l4len));
        put16(b, ip->src->ip_id++);
        put16(b, proto == 6 ? 0x4000 : 0x0000); /* DF on TCP, as stacks do */
        g_byte_array_append(b, &ip->ttl, 1);
        g_byte_array_append(b, &proto, 1);
        put16(b, 0);
        g_byte_array_append(b, ip->src->addr.bytes, 4);
        g_byte_array_append(b, ip->dst.bytes, 4);
        if (ip->router_alert) {
            static const guint8 ra[4] = { 0x94, 0x04, 0x00, 0x00 }; /* RFC 2113 */
            g_byte_array_append(b, ra, 4);
        }
        set16(b, start + 10, csum_fold(csum_add(0, b->data + start, hlen)));
        return;
    }
    gsize ext = ip->router_alert ? 8 : 0;
    put32(b, 0x60000000);
    put16(b, (guint16)(l4len + ext));
    guint8 nh = ip->router_alert ? 0 : proto;
    g_byte_array_append(b, &nh, 1);
    g_byte_array_append(b, &ip->ttl, 1);
    g_byte_array_append(b, ip->src->addr.bytes, 16);
    g_byte_array_append(b, ip->dst.bytes, 16);
    if (ip->router_alert) {
        /* Hop-by-hop: RA option (RFC 2711, value 0 = MLD) + PadN. */
        const guint8 hbh[8] = { proto, 0, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00 };
        g_byte_array_append(b, hbh, 8);
    }
}

static GByteArray *frame_start(const gen_ip *ip, guint8 proto, gsize l4len, gsize *l4off)
{
    GByteArray *b = g_byte_array_sized_new((guint)(l4len + 80));
    put_ethernet(b, ip);
    put_ip(b, ip, proto, l4len);
    *l4off = b->len;
    return b;
}

GByteArray *gen_frame_udp(const gen_ip *ip, guint16 sport, guint16 dport,
                          const guint8 *payload, gsize len)
{
    gsize off;
    GByteArray *b = frame_start(ip, 17, 8 + len, &off);
    put16(b, sport);
    put16(b, dport);
    put16(b, (guint16)(8 + len));
    put16(b, 0);
    g_byte_array_append(b, payload, (guint)len);
    guint16 c = csum_fold(csum_add(pseudo_sum(ip, 17, 8 + len), b->data + off, 8 + len));
    set16(b, off + 6, c == 0 ? 0xffff : c); /* 0 means "no checksum" in UDP */
    return b;
}

/* Ports and seq/ack in TCP header order (gen.h's contract); tcp_conn.c is
 * the only caller and passes its named per-direction counters. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
GByteArray *gen_frame_tcp(const gen_ip *ip, guint16 sport, guint16 dport, guint32 seq,
                          guint32 ack, guint8 flags, const guint8 *payload, gsize len)
{
    /* SYNs carry MSS 1460: the only option, so every other header is 20 bytes. */
    gsize hlen = (flags & GEN_TCP_SYN) ? 24 : 20;
    gsize off;
    GByteArray *b = frame_start(ip, 6, hlen + len, &off);
    put16(b, sport);
    put16(b, dport);
    put32(b, seq);
    put32(b, (flags & GEN_TCP_ACK) ? ack : 0);
    put16(b, (guint16)((hlen / 4) << 12 | flags));
    put16(b, 64240);
    put16(b, 0);
    put16(b, 0);
    if (flags & GEN_TCP_SYN)
        put32(b, 0x020405b4);
    g_byte_array_append(b, payload, (guint)len);
    set16(b, off + 16, csum_fold(csum_add(pseudo_sum(ip, 6, hlen + len), b->data + off, hlen + len)));
    return b;
}

GByteArray *gen_frame_igmp(const gen_ip *ip, const guint8 *msg, gsize len)
{
    gsize off;
    GByteArray *b = frame_start(ip, 2, len, &off);
    g_byte_array_append(b, msg, (guint)len);
    set16(b, off + 2, 0);
    set16(b, off + 2, csum_fold(csum_add(0, b->data + off, len)));
    return b;
}

GByteArray *gen_frame_icmpv6(const gen_ip *ip, const guint8 *msg, gsize len)
{
    gsize off;
    GByteArray *b = frame_start(ip, 58, len, &off);
    g_byte_array_append(b, msg, (guint)len);
    set16(b, off + 2, 0);
    set16(b, off + 2, csum_fold(csum_add(pseudo_sum(ip, 58, len), b->data + off, len)));
    return b;
}
