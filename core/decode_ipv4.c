/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_ipv4.c - the IPv4 header (RFC 791): lengths, options (router
 * alert, RFC 2113, which IGMP needs), fragments handed to reassembly. */
#include "decode_internal.h"

#include "bigendian.h"

#define IPOPT_EOL 0
#define IPOPT_NOP 1
#define IPOPT_RA 148

/* Walk the options; FALSE when an option's length is impossible. */
static gboolean parse_options(ma_pkt *p, const uint8_t *opt, gsize len)
{
    gsize i = 0;
    while (i < len) {
        uint8_t type = opt[i];
        if (type == IPOPT_EOL)
            return TRUE;
        if (type == IPOPT_NOP) {
            i++;
            continue;
        }
        if (len - i < 2)
            return FALSE;
        uint8_t olen = opt[i + 1];
        if (olen < 2 || olen > len - i)
            return FALSE;
        if (type == IPOPT_RA && olen == 4)
            p->router_alert = TRUE;
        i += olen;
    }
    return TRUE;
}

ma_dec_result ma_decode_ipv4(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 20 || (data[0] >> 4) != 4)
        return ma_dec_malformed(p, MA_DE_IPV4_MALFORMED);
    gsize ihl = (gsize)(data[0] & 0x0f) * 4;
    gsize total = ma_rd16(data + 2);
    if (ihl < 20 || ihl > len || total < ihl)
        return ma_dec_malformed(p, MA_DE_IPV4_MALFORMED);
    if (total > len) {
        /* Only a snap length may cut a datagram; otherwise the header lies. */
        if (!p->snapped)
            return ma_dec_malformed(p, MA_DE_IPV4_MALFORMED);
    } else {
        len = total; /* drop Ethernet padding */
    }
    if (!parse_options(p, data + 20, ihl - 20))
        return ma_dec_malformed(p, MA_DE_IPV4_MALFORMED);
    /* RFC 791: the header sums to 0xffff; a bad one is counted, and the
     * packet still decoded (as Wireshark does by default) */
    if (ma_inet_fold(ma_inet_sum(0, data, ihl, -1)) != 0)
        ma_dec_event(p, MA_DE_IPV4_BAD_CHECKSUM);

    ma_addr_from_ipv4(&p->src, data + 12);
    ma_addr_from_ipv4(&p->dst, data + 16);
    p->ttl = data[8];
    int proto = data[9];
    uint16_t frag = ma_rd16(data + 6);
    gboolean more = (frag & 0x2000) != 0;
    gsize offset = (gsize)(frag & 0x1fff) * 8;

    if (more || offset) {
        /* A fragment cut by the snap length cannot be reassembled. */
        if (total > len)
            return MA_DEC_SKIPPED;
        ma_frag_piece piece = {.id = ma_rd16(data + 4),
                               .proto = proto,
                               .offset = offset,
                               .more = more,
                               .data = data + ihl,
                               .len = len - ihl};
        return ma_decode_fragment(p, &piece);
    }
    return ma_decode_transport(p, proto, data + ihl, len - ihl);
}
