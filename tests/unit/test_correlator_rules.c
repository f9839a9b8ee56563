/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_correlator_rules.c - one test per verdict rule: a case where it fires
 * (with its message and proving frames) and a neighbouring case where it
 * must not.  Inputs are parsed RTSP text, IGMP bytes and RTP datagrams. */
#include "corr_sim.h"

#define MC_SDP                                                                                   \
    "v=0\r\no=- 1 1 IN IP4 10.9.97.69\r\ns=x\r\nt=0 0\r\na=control:" SEED_URL "\r\n"             \
    "m=video 5000 RTP/AVP 96\r\nc=IN IP4 239.1.1.1/16\r\na=rtpmap:96 H264/90000\r\n"             \
    "a=control:trackID=1\r\n"

/* The seed negotiation (PLAY reply = frame 6 at 0.05 s), optionally the
 * client's join at 0.06 s (frame 7). */
static sim_frames setup_seed(sim *s, sim_conn *k, gboolean client_joins)
{
    *k = sim_conn_seed();
    sim_frames f = sim_session(s, k, 0.0, SEED_SDP, SEED_TRACK_URL, SEED_TRANSPORT, SEED_TRANSPORT);
    if (client_joins)
        sim_join(s, 0.06, CLIENT, GROUP);
    return f;
}

/* A healthy run: seed negotiation, client join, 25 packets + SR. */
static void healthy(sim *s, const ma_thresholds *th)
{
    sim_conn k;
    sim_init(s, th);
    setup_seed(s, &k, TRUE);
    sim_media(s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
}

static void test_healthy_passes(void)
{
    sim s;
    healthy(&s, NULL);
    sim_finish(&s, 1.2);
    assert_codes(&s, "");
    g_assert_cmpint(ma_correlator_worst_severity(s.c), ==, -1);
    sim_free(&s);
}

/* ---- negotiation ---- */

static void test_ma101_setup_failed(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn k = sim_conn_seed();
    sim_req(&s, &k, 0.0, "DESCRIBE", SEED_URL, NULL);
    sim_rep(&s, &k, 0.01, 200, NULL, SEED_SDP);
    sim_req(&s, &k, 0.02, "SETUP", SEED_TRACK_URL, "Transport: RTP/AVP;multicast\r\n");
    sim_rep(&s, &k, 0.03, 461, NULL, NULL);
    sim_finish(&s, 0.5);
    assert_codes(&s, "MA101");
    const ma_verdict *v = sim_verdict(&s, "MA101");
    g_assert_cmpstr(v->message, ==, "SETUP of " SEED_TRACK_URL " was answered 461 Unsupported "
                                    "Transport (frame 4): server does not offer this transport");
    g_assert_cmpuint(v->frames->len, ==, 2);
    g_assert_cmpuint(vframe(v, 0), ==, 3);
    g_assert_cmpuint(vframe(v, 1), ==, 4);
    g_assert_cmpint(ma_correlator_worst_severity(s.c), ==, MA_SEV_ERROR);
    sim_free(&s);

    /* 401 then a successful retry: one track, no failure */
    sim_init(&s, NULL);
    k = sim_conn_seed();
    sim_req(&s, &k, 0.0, "DESCRIBE", SEED_URL, NULL);
    sim_rep(&s, &k, 0.01, 200, NULL, SEED_SDP);
    sim_req(&s, &k, 0.02, "SETUP", SEED_TRACK_URL, "Transport: " SEED_TRANSPORT "\r\n");
    sim_rep(&s, &k, 0.03, 401, NULL, NULL);
    uint32_t setup2 = sim_req(&s, &k, 0.04, "SETUP", SEED_TRACK_URL,
                              "Transport: " SEED_TRANSPORT "\r\nAuthorization: Digest x\r\n");
    sim_rep(&s, &k, 0.05, 200, "Transport: " SEED_TRANSPORT "\r\nSession: 77\r\n", NULL);
    k.session = "77";
    sim_req(&s, &k, 0.06, "PLAY", SEED_URL, NULL);
    sim_rep(&s, &k, 0.07, 200, NULL, NULL);
    sim_join(&s, 0.08, CLIENT, GROUP);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "");
    g_assert_cmpuint(sim_session_n(&s, 0)->tracks->len, ==, 1);
    g_assert_cmpuint(sim_session_n(&s, 0)->auth_challenges, ==, 1);
    g_assert_cmpuint(sim_track(&s, 0, 0)->setup_request_frame, ==, setup2);
    sim_free(&s);
}

static void test_ma102_answered_unicast(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn k = sim_conn_seed();
    sim_session(&s, &k, 0.0, SEED_SDP, SEED_TRACK_URL, "RTP/AVP;multicast",
                "RTP/AVP;unicast;client_port=50000-50001;server_port=6000-6001");
    sim_finish(&s, 0.5);
    assert_codes(&s, "MA102,MA301");
    const ma_verdict *v = sim_verdict(&s, "MA102");
    g_assert_nonnull(strstr(v->message, "but the server answered unicast"));
    g_assert_cmpuint(vframe(v, 0), ==, 3);
    g_assert_cmpuint(vframe(v, 1), ==, 4);
    sim_free(&s);
    /* unicast asked and answered: see test_correlator /correlator/unicast (no verdict) */
}

static void test_ma103_answered_interleaved(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn k = sim_conn_seed();
    sim_session(&s, &k, 0.0, SEED_SDP, SEED_TRACK_URL, SEED_TRANSPORT, "RTP/AVP/TCP;interleaved=0-1");
    ma_ev_interleaved ev = {
        sim_meta(&s, 0.1), sim_addr(CAMERA), sim_addr(CLIENT), 554, 60874, 0, 100, NULL};
    ma_correlator_interleaved(s.c, &ev, NULL);
    sim_finish(&s, 0.5);
    assert_codes(&s, "MA103");
    g_assert_nonnull(strstr(sim_verdict(&s, "MA103")->message, "answered TCP interleaved"));
    sim_free(&s);
    /* interleaved asked and answered: /correlator/interleaved (no verdict) */
}

static void test_ma104_sdp_disagree(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_conn k = sim_conn_seed();
    sim_session(&s, &k, 0.0, MC_SDP, SEED_TRACK_URL, "RTP/AVP;multicast",
                "RTP/AVP;multicast;destination=239.1.1.2;port=5002-5003;ttl=8");
    sim_join(&s, 0.06, CLIENT, "239.1.1.2");
    sim_media(&s, 0.1, 0.04, 25, CAMERA, "239.1.1.2", 5002, 8, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "MA104");
    const ma_verdict *v = sim_verdict(&s, "MA104");
    g_assert_cmpstr(v->message, ==, "for " SEED_TRACK_URL " the SDP says group 239.1.1.1, port "
                                    "5000, ttl 16 but the SETUP reply says group 239.1.1.2, port "
                                    "5002, ttl 8 (frame 4)");
    g_assert_cmpuint(vframe(v, 0), ==, 2);
    g_assert_cmpuint(vframe(v, 1), ==, 4);
    sim_free(&s);

    /* a reply that names nothing: the SDP's group/port/ttl are used, no disagreement */
    sim_init(&s, NULL);
    k = sim_conn_seed();
    sim_session(&s, &k, 0.0, MC_SDP, SEED_TRACK_URL, "RTP/AVP;multicast", "RTP/AVP;multicast");
    sim_join(&s, 0.06, CLIENT, "239.1.1.1");
    sim_media(&s, 0.1, 0.04, 25, CAMERA, "239.1.1.1", 5000, 16, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "");
    ma_track *t = sim_track(&s, 0, 0);
    char buf[MA_ADDR_STRLEN];
    g_assert_true(t->from_sdp);
    g_assert_cmpstr(ma_addr_to_str(&t->group, buf), ==, "239.1.1.1");
    g_assert_cmpint(t->rtp_port, ==, 5000);
    g_assert_cmpint(t->ttl, ==, 16);
    sim_free(&s);
}

