/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_media.c - UDP datagrams -> flows, RTP/RTCP figures, and the
 * binding of flows to the tracks that negotiated them.
 *
 * Per datagram: one hash lookup, no allocation once the flow exists.  A
 * flow binds to every track whose group:port (multicast) or client:port
 * (unicast) it matches - several clients may watch one group.  Multicast
 * flows bound to nothing still get RTP figures, so that a stream negotiated
 * before the capture (MA105) or a SETUP reply arriving after the first
 * packets loses none of them; but an unbound flow is RTP only once it passed
 * RFC 3550 A.1 validation (rtp_probe.h), and network control traffic
 * (udp_control.h: LLMNR, mDNS, 224.0.0.0/24, ...) is never parsed unless a
 * track negotiated it. */
#include "correlator_internal.h"

#include "rtp.h"
#include "sdp.h"
#include "udp_control.h"

void ma_corr_flow_free(gpointer p)
{
    ma_corr_flow *f = p;
    ma_rtp_stats_free(f->pub.stats);
    ma_flow_series_free(f->pub.series);
    ma_ts_stats_free(f->pub.ts);
    ma_fec_stats_free(f->pub.fec);
    ma_fec_stats_free(f->fec_trial);
    g_ptr_array_free(f->tracks, TRUE);
    g_free(f);
}

static gboolean track_ready(const ma_track *t)
{
    gboolean set_up = ma_session_described(t->session) ||
                      (t->setup_reply_frame != 0 && ma_corr_is_2xx(t->setup_status));
    return set_up && !t->interleaved && t->rtp_port >= 0;
}

/* Does the flow carry this track's RTP (or RTCP, *rtcp set)? */
static gboolean track_matches(const ma_track *t, const ma_corr_key *k, gboolean *rtcp)
{
    if (!track_ready(t))
        return FALSE;
    if (!t->multicast && t->server_rtcp_port >= 0 && k->dport == t->server_rtcp_port &&
        ma_addr_equal(&k->src, &t->session->client) &&
        (ma_addr_equal(&k->dst, &t->session->server) || ma_addr_equal(&k->dst, &t->source)) &&
        (t->rtcp_port < 0 || k->sport == t->rtcp_port)) {
        *rtcp = TRUE; /* the client's receiver reports, from its RTCP port */
        return TRUE;
    }
    if (t->multicast) {
        if (!ma_addr_equal(&k->dst, &t->group))
            return FALSE;
    } else {
        const ma_session *s = t->session;
        if (!ma_addr_equal(&k->dst, &s->client))
            return FALSE;
        if (!ma_addr_equal(&k->src, &s->server) && !ma_addr_equal(&k->src, &t->source))
            return FALSE;
    }
    if (k->dport == t->rtp_port) {
        *rtcp = FALSE;
        return TRUE;
    }
    if (k->dport == t->rtcp_port) {
        *rtcp = TRUE;
        return TRUE;
    }
    return FALSE;
}

static guint clock_for(const ma_track *t, int payload_type)
{
    if (t != NULL && t->payload_type == payload_type && t->clock_rate > 0)
        return t->clock_rate;
    return ma_rtp_static_clock_rate(payload_type);
}

