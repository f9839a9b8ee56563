/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_udp.c - UDP (RFC 768): every datagram becomes a core event whose
 * payload points into the capture buffer (no copy: this is the hot path). */
#include "decode_internal.h"

#include "bigendian.h"

ma_dec_result ma_decode_udp(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 8)
        return p->snapped ? MA_DEC_SKIPPED : ma_dec_malformed(p, MA_DE_UDP_MALFORMED);
    gsize ulen = ma_rd16(data + 4);
    /* The IP layer bounded len to the IP payload (unless snapped): a UDP
     * length beyond it, or below the header, is a lie. */
    if (ulen < 8 || (ulen > len && !p->snapped))
        return ma_dec_malformed(p, MA_DE_UDP_MALFORMED);
    gsize avail = MIN(len, ulen) - 8;
    if (ma_decode_is_vxlan(ma_rd16(data + 2), data + 8, avail))
        return ma_decode_vxlan(p, data + 8, avail); /* the inner frame is what we audit */
    ma_ev_udp ev = {
        .meta = p->meta,
        .src = p->src,
        .dst = p->dst,
        .sport = ma_rd16(data),
        .dport = ma_rd16(data + 2),
        .ip_ttl = p->ttl,
        .payload = data + 8,
        .payload_len = avail,
        .payload_wire_len = ulen - 8,
    };
    if (p->d->sink.udp)
        p->d->sink.udp(p->d->sink.user, &ev);
    return MA_DEC_EVENT;
}
