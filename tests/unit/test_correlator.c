/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_correlator.c - sessions, tracks, flows and frame roles, from real
 * parsed inputs.  The seed scenario is the trace that started the project:
 * the camera joins its own group, the client never does => MA202 only. */
#include "corr_sim.h"

/* Frames of the seed scenario. */
typedef struct {
    uint32_t describe1, reply401, describe2, describe_reply, setup, setup_reply, play, join,
        play_reply, first_rtp, last_rtp;
} seed_frames;

static seed_frames run_seed(sim *s)
{
    seed_frames f = {0};
    sim_conn k = sim_conn_seed();
    f.describe1 = sim_req(s, &k, 0.000, "DESCRIBE", SEED_URL, "Accept: application/sdp\r\n");
    f.reply401 = sim_rep(s, &k, 0.010, 401, "WWW-Authenticate: Digest realm=\"x\", nonce=\"1\"\r\n", NULL);
    g_assert_cmpint(s->info.role, ==, MA_ROLE_DESCRIBE);
    f.describe2 = sim_req(s, &k, 0.020, "DESCRIBE", SEED_URL, "Authorization: Digest username=\"a\"\r\n");
    f.describe_reply = sim_rep(s, &k, 0.030, 200, "Content-Base: " SEED_URL "\r\n", SEED_SDP);
    f.setup = sim_req(s, &k, 0.040, "SETUP", SEED_TRACK_URL,
                      "Transport: RTP/AVP;multicast;destination=239.255.255.200;port=8860-8861\r\n");
    g_assert_cmpint(s->info.role, ==, MA_ROLE_SETUP_REQUEST);
    f.setup_reply = sim_rep(s, &k, 0.050, 200,
                            "Transport: " SEED_TRANSPORT "\r\nSession: 12345678;timeout=60\r\n", NULL);
    g_assert_cmpint(s->info.role, ==, MA_ROLE_SETUP_REPLY);
    g_assert_nonnull(s->info.track);
    k.session = "12345678";
    f.play = sim_req(s, &k, 0.060, "PLAY", SEED_URL, "Range: npt=0.000-\r\n");
    g_assert_cmpint(s->info.role, ==, MA_ROLE_PLAY_REQUEST);
    f.join = sim_join(s, 0.065, CAMERA, GROUP);
    g_assert_cmpint(s->info.role, ==, MA_ROLE_JOIN);
    g_assert_nonnull(s->info.track);
    g_assert_cmpfloat(s->info.join_latency_ms, ==, -1.0); /* not the client */
    f.play_reply = sim_rep(s, &k, 0.070, 200, "Session: 12345678\r\nRTP-Info: url=x\r\n", NULL);
    g_assert_cmpint(s->info.role, ==, MA_ROLE_PLAY_REPLY);
    f.first_rtp = s->frame + 1;
    f.last_rtp = sim_media(s, 0.100, 0.040, 100, CAMERA, GROUP, 8860, 128, 1000);
    return f;
}

