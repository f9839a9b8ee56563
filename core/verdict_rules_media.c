/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdict_rules_media.c - MA3xx: whether media reached the negotiated
 * group and port, and how it went (TTL, delay, loss, jitter, RTCP, stops). */
#include "verdict_rules_internal.h"

static void fact_dest(ma_facts *f, const ma_track *t, gboolean rtcp)
{
    int port = rtcp ? t->rtcp_port : t->rtp_port;
    if (t->interleaved)
        ma_fact(f, "dest", "interleaved channel %d", rtcp ? t->channel_rtcp : t->channel_rtp);
    else
        ma_fact_addr_port(f, "dest", t->multicast ? &t->group : &t->session->client, port);
}

void ma_rule_no_media(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_session *s = x->s;
    if (!(ma_rule_play_ok(s) || s->play_reply_frame == 0))
        return;
    /* never asked to play and torn down: the client gave up, nothing was due */
    if (s->play_request_frame == 0 && s->teardown_frame != 0)
        return;
    if (t->interleaved ? t->interleaved_frames > 0 : t->rtp_flow != NULL)
        return;
    /* media went elsewhere: MA302/MA303 name where, "no media" would mislead */
    for (guint i = 0; i < t->flows->len; i++)
        if (((const ma_flow *)g_ptr_array_index(t->flows, i))->track == NULL)
            return;
    ma_facts f;
    ma_facts_init(&f);
    fact_dest(&f, t, FALSE);
    ma_fact(&f, "frame", "%u", t->setup_reply_frame);
    ma_verdict *v = ma_rule_emit(x, MA_V_NO_MEDIA, NULL, &f);
    ma_verdict_add_frame(v, t->setup_reply_frame);
    ma_verdict_add_frame(v, s->play_reply_frame);
}


void ma_rule_media_wrong_port(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    if (t->rtp_flow != NULL)
        return;
    for (guint i = 0; i < t->flows->len; i++) {
        const ma_flow *fl = g_ptr_array_index(t->flows, i);
        if (!ma_corr_track_wrong_port(t, fl))
            continue;
        ma_facts f;
        ma_facts_init(&f);
        ma_fact_addr(&f, "source", &fl->src);
        ma_fact_addr(&f, "group", &t->group);
        ma_fact(&f, "port", "%u", fl->dport);
        ma_fact(&f, "frame", "%u", fl->first_frame);
        ma_fact(&f, "expected_port", "%d", t->rtp_port);
        ma_verdict *v = ma_rule_emit(x, MA_V_MEDIA_WRONG_PORT, fl, &f);
        ma_verdict_add_frame(v, t->setup_reply_frame);
        ma_verdict_add_frame(v, fl->first_frame);
        return;
    }
}

void ma_rule_media_wrong_group(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    if (t->rtp_flow != NULL)
        return;
    for (guint i = 0; i < t->flows->len; i++) {
        const ma_flow *fl = g_ptr_array_index(t->flows, i);
        if (fl->track != NULL || ma_addr_equal(&fl->dst, &t->group))
            continue;
        ma_facts f;
        ma_facts_init(&f);
        ma_fact_addr(&f, "source", &fl->src);
        ma_fact_addr_port(&f, "other", &fl->dst, fl->dport);
        ma_fact(&f, "frame", "%u", fl->first_frame);
        ma_fact_addr(&f, "group", &t->group);
        ma_verdict *v = ma_rule_emit(x, MA_V_MEDIA_WRONG_GROUP, fl, &f);
        ma_verdict_add_frame(v, t->setup_reply_frame);
        ma_verdict_add_frame(v, fl->first_frame);
        return;
    }
}

