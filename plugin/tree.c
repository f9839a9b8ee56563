/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tree.c - the "Multicast Session Audit" tree of one frame.
 *
 * Everything shown comes from the per-frame answer stored in the first pass
 * and from the correlator's objects it points to; nothing is recomputed
 * here, so a frame shows the same tree however often it is dissected once
 * the capture has been judged. */
#include "ma_plugin.h"

#include <math.h>

#include <string.h>

proto_item *ma_gen(proto_item *pi)
{
    proto_item_set_generated(pi);
    return pi;
}

void ma_add_str(proto_tree *t, int hf, tvbuff_t *tvb, const char *s)
{
    if (s && *s)
        ma_gen(proto_tree_add_string(t, hf, tvb, 0, 0, s));
}

/* An address as Wireshark types it: hf4 for IPv4, hf6 for IPv6 (like
 * ip.src / ipv6.src), so that "mcast_audit.client == 10.9.97.0/24" works. */
void ma_add_addr(proto_tree *t, int hf4, int hf6, tvbuff_t *tvb, const ma_addr *a)
{
    if (a->family == 4) {
        ws_in4_addr v4;
        memcpy(&v4, a->bytes, 4);
        ma_gen(proto_tree_add_ipv4(t, hf4, tvb, 0, 0, v4));
    } else if (a->family == 6) {
        ws_in6_addr v6;
        memcpy(v6.bytes, a->bytes, 16);
        ma_gen(proto_tree_add_ipv6(t, hf6, tvb, 0, 0, &v6));
    }
}

/* A latency in ms as a relative time (shown "0.123456000 seconds",
 * filtered in seconds), as Wireshark shows every time delta. */
void ma_add_latency(proto_tree *t, int hf, tvbuff_t *tvb, double ms)
{
    gint64 ns = (gint64)llround(ms * 1e6);
    nstime_t d = {.secs = (time_t)(ns / 1000000000), .nsecs = (int)(ns % 1000000000)};
    ma_gen(proto_tree_add_time(t, hf, tvb, 0, 0, &d));
}

void ma_add_frame(proto_tree *t, int hf, tvbuff_t *tvb, uint32_t frame)
{
    if (frame > 0)
        ma_gen(proto_tree_add_uint(t, hf, tvb, 0, 0, frame));
}

static void ma_tree_session(proto_tree *mt, packet_info *pinfo, tvbuff_t *tvb, const ma_session *s)
{
    proto_item *si = ma_gen(proto_tree_add_uint(mt, ma_hf.session, tvb, 0, 0, s->id));
    proto_tree *st = proto_item_add_subtree(si, ett_ma_session);
    char cbuf[MA_ADDR_STRLEN], sbuf[MA_ADDR_STRLEN];

    proto_item_append_text(si, ": %s -> %s%s%s", ma_addr_to_str(&s->client, cbuf), ma_addr_to_str(&s->server, sbuf),
                           s->url ? " " : "", s->url ? s->url : "");
    ma_add_str(st, ma_hf.url, tvb, s->url);
    ma_add_str(st, ma_hf.session_id, tvb, s->session_id);
    ma_add_addr(st, ma_hf.client, ma_hf.client6, tvb, &s->client);
    ma_add_addr(st, ma_hf.server, ma_hf.server6, tvb, &s->server);
    if (s->outside_capture)
        ma_gen(proto_tree_add_boolean(st, ma_hf.outside_capture, tvb, 0, 0, TRUE));
    ma_add_frame(st, ma_hf.play_frame, tvb, s->play_reply_frame);
    ma_add_frame(st, ma_hf.teardown_frame, tvb, s->teardown_frame);
    if (ma_state_judged()) {
        ma_add_str(st, ma_hf.session_verdicts, tvb, ma_state_codes(pinfo->pool, s, -1));
        ma_add_str(st, ma_hf.result, tvb, ma_state_result_name(ma_state_worst(s, -1)));
    }
}