static void test_seed(void)
{
    sim s;
    sim_init(&s, NULL);
    seed_frames f = run_seed(&s);
    g_assert_cmpuint(f.first_rtp, ==, 10);
    g_assert_cmpuint(f.last_rtp, ==, 113); /* 100 RTP + 4 SR */
    sim_finish(&s, 4.2);

    const GPtrArray *sessions = ma_correlator_sessions(s.c);
    g_assert_cmpuint(sessions->len, ==, 1);
    ma_session *se = sim_session_n(&s, 0);
    char buf[MA_ADDR_STRLEN];
    g_assert_cmpuint(se->id, ==, 1);
    g_assert_cmpstr(ma_addr_to_str(&se->client, buf), ==, CLIENT);
    g_assert_cmpstr(ma_addr_to_str(&se->server, buf), ==, CAMERA);
    g_assert_cmpuint(se->client_port, ==, 60874);
    g_assert_cmpuint(se->server_port, ==, 554);
    g_assert_cmpstr(se->url, ==, SEED_URL);
    g_assert_cmpstr(se->session_id, ==, "12345678");
    g_assert_cmpint(se->timeout_s, ==, 60);
    g_assert_false(se->outside_capture);
    g_assert_cmpuint(se->describe_frame, ==, 1);
    g_assert_cmpuint(se->describe_reply_frame, ==, 4);
    g_assert_cmpint(se->describe_status, ==, 200);
    g_assert_cmpuint(se->auth_challenges, ==, 1);
    g_assert_cmpuint(se->auth_challenge_frame, ==, f.reply401);
    g_assert_cmpuint(f.reply401, ==, 2);
    g_assert_nonnull(se->sdp);
    g_assert_cmpstr(se->content_base, ==, SEED_URL);
    g_assert_cmpuint(se->play_request_frame, ==, 7);
    g_assert_cmpuint(se->play_reply_frame, ==, 9);
    g_assert_cmpint(se->play_status, ==, 200);
    g_assert_cmpuint(se->teardown_frame, ==, 0);
    g_assert_cmpuint(se->tracks->len, ==, 1);

    ma_track *t = sim_track(&s, 0, 0);
    g_assert_cmpuint(t->index, ==, 0);
    g_assert_cmpstr(t->url, ==, SEED_TRACK_URL);
    g_assert_cmpuint(t->setup_request_frame, ==, 5);
    g_assert_cmpuint(t->setup_reply_frame, ==, 6);
    g_assert_cmpint(t->setup_status, ==, 200);
    g_assert_nonnull(t->requested);
    g_assert_nonnull(t->reply);
    g_assert_true(t->multicast);
    g_assert_false(t->interleaved);
    g_assert_cmpstr(ma_addr_to_str(&t->group, buf), ==, GROUP);
    g_assert_cmpint(t->rtp_port, ==, 8860);
    g_assert_cmpint(t->rtcp_port, ==, 8861);
    g_assert_cmpint(t->ttl, ==, 128);
    g_assert_cmpstr(ma_addr_to_str(&t->source, buf), ==, CAMERA);
    g_assert_false(t->from_sdp);
    g_assert_nonnull(t->sdp_media);
    g_assert_cmpint(t->payload_type, ==, 96);
    g_assert_cmpstr(t->encoding, ==, "H264");
    g_assert_cmpuint(t->clock_rate, ==, 90000);
    g_assert_cmpuint(t->memberships->len, ==, 1);
    const ma_membership_event *ev = &g_array_index(t->memberships, ma_membership_event, 0);
    g_assert_cmpuint(ev->frame, ==, 8);
    g_assert_cmpint(ev->kind, ==, MA_CHANGE_JOIN);
    g_assert_cmpint(ev->version, ==, 3);
    g_assert_cmpint(ev->record_type, ==, MA_REC_CHANGE_TO_EXCLUDE);
    g_assert_false(ev->include_mode);
    g_assert_cmpint(ma_correlator_host_role(se, t, &ev->host), ==, MA_HOST_SERVER);
    g_assert_cmpuint(t->client_join_frame, ==, 0);
    g_assert_cmpuint(t->first_join_frame, ==, 8);
    g_assert_cmpuint(t->first_media_frame, ==, 10);
    g_assert_nonnull(t->rtp_flow);
    g_assert_nonnull(t->rtcp_flow);
    g_assert_cmpuint(t->flows->len, ==, 2);

    /* flows: RTP first (id 1), RTCP second */
    const GPtrArray *flows = ma_correlator_flows(s.c);
    g_assert_cmpuint(flows->len, ==, 2);
    const ma_flow *rf = g_ptr_array_index(flows, 0);
    g_assert_true(rf == t->rtp_flow);
    g_assert_cmpuint(rf->id, ==, 1);
    g_assert_true(rf->is_rtp);
    g_assert_false(rf->is_rtcp);
    g_assert_true(rf->track == t);
    g_assert_cmpuint(rf->first_frame, ==, 10);
    g_assert_cmpuint(rf->last_frame, ==, 113);
    g_assert_cmpuint(rf->datagrams, ==, 100);
    g_assert_cmpint(rf->ttl_min, ==, 128);
    g_assert_cmpint(rf->ttl_max, ==, 128);
    g_assert_cmpuint(rf->rtp_errors, ==, 0);
    g_assert_cmpuint(rf->ssrc, ==, 0x1234abcd);
    g_assert_cmpint(rf->payload_type, ==, 96);
    ma_rtp_summary sum;
    g_assert_true(ma_track_rtp_summary(t, &sum));
    g_assert_cmpuint(sum.packets, ==, 100);
    g_assert_cmpuint(sum.expected, ==, 100);
    g_assert_cmpint(sum.lost, ==, 0);
    g_assert_cmpuint(sum.clock_rate, ==, 90000);
    g_assert_cmpfloat_with_epsilon(sum.jitter_max_ms, 0.0, 1e-6);
    const ma_flow *cf = g_ptr_array_index(flows, 1);
    g_assert_true(cf == t->rtcp_flow);
    g_assert_cmpuint(cf->id, ==, 2);
    g_assert_true(cf->is_rtcp);
    g_assert_cmpuint(cf->rtcp_packets, ==, 4);
    g_assert_cmpuint(cf->datagrams, ==, 4);

    /* verdicts: exactly MA202, proven by the camera's join and the SETUP reply */
    assert_codes(&s, "MA202");
    const ma_verdict *v = sim_verdict(&s, "MA202");
    g_assert_cmpuint(v->session_id, ==, 1);
    g_assert_true(v->has_track);
    g_assert_cmpuint(v->track_index, ==, 0);
    g_assert_cmpuint(v->flow_id, ==, 0);
    g_assert_cmpuint(v->frames->len, ==, 2);
    g_assert_cmpuint(vframe(v, 0), ==, 6);
    g_assert_cmpuint(vframe(v, 1), ==, 8);
    g_assert_cmpstr(v->message, ==,
                    "the camera 10.9.97.69 joined 239.255.255.200 (frame 8) but the client "
                    "10.9.97.42 never did");
    g_assert_cmpuint(se->verdicts->len, ==, 1);
    g_assert_true(g_ptr_array_index(se->verdicts, 0) == v);
    g_assert_cmpint(ma_correlator_worst_severity(s.c), ==, MA_SEV_WARNING); /* result WARN */
    g_assert_cmpuint(ma_correlator_memb_versions(s.c, MA_PROTO_IGMP), ==, 1u << 3);
    g_assert_cmpuint(ma_correlator_queriers(s.c)->len, ==, 0);
    g_assert_cmpint(ma_correlator_start_ns(s.c), ==, sim_ns(0.0));
    g_assert_cmpint(ma_correlator_end_ns(s.c), ==, sim_ns(4.2));
    sim_free(&s);
}