void ma_rule_ttl_below_negotiated(ma_rule_ctx *x)
{
    const ma_corr_flow *fl = ma_rule_rtp_flow(x->t);
    if (fl == NULL || x->t->ttl < 0 || fl->pub.ttl_min < 0 || fl->pub.ttl_min >= x->t->ttl)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "group", &x->t->group);
    ma_fact(&f, "ttl_min", "%d", fl->pub.ttl_min);
    ma_fact(&f, "frame", "%u", fl->ttl_min_frame);
    ma_fact(&f, "ttl", "%d", x->t->ttl);
    ma_fact(&f, "note", "%s", fl->pub.ttl_min == 1 ? ": TTL 1 cannot cross a router" : "");
    ma_verdict *v = ma_rule_emit(x, MA_V_TTL_BELOW_NEGOTIATED, &fl->pub, &f);
    ma_verdict_add_frame(v, x->t->setup_reply_frame);
    ma_verdict_add_frame(v, fl->ttl_min_frame);
}

/* Hosts start their IP TTL at 64 (Linux, macOS, most cameras), 128
 * (Windows) or 255 (network gear); a packet shows the nearest above. */
static int ttl_initial(int ttl)
{
    return ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;
}

/* Router hops between the camera and the client, from the IP TTL of the
 * RTSP messages each way (initial TTL minus the lowest seen); -1 when the
 * capture holds no RTSP from the camera.  The capture point may sit
 * anywhere on the path: the two directions add up.  *from: the session
 * whose RTSP tells (for media negotiated before the capture, any session
 * with the media's source as its server). */
static int router_hops(const ma_rule_ctx *x, const ma_session **from)
{
    const ma_session *s = x->s;
    for (guint i = 0; s->server_ttl_min < 0 && x->s->outside_capture && i < x->c->sessions->len;
         i++) {
        const ma_session *o = g_ptr_array_index(x->c->sessions, i);
        if (!o->outside_capture && o->server_ttl_min >= 0 && ma_addr_equal(&o->server, &x->s->server))
            s = o;
    }
    *from = s;
    if (s->server_ttl_min < 0)
        return -1;
    int hops = ttl_initial(s->server_ttl_min) - s->server_ttl_min;
    if (s->client_ttl_min >= 0 && !x->s->outside_capture)
        hops += ttl_initial(s->client_ttl_min) - s->client_ttl_min;
    return hops;
}

/* MA305: TTL 1 where the RTSP packets' TTL shows router hops between camera
 * and client, or cannot tell (MA340 covers 0 hops). */
void ma_rule_ttl_one(ma_rule_ctx *x)
{
    const ma_corr_flow *fl = ma_rule_rtp_flow(x->t);
    const ma_session *rs = NULL;
    if (fl == NULL || fl->pub.ttl_min != 1 || router_hops(x, &rs) == 0)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "group", &x->t->group);
    ma_fact(&f, "frame", "%u", fl->ttl_min_frame);
    ma_verdict *v = ma_rule_emit(x, MA_V_TTL_ONE, &fl->pub, &f);
    ma_verdict_add_frame(v, fl->ttl_min_frame);
}

/* MA340 (info): TTL 1 with camera and client on one segment, which is what
 * gst-rtsp-server and VLC send by default and no fault there. */
void ma_rule_ttl_one_local(ma_rule_ctx *x)
{
    const ma_corr_flow *fl = ma_rule_rtp_flow(x->t);
    const ma_session *rs = NULL;
    if (fl == NULL || fl->pub.ttl_min != 1 || router_hops(x, &rs) != 0)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "group", &x->t->group);
    ma_fact(&f, "frame", "%u", fl->ttl_min_frame);
    ma_fact(&f, "server_ttl", "%d", rs->server_ttl_min);
    ma_fact(&f, "server_initial", "%d", ttl_initial(rs->server_ttl_min));
    ma_fact(&f, "server_frame", "%u", rs->server_ttl_frame);
    if (rs->client_ttl_min >= 0 && !x->s->outside_capture)
        ma_fact(&f, "client_note", "; the client's with TTL %d, frame %u", rs->client_ttl_min,
                rs->client_ttl_frame);
    else
        ma_fact(&f, "client_note", "%s", "");
    ma_verdict *v = ma_rule_emit(x, MA_V_TTL_ONE_LOCAL, &fl->pub, &f);
    ma_verdict_add_frame(v, rs->server_ttl_frame);
    ma_verdict_add_frame(v, fl->ttl_min_frame);
}

