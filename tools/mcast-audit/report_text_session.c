/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_text_session.c - one session told in the order it happened, so a
 * support engineer can read it aloud: DESCRIBE, SETUP per track, PLAY,
 * who joined the group, what media arrived, TEARDOWN, then the verdicts. */
#include "report_text_priv.h"

#include <string.h>

static void append_sources(ma_text *t, const char *lead, const ma_addr *src, guint n);

static void status_text(ma_text *t, int status, uint32_t frame)
{
    if (frame == 0 || status == 0) {
        g_string_append(t->out, "no reply in the capture");
        return;
    }
    const char *reason = ma_rtsp_reason_phrase(status);
    g_string_append_printf(t->out, "%d%s%s (frame %u)", status, *reason ? " " : "", reason, frame);
}

static void outside_headline(ma_text *t, const ma_session *s)
{
    char src[MA_ADDR_STRLEN];
    g_string_append_printf(t->out, "Session %u: media from %s %s", s->id,
                           s->static_multicast ? "sender" : "camera",
                           ma_addr_to_str(&s->server, src));
    if (s->tracks != NULL && s->tracks->len > 0) {
        const ma_track *k = g_ptr_array_index(s->tracks, 0);
        char *dst = ma_report_endpoint(&k->group, k->rtp_port);
        g_string_append_printf(t->out, " to %s", dst);
        g_free(dst);
    }
    if (s->static_multicast)
        g_string_append(t->out, ", static multicast (no RTSP session: see its group below)\n");
    else
        g_string_append_printf(t->out,
                               ", negotiated before the capture started (no SETUP seen; RTSP "
                               "naming a session at frame %u)\n",
                               s->rtsp_evidence_frame);
}

/* "Session 2: described by the SDP file cam.sdp (s=Camera 1), no RTSP" and
 * one "Expected" line per track: what the description says. */
static void described_headline(ma_text *t, const ma_session *s)
{
    g_string_append_printf(t->out, "Session %u: described by %s ", s->id,
                           s->origin == MA_ORIGIN_SAP ? "the SAP announcement" : "the SDP file");
    ma_text_safe(t, s->described_by);
    if (s->sdp != NULL && s->sdp->session_name != NULL) {
        g_string_append(t->out, " (s=");
        ma_text_safe(t, s->sdp->session_name);
        g_string_append_c(t->out, ')');
    }
    g_string_append_printf(t->out, ", origin %s, no RTSP\n", ma_session_origin_name(s->origin));
    if (s->origin == MA_ORIGIN_SAP) {
        ma_text_label(t, "SAP");
        g_string_append_printf(t->out, "%u announcement%s, frames %u-%u", s->sap.announcements,
                               ma_text_plural(s->sap.announcements), s->sap.first_frame,
                               s->sap.last_frame);
        if (s->sap.announcements > 1)
            g_string_append_printf(t->out, ", interval mean %.3f s (min %.3f, max %.3f)",
                                   s->sap.interval_mean_s, s->sap.interval_min_s,
                                   s->sap.interval_max_s);
        if (s->sap.deletion_frame != 0) {
            g_string_append_printf(t->out, "; deleted frame %u at ", s->sap.deletion_frame);
            ma_text_time(t, s->sap.deletion_ns);
        } else {
            g_string_append(t->out, "; not deleted");
        }
        g_string_append_c(t->out, '\n');
    }
    for (guint i = 0; s->tracks != NULL && i < s->tracks->len; i++) {
        const ma_track *k = g_ptr_array_index(s->tracks, i);
        char *dst = ma_report_endpoint(&k->group, k->rtp_port);
        ma_text_label(t, i == 0 ? "Expected" : NULL);
        g_string_append_printf(t->out, "track %u: ", i + 1);
        if (k->sdp_media != NULL)
            ma_text_safe(t, k->sdp_media->media);
        g_string_append_printf(t->out, " to %s", dst);
        g_free(dst);
        if (k->encoding != NULL) {
            g_string_append_c(t->out, ' ');
            ma_text_safe(t, k->encoding);
        }
        if (k->payload_type >= 0)
            g_string_append_printf(t->out, " PT %d", k->payload_type);
        if (k->clock_rate > 0)
            g_string_append_printf(t->out, ", %u Hz", k->clock_rate);
        if (k->ttl >= 0)
            g_string_append_printf(t->out, ", TTL %d", k->ttl);
        if (k->n_filter_sources > 0)
            append_sources(t, k->filter_include ? ", source-filter incl " : ", source-filter excl ",
                           k->filter_sources, k->n_filter_sources);
        g_string_append_c(t->out, '\n');
    }
}

