/* SPDX-License-Identifier: GPL-2.0-or-later */
/* link_wrap.c - the same capture over another link layer or inside a
 * tunnel: each Ethernet frame the generator made is rewritten as the link
 * type or encapsulation would carry it (PPPoE session, PPP, NFLOG, 802.11
 * QoS data with LLC/SNAP, with or without radiotap, VXLAN, Ethernet over
 * GRE).  The IP packets inside are byte for byte the same, so the truth of
 * the unwrapped scenario holds. */
#include "gen.h"

#include <string.h>

#define ETH_HEADER 14u
#define DLT_EN10MB_ 1
#define DLT_PPP_ 9
#define DLT_IEEE802_11_ 105
#define DLT_IEEE802_11_RADIO_ 127
#define DLT_NFLOG_ 239

int gen_wrap_dlt(gen_wrap w)
{
    switch (w) {
    case GEN_WRAP_PPP: return DLT_PPP_;
    case GEN_WRAP_NFLOG: return DLT_NFLOG_;
    case GEN_WRAP_WLAN: return DLT_IEEE802_11_;
    case GEN_WRAP_RADIOTAP: return DLT_IEEE802_11_RADIO_;
    case GEN_WRAP_NONE:
    case GEN_WRAP_PPPOE:
    case GEN_WRAP_VXLAN:
    case GEN_WRAP_GRE:
    default: return DLT_EN10MB_;
    }
}

static void put16(guint8 *p, guint v)
{
    p[0] = (guint8)(v >> 8);
    p[1] = (guint8)v;
}

static void put16le(guint8 *p, guint v)
{
    p[0] = (guint8)v;
    p[1] = (guint8)(v >> 8);
}

static guint ip_ethertype(const GByteArray *f)
{
    return ((guint)f->data[12] << 8) | f->data[13];
}

static GByteArray *pppoe(const GByteArray *f)
{
    GByteArray *o = g_byte_array_sized_new(f->len + 8);
    guint8 h[8];
    g_byte_array_append(o, f->data, 12);
    put16(h, 0x8864);
    h[2] = 0x11;                                    /* version 1, type 1 */
    h[3] = 0x00;                                    /* session data */
    put16(h + 4, 0x2a17);                           /* session id */
    put16(h + 6, (guint)(f->len - ETH_HEADER + 2)); /* PPP protocol + IP */
    g_byte_array_append(o, h, sizeof h);
    guint8 proto[2];
    put16(proto, ip_ethertype(f) == 0x86dd ? 0x0057 : 0x0021);
    g_byte_array_append(o, proto, 2);
    g_byte_array_append(o, f->data + ETH_HEADER, f->len - ETH_HEADER);
    return o;
}

static GByteArray *ppp(const GByteArray *f)
{
    GByteArray *o = g_byte_array_sized_new(f->len);
    guint8 h[4] = {0xff, 0x03, 0x00, 0x21};
    if (ip_ethertype(f) == 0x86dd)
        h[3] = 0x57;
    g_byte_array_append(o, h, sizeof h);
    g_byte_array_append(o, f->data + ETH_HEADER, f->len - ETH_HEADER);
    return o;
}

/* NFLOG: header, NFULA_PACKET_HDR (hw protocol, hook), NFULA_PAYLOAD; TLV
 * lengths and types little-endian (the x86 capturing host's order). */
static GByteArray *nflog(const GByteArray *f)
{
    gsize ip = f->len - ETH_HEADER;
    GByteArray *o = g_byte_array_sized_new(ip + 20);
    guint8 h[4] = {ip_ethertype(f) == 0x86dd ? 10 : 2, 0, 0x00, 0x05};
    g_byte_array_append(o, h, sizeof h);
    guint8 hdr[8];
    put16le(hdr, 8);
    put16le(hdr + 2, 1);
    put16(hdr + 4, ip_ethertype(f));
    hdr[6] = 1; /* NF_INET_LOCAL_IN */
    hdr[7] = 0;
    g_byte_array_append(o, hdr, sizeof hdr);
    guint8 tlv[4];
    put16le(tlv, (guint)(ip + 4));
    put16le(tlv + 2, 9);
    g_byte_array_append(o, tlv, sizeof tlv);
    g_byte_array_append(o, f->data + ETH_HEADER, ip);
    static const guint8 pad[3] = {0, 0, 0};
    g_byte_array_append(o, pad, (guint)((4 - (ip & 3)) & 3));
    return o;
}

