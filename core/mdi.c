/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mdi.c - RFC 4445 Media Delivery Index: Delay Factor and Media Loss Rate.
 *
 * Per interval (the first starts at the first arrival), at each arrival i
 * at time Ti after the interval start, with Bi the bytes that arrived
 * before it in the interval and r the drain rate in bytes/s (RFC 4445 3.1):
 *   VB(i,pre)  = Bi - r Ti          VB(i,post) = VB(i,pre) + Si
 *   DF = (max VB - min VB) / r      (reported in ms)
 *   MLR = packets lost in the interval / interval length (RFC 4445 3.2; the
 *         caller counts a sequence hole when it is seen, so out-of-order
 *         packets count too, as the RFC asks).
 * With a nominal rate, r is known in advance.  With rate 0 we use the
 * interval's own mean rate, known only at its end; to stay O(1)-ish in
 * memory we keep only the upper convex hull of the points (Ti, Bi + Si) and
 * the lower hull of (Ti, Bi): max VB and min VB for any r lie on them.  For
 * a steady or bursty stream a hull holds a handful of points; it is capped
 * (thinned, approximately) at HULL_MAX.
 * The mean rate of a full interval is its bytes / its length.  The last,
 * partial interval uses its own length (first arrival .. last arrival of
 * the interval) and leaves out the last packet's bytes, whose drain time is
 * not seen yet: a constant-rate stream then gets the same rate in every
 * interval.  Reported: the maximum DF and the maximum MLR over intervals. */
#include "rtp_stats.h"

#define HULL_MAX 256

typedef struct {
    double x, y; /* seconds into the interval, bytes */
} pt;

/* A hull's points in time order.  Its own array rather than a GArray: every
 * packet pushes onto both hulls, and GArray's calls (set_size, append) were
 * most of the MDI's cost per packet.  Grows by doubling up to HULL_MAX. */
typedef struct {
    pt *p;
    guint len, cap;
} hull;

struct ma_mdi {
    gint64 interval_ns;
    double rate_bps;
    gboolean started;
    gint64 start_ns;    /* current interval start */
    gint64 last_ns;     /* last arrival in the current interval */
    double bytes;       /* bytes so far in the interval */
    double last_bytes;  /* size of the last packet */
    guint64 lost;       /* lost so far in the interval */
    guint packets;
    hull upper, lower;
    double df_max_ms, mlr_max;
    guint intervals;
    /* the last closed interval, for time series */
    gint64 last_start_ns;
    double last_df_ms, last_mlr;
};

ma_mdi *ma_mdi_new(gint64 interval_ns, double rate_bps)
{
    ma_mdi *m = g_new0(ma_mdi, 1);
    m->interval_ns = interval_ns > 0 ? interval_ns : 1000000000LL;
    m->rate_bps = rate_bps > 0 ? rate_bps : 0;
    return m;
}

void ma_mdi_free(ma_mdi *m)
{
    if (m == NULL)
        return;
    g_free(m->upper.p);
    g_free(m->lower.p);
    g_free(m);
}