static void headline(ma_text *t, const ma_session *s)
{
    if (ma_session_described(s)) {
        described_headline(t, s);
        return;
    }
    if (s->outside_capture) {
        outside_headline(t, s);
        return;
    }
    char *server = ma_report_endpoint(&s->server, s->server_port);
    char *client = ma_report_endpoint(&s->client, s->client_port);
    g_string_append_printf(t->out, "Session %u: client %s -> camera %s  ", s->id, client, server);
    ma_text_safe(t, s->url);
    if (s->session_id != NULL) {
        g_string_append(t->out, "  (Session ");
        ma_text_safe(t, s->session_id);
        g_string_append_c(t->out, ')');
    }
    g_string_append_c(t->out, '\n');
    g_free(client);
    g_free(server);
}

static void sdp_conn_text(ma_text *t, const ma_sdp_conn *c)
{
    if (c == NULL || !c->present) {
        g_string_append(t->out, ", no c= line");
        return;
    }
    g_string_append(t->out, ", c=");
    ma_text_safe(t, c->nettype);
    g_string_append_c(t->out, ' ');
    ma_text_safe(t, c->addrtype);
    g_string_append_c(t->out, ' ');
    ma_text_safe(t, c->address);
    if (c->ttl >= 0)
        g_string_append_printf(t->out, "/%d", c->ttl);
    if (ma_addr_is_set(&c->addr) && ma_addr_is_unspecified(&c->addr))
        g_string_append(t->out, " (group only in SETUP)");
}

/* The m= line's first format as a payload type, -1 when not a number. */
static int first_payload_type(const ma_sdp_media *m)
{
    gint64 pt = -1;
    if (m->formats == NULL || m->formats->len == 0 ||
        !g_ascii_string_to_signed(g_ptr_array_index(m->formats, 0), 10, 0, 127, &pt, NULL))
        return -1;
    return (int)pt;
}

static void sdp_summary(ma_text *t, const ma_sdp *sdp)
{
    if (sdp == NULL)
        return;
    g_string_append(t->out, ", SDP:");
    for (guint i = 0; sdp->media != NULL && i < sdp->media->len; i++) {
        const ma_sdp_media *m = g_ptr_array_index(sdp->media, i);
        g_string_append(t->out, i ? "; " : " ");
        ma_text_safe(t, m->media);
        int pt = first_payload_type(m);
        const ma_sdp_rtpmap *map = ma_sdp_rtpmap_for(m, pt);
        const char *enc = map != NULL ? map->encoding : ma_rtp_static_encoding(pt);
        guint rate = ma_sdp_clock_rate(m, pt);
        if (enc != NULL) {
            g_string_append_c(t->out, ' ');
            ma_text_safe(t, enc);
        } else if (pt >= 0) {
            g_string_append_printf(t->out, " PT %d", pt);
        }
        if (rate > 0)
            g_string_append_printf(t->out, "/%u", rate);
        if (m->port > 0)
            g_string_append_printf(t->out, " port %d", m->port);
        sdp_conn_text(t, ma_sdp_media_conn(sdp, m));
    }
}

