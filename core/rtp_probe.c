/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_probe.c - RTP validation of unsignalled UDP flows (rtp_probe.h says
 * why).  No allocation: it runs on every datagram of a flow until decided. */
#include "rtp_probe.h"

#include "bigendian.h"

#define RTCP_SR 200u
#define RTCP_RR 201u
#define RTCP_TYPE_MIN 192u
#define RTCP_TYPE_MAX 223u
#define RTP_PT_RTCP_LO 72 /* RTCP 200-204 with the marker bit: RFC 5761 section 4 */
#define RTP_PT_RTCP_HI 76

gboolean ma_rtcp_valid_compound(const uint8_t *data, gsize len)
{
    if (data == NULL || len < 8u)
        return FALSE;
    if ((data[0] >> 6) != 2 || (data[0] & 0x20) != 0 || (data[1] != RTCP_SR && data[1] != RTCP_RR))
        return FALSE;
    gsize off = 0;
    while (off < len) {
        if (len - off < 4u)
            return FALSE;
        const uint8_t *p = data + off;
        if ((p[0] >> 6) != 2 || p[1] < RTCP_TYPE_MIN || p[1] > RTCP_TYPE_MAX)
            return FALSE;
        gsize plen = ((gsize)ma_rd16(p + 2) + 1u) * 4u;
        if (plen > len - off)
            return FALSE;
        off += plen;
    }
    return TRUE;
}

/* The timestamp step of a real source follows its clock: at most
 * MA_RTP_PROBE_TS_PER_S per second of arrival gap (plus one second for
 * B-frames sent out of presentation order), either direction. */
static gboolean plausible_step(const ma_rtp_probe *p, const ma_rtp_hdr *h, gint64 ns)
{
    gint64 gap_ns = ns > p->ns ? ns - p->ns : 0;
    guint64 limit = (guint64)MA_RTP_PROBE_TS_PER_S * (guint64)(gap_ns / 1000000000 + 1);
    int32_t step = (int32_t)(h->timestamp - p->timestamp);
    guint64 mag = step < 0 ? (guint64)(-(gint64)step) : (guint64)step;
    return mag <= limit;
}

static void start_run(ma_rtp_probe *p, const ma_rtp_hdr *h, gint64 ns)
{
    p->in_a_row = 1;
    p->ssrc = h->ssrc;
    p->payload_type = h->payload_type;
    p->seq = h->seq;
    p->timestamp = h->timestamp;
    p->ns = ns;
}

static ma_rtp_probe_pkt give_up_or(ma_rtp_probe *p, ma_rtp_probe_pkt r)
{
    if (p->state == MA_RTP_PROBE_TRYING && p->tried >= MA_RTP_PROBE_GIVE_UP)
        p->state = MA_RTP_PROBE_NOT_RTP;
    return r;
}

ma_rtp_probe_pkt ma_rtp_probe_add(ma_rtp_probe *p, const uint8_t *data, gsize len, gint64 ns,
                                  ma_rtp_hdr *h)
{
    if (p->state == MA_RTP_PROBE_NOT_RTP)
        return MA_RTP_PROBE_PKT_OTHER;
    if (p->state == MA_RTP_PROBE_TRYING)
        p->tried++;
    if (ma_rtp_looks_like_rtcp(data, len))
        return give_up_or(p, ma_rtcp_valid_compound(data, len) ? MA_RTP_PROBE_PKT_RTCP
                                                              : MA_RTP_PROBE_PKT_OTHER);
    if (!ma_rtp_parse(data, len, h, NULL) ||
        (h->payload_type >= RTP_PT_RTCP_LO && h->payload_type <= RTP_PT_RTCP_HI))
        return give_up_or(p, MA_RTP_PROBE_PKT_OTHER);
    if (p->state == MA_RTP_PROBE_RTP)
        return MA_RTP_PROBE_PKT_RTP;
    if (p->in_a_row == 0 || h->ssrc != p->ssrc || h->payload_type != p->payload_type) {
        gboolean restart = p->in_a_row != 0;
        start_run(p, h, ns);
        return give_up_or(p, restart ? MA_RTP_PROBE_PKT_RESTART : MA_RTP_PROBE_PKT_RTP);
    }
    if (h->seq == (uint16_t)(p->seq + 1u) && plausible_step(p, h, ns))
        p->in_a_row++;
    else
        p->in_a_row = 1; /* A.1: probation starts again at this packet */
    p->seq = h->seq;
    p->timestamp = h->timestamp;
    p->ns = ns;
    if (p->in_a_row >= MA_RTP_PROBE_SEQUENTIAL) {
        p->state = MA_RTP_PROBE_RTP;
        return MA_RTP_PROBE_PKT_RTP;
    }
    return give_up_or(p, MA_RTP_PROBE_PKT_RTP);
}
