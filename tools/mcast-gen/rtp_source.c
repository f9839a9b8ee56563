/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_source.c - a camera-like RTP sender (RFC 3550/6184): H.264 at 90 kHz,
 * 25 frames/s, marker on each frame's last packet, a key frame every `gop`
 * frames sent as a burst of near-MTU FU-A fragments, small P frames; or a
 * sparse PCMU stream for long captures.  RTCP sender reports go to port+1. */
#include "gen.h"

#include <string.h>

/* Payload shapes, so the bytes look like H.264 to a dissector. */
enum { KIND_SINGLE_P = 0, KIND_FU_START, KIND_FU_MID, KIND_FU_END, KIND_AUDIO, KIND_TS };

#define FRAME_US (1000000u / GEN_VIDEO_FPS)
#define FRAME_TICKS (90000u / GEN_VIDEO_FPS) /* H.264's 90 kHz RTP clock */
#define MAX_PAYLOAD 1428u      /* 1482-byte Ethernet frames, as the seed camera sends */

typedef struct {
    GArray *out;
    const gen_rtp_cfg *cfg;
    guint32 index;
    guint64 t_start, t_end; /* the media window [t_start, t_end) */
} sched;

static void add(sched *s, guint64 t, guint32 ts, guint len, guint8 kind, gboolean marker)
{
    gen_rtp_pkt p = { t, (guint32)s->cfg->seq0 + s->index++, ts, (guint16)len, kind, marker };
    g_array_append_val(s->out, p);
}

/* One frame of `bytes` payload split into packets sent back to back. */
static void add_frame(sched *s, GRand *rand, guint64 t, guint32 ts, guint bytes, gboolean key)
{
    if (bytes <= MAX_PAYLOAD && !key) {
        add(s, t, ts, bytes, KIND_SINGLE_P, TRUE);
        return;
    }
    guint left = bytes;
    gboolean first = TRUE;
    while (left > 0) {
        guint n = MIN(left, MAX_PAYLOAD);
        left -= n;
        add(s, t, ts, n, first ? KIND_FU_START : left ? KIND_FU_MID : KIND_FU_END, left == 0);
        first = FALSE;
        t += (guint64)g_rand_int_range(rand, 60, 180); /* packets of a burst: 60..180 us apart */
    }
}

/* P-frame payload: mostly small, sometimes a few packets. */
static guint p_frame_bytes(GRand *rand)
{
    gint32 r = g_rand_int_range(rand, 0, 100);
    if (r < 70)
        return (guint)g_rand_int_range(rand, 60, 400) - 54u;
    if (r < 95)
        return (guint)g_rand_int_range(rand, 400, 1500) - 54u;
    return (guint)g_rand_int_range(rand, 1500, 4000);
}

static void schedule_video(sched *s, GRand *rand)
{
    const gen_rtp_cfg *c = s->cfg;
    guint frame = 0;
    for (guint64 t = s->t_start; t < s->t_end; t += FRAME_US, frame++) {
        guint32 ts = c->ts0 + frame * FRAME_TICKS;
        if (frame < c->n_opening) {
            add(s, t, ts, c->opening[frame] - c->frame_overhead, KIND_SINGLE_P, TRUE);
            continue;
        }
        gboolean key = (frame - c->n_opening) % (c->gop ? c->gop : 50) == 0;
        guint bytes = key ? (guint)g_rand_int_range(rand, 36, 48) * MAX_PAYLOAD +
                                (guint)g_rand_int_range(rand, 100, 1400)
                          : p_frame_bytes(rand);
        add_frame(s, rand, t, ts, bytes, key);
    }
}

static void schedule_audio(sched *s)
{
    const gen_rtp_cfg *c = s->cfg;
    guint ms = c->audio_interval_ms ? c->audio_interval_ms : 200;
    guint n = 0;
    for (guint64 t = s->t_start; t < s->t_end; t += GEN_MS(ms), n++)
        add(s, t, c->ts0 + n * ms * (c->clock / 1000u), 80, KIND_AUDIO, n == 0);
}

/* RFC 2250: a constant-rate TS, 7 packets per datagram; the timestamp is
 * the 90 kHz clock of the sending time. */
static void schedule_ts(sched *s)
{
    guint n = 0;
    for (guint64 t = s->t_start; t < s->t_end; t += GEN_TS_INTERVAL_US, n++)
        add(s, t, s->cfg->ts0 + n * (GEN_TS_INTERVAL_US * 90u / 1000u), GEN_TS_PER_DATAGRAM * 188u,
            KIND_TS, FALSE);
}