static void describe_line(ma_text *t, const ma_session *s)
{
    if (s->describe_frame == 0)
        return;
    ma_text_label(t, "DESCRIBE");
    g_string_append_printf(t->out, "frame %u -> ", s->describe_frame);
    if (s->auth_challenges == 1)
        g_string_append_printf(t->out, "401 Unauthorized (frame %u), retried with credentials -> ",
                               s->auth_challenge_frame);
    else if (s->auth_challenges > 1)
        g_string_append_printf(t->out, "401 Unauthorized %u times (first frame %u), retried with credentials -> ",
                               s->auth_challenges, s->auth_challenge_frame);
    status_text(t, s->describe_status, s->describe_reply_frame);
    sdp_summary(t, s->sdp);
    g_string_append_c(t->out, '\n');
}

/* "track 1 (trackID=1)": numbered from 1 as users count SETUPs, with the
 * last path element of its control URL (else the whole URL). */
static void track_name(ma_text *t, const ma_track *k)
{
    g_string_append_printf(t->out, "track %u", k->index + 1);
    if (k->url == NULL)
        return;
    const char *slash = strrchr(k->url, '/');
    g_string_append(t->out, " (");
    ma_text_safe(t, slash != NULL && slash[1] != '\0' ? slash + 1 : k->url);
    g_string_append_c(t->out, ')');
}

static void delivery_text(ma_text *t, const ma_track *k)
{
    char g[MA_ADDR_STRLEN];
    if (k->transport_error != NULL) { /* MA120: nothing is known, not even unicast */
        if (k->transport_text == NULL) {
            g_string_append(t->out, ": no Transport header, where the media goes is unknown");
            return;
        }
        g_string_append(t->out, ": Transport does not parse (");
        ma_text_safe(t, k->transport_error);
        g_string_append(t->out, "): \"");
        ma_text_safe(t, k->transport_text);
        g_string_append(t->out, "\"");
        return;
    }
    if (k->interleaved) {
        g_string_append(t->out, ": TCP interleaved (inside the RTSP connection)");
    } else if (k->multicast) {
        g_string_append_printf(t->out, ": multicast %s", ma_addr_to_str(&k->group, g));
    } else {
        g_string_append_printf(t->out, ": unicast to the client");
    }
    if (!k->interleaved && k->rtp_port >= 0)
        g_string_append_printf(t->out, " ports %d-%d", k->rtp_port, k->rtcp_port);
    if (k->ttl >= 0)
        g_string_append_printf(t->out, " ttl %d", k->ttl);
    if (k->reply != NULL && k->reply->source.present) { /* SSM: the negotiated source= */
        g_string_append(t->out, " source ");
        ma_text_safe(t, k->reply->source.host);
    }
    if (k->from_sdp)
        g_string_append(t->out, " (taken from the SDP)");
    if (k->requested != NULL && k->requested->cast == MA_CAST_MULTICAST && !k->multicast)
        g_string_append(t->out, " although multicast was asked");
}

static void setup_line(ma_text *t, const ma_track *k)
{
    ma_text_label(t, "SETUP");
    track_name(t, k);
    g_string_append_printf(t->out, " frame %u -> ", k->setup_request_frame);
    status_text(t, k->setup_status, k->setup_reply_frame);
    if (k->setup_status >= 200 && k->setup_status < 300)
        delivery_text(t, k);
    g_string_append_c(t->out, '\n');
}

static void play_lines(ma_text *t, const ma_session *s)
{
    if (s->outside_capture || ma_session_described(s))
        return;
    ma_text_label(t, "PLAY");
    if (s->play_request_frame == 0) {
        g_string_append(t->out, "not in the capture\n");
    } else {
        g_string_append_printf(t->out, "frame %u -> ", s->play_request_frame);
        status_text(t, s->play_status, s->play_reply_frame);
        if (s->play_reply_frame != 0) {
            g_string_append(t->out, " at ");
            ma_text_time(t, s->play_reply_ns);
        }
        g_string_append_c(t->out, '\n');
    }
    guint nk = s->keepalives != NULL ? s->keepalives->len : 0;
    if (nk > 0) {
        ma_text_label(t, "Keepalive");
        g_string_append_printf(t->out, "%u request%s (OPTIONS/GET_PARAMETER), last frame %u\n", nk,
                               ma_text_plural(nk), g_array_index(s->keepalives, uint32_t, nk - 1));
    }
}