/* What the feed calls answer per frame (the plugin's first pass). */
static void test_frame_info(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn k = sim_conn_seed();
    sim_frames f = sim_session(&s, &k, 0.0, SEED_SDP, SEED_TRACK_URL, SEED_TRANSPORT, SEED_TRANSPORT);
    g_assert_cmpuint(f.play_reply, ==, 6);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_PLAY_REPLY);
    ma_session *se = sim_session_n(&s, 0);
    g_assert_true(s.info.session == se);

    sim_join(&s, 0.55, CLIENT, GROUP); /* 500 ms after the PLAY reply */
    g_assert_cmpint(s.info.role, ==, MA_ROLE_JOIN);
    g_assert_true(s.info.session == se);
    g_assert_cmpfloat_with_epsilon(s.info.join_latency_ms, 500.0, 1e-6);

    sim_join(&s, 0.56, CLIENT, GROUP); /* same state again: a refresh */
    g_assert_cmpint(s.info.role, ==, MA_ROLE_MEMBERSHIP_REFRESH);

    sim_rtp(&s, 0.60, CAMERA, 8860, GROUP, 8860, 128, 1, 0);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_FIRST_MEDIA);
    g_assert_nonnull(s.info.flow);
    g_assert_true(s.info.track == sim_track(&s, 0, 0));
    g_assert_cmpuint(s.info.packets, ==, 1);
    g_assert_cmpfloat_with_epsilon(s.info.since_play_ms, 550.0, 1e-6);
    sim_rtp(&s, 0.64, CAMERA, 8860, GROUP, 8860, 128, 3, 3600); /* seq 2 lost */
    g_assert_cmpint(s.info.role, ==, MA_ROLE_MEDIA);
    g_assert_cmpuint(s.info.packets, ==, 2);
    g_assert_cmpint(s.info.lost, ==, 1);
    sim_sr(&s, 0.65, CAMERA, GROUP, 8861);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_RTCP);

    uint8_t q[12];
    sim_igmp(&s, 0.70, "10.9.97.1", q, igmp_v3_query(q));
    g_assert_cmpint(s.info.role, ==, MA_ROLE_QUERY);
    /* SSDP: network control, never media (udp_control.h) */
    sim_udp(&s, 0.71, "10.9.97.5", 1900, "239.255.255.250", 1900, 4, (const uint8_t *)"NOTIFY * HTTP/1.1\r\n", 19);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_NONE);
    sim_udp(&s, 0.715, "10.9.97.5", 5000, "239.1.2.3", 5000, 4, (const uint8_t *)"NOTIFY * HTTP/1.1\r\n", 19);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_UNBOUND_UDP);
    g_assert_null(s.info.session);
    sim_udp(&s, 0.72, "10.9.97.5", 53, "10.9.97.6", 53, 64, (const uint8_t *)"\x12\x34", 2);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_NONE);
    sim_req(&s, &k, 0.80, "GET_PARAMETER", SEED_URL, NULL);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_KEEPALIVE);
    g_assert_cmpuint(se->keepalives->len, ==, 1);
    sim_rep(&s, &k, 0.81, 200, NULL, NULL);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_KEEPALIVE);
    uint32_t td = sim_req(&s, &k, 0.90, "TEARDOWN", SEED_URL, NULL);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_TEARDOWN);
    g_assert_cmpuint(se->teardown_frame, ==, td);

    g_assert_cmpstr(ma_frame_role_name(MA_ROLE_SETUP_REPLY), ==, "setup-reply");
    g_assert_cmpstr(ma_frame_role_name(MA_ROLE_FIRST_MEDIA), ==, "first-media");
    g_assert_cmpstr(ma_frame_role_name((ma_frame_role)99), ==, "unknown");
    g_assert_cmpstr(ma_host_role_name(MA_HOST_SERVER), ==, "camera");
    g_assert_cmpstr(ma_host_role_name(MA_HOST_OTHER), ==, "other host");
    sim_finish(&s, 1.0);
    /* feeding after finish is ignored */
    sim_rtp(&s, 1.1, CAMERA, 8860, GROUP, 8860, 128, 4, 7200);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_NONE);
    g_assert_cmpuint(sim_track(&s, 0, 0)->rtp_flow->datagrams, ==, 2);
    sim_free(&s);
}

/* Media that arrives before the SETUP reply binds when the track appears,
 * and keeps the figures gathered unbound. */
static void test_media_before_setup_reply(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn k = sim_conn_seed();
    sim_req(&s, &k, 0.0, "DESCRIBE", SEED_URL, NULL);
    sim_rep(&s, &k, 0.01, 200, NULL, SEED_SDP);
    sim_req(&s, &k, 0.02, "SETUP", SEED_TRACK_URL, "Transport: RTP/AVP;multicast\r\n");
    sim_media(&s, 0.03, 0.001, 5, CAMERA, GROUP, 8860, 128, 10); /* frames 4..9, SR at 10th? no */
    g_assert_cmpint(s.info.role, ==, MA_ROLE_UNBOUND_UDP);
    uint32_t reply = sim_rep(&s, &k, 0.04, 200, "Transport: " SEED_TRANSPORT "\r\nSession: 1\r\n", NULL);
    sim_rtp(&s, 0.05, CAMERA, 8860, GROUP, 8860, 128, 15, 450);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_MEDIA);
    sim_finish(&s, 0.06);
    ma_track *t = sim_track(&s, 0, 0);
    g_assert_nonnull(t->rtp_flow);
    g_assert_cmpuint(t->rtp_flow->first_frame, ==, 4);
    g_assert_cmpuint(t->first_media_frame, ==, 4);
    g_assert_cmpuint(reply, ==, 9);
    ma_rtp_summary sum;
    g_assert_true(ma_track_rtp_summary(t, &sum));
    g_assert_cmpuint(sum.packets, ==, 6);
    g_assert_cmpint(sum.lost, ==, 0);
    g_assert_cmpuint(sum.clock_rate, ==, 90000);
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 1); /* no MA105 session */
    g_assert_null(sim_verdict(&s, "MA105"));
    sim_free(&s);
}