static void test_ma105_before_capture(void)
{
    sim s;
    sim_init(&s, NULL);
    sim_udp(&s, 0.0, "10.9.97.5", 1900, "239.255.255.250", 1900, 4,
            (const uint8_t *)"M-SEARCH * HTTP/1.1\r\n", 21);
    /* a keep-alive naming a session to the sender: RTSP set it up earlier */
    sim_conn k = sim_conn_seed();
    k.server = "10.1.1.1";
    k.session = "4711";
    uint32_t keepalive = sim_req(&s, &k, 0.05, "GET_PARAMETER", "rtsp://10.1.1.1/", NULL);
    k.session = NULL;
    uint32_t first = s.frame + 1;
    sim_media(&s, 0.1, 0.04, 30, "10.1.1.1", "239.9.9.9", 5004, 16, 500);
    sim_finish(&s, 1.5);
    assert_codes(&s, "MA105");
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 1);
    ma_session *se = sim_session_n(&s, 0);
    ma_track *t = sim_track(&s, 0, 0);
    char buf[MA_ADDR_STRLEN];
    g_assert_true(se->outside_capture);
    g_assert_false(ma_addr_is_set(&se->client));
    g_assert_cmpstr(ma_addr_to_str(&se->server, buf), ==, "10.1.1.1");
    g_assert_cmpstr(ma_addr_to_str(&t->group, buf), ==, "239.9.9.9");
    g_assert_cmpint(t->rtp_port, ==, 5004);
    g_assert_cmpint(t->rtcp_port, ==, 5005);
    g_assert_cmpint(t->payload_type, ==, 96);
    g_assert_cmpuint(t->clock_rate, ==, 0); /* dynamic type, no SDP: unknown */
    g_assert_nonnull(t->rtp_flow);
    g_assert_nonnull(t->rtcp_flow);
    g_assert_cmpuint(t->rtp_flow->datagrams, ==, 30);
    g_assert_cmpuint(t->first_media_frame, ==, first);
    g_assert_false(se->static_multicast);
    g_assert_cmpuint(se->rtsp_evidence_frame, ==, keepalive);
    const ma_verdict *v = sim_verdict(&s, "MA105");
    g_assert_cmpstr(v->message, ==,
                    "RTP from 10.1.1.1 to 239.9.9.9:5004 (first frame 3) has no "
                    "SETUP in the capture: it was negotiated before the capture started");
    g_assert_cmpuint(v->flow_id, ==, 2);
    g_assert_cmpuint(v->frames->len, ==, 2); /* the keep-alive proves the RTSP session */
    g_assert_cmpuint(g_array_index(v->frames, uint32_t, 0), ==, keepalive);
    /* the SSDP flow stays unbound */
    const ma_flow *ssdp = g_ptr_array_index(ma_correlator_flows(s.c), 0);
    g_assert_null(ssdp->track);
    g_assert_false(ssdp->is_rtp);
    sim_free(&s);

    /* the same stream with no word of RTSP: static multicast, never MA105;
     * nobody joined its group (the group-centric audit's MA220) */
    sim_init(&s, NULL);
    sim_media(&s, 0.1, 0.04, 30, "10.1.1.1", "239.9.9.9", 5004, 16, 500);
    sim_finish(&s, 1.5);
    assert_codes(&s, "MA220");
    g_assert_true(sim_session_n(&s, 0)->static_multicast);
    g_assert_cmpstr(sim_verdict(&s, "MA220")->message, ==,
                    "media from 10.1.1.1 to 239.9.9.9 (frames 1 to 31) has no RTSP session and no "
                    "host joined the group in the capture");
    sim_free(&s);

    /* only non-RTP multicast (SSDP): nothing to audit, which is MA920 */
    sim_init(&s, NULL);
    for (int i = 0; i < 5; i++)
        sim_udp(&s, 0.1 * i, "10.9.97.5", 1900, "239.255.255.250", 1900, 4,
                (const uint8_t *)"NOTIFY * HTTP/1.1\r\n", 19);
    sim_finish(&s, 1.0);
    assert_codes(&s, "MA920");
    g_assert_cmpstr(sim_verdict(&s, "MA920")->message, ==,
                    "the capture holds no RTSP session, no multicast flow and no RTP flow");
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 0);
    sim_free(&s);
}

/* media at 1 packet/s from t0 (seq continues at seq0) up to and including
 * t1; with k, a GET_PARAMETER keep-alive every 30 s. */
static uint16_t media_span_k(sim *s, sim_conn *k, double t0, double t1, uint16_t seq0)
{
    int n = (int)((t1 - t0) + 1e-9) + 1;
    for (int i = 0; i < n; i++) {
        double t = t0 + i;
        sim_rtp(s, t, CAMERA, 8860, GROUP, 8860, 128, (uint16_t)(seq0 + i), (uint32_t)llround(t * 90000.0));
        sim_sr(s, t + 0.001, CAMERA, GROUP, 8861);
        if (k != NULL && i % 30 == 29) {
            sim_req(s, k, t + 0.5, "GET_PARAMETER", SEED_URL, NULL);
            sim_rep(s, k, t + 0.51, 200, NULL, NULL);
        }
    }
    return (uint16_t)(seq0 + n);
}

static uint16_t media_span(sim *s, double t0, double t1, uint16_t seq0)
{
    return media_span_k(s, NULL, t0, t1, seq0);
}

static void test_ma106_session_timeout(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    media_span(&s, 0.1, 74.1, 0);
    sim_finish(&s, 75.0);
    assert_codes(&s, "MA106");
    const ma_verdict *v = sim_verdict(&s, "MA106");
    g_assert_cmpstr(v->message, ==, "no request in session 12345678 for 75.0 s (frames 6 to the end "
                                    "of the capture), longer than its timeout of 60 s");
    g_assert_false(v->has_track);
    g_assert_cmpuint(v->frames->len, ==, 1);
    g_assert_cmpuint(vframe(v, 0), ==, 6);
    sim_free(&s);

    /* GET_PARAMETER every 30 s keeps it alive */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    uint16_t seq = media_span(&s, 0.1, 29.1, 0);
    sim_req(&s, &k, 30.0, "GET_PARAMETER", SEED_URL, NULL);
    sim_rep(&s, &k, 30.01, 200, NULL, NULL);
    seq = media_span(&s, 30.1, 59.1, seq);
    sim_req(&s, &k, 60.0, "GET_PARAMETER", SEED_URL, NULL);
    sim_rep(&s, &k, 60.01, 200, NULL, NULL);
    media_span(&s, 60.1, 74.1, seq);
    sim_finish(&s, 75.0);
    assert_codes(&s, "");
    g_assert_cmpuint(sim_session_n(&s, 0)->keepalives->len, ==, 2);
    sim_free(&s);
}