/* 454, 455, 457, 459, 5xx answers to any request of the session. */
static void error_lines(ma_text *t, const ma_session *s)
{
    for (guint i = 0; s->error_replies != NULL && i < s->error_replies->len; i++) {
        const ma_rtsp_error_reply *er = &g_array_index(s->error_replies, ma_rtsp_error_reply, i);
        ma_text_label(t, i == 0 ? "Errors" : NULL);
        ma_text_safe(t, er->method);
        g_string_append_printf(t->out, " frame %u -> ", er->request_frame);
        status_text(t, er->status, er->reply_frame);
        g_string_append(t->out, " at ");
        ma_text_time(t, er->reply_ns);
        g_string_append_c(t->out, '\n');
    }
}

static void teardown_line(ma_text *t, const ma_session *s)
{
    if (s->outside_capture || ma_session_described(s))
        return;
    ma_text_label(t, "TEARDOWN");
    if (s->teardown_frame == 0) {
        g_string_append(t->out, "none in the capture\n");
        return;
    }
    g_string_append_printf(t->out, "frame %u at ", s->teardown_frame);
    ma_text_time(t, s->teardown_ns);
    g_string_append_c(t->out, '\n');
}

static void append_sources(ma_text *t, const char *lead, const ma_addr *src, guint n)
{
    g_string_append(t->out, lead);
    for (guint i = 0; i < n && src != NULL; i++) {
        char a[MA_ADDR_STRLEN];
        g_string_append_printf(t->out, "%s%s", i ? " " : "", ma_addr_to_str(&src[i], a));
    }
}

/* "IGMPv3 CHANGE_TO_EXCLUDE, any source" / "IGMPv2 report" / "MLDv1 done" /
 * "IGMPv3 BLOCK_OLD_SOURCES 10.0.0.5, now no source". */
void ma_text_membership_how(ma_text *t, const ma_membership_event *m)
{
    const gboolean mld = m->proto == MA_PROTO_MLD;
    g_string_append_printf(t->out, "%s%d ", mld ? "MLDv" : "IGMPv", m->version);
    if (m->record_type == 0) {
        g_string_append(t->out, m->kind == MA_CHANGE_LEAVE ? (mld ? "done" : "leave") : "report");
        return;
    }
    char *name = g_strdup(ma_record_type_name(m->record_type));
    if (g_str_has_suffix(name, "_MODE"))
        name[strlen(name) - 5] = '\0';
    g_string_append(t->out, name);
    g_free(name);
    gboolean delta =
        m->record_type == MA_REC_ALLOW_NEW_SOURCES || m->record_type == MA_REC_BLOCK_OLD_SOURCES;
    if (delta) { /* the record's own sources, then what the host receives now */
        append_sources(t, " ", m->record_sources, m->n_record_sources);
        g_string_append(t->out, ", now");
    }
    if (m->n_sources == 0) {
        g_string_append(t->out, m->include_mode ? (delta ? " no source" : ", no source")
                                                : (delta ? " any source" : ", any source"));
        return;
    }
    append_sources(t,
                   m->include_mode ? (delta ? " sources " : ", sources ")
                                   : (delta ? " any source except " : ", any source except "),
                   m->sources, m->n_sources);
}

static void membership_line(ma_text *t, const ma_session *s, const ma_track *k,
                            const ma_membership_event *m, gboolean first)
{
    static const char *const verbs[] = {"joined", "left", "refreshed"};
    char host[MA_ADDR_STRLEN], group[MA_ADDR_STRLEN];
    ma_text_label(t, first ? "Joins" : NULL);
    guint kind = (guint)m->kind < G_N_ELEMENTS(verbs) ? (guint)m->kind : 0;
    g_string_append_printf(t->out, "%s %s %s %s (",
                           ma_host_role_name(ma_correlator_event_role(s, k, m)),
                           ma_addr_to_str(&m->host, host), verbs[kind],
                           ma_addr_to_str(&m->group, group));
    ma_text_membership_how(t, m);
    g_string_append_printf(t->out, ") frame %u at ", m->frame);
    ma_text_time(t, m->ts_ns);
    g_string_append_c(t->out, '\n');
}

