/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_receivers.c - what the receivers themselves send to a group:
 * their RTCP on the negotiated RTCP port (receiver reports, whose fraction
 * lost and jitter are the receiver's own view, shown beside ours) and the
 * few start-up datagrams some clients send to the RTP port; and a unicast
 * client's RTCP to the server's RTCP port (server_port= of the reply). */
#include "correlator_internal.h"

#include "rtp.h"

/* GStreamer's rtspsrc sends 5 datagrams at once; a real second source sends
 * for longer.  Both bounds must hold. */
#define MA_STARTUP_MAX_DATAGRAMS 16u
#define MA_STARTUP_MAX_SPAN_NS ((gint64)2 * 1000000000)

ma_flow_role ma_correlator_flow_role(const ma_flow *f, const ma_track *t, ma_host_role *sender)
{
    *sender = MA_HOST_OTHER;
    if (t == NULL)
        t = f->track;
    if (t == NULL || f->fec != NULL) /* FEC: part of its media flow, no role of its own */
        return MA_FLOW_ROLE_NONE;
    if (ma_corr_track_from_camera(t, &f->src)) {
        *sender = MA_HOST_SERVER;
        return f->is_rtcp ? MA_FLOW_ROLE_SENDER_RTCP : MA_FLOW_ROLE_MEDIA;
    }
    if (ma_addr_equal(&f->src, &t->session->client))
        *sender = MA_HOST_CLIENT;
    if (!t->multicast && *sender == MA_HOST_CLIENT && f->is_rtcp && t->server_rtcp_port >= 0 &&
        f->dport == t->server_rtcp_port)
        return MA_FLOW_ROLE_RECEIVER_RTCP; /* unicast: to the server's RTCP port */
    if (!t->multicast || !ma_addr_equal(&f->dst, &t->group))
        return MA_FLOW_ROLE_OTHER;
    if (t->rtcp_port >= 0 && f->dport == t->rtcp_port)
        return MA_FLOW_ROLE_RECEIVER_RTCP;
    if (t->rtp_port >= 0 && f->dport == t->rtp_port && f->datagrams <= MA_STARTUP_MAX_DATAGRAMS &&
        f->last_ns - f->first_ns <= MA_STARTUP_MAX_SPAN_NS)
        return MA_FLOW_ROLE_RECEIVER_STARTUP;
    return MA_FLOW_ROLE_OTHER;
}

const char *ma_flow_role_name(ma_flow_role r)
{
    switch (r) {
    case MA_FLOW_ROLE_MEDIA: return "media";
    case MA_FLOW_ROLE_SENDER_RTCP: return "sender-rtcp";
    case MA_FLOW_ROLE_RECEIVER_RTCP: return "receiver-rtcp";
    case MA_FLOW_ROLE_RECEIVER_STARTUP: return "receiver-startup";
    case MA_FLOW_ROLE_OTHER: return "other";
    case MA_FLOW_ROLE_NONE:
    default: return "none";
    }
}

/* The SSRC the receivers report about: the track's media. */
static gboolean media_ssrc(const ma_flow *f, uint32_t *ssrc)
{
    const ma_track *t = f->track;
    if (t == NULL || t->rtp_flow == NULL || t->rtp_flow->stats == NULL)
        return FALSE;
    *ssrc = t->rtp_flow->ssrc;
    return TRUE;
}

void ma_corr_receiver_reports(ma_corr_flow *cf, const ma_rtcp_compound *cmp, uint32_t frame)
{
    ma_flow *f = &cf->pub;
    uint32_t ssrc;
    if (f->track == NULL || ma_corr_track_from_camera(f->track, &f->src) || !media_ssrc(f, &ssrc))
        return;
    for (guint i = 0; i < cmp->n_packets; i++) {
        const ma_rtcp_packet *p = &cmp->packets[i];
        if (p->type != 200 && p->type != 201)
            continue;
        for (guint j = 0; j < p->n_reports && j < G_N_ELEMENTS(p->reports); j++) {
            const ma_rtcp_report_block *b = &p->reports[j];
            if (b->ssrc != ssrc)
                continue;
            f->rr.reports++;
            f->rr.about_ssrc = ssrc;
            f->rr.fraction_lost_last = b->fraction_lost;
            f->rr.fraction_lost_max = MAX(f->rr.fraction_lost_max, b->fraction_lost);
            f->rr.cumulative_lost_last = b->cumulative_lost;
            f->rr.jitter_last = b->jitter;
            f->rr.jitter_max = MAX(f->rr.jitter_max, b->jitter);
            f->rr.last_frame = frame;
        }
    }
}

gboolean ma_correlator_rr_jitter_ms(const ma_flow *f, ma_rr_jitter *out)
{
    const ma_track *t = f->track;
    guint clock = 0;
    if (t != NULL && t->rtp_flow != NULL && t->rtp_flow->stats != NULL) {
        ma_rtp_summary sum;
        ma_rtp_stats_summary(t->rtp_flow->stats, &sum);
        clock = sum.clock_rate;
    }
    if (f->rr.reports == 0 || clock == 0)
        return FALSE;
    out->last_ms = (double)f->rr.jitter_last * 1000.0 / clock;
    out->max_ms = (double)f->rr.jitter_max * 1000.0 / clock;
    return TRUE;
}
