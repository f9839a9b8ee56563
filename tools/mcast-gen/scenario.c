/* SPDX-License-Identifier: GPL-2.0-or-later */
/* scenario.c - the named scenarios of the sample corpus.  Each starts from
 * the seed camera's session (base_cfg) and changes what its fault needs; the
 * verdict list is what verdict_rules.md says a correct analyser concludes. */
#include "gen.h"

#define QUERIER_IP "10.9.97.1"

/* A clean session with the seed's camera: Digest auth, multicast answer,
 * client IGMPv3 join right after SETUP, camera join at PLAY, 5 s of video,
 * TEARDOWN then leaves. */
static gen_session_cfg base_cfg(void)
{
    gen_session_cfg c = { 0 };
    c.client_ip = "10.9.97.42";
    c.camera_ip = "10.9.97.69";
    c.group = "239.255.255.200";
    c.client_mac_last = 0x42;
    c.camera_mac_last = 0x69;
    c.client_port = 60874;
    c.rtp_port = 8860;
    c.reply_ttl = 128;
    c.media_ttl = 128;
    c.auth = TRUE;
    c.answer = GEN_ANSWER_MULTICAST;
    c.session_timeout_s = 60;
    c.client_join = GEN_JOIN_V3;
    c.join_after_play_ms = G_MININT64;
    c.leave_after_play_ms = -1;
    c.camera_joins = TRUE;
    c.media_ms = 5000;
    c.end = GEN_END_TEARDOWN;
    return c;
}

/* One session plus the querier (first general query 1.5 s in). */
static void run(gen_world *w, const gen_session_cfg *c, gen_querier_kind q)
{
    guint64 end = gen_session_run(w, c, GEN_EPOCH_US);
    gen_host *querier = gen_world_host(w, q == GEN_QUERIER_MLDV2 ? "2001:db8:97::1" : QUERIER_IP, 0x01);
    if (q == GEN_QUERIER_MLDV2)
        querier = gen_world_link_local(w, querier);
    gen_querier_run(w->cap, &w->link, querier, q, w->rand, w->members, GEN_EPOCH_US + GEN_MS(1500), end);
}

static void seed(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.client_join = GEN_JOIN_NONE;
    c.seed_opening = TRUE;
    c.media_ms = 5500;
    c.end = GEN_END_CAPTURE;
    run(w, &c, GEN_QUERIER_NONE);
}

static void clean(gen_world *w) { gen_session_cfg c = base_cfg(); run(w, &c, GEN_QUERIER_V3); }

static void igmpv2_client(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.client_join = GEN_JOIN_V2;
    c.camera_joins = FALSE;
    run(w, &c, GEN_QUERIER_V2);
}

static void mixed_versions(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.client_join = GEN_JOIN_V2;
    run(w, &c, GEN_QUERIER_V3);
}

static void random_loss(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.impair.loss_pct = 2.0;
    run(w, &c, GEN_QUERIER_V3);
}

static void burst_loss(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.impair.bursts = 3;
    c.impair.burst_min = 4;
    c.impair.burst_max = 12;
    run(w, &c, GEN_QUERIER_V3);
}

static void duplicates(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.impair.dup_pct = 3.0;
    run(w, &c, GEN_QUERIER_V3);
}

static void reordering(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.impair.reorder_pct = 3.0;
    run(w, &c, GEN_QUERIER_V3);
}

static void jitter(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.impair.jitter_max_ms = 250;
    run(w, &c, GEN_QUERIER_V3);
}

static void wrong_port(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.media_port = 8870;
    run(w, &c, GEN_QUERIER_V3);
}

static void wrong_group(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.media_group = "239.255.255.201";
    run(w, &c, GEN_QUERIER_V3);
}

/* Captured at the camera's port; the client's RTSP arrives through two
 * routers (TTL 62), which TTL 1 multicast cannot cross. */
static void ttl_one(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.gst_style = TRUE;
    c.reply_ttl = 1;
    c.media_ttl = 1;
    c.client_hops = 2;
    run(w, &c, GEN_QUERIER_V3);
}

/* gst-rtsp-server's default TTL 1 with camera and client on one segment
 * (every RTSP packet arrives with TTL 64): fine, MA340 says so. */
static void ttl_one_local(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.gst_style = TRUE;
    c.reply_ttl = 1;
    c.media_ttl = 1;
    run(w, &c, GEN_QUERIER_V3);
}