/* Refreshes are periodic: count them per host instead of listing each. */
static guint refresh_count(const ma_track *k, const ma_addr *host, uint32_t *last)
{
    guint n = 0;
    for (guint i = 0; i < k->memberships->len; i++) {
        const ma_membership_event *m = &g_array_index(k->memberships, ma_membership_event, i);
        if (m->kind == MA_CHANGE_REFRESH && ma_addr_equal(&m->host, host)) {
            n += 1 + m->repeats; /* identical refreshes are folded into one */
            *last = m->frame;
        }
    }
    return n;
}

static void refresh_lines(ma_text *t, const ma_session *s, const ma_track *k, gboolean *first)
{
    GHashTable *done = g_hash_table_new(ma_addr_ghash, ma_addr_gequal);
    for (guint i = 0; i < k->memberships->len; i++) {
        const ma_membership_event *m = &g_array_index(k->memberships, ma_membership_event, i);
        if (m->kind != MA_CHANGE_REFRESH || g_hash_table_contains(done, &m->host))
            continue;
        g_hash_table_add(done, (gpointer)&m->host);
        uint32_t last = 0;
        guint n = refresh_count(k, &m->host, &last);
        char host[MA_ADDR_STRLEN];
        ma_text_label(t, *first ? "Joins" : NULL);
        *first = FALSE;
        /* a folded run starts at its first frame (frame is its latest) */
        uint32_t from = m->repeats > 0 ? m->repeat_first_frame : m->frame;
        g_string_append_printf(t->out, "%s %s refreshed its membership %u time%s (frame%s %u",
                               ma_host_role_name(ma_correlator_event_role(s, k, m)),
                               ma_addr_to_str(&m->host, host), n, ma_text_plural(n),
                               ma_text_plural(n), from);
        if (n > 1)
            g_string_append_printf(t->out, "-%u", last);
        g_string_append(t->out, ")\n");
    }
    g_hash_table_destroy(done);
}

static void join_lines(ma_text *t, const ma_session *s, const ma_track *k)
{
    gboolean first = TRUE;
    char g[MA_ADDR_STRLEN], c[MA_ADDR_STRLEN];
    for (guint i = 0; k->memberships != NULL && i < k->memberships->len; i++) {
        const ma_membership_event *m = &g_array_index(k->memberships, ma_membership_event, i);
        if (m->kind == MA_CHANGE_REFRESH)
            continue;
        membership_line(t, s, k, m, first);
        first = FALSE;
    }
    if (k->memberships != NULL)
        refresh_lines(t, s, k, &first);
    ma_addr_to_str(&k->group, g);
    if (first) {
        ma_text_label(t, "Joins");
        g_string_append_printf(t->out, "nobody joined %s in the capture\n", g);
    } else if (k->client_join_frame == 0 && !ma_session_described(s)) {
        ma_text_label(t, NULL);
        g_string_append_printf(t->out, "client %s never joined %s\n", ma_addr_to_str(&s->client, c),
                               g);
    }
}

/* First packet of a flow relative to PLAY (or SETUP when no PLAY reply). */
static void first_packet(ma_text *t, const ma_session *s, const ma_track *k, const ma_flow *f)
{
    g_string_append_printf(t->out, ": first packet frame %u", f->first_frame);
    if (s->play_reply_frame != 0)
        g_string_append_printf(t->out, ", %.1f ms after PLAY",
                               (double)(f->first_ns - s->play_reply_ns) / 1e6);
    else if (k->setup_reply_frame != 0)
        g_string_append_printf(t->out, ", %.1f ms after SETUP",
                               (double)(f->first_ns - k->setup_reply_ns) / 1e6);
}