/* MA120: a 2xx SETUP reply whose Transport does not parse (an empty ttl=)
 * or is missing: the parse error with its offset, nothing expected of the
 * track (not "unicast", no port -1, no MA301), and the camera's stream is
 * not "negotiated before the capture". */
static void test_ma120_transport_malformed(void)
{
    sim s;
    sim_conn k = sim_conn_seed();
    sim_init(&s, NULL);
    sim_frames f = sim_session(&s, &k, 0.0, SEED_SDP, SEED_TRACK_URL, SEED_TRANSPORT,
                               "RTP/AVP;multicast;destination=239.255.255.200;port=8860-8861;ttl=");
    sim_join(&s, 0.06, CLIENT, GROUP);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "MA120");
    const ma_verdict *v = sim_verdict(&s, "MA120");
    g_assert_cmpstr(
        v->message, ==,
        "the SETUP reply for " SEED_TRACK_URL " (frame 4) has a Transport header that does "
        "not parse (offset 65: ttl: expected a number) in \"RTP/AVP;multicast;destination="
        "239.255.255.200;port=8860-8861;ttl=\": where the media goes is unknown");
    g_assert_cmpuint(f.setup_reply, ==, 4);
    g_assert_cmpuint(v->frames->len, ==, 1);
    g_assert_cmpuint(vframe(v, 0), ==, 4);
    g_assert_cmpint(v->def->severity, ==, MA_SEV_ERROR);
    ma_track *t = sim_track(&s, 0, 0);
    g_assert_cmpint(t->transport_error_offset, ==, 65);
    g_assert_false(t->multicast);
    g_assert_cmpint(t->rtp_port, ==, -1);
    g_assert_null(t->rtp_flow);
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 1); /* no outside session */
    sim_free(&s);

    /* a 2xx reply with no Transport header at all */
    sim_init(&s, NULL);
    k = sim_conn_seed();
    sim_req(&s, &k, 0.0, "SETUP", SEED_TRACK_URL, "Transport: " SEED_TRANSPORT "\r\n");
    sim_rep(&s, &k, 0.01, 200, "Session: 1\r\n", NULL);
    sim_finish(&s, 1.0);
    assert_codes(&s, "MA120");
    v = sim_verdict(&s, "MA120");
    g_assert_cmpstr(v->message, ==,
                    "the SETUP reply for " SEED_TRACK_URL " (frame 2) has no Transport "
                    "header: where the media goes is unknown");
    g_assert_cmpint(sim_track(&s, 0, 0)->transport_error_offset, ==, -1);
    sim_free(&s);

    /* its neighbour: the same reply with ttl=128 is the healthy seed */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "");
    sim_free(&s);
}

/* ---- membership ---- */

static void test_ma201_nobody_joined(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, FALSE);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "MA201");
    const ma_verdict *v = sim_verdict(&s, "MA201");
    g_assert_cmpstr(v->message, ==, "nobody joined 239.255.255.200 in the capture (SETUP reply frame 4)");
    g_assert_cmpuint(vframe(v, 0), ==, 4);
    sim_free(&s);
    /* neighbour: healthy run (client joined) has no MA201 - test_healthy_passes */
}

static void test_ma202_client_never_joined(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, FALSE);
    sim_join(&s, 0.06, "0.0.0.0", GROUP); /* a snooping switch's proxy report */
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "MA202");
    g_assert_cmpstr(sim_verdict(&s, "MA202")->message, ==,
                    "the unspecified sender 0.0.0.0 joined 239.255.255.200 (frame 7) but the client "
                    "10.9.97.42 never did");
    sim_free(&s);

    /* the client joins too: no verdict even with the camera's own join */
    sim_init(&s, NULL);
    setup_seed(&s, &k, FALSE);
    sim_join(&s, 0.06, CAMERA, GROUP);
    sim_join(&s, 0.07, CLIENT, GROUP);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "");
    g_assert_cmpuint(sim_track(&s, 0, 0)->client_join_frame, ==, 8);
    g_assert_cmpuint(sim_track(&s, 0, 0)->first_join_frame, ==, 7);
    sim_free(&s);
}

static void test_ma203_join_other_group(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, FALSE);
    sim_join(&s, 0.06, CLIENT, "239.1.1.99");
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "MA201,MA203");
    const ma_verdict *v = sim_verdict(&s, "MA203");
    g_assert_cmpstr(v->message, ==, "the client 10.9.97.42 joined 239.1.1.99 (frame 7) but never the "
                                    "negotiated group 239.255.255.200");
    g_assert_cmpuint(vframe(v, 1), ==, 7);
    sim_free(&s);

    /* joining another group as well as the right one is fine */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_join(&s, 0.07, CLIENT, "239.1.1.99");
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "");
    sim_free(&s);
}

static void ssm_case(const char *source, const char *expected_codes, const char *detail)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, FALSE);
    uint8_t b[64];
    const char *srcs[] = {source};
    sim_igmp(&s, 0.06, CLIENT, b, igmp_v3(b, MA_REC_CHANGE_TO_INCLUDE, GROUP, srcs, 1));
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, expected_codes);
    if (detail != NULL) {
        const ma_verdict *v = sim_verdict(&s, "MA204");
        g_assert_nonnull(strstr(v->message, detail));
        g_assert_cmpuint(vframe(v, 0), ==, 7);
    }
    sim_free(&s);
}

static void test_ma204_ssm_mismatch(void)
{
    ssm_case("10.0.0.1", "MA204", "includes only 1 source(s) starting with 10.0.0.1, not the media source 10.9.97.69");
    ssm_case(CAMERA, "", NULL);

    /* an SSM group joined any-source */
    sim s;
    sim_init(&s, NULL);
    sim_conn k = sim_conn_seed();
    sim_session(&s, &k, 0.0, SEED_SDP, SEED_TRACK_URL, "RTP/AVP;multicast",
                "RTP/AVP;multicast;destination=232.1.1.1;port=8860-8861;ttl=16");
    sim_join(&s, 0.06, CLIENT, "232.1.1.1");
    sim_media(&s, 0.1, 0.04, 25, CAMERA, "232.1.1.1", 8860, 16, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "MA204");
    g_assert_cmpstr(sim_verdict(&s, "MA204")->message, ==,
                    "the client 10.9.97.42's join of 232.1.1.1 (frame 7) is any-source (EXCLUDE {}) "
                    "but 232.1.1.1 is a source-specific (SSM) group");
    sim_free(&s);
}

static uint32_t leave(sim *s, double t)
{
    uint8_t b[64];
    return sim_igmp(s, t, CLIENT, b, igmp_v3(b, MA_REC_CHANGE_TO_INCLUDE, GROUP, NULL, 0));
}