static double cross(pt o, pt a, pt b)
{
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/* Keep every other interior point: an approximation, only for streams
 * whose arrival curve bends HULL_MAX times within one interval. */
static void thin(hull *h)
{
    guint j = 1;
    pt *p = h->p;
    for (guint i = 1; i + 1 < h->len; i += 2)
        p[j++] = p[i];
    p[j++] = p[h->len - 1];
    h->len = j;
}

/* Andrew's monotone chain, points in time order.  sign +1: upper hull
 * (drop non-clockwise turns), -1: lower hull. */
static void hull_push(hull *h, pt p, double sign)
{
    while (h->len >= 2) {
        if (sign * cross(h->p[h->len - 2], h->p[h->len - 1], p) < 0)
            break;
        h->len--;
    }
    if (h->len == h->cap) { /* never past HULL_MAX: thin() below keeps it under */
        h->cap = h->cap == 0 ? 8 : h->cap * 2;
        h->p = g_renew(pt, h->p, h->cap);
    }
    h->p[h->len++] = p;
    if (h->len >= HULL_MAX)
        thin(h);
}

/* want_max: max of (y - r x), else min. */
static double hull_extreme(const hull *h, double r, gboolean want_max)
{
    double sign = want_max ? 1.0 : -1.0;
    double best = 0;
    for (guint i = 0; i < h->len; i++) {
        const pt *p = &h->p[i];
        double v = p->y - r * p->x;
        if (i == 0 || sign * (v - best) > 0)
            best = v;
    }
    return best;
}

/* Fold one interval of length len_ns into the maxima; its DF (ms) is
 * remembered as the last one (-1 when the rate is unknown). */
static void close_interval(ma_mdi *m, gint64 len_ns, double rate_bytes)
{
    double len_s = (double)len_ns / 1e9;
    if (len_ns <= 0)
        len_s = (double)m->interval_ns / 1e9; /* one packet: nothing else to go by */
    if (m->packets == 0)
        return;
    m->intervals++;
    m->last_start_ns = m->start_ns;
    m->last_df_ms = -1;
    m->last_mlr = (double)m->lost / len_s;
    if (m->last_mlr > m->mlr_max)
        m->mlr_max = m->last_mlr;
    if (rate_bytes > 0) {
        double vb_max = hull_extreme(&m->upper, rate_bytes, TRUE);
        double vb_min = hull_extreme(&m->lower, rate_bytes, FALSE);
        double df = (vb_max - vb_min) / rate_bytes * 1000.0;
        m->last_df_ms = df;
        if (df > m->df_max_ms)
            m->df_max_ms = df;
    }
}

static void reset_interval(ma_mdi *m, gint64 start_ns)
{
    m->start_ns = start_ns;
    m->last_ns = start_ns;
    m->bytes = 0;
    m->last_bytes = 0;
    m->lost = 0;
    m->packets = 0;
    m->upper.len = 0;
    m->lower.len = 0;
}

void ma_mdi_add(ma_mdi *m, gint64 arrival_ns, gsize bytes, guint lost_before)
{
    pt pre, post;
    if (!m->started) {
        m->started = TRUE;
        reset_interval(m, arrival_ns);
    } else if (arrival_ns - m->start_ns >= m->interval_ns) {
        gint64 k = (arrival_ns - m->start_ns) / m->interval_ns;
        double r = m->rate_bps > 0 ? m->rate_bps / 8.0 : m->bytes / ((double)m->interval_ns / 1e9);
        close_interval(m, m->interval_ns, r);
        reset_interval(m, m->start_ns + k * m->interval_ns); /* empty intervals skipped */
    }
    /* A capture clock that steps back counts as the interval start. */
    pre.x = arrival_ns > m->start_ns ? (double)(arrival_ns - m->start_ns) / 1e9 : 0;
    pre.y = m->bytes;
    post.x = pre.x;
    post.y = m->bytes + (double)bytes;
    hull_push(&m->lower, pre, -1);
    hull_push(&m->upper, post, 1);
    m->bytes += (double)bytes;
    m->last_bytes = (double)bytes;
    m->lost += lost_before;
    m->packets++;
    if (arrival_ns > m->last_ns)
        m->last_ns = arrival_ns;
}

/* Three NULL-able outputs in the order RFC 4445 writes DF:MLR, then the rate;
 * the unit tests pin the order. */
/* A copy of m with the open interval closed as it stands (m stays const). */
static ma_mdi with_open_closed(const ma_mdi *m)
{
    ma_mdi tmp = *m;
    if (m->started && m->packets > 0) {
        gint64 len = m->last_ns - m->start_ns;
        double r = m->rate_bps / 8.0;
        if (m->rate_bps <= 0)
            r = len > 0 ? (m->bytes - m->last_bytes) / ((double)len / 1e9) : 0;
        close_interval(&tmp, len, r);
    }
    return tmp;
}

void ma_mdi_result(const ma_mdi *m, double *df_ms, double *mlr, double *rate_bps) // NOLINT(bugprone-easily-swappable-parameters)
{
    ma_mdi tmp = with_open_closed(m);
    if (df_ms)
        *df_ms = tmp.df_max_ms;
    if (mlr)
        *mlr = tmp.mlr_max;
    if (rate_bps)
        *rate_bps = m->rate_bps;
}

guint ma_mdi_intervals(const ma_mdi *m)
{
    return m->intervals + (m->started && m->packets > 0 ? 1u : 0u);
}

gboolean ma_mdi_last_interval(const ma_mdi *m, gboolean include_open, gint64 *start_ns, double *df_ms)
{
    ma_mdi tmp = include_open ? with_open_closed(m) : *m;
    if (tmp.intervals == 0)
        return FALSE;
    *start_ns = tmp.last_start_ns;
    *df_ms = tmp.last_df_ms;
    return TRUE;
}

gboolean ma_mdi_closed_interval(const ma_mdi *m, ma_mdi_interval *out)
{
    if (m == NULL || m->intervals == 0)
        return FALSE;
    out->start_ns = m->last_start_ns;
    out->df_ms = m->last_df_ms;
    out->mlr = m->last_mlr;
    out->closed = m->intervals;
    return TRUE;
}

gint64 ma_mdi_interval_ns(const ma_mdi *m)
{
    return m->interval_ns;
}