static void no_join(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.client_join = GEN_JOIN_NONE;
    c.camera_joins = FALSE;
    run(w, &c, GEN_QUERIER_V3);
}

static void late_join(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.join_after_play_ms = 3000;
    run(w, &c, GEN_QUERIER_V3);
}

static void leave_mid_stream(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.leave_after_play_ms = 2000;
    c.media_ms = 6000;
    run(w, &c, GEN_QUERIER_V3);
}

static void setup_461(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.answer = GEN_ANSWER_461;
    c.client_join = GEN_JOIN_NONE;
    c.camera_joins = FALSE;
    run(w, &c, GEN_QUERIER_V3);
}

static void interleaved(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.answer = GEN_ANSWER_INTERLEAVED;
    c.client_join = GEN_JOIN_NONE;
    c.camera_joins = FALSE;
    run(w, &c, GEN_QUERIER_V3);
}

static void unicast_answer(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.answer = GEN_ANSWER_UNICAST;
    c.client_join = GEN_JOIN_NONE;
    c.camera_joins = FALSE;
    run(w, &c, GEN_QUERIER_V3);
}

/* A unicast session as most cameras run it: unicast asked and answered, the
 * client's receiver reports to the server's RTCP port. */
static void unicast_rtcp(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.answer = GEN_ANSWER_UNICAST;
    c.unicast_asked = TRUE;
    c.client_rtcp = TRUE;
    c.client_join = GEN_JOIN_NONE;
    c.camera_joins = FALSE;
    c.media_ms = 12000;
    run(w, &c, GEN_QUERIER_NONE);
}

static void tiny_segments(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.segment_size = 24;
    c.media_ms = 3000;
    run(w, &c, GEN_QUERIER_V3);
}

static void vlan_tagged(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    w->link.vlan = 97;
    run(w, &c, GEN_QUERIER_V3);
}

static void ipv6_mldv2(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.client_ip = "2001:db8:97::42";
    c.camera_ip = "2001:db8:97::69";
    c.group = "ff15::efff:ffc8";
    c.client_join = GEN_JOIN_MLDV2;
    run(w, &c, GEN_QUERIER_MLDV2);
}

static void multi_camera(gen_world *w)
{
    gen_session_cfg a = base_cfg(), b = base_cfg();
    b.client_ip = "10.9.97.43";
    b.client_mac_last = 0x43;
    b.camera_ip = "10.9.97.70";
    b.camera_mac_last = 0x70;
    b.group = "239.255.255.201";
    b.client_port = 52110;
    guint64 end_a = gen_session_run(w, &a, GEN_EPOCH_US);
    guint64 end_b = gen_session_run(w, &b, GEN_EPOCH_US + GEN_MS(700));
    gen_host *q = gen_world_host(w, QUERIER_IP, 0x01);
    gen_querier_run(w->cap, &w->link, q, GEN_QUERIER_V3, w->rand, w->members,
                    GEN_EPOCH_US + GEN_MS(1500), MAX(end_a, end_b));
}

static void ssm_mismatch(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.group = "232.1.1.200";
    c.ssm_source = "10.9.97.69";
    c.client_join = GEN_JOIN_V3_INCLUDE;
    c.client_join_source = "10.9.97.99";
    c.camera_joins = FALSE;
    run(w, &c, GEN_QUERIER_V3);
}

/* A sparse PCMU stream with keep-alives whose membership nobody refreshes. */
static gen_session_cfg expiry_cfg(gen_end_mode end)
{
    gen_session_cfg c = base_cfg();
    c.audio = TRUE;
    c.camera_joins = FALSE;
    c.keepalive_s = 30;
    c.end = end;
    return c;
}

static void long_no_querier(gen_world *w)
{
    gen_session_cfg c = expiry_cfg(GEN_END_EXPIRY);
    c.seq0 = 65000; /* the sequence number wraps during the capture */
    run(w, &c, GEN_QUERIER_NONE);
}

/* The expiry as a real capture shows it (captures/real/expiry-no-query):
 * the capture ends with the last media packet, so only the timing tells. */
static void expiry_capture_ends(gen_world *w)
{
    gen_session_cfg c = expiry_cfg(GEN_END_EXPIRY_CUT);
    run(w, &c, GEN_QUERIER_NONE);
}

