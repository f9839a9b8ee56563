/* SPDX-License-Identifier: GPL-2.0-or-later */
/* described.c - streams an SDP describes without RTSP (issue 16): an SDP
 * file shipped beside the capture (mcast-audit --sdp) or, later, SAP
 * announcements in it.  The SDP text is written here, from the same
 * addresses the packets use, so the two cannot drift apart. */
#include "gen.h"

#define DESCRIBED_SENDER_IP "10.9.97.80" /* who really sends */
#define DESCRIBED_SOURCE_IP "10.9.97.81" /* who the SDP's a=source-filter names */
#define DESCRIBED_VIEWER_IP "10.9.97.42"
#define DESCRIBED_PORT 5004
#define DESCRIBED_PT 97 /* dynamic: only the a=rtpmap gives its 8 kHz clock */
#define DESCRIBED_TTL 32

/* PCMU every 20 ms from src to group:DESCRIBED_PORT, t_start..t_stop. */
static void described_rtp(gen_world *w, const char *src, const char *group, guint64 t_start,
                          guint64 t_stop)
{
    gen_host *he = gen_world_host(w, src, 0x80);
    gen_rtp_cfg rc = {.audio = TRUE,
                      .pt = DESCRIBED_PT,
                      .clock = 8000,
                      .ssrc = g_rand_int(w->rand),
                      .seq0 = (guint16)g_rand_int_range(w->rand, 0, 30000),
                      .ts0 = g_rand_int(w->rand),
                      .gop = 50,
                      .audio_interval_ms = 20,
                      .frame_overhead = 54};
    gen_ip ip = {&w->link, he, gen_addr_parse(group), {0}, DESCRIBED_TTL, FALSE};
    gen_dst_mac(&ip.dst, NULL, ip.dst_mac);
    gen_flow f = {.src = (char *)src,
                  .dst = (char *)group,
                  .sport = DESCRIBED_PORT,
                  .dport = DESCRIBED_PORT,
                  .channel = -1,
                  .ssrc = rc.ssrc,
                  .payload_type = rc.pt,
                  .ttl = DESCRIBED_TTL};
    int flow = gen_capture_add_flow(w->cap, &f);
    GArray *pkts = gen_rtp_schedule(&rc, w->rand, t_start, t_stop);
    gen_rtp_emit(w->cap, flow, &ip, DESCRIBED_PORT, DESCRIBED_PORT, &rc, pkts);
    g_array_unref(pkts);
    if (t_stop > w->t_end)
        w->t_end = t_stop;
}

/* An ST 2110-style description (RFC 8866, a=source-filter RFC 4570). */
static char *described_sdp(const char *group, const char *source, const char *name)
{
    return g_strdup_printf("v=0\r\n"
                           "o=- 1 1 IN IP4 %s\r\n"
                           "s=%s\r\n"
                           "t=0 0\r\n"
                           "m=audio %d RTP/AVP %d\r\n"
                           "c=IN IP4 %s/%d\r\n"
                           "a=source-filter: incl IN IP4 %s %s\r\n"
                           "a=rtpmap:%d PCMU/8000\r\n"
                           "a=recvonly\r\n",
                           source, name, DESCRIBED_PORT, DESCRIBED_PT, group, DESCRIBED_TTL, group,
                           source, DESCRIBED_PT);
}

/* The SDP file names 10.9.97.81 as the SSM source of 232.1.1.30:5004; a
 * viewer joins with exactly that source; 10.9.97.80 sends the stream. */
void gen_sdp_ssm_mismatch(gen_world *w)
{
    const char *group = "232.1.1.30";
    guint64 t0 = GEN_EPOCH_US;
    gen_member m = {
        gen_world_host(w, DESCRIBED_VIEWER_IP, 0x42), GEN_JOIN_V3_INCLUDE, gen_addr_parse(group),
        gen_addr_parse(DESCRIBED_SOURCE_IP),          t0 + GEN_MS(100),    G_MAXUINT64};
    g_array_append_val(w->members, m);
    gen_member_join(w->cap, &w->link, &m, m.t_join);
    described_rtp(w, DESCRIBED_SENDER_IP, group, t0 + GEN_MS(150), t0 + GEN_MS(8150));
    w->sdp_text = described_sdp(group, DESCRIBED_SOURCE_IP, "studio 1 audio");
}