/* Unicast: media server -> client:client_port binds; no membership rules. */
static void test_unicast(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn k = sim_conn_seed();
    sim_session(&s, &k, 0.0, SEED_SDP, SEED_TRACK_URL, "RTP/AVP;unicast;client_port=50000-50001",
                "RTP/AVP;unicast;client_port=50000-50001;server_port=6000-6001;ssrc=1234ABCD");
    for (int i = 0; i < 10; i++)
        sim_rtp(&s, 0.1 + 0.04 * i, CAMERA, 6000, CLIENT, 50000, 64, (uint16_t)i, (uint32_t)(3600 * i));
    sim_sr(&s, 0.5, CAMERA, CLIENT, 50001);
    sim_finish(&s, 0.6);
    ma_track *t = sim_track(&s, 0, 0);
    g_assert_false(t->multicast);
    g_assert_false(ma_addr_is_set(&t->group));
    g_assert_cmpint(t->rtp_port, ==, 50000);
    g_assert_cmpint(t->rtcp_port, ==, 50001);
    g_assert_true(t->ssrc_set);
    g_assert_cmpuint(t->ssrc, ==, 0x1234abcd);
    g_assert_nonnull(t->rtp_flow);
    g_assert_cmpuint(t->rtp_flow->datagrams, ==, 10);
    g_assert_nonnull(t->rtcp_flow);
    assert_codes(&s, "");
    g_assert_cmpint(ma_correlator_worst_severity(s.c), ==, -1); /* PASS */
    sim_free(&s);
}

/* TCP interleaved, asked for: counted on the channel, no verdict. */
static void test_interleaved(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn k = sim_conn_seed();
    sim_session(&s, &k, 0.0, SEED_SDP, SEED_TRACK_URL, "RTP/AVP/TCP;unicast;interleaved=0-1",
                "RTP/AVP/TCP;unicast;interleaved=0-1");
    for (int i = 0; i < 3; i++) {
        ma_ev_interleaved ev = {sim_meta(&s, 0.1 + 0.01 * i),
                                sim_addr(CAMERA),
                                sim_addr(CLIENT),
                                554,
                                60874,
                                (unsigned)(i == 2),
                                1400,
                                NULL}; /* not read: counted */
        ma_correlator_interleaved(s.c, &ev, &s.info);
        g_assert_cmpint(s.info.role, ==, i == 0 ? MA_ROLE_FIRST_MEDIA : i == 1 ? MA_ROLE_MEDIA : MA_ROLE_RTCP);
    }
    sim_finish(&s, 0.2);
    ma_track *t = sim_track(&s, 0, 0);
    g_assert_true(t->interleaved);
    g_assert_cmpint(t->channel_rtp, ==, 0);
    g_assert_cmpint(t->channel_rtcp, ==, 1);
    g_assert_cmpuint(t->interleaved_frames, ==, 2);
    g_assert_cmpuint(t->interleaved_bytes, ==, 2800);
    g_assert_cmpuint(t->first_media_frame, ==, 7);
    g_assert_null(t->rtp_flow);
    assert_codes(&s, "");
    sim_free(&s);

    /* read: RTP on channel 0 and the camera's SR on channel 1 get the UDP figures */
    sim_init(&s, NULL);
    k = sim_conn_seed();
    sim_session(&s, &k, 0.0, SEED_SDP, SEED_TRACK_URL, "RTP/AVP/TCP;unicast;interleaved=0-1",
                "RTP/AVP/TCP;unicast;interleaved=0-1");
    static const uint16_t seqs[] = {10, 11, 13, 14}; /* 12: dropped by the camera */
    uint8_t b[200];
    for (int i = 0; i < 4; i++) {
        gsize n = rtp_bytes(b, 96, seqs[i], (uint32_t)(3600 * i), 0x1234abcd);
        ma_ev_interleaved ev = {
            sim_meta(&s, 0.1 + 0.04 * i), sim_addr(CAMERA), sim_addr(CLIENT), 554, 60874, 0, n, b};
        ma_correlator_interleaved(s.c, &ev, &s.info);
        g_assert_cmpint(s.info.role, ==, i == 0 ? MA_ROLE_FIRST_MEDIA : MA_ROLE_MEDIA);
        g_assert_cmpuint(s.info.packets, ==, (guint64)i + 1);
    }
    g_assert_cmpint(s.info.lost, ==, 1);
    uint8_t sr[28];
    gsize srn = rtcp_sr_bytes(sr, 0x1234abcd);
    ma_ev_interleaved rev = {
        sim_meta(&s, 0.3), sim_addr(CAMERA), sim_addr(CLIENT), 554, 60874, 1, srn, sr};
    ma_correlator_interleaved(s.c, &rev, &s.info);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_RTCP);
    sim_finish(&s, 0.4);
    t = sim_track(&s, 0, 0);
    g_assert_nonnull(t->rtp_flow);
    g_assert_true(t->rtp_flow->interleaved);
    g_assert_cmpint(t->rtp_flow->channel, ==, 0);
    g_assert_cmpuint(t->rtp_flow->sport, ==, 554);
    g_assert_cmpuint(t->rtp_flow->dport, ==, 60874);
    ma_rtp_summary sum;
    g_assert_true(ma_track_rtp_summary(t, &sum));
    g_assert_cmpuint(sum.packets, ==, 4);
    g_assert_cmpuint(sum.expected, ==, 5);
    g_assert_cmpint(sum.lost, ==, 1);
    g_assert_cmpuint(sum.clock_rate, ==, 90000);
    g_assert_nonnull(t->rtcp_flow);
    g_assert_cmpint(t->rtcp_flow->channel, ==, 1);
    g_assert_cmpuint(t->rtcp_flow->rtcp_packets, ==, 1);
    g_assert_cmpuint(ma_correlator_flows(s.c)->len, ==, 2);
    assert_codes(&s, "MA307"); /* the camera's drop is loss, over TCP too */
    sim_free(&s);
}

