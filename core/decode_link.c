/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_link.c - link-layer headers down to the IP header: Ethernet with
 * any stack of VLAN tags (and PPPoE sessions), Linux cooked v1/v2, raw IP,
 * BSD loopback; PPP (decode_link_ppp.c), 802.11 and radiotap
 * (decode_link_wifi.c) and NFLOG (decode_link_nflog.c) by their link type. */
#include "decode_internal.h"

#include "bigendian.h"

/* Numeric DLT values (pcap/dlt.h) spelt out so that this file needs no
 * libpcap header; DLT_RAW is 12 on Linux (14 on OpenBSD: accept both). */
enum {
    MA_DLT_NULL = 0,
    MA_DLT_EN10MB = 1,
    MA_DLT_PPP = 9,
    MA_DLT_RAW = 12,
    MA_DLT_RAW_OPENBSD = 14,
    MA_DLT_PPP_SERIAL = 50,
    MA_DLT_PPP_ETHER = 51,
    MA_DLT_RAW_LINKTYPE = 101,
    MA_DLT_IEEE802_11 = 105,
    MA_DLT_LOOP = 108,
    MA_DLT_LINUX_SLL = 113,
    MA_DLT_IEEE802_11_RADIO = 127,
    MA_DLT_IPV4 = 228,
    MA_DLT_IPV6 = 229,
    MA_DLT_NFLOG = 239,
    MA_DLT_LINUX_SLL2 = 276,
};

#define ETH_IPV4 0x0800
#define ETH_IPV6 0x86dd
#define ETH_PPPOE_SESSION 0x8864
#define ETH_MAX_TAGS 8 /* more tags than any real network stacks */

gboolean ma_decode_link_supported(int dlt)
{
    switch (dlt) {
    case MA_DLT_NULL:
    case MA_DLT_EN10MB:
    case MA_DLT_RAW:
    case MA_DLT_RAW_OPENBSD:
    case MA_DLT_RAW_LINKTYPE:
    case MA_DLT_LOOP:
    case MA_DLT_LINUX_SLL:
    case MA_DLT_IPV4:
    case MA_DLT_IPV6:
    case MA_DLT_LINUX_SLL2:
    case MA_DLT_PPP:
    case MA_DLT_PPP_SERIAL:
    case MA_DLT_PPP_ETHER:
    case MA_DLT_IEEE802_11:
    case MA_DLT_IEEE802_11_RADIO:
    case MA_DLT_NFLOG: return TRUE;
    default: return FALSE;
    }
}

const int *ma_decode_link_types(gsize *n)
{
    /* the order of preference where two name the same framing (RAW) */
    static const int types[] = {
        MA_DLT_EN10MB,    MA_DLT_LINUX_SLL,   MA_DLT_LINUX_SLL2,
        MA_DLT_RAW,       MA_DLT_RAW_OPENBSD, MA_DLT_RAW_LINKTYPE,
        MA_DLT_IPV4,      MA_DLT_IPV6,        MA_DLT_NULL,
        MA_DLT_LOOP,      MA_DLT_PPP,         MA_DLT_PPP_SERIAL,
        MA_DLT_PPP_ETHER, MA_DLT_IEEE802_11,  MA_DLT_IEEE802_11_RADIO,
        MA_DLT_NFLOG,
    };
    *n = G_N_ELEMENTS(types);
    return types;
}

const char *ma_decode_link_supported_list(void)
{
    return "EN10MB (Ethernet, 802.1Q/802.1ad tags, PPPoE), LINUX_SLL, LINUX_SLL2, RAW, IPV4, IPV6, "
           "NULL, LOOP, PPP, PPP_SERIAL, PPP_ETHER, IEEE802_11, IEEE802_11_RADIO, NFLOG";
}

ma_dec_result ma_decode_ethertype(ma_pkt *p, unsigned type, const uint8_t *data, gsize len)
{
    if (type == ETH_IPV4)
        return ma_decode_ipv4(p, data, len);
    if (type == ETH_IPV6)
        return ma_decode_ipv6(p, data, len);
    if (type == ETH_PPPOE_SESSION)
        return ma_decode_pppoe(p, data, len);
    return MA_DEC_SKIPPED;
}

