/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_link_ppp.c - PPP (RFC 1661) in its captured framings: DLT_PPP and
 * DLT_PPP_SERIAL (the RFC 1662 HDLC-like address/control bytes, which a
 * capture may leave out, and protocol-field compression), DLT_PPP_ETHER and
 * PPPoE session frames inside Ethernet (RFC 2516 ethertype 0x8864).  Only
 * IPv4 and IPv6 go on; LCP, IPCP and the rest are not media (skipped). */
#include "decode_internal.h"

#include "bigendian.h"

#define PPP_IPV4 0x0021u
#define PPP_IPV6 0x0057u
#define PPPOE_HEADER 6u
#define PPPOE_VER_TYPE 0x11u
#define PPPOE_SESSION 0x00u

/* The PPP protocol field and what follows it. */
static ma_dec_result ppp_protocol(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 1)
        return ma_dec_malformed(p, MA_DE_PPP_MALFORMED);
    unsigned proto;
    gsize off;
    if ((data[0] & 0x01u) != 0) { /* RFC 1661 6.5: a compressed one-byte field */
        proto = data[0];
        off = 1;
    } else {
        if (len < 2)
            return ma_dec_malformed(p, MA_DE_PPP_MALFORMED);
        proto = ma_rd16(data);
        off = 2;
    }
    switch (proto) {
    case PPP_IPV4: return ma_decode_ipv4(p, data + off, len - off);
    case PPP_IPV6: return ma_decode_ipv6(p, data + off, len - off);
    default: return MA_DEC_SKIPPED;
    }
}

ma_dec_result ma_decode_ppp(ma_pkt *p, const uint8_t *data, gsize len)
{
    /* RFC 1662 3.1: all-stations address 0xff, UI control 0x03, when present */
    if (len >= 2 && data[0] == 0xffu && data[1] == 0x03u)
        return ppp_protocol(p, data + 2, len - 2);
    return ppp_protocol(p, data, len);
}

ma_dec_result ma_decode_pppoe(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < PPPOE_HEADER)
        return ma_dec_malformed(p, MA_DE_PPPOE_MALFORMED);
    if (data[0] != PPPOE_VER_TYPE || data[1] != PPPOE_SESSION)
        return ma_dec_malformed(
            p, MA_DE_PPPOE_MALFORMED); /* a session frame is version 1, type 1, code 0 */
    gsize plen = ma_rd16(data + 4);
    gsize avail = len - PPPOE_HEADER;
    if (plen > avail && !p->snapped)
        return ma_dec_malformed(
            p, MA_DE_PPPOE_MALFORMED); /* the length field claims more than the frame holds */
    return ppp_protocol(p, data + PPPOE_HEADER, MIN(plen, avail));
}