static void rtp_flow_lines(ma_text *t, const ma_session *s, const ma_track *k, const ma_flow *f)
{
    ma_text_flow_ends(t, f);
    g_string_append(t->out, " RTP");
    if (f->payload_type >= 0)
        g_string_append_printf(t->out, " PT %d", f->payload_type);
    if (k->encoding != NULL && f->payload_type == k->payload_type) {
        g_string_append_c(t->out, ' ');
        ma_text_safe(t, k->encoding);
    }
    g_string_append_printf(t->out, " SSRC 0x%08x", (unsigned)f->ssrc);
    first_packet(t, s, k, f);
    if (f != k->rtp_flow)
        g_string_append(t->out, " (not the negotiated group:port)");
    g_string_append_c(t->out, '\n');
    ma_text_label(t, NULL);
    ma_text_flow_figures(t, f);
    g_string_append_c(t->out, '\n');
    ma_text_loss_bursts(t, f);
    ma_text_ts_figures(t, f);
    ma_text_fec_figures(t, f);
}

/* What the receiver itself reported about the media (RFC 3550 6.4.2). */
static void receiver_reports(ma_text *t, const ma_flow *f)
{
    if (f->rr.reports == 0) {
        g_string_append(t->out, ", no report about the media");
        return;
    }
    g_string_append_printf(t->out, ", %u report%s about SSRC 0x%08x: fraction lost %.1f%% last / "
                           "%.1f%% max, cumulative lost %d",
                           f->rr.reports, ma_text_plural(f->rr.reports), (unsigned)f->rr.about_ssrc,
                           f->rr.fraction_lost_last * 100.0 / 256.0,
                           f->rr.fraction_lost_max * 100.0 / 256.0, (int)f->rr.cumulative_lost_last);
    ma_rr_jitter j;
    if (ma_correlator_rr_jitter_ms(f, &j))
        g_string_append_printf(t->out, ", jitter %.2f ms last / %.2f ms max", j.last_ms, j.max_ms);
}

/* Receivers' own datagrams to the group, named for what they are. */
static gboolean receiver_flow_line(ma_text *t, const ma_track *k, const ma_flow *f)
{
    ma_host_role sender;
    ma_flow_role role = ma_correlator_flow_role(f, k, &sender);
    const char *who = sender == MA_HOST_CLIENT ? "the client's" : "another receiver's";
    if (role == MA_FLOW_ROLE_RECEIVER_RTCP) {
        g_string_append(t->out, "RTCP ");
        ma_text_flow_ends(t, f);
        g_string_append_printf(t->out, ": %" G_GUINT64_FORMAT " RTCP packet%s, %s receiver RTCP",
                               f->rtcp_packets, ma_text_plural(f->rtcp_packets), who);
        receiver_reports(t, f);
    } else if (role == MA_FLOW_ROLE_RECEIVER_STARTUP) {
        g_string_append(t->out, "UDP ");
        ma_text_flow_ends(t, f);
        g_string_append_printf(t->out, ": %" G_GUINT64_FORMAT " datagram%s, first frame %u, %s "
                               "start-up datagrams (to open firewalls; not media)",
                               f->datagrams, ma_text_plural(f->datagrams), f->first_frame, who);
    } else {
        return FALSE;
    }
    g_string_append_c(t->out, '\n');
    return TRUE;
}

static void other_flow_line(ma_text *t, const ma_track *k, const ma_flow *f)
{
    if (receiver_flow_line(t, k, f))
        return;
    g_string_append(t->out, f->is_rtcp ? "RTCP " : "UDP ");
    ma_text_flow_ends(t, f);
    if (f->is_rtcp)
        g_string_append_printf(t->out, ": %" G_GUINT64_FORMAT " RTCP packet%s", f->rtcp_packets,
                               ma_text_plural(f->rtcp_packets));
    else
        g_string_append_printf(t->out, ": %" G_GUINT64_FORMAT " datagram%s, first frame %u",
                               f->datagrams, ma_text_plural(f->datagrams), f->first_frame);
    if (f != k->rtcp_flow && f != k->rtp_flow)
        g_string_append(t->out, " (not the negotiated group:port)");
    g_string_append_c(t->out, '\n');
}

