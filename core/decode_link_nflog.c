/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_link_nflog.c - Linux NFLOG (DLT_NFLOG, what `tcpdump -i nflog:N`
 * writes): a 4-byte header (address family, version 0, resource id), then
 * type-length-value attributes whose length and type are in the capturing
 * host's byte order (libpcap swaps them for a file of the other order), each
 * padded to 4 bytes.  The packet itself is attribute NFULA_PAYLOAD (9),
 * starting at the IP header. */
#include "decode_internal.h"

#include <string.h>

#define NFLOG_HEADER 4u
#define NFLOG_TLV 4u
#define NFULA_PAYLOAD 9u
#define NFLOG_AF_INET 2u
#define NFLOG_AF_INET6 10u
#define NFLOG_MAX_TLVS 64u /* the kernel writes about a dozen */

static uint16_t rd16host(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

ma_dec_result ma_decode_nflog(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < NFLOG_HEADER)
        return ma_dec_malformed(p, MA_DE_NFLOG_MALFORMED);
    unsigned family = data[0];
    if (data[1] != 0)
        return ma_dec_malformed(p, MA_DE_NFLOG_MALFORMED); /* version 0 is the only one */
    if (family != NFLOG_AF_INET && family != NFLOG_AF_INET6)
        return MA_DEC_SKIPPED;
    gsize off = NFLOG_HEADER;
    for (guint n = 0; n < NFLOG_MAX_TLVS && len - off >= NFLOG_TLV; n++) {
        gsize tlen = rd16host(data + off);
        unsigned type = rd16host(data + off + 2) & 0x7fffu; /* high bit: nested */
        if (tlen < NFLOG_TLV || tlen > len - off)
            return p->snapped ? MA_DEC_SKIPPED : ma_dec_malformed(p, MA_DE_NFLOG_MALFORMED);
        if (type == NFULA_PAYLOAD) {
            const uint8_t *ip = data + off + NFLOG_TLV;
            gsize ilen = tlen - NFLOG_TLV;
            return family == NFLOG_AF_INET ? ma_decode_ipv4(p, ip, ilen)
                                           : ma_decode_ipv6(p, ip, ilen);
        }
        gsize padded = (tlen + 3u) & ~(gsize)3u;
        if (padded >= len - off)
            break;
        off += padded;
    }
    return MA_DEC_SKIPPED; /* no payload attribute: nothing of the packet was logged */
}