static void ma_tree_track(proto_tree *mt, tvbuff_t *tvb, const ma_track *t)
{
    proto_item *ti = ma_gen(proto_tree_add_uint(mt, ma_hf.track, tvb, 0, 0, t->index + 1));
    proto_tree *tt = proto_item_add_subtree(ti, ett_ma_track);
    char gbuf[MA_ADDR_STRLEN];

    if (t->transport_error != NULL) { /* MA120: neither multicast nor unicast */
        proto_item_append_text(ti, ": Transport does not parse");
        ma_add_str(tt, ma_hf.track_url, tvb, t->url);
        ma_add_str(tt, ma_hf.transport_error, tvb, t->transport_error);
        ma_add_frame(tt, ma_hf.setup_frame, tvb, t->setup_reply_frame);
        return;
    }
    if (ma_addr_is_set(&t->group))
        proto_item_append_text(ti, ": %s %s:%d", t->multicast ? "multicast" : "unicast",
                               ma_addr_to_str(&t->group, gbuf), t->rtp_port);
    ma_add_str(tt, ma_hf.track_url, tvb, t->url);
    ma_gen(proto_tree_add_boolean(tt, ma_hf.multicast, tvb, 0, 0, t->multicast));
    ma_add_addr(tt, ma_hf.group, ma_hf.group6, tvb, &t->group);
    if (t->rtp_port > 0 && t->rtp_port <= 65535)
        ma_gen(proto_tree_add_uint(tt, ma_hf.port, tvb, 0, 0, (guint32)t->rtp_port));
    if (t->rtcp_port > 0 && t->rtcp_port <= 65535)
        ma_gen(proto_tree_add_uint(tt, ma_hf.rtcp_port, tvb, 0, 0, (guint32)t->rtcp_port));
    if (t->ttl >= 0 && t->ttl <= 255)
        ma_gen(proto_tree_add_uint(tt, ma_hf.ttl, tvb, 0, 0, (guint32)t->ttl));
    ma_add_addr(tt, ma_hf.source, ma_hf.source6, tvb, &t->source);
    ma_add_str(tt, ma_hf.encoding, tvb, t->encoding);
    if (t->clock_rate > 0)
        ma_gen(proto_tree_add_uint(tt, ma_hf.clock_rate, tvb, 0, 0, t->clock_rate));
    /* Links to the frames that tell this track's story. */
    ma_add_frame(tt, ma_hf.setup_frame, tvb, t->setup_reply_frame);
    ma_add_frame(tt, ma_hf.join_frame, tvb, t->client_join_frame);
    ma_add_frame(tt, ma_hf.any_join_frame, tvb, t->first_join_frame);
    ma_add_frame(tt, ma_hf.first_media_frame, tvb, t->first_media_frame);
}

static gboolean ma_role_is_media(ma_frame_role r)
{
    return r == MA_ROLE_MEDIA || r == MA_ROLE_FIRST_MEDIA;
}

/* The frame's flow by its id (the frame keeps the id: the core may forget
 * an unbound flow), NULL when the core no longer has it. */
static const ma_flow *ma_tree_find_flow(guint id)
{
    const GPtrArray *fs = id > 0 ? ma_correlator_flows(ma_state_correlator()) : NULL;
    if (fs == NULL)
        return NULL;
    if (id <= fs->len && ((const ma_flow *)g_ptr_array_index(fs, id - 1))->id == id)
        return g_ptr_array_index(fs, id - 1); /* ids follow capture order */
    for (guint i = 0; i < fs->len; i++)
        if (((const ma_flow *)g_ptr_array_index(fs, i))->id == id)
            return g_ptr_array_index(fs, i);
    return NULL;
}

/* The flow's role for the frame's track (a receiver's RTCP or start-up
 * datagrams are not media from another source), its clock rate and where
 * that came from, and what a receiver reported.  Asked of the correlator
 * when shown: the role needs the whole flow (start-up datagrams are a few). */