void ma_corr_flow_bind(ma_corr_flow *f, ma_track *t, gboolean rtcp)
{
    for (guint i = 0; i < f->tracks->len; i++)
        if (g_ptr_array_index(f->tracks, i) == t)
            return;
    g_ptr_array_add(f->tracks, t);
    g_ptr_array_add(t->flows, &f->pub);
    if (f->pub.track == NULL) {
        f->pub.track = t;
        f->pub.is_rtcp = rtcp;
        f->pub.is_rtp = !rtcp;
    }
    if (rtcp) {
        /* the camera's reports prove RTCP; clients' receiver reports may share the port */
        if (t->rtcp_flow == NULL || (!ma_corr_track_from_camera(t, &t->rtcp_flow->src) &&
                                    ma_corr_track_from_camera(t, &f->pub.src)))
            t->rtcp_flow = &f->pub;
        return;
    }
    /* the camera's RTP is the media; a receiver's start-up datagrams to the
     * port (GStreamer's rtspsrc) may come first */
    if (t->rtp_flow == NULL || (!ma_corr_track_from_camera(t, &t->rtp_flow->src) &&
                                ma_corr_track_from_camera(t, &f->pub.src))) {
        if (t->rtp_flow != NULL) {
            t->first_media_frame = 0;
            t->first_media_ns = 0;
        }
        t->rtp_flow = &f->pub;
    }
    if (f->pub.stats != NULL && f->pub.track == t) {
        /* figures gathered unbound used the static table; the SDP may know better */
        guint clock = clock_for(t, f->pub.payload_type);
        if (clock > 0)
            ma_rtp_stats_set_clock_rate(f->pub.stats, clock);
    }
    if (t->first_media_frame != 0 || t->rtp_flow != &f->pub)
        return;
    if (f->rtp_ok > 0) { /* media was already arriving before the SETUP reply */
        t->first_media_frame = f->pub.first_frame;
        t->first_media_ns = f->pub.first_ns;
    } else {
        f->pending_first++;
    }
}

void ma_corr_bind_track(ma_correlator *c, ma_track *t)
{
    for (guint i = 0; i < c->flows->len; i++) {
        ma_corr_flow *f = g_ptr_array_index(c->flows, i);
        gboolean rtcp = FALSE;
        if (f->pub.interleaved)
            continue; /* tied to its track when it was made */
        if (track_matches(t, &f->key, &rtcp))
            ma_corr_flow_bind(f, t, rtcp);
    }
}

static void bind_new_flow(ma_correlator *c, ma_corr_flow *f)
{
    for (guint i = 0; i < c->sessions->len; i++) {
        ma_session *s = g_ptr_array_index(c->sessions, i);
        for (guint j = 0; j < s->tracks->len; j++) {
            ma_track *t = g_ptr_array_index(s->tracks, j);
            gboolean rtcp = FALSE;
            if (track_matches(t, &f->key, &rtcp))
                ma_corr_flow_bind(f, t, rtcp);
        }
    }
}

/* Is there a track this flow would bind to? */
static gboolean any_track_matches(const ma_correlator *c, const ma_corr_key *key)
{
    for (guint i = 0; i < c->sessions->len; i++) {
        const ma_session *s = g_ptr_array_index(c->sessions, i);
        for (guint j = 0; j < s->tracks->len; j++) {
            gboolean rtcp = FALSE;
            if (track_matches(g_ptr_array_index(s->tracks, j), key, &rtcp))
                return TRUE;
        }
    }
    return FALSE;
}

/* The table is full and a negotiated track's flow needs a place: forget
 * the flow tied to no track that was seen least recently (a flood of
 * one-packet flows must not hide the genuine stream).  Linear, but only
 * when a track's flow arrives at a full table.  FALSE: every flow is bound. */
static gboolean evict_unbound(ma_correlator *c, uint32_t frame)
{
    guint victim = G_MAXUINT;
    for (guint i = 0; i < c->flows->len; i++) {
        const ma_corr_flow *f = g_ptr_array_index(c->flows, i);
        if (f->tracks->len > 0 || f->pub.interleaved)
            continue;
        if (victim == G_MAXUINT ||
            f->pub.last_ns <
                ((const ma_corr_flow *)g_ptr_array_index(c->flows, victim))->pub.last_ns)
            victim = i;
    }
    if (victim == G_MAXUINT)
        return FALSE;
    ma_corr_flow *f = g_ptr_array_index(c->flows, victim);
    ma_corr_fec_unlink(f);
    g_hash_table_remove(c->flow_index, &f->key);
    g_ptr_array_remove_index(c->flows, victim); /* frees it; id order is kept */
    ma_decode_events_raise(&c->events, MA_DE_FLOW_EVICTED, frame);
    return TRUE;
}

/* The one flow constructor (UDP and interleaved): NULL when the table is
 * full and the flow may not take an unbound flow's place (bound: a track
 * negotiated it). */