void ma_rule_late_first_packet(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    if (!ma_rule_play_ok(x->s) || t->first_media_frame == 0)
        return;
    double ms = ma_ms_between(x->s->play_reply_ns, t->first_media_ns);
    if (ms <= x->c->th.max_first_packet_ms)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "frame", "%u", t->first_media_frame);
    ma_fact(&f, "delay", "%.0f", ms);
    ma_fact(&f, "play_frame", "%u", x->s->play_reply_frame);
    ma_fact(&f, "limit", "%g", x->c->th.max_first_packet_ms);
    ma_verdict *v = ma_rule_emit(x, MA_V_LATE_FIRST_PACKET, t->rtp_flow, &f);
    ma_verdict_add_frame(v, x->s->play_reply_frame);
    ma_verdict_add_frame(v, t->first_media_frame);
}

static ma_verdict *emit_flow(ma_rule_ctx *x, ma_verdict_id id, const ma_flow *fl, ma_facts *f)
{
    ma_fact_flow(f, fl);
    ma_verdict *v = ma_rule_emit(x, id, fl, f);
    ma_verdict_add_frame(v, fl->first_frame);
    ma_verdict_add_frame(v, fl->last_frame);
    return v;
}

void ma_rule_loss(ma_rule_ctx *x)
{
    ma_rtp_summary sum;
    const ma_flow *fl = ma_rule_media_flow(x);
    if (!ma_rule_media_summary(x, &sum) || sum.expected == 0 || sum.lost <= 0)
        return;
    double pct = (double)sum.lost * 100.0 / (double)sum.expected;
    if (pct <= x->c->th.max_loss_pct)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "lost", "%" G_GINT64_FORMAT, sum.lost);
    ma_fact(&f, "expected", "%" G_GUINT64_FORMAT, sum.expected);
    ma_fact(&f, "pct", "%.2f", pct);
    ma_fact(&f, "limit", "%g", x->c->th.max_loss_pct);
    /* the evidence is at the gaps, not at the flow's ends */
    ma_rtp_burst_summary bs;
    ma_rtp_stats_bursts(fl->stats, &bs);
    if (bs.n_largest > 0) {
        const ma_rtp_burst *big = &bs.largest[0];
        ma_fact(&f, "bursts",
                " in %" G_GUINT64_FORMAT " burst%s, the longest %u packet%s "
                "between frames %u and %u",
                bs.count, bs.count == 1 ? "" : "s", big->lost, big->lost == 1 ? "" : "s",
                big->frame_before, big->frame_after);
    } else {
        ma_fact(&f, "bursts", "%s", "");
    }
    ma_fact_flow(&f, fl);
    ma_verdict *v = ma_rule_emit(x, MA_V_LOSS, fl, &f);
    for (guint i = 0; i < bs.n_largest; i++) {
        ma_verdict_add_frame(v, bs.largest[i].frame_before);
        ma_verdict_add_frame(v, bs.largest[i].frame_after);
    }
    if (bs.n_largest == 0) { /* loss with no burst kept (beyond the bound) */
        ma_verdict_add_frame(v, fl->first_frame);
        ma_verdict_add_frame(v, fl->last_frame);
    }
}