static ma_flow_role ma_tree_flow(proto_tree *mt, tvbuff_t *tvb, const ma_frame_info *fi,
                                 const ma_flow *f)
{
    proto_item *it = ma_gen(proto_tree_add_uint(mt, ma_hf.flow, tvb, 0, 0, f->id));
    ma_host_role sender = MA_HOST_OTHER;
    ma_flow_role role = ma_correlator_flow_role(f, fi->track, &sender);
    if (role == MA_FLOW_ROLE_NONE)
        return role;
    proto_tree *ft = proto_item_add_subtree(it, ett_ma_flow);
    proto_item_append_text(it, ": %s from the %s", ma_flow_role_name(role),
                           ma_host_role_name(sender));
    ma_add_str(ft, ma_hf.flow_role, tvb, ma_flow_role_name(role));
    ma_add_str(ft, ma_hf.flow_sender, tvb, ma_host_role_name(sender));
    if (role == MA_FLOW_ROLE_RECEIVER_RTCP && f->rr.reports > 0) {
        ma_gen(proto_tree_add_uint(ft, ma_hf.rr_reports, tvb, 0, 0, f->rr.reports));
        ma_gen(proto_tree_add_double(ft, ma_hf.rr_fraction_lost, tvb, 0, 0,
                                     f->rr.fraction_lost_last / 256.0));
        ma_gen(proto_tree_add_int(ft, ma_hf.rr_cumulative_lost, tvb, 0, 0,
                                  f->rr.cumulative_lost_last));
        ma_rr_jitter j;
        if (ma_correlator_rr_jitter_ms(f, &j))
            ma_gen(proto_tree_add_double(ft, ma_hf.rr_jitter, tvb, 0, 0, j.last_ms));
    }
    if (f->stats != NULL && f->is_rtp && !f->is_rtcp && role != MA_FLOW_ROLE_RECEIVER_STARTUP) {
        ma_rtp_summary sum;
        ma_rtp_stats_summary(f->stats, &sum);
        if (sum.clock_rate > 0) {
            ma_gen(proto_tree_add_uint(ft, ma_hf.clock_rate_flow, tvb, 0, 0, sum.clock_rate));
            ma_gen(proto_tree_add_boolean(ft, ma_hf.clock_rate_inferred, tvb, 0, 0,
                                          sum.clock_inferred));
            ma_add_str(ft, ma_hf.clock_rate_source, tvb, ma_clock_source_name(sum.clock_source));
        }
    }
    return role;
}

/* An FEC packet: which stream of which media flow, its running figures and
 * the stream's layout (its first FEC header, fec.h). */
static void ma_tree_fec(proto_tree *mt, tvbuff_t *tvb, const ma_frame_info *fi, const ma_flow *f)
{
    ma_fec_summary s;
    ma_fec_stats_summary(f->fec, &s);
    ma_add_str(mt, ma_hf.fec_direction, tvb, ma_fec_dir_name(f->fec_dir));
    if (f->fec_for != NULL)
        ma_gen(proto_tree_add_uint(mt, ma_hf.fec_media_flow, tvb, 0, 0, f->fec_for->id));
    ma_gen(proto_tree_add_uint64(mt, ma_hf.fec_packets, tvb, 0, 0, fi->fec_packets));
    ma_gen(proto_tree_add_int64(mt, ma_hf.fec_lost, tvb, 0, 0, fi->fec_lost));
    ma_gen(proto_tree_add_uint(mt, ma_hf.fec_snbase, tvb, 0, 0, s.snbase_first));
    if (s.smpte) {
        ma_gen(proto_tree_add_uint(mt, ma_hf.fec_offset, tvb, 0, 0, s.offset));
        ma_gen(proto_tree_add_uint(mt, ma_hf.fec_na, tvb, 0, 0, s.na));
    }
}