static void session_timeout(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.audio = TRUE;
    c.end = GEN_END_TIMEOUT;
    run(w, &c, GEN_QUERIER_V3);
}

static void mid_stream_start(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.media_only = TRUE;
    c.media_ms = 5000;
    run(w, &c, GEN_QUERIER_NONE);
}

static void tcp_interleaved_media(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.answer = GEN_ANSWER_TCP;
    c.client_join = GEN_JOIN_NONE;
    c.camera_joins = FALSE;
    c.impair.bursts = 2; /* the camera's own drops: gaps in the sequence even over TCP */
    c.impair.burst_min = 3;
    c.impair.burst_max = 6;
    run(w, &c, GEN_QUERIER_NONE);
}

static void transport_malformed(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.answer = GEN_ANSWER_EMPTY_TTL;
    run(w, &c, GEN_QUERIER_V3);
}

/* GStreamer's client as the real captures show it: its receiver reports go
 * to the group's RTCP port (RFC 3550 6), from that port. */
static void receiver_rtcp(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.receiver_rtcp = TRUE;
    c.impair.loss_pct = 2.0;
    c.media_ms = 12000; /* reports at 1, 6 and 11 s */
    run(w, &c, GEN_QUERIER_V3);
}

/* GStreamer's rtspsrc opening firewalls: 5 datagrams to group:8860 from the
 * client's RTP port right after the PLAY reply. */
static void receiver_startup(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.receiver_startup = TRUE;
    run(w, &c, GEN_QUERIER_V3);
}

/* The camera's RTP sender restarts 2.5 s into the media: a new SSRC,
 * sequence and timestamp 300 ms later, on the same group and port. */
static void ssrc_change(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.ssrc_change_ms = 2500;
    run(w, &c, GEN_QUERIER_V3);
}

static void lan_no_media(gen_world *w) { gen_lan_noise(w, GEN_EPOCH_US); }

/* One direction of a call's media: PCMU every 20 ms (RFC 3551), no signalling
 * in the capture. */
static void call_leg(gen_world *w, gen_host *from, guint16 sport, gen_host *to, guint16 dport,
                     guint64 t0, guint ms, const gen_impair *imp)
{
    gen_rtp_cfg cfg = {0};
    cfg.audio = TRUE;
    cfg.pt = 0;
    cfg.clock = 8000;
    cfg.ssrc = g_rand_int(w->rand);
    cfg.seq0 = (guint16)g_rand_int_range(w->rand, 0, 30000);
    cfg.ts0 = g_rand_int(w->rand);
    cfg.audio_interval_ms = 20;
    gen_ip ip = {&w->link, from, to->addr, {0}, 64, FALSE};
    gen_dst_mac(&ip.dst, to, ip.dst_mac);
    char *src = gen_addr_to_string(&from->addr), *dst = gen_addr_to_string(&to->addr);
    gen_flow f = {.src = src,
                  .dst = dst,
                  .sport = sport,
                  .dport = dport,
                  .channel = -1,
                  .ssrc = cfg.ssrc,
                  .ttl = 64};
    int flow = gen_capture_add_flow(w->cap, &f);
    g_free(src);
    g_free(dst);
    GArray *pkts = gen_rtp_schedule(&cfg, w->rand, t0, t0 + GEN_MS(ms));
    gen_impair_apply(imp, w->rand, pkts);
    gen_rtp_emit(w->cap, flow, &ip, sport, dport, &cfg, pkts);
    g_array_unref(pkts);
}

/* A phone call's media with its SIP elsewhere: unicast RTP both ways, one
 * leg losing a burst of 3 packets, beside a DNS query and an NTP exchange that are not media. */
static void unicast_no_signalling(gen_world *w)
{
    gen_host *a = gen_world_host(w, "10.9.97.30", 0x30);
    gen_host *b = gen_world_host(w, "10.9.97.31", 0x31);
    gen_impair none = {0}, lossy = {0};
    lossy.bursts = 1;
    lossy.burst_min = 3;
    lossy.burst_max = 3;
    call_leg(w, a, 40000, b, 50000, GEN_EPOCH_US, 6000, &none);
    call_leg(w, b, 50000, a, 40000, GEN_EPOCH_US + GEN_MS(7), 6000, &lossy);
    gen_lan_noise_dns_ntp(w, GEN_EPOCH_US + GEN_MS(500));
}