static void media_lines(ma_text *t, const ma_session *s, const ma_track *k)
{
    guint n = k->flows != NULL ? k->flows->len : 0;
    for (guint i = 0; i < n; i++) {
        const ma_flow *f = g_ptr_array_index(k->flows, i);
        ma_text_label(t, i == 0 ? "Media" : NULL);
        ma_host_role sender;
        if (f->is_rtp && f->stats != NULL &&
            ma_correlator_flow_role(f, k, &sender) != MA_FLOW_ROLE_RECEIVER_STARTUP)
            rtp_flow_lines(t, s, k, f);
        else
            other_flow_line(t, k, f);
    }
    if (k->interleaved && k->rtp_flow != NULL) {
        ma_text_label(t, NULL);
        g_string_append_printf(t->out,
                               "TCP interleaved channels %d/%d: jitter includes TCP's own "
                               "delays (retransmission, head-of-line blocking)\n",
                               k->channel_rtp, k->channel_rtcp);
    } else if (k->interleaved && k->setup_status >= 200 && k->setup_status < 300) {
        ma_text_label(t, "Media");
        if (k->channel_rtp >= 0)
            g_string_append_printf(t->out, "TCP interleaved channel %d: ", k->channel_rtp);
        g_string_append_printf(t->out, "%" G_GUINT64_FORMAT " $ frame%s, %" G_GUINT64_FORMAT
                               " bytes inside the RTSP connection (not measured)\n",
                               k->interleaved_frames, ma_text_plural(k->interleaved_frames),
                               k->interleaved_bytes);
    }
    if (n == 0 && k->transport_error != NULL) {
        ma_text_label(t, "Media");
        g_string_append(t->out, "not judged: the SETUP reply names no place for it (flows from the "
                                "camera are listed as tied to no session)\n");
    } else if (n == 0 && !k->interleaved &&
               ((k->setup_status >= 200 && k->setup_status < 300) || ma_session_described(s))) {
        char *dst = ma_report_endpoint(k->multicast ? &k->group : &s->client, k->rtp_port);
        ma_text_label(t, "Media");
        g_string_append_printf(t->out, "nothing reached %s\n", dst);
        g_free(dst);
    }
}

/* Several tracks may share one group: list its joins once. */
static gboolean group_listed(const ma_session *s, guint upto, const ma_track *k)
{
    for (guint i = 0; i < upto; i++) {
        const ma_track *o = g_ptr_array_index(s->tracks, i);
        if (o->multicast && ma_addr_equal(&o->group, &k->group))
            return TRUE;
    }
    return FALSE;
}

void ma_text_session(ma_text *t, const ma_session *s)
{
    guint nt = s->tracks != NULL ? s->tracks->len : 0;
    headline(t, s);
    describe_line(t, s);
    gboolean rtsp = !s->outside_capture && !ma_session_described(s);
    for (guint i = 0; i < nt && rtsp; i++)
        setup_line(t, g_ptr_array_index(s->tracks, i));
    play_lines(t, s);
    error_lines(t, s);
    for (guint i = 0; i < nt && !s->outside_capture; i++) {
        const ma_track *k = g_ptr_array_index(s->tracks, i);
        if (k->multicast && !group_listed(s, i, k))
            join_lines(t, s, k);
    }
    for (guint i = 0; i < nt; i++)
        media_lines(t, s, g_ptr_array_index(s->tracks, i));
    teardown_line(t, s);
    if (ma_text_verdicts(t, "Verdicts", s->id) == 0) {
        ma_text_label(t, "Verdicts");
        g_string_append(t->out, "none\n");
    }
}