void ma_rule_jitter(ma_rule_ctx *x)
{
    ma_rtp_summary sum;
    const ma_flow *fl = ma_rule_media_flow(x);
    if (!ma_rule_media_summary(x, &sum) || sum.clock_rate == 0 || !sum.jitter_known ||
        sum.jitter_max_ms <= x->c->th.max_jitter_ms)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "jitter", "%.1f", sum.jitter_max_ms);
    ma_fact(&f, "limit", "%g", x->c->th.max_jitter_ms);
    uint32_t peak = ma_rtp_stats_jitter_peak(fl->stats, NULL);
    if (peak != 0)
        ma_fact(&f, "peak", " at frame %u", peak);
    else
        ma_fact(&f, "peak", "%s", "");
    ma_fact_flow(&f, fl);
    ma_verdict *v = ma_rule_emit(x, MA_V_JITTER, fl, &f);
    ma_verdict_add_frame(v, peak != 0 ? peak : fl->first_frame);
}

void ma_rule_media_after_leave(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_membership_event *leave = ma_corr_track_last_event(t, TRUE, FALSE);
    const ma_membership_event *join = ma_corr_track_last_event(t, TRUE, TRUE);
    const ma_flow *fl = t->rtp_flow;
    if (leave == NULL || fl == NULL || (join != NULL && join->ts_ns > leave->ts_ns))
        return;
    double after = ma_rule_secs(fl->last_ns - leave->ts_ns);
    if (after <= MA_LEAVE_GRACE_S)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "group", &t->group);
    ma_fact(&f, "after", "%.1f", after);
    ma_fact_addr(&f, "client", &x->s->client);
    ma_fact(&f, "frame", "%u", leave->frame);
    ma_verdict *v = ma_rule_emit(x, MA_V_MEDIA_AFTER_LEAVE, fl, &f);
    ma_verdict_add_frame(v, leave->frame);
    ma_verdict_add_frame(v, fl->last_frame);
}

void ma_rule_no_rtcp(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_corr_flow *rf = ma_rule_rtp_flow(t);
    if (rf == NULL || rf->rtp_ok == 0 || rf->pub.rtcp_packets > 0)
        return; /* RTCP muxed on the RTP port (RFC 5761) counts */
    /* Only an RTSP-negotiated RTP session must send RTCP (RFC 2326 + RFC
     * 3550); a stream whose negotiation is outside the capture may be IPTV
     * multicast that never does. */
    if (x->s->outside_capture || ma_session_described(x->s))
        return; /* nor a described one: ST 2110 and IPTV senders often send none */
    double lasted = ma_rule_secs(rf->pub.last_ns - rf->pub.first_ns);
    if (lasted < MA_RTCP_MIN_INTERVAL_S * MA_RTCP_INTERVALS_NEEDED)
        return; /* too short to expect a report */
    for (guint i = 0; i < t->flows->len; i++) {
        const ma_flow *fl = g_ptr_array_index(t->flows, i);
        if (fl->is_rtcp && fl->rtcp_packets > 0 &&
            (ma_corr_track_from_camera(t, &fl->src) || ma_addr_equal(&fl->src, &rf->pub.src)))
            return;
    }
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "source", &rf->pub.src);
    fact_dest(&f, t, TRUE);
    ma_fact(&f, "lasted", "%.1f", lasted);
    ma_fact(&f, "needed", "%.0f", MA_RTCP_MIN_INTERVAL_S * MA_RTCP_INTERVALS_NEEDED);
    ma_verdict *v = ma_rule_emit(x, MA_V_NO_RTCP, &rf->pub, &f);
    ma_verdict_add_frame(v, rf->pub.first_frame);
}

void ma_rule_reorder_duplicate(ma_rule_ctx *x)
{
    ma_rtp_summary sum;
    if (!ma_rule_media_summary(x, &sum) || (sum.reordered == 0 && sum.duplicates == 0))
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "reordered", "%" G_GUINT64_FORMAT, sum.reordered);
    ma_fact(&f, "duplicates", "%" G_GUINT64_FORMAT, sum.duplicates);
    emit_flow(x, MA_V_REORDER_DUP, ma_rule_media_flow(x), &f);
}

/* Static multicast stops when nobody wants it: every member left before
 * the stream ended (the switch pruned it), or the last membership expired
 * (MA223 says so). */
