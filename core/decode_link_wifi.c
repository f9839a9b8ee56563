/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_link_wifi.c - IEEE 802.11 data frames (DLT_IEEE802_11) and the
 * radiotap header in front of them (DLT_IEEE802_11_RADIO): the MAC header
 * (24 bytes, +6 with four addresses, +2 for QoS data, +4 with an HT
 * control field), then LLC/SNAP (RFC 1042 and 802.1H) carrying the
 * ethertype.  Management, control, null-data and protected frames carry no
 * IP we can read: skipped.  The source address (SA) is address 2, or 3 from
 * the distribution system, or 4 between access points. */
#include "decode_internal.h"

#include <string.h>

#include "bigendian.h"

#define WLAN_TYPE_DATA 2u
#define WLAN_FC_TODS 0x01u
#define WLAN_FC_FROMDS 0x02u
#define WLAN_FC_PROTECTED 0x40u
#define WLAN_FC_ORDER 0x80u
#define WLAN_HEADER 24u
#define LLC_SNAP 8u
#define RADIOTAP_MIN 8u
#define RADIOTAP_TSFT 0x00000001u
#define RADIOTAP_FLAGS 0x00000002u
#define RADIOTAP_EXT 0x80000000u
#define RADIOTAP_F_FCS 0x10u
#define RADIOTAP_MAX_PRESENT 8u /* more extended bitmaps than any driver writes */

static uint16_t rd16le(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t rd32le(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

ma_dec_result ma_decode_wlan(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < WLAN_HEADER)
        return ma_dec_malformed(p, MA_DE_WLAN_MALFORMED);
    unsigned fc0 = data[0], fc1 = data[1];
    unsigned type = (fc0 >> 2) & 0x03u, subtype = fc0 >> 4;
    if ((fc0 & 0x03u) != 0)
        return ma_dec_malformed(p, MA_DE_WLAN_MALFORMED); /* protocol version 0 only */
    if (type != WLAN_TYPE_DATA || (subtype & 0x04u) != 0 || (fc1 & WLAN_FC_PROTECTED) != 0)
        return MA_DEC_SKIPPED; /* not data, null data (no body), or encrypted */
    gsize off = WLAN_HEADER;
    unsigned ds = fc1 & (WLAN_FC_TODS | WLAN_FC_FROMDS);
    gsize sa = ds == WLAN_FC_FROMDS ? 16u : 10u;
    if (ds == (WLAN_FC_TODS | WLAN_FC_FROMDS)) {
        sa = WLAN_HEADER; /* address 4 */
        off += 6;
    }
    if ((subtype & 0x08u) != 0) {
        off += 2; /* QoS control */
        if ((fc1 & WLAN_FC_ORDER) != 0)
            off += 4; /* HT control */
    }
    if (len < off + LLC_SNAP)
        return ma_dec_malformed(p, MA_DE_WLAN_MALFORMED);
    memcpy(p->src_mac, data + sa, 6);
    p->has_src_mac = TRUE;
    const uint8_t *llc = data + off;
    if (llc[0] != 0xaau || llc[1] != 0xaau || llc[2] != 0x03u)
        return MA_DEC_SKIPPED; /* not SNAP: no ethertype */
    return ma_decode_ethertype(p, ma_rd16(llc + 6), llc + LLC_SNAP, len - off - LLC_SNAP);
}

/* Radiotap: little-endian length, presence bitmaps (bit 31: another one
 * follows), then the fields in bit order, each aligned to its size.  Only
 * TSFT (8 bytes) may come before Flags, whose FCS bit says the frame ends
 * in 4 bytes of checksum. */
ma_dec_result ma_decode_radiotap(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < RADIOTAP_MIN)
        return ma_dec_malformed(p, MA_DE_RADIOTAP_MALFORMED);
    gsize hlen = rd16le(data + 2);
    if (data[0] != 0 || hlen < RADIOTAP_MIN || hlen > len)
        return ma_dec_malformed(p, MA_DE_RADIOTAP_MALFORMED);
    uint32_t present = rd32le(data + 4);
    gsize off = 8;
    for (uint32_t word = present; (word & RADIOTAP_EXT) != 0; off += 4) {
        if (off + 4 > hlen || off >= 4 + 4 * RADIOTAP_MAX_PRESENT)
            return ma_dec_malformed(p, MA_DE_RADIOTAP_MALFORMED);
        word = rd32le(data + off);
    }
    gsize body = len - hlen;
    if ((present & RADIOTAP_FLAGS) != 0) {
        if ((present & RADIOTAP_TSFT) != 0)
            off = ((off + 7) & ~(gsize)7) + 8;
        if (off >= hlen)
            return ma_dec_malformed(p, MA_DE_RADIOTAP_MALFORMED);
        if ((data[off] & RADIOTAP_F_FCS) != 0) {
            if (body < 4)
                return ma_dec_malformed(p, MA_DE_RADIOTAP_MALFORMED);
            body -= 4;
        }
    }
    return ma_decode_wlan(p, data + hlen, body);
}