static ma_corr_flow *flow_new(ma_correlator *c, const ma_corr_key *key, const ma_ev_meta *meta,
                              gboolean bound)
{
    if (c->flows->len >= c->th.max_flows && !(bound && evict_unbound(c, meta->frame))) {
        ma_corr_limit(c, MA_CORR_TABLE_FLOWS, meta->frame);
        return NULL;
    }
    ma_corr_flow *f = g_new0(ma_corr_flow, 1);
    f->key = *key;
    f->tracks = g_ptr_array_new();
    f->pub.id = ++c->next_flow_id;
    f->pub.src = key->src;
    f->pub.dst = key->dst;
    f->pub.sport = key->sport;
    f->pub.dport = key->dport;
    f->pub.first_frame = meta->frame;
    f->pub.first_ns = meta->ts_ns;
    f->pub.ttl_min = f->pub.ttl_max = -1;
    f->pub.payload_type = -1;
    f->pub.channel = -1;
    g_ptr_array_add(c->flows, f);
    return f;
}

static ma_corr_flow *flow_get(ma_correlator *c, const ma_ev_udp *ev)
{
    ma_corr_key key = {ev->src, ev->dst, ev->sport, ev->dport};
    ma_corr_flow *f = g_hash_table_lookup(c->flow_index, &key);
    if (f != NULL)
        return f;
    gboolean full = c->flows->len >= c->th.max_flows;
    f = flow_new(c, &key, &ev->meta, full && any_track_matches(c, &key));
    if (f == NULL)
        return NULL;
    f->pub.control = ma_udp_control_name(&ev->dst, ev->sport, ev->dport);
    g_hash_table_insert(c->flow_index, &f->key, f);
    bind_new_flow(c, f);
    return f;
}

static void count_datagram(ma_corr_flow *cf, const ma_ev_udp *ev)
{
    ma_flow *f = &cf->pub;
    f->datagrams++;
    f->bytes += ev->payload_wire_len > ev->payload_len ? ev->payload_wire_len : ev->payload_len;
    f->last_frame = ev->meta.frame;
    f->last_ns = ev->meta.ts_ns;
    if (ev->ip_ttl >= 0) {
        if (f->ttl_min < 0 || ev->ip_ttl < f->ttl_min) {
            f->ttl_min = ev->ip_ttl;
            cf->ttl_min_frame = ev->meta.frame;
        }
        if (ev->ip_ttl > f->ttl_max)
            f->ttl_max = ev->ip_ttl;
    }
}

static gboolean count_rtcp(ma_corr_flow *f, const ma_ev_udp *ev)
{
    ma_rtcp_compound cmp = {0};
    if (!ma_rtcp_parse(ev->payload, ev->payload_len, &cmp, NULL)) {
        f->pub.rtp_errors++;
        return FALSE;
    }
    ma_corr_receiver_reports(f, &cmp, ev->meta.frame);
    ma_rtcp_compound_clear(&cmp);
    f->pub.rtcp_packets++;
    f->rtcp_like++;
    return TRUE;
}

/* First RTP packet of a bound flow: the tracks waiting for it get it. */
static gboolean note_first_media(ma_corr_flow *f, const ma_ev_udp *ev)
{
    if (f->pending_first == 0)
        return FALSE;
    f->pending_first = 0;
    gboolean any = FALSE;
    for (guint i = 0; i < f->tracks->len; i++) {
        ma_track *t = g_ptr_array_index(f->tracks, i);
        if (t->rtp_flow == &f->pub && t->first_media_frame == 0) {
            t->first_media_frame = ev->meta.frame;
            t->first_media_ns = ev->meta.ts_ns;
            any = TRUE;
        }
    }
    return any;
}

