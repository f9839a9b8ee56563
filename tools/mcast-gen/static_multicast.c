/* SPDX-License-Identifier: GPL-2.0-or-later */
/* static_multicast.c - multicast with no RTSP at all (issue 16): a head-end
 * sends RTP to a fixed group, receivers join and leave it with the
 * kernel's IGMP, a querier asks (or none does).  What the group-centric
 * audit judges: members, versions, zap time, leaves while media flows,
 * media after the last leave, membership expiry. */
#include "gen.h"

#define HEADEND_IP "10.9.97.80"
#define STATIC_PORT 5004

/* The head-end's RTP: MPEG-TS (PT 33) or sparse PCMU, t_start..t_stop. */
static void headend_rtp(gen_world *w, const char *group, gboolean audio, const gen_impair *imp,
                        guint64 t_start, guint64 t_stop)
{
    static const gen_ts_layout ts = {10, 0, 0};
    gen_host *he = gen_world_host(w, HEADEND_IP, 0x80);
    gen_rtp_cfg rc = {.audio = audio,
                      .pt = audio ? 0 : 33,
                      .clock = audio ? 8000 : 90000,
                      .ssrc = g_rand_int(w->rand),
                      .seq0 = (guint16)g_rand_int_range(w->rand, 0, 30000),
                      .ts0 = g_rand_int(w->rand),
                      .gop = 50,
                      .audio_interval_ms = 200,
                      .frame_overhead = 54,
                      .ts = audio ? NULL : &ts};
    gen_ip ip = {&w->link, he, gen_addr_parse(group), {0}, 16, FALSE};
    gen_dst_mac(&ip.dst, NULL, ip.dst_mac);
    gen_flow f = {.src = (char *)HEADEND_IP,
                  .dst = (char *)group,
                  .sport = STATIC_PORT,
                  .dport = STATIC_PORT,
                  .channel = -1,
                  .ssrc = rc.ssrc,
                  .payload_type = rc.pt,
                  .ttl = 16,
                  .ts = rc.ts,
                  .ts_seq0 = rc.seq0};
    int flow = gen_capture_add_flow(w->cap, &f);
    GArray *pkts = gen_rtp_schedule(&rc, w->rand, t_start, t_stop);
    if (imp != NULL)
        gen_impair_apply(imp, w->rand, pkts);
    gen_rtp_emit(w->cap, flow, &ip, STATIC_PORT, STATIC_PORT, &rc, pkts);
    g_array_unref(pkts);
    if (t_stop > w->t_end)
        w->t_end = t_stop;
}

static gen_member *add_member(gen_world *w, const char *host, guint8 mac, gen_join how,
                              const char *group, guint64 t_join, guint64 t_leave)
{
    gen_member m = {gen_world_host(w, host, mac), how, gen_addr_parse(group), {0}, t_join, t_leave};
    g_array_append_val(w->members, m);
    gen_member *p = &g_array_index(w->members, gen_member, w->members->len - 1);
    gen_member_join(w->cap, &w->link, p, t_join);
    if (t_leave != G_MAXUINT64)
        gen_member_leave(w->cap, &w->link, p, t_leave);
    return p;
}

/* Two viewers of 239.1.1.10 (IGMPv3 and IGMPv2), an IGMPv3 querier: the
 * first join pulls the stream 35 ms later (zap time), the second comes
 * while it flows; each leaves while it flows; the stream goes on 2.5 s
 * after the last leave; one burst of 2 packets lost. */
void gen_static_multicast(gen_world *w)
{
    const char *group = "239.1.1.10";
    guint64 t0 = GEN_EPOCH_US;
    add_member(w, "10.9.97.41", 0x41, GEN_JOIN_V3, group, t0 + GEN_MS(500), t0 + GEN_MS(4000));
    add_member(w, "10.9.97.42", 0x42, GEN_JOIN_V2, group, t0 + GEN_MS(2000), t0 + GEN_MS(6000));
    /* 2 datagrams: 14 video TS packets, which the 4-bit counters still see */
    gen_impair loss = {.bursts = 1, .burst_min = 2, .burst_max = 2};
    headend_rtp(w, group, FALSE, &loss, t0 + GEN_MS(535), t0 + GEN_MS(8500));
    gen_host *q = gen_world_host(w, "10.9.97.1", 0x01);
    gen_querier_run(w->cap, &w->link, q, GEN_QUERIER_V3, w->rand, w->members, t0 + GEN_MS(1500),
                    t0 + GEN_MS(8500));
}

/* One viewer of 239.1.1.20, no querier: the stream comes 650 ms after the
 * join (a slow zap), and stops 260.9 s after the viewer's only report when
 * its membership ages out; the capture goes on 10 s (a DNS lookup and an
 * NTP exchange at its end). */
void gen_static_expiry(gen_world *w)
{
    const char *group = "239.1.1.20";
    guint64 t0 = GEN_EPOCH_US, join = t0 + GEN_MS(100);
    add_member(w, "10.9.97.42", 0x42, GEN_JOIN_V3, group, join, G_MAXUINT64);
    headend_rtp(w, group, TRUE, NULL, join + GEN_MS(650), join + GEN_MS(260900));
    gen_lan_noise_dns_ntp(w, join + GEN_MS(270900));
}