static void test_ma205_leave_before_teardown(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 20, CAMERA, GROUP, 8860, 128, 0);
    uint32_t lv = leave(&s, 1.0);
    g_assert_cmpint(s.info.role, ==, MA_ROLE_LEAVE);
    uint32_t td = sim_req(&s, &k, 2.0, "TEARDOWN", SEED_URL, NULL);
    sim_finish(&s, 2.1);
    assert_codes(&s, "MA205");
    const ma_verdict *v = sim_verdict(&s, "MA205");
    char *want = g_strdup_printf("the client 10.9.97.42 left 239.255.255.200 (frame %u) while the "
                                 "session was playing, before TEARDOWN (frame %u)", lv, td);
    g_assert_cmpstr(v->message, ==, want);
    g_free(want);
    g_assert_cmpuint(vframe(v, 0), ==, lv);
    g_assert_cmpuint(vframe(v, 1), ==, td);
    g_assert_cmpuint(sim_track(&s, 0, 0)->client_leave_frame, ==, lv);
    sim_free(&s);

    /* leave after TEARDOWN: fine */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 20, CAMERA, GROUP, 8860, 128, 0);
    sim_req(&s, &k, 1.0, "TEARDOWN", SEED_URL, NULL);
    leave(&s, 1.1);
    sim_finish(&s, 2.1);
    assert_codes(&s, "");
    sim_free(&s);
}

static void test_ma206_no_querier(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    media_span_k(&s, &k, 0.1, 200.1, 0);
    sim_finish(&s, 200.5);
    assert_codes(&s, "MA206");
    const ma_verdict *v = sim_verdict(&s, "MA206");
    g_assert_cmpstr(v->message, ==, "no IGMP/MLD query in the 200 s captured after the first join of "
                                    "239.255.255.200 (frame 7): memberships will expire about 260 s "
                                    "after the last report");
    g_assert_cmpuint(vframe(v, 0), ==, 7);
    sim_free(&s);

    /* a querier seen: no verdict */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    uint16_t seq = media_span_k(&s, &k, 0.1, 99.1, 0);
    uint8_t q[12];
    sim_igmp(&s, 100.0, "10.9.97.1", q, igmp_v3_query(q));
    sim_join(&s, 100.5, CLIENT, GROUP); /* its answer: a refresh */
    media_span_k(&s, &k, 101.1, 200.1, seq);
    sim_igmp(&s, 225.0, "10.9.97.1", q, igmp_v3_query(q));
    sim_finish(&s, 225.1);
    assert_codes(&s, "MA312"); /* media stopped 25 s before the end; no MA206 */
    const ma_querier *qr = g_ptr_array_index(ma_correlator_queriers(s.c), 0);
    g_assert_cmpuint(qr->count, ==, 2);
    g_assert_cmpint(qr->version, ==, 3);
    g_assert_cmpfloat_with_epsilon(qr->interval_s, 125.0, 1e-9);
    sim_free(&s);

    /* a capture shorter than 135 s after the join: cannot tell */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    media_span_k(&s, &k, 0.1, 130.1, 0);
    sim_finish(&s, 130.2);
    assert_codes(&s, "");
    sim_free(&s);
}

static void test_ma207_membership_expired(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    uint32_t last = 0;
    media_span_k(&s, &k, 0.1, 262.1, 0);
    last = s.frame - 1; /* the last RTP (an SR follows it) */
    sim_finish(&s, 270.0);
    assert_codes(&s, "MA206,MA207");
    const ma_verdict *v = sim_verdict(&s, "MA207");
    char *want = g_strdup_printf("media to 239.255.255.200 stopped (frame %u) 262.0 s after the "
                                 "client's last report (frame 7): the membership expired", last);
    g_assert_cmpstr(v->message, ==, want);
    g_free(want);
    g_assert_cmpuint(vframe(v, 0), ==, 7);
    g_assert_cmpuint(vframe(v, 1), ==, last);
    g_assert_cmpuint(v->flow_id, ==, 1);
    sim_free(&s);

    /* the capture ends with the media (tcpdump wrote nothing more): "likely" */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    media_span_k(&s, &k, 0.1, 262.1, 0);
    last = s.frame - 1;
    sim_finish(&s, 262.102);
    assert_codes(&s, "MA206,MA207");
    want = g_strdup_printf("media to 239.255.255.200 stopped (frame %u) 262.0 s after the client's "
                           "last report (frame 7): the membership likely expired (the capture ends "
                           "with the media, no TEARDOWN, no query reached the client after its "
                           "report)", last);
    g_assert_cmpstr(sim_verdict(&s, "MA207")->message, ==, want);
    g_free(want);
    sim_free(&s);

    /* ... but not when a query reached the client after its report */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    media_span_k(&s, &k, 0.1, 130.1, 0);
    uint8_t q[16];
    sim_igmp(&s, 130.5, "10.9.97.1", q, igmp_v3_query(q));
    media_span_k(&s, &k, 131.1, 262.1, 131);
    sim_finish(&s, 262.102);
    assert_codes(&s, "");
    sim_free(&s);

    /* ... nor after a TEARDOWN */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    media_span_k(&s, &k, 0.1, 262.1, 0);
    sim_req(&s, &k, 262.2, "TEARDOWN", SEED_URL, NULL);
    sim_rep(&s, &k, 262.21, 200, NULL, NULL);
    sim_finish(&s, 262.25);
    g_assert_null(sim_verdict(&s, "MA207"));
    sim_free(&s);

    /* media stops 200 s after the report: not the expiry, MA312 instead */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    media_span_k(&s, &k, 0.1, 200.1, 0);
    for (int i = 0; i < 2; i++) { /* the RTSP session itself stays alive */
        sim_req(&s, &k, 229.0 + 30 * i, "GET_PARAMETER", SEED_URL, NULL);
        sim_rep(&s, &k, 229.01 + 30 * i, 200, NULL, NULL);
    }
    sim_finish(&s, 270.0);
    assert_codes(&s, "MA206,MA312");
    g_assert_nonnull(strstr(sim_verdict(&s, "MA312")->message, "69.9 s before the end of the capture"));
    sim_free(&s);
}

static void test_ma208_mixed_versions(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    uint8_t q[8];
    uint32_t qf = sim_igmp(&s, 0.08, "10.9.97.1", q, igmp_v2(q, 0x11, 100, "0.0.0.0"));
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "MA208");
    const ma_verdict *v = sim_verdict(&s, "MA208");
    g_assert_cmpstr(v->message, ==, "IGMP versions 2, 3 seen in the capture (frames 8, 7)");
    g_assert_false(v->has_track);
    g_assert_cmpuint(vframe(v, 0), ==, 7);
    g_assert_cmpuint(vframe(v, 1), ==, qf);
    sim_free(&s);
    /* one version only: test_healthy_passes */
}

static void test_ma209_late_join(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, FALSE);
    sim_media(&s, 0.1, 0.04, 36, CAMERA, GROUP, 8860, 128, 0);
    uint32_t j = sim_join(&s, 1.55, CLIENT, GROUP);
    g_assert_cmpfloat_with_epsilon(s.info.join_latency_ms, 1500.0, 1e-6);
    sim_finish(&s, 1.6);
    assert_codes(&s, "MA209");
    const ma_verdict *v = sim_verdict(&s, "MA209");
    char *want = g_strdup_printf("the client 10.9.97.42 joined 239.255.255.200 (frame %u) 1500 ms "
                                 "after the PLAY reply (frame 6) (limit 1000 ms)", j);
    g_assert_cmpstr(v->message, ==, want);
    g_free(want);
    sim_free(&s);

    sim_init(&s, NULL);
    setup_seed(&s, &k, FALSE);
    sim_media(&s, 0.1, 0.04, 11, CAMERA, GROUP, 8860, 128, 0);
    sim_join(&s, 0.55, CLIENT, GROUP);
    sim_media(&s, 0.6, 0.04, 15, CAMERA, GROUP, 8860, 128, 11);
    sim_finish(&s, 1.2);
    assert_codes(&s, "");
    sim_free(&s);
}