static void fill_media_info(const ma_corr_flow *f, const ma_ev_udp *ev, ma_frame_info *info)
{
    const ma_track *t = f->pub.track;
    info->flow = (ma_flow *)&f->pub;
    info->track = (ma_track *)t;
    info->session = t != NULL ? t->session : NULL;
    if (f->pub.stats != NULL) {
        ma_rtp_running run; /* per packet: not the whole summary (MDI, bit rate) */
        ma_rtp_stats_running(f->pub.stats, &run);
        info->packets = run.packets;
        info->lost = run.lost;
        info->jitter_ms = run.jitter_ms;
    }
    ma_ts_summary ts;
    if (ma_flow_ts_summary(&f->pub, &ts)) {
        info->ts = TRUE;
        info->ts_packets = ts.packets;
        info->ts_cc_errors = ts.cc_errors;
        info->ts_cc_lost = ts.cc_lost;
    }
    if (t != NULL && t->session->play_reply_frame != 0)
        info->since_play_ms = ma_ms_between(t->session->play_reply_ns, ev->meta.ts_ns);
}

/* An FEC packet: the stream's figures, and the media flow's track and
 * session, so a front end shows it under the stream it protects. */
static void fill_fec_info(const ma_corr_flow *f, const ma_ev_udp *ev, ma_frame_info *info)
{
    const ma_flow *m = f->pub.fec_for;
    const ma_track *t = m != NULL ? m->track : NULL;
    info->flow = (ma_flow *)&f->pub;
    info->fec_media = m;
    info->fec_dir = f->pub.fec_dir;
    info->track = (ma_track *)t;
    info->session = t != NULL ? t->session : NULL;
    ma_fec_summary s;
    ma_fec_stats_summary(f->pub.fec, &s);
    info->fec_packets = s.packets;
    info->fec_lost = s.lost;
    if (t != NULL && t->session->play_reply_frame != 0)
        info->since_play_ms = ma_ms_between(t->session->play_reply_ns, ev->meta.ts_ns);
}

/* The packet just counted, into the flow's time series: the same figures
 * the statistics computed for it, plus the datagram's IP TTL. */
static void series_add(ma_corr_flow *f, const ma_ev_udp *ev, gsize bytes)
{
    if (f->pub.series == NULL)
        return;
    ma_rtp_last last;
    ma_rtp_stats_last(f->pub.stats, &last);
    ma_series_sample x = {ev->meta.ts_ns, bytes, last.holes, last.jitter_ms, last.gap_ms,
                          ev->ip_ttl};
    ma_flow_series_add(f->pub.series, &x);
    if (last.mdi_intervals != f->mdi_seen) {
        gint64 start = 0;
        double df = -1;
        f->mdi_seen = last.mdi_intervals;
        if (ma_mdi_last_interval(ma_rtp_stats_mdi(f->pub.stats), FALSE, &start, &df) && df >= 0)
            ma_flow_series_add_mdi(f->pub.series, start, df);
    }
}

void ma_corr_flows_finish(ma_correlator *c)
{
    for (guint i = 0; i < c->flows->len; i++) {
        ma_corr_flow *f = g_ptr_array_index(c->flows, i);
        gint64 start = 0;
        double df = -1;
        if (f->pub.series != NULL &&
            ma_mdi_last_interval(ma_rtp_stats_mdi(f->pub.stats), TRUE, &start, &df) && df >= 0)
            ma_flow_series_add_mdi(f->pub.series, start, df);
    }
}

static void series_start(ma_correlator *c, ma_corr_flow *f, gint64 first_ns)
{
    if (c->series_kept >= MA_CORR_MAX_SERIES) {
        c->series_skipped++;
        return;
    }
    c->series_kept++;
    f->pub.series = ma_flow_series_new(first_ns);
}

/* RFC 2250: PT 33 is MP2T; a dynamic PT is when the track's SDP says so. */
static gboolean rtp_carries_ts(const ma_flow *f, const ma_rtp_hdr *h)
{
    if (h->payload_type == MA_RTP_PT_MP2T)
        return TRUE;
    const ma_track *t = f->track;
    return t != NULL && t->payload_type == h->payload_type && t->encoding != NULL &&
           g_ascii_strcasecmp(t->encoding, "MP2T") == 0;
}