/* The seed session over another link layer or in a tunnel (link_wrap.c). */
static void seed_wrapped(gen_world *w, gen_wrap how)
{
    seed(w);
    gen_capture_set_wrap(w->cap, how);
}
static void link_pppoe(gen_world *w)
{
    seed_wrapped(w, GEN_WRAP_PPPOE);
}
static void link_ppp(gen_world *w)
{
    seed_wrapped(w, GEN_WRAP_PPP);
}
static void link_nflog(gen_world *w)
{
    seed_wrapped(w, GEN_WRAP_NFLOG);
}
static void link_wlan(gen_world *w)
{
    seed_wrapped(w, GEN_WRAP_WLAN);
}
static void link_radiotap(gen_world *w)
{
    seed_wrapped(w, GEN_WRAP_RADIOTAP);
}
static void link_vxlan(gen_world *w)
{
    seed_wrapped(w, GEN_WRAP_VXLAN);
}
static void link_gre(gen_world *w)
{
    seed_wrapped(w, GEN_WRAP_GRE);
}

/* PAT + PMT every 100 ms (10 datagrams of 10 ms) */
static const gen_ts_layout ts_every_100ms = {10, 0, 0};

static void mpegts_rtp(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.mpegts = &ts_every_100ms;
    c.impair.bursts = 2; /* 1..2 datagrams: at most 14 video packets, the counters see them all */
    c.impair.burst_min = 1;
    c.impair.burst_max = 2;
    run(w, &c, GEN_QUERIER_V3);
}

/* SMPTE 2022-1 FEC, L = 5 columns by D = 4 rows: of the 500 packets'
 * 25 matrices, 125 column FEC packets (the 61st lost) and 100 row FEC
 * packets (the 31st and 72nd lost). */
static const gen_fec_layout fec_5x4 = {5, 4, 1000, 2000, {61, 0, 0, 0}, {31, 72, 0, 0}};

static void mpegts_fec(gen_world *w)
{
    gen_session_cfg c = base_cfg();
    c.mpegts = &ts_every_100ms;
    c.fec = &fec_5x4;
    c.impair.bursts = 2; /* mpegts-rtp's impairments: the same media figures */
    c.impair.burst_min = 1;
    c.impair.burst_max = 2;
    run(w, &c, GEN_QUERIER_V3);
}

/* IPTV: raw UDP TS from a headend, PSI missing 0.9 s (datagrams 150..229
 * carry none: 1.4 s .. 2.3 s), datagrams 57, 200-201 and 340 (a PSI one) lost. */
static const gen_ts_layout ts_psi_gap = {10, 150, 230};

static void mpegts_udp(gen_world *w)
{
    gen_host *headend = gen_world_host(w, "10.9.97.80", 0x80);
    gen_host *viewer = gen_world_host(w, "10.9.97.42", 0x42);
    gen_addr group = gen_addr_parse("239.1.2.3");
    gen_member m = {viewer, GEN_JOIN_V3, group, {0}, GEN_EPOCH_US, G_MAXUINT64};
    gen_member_join(w->cap, &w->link, &m, GEN_EPOCH_US);
    gen_ip ip = {&w->link, headend, group, {0}, 16, FALSE};
    gen_dst_mac(&ip.dst, NULL, ip.dst_mac);
    gen_flow f = {.src = (char *)"10.9.97.80",
                  .dst = (char *)"239.1.2.3",
                  .sport = 1234,
                  .dport = 1234,
                  .channel = -1,
                  .ttl = 16,
                  .ts = &ts_psi_gap,
                  .raw_ts = TRUE};
    int flow = gen_capture_add_flow(w->cap, &f);
    guint8 buf[GEN_TS_PER_DATAGRAM * 188];
    for (guint i = 0; i < 400; i++) {
        if (i == 57 || i == 200 || i == 201 || i == 340)
            continue;
        gsize n = gen_ts_datagram(&ts_psi_gap, i, buf);
        guint64 t = GEN_EPOCH_US + GEN_MS(20) + (guint64)i * GEN_TS_INTERVAL_US;
        gen_capture_add(w->cap, t, gen_frame_udp(&ip, 1234, 1234, buf, n), flow, i);
    }
}

#define V(...) (const char *const[]){ __VA_ARGS__, NULL }
#define NONE (const char *const[]){ NULL }