/* ---- media ---- */

static void test_ma301_no_media(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_finish(&s, 3.0);
    assert_codes(&s, "MA301");
    const ma_verdict *v = sim_verdict(&s, "MA301");
    g_assert_cmpstr(v->message, ==, "no datagram reached 239.255.255.200:8860 in the capture (SETUP reply frame 4)");
    g_assert_cmpuint(vframe(v, 0), ==, 4);
    g_assert_cmpuint(vframe(v, 1), ==, 6);
    sim_free(&s);

    /* PLAY refused: nothing was to be expected */
    sim_init(&s, NULL);
    k = sim_conn_seed();
    sim_req(&s, &k, 0.0, "SETUP", SEED_TRACK_URL, "Transport: " SEED_TRANSPORT "\r\n");
    sim_rep(&s, &k, 0.01, 200, "Transport: " SEED_TRANSPORT "\r\nSession: 5\r\n", NULL);
    k.session = "5";
    sim_join(&s, 0.02, CLIENT, GROUP);
    sim_req(&s, &k, 0.03, "PLAY", SEED_URL, NULL);
    sim_rep(&s, &k, 0.04, 454, NULL, NULL);
    sim_finish(&s, 3.0);
    /* no MA301, but the refusal itself is in every output (MA108) */
    assert_codes(&s, "MA108");
    g_assert_cmpint(sim_session_n(&s, 0)->play_status, ==, 454);
    v = sim_verdict(&s, "MA108");
    g_assert_cmpstr(v->message, ==,
                    "PLAY (frame 4) in session 5 was answered 454 Session Not "
                    "Found (frame 5): the camera no longer knows the session");
    g_assert_cmpuint(vframe(v, 0), ==, 4);
    g_assert_cmpuint(vframe(v, 1), ==, 5);
    const GArray *errs = sim_session_n(&s, 0)->error_replies;
    g_assert_cmpuint(errs->len, ==, 1);
    const ma_rtsp_error_reply *er = &g_array_index(errs, ma_rtsp_error_reply, 0);
    g_assert_cmpstr(er->method, ==, "PLAY");
    g_assert_cmpint(er->status, ==, 454);
    g_assert_cmpuint(er->request_frame, ==, 4);
    g_assert_cmpuint(er->reply_frame, ==, 5);
    sim_free(&s);

    /* SETUP succeeded, no PLAY seen: media was due; unless the client tore down */
    for (int teardown = 0; teardown < 2; teardown++) {
        sim_init(&s, NULL);
        k = sim_conn_seed();
        sim_req(&s, &k, 0.0, "SETUP", SEED_TRACK_URL, "Transport: " SEED_TRANSPORT "\r\n");
        sim_rep(&s, &k, 0.01, 200, "Transport: " SEED_TRANSPORT "\r\nSession: 5\r\n", NULL);
        k.session = "5";
        sim_join(&s, 0.02, CLIENT, GROUP);
        if (teardown)
            sim_req(&s, &k, 0.03, "TEARDOWN", SEED_URL, NULL);
        sim_finish(&s, 3.0);
        assert_codes(&s, teardown ? "" : "MA301");
        sim_free(&s);
    }
}

static void test_ma302_wrong_port(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    uint32_t first = s.frame + 1;
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 9000, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "MA302");
    const ma_verdict *v = sim_verdict(&s, "MA302");
    char *want = g_strdup_printf("media from 10.9.97.69 reached 239.255.255.200 on port 9000 (frame "
                                 "%u) instead of the negotiated port 8860", first);
    g_assert_cmpstr(v->message, ==, want);
    g_free(want);
    g_assert_cmpuint(v->flow_id, ==, 1);
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 1); /* not an MA105 session */
    g_assert_cmpuint(sim_track(&s, 0, 0)->flows->len, ==, 2);  /* strays: RTP 9000, RTCP 9001 */
    sim_free(&s);
    /* right port: test_healthy_passes */
}

static void test_ma303_wrong_group(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, "239.255.255.201", 8860, 128, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, "MA303");
    g_assert_nonnull(strstr(sim_verdict(&s, "MA303")->message,
                            "went to 239.255.255.201:8860 (frame 8) instead of the negotiated group"));
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 1);
    sim_free(&s);

    /* with media on the right group, the other group is a stream of its own (MA105) */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_media(&s, 1.2, 0.04, 25, CAMERA, "239.255.255.201", 8860, 128, 0);
    sim_finish(&s, 2.3);
    assert_codes(&s, "MA105");
    g_assert_cmpuint(sim_verdict(&s, "MA105")->session_id, ==, 2);
    sim_free(&s);
}

static void ttl_case(int ttl, const char *codes)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, ttl, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, codes);
    const ma_verdict *v = sim_verdict(&s, "MA304");
    if (v != NULL) {
        char *want = g_strdup_printf("media to 239.255.255.200 arrives with IP TTL %d (frame 8), below "
                                     "the negotiated ttl 128%s", ttl,
                                     ttl == 1 ? ": TTL 1 cannot cross a router" : "");
        g_assert_cmpstr(v->message, ==, want);
        g_free(want);
        g_assert_cmpuint(vframe(v, 1), ==, 8);
    }
    sim_free(&s);
}

static void test_ma304_ma305_ttl(void)
{
    ttl_case(1, "MA304,MA305");
    ttl_case(64, "MA304");
    ttl_case(128, "");
}

/* The camera restarts: 25 packets of SSRC 0x1234abcd, then a new SSRC with
 * new sequence numbers on the same flow. */
static void test_ma341_ssrc_changed(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    uint8_t b[200];
    uint32_t change = 0;
    for (int i = 0; i < 25; i++) {
        double t = 1.2 + 0.04 * i;
        gsize n = rtp_bytes(b, 96, (uint16_t)(5000 + i), (uint32_t)llround(t * 90000.0), 0x0badf00d);
        uint32_t fr = sim_udp(&s, t, CAMERA, 8860, GROUP, 8860, 128, b, n);
        if (i == 0)
            change = fr;
    }
    sim_finish(&s, 2.5);
    assert_codes(&s, "MA341");
    const ma_verdict *v = sim_verdict(&s, "MA341");
    char *want = g_strdup_printf("flow 1 10.9.97.69:8860 -> 239.255.255.200:8860: the SSRC changed "
                                 "from 0x1234abcd to 0x0badf00d at frame %u; the figures restart for "
                                 "the new source", change);
    g_assert_cmpstr(v->message, ==, want);
    g_free(want);
    g_assert_cmpuint(vframe(v, 1), ==, change);
    ma_rtp_summary sum;
    const ma_session *ss = g_ptr_array_index(ma_correlator_sessions(s.c), 0);
    g_assert_true(ma_track_rtp_summary(g_ptr_array_index(ss->tracks, 0), &sum));
    g_assert_cmpuint(sum.lost, ==, 0); /* no loss across the restart */
    g_assert_cmpuint(sum.ssrc, ==, 0x0badf00d);
    sim_free(&s);
}