/* A full RTSP connection table (issue 8): connections that never carried a
 * session (OPTIONS only: a scan) are evicted first, oldest first, so the
 * camera's session still gets its connection. */
static void test_conn_table_full(void)
{
    ma_thresholds th;
    ma_thresholds_init(&th);
    th.max_sessions = 1; /* 4 connections */
    sim s;
    sim_init(&s, &th);
    for (uint16_t i = 0; i < 6; i++) {
        sim_conn scan = {"10.9.97.7", CAMERA, (uint16_t)(40000 + i), 554, 1, NULL, NULL, NULL};
        sim_req(&s, &scan, 0.01 * i, "OPTIONS", SEED_URL, NULL);
    }
    sim_conn k = sim_conn_seed();
    sim_frames fr =
        sim_session(&s, &k, 0.1, SEED_SDP, SEED_TRACK_URL, SEED_TRANSPORT, SEED_TRANSPORT);
    sim_finish(&s, 0.3);
    ma_track *t = sim_track(&s, 0, 0);
    g_assert_cmpuint(t->setup_reply_frame, ==, fr.setup_reply);
    g_assert_cmpint(sim_session_n(&s, 0)->play_status, ==, 200);
    const ma_decode_events *de = ma_correlator_decode_events(s.c);
    /* scans 5 and 6 evicted scans 1 and 2, the session's DESCRIBE scan 3 */
    g_assert_cmpuint(de->e[MA_DE_RTSP_CONNECTION_EVICTED].count, ==, 3);
    g_assert_cmpuint(de->e[MA_DE_RTSP_CONNECTION_EVICTED].first_frame, ==, 5);
    g_assert_cmpuint(de->e[MA_DE_RTSP_CONNECTION_TABLE_FULL].count, ==, 0);
    g_assert_cmpuint(sim_count(&s, "MA901"), ==, 0);
    sim_free(&s);
}

/* A full flow table (issue 8): a negotiated track's flow, UDP or interleaved,
 * takes the place of the least recently seen unbound flow (counted as
 * flow.evicted); ids stay unique (the interleaved constructor used to number
 * its flow flows->len + 1, which an eviction or retirement made collide). */
static void test_flow_table_full(void)
{
    ma_thresholds th;
    ma_thresholds_init(&th);
    th.max_flows = 3;
    sim s;
    sim_init(&s, &th);
    static const uint8_t x[1] = {'x'};
    sim_udp(&s, 0.01, "10.66.0.1", 1000, "239.1.0.1", 5000, 64, x, 1);
    sim_udp(&s, 0.02, "10.66.0.2", 1000, "239.1.0.2", 5000, 64, x, 1);
    sim_udp(&s, 0.03, "10.66.0.3", 1000, "239.1.0.3", 5000, 64, x, 1);
    sim_udp(&s, 0.035, "10.66.0.1", 1000, "239.1.0.1", 5000, 64, x, 1); /* 1 seen again */
    /* full, and an unbound newcomer is refused */
    sim_udp(&s, 0.04, "10.66.0.4", 1000, "239.1.0.4", 5000, 64, x, 1);
    g_assert_cmpuint(ma_correlator_flows(s.c)->len, ==, 3);
    sim_conn k = sim_conn_seed();
    sim_session(&s, &k, 0.05, SEED_SDP, SEED_TRACK_URL, "RTP/AVP/TCP;unicast;interleaved=0-1",
                "RTP/AVP/TCP;unicast;interleaved=0-1");
    uint8_t b[200];
    gsize n = rtp_bytes(b, 96, 10, 0, 0x1234abcd);
    ma_ev_interleaved ev = {
        sim_meta(&s, 0.2), sim_addr(CAMERA), sim_addr(CLIENT), 554, 60874, 0, n, b};
    ma_correlator_interleaved(s.c, &ev, &s.info);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_FIRST_MEDIA);
    sim_finish(&s, 0.3);
    const GPtrArray *fs = ma_correlator_flows(s.c);
    g_assert_cmpuint(fs->len, ==, 3);
    /* flow 2 (last seen 0.02 s) went, not flow 1 (seen again at 0.035 s) */
    guint ids[3];
    for (guint i = 0; i < 3; i++)
        ids[i] = ((const ma_flow *)g_ptr_array_index(fs, i))->id;
    g_assert_cmpuint(ids[0], ==, 1);
    g_assert_cmpuint(ids[1], ==, 3);
    g_assert_cmpuint(ids[2], ==, 4);
    g_assert_true(((const ma_flow *)g_ptr_array_index(fs, 2))->interleaved);
    const ma_decode_events *de = ma_correlator_decode_events(s.c);
    g_assert_cmpuint(de->e[MA_DE_FLOW_EVICTED].count, ==, 1);
    g_assert_cmpuint(de->e[MA_DE_FLOW_EVICTED].first_frame, ==, ev.meta.frame);
    g_assert_cmpuint(de->e[MA_DE_FLOW_TABLE_FULL].count, ==, 1);
    g_assert_cmpuint(de->e[MA_DE_FLOW_TABLE_FULL].first_frame, ==, 5);
    sim_free(&s);
}