static void add_rtp_ts(ma_corr_flow *f, const ma_ev_udp *ev, const ma_rtp_hdr *h)
{
    if (!rtp_carries_ts(&f->pub, h) || f->pub.ts_raw)
        return;
    if (f->pub.ts == NULL)
        f->pub.ts = ma_ts_stats_new();
    /* ma_rtp_parse checked header + payload + padding against the datagram */
    ma_ts_stats_add(f->pub.ts, ev->payload + h->header_len, h->payload_len, ev->meta.ts_ns,
                    ev->meta.frame);
}

static void add_rtp(ma_correlator *c, ma_corr_flow *f, const ma_ev_udp *ev, const ma_rtp_hdr *h)
{
    f->rtp_ok++;
    if (f->pub.stats == NULL) {
        guint user = c->th.clock_rates[h->payload_type & 0x7f];
        f->pub.stats = ma_rtp_stats_new(user > 0 ? 0 : clock_for(f->pub.track, h->payload_type));
        if (user > 0)
            ma_rtp_stats_set_clock(f->pub.stats, user, MA_CLOCK_USER);
        if (c->th.mdi_interval_s > 0)
            (void)ma_rtp_stats_set_mdi_interval(f->pub.stats, (gint64)(c->th.mdi_interval_s * 1e9));
        f->pub.ssrc = h->ssrc;
        f->pub.ssrc_current = h->ssrc;
        f->pub.payload_type = h->payload_type;
        series_start(c, f, ev->meta.ts_ns);
    } else if (h->ssrc != f->pub.ssrc_current) {
        if (f->pub.ssrc_changes++ == 0) {
            f->pub.ssrc_change_frame = ev->meta.frame;
            f->pub.ssrc_before = f->pub.ssrc_current;
            f->pub.ssrc_after = h->ssrc;
        }
        f->pub.ssrc_current = h->ssrc;
    }
    gsize wire = ev->payload_wire_len > ev->payload_len ? ev->payload_wire_len : ev->payload_len;
    if (h->header_len + h->payload_len <= ev->payload_len) /* the NAL header hint */
        ma_rtp_stats_payload(f->pub.stats, ev->payload + h->header_len, h->payload_len);
    ma_rtp_stats_add_frame(f->pub.stats, h, ev->meta.ts_ns, wire, ev->meta.frame);
    series_add(f, ev, wire);
    add_rtp_ts(f, ev, h);
}

/* Figures gathered for a run of "RTP" that turned out not to be one source. */
void ma_corr_drop_rtp(ma_correlator *c, ma_corr_flow *f)
{
    ma_rtp_stats_free(f->pub.stats);
    f->pub.stats = NULL;
    if (f->pub.series != NULL) { /* its slot goes to the next RTP flow */
        ma_flow_series_free(f->pub.series);
        f->pub.series = NULL;
        c->series_kept--;
    }
    f->mdi_seen = 0;
    if (!f->pub.ts_raw) {
        ma_ts_stats_free(f->pub.ts);
        f->pub.ts = NULL;
    }
    f->pub.payload_type = -1;
    f->pub.ssrc = 0;
    f->rtp_ok = 0;
}

/* A flow no track claims: RTP figures from its first packet, but RTP only
 * once validated; the role says unbound-udp for multicast (media-like) and
 * for validated unicast RTP/RTCP, nothing for other unicast. */