/* Unicast RTP with no RTSP (a call's media) that passed the RTP
 * validation: judged by the rules that need no SETUP.  One way loses one
 * packet (103), gets one duplicate (106) and one packet late (104), and its sender restarts (new
 * SSRC); RTCP never comes and the flow stops long before the capture ends:
 * MA307, MA311, MA341 on that flow, not MA310 (RTCP is negotiated) nor
 * MA312 (no session to end); the clean way gets nothing. */
static void test_unsignalled_unicast(void)
{
    sim s;
    sim_init(&s, NULL);
    uint8_t b[200];
    uint16_t seqs[] = {100, 101, 102, 105, 104, 106, 106, 107, 108, 109, 110, 111};
    double t = 0.0;
    uint32_t restart = 0;
    for (gsize i = 0; i < G_N_ELEMENTS(seqs) + 10; i++, t += 0.02) {
        gboolean second = i >= G_N_ELEMENTS(seqs);
        uint16_t seq = second ? (uint16_t)(7000 + i) : seqs[i];
        gsize n = rtp_bytes(b, 0, seq, (uint32_t)(160 * i), second ? 0x0badf00d : 0x1234abcd);
        uint32_t fr = sim_udp(&s, t, "10.9.97.31", 50000, "10.9.97.30", 40000, 64, b, n);
        if (second && restart == 0)
            restart = fr;
        n = rtp_bytes(b, 0, (uint16_t)(300 + i), (uint32_t)(160 * i), 0x55aa55aa);
        sim_udp(&s, t + 0.001, "10.9.97.30", 40000, "10.9.97.31", 50000, 64, b, n);
    }
    sim_finish(&s, 40.0);
    assert_codes(&s, "MA307,MA311,MA341");
    const ma_verdict *v = sim_verdict(&s, "MA307");
    g_assert_cmpuint(v->session_id, ==, 0);
    /* 103 never came; the second source's 10 count in the expected 22 */
    g_assert_nonnull(strstr(v->message, "1 of 22 RTP packets lost (4.55%)"));
    g_assert_nonnull(strstr(v->message, "10.9.97.31:50000 -> 10.9.97.30:40000"));
    v = sim_verdict(&s, "MA311");
    g_assert_nonnull(strstr(v->message, "10.9.97.31:50000"));
    v = sim_verdict(&s, "MA341");
    g_assert_cmpuint(vframe(v, 1), ==, restart);
    g_assert_cmpuint(ma_correlator_sessions(s.c)->len, ==, 0);
    sim_free(&s);
}

/* TTL 1 media; the RTSP packets (both ways) arrive with TTL rtsp_ttl. */
static void ttl_one_hops_case(int rtsp_ttl, const char *codes)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    s.rtsp_ttl = rtsp_ttl;
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 1, 0);
    sim_finish(&s, 1.2);
    assert_codes(&s, codes);
    sim_free(&s);
}

static void test_ma340_ttl_one_local(void)
{
    ttl_one_hops_case(64, "MA304,MA340");  /* Linux camera and client, one segment */
    ttl_one_hops_case(128, "MA304,MA340"); /* Windows */
    ttl_one_hops_case(63, "MA304,MA305");  /* one router each way */
    ttl_one_hops_case(-1, "MA304,MA305");  /* the front end could not tell */
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    s.rtsp_ttl = 64;
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 1, 0);
    sim_finish(&s, 1.2);
    const ma_verdict *v = sim_verdict(&s, "MA340");
    g_assert_cmpint(v->def->severity, ==, MA_SEV_INFO);
    g_assert_cmpstr(v->message, ==,
                    "media to 239.255.255.200 arrives with IP TTL 1 (frame 8), fine here: 0 router "
                    "hops between the camera and the client (RTSP from the camera arrives with TTL 64 "
                    "of 64, frame 2; the client's with TTL 64, frame 1)");
    g_assert_cmpuint(vframe(v, 0), ==, 2);
    g_assert_cmpuint(vframe(v, 1), ==, 8);
    sim_free(&s);
}

static void test_ma306_late_first_packet(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 2.55, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_finish(&s, 3.6);
    assert_codes(&s, "MA306");
    g_assert_cmpstr(sim_verdict(&s, "MA306")->message, ==,
                    "the first media packet (frame 8) came 2500 ms after the PLAY reply (frame 6, limit 2000 ms)");
    sim_free(&s);
    /* 50 ms: test_healthy_passes */
}

static void loss_run(sim *s, const ma_thresholds *th)
{
    sim_conn k;
    sim_init(s, th);
    setup_seed(s, &k, TRUE);
    for (int i = 0; i < 20; i++) {
        if (i == 5)
            continue;
        sim_rtp(s, 0.1 + 0.04 * i, CAMERA, 8860, GROUP, 8860, 128, (uint16_t)(100 + i), (uint32_t)(3600 * i));
    }
    sim_sr(s, 1.0, CAMERA, GROUP, 8861);
    sim_finish(s, 1.1);
}

static void test_ma307_loss(void)
{
    sim s;
    loss_run(&s, NULL);
    assert_codes(&s, "MA307");
    const ma_verdict *v = sim_verdict(&s, "MA307");
    g_assert_cmpstr(v->message, ==,
                    "1 of 20 RTP packets lost (5.00%) on flow 1 10.9.97.69:8860 -> "
                    "239.255.255.200:8860 (limit 0%) in 1 burst, the longest 1 "
                    "packet between frames 12 and 13");
    /* the proof is the gap (seq 104 in frame 12, 106 in frame 13), not the flow's ends */
    g_assert_cmpuint(v->frames->len, ==, 2);
    g_assert_cmpuint(vframe(v, 0), ==, 12);
    g_assert_cmpuint(vframe(v, 1), ==, 13);
    sim_free(&s);

    ma_thresholds th;
    ma_thresholds_init(&th);
    th.max_loss_pct = 5.0; /* not above */
    loss_run(&s, &th);
    assert_codes(&s, "");
    sim_free(&s);
}

static void jitter_run(sim *s, const ma_thresholds *th)
{
    sim_conn k;
    sim_init(s, th);
    setup_seed(s, &k, TRUE);
    /* every other packet 150 ms late against its timestamp */
    for (int i = 0; i < 20; i++)
        sim_rtp(s, 0.1 + 0.2 * i + (i % 2) * 0.15, CAMERA, 8860, GROUP, 8860, 128, (uint16_t)i,
                (uint32_t)(18000 * i));
    sim_sr(s, 4.1, CAMERA, GROUP, 8861);
    sim_finish(s, 4.2);
}