/* Raw IP: the version nibble tells which. */
static ma_dec_result raw_ip(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 1)
        return ma_dec_malformed(p, MA_DE_LINK_MALFORMED);
    switch (data[0] >> 4) {
    case 4: return ma_decode_ipv4(p, data, len);
    case 6: return ma_decode_ipv6(p, data, len);
    default: return ma_dec_malformed(p, MA_DE_LINK_MALFORMED);
    }
}

static gboolean is_vlan_tpid(unsigned type)
{
    return type == 0x8100 || type == 0x88a8 || type == 0x9100 || type == 0x9200;
}

ma_dec_result ma_decode_ethernet(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 14)
        return ma_dec_malformed(p, MA_DE_ETHERNET_MALFORMED);
    memcpy(p->src_mac, data + 6, 6);
    p->has_src_mac = TRUE;
    gsize off = 12;
    unsigned type = ma_rd16(data + off);
    for (int tags = 0; is_vlan_tpid(type); tags++) {
        /* tag: TPID (already read) + TCI, then the next type */
        if (tags == ETH_MAX_TAGS || len < off + 6)
            return ma_dec_malformed(p, MA_DE_VLAN_MALFORMED);
        off += 4;
        type = ma_rd16(data + off);
    }
    off += 2;
    return ma_decode_ethertype(p, type, data + off, len - off);
}

/* Linux cooked v1: 16 bytes, protocol in the last two. */
static ma_dec_result sll(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 16)
        return ma_dec_malformed(p, MA_DE_SLL_MALFORMED);
    if (ma_rd16(data + 4) == 6) { /* link-layer address length, address at 6 */
        memcpy(p->src_mac, data + 6, 6);
        p->has_src_mac = TRUE;
    }
    return ma_decode_ethertype(p, ma_rd16(data + 14), data + 16, len - 16);
}

/* Linux cooked v2: 20 bytes, protocol in the first two. */
static ma_dec_result sll2(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 20)
        return ma_dec_malformed(p, MA_DE_SLL2_MALFORMED);
    if (data[11] == 6) { /* link-layer address length, address at 12 */
        memcpy(p->src_mac, data + 12, 6);
        p->has_src_mac = TRUE;
    }
    return ma_decode_ethertype(p, ma_rd16(data), data + 20, len - 20);
}

/* BSD loopback: a 4-byte address family, in the capturing host's byte
 * order for NULL and network order for LOOP.  Families are small numbers,
 * so a value with high bytes set is the other byte order. */
static ma_dec_result bsd_loop(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 4)
        return ma_dec_malformed(p, MA_DE_LOOPBACK_MALFORMED);
    uint32_t af = ma_rd32(data);
    if (af > 0xffffu)
        af = ((af & 0xffu) << 24) | ((af & 0xff00u) << 8) | ((af >> 8) & 0xff00u) | (af >> 24);
    switch (af) {
    case 2: return ma_decode_ipv4(p, data + 4, len - 4);
    case 24:
    case 28:
    case 30: /* AF_INET6 on NetBSD/OpenBSD, FreeBSD, Darwin */
        return ma_decode_ipv6(p, data + 4, len - 4);
    default: return MA_DEC_SKIPPED;
    }
}

ma_dec_result ma_decode_link(ma_pkt *p, int dlt, const uint8_t *data, gsize len)
{
    switch (dlt) {
    case MA_DLT_EN10MB: return ma_decode_ethernet(p, data, len);
    case MA_DLT_PPP:
    case MA_DLT_PPP_SERIAL: return ma_decode_ppp(p, data, len);
    case MA_DLT_PPP_ETHER: return ma_decode_pppoe(p, data, len);
    case MA_DLT_IEEE802_11: return ma_decode_wlan(p, data, len);
    case MA_DLT_IEEE802_11_RADIO: return ma_decode_radiotap(p, data, len);
    case MA_DLT_NFLOG: return ma_decode_nflog(p, data, len);
    case MA_DLT_LINUX_SLL: return sll(p, data, len);
    case MA_DLT_LINUX_SLL2: return sll2(p, data, len);
    case MA_DLT_RAW:
    case MA_DLT_RAW_OPENBSD:
    case MA_DLT_RAW_LINKTYPE: return raw_ip(p, data, len);
    case MA_DLT_IPV4: return ma_decode_ipv4(p, data, len);
    case MA_DLT_IPV6: return ma_decode_ipv6(p, data, len);
    case MA_DLT_NULL:
    case MA_DLT_LOOP: return bsd_loop(p, data, len);
    default: return MA_DEC_SKIPPED;
    }
}