static ma_frame_role handle_unbound(ma_correlator *c, ma_corr_flow *f, const ma_ev_udp *ev)
{
    gboolean multicast = ma_addr_is_multicast(&ev->dst);
    ma_rtp_hdr h;
    switch (ma_rtp_probe_add(&f->probe, ev->payload, ev->payload_len, ev->meta.ts_ns, &h)) {
    case MA_RTP_PROBE_PKT_RTCP:
        if (count_rtcp(f, ev)) {
            f->pub.is_rtcp = f->probe.state != MA_RTP_PROBE_RTP; /* RFC 5761 mux: RTP wins */
            return MA_ROLE_UNBOUND_UDP;
        }
        break;
    case MA_RTP_PROBE_PKT_RESTART:
        ma_corr_drop_rtp(c, f);
        add_rtp(c, f, ev, &h);
        break;
    case MA_RTP_PROBE_PKT_RTP:
        add_rtp(c, f, ev, &h);
        break;
    case MA_RTP_PROBE_PKT_OTHER:
    default:
        if (f->probe.state != MA_RTP_PROBE_NOT_RTP)
            f->pub.rtp_errors++;
        break;
    }
    if (f->probe.state == MA_RTP_PROBE_NOT_RTP && f->pub.stats != NULL)
        ma_corr_drop_rtp(c, f);
    f->pub.is_rtp = f->probe.state == MA_RTP_PROBE_RTP;
    if (f->pub.is_rtp)
        f->pub.is_rtcp = FALSE;
    return multicast || f->pub.is_rtp ? MA_ROLE_UNBOUND_UDP : MA_ROLE_NONE;
}

/* TS straight in UDP (IPTV): no RTP header, 188-byte packets from the first
 * byte.  The first datagram that looks like TS starts the figures; a flow is
 * TS once MA_RTP_PROBE_SEQUENTIAL datagrams in a row looked like it (an RTP
 * probe cannot pass on it: 0x47 is RTP version 1), and from then on every
 * datagram is fed, a bad one as sync errors.  Unvalidated figures are
 * dropped when a datagram does not look like TS. */
static gboolean handle_raw_ts(ma_corr_flow *f, const ma_ev_udp *ev)
{
    ma_flow *p = &f->pub;
    gboolean looks = ma_ts_looks_like(ev->payload, ev->payload_len);
    if (!p->ts_raw) {
        if (!looks || p->is_rtp || p->is_rtcp) {
            if (f->ts_run > 0) {
                ma_ts_stats_free(p->ts);
                p->ts = NULL;
                f->ts_run = 0;
            }
            return FALSE;
        }
        if (p->ts == NULL)
            p->ts = ma_ts_stats_new();
        if (++f->ts_run >= MA_RTP_PROBE_SEQUENTIAL)
            p->ts_raw = TRUE;
    }
    ma_ts_stats_add(p->ts, ev->payload, ev->payload_len, ev->meta.ts_ns, ev->meta.frame);
    return TRUE;
}

static ma_frame_role handle_rtp(ma_correlator *c, ma_corr_flow *f, const ma_ev_udp *ev)
{
    if (ma_rtp_looks_like_rtcp(ev->payload, ev->payload_len)) /* RFC 5761 mux */
        return count_rtcp(f, ev) ? MA_ROLE_RTCP : MA_ROLE_MEDIA;
    ma_rtp_hdr h;
    if (!ma_rtp_parse(ev->payload, ev->payload_len, &h, NULL)) {
        f->pub.rtp_errors++;
        return MA_ROLE_MEDIA;
    }
    add_rtp(c, f, ev, &h);
    f->pub.is_rtp = TRUE; /* negotiated: no probation needed */
    return note_first_media(f, ev) ? MA_ROLE_FIRST_MEDIA : MA_ROLE_MEDIA;
}

void ma_corr_mark_unrelated(ma_correlator *c)
{
    for (guint i = 0; i < c->flows->len; i++) {
        ma_corr_flow *f = g_ptr_array_index(c->flows, i);
        ma_flow *p = &f->pub;
        if (p->track != NULL || f->explained || p->fec != NULL)
            continue; /* FEC: reported with its media flow */
        if (!p->is_rtp && p->stats != NULL)
            ma_corr_drop_rtp(c, f); /* never validated: its figures describe no RTP source */
        if (!p->ts_raw && p->ts != NULL && !p->is_rtp) {
            ma_ts_stats_free(p->ts); /* one TS-looking datagram proves nothing */
            p->ts = NULL;
        }
        p->unrelated = p->control != NULL || (!ma_addr_is_multicast(&p->dst) && !p->is_rtp &&
                                              p->rtcp_packets == 0 && !p->ts_raw);
    }
}