static void test_ma308_jitter(void)
{
    sim s;
    jitter_run(&s, NULL);
    assert_codes(&s, "MA308");
    ma_rtp_summary sum;
    g_assert_true(ma_track_rtp_summary(sim_track(&s, 0, 0), &sum));
    g_assert_cmpfloat(sum.jitter_max_ms, >, 30.0);
    g_assert_nonnull(strstr(sim_verdict(&s, "MA308")->message, "(limit 30 ms) at frame "));
    /* the proof is the frame where the maximum was reached */
    const ma_verdict *jv = sim_verdict(&s, "MA308");
    gint64 peak_ns = 0;
    uint32_t peak = ma_rtp_stats_jitter_peak(sim_track(&s, 0, 0)->rtp_flow->stats, &peak_ns);
    g_assert_cmpuint(peak, ==, 27); /* i = 19: the last late packet, jitter still rising */
    g_assert_cmpuint(jv->frames->len, ==, 1);
    g_assert_cmpuint(vframe(jv, 0), ==, peak);
    char *want = g_strdup_printf("(limit 30 ms) at frame %u", peak);
    g_assert_true(g_str_has_suffix(jv->message, want));
    g_free(want);
    sim_free(&s);

    ma_thresholds th;
    ma_thresholds_init(&th);
    th.max_jitter_ms = 1000.0;
    jitter_run(&s, &th);
    assert_codes(&s, "");
    sim_free(&s);
}

static void test_ma309_media_after_leave(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 20, CAMERA, GROUP, 8860, 128, 0);
    uint32_t lv = leave(&s, 1.0);
    uint32_t last = sim_media(&s, 1.1, 0.1, 30, CAMERA, GROUP, 8860, 128, 20);
    sim_req(&s, &k, 5.0, "TEARDOWN", SEED_URL, NULL);
    sim_finish(&s, 5.1);
    assert_codes(&s, "MA205,MA309");
    const ma_verdict *v = sim_verdict(&s, "MA309");
    char *want = g_strdup_printf("RTP to 239.255.255.200 still arrives 3.0 s after the client "
                                 "10.9.97.42's leave (frame %u)", lv);
    g_assert_cmpstr(v->message, ==, want);
    g_free(want);
    g_assert_cmpuint(vframe(v, 1), ==, last);
    sim_free(&s);

    /* media stops within the 2 s last-member time */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 20, CAMERA, GROUP, 8860, 128, 0);
    leave(&s, 1.0);
    sim_media(&s, 1.1, 0.1, 15, CAMERA, GROUP, 8860, 128, 20);
    sim_req(&s, &k, 5.0, "TEARDOWN", SEED_URL, NULL);
    sim_finish(&s, 5.1);
    assert_codes(&s, "MA205");
    sim_free(&s);
}

static void test_ma310_no_rtcp(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    /* 16 packets a second for 15.0 s (first at 0.1 s, last at 15.1 s) */
    for (int i = 0; i <= 240; i++)
        sim_rtp(&s, 0.1 + i / 16.0, CAMERA, 8860, GROUP, 8860, 128, (uint16_t)i,
                (uint32_t)(5625 * i));
    /* a client's receiver report on the RTCP port does not count */
    uint8_t rr[8] = {0x80, 201, 0, 1, 0, 0, 0, 9};
    sim_udp(&s, 15.2, CLIENT, 8861, GROUP, 8861, 1, rr, sizeof rr);
    sim_finish(&s, 15.3);
    assert_codes(&s, "MA310");
    g_assert_cmpstr(
        sim_verdict(&s, "MA310")->message, ==,
        "no RTCP from 10.9.97.69 reached 239.255.255.200:8861 while RTP flowed for 15.0 s "
        "(at least 15 s, three RTCP intervals, are needed to tell)");
    g_assert_nonnull(sim_track(&s, 0, 0)->rtcp_flow); /* the client's */
    sim_free(&s);

    /* 14.9 s of RTP is too short to tell (RFC 3550 6.2: 3 x 5 s) */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    for (int i = 0; i <= 149; i++)
        sim_rtp(&s, 0.1 + i / 10.0, CAMERA, 8860, GROUP, 8860, 128, (uint16_t)i,
                (uint32_t)(9000 * i));
    sim_finish(&s, 15.3);
    assert_codes(&s, "");
    sim_free(&s);

    /* no RTSP at all (IPTV that may never send RTCP): static multicast,
     * no MA310; nobody joined its group (MA220) */
    sim_init(&s, NULL);
    for (int i = 0; i <= 400; i++)
        sim_rtp(&s, 0.1 + i / 16.0, CAMERA, 8860, GROUP, 8860, 128, (uint16_t)i,
                (uint32_t)(5625 * i));
    sim_finish(&s, 25.2);
    assert_codes(&s, "MA220");
    sim_free(&s);
    /* with the camera's SR: test_healthy_passes */
}

static void test_ma311_reorder_duplicate(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    static const uint16_t seqs[] = {0, 1, 3, 2, 4, 4, 5, 6, 7, 8};
    for (gsize i = 0; i < G_N_ELEMENTS(seqs); i++)
        sim_rtp(&s, 0.1 + 0.04 * (double)i, CAMERA, 8860, GROUP, 8860, 128, seqs[i], (uint32_t)(3600 * seqs[i]));
    sim_sr(&s, 0.6, CAMERA, GROUP, 8861);
    sim_finish(&s, 0.7);
    assert_codes(&s, "MA311");
    g_assert_cmpstr(sim_verdict(&s, "MA311")->message, ==,
                    "flow 1 10.9.97.69:8860 -> 239.255.255.200:8860: 1 packets reordered, 1 duplicated");
    g_assert_cmpint(ma_correlator_worst_severity(s.c), ==, MA_SEV_INFO);
    sim_free(&s);
}

static void test_ma312_media_stopped(void)
{
    sim s;
    sim_conn k;
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    uint32_t last = sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    uint32_t td = sim_req(&s, &k, 12.06, "TEARDOWN", SEED_URL, NULL);
    sim_finish(&s, 12.1);
    assert_codes(&s, "MA312");
    const ma_verdict *v = sim_verdict(&s, "MA312");
    char *want = g_strdup_printf("media to 239.255.255.200:8860 stopped at frame %u, 11.0 s before the "
                                 "TEARDOWN (frame %u)", last, td);
    g_assert_cmpstr(v->message, ==, want);
    g_free(want);
    sim_free(&s);

    /* TEARDOWN 4 s after the last packet: fine */
    sim_init(&s, NULL);
    setup_seed(&s, &k, TRUE);
    sim_media(&s, 0.1, 0.04, 25, CAMERA, GROUP, 8860, 128, 0);
    sim_req(&s, &k, 5.06, "TEARDOWN", SEED_URL, NULL);
    sim_finish(&s, 12.1);
    assert_codes(&s, "");
    sim_free(&s);
}

static void expect_case(const char *group, int port, const char *codes)
{
    ma_thresholds th;
    ma_thresholds_init(&th);
    th.expect_group_set = TRUE;
    g_assert_true(ma_addr_parse(group, &th.expect_group));
    th.expect_port = port;
    sim s;
    healthy(&s, &th);
    sim_finish(&s, 1.2);
    assert_codes(&s, codes);
    sim_free(&s);
}