static void ma_tree_info(proto_tree *mt, packet_info *pinfo, tvbuff_t *tvb, const ma_frame_info *fi,
                         guint flow_id)
{
    ma_add_str(mt, ma_hf.role, tvb, ma_frame_role_name(fi->role));
    if (fi->session)
        ma_tree_session(mt, pinfo, tvb, fi->session);
    if (fi->track)
        ma_tree_track(mt, tvb, fi->track);
    const ma_flow *flow = ma_tree_find_flow(flow_id);
    ma_flow_role flow_role = MA_FLOW_ROLE_NONE;
    if (flow != NULL)
        flow_role = ma_tree_flow(mt, tvb, fi, flow);
    else if (flow_id > 0)
        ma_gen(proto_tree_add_uint(mt, ma_hf.flow, tvb, 0, 0, flow_id));
    if (fi->join_latency_ms >= 0)
        ma_add_latency(mt, ma_hf.join_latency, tvb, fi->join_latency_ms);
    if (fi->since_play_ms >= 0)
        ma_add_latency(mt, ma_hf.since_play, tvb, fi->since_play_ms);
    if (ma_role_is_media(fi->role) && flow_role != MA_FLOW_ROLE_RECEIVER_STARTUP) {
        ma_gen(proto_tree_add_uint64(mt, ma_hf.packets, tvb, 0, 0, fi->packets));
        ma_gen(proto_tree_add_int64(mt, ma_hf.lost, tvb, 0, 0, fi->lost));
        ma_gen(proto_tree_add_double(mt, ma_hf.jitter, tvb, 0, 0, fi->jitter_ms));
    }
    if (fi->role == MA_ROLE_FEC && flow != NULL && flow->fec != NULL)
        ma_tree_fec(mt, tvb, fi, flow);
    if (fi->ts) {
        ma_gen(proto_tree_add_uint64(mt, ma_hf.ts_packets, tvb, 0, 0, fi->ts_packets));
        ma_gen(proto_tree_add_uint64(mt, ma_hf.ts_cc_errors, tvb, 0, 0, fi->ts_cc_errors));
        ma_gen(proto_tree_add_uint64(mt, ma_hf.ts_cc_lost, tvb, 0, 0, fi->ts_cc_lost));
    }
}

static void ma_tree_verdict(proto_tree *mt, packet_info *pinfo, tvbuff_t *tvb, const ma_verdict *v)
{
    proto_item *vi = ma_gen(proto_tree_add_string(mt, ma_hf.verdict, tvb, 0, 0, v->def->code));
    proto_tree *vt = proto_item_add_subtree(vi, ett_ma_verdict);

    gboolean provisional = ma_state_judged_frame() != 0;
    proto_item_append_text(vi, " %s [%s]%s", v->def->name, ma_severity_name(v->def->severity),
                           provisional ? " (provisional)" : "");
    ma_add_str(vt, ma_hf.verdict_name, tvb, v->def->name);
    ma_add_str(vt, ma_hf.severity, tvb, ma_severity_name(v->def->severity));
    ma_add_str(vt, ma_hf.message, tvb, v->message);
    gsize cause_len = 0;
    const char *fix = ma_verdict_def_fix(v->def, &cause_len);
    ma_add_str(vt, ma_hf.explanation, tvb,
               wmem_strndup(pinfo->pool, v->def->explanation != NULL ? v->def->explanation : "",
                            cause_len));
    ma_add_str(vt, ma_hf.fix, tvb, fix);
    if (v->session_id > 0)
        ma_gen(proto_tree_add_uint(vt, ma_hf.session, tvb, 0, 0, v->session_id));
    if (v->flow_id > 0)
        ma_gen(proto_tree_add_uint(vt, ma_hf.flow, tvb, 0, 0, v->flow_id));
    expert_add_info_format(pinfo, vi, &ma_ei_verdict[v->def->id], "%s%s",
                           provisional ? "provisional: " : "",
                           v->message ? v->message : v->def->title);
}

