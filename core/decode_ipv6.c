/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_ipv6.c - the IPv6 header (RFC 8200) and its extension headers:
 * hop-by-hop (router alert, RFC 2711, which MLD needs), routing,
 * destination options, AH, and fragment (handed to reassembly). */
#include "decode_internal.h"

#include "bigendian.h"

#include <netinet/in.h>

#define OPT_PAD1 0
#define OPT_ROUTER_ALERT 5

/* Hop-by-hop options (after the 2-byte header); FALSE when a length lies. */
static gboolean hop_options(ma_pkt *p, const uint8_t *opt, gsize len)
{
    gsize i = 0;
    while (i < len) {
        if (opt[i] == OPT_PAD1) {
            i++;
            continue;
        }
        if (len - i < 2 || (gsize)opt[i + 1] > len - i - 2)
            return FALSE;
        if (opt[i] == OPT_ROUTER_ALERT && opt[i + 1] == 2)
            p->router_alert = TRUE;
        i += 2 + (gsize)opt[i + 1];
    }
    return TRUE;
}

/* The fragment header: 8 bytes, offset in 8-byte units, M flag, 32-bit id. */
static ma_dec_result fragment(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 8)
        return ma_dec_malformed(p, MA_DE_IPV6_MALFORMED);
    int next = data[0];
    uint16_t off_flags = ma_rd16(data + 2);
    gsize offset = (gsize)(off_flags >> 3) * 8;
    gboolean more = (off_flags & 1) != 0;
    if (!more && offset == 0) /* atomic fragment (RFC 6946): no reassembly */
        return ma_decode_transport(p, next, data + 8, len - 8);
    if (p->snapped)
        return MA_DEC_SKIPPED;
    ma_frag_piece piece = {.id = ma_rd32(data + 4),
                           .proto = next,
                           .offset = offset,
                           .more = more,
                           .data = data + 8,
                           .len = len - 8};
    return ma_decode_fragment(p, &piece);
}

/* Walk the chain of extension headers to the upper-layer protocol. */
static ma_dec_result ext_chain(ma_pkt *p, int next, const uint8_t *data, gsize len)
{
    for (;;) {
        gsize hlen;
        switch (next) {
        case IPPROTO_HOPOPTS:
        case IPPROTO_ROUTING:
        case IPPROTO_DSTOPTS:
            if (len < 8)
                return ma_dec_malformed(p, MA_DE_IPV6_MALFORMED);
            hlen = ((gsize)data[1] + 1) * 8;
            break;
        case IPPROTO_AH: /* length in 4-byte units, minus 2 */
            if (len < 8)
                return ma_dec_malformed(p, MA_DE_IPV6_MALFORMED);
            hlen = ((gsize)data[1] + 2) * 4;
            break;
        case IPPROTO_FRAGMENT: return fragment(p, data, len);
        case IPPROTO_NONE: return MA_DEC_SKIPPED;
        default: return ma_decode_transport(p, next, data, len);
        }
        if (hlen > len)
            return ma_dec_malformed(p, MA_DE_IPV6_MALFORMED);
        if (next == IPPROTO_HOPOPTS && !hop_options(p, data + 2, hlen - 2))
            return ma_dec_malformed(p, MA_DE_IPV6_MALFORMED);
        next = data[0];
        data += hlen; /* every header is at least 8 bytes: the walk ends */
        len -= hlen;
    }
}

ma_dec_result ma_decode_ipv6(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 40 || (data[0] >> 4) != 6)
        return ma_dec_malformed(p, MA_DE_IPV6_MALFORMED);
    gsize plen = ma_rd16(data + 4);
    if (plen == 0 && data[6] == IPPROTO_HOPOPTS)
        return MA_DEC_SKIPPED; /* jumbogram (RFC 2675): not on our links */
    if (plen > len - 40) {
        if (!p->snapped)
            return ma_dec_malformed(p, MA_DE_IPV6_MALFORMED);
    } else {
        len = 40 + plen; /* drop link padding */
    }
    ma_addr_from_ipv6(&p->src, data + 8);
    ma_addr_from_ipv6(&p->dst, data + 24);
    p->ttl = data[7];
    return ext_chain(p, data[6], data + 40, len - 40);
}