static gboolean static_stop_explained(const ma_rule_ctx *x)
{
    const ma_group *g = x->s->static_multicast ? ma_corr_group_of(x->c, &x->t->group) : NULL;
    if (g == NULL || g->members->len == 0)
        return FALSE;
    gboolean left = TRUE;
    for (guint i = 0; i < g->members->len && left; i++)
        left = !g_array_index(g->members, ma_group_member, i).member_at_end;
    if (left)
        return TRUE;
    ma_rule_ctx gx = *x;
    gx.g = g;
    gboolean likely = FALSE;
    return ma_rule_group_expired_member(&gx, &likely) != NULL;
}

void ma_rule_media_stopped(ma_rule_ctx *x)
{
    const ma_flow *fl = x->t->rtp_flow;
    gboolean likely = FALSE;
    if (fl == NULL || fl->stats == NULL || ma_rule_membership_expired_report(x, &likely) != NULL ||
        static_stop_explained(x))
        return;
    gint64 stop = ma_rule_stop_ns(x);
    if (ma_rule_secs(stop - fl->last_ns) <= MA_STOP_MARGIN_S)
        return;
    /* a SAP deletion ends the session as a TEARDOWN does */
    if (x->s->sap.deletion_frame != 0 &&
        ma_rule_secs(x->s->sap.deletion_ns - fl->last_ns) <= MA_STOP_MARGIN_S)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr_port(&f, "dest", &fl->dst, fl->dport);
    ma_fact(&f, "frame", "%u", fl->last_frame);
    ma_fact(&f, "before", "%.1f", ma_rule_secs(stop - fl->last_ns));
    if (x->s->teardown_frame != 0)
        ma_fact(&f, "end", "TEARDOWN (frame %u)", x->s->teardown_frame);
    else
        ma_fact(&f, "end", "%s", "end of the capture");
    ma_verdict *v = ma_rule_emit(x, MA_V_MEDIA_STOPPED, fl, &f);
    ma_verdict_add_frame(v, fl->last_frame);
    ma_verdict_add_frame(v, x->s->teardown_frame);
}

void ma_rule_unexpected_group(ma_rule_ctx *x)
{
    const ma_thresholds *th = &x->c->th;
    const ma_track *t = x->t;
    if (!th->expect_group_set || !ma_addr_is_set(&t->group))
        return;
    gboolean port_bad = th->expect_port >= 0 && t->rtp_port != th->expect_port;
    if (ma_addr_equal(&t->group, &th->expect_group) && !port_bad)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr_port(&f, "actual", &t->group, t->rtp_port);
    if (th->expect_port >= 0)
        ma_fact_addr_port(&f, "expected", &th->expect_group, th->expect_port);
    else
        ma_fact_addr(&f, "expected", &th->expect_group);
    ma_verdict *v = ma_rule_emit(x, MA_V_UNEXPECTED_GROUP, NULL, &f);
    ma_verdict_add_frame(v, t->setup_reply_frame);
    if (t->rtp_flow != NULL)
        ma_verdict_add_frame(v, t->rtp_flow->first_frame);
}

void ma_rule_ssrc_changed(ma_rule_ctx *x)
{
    const ma_flow *fl = ma_rule_media_flow(x);
    if (fl == NULL || fl->ssrc_changes == 0)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "before", "0x%08x", (unsigned)fl->ssrc_before);
    ma_fact(&f, "after", "0x%08x", (unsigned)fl->ssrc_after);
    ma_fact(&f, "frame", "%u", fl->ssrc_change_frame);
    if (fl->ssrc_changes > 1)
        ma_fact(&f, "more", " (%u changes in all)", fl->ssrc_changes);
    else
        ma_fact(&f, "more", "%s", "");
    ma_verdict *v = emit_flow(x, MA_V_SSRC_CHANGED, fl, &f);
    ma_verdict_add_frame(v, fl->ssrc_change_frame);
}