GArray *gen_rtp_schedule(const gen_rtp_cfg *cfg, GRand *rand, guint64 t_start, guint64 t_end)
{
    /* The window travels in the struct, by name, not as two adjacent guint64s. */
    sched s = { .out = g_array_new(FALSE, FALSE, sizeof(gen_rtp_pkt)), .cfg = cfg,
                .t_start = t_start, .t_end = t_end };
    if (cfg->ts != NULL)
        schedule_ts(&s);
    else if (cfg->audio)
        schedule_audio(&s);
    else
        schedule_video(&s, rand);
    return s.out;
}

/* H.264 bytes: a NAL/FU header, then filler without 00 00 sequences.  The
 * filler depends only on the sequence number, so a duplicate is a true copy. */
static void fill_payload(guint8 *p, guint len, guint8 kind, guint32 seed)
{
    guint32 x = seed * 2654435761u + 1u;
    for (guint i = 0; i < len; i++) {
        x = x * 1664525u + 1013904223u;
        p[i] = (guint8)((x >> 24) | 0x01);
    }
    if (kind == KIND_AUDIO) {
        memset(p, 0xff, len); /* mu-law silence */
        return;
    }
    if (len < 3)
        return;
    switch (kind) {
    case KIND_SINGLE_P: p[0] = 0x41; p[1] = 0x9a; break;           /* non-IDR slice */
    case KIND_FU_START: p[0] = 0x7c; p[1] = 0x85; p[2] = 0x88; break; /* FU-A, S, IDR */
    case KIND_FU_MID: p[0] = 0x7c; p[1] = 0x05; break;
    case KIND_FU_END: p[0] = 0x7c; p[1] = 0x45; break;             /* FU-A, E, IDR */
    default: break;
    }
}

gsize gen_rtp_bytes(const gen_rtp_cfg *cfg, const gen_rtp_pkt *p, guint8 buf[GEN_RTP_MAX])
{
    guint len = MIN(p->len, (guint)GEN_RTP_MAX - 12);
    guint16 seq = (guint16)p->ext_seq;
    buf[0] = 0x80;
    buf[1] = (guint8)((p->marker ? 0x80 : 0) | cfg->pt);
    buf[2] = (guint8)(seq >> 8);
    buf[3] = (guint8)seq;
    buf[4] = (guint8)(p->ts >> 24);
    buf[5] = (guint8)(p->ts >> 16);
    buf[6] = (guint8)(p->ts >> 8);
    buf[7] = (guint8)p->ts;
    buf[8] = (guint8)(cfg->ssrc >> 24);
    buf[9] = (guint8)(cfg->ssrc >> 16);
    buf[10] = (guint8)(cfg->ssrc >> 8);
    buf[11] = (guint8)cfg->ssrc;
    if (p->kind == KIND_TS && cfg->ts != NULL && len >= GEN_TS_PER_DATAGRAM * 188u)
        return 12u + gen_ts_datagram(cfg->ts, p->ext_seq - cfg->seq0, buf + 12);
    fill_payload(buf + 12, len, p->kind, p->ext_seq ^ cfg->ssrc);
    return 12u + len;
}

void gen_rtp_emit(gen_capture *cap, int flow, const gen_ip *ip, guint16 sport, guint16 dport,
                  const gen_rtp_cfg *cfg, const GArray *pkts)
{
    guint8 buf[GEN_RTP_MAX];
    for (guint i = 0; i < pkts->len; i++) {
        const gen_rtp_pkt *p = &g_array_index(pkts, gen_rtp_pkt, i);
        gsize n = gen_rtp_bytes(cfg, p, buf);
        gen_capture_add(cap, p->t_us, gen_frame_udp(ip, sport, dport, buf, n), flow, p->ext_seq);
    }
}

static void put32(guint8 *p, guint32 v)
{
    p[0] = (guint8)(v >> 24); p[1] = (guint8)(v >> 16); p[2] = (guint8)(v >> 8); p[3] = (guint8)v;
}

