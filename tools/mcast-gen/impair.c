/* SPDX-License-Identifier: GPL-2.0-or-later */
/* impair.c - network impairments on an RTP send schedule: random and burst
 * loss, duplicates, reordering and delay jitter.  The generator does not keep
 * its own tally here: the capture counts lost/duplicates/reordered from the
 * packets as finally written, so the truth is exact by construction. */
#include "gen.h"

static gboolean chance(GRand *rand, double pct)
{
    return pct > 0.0 && g_rand_double(rand) * 100.0 < pct;
}

/* Drops packets; index 0 and the last one always survive so that the
 * flow's first and last sequence numbers stay those the camera sent. */
static void apply_loss(const gen_impair *imp, GRand *rand, GArray *pkts)
{
    guint n = pkts->len;
    if (n < 4)
        return;
    gboolean *drop = g_new0(gboolean, n);
    for (guint i = 1; i + 1 < n; i++)
        drop[i] = chance(rand, imp->loss_pct);
    for (guint b = 0; b < imp->bursts; b++) {
        guint len = (guint)g_rand_int_range(rand, (gint32)imp->burst_min, (gint32)imp->burst_max + 1);
        guint start = (guint)g_rand_int_range(rand, 1, (gint32)(n - 1 - MIN(len, n - 2)));
        for (guint i = start; i < start + len && i + 1 < n; i++)
            drop[i] = TRUE;
    }
    for (guint i = n; i-- > 0;)
        if (drop[i])
            g_array_remove_index(pkts, i);
    g_free(drop);
}

/* Delays whole frames (all packets with one timestamp) by 0..max ms, then
 * keeps arrival order: a queue may delay, not overtake. */
static void apply_jitter(const gen_impair *imp, GRand *rand, GArray *pkts)
{
    if (!imp->jitter_max_ms)
        return;
    guint64 prev = 0, delay = 0;
    guint32 prev_ts = 0;
    for (guint i = 0; i < pkts->len; i++) {
        gen_rtp_pkt *p = &g_array_index(pkts, gen_rtp_pkt, i);
        if (i == 0 || p->ts != prev_ts)
            delay = (guint64)g_rand_int_range(rand, 0, (gint32)imp->jitter_max_ms * 1000 + 1);
        prev_ts = p->ts;
        p->t_us += delay;
        if (i > 0 && p->t_us <= prev)
            p->t_us = prev + 20;
        prev = p->t_us;
    }
}

/* Moves a packet just behind its 1st..3rd successor. */
static void apply_reorder(const gen_impair *imp, GRand *rand, GArray *pkts)
{
    if (imp->reorder_pct <= 0.0)
        return;
    for (guint i = 1; i + 4 < pkts->len; i++) {
        if (!chance(rand, imp->reorder_pct))
            continue;
        guint k = (guint)g_rand_int_range(rand, 1, 4);
        gen_rtp_pkt *p = &g_array_index(pkts, gen_rtp_pkt, i);
        p->t_us = g_array_index(pkts, gen_rtp_pkt, i + k).t_us + 25;
        i += k; /* do not move a packet we already passed */
    }
}

/* Appends copies arriving 30..400 us after their original. */
static void apply_duplicates(const gen_impair *imp, GRand *rand, GArray *pkts)
{
    if (imp->dup_pct <= 0.0)
        return;
    guint n = pkts->len;
    for (guint i = 0; i < n; i++) {
        if (!chance(rand, imp->dup_pct))
            continue;
        gen_rtp_pkt copy = g_array_index(pkts, gen_rtp_pkt, i);
        copy.t_us += (guint64)g_rand_int_range(rand, 30, 401);
        g_array_append_val(pkts, copy);
    }
}

void gen_impair_apply(const gen_impair *imp, GRand *rand, GArray *pkts)
{
    if (!imp)
        return;
    apply_loss(imp, rand, pkts);
    apply_jitter(imp, rand, pkts);
    apply_reorder(imp, rand, pkts);
    apply_duplicates(imp, rand, pkts);
}
