/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_tunnel.c - the inner frames of tunnels, audited as if captured
 * inside: VXLAN (RFC 7348, UDP port 4789: an 8-byte header, then an
 * Ethernet frame) and GRE (RFC 2784/2890, IP protocol 47: optional
 * checksum, key and sequence words, then IPv4, IPv6 or, with protocol type
 * 0x6558, an Ethernet frame).  Tunnels inside tunnels are followed up to
 * MA_DEC_MAX_TUNNELS deep; deeper frames are counted as malformed. */
#include "decode_internal.h"

#include "bigendian.h"

#define VXLAN_HEADER 8u
#define VXLAN_FLAG_I 0x08u
#define GRE_HEADER 4u
#define GRE_C 0x8000u
#define GRE_K 0x2000u
#define GRE_S 0x1000u
#define GRE_VERSION 0x0007u
#define GRE_ETH_BRIDGE 0x6558u

static gboolean enter(ma_pkt *p)
{
    if (p->tunnels >= MA_DEC_MAX_TUNNELS)
        return FALSE;
    p->tunnels++;
    p->has_src_mac = FALSE; /* the outer frame's MAC is not the inner sender's */
    return TRUE;
}

gboolean ma_decode_is_vxlan(uint16_t dport, const uint8_t *data, gsize len)
{
    /* the I flag in the first byte claims VXLAN: a header cut after it is
     * a malformed VXLAN header (vxlan.malformed), not a plain datagram */
    return dport == MA_VXLAN_PORT && len >= 1 && (data[0] & VXLAN_FLAG_I) != 0;
}

ma_dec_result ma_decode_vxlan(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < VXLAN_HEADER)
        return ma_dec_malformed(p, MA_DE_VXLAN_MALFORMED);
    if (!enter(p))
        return ma_dec_malformed(p, MA_DE_TUNNEL_TOO_DEEP);
    return ma_decode_ethernet(p, data + VXLAN_HEADER, len - VXLAN_HEADER);
}

ma_dec_result ma_decode_gre(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < GRE_HEADER)
        return ma_dec_malformed(p, MA_DE_GRE_MALFORMED);
    unsigned flags = ma_rd16(data), type = ma_rd16(data + 2);
    if ((flags & GRE_VERSION) != 0)
        return MA_DEC_SKIPPED; /* version 1 is PPTP's enhanced GRE */
    gsize off = GRE_HEADER;
    off += (flags & GRE_C) != 0 ? 4u : 0u; /* checksum + reserved */
    off += (flags & GRE_K) != 0 ? 4u : 0u;
    off += (flags & GRE_S) != 0 ? 4u : 0u;
    if (off > len)
        return ma_dec_malformed(p, MA_DE_GRE_MALFORMED);
    if (!enter(p))
        return ma_dec_malformed(p, MA_DE_TUNNEL_TOO_DEEP);
    if (type == GRE_ETH_BRIDGE)
        return ma_decode_ethernet(p, data + off, len - off);
    return ma_decode_ethertype(p, type, data + off, len - off);
}