/* Two clients watch the same group: one flow serves both tracks. */
static void test_several_sessions(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn a = sim_conn_seed();
    sim_conn b = {"10.9.97.43", CAMERA, 40000, 554, 1, NULL, NULL, NULL};
    sim_session(&s, &a, 0.0, SEED_SDP, SEED_TRACK_URL, SEED_TRANSPORT, SEED_TRANSPORT);
    sim_join(&s, 0.06, CLIENT, GROUP);
    sim_session(&s, &b, 0.1, SEED_SDP, SEED_TRACK_URL, SEED_TRANSPORT, SEED_TRANSPORT);
    sim_media(&s, 0.2, 0.04, 30, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 1.5);
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 2);
    ma_session *s1 = sim_session_n(&s, 0), *s2 = sim_session_n(&s, 1);
    g_assert_cmpuint(s1->id, ==, 1);
    g_assert_cmpuint(s2->id, ==, 2);
    ma_track *t1 = sim_track(&s, 0, 0), *t2 = sim_track(&s, 1, 0);
    g_assert_true(t1->rtp_flow == t2->rtp_flow);
    g_assert_cmpuint(ma_correlator_flows(s.c)->len, ==, 2);
    g_assert_cmpuint(t1->client_join_frame, ==, 7);
    g_assert_cmpuint(t2->client_join_frame, ==, 0);
    g_assert_cmpuint(t2->first_join_frame, ==, 7); /* the other client's join */
    /* session 2: its client never joined; the other client did */
    assert_codes(&s, "MA202");
    const ma_verdict *v = sim_verdict(&s, "MA202");
    g_assert_cmpuint(v->session_id, ==, 2);
    g_assert_nonnull(strstr(v->message, "the other host 10.9.97.42 joined"));
    g_assert_cmpuint(s1->verdicts->len, ==, 0);
    sim_free(&s);
}

/* TEARDOWN on a new connection with the same Session id: same session. */
static void test_same_session_new_connection(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn a = sim_conn_seed();
    sim_session(&s, &a, 0.0, SEED_SDP, SEED_TRACK_URL, SEED_TRANSPORT, SEED_TRANSPORT);
    sim_join(&s, 0.06, CLIENT, GROUP);
    sim_media(&s, 0.1, 0.04, 20, CAMERA, GROUP, 8860, 128, 0);
    sim_conn b = {CLIENT, CAMERA, 60999, 554, 10, "12345678", NULL, NULL};
    uint32_t td = sim_req(&s, &b, 1.0, "TEARDOWN", SEED_URL, NULL);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_TEARDOWN);
    sim_rep(&s, &b, 1.01, 200, NULL, NULL);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_TEARDOWN);
    /* a new session on the old connection afterwards: a new DESCRIBE */
    a.session = NULL;
    sim_req(&s, &a, 2.0, "DESCRIBE", SEED_URL, NULL);
    sim_finish(&s, 2.1);
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 1 + 0 + 1);
    ma_session *s1 = sim_session_n(&s, 0);
    g_assert_cmpuint(s1->teardown_frame, ==, td);
    g_assert_cmpuint(sim_session_n(&s, 1)->id, ==, 2);
    g_assert_cmpuint(sim_session_n(&s, 1)->tracks->len, ==, 0);
    assert_codes(&s, "");
    sim_free(&s);
}

/* IPv6: MLD reports come from link-local addresses; the Ethernet source
 * ties them to the client and the camera of the RTSP session. */
static void ipv6_run(gboolean macs, const char *codes)
{
    static const uint8_t cmac[6] = {0x00, 0x1b, 0x21, 0x97, 0x00, 0x42};
    static const uint8_t smac[6] = {0x00, 0x1b, 0x21, 0x97, 0x00, 0x69};
    sim s;
    sim_init(&s, NULL);
    sim_conn k = {"2001:db8:97::42", "2001:db8:97::69", 60874, 554, 1, NULL,
                  macs ? cmac : NULL, macs ? smac : NULL};
    const char *tp = "RTP/AVP;multicast;destination=ff15::efff:ffc8;port=8860-8861;ttl=128";
    sim_session(&s, &k, 0.0, SEED_SDP, SEED_TRACK_URL, tp, tp);
    sim_mld(&s, 0.06, "fe80::21b:21ff:fe97:69", smac, MA_REC_CHANGE_TO_EXCLUDE, "ff15::efff:ffc8");
    uint32_t cj = sim_mld(&s, 0.07, "fe80::21b:21ff:fe97:42", cmac, MA_REC_CHANGE_TO_EXCLUDE,
                          "ff15::efff:ffc8");
    sim_media(&s, 0.1, 0.04, 25, "2001:db8:97::69", "ff15::efff:ffc8", 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, codes);
    ma_session *se = sim_session_n(&s, 0);
    ma_track *t = sim_track(&s, 0, 0);
    g_assert_true(t->multicast);
    g_assert_cmpuint(t->memberships->len, ==, 2);
    const ma_membership_event *ev = &g_array_index(t->memberships, ma_membership_event, 1);
    g_assert_cmpint(ev->proto, ==, MA_PROTO_MLD);
    g_assert_cmpint(ev->version, ==, 2);
    g_assert_cmpint(ma_correlator_event_role(se, t, ev), ==, macs ? MA_HOST_CLIENT : MA_HOST_OTHER);
    g_assert_cmpint(ma_correlator_event_role(se, t, &g_array_index(t->memberships, ma_membership_event, 0)),
                    ==, macs ? MA_HOST_SERVER : MA_HOST_OTHER);
    g_assert_cmpuint(t->client_join_frame, ==, macs ? cj : 0);
    g_assert_cmpuint(ma_correlator_memb_versions(s.c, MA_PROTO_MLD), ==, 1u << 2);
    sim_free(&s);
}