gsize gen_rtcp_sr_bytes(const gen_rtp_cfg *cfg, const GArray *sent, guint64 t_start, guint64 t,
                        guint8 b[64])
{
    guint32 packets = 0, octets = 0;
    for (guint i = 0; i < sent->len; i++) {
        const gen_rtp_pkt *p = &g_array_index(sent, gen_rtp_pkt, i);
        if (p->t_us >= t)
            break;
        packets++;
        octets += p->len;
    }
    memset(b, 0, 64);
    /* SR: V=2 RC=0 PT=200 length 6 words. */
    b[0] = 0x80; b[1] = 200; b[2] = 0; b[3] = 6;
    put32(b + 4, cfg->ssrc);
    guint64 unix_s = t / G_USEC_PER_SEC, us = t % G_USEC_PER_SEC;
    put32(b + 8, (guint32)(unix_s + G_GUINT64_CONSTANT(2208988800))); /* NTP era 0 */
    put32(b + 12, (guint32)((us << 32) / G_USEC_PER_SEC));
    put32(b + 16, cfg->ts0 + (guint32)((t - t_start) * cfg->clock / G_USEC_PER_SEC));
    put32(b + 20, packets);
    put32(b + 24, octets);
    /* SDES with one CNAME chunk, padded to a word boundary. */
    static const char cname[] = "camera";
    gsize clen = sizeof cname - 1;
    gsize chunk = 4 + 2 + clen + 1;            /* ssrc, type+len, text, END */
    gsize padded = (chunk + 3) & ~(gsize)3;
    b[28] = 0x81; b[29] = 202; b[30] = 0; b[31] = (guint8)(padded / 4);
    put32(b + 32, cfg->ssrc);
    b[36] = 1; b[37] = (guint8)clen;
    memcpy(b + 38, cname, clen);
    return 32 + padded;
}

void gen_rtcp_emit_sr(gen_capture *cap, int flow, const gen_ip *ip, guint16 sport, guint16 dport,
                      const gen_rtp_cfg *cfg, const GArray *sent, guint64 t_start, guint64 t)
{
    guint8 b[64];
    gsize n = gen_rtcp_sr_bytes(cfg, sent, t_start, t, b);
    gen_capture_add(cap, t, gen_frame_udp(ip, sport, dport, b, n), flow, 0);
}

gsize gen_rtcp_rr_bytes(gen_rr_state *st, const gen_rtp_cfg *media, const GArray *wire, guint64 t,
                        gen_flow *truth, guint8 b[64])
{
    /* What reached the receiver before t: distinct sequence numbers and the
     * highest (the generator's ext_seq never wraps). */
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    guint32 lowest = G_MAXUINT32, highest = 0;
    for (guint i = 0; i < wire->len; i++) {
        const gen_rtp_pkt *p = &g_array_index(wire, gen_rtp_pkt, i);
        if (p->t_us >= t)
            continue;
        g_hash_table_add(seen, GUINT_TO_POINTER(p->ext_seq));
        lowest = MIN(lowest, p->ext_seq);
        highest = MAX(highest, p->ext_seq);
    }
    guint32 received = g_hash_table_size(seen);
    g_hash_table_destroy(seen);
    guint32 expected = received > 0 ? highest - lowest + 1 : 0;
    gint32 cumulative = (gint32)(expected - received);
    /* RFC 3550 A.3: the fraction of the interval's expected packets lost */
    guint32 exp_int = expected - st->prev_expected, rec_int = received - st->prev_received;
    guint8 fraction =
        exp_int > 0 && exp_int > rec_int ? (guint8)(((exp_int - rec_int) << 8) / exp_int) : 0;
    st->prev_expected = expected;
    st->prev_received = received;
    memset(b, 0, 64);
    /* RR: V=2 RC=1 PT=201 length 7 words, one report block. */
    b[0] = 0x81;
    b[1] = 201;
    b[2] = 0;
    b[3] = 7;
    put32(b + 4, st->ssrc);
    put32(b + 8, media->ssrc);
    b[12] = fraction;
    b[13] = (guint8)((guint32)cumulative >> 16);
    b[14] = (guint8)((guint32)cumulative >> 8);
    b[15] = (guint8)cumulative;
    put32(b + 16, received > 0 ? (guint32)(guint16)highest : 0); /* no cycles in 5 s */
    put32(b + 20, st->jitter);
    /* LSR, DLSR 0: no SR received yet as far as this report tells */
    static const char cname[] = "client";
    gsize clen = sizeof cname - 1;
    gsize chunk = 4 + 2 + clen + 1;
    gsize padded = (chunk + 3) & ~(gsize)3;
    b[32] = 0x81;
    b[33] = 202;
    b[34] = 0;
    b[35] = (guint8)(padded / 4);
    put32(b + 36, st->ssrc);
    b[40] = 1;
    b[41] = (guint8)clen;
    memcpy(b + 42, cname, clen);
    truth->rr_reports++;
    truth->rr_fraction_lost_last = fraction;
    truth->rr_cumulative_lost_last = cumulative;
    truth->rr_jitter_last = st->jitter;
    truth->rr_clock = media->clock;
    return 36 + padded;
}
