/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mpegts_mux.c - an IPTV-like MPEG-2 transport stream (ISO/IEC 13818-1):
 * datagrams of 7 x 188-byte packets, a PAT (PID 0) and a PMT (PID 0x100)
 * at the front of every psi_every-th datagram (except in a PSI gap), H.264
 * video on PID 0x101 otherwise.  A datagram's bytes depend only on its index,
 * so a dropped datagram leaves a continuity-counter gap in the next ones
 * exactly as on a real network.  The truth (gen_ts_truth) is counted from
 * the datagram indices written: for each PID, the packets in the datagrams
 * between two written ones are what the counters must report missing. */
#include "gen.h"

#include <string.h>

#define TS 188u
#define PAT_PID 0x0000u
#define PMT_PID 0x0100u
#define VIDEO_PID 0x0101u

gboolean gen_ts_is_psi(const gen_ts_layout *l, guint i)
{
    return i % l->psi_every == 0 && !(i >= l->gap_from && i < l->gap_to);
}

/* Multiples of k in [0, n). */
static guint multiples_below(guint n, guint k)
{
    return (n + k - 1) / k;
}

/* PSI datagrams before datagram i. */
static guint psi_before(const gen_ts_layout *l, guint i)
{
    guint n = multiples_below(i, l->psi_every);
    if (l->gap_to > l->gap_from && i > l->gap_from) {
        guint to = MIN(i, l->gap_to);
        n -= multiples_below(to, l->psi_every) - multiples_below(l->gap_from, l->psi_every);
    }
    return n;
}

/* CRC-32/MPEG-2 (13818-1 annex A): poly 0x04c11db7, init all ones, no reflection. */
static guint32 crc32_mpeg(const guint8 *p, gsize n)
{
    guint32 crc = 0xffffffffu;
    for (gsize i = 0; i < n; i++) {
        crc ^= (guint32)p[i] << 24;
        for (int b = 0; b < 8; b++)
            crc = (crc & 0x80000000u) ? (crc << 1) ^ 0x04c11db7u : crc << 1;
    }
    return crc;
}

static void header(guint8 *p, guint pid, gboolean pusi, guint cc)
{
    memset(p, 0xff, TS);
    p[0] = 0x47;
    p[1] = (guint8)((pusi ? 0x40 : 0) | (pid >> 8));
    p[2] = (guint8)pid;
    p[3] = (guint8)(0x10 | (cc & 0x0f)); /* payload only */
}

static void section(guint8 *p, const guint8 *sec, gsize n)
{
    p[4] = 0; /* pointer field */
    memcpy(p + 5, sec, n);
    guint32 crc = crc32_mpeg(sec, n);
    p[5 + n] = (guint8)(crc >> 24);
    p[6 + n] = (guint8)(crc >> 16);
    p[7 + n] = (guint8)(crc >> 8);
    p[8 + n] = (guint8)crc;
}

static void pat(guint8 *p, guint cc)
{
    static const guint8 sec[] = {
        0x00,          0xb0, 0x0d, 0x00, 0x01, 0xc1, 0x00, 0x00, 0x00, 0x01, 0xe0 | (PMT_PID >> 8),
        PMT_PID & 0xff};
    header(p, PAT_PID, TRUE, cc);
    section(p, sec, sizeof sec);
}

static void pmt(guint8 *p, guint cc)
{
    static const guint8 sec[] = {0x02,
                                 0xb0,
                                 0x12,
                                 0x00,
                                 0x01,
                                 0xc1,
                                 0x00,
                                 0x00,
                                 0xe0 | (VIDEO_PID >> 8),
                                 VIDEO_PID & 0xff,
                                 0xf0,
                                 0x00,
                                 0x1b,
                                 0xe0 | (VIDEO_PID >> 8),
                                 VIDEO_PID & 0xff,
                                 0xf0,
                                 0x00};
    header(p, PMT_PID, TRUE, cc);
    section(p, sec, sizeof sec);
}

gsize gen_ts_datagram(const gen_ts_layout *l, guint i, guint8 *buf)
{
    guint psi = psi_before(l, i);
    guint video = GEN_TS_PER_DATAGRAM * i - 2u * psi; /* video packets before this datagram */
    guint k = 0;
    if (gen_ts_is_psi(l, i)) {
        pat(buf, psi);
        pmt(buf + TS, psi);
        k = 2;
    }
    for (; k < GEN_TS_PER_DATAGRAM; k++, video++) {
        guint8 *p = buf + (gsize)k * TS;
        header(p, VIDEO_PID, FALSE, video);
        for (guint j = 4; j < TS; j++) /* filler that is not a start code */
            p[j] = (guint8)((video * 7u + j) | 0x01u);
    }
    return (gsize)GEN_TS_PER_DATAGRAM * TS;
}

void gen_ts_truth_add(gen_ts_truth *t, const gen_ts_layout *l, guint i, guint64 t_us)
{
    gboolean psi = gen_ts_is_psi(l, i);
    t->packets += GEN_TS_PER_DATAGRAM;
    if (!t->any) {
        t->any = TRUE;
        t->first_us = t->last_psi_us = t_us;
    } else if (i > t->last_index + 1) {
        guint psi_missed = psi_before(l, i) - psi_before(l, t->last_index + 1);
        guint video_missed = GEN_TS_PER_DATAGRAM * (i - t->last_index - 1) - 2u * psi_missed;
        /* a PID's gap shows at its next packet: video is in every datagram,
         * PAT and PMT only in PSI datagrams */
        if (video_missed > 0) {
            t->cc_errors++;
            t->cc_lost += video_missed;
        }
        t->psi_missed += psi_missed;
    }
    if (psi) {
        if (t->psi_missed > 0) {
            t->cc_errors += 2; /* PAT and PMT */
            t->cc_lost += 2u * t->psi_missed;
            t->psi_missed = 0;
        }
        t->psi_sections++;
        double gap = (double)(t_us - t->last_psi_us) / 1000.0;
        if (gap > t->psi_interval_max_ms)
            t->psi_interval_max_ms = gap;
        t->last_psi_us = t_us;
    }
    t->last_index = i;
    t->last_us = t_us;
}

void gen_ts_truth_finish(gen_ts_truth *t)
{
    double tail = (double)(t->last_us - t->last_psi_us) / 1000.0;
    if (tail > t->psi_interval_max_ms)
        t->psi_interval_max_ms = tail;
}