static void test_ipv6_mld(void)
{
    ipv6_run(TRUE, "");
    ipv6_run(FALSE, "MA202"); /* without Ethernet addresses the link-local joiner is anonymous */
}

/* Bounded tables: max_sessions 1 -> the second session is not made, MA901 once. */
static void test_limits(void)
{
    ma_thresholds th;
    ma_thresholds_init(&th);
    th.max_sessions = 1;
    th.max_flows = 2;
    sim s;
    sim_init(&s, &th);
    sim_conn a = sim_conn_seed();
    sim_conn b = {"10.9.97.43", CAMERA, 40000, 554, 1, NULL, NULL, NULL};
    sim_conn c = {"10.9.97.44", CAMERA, 40001, 554, 1, NULL, NULL, NULL};
    sim_session(&s, &a, 0.0, SEED_SDP, SEED_TRACK_URL, SEED_TRANSPORT, SEED_TRANSPORT);
    uint32_t refused = sim_req(&s, &b, 0.1, "DESCRIBE", SEED_URL, NULL);
    g_assert_null(s.info.session);
    sim_req(&s, &c, 0.2, "DESCRIBE", SEED_URL, NULL);
    sim_join(&s, 0.3, CLIENT, GROUP);
    sim_media(&s, 0.4, 0.04, 20, CAMERA, GROUP, 8860, 128, 0); /* RTP + RTCP: 2 flows */
    uint32_t full = sim_rtp(&s, 1.5, CAMERA, 9000, "239.1.1.1", 9000, 128, 1, 0);
    g_assert_null(s.info.flow);
    sim_finish(&s, 1.6);
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 1);
    g_assert_cmpuint(ma_correlator_flows(s.c)->len, ==, 2);
    g_assert_cmpuint(sim_count(&s, "MA901"), ==, 2); /* session table, flow table: once each */
    const GPtrArray *v = ma_correlator_verdicts(s.c);
    const ma_verdict *v0 = g_ptr_array_index(v, 0), *v1 = g_ptr_array_index(v, 1);
    g_assert_cmpuint(v0->session_id, ==, 0);
    g_assert_false(v0->has_track);
    g_assert_cmpstr(v0->message, ==, "the session table is full (1 entries) at frame 7: figures are partial");
    g_assert_cmpuint(vframe(v0, 0), ==, refused);
    g_assert_cmpuint(vframe(v1, 0), ==, full);
    sim_free(&s);
}

/* Malformed or odd events do not crash and change nothing. */
static void test_robustness(void)
{
    sim s;
    sim_init(&s, NULL);
    ma_correlator_rtsp(s.c, NULL, &s.info);
    ma_correlator_udp(s.c, NULL, NULL);
    ma_correlator_membership(s.c, NULL, NULL);
    /* a reply on an unknown connection, and one with an unknown CSeq */
    sim_conn k = sim_conn_seed();
    sim_rep(&s, &k, 0.0, 200, "Session: 1\r\n", NULL);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_RTSP_OTHER);
    sim_req(&s, &k, 0.1, "OPTIONS", "*", NULL);
    k.cseq = 77;
    sim_rep(&s, &k, 0.2, 200, NULL, NULL);
    /* an empty and a short datagram to a group */
    sim_udp(&s, 0.3, CAMERA, 1, GROUP, 1, 1, NULL, 0);
    sim_udp(&s, 0.4, CAMERA, 1, GROUP, 1, 1, (const uint8_t *)"\x80", 1);
    sim_finish(&s, 0.5);
    sim_finish(&s, 9.0); /* twice: ignored */
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 0);
    g_assert_cmpuint(ma_correlator_flows(s.c)->len, ==, 1);
    g_assert_cmpuint(((ma_flow *)g_ptr_array_index(ma_correlator_flows(s.c), 0))->rtp_errors, ==, 2);
    assert_codes(&s, "");
    g_assert_cmpint(ma_correlator_end_ns(s.c), ==, sim_ns(0.5));
    sim_free(&s);
}

/* Random datagrams to a bound track and to unbound groups: counted, never a crash. */
static void test_random_datagrams(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn k = sim_conn_seed();
    sim_session(&s, &k, 0.0, SEED_SDP, SEED_TRACK_URL, SEED_TRANSPORT, SEED_TRANSPORT);
    GRand *r = g_rand_new_with_seed(7);
    uint8_t buf[64];
    guint64 to_track = 0;
    for (int i = 0; i < 3000; i++) {
        gsize len = (gsize)g_rand_int_range(r, 0, (gint32)sizeof buf + 1);
        for (gsize j = 0; j < len; j++)
            buf[j] = (uint8_t)g_rand_int_range(r, 0, 256);
        if (len > 0 && g_rand_boolean(r))
            buf[0] = 0x80; /* often RTP-looking */
        int port = 8860 + g_rand_int_range(r, 0, 3);
        const char *dst = g_rand_boolean(r) ? GROUP : "239.7.7.7";
        to_track += strcmp(dst, GROUP) == 0 && port == 8860;
        sim_udp(&s, 0.1 + i * 0.001, CAMERA, (uint16_t)port, dst, (uint16_t)port,
                g_rand_int_range(r, 0, 256), len > 0 ? buf : NULL, len);
    }
    g_rand_free(r);
    sim_finish(&s, 3.2);
    ma_track *t = sim_track(&s, 0, 0);
    g_assert_nonnull(t->rtp_flow);
    g_assert_cmpuint(t->rtp_flow->datagrams, ==, to_track);
    g_assert_cmpuint(ma_correlator_flows(s.c)->len, ==, 6);
    guint64 total = 0;
    for (guint i = 0; i < ma_correlator_flows(s.c)->len; i++)
        total += ((const ma_flow *)g_ptr_array_index(ma_correlator_flows(s.c), i))->datagrams;
    g_assert_cmpuint(total, ==, 3000);
    sim_free(&s);
}