static void test_ma313_unexpected_group(void)
{
    ma_thresholds th;
    ma_thresholds_init(&th);
    th.expect_group_set = TRUE;
    g_assert_true(ma_addr_parse("239.1.1.1", &th.expect_group));
    sim s;
    healthy(&s, &th);
    sim_finish(&s, 1.2);
    /* and no datagram went to 239.1.1.1 at all: MA922, capture-wide */
    assert_codes(&s, "MA922,MA313");
    g_assert_cmpstr(sim_verdict(&s, "MA313")->message, ==,
                    "the stream is at 239.255.255.200:8860 but 239.1.1.1 was expected");
    g_assert_cmpstr(sim_verdict(&s, "MA922")->message, ==,
                    "--expect-group 239.1.1.1: no datagram went to it; no SETUP reply named it "
                    "either");
    g_assert_cmpuint(sim_verdict(&s, "MA922")->session_id, ==, 0);
    sim_free(&s);
    expect_case(GROUP, 8860, "");
    expect_case(GROUP, -1, "");
    expect_case(GROUP, 9000, "MA922,MA313");
}

/* Zap time per join (issue 16 item 3): a viewer joins, leaves, joins again
 * twice; each join after a leave has its own zap time; MA360 fires for the
 * slow one only, with its own frames. */
static void test_ma360_zap_per_join(void)
{
    sim s;
    sim_init(&s, NULL);
    const char *g = "239.1.1.77", *host = "10.9.97.41";
    uint8_t b[64];
    uint32_t j1 = sim_join(&s, 0.1, host, g);
    sim_media(&s, 0.2, 0.02, 40, CAMERA, g, 5004, 32, 100);                       /* 0.20 .. 0.98 */
    sim_igmp(&s, 1.0, host, b, igmp_v3(b, MA_REC_CHANGE_TO_INCLUDE, g, NULL, 0)); /* leave */
    uint32_t j2 = sim_join(&s, 2.9, host, g);
    sim_media(&s, 3.0, 0.02, 50, CAMERA, g, 5004, 32, 140); /* 3.00 .. 3.98: zap 100 ms */
    sim_igmp(&s, 4.0, host, b, igmp_v3(b, MA_REC_CHANGE_TO_INCLUDE, g, NULL, 0));
    uint32_t j3 = sim_join(&s, 5.0, host, g);
    sim_join(&s, 5.2, host, g); /* a repeated join without a leave: no new zap */
    sim_media(&s, 5.7, 0.02, 10, CAMERA, g, 5004, 32, 190); /* zap 700 ms */
    sim_finish(&s, 6.0);
    const GPtrArray *gs = ma_correlator_groups(s.c);
    g_assert_cmpuint(gs->len, ==, 1);
    const ma_group *grp = g_ptr_array_index(gs, 0);
    g_assert_cmpuint(grp->members->len, ==, 1);
    const ma_group_member *m = &g_array_index(grp->members, ma_group_member, 0);
    g_assert_cmpuint(m->first_join_frame, ==, j1);
    g_assert_cmpuint(m->zap_frame, ==, j1 + 1); /* the first join's, as before */
    g_assert_cmpfloat_with_epsilon(m->zap_ms, 100.0, 1e-6);
    g_assert_cmpuint(m->n_zaps, ==, 3);
    g_assert_cmpuint(m->zaps->len, ==, 3);
    const uint32_t joins[3] = {j1, j2, j3};
    const double zaps[3] = {100.0, 100.0, 700.0};
    for (guint i = 0; i < 3; i++) {
        const ma_group_zap *z = &g_array_index(m->zaps, ma_group_zap, i);
        g_assert_cmpuint(z->join_frame, ==, joins[i]);
        g_assert_cmpfloat_with_epsilon(z->zap_ms, zaps[i], 1e-6);
    }
    g_assert_cmpfloat_with_epsilon(m->zap_min_ms, 100.0, 1e-6);
    g_assert_cmpfloat_with_epsilon(m->zap_max_ms, 700.0, 1e-6);
    g_assert_cmpfloat_with_epsilon(m->zap_last_ms, 700.0, 1e-6);
    g_assert_cmpuint(sim_count(&s, "MA360"), ==, 1);
    const ma_verdict *v = sim_verdict(&s, "MA360");
    g_assert_cmpuint(vframe(v, 0), ==, j3);
    g_assert_cmpuint(vframe(v, 1), ==, g_array_index(m->zaps, ma_group_zap, 2).zap_frame);
    sim_free(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/rules/healthy", test_healthy_passes);
    g_test_add_func("/rules/ma101-setup-failed", test_ma101_setup_failed);
    g_test_add_func("/rules/ma102-answered-unicast", test_ma102_answered_unicast);
    g_test_add_func("/rules/ma103-answered-interleaved", test_ma103_answered_interleaved);
    g_test_add_func("/rules/ma104-sdp-disagree", test_ma104_sdp_disagree);
    g_test_add_func("/rules/ma105-before-capture", test_ma105_before_capture);
    g_test_add_func("/rules/ma106-session-timeout", test_ma106_session_timeout);
    g_test_add_func("/rules/ma120-transport-malformed", test_ma120_transport_malformed);
    g_test_add_func("/rules/ma201-nobody-joined", test_ma201_nobody_joined);
    g_test_add_func("/rules/ma202-client-never-joined", test_ma202_client_never_joined);
    g_test_add_func("/rules/ma203-join-other-group", test_ma203_join_other_group);
    g_test_add_func("/rules/ma204-ssm-mismatch", test_ma204_ssm_mismatch);
    g_test_add_func("/rules/ma205-leave-before-teardown", test_ma205_leave_before_teardown);
    g_test_add_func("/rules/ma206-no-querier", test_ma206_no_querier);
    g_test_add_func("/rules/ma207-membership-expired", test_ma207_membership_expired);
    g_test_add_func("/rules/ma208-mixed-versions", test_ma208_mixed_versions);
    g_test_add_func("/rules/ma209-late-join", test_ma209_late_join);
    g_test_add_func("/rules/ma301-no-media", test_ma301_no_media);
    g_test_add_func("/rules/ma302-wrong-port", test_ma302_wrong_port);
    g_test_add_func("/rules/ma303-wrong-group", test_ma303_wrong_group);
    g_test_add_func("/rules/ma304-ma305-ttl", test_ma304_ma305_ttl);
    g_test_add_func("/rules/ma306-late-first-packet", test_ma306_late_first_packet);
    g_test_add_func("/rules/ma307-loss", test_ma307_loss);
    g_test_add_func("/rules/ma308-jitter", test_ma308_jitter);
    g_test_add_func("/rules/ma309-media-after-leave", test_ma309_media_after_leave);
    g_test_add_func("/rules/ma310-no-rtcp", test_ma310_no_rtcp);
    g_test_add_func("/rules/ma311-reorder-duplicate", test_ma311_reorder_duplicate);
    g_test_add_func("/rules/ma312-media-stopped", test_ma312_media_stopped);
    g_test_add_func("/rules/ma313-unexpected-group", test_ma313_unexpected_group);
    g_test_add_func("/rules/ma360-zap-per-join", test_ma360_zap_per_join);
    g_test_add_func("/rules/ma340-ttl-one-local", test_ma340_ttl_one_local);
    g_test_add_func("/rules/ma341-ssrc-changed", test_ma341_ssrc_changed);
    g_test_add_func("/rules/unsignalled-unicast", test_unsignalled_unicast);
    return g_test_run();
}