static const gen_scenario scenarios[] = {
    {"hikvision-multicast-preview",
     "Seed trace: DESCRIBE 401/200, SETUP answered multicast 239.255.255.200:8860 ttl 128, PLAY; "
     "the camera joins its own group, the client never does; 5.5 s of H.264 and RTCP SRs",
     V("MA202"), seed},
    {"clean-multicast",
     "Client joins IGMPv3 after SETUP, querier present, TEARDOWN then leave: nothing wrong", NONE,
     clean},
    {"igmpv2-client", "IGMPv2 querier and client: v2 report, v2 leave to 224.0.0.2 after TEARDOWN",
     NONE, igmpv2_client},
    {"mixed-versions", "IGMPv3 querier and camera, IGMPv2 client report and leave", V("MA208"),
     mixed_versions},
    {"random-loss", "2 % random RTP loss on the way to the client", V("MA307"), random_loss},
    {"burst-loss", "Three loss bursts of 4..12 RTP packets", V("MA307"), burst_loss},
    {"duplicates", "3 % of RTP packets arrive twice", V("MA311"), duplicates},
    {"reordering", "3 % of RTP packets arrive after 1..3 later ones", V("MA311"), reordering},
    {"jitter",
     "Each video frame delayed 0..250 ms (order kept): max running jitter 45 ms (tshark Max Jitter "
     "40.6 ms with -d rtp.pt==96,h264), over 30 ms",
     V("MA308"), jitter},
    {"wrong-port", "SETUP says port 8860-8861; the camera sends to 8870/8871 of the group",
     V("MA302"), wrong_port},
    {"wrong-group", "SETUP says 239.255.255.200; the camera sends to 239.255.255.201", V("MA303"),
     wrong_group},
    {"ttl-one",
     "gst-rtsp-server style Transport with ttl=1; media IP TTL 1; the client's RTSP arrives with "
     "TTL 62 (2 routers)",
     V("MA305"), ttl_one},
    {"ttl-one-local",
     "gst-rtsp-server style Transport with ttl=1; media IP TTL 1; all RTSP with TTL 64: 0 router "
     "hops (info)",
     V("MA340"), ttl_one_local},
    {"no-join", "Nobody joins the group (neither client nor camera); querier present", V("MA201"),
     no_join},
    {"late-join", "The client joins 3 s after the PLAY reply (media flooded before)", V("MA209"),
     late_join},
    {"leave-mid-stream",
     "The client leaves (TO_IN {}) 2 s after PLAY; media goes on 4 s until TEARDOWN",
     V("MA205", "MA309"), leave_mid_stream},
    {"setup-461", "SETUP multicast answered 461 Unsupported Transport; the client closes",
     V("MA101"), setup_461},
    {"tcp-interleaved-fallback",
     "SETUP multicast answered RTP/AVP/TCP interleaved; the client tears down", V("MA103"),
     interleaved},
    {"unicast-answer",
     "SETUP offers multicast first; the camera answers unicast and streams to client_port",
     V("MA102"), unicast_answer},
    {"tiny-tcp-segments",
     "RTSP in 24-byte TCP segments, one retransmitted after 200 ms; otherwise clean", NONE,
     tiny_segments},
    {"vlan-tagged", "The clean session on 802.1Q VLAN 97", NONE, vlan_tagged},
    {"ipv6-mldv2",
     "IPv6 camera and client, group ff15::efff:ffc8, MLDv2 joins from the hosts' link-local "
     "addresses (same MAC as their global ones), MLDv2 querier",
     NONE, ipv6_mldv2},
    {"multi-camera", "Two cameras, two clients, groups .200 and .201, both clean", NONE,
     multi_camera},
    {"ssm-source-mismatch",
     "Group 232.1.1.200 with source=10.9.97.69; the client joins INCLUDE {10.9.97.99}", V("MA204"),
     ssm_mismatch},
    {"long-no-querier",
     "No querier; sparse PCMU stream with keep-alives; media stops 260.9 s after the "
     "client's only report; capture goes on 10 s",
     V("MA206", "MA207"), long_no_querier},
    {"expiry-capture-ends",
     "No querier; sparse PCMU stream; media stops 260.9 s after the client's only report and the "
     "capture ends with it (MA207 from the timing: \"likely\")",
     V("MA206", "MA207"), expiry_capture_ends},
    {"session-timeout",
     "No keep-alive after PLAY; the camera drops the session and its media 60.8 s later; the "
     "client's GET_PARAMETER 8 s after that gets 454, capture ends 10 s after the media",
     V("MA106", "MA108", "MA312"), session_timeout},
    {"mid-stream-start",
     "Capture starts after PLAY: media and RTCP only, no word of RTSP: static multicast that "
     "nobody joined in the capture (MA220), not \"negotiated before the capture\" (MA105 needs "
     "an RTSP message naming a session)",
     V("MA220"), mid_stream_start},
    {"tcp-interleaved-media",
     "SETUP asks and gets RTP/AVP/TCP interleaved=0-1: 5 s of H.264 in $ frames on "
     "channel 0 with two bursts of 3..6 packets the camera dropped, SRs on channel 1",
     V("MA307"), tcp_interleaved_media},
    {"transport-malformed",
     "SETUP answered 200 with Transport \"...;port=8860-8861;ttl=\" (empty ttl): "
     "reported as a parse error at byte 65, not as unicast; the camera's stream "
     "to the group is listed, not called negotiated before the capture",
     V("MA120"), transport_malformed},
    {"receiver-rtcp",
     "The client sends RTCP receiver reports (RR + SDES) from the group's RTCP port 8861 to it "
     "every 5 s (RFC 3550 6) over 12 s of media, reporting the 2 % random loss it sees: its "
     "RTCP, not a stray",
     V("MA307"), receiver_rtcp},
    {"receiver-startup",
     "The client sends 5 datagrams of random bytes from its RTP port 8860 to the group right "
     "after the PLAY reply (GStreamer's rtspsrc opening firewalls): start-up datagrams, not "
     "media from another source",
     NONE, receiver_startup},
    {"ssrc-change",
     "The camera's RTP sender restarts 2.5 s into the media: new SSRC, sequence and timestamp "
     "300 ms later on the same group and port",
     V("MA341"), ssrc_change},
    {"lan-no-media",
     "Office LAN, no stream: an FTP login beside LLMNR queries (IPv4 and IPv6, each "
     "retransmitted, ids that parse as RTP), mDNS, SSDP, DNS, NTP and a 0x80 heartbeat: "
     "no media: nothing to audit (MA920, so a gate fails); 13 UDP flows counted, "
     "not listed",
     V("MA920"), lan_no_media},
    {"unicast-rtcp",
     "Unicast asked and answered (client_port 51372-51373, server_port 8214-8215): 12 s of "
     "H.264 to the client with SRs, the client's receiver reports from 51373 to the "
     "server's 8215 every 5 s: tied to the session's track as receiver RTCP",
     NONE, unicast_rtcp},
    {"unicast-no-signalling",
     "A phone call's media without its signalling: PCMU both ways between 10.9.97.30:40000 "
     "and 10.9.97.31:50000 every 20 ms for 6 s, one way losing a burst of 3; a DNS query and an "
     "NTP "
     "exchange beside it: two validated RTP flows tied to no session, the rest counted; the "
     "lossy one judged by the session rules that need no SETUP (MA307)",
     V("MA307"), unicast_no_signalling},
    {"link-pppoe",
     "The seed session in PPPoE session frames (ethertype 0x8864, PPP protocol 0x0021)", V("MA202"),
     link_pppoe},
    {"link-ppp", "The seed session over PPP (DLT_PPP, ff 03 then protocol 0x0021)", V("MA202"),
     link_ppp},
    {"link-nflog", "The seed session as Linux NFLOG logged it (DLT_NFLOG, packet in NFULA_PAYLOAD)",
     V("MA202"), link_nflog},
    {"link-wlan", "The seed session over 802.11 (DLT_IEEE802_11, QoS data, LLC/SNAP)", V("MA202"),
     link_wlan},
    {"link-radiotap",
     "The seed session over 802.11 behind a radiotap header (DLT_IEEE802_11_RADIO)", V("MA202"),
     link_radiotap},
    {"link-vxlan",
     "The seed session's Ethernet frames inside VXLAN (UDP 4789, VNI 100) between two VTEPs",
     V("MA202"), link_vxlan},
    {"link-gre", "The seed session's Ethernet frames over GRE (IP protocol 47, type 0x6558)",
     V("MA202"), link_gre},
    {"mpegts-rtp",
     "The clean session carrying MPEG-TS over RTP (PT 33, MP2T/90000 in the SDP): 7 TS "
     "packets per datagram every 10 ms, PAT and PMT every 100 ms; two bursts of 1..2 "
     "datagrams lost: RTP loss and the TS continuity-counter errors it causes",
     V("MA307", "MA315"), mpegts_rtp},
    {"mpegts-fec",
     "mpegts-rtp's session with SMPTE 2022-1 FEC (L 5 columns x D 4 rows, FEC payload type 96, "
     "SSRC 0): column FEC to port + 2 (125 sent, 1 lost), row FEC to port + 4 (100 sent, 2 "
     "lost), tied to the media flow as its FEC, not a session or unrelated UDP",
     V("MA307", "MA315"), mpegts_fec},
    {"mpegts-udp",
     "IPTV: MPEG-TS straight in UDP to 239.1.2.3:1234 (7 x 188 bytes every 10 ms, no RTP, no "
     "RTSP), a viewer's IGMPv3 join; 4 datagrams lost (loss only the continuity counters "
     "show) and no PAT/PMT for 0.9 s",
     V("MA315", "MA316", "MA317"), mpegts_udp},
    {"static-multicast",
     "No RTSP: a head-end sends MPEG-TS over RTP to 239.1.1.10:5004 from 35 ms after the first "
     "join; viewers 10.9.97.41 (IGMPv3) and 10.9.97.42 (IGMPv2) join and each leaves while it "
     "flows; it goes on 2.5 s after the last leave; one burst of 2 packets lost (14 TS packets by "
     "the counters); IGMPv3 querier",
     V("MA208", "MA221", "MA222", "MA307", "MA315"), gen_static_multicast},
    {"static-expiry",
     "No RTSP, no querier: one IGMPv3 viewer of 239.1.1.20, PCMU from the head-end 650 ms after "
     "its join (slow zap); its membership ages out and the stream stops 260.9 s after its only "
     "report; capture goes on 10 s",
     V("MA206", "MA223", "MA360"), gen_static_expiry},
    {"sdp-ssm-mismatch",
     "No RTSP, audited with the SDP file beside it (`mcast-audit --sdp sdp-ssm-mismatch.sdp`): "
     "its a=source-filter names 10.9.97.81 as the source of 232.1.1.30:5004 (PCMU as PT 97, "
     "TTL 32); viewer 10.9.97.42 joins (IGMPv3 INCLUDE 10.9.97.81) and 10.9.97.80 sends the "
     "stream, 400 packets in 8 s",
     V("MA239", "MA368"), gen_sdp_ssm_mismatch},
    {"sap-announced",
     "No RTSP: 10.9.97.80 announces PCMU (PT 97, TTL 32) to 239.1.1.40:5004 by SAP (RFC 2974, "
     "224.2.127.254:9875, msg id hash 0x5a17) every 5 s, 4 times, deletes the announcement at "
     "17.5 s and sends on until 20 s; viewer 10.9.97.42 joins (IGMPv3) before the first packet",
     V("MA369"), gen_sap_announced},
    {"sap-announced-ipv6",
     "sap-announced over IPv6 (RFC 2974 3): 2001:db8:97::80 announces PCMU (PT 97, no TTL in "
     "IPv6 SDP) to [ff15::1:40]:5004 on the site-local SAP group [ff05::2:7ffe]:9875 (IPv6 "
     "originating source, msg id hash 0x5a17) every 5 s, 4 times, deletes it at 17.5 s and "
     "sends on until 20 s; viewer fe80::42 joins (MLDv2) before the first packet",
     V("MA369"), gen_sap_announced_ipv6},
};

const gen_scenario *gen_scenarios(gsize *n)
{
    *n = G_N_ELEMENTS(scenarios);
    return scenarios;
}

gboolean gen_scenario_is_bench(const gen_scenario *sc)
{
    gsize n;
    const gen_scenario *bench = gen_bench_scenarios(&n);
    return sc >= bench && sc < bench + n;
}

const gen_scenario *gen_scenario_find(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(scenarios); i++)
        if (g_strcmp0(scenarios[i].name, name) == 0)
            return &scenarios[i];
    gsize n;
    const gen_scenario *bench = gen_bench_scenarios(&n);
    for (gsize i = 0; i < n; i++)
        if (g_strcmp0(bench[i].name, name) == 0)
            return &bench[i];
    return NULL;
}