/* No false media: control traffic is never parsed, unsignalled UDP is RTP
 * only after validation (rtp_probe.c), and what is neither is counted as
 * unrelated.  The LLMNR case: a query id 0x803f that parses as RTP, a
 * retransmission with the same "sequence number", TTL 1, a second query
 * 7 s later: without these rules MA105, MA305, MA310, MA311, MA312. */
static void test_no_false_media(void)
{
    sim s;
    sim_init(&s, NULL);
    static const uint8_t llmnr[] = {0x80, 0x3f, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
                                    4, 'w', 'p', 'a', 'd', 0, 0, 1, 0, 1};
    uint8_t second[sizeof llmnr];
    memcpy(second, llmnr, sizeof llmnr);
    second[1] = 0x51;
    sim_udp(&s, 0.0, "10.9.97.50", 60311, "224.0.0.252", 5355, 1, llmnr, sizeof llmnr);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_NONE);
    sim_udp(&s, 0.1, "10.9.97.50", 60311, "224.0.0.252", 5355, 1, llmnr, sizeof llmnr);
    /* unicast RTP and its RTCP, no signalling: validated at the 2nd packet */
    sim_rtp(&s, 1.00, "10.9.97.70", 50000, CLIENT, 50000, 64, 100, 90000);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_NONE); /* still on probation */
    sim_rtp(&s, 1.04, "10.9.97.70", 50000, CLIENT, 50000, 64, 101, 93600);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_UNBOUND_UDP);
    g_assert_cmpuint(s.info.packets, ==, 2); /* figures count from the first packet */
    for (int i = 2; i < 50; i++)
        sim_rtp(&s, 1.0 + 0.04 * i, "10.9.97.70", 50000, CLIENT, 50000, 64, (uint16_t)(100 + i),
                (uint32_t)(90000 + 3600 * i));
    sim_sr(&s, 2.99, "10.9.97.70", CLIENT, 50001);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_UNBOUND_UDP);
    /* multicast "RTP" whose sequence number never moves: gives up after 32 */
    uint8_t b[200];
    gsize n = rtp_bytes(b, 96, 7, 0, 42);
    for (int i = 0; i < 40; i++)
        sim_udp(&s, 3.0 + 0.1 * i, "10.9.97.80", 5000, "239.1.1.1", 5000, 8, b, n);
    sim_udp(&s, 7.0, "10.9.97.50", 60311, "224.0.0.252", 5355, 1, second, sizeof second);
    /* unicast that is no RTP at all */
    sim_udp(&s, 9.0, "10.9.97.50", 40001, "10.9.97.51", 40000, 64, (const uint8_t *)"hello", 5);
    sim_finish(&s, 13.0);

    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 0);
    g_assert_cmpuint(ma_correlator_verdicts(s.c)->len, ==, 0);
    const GPtrArray *flows = ma_correlator_flows(s.c);
    g_assert_cmpuint(flows->len, ==, 5);
    const ma_flow *f = g_ptr_array_index(flows, 0);
    g_assert_cmpstr(f->control, ==, "LLMNR");
    g_assert_true(f->unrelated);
    g_assert_false(f->is_rtp);
    g_assert_null(f->stats);
    g_assert_cmpuint(f->datagrams, ==, 3);
    f = g_ptr_array_index(flows, 1);
    g_assert_null(f->control);
    g_assert_true(f->is_rtp);
    g_assert_false(f->unrelated);
    g_assert_null(f->track);
    ma_rtp_summary sum;
    ma_rtp_stats_summary(f->stats, &sum);
    g_assert_cmpuint(sum.packets, ==, 50);
    g_assert_cmpint(sum.lost, ==, 0);
    g_assert_cmpuint(sum.clock_rate, ==, 0); /* PT 96 without SDP: no jitter, never guessed */
    f = g_ptr_array_index(flows, 2);
    g_assert_cmpuint(f->dport, ==, 50001);
    g_assert_cmpuint(f->rtcp_packets, ==, 1);
    g_assert_false(f->unrelated);
    f = g_ptr_array_index(flows, 3);
    g_assert_false(f->is_rtp);
    g_assert_null(f->stats);
    g_assert_false(f->unrelated); /* multicast to a media-like group stays listed */
    g_assert_cmpuint(f->datagrams, ==, 40);
    f = g_ptr_array_index(flows, 4);
    g_assert_true(f->unrelated);
    g_assert_cmpuint(f->rtp_errors, ==, 1);
    sim_free(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/correlator/seed", test_seed);
    g_test_add_func("/correlator/frame-info", test_frame_info);
    g_test_add_func("/correlator/media-before-setup-reply", test_media_before_setup_reply);
    g_test_add_func("/correlator/unicast", test_unicast);
    g_test_add_func("/correlator/interleaved", test_interleaved);
    g_test_add_func("/correlator/flow_table_full", test_flow_table_full);
    g_test_add_func("/correlator/conn_table_full", test_conn_table_full);
    g_test_add_func("/correlator/several-sessions", test_several_sessions);
    g_test_add_func("/correlator/same-session-new-connection", test_same_session_new_connection);
    g_test_add_func("/correlator/ipv6-mld", test_ipv6_mld);
    g_test_add_func("/correlator/limits", test_limits);
    g_test_add_func("/correlator/robustness", test_robustness);
    g_test_add_func("/correlator/random-datagrams", test_random_datagrams);
    g_test_add_func("/correlator/no-false-media", test_no_false_media);
    return g_test_run();
}