void ma_correlator_udp(ma_correlator *c, const ma_ev_udp *ev, ma_frame_info *info)
{
    ma_frame_info_reset(info);
    if (c == NULL || c->finished || ev == NULL || (ev->payload == NULL && ev->payload_len > 0))
        return;
    ma_corr_note_time(c, &ev->meta);
    ma_corr_flow *f = flow_get(c, ev);
    if (f == NULL) {
        if (info != NULL && ma_addr_is_multicast(&ev->dst))
            info->role = MA_ROLE_UNBOUND_UDP;
        return;
    }
    count_datagram(f, ev);
    if (ma_corr_sap_datagram(c, ev, info))
        return; /* an announcement: its flow is counted, never media */
    if (ma_addr_is_multicast(&ev->dst) && f->pub.control == NULL)
        ma_corr_zap_media(c, ev, f);
    ma_frame_role role = MA_ROLE_NONE;
    if (f->pub.track != NULL && f->pub.is_rtcp) {
        (void)count_rtcp(f, ev); /* a bad one is counted in rtp_errors */
        role = MA_ROLE_RTCP;
    } else if (f->pub.track != NULL)
        role = handle_rtp(c, f, ev);
    else if (f->pub.control == NULL && ma_corr_fec_datagram(c, f, ev))
        role = MA_ROLE_FEC;
    else if (f->pub.control == NULL && handle_raw_ts(f, ev))
        role = MA_ROLE_UNBOUND_UDP;
    else if (f->pub.control == NULL)
        role = handle_unbound(c, f, ev);
    if (info == NULL)
        return;
    info->role = role;
    if (role == MA_ROLE_FEC)
        fill_fec_info(f, ev, info);
    else if (role != MA_ROLE_NONE)
        fill_media_info(f, ev, info);
}

/* ---- RTP/RTCP in interleaved "$" frames (RFC 2326 10.12) ---- */

/* The track's flow for this channel and direction, made on first use; not
 * in the UDP index (its key is the TCP connection's). */
static ma_corr_flow *interleaved_flow(ma_correlator *c, ma_track *t, gboolean rtcp,
                                      const ma_ev_interleaved *ev)
{
    for (guint i = 0; i < t->flows->len; i++) {
        ma_flow *p = g_ptr_array_index(t->flows, i);
        if (p->interleaved && p->channel == (int)ev->channel && ma_addr_equal(&p->src, &ev->src) &&
            p->sport == ev->sport)
            return (ma_corr_flow *)p;
    }
    ma_corr_key key = {ev->src, ev->dst, ev->sport, ev->dport};
    ma_corr_flow *f = flow_new(c, &key, &ev->meta, TRUE);
    if (f == NULL)
        return NULL;
    f->pub.interleaved = TRUE;
    f->pub.channel = (int)ev->channel;
    ma_corr_flow_bind(f, t, rtcp);
    return f;
}

ma_frame_role ma_corr_interleaved_media(ma_correlator *c, ma_track *t, gboolean rtcp,
                                        const ma_ev_interleaved *ev, ma_frame_info *info)
{
    ma_corr_flow *f = interleaved_flow(c, t, rtcp, ev);
    if (f == NULL)
        return rtcp ? MA_ROLE_RTCP : MA_ROLE_MEDIA;
    /* the same accounting as a UDP datagram: one RTP or RTCP packet per frame */
    ma_ev_udp u = {ev->meta, ev->src,     ev->dst,    ev->sport, ev->dport,
                   -1,       ev->payload, ev->length, ev->length};
    count_datagram(f, &u);
    ma_frame_role role;
    if (rtcp) {
        (void)count_rtcp(f, &u);
        role = MA_ROLE_RTCP;
    } else {
        role = handle_rtp(c, f, &u);
    }
    if (info != NULL) {
        info->role = role;
        fill_media_info(f, &u, info);
    }
    return role;
}

gboolean ma_flow_ts_summary(const ma_flow *f, ma_ts_summary *out)
{
    if (f == NULL || f->ts == NULL || (!f->ts_raw && !f->is_rtp))
        return FALSE;
    ma_ts_stats_summary(f->ts, out);
    return TRUE;
}