/* 802.11 QoS data between stations of an IBSS (ToDS = FromDS = 0:
 * address 1 the destination, 2 the source, 3 the BSSID), then RFC 1042 SNAP. */
static GByteArray *wlan(const GByteArray *f, gboolean radiotap)
{
    GByteArray *o = g_byte_array_sized_new(f->len + 40);
    if (radiotap) {
        static const guint8 rt[8] = {0, 0, 8, 0, 0, 0, 0, 0}; /* version 0, length 8, no fields */
        g_byte_array_append(o, rt, sizeof rt);
    }
    static const guint8 bssid[6] = {0x02, 0x00, 0x5e, 0x97, 0x00, 0x01};
    guint8 h[26] = {0x88, 0x00, 0x00, 0x00};
    memcpy(h + 4, f->data, 6);      /* DA */
    memcpy(h + 10, f->data + 6, 6); /* SA */
    memcpy(h + 16, bssid, 6);
    g_byte_array_append(o, h, sizeof h);
    guint8 snap[8] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00};
    put16(snap + 6, ip_ethertype(f));
    g_byte_array_append(o, snap, sizeof snap);
    g_byte_array_append(o, f->data + ETH_HEADER, f->len - ETH_HEADER);
    return o;
}

static guint16 ip_checksum(const guint8 *h, gsize n)
{
    guint32 sum = 0;
    for (gsize i = 0; i + 1 < n; i += 2)
        sum += ((guint32)h[i] << 8) | h[i + 1];
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (guint16)~sum;
}

/* Outer Ethernet + IPv4 (192.0.2.1 -> 192.0.2.2, the tunnel endpoints) for
 * `inner` bytes of protocol proto; returns the frame so far. */
static GByteArray *outer_ipv4(guint8 proto, gsize inner, guint16 id)
{
    static const guint8 eth[14] = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x02, 0x02,
                                   0x00, 0x5e, 0x10, 0x00, 0x01, 0x08, 0x00};
    GByteArray *o = g_byte_array_sized_new(inner + 64);
    g_byte_array_append(o, eth, sizeof eth);
    guint8 ip[20] = {0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, proto, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2};
    put16(ip + 2, (guint)(20 + inner));
    put16(ip + 4, id);
    put16(ip + 10, ip_checksum(ip, sizeof ip));
    g_byte_array_append(o, ip, sizeof ip);
    return o;
}

static GByteArray *vxlan(const GByteArray *f, guint16 id)
{
    GByteArray *o = outer_ipv4(17, 8 + 8 + f->len, id);
    guint8 udp[8];
    put16(udp, 49152u + (id & 0x3fffu)); /* RFC 7348 5: source port from a hash of the inner flow */
    put16(udp + 2, 4789);
    put16(udp + 4, (guint)(8 + 8 + f->len));
    put16(udp + 6, 0); /* no checksum (RFC 7348 5: SHOULD be 0 over IPv4) */
    g_byte_array_append(o, udp, sizeof udp);
    static const guint8 vx[8] = {0x08, 0, 0, 0, 0x00, 0x00, 0x64, 0}; /* I flag, VNI 100 */
    g_byte_array_append(o, vx, sizeof vx);
    g_byte_array_append(o, f->data, f->len);
    return o;
}

static GByteArray *gre(const GByteArray *f, guint16 id)
{
    GByteArray *o = outer_ipv4(47, 4 + f->len, id);
    static const guint8 g[4] = {0x00, 0x00, 0x65,
                                0x58}; /* no options, transparent Ethernet bridging */
    g_byte_array_append(o, g, sizeof g);
    g_byte_array_append(o, f->data, f->len);
    return o;
}

GByteArray *gen_wrap_frame(gen_wrap w, const GByteArray *f, guint index)
{
    if (f->len < ETH_HEADER)
        return g_byte_array_ref((GByteArray *)f);
    switch (w) {
    case GEN_WRAP_PPPOE: return pppoe(f);
    case GEN_WRAP_PPP: return ppp(f);
    case GEN_WRAP_NFLOG: return nflog(f);
    case GEN_WRAP_WLAN: return wlan(f, FALSE);
    case GEN_WRAP_RADIOTAP: return wlan(f, TRUE);
    case GEN_WRAP_VXLAN: return vxlan(f, (guint16)index);
    case GEN_WRAP_GRE: return gre(f, (guint16)index);
    case GEN_WRAP_NONE:
    default: return g_byte_array_ref((GByteArray *)f);
    }
}