/* The decode events whose first occurrence is this frame (after the first
 * pass, from the core's table): one expert info each, with the count. */
static void ma_tree_events(proto_item *top, packet_info *pinfo)
{
    if (!ma_state_finished())
        return;
    const ma_decode_events *ev = ma_correlator_decode_events(ma_state_correlator());
    for (guint i = 0; ev != NULL && i < MA_DE__COUNT; i++) {
        if (ev->e[i].count == 0 || ev->e[i].first_frame != pinfo->num)
            continue;
        const ma_decode_event_def *d = ma_decode_event_def_get((ma_decode_event)i);
        expert_add_info_format(pinfo, top, &ma_ei_event[i],
                               "%s: %" G_GUINT64_FORMAT " in the capture, the first here: %s",
                               d->name, ev->e[i].count, d->explanation);
    }
}

/* The frame's role as the top line says it: a receiver's RTCP and start-up
 * datagrams by their flow's role, not as "rtcp" / "media". */
static const char *ma_tree_role_name(const ma_frame_info *fi, guint flow_id)
{
    ma_host_role sender;
    const ma_flow *flow = ma_tree_find_flow(flow_id);
    ma_flow_role r =
        flow != NULL ? ma_correlator_flow_role(flow, fi->track, &sender) : MA_FLOW_ROLE_NONE;
    if (r == MA_FLOW_ROLE_RECEIVER_RTCP || r == MA_FLOW_ROLE_RECEIVER_STARTUP)
        return ma_flow_role_name(r);
    return ma_frame_role_name(fi->role);
}

void ma_tree_add(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const ma_pframe *pf,
                 const GPtrArray *verdicts)
{
    proto_item *top = proto_tree_add_item(tree, proto_mcast_audit, tvb, 0, 0, ENC_NA);
    proto_tree *mt = proto_item_add_subtree(top, ett_ma);
    /* A tree nobody reads (one another tap or filter asked for, with no
     * mcast_audit field filtered or extracted): every item below would be
     * faked, so the words they take (addresses, verdict codes, roles) are
     * not formatted.  Verdicts, errors and decode events still raise their
     * expert infos, which taps read without a tree. */
    gboolean referenced = proto_field_is_referenced(tree, proto_mcast_audit);

    ma_gen(top);
    guint32 judged = ma_state_judged_frame();
    if (referenced && judged != 0) {
        ma_add_str(mt, ma_hf.judgement, tvb,
                   wmem_strdup_printf(pinfo->pool, "provisional (live capture, judged at frame %u)",
                                      judged));
        ma_gen(proto_tree_add_uint(mt, ma_hf.judged_frame, tvb, 0, 0, judged));
    } else if (referenced && ma_state_judged()) {
        ma_add_str(mt, ma_hf.judgement, tvb, "final");
    }
    for (guint i = 0; referenced && pf && i < pf->n_infos; i++) {
        ma_tree_info(mt, pinfo, tvb, &pf->infos[i], pf->flow_ids[i]);
        if (i == 0)
            proto_item_append_text(top, ": %s", ma_tree_role_name(&pf->infos[i], pf->flow_ids[i]));
    }
    if (pf && pf->error) {
        proto_item *ei = ma_gen(proto_tree_add_string(mt, ma_hf.error, tvb, 0, 0, pf->error));
        expert_add_info_format(pinfo, ei, &ma_ei_malformed, "mcast-audit: %s", pf->error);
    }
    if (referenced && ma_state_judged())
        ma_tree_groups(mt, pinfo, tvb, pf);
    for (guint i = 0; verdicts && i < verdicts->len; i++)
        ma_tree_verdict(mt, pinfo, tvb, g_ptr_array_index(verdicts, i));
    if (referenced && judged != 0)
        proto_item_append_text(top, " [provisional]");
    ma_tree_events(top, pinfo);
}
