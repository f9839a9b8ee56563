/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_tcp.c - the TCP header (RFC 9293): only connections with an RTSP
 * port at either end go on to reassembly; the rest is skipped cheaply. */
#include "decode_internal.h"

#include "bigendian.h"

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04

ma_dec_result ma_decode_tcp(ma_pkt *p, const uint8_t *data, gsize len)
{
    if (len < 20)
        return p->snapped ? MA_DEC_SKIPPED : ma_dec_malformed(p, MA_DE_TCP_MALFORMED);
    uint16_t sport = ma_rd16(data), dport = ma_rd16(data + 2);
    if (!ma_decoder_is_rtsp_port(p->d, sport) && !ma_decoder_is_rtsp_port(p->d, dport))
        return MA_DEC_SKIPPED;
    gsize hlen = (gsize)(data[12] >> 4) * 4;
    if (hlen < 20 || hlen > len)
        return ma_dec_malformed(p, MA_DE_TCP_MALFORMED);
    if (len > hlen)
        ma_decode_note_mac(p);
    /* Bytes cut by the snap length are missing from the stream: the
     * reassembly resynchronises after this segment. */
    ma_tcp_seg seg = {
        .sport = sport,
        .dport = dport,
        .seq = ma_rd32(data + 4),
        .syn = (data[13] & TCP_SYN) != 0,
        .fin = (data[13] & TCP_FIN) != 0,
        .rst = (data[13] & TCP_RST) != 0,
        .payload = data + hlen,
        .len = len - hlen,
        .cut = p->snapped,
    };
    ma_tcp_segment(p, &seg);
    return MA_DEC_EVENT;
}
