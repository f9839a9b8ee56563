/* SPDX-License-Identifier: GPL-2.0-or-later */
/* flow_series.c - bounded per-flow time series (flow_series.h says why).
 * Adding is O(1) amortised: a merge halves the columns in use, and happens
 * at most log2(capture length / first width) times per flow. */
#include "flow_series.h"

#include <float.h>

struct ma_flow_series {
    gint64 origin_ns;
    gint64 width_ns;
    guint len;
    guint64 early;
    ma_series_col cols[MA_SERIES_COLUMNS];
};

void ma_series_col_init(ma_series_col *c)
{
    *c = (ma_series_col){0};
    c->jitter_min = c->gap_min = FLT_MAX;
    c->jitter_max = c->gap_max = -FLT_MAX;
    c->df_max = -1.0f;
    c->ttl_min = c->ttl_max = -1;
}

ma_flow_series *ma_flow_series_new(gint64 origin_ns)
{
    ma_flow_series *s = g_new0(ma_flow_series, 1);
    s->origin_ns = origin_ns;
    s->width_ns = MA_SERIES_FIRST_WIDTH_NS;
    for (guint i = 0; i < MA_SERIES_COLUMNS; i++)
        ma_series_col_init(&s->cols[i]);
    return s;
}

void ma_flow_series_free(ma_flow_series *s)
{
    g_free(s);
}

/* A TTL seen in the column (-1: none). */
static void widen_ttl(ma_series_col *c, gint16 ttl)
{
    if (ttl < 0)
        return;
    if (c->ttl_min < 0 || ttl < c->ttl_min)
        c->ttl_min = ttl;
    if (ttl > c->ttl_max)
        c->ttl_max = ttl;
}

void ma_series_col_merge(ma_series_col *into, const ma_series_col *b)
{
    into->packets += b->packets;
    into->lost += b->lost;
    into->burst_max = MAX(into->burst_max, b->burst_max);
    into->mdi_intervals += b->mdi_intervals;
    into->bytes += b->bytes;
    into->jitter_min = MIN(into->jitter_min, b->jitter_min);
    into->jitter_max = MAX(into->jitter_max, b->jitter_max);
    into->gap_min = MIN(into->gap_min, b->gap_min);
    into->gap_max = MAX(into->gap_max, b->gap_max);
    into->df_max = MAX(into->df_max, b->df_max);
    widen_ttl(into, b->ttl_min);
    widen_ttl(into, b->ttl_max);
}

/* Double the width: columns 2k and 2k+1 become column k. */
static void halve(ma_flow_series *s)
{
    guint n = 0;
    for (guint i = 0; i < s->len; i += 2, n++) {
        ma_series_col c = s->cols[i];
        if (i + 1 < s->len)
            ma_series_col_merge(&c, &s->cols[i + 1]);
        s->cols[n] = c;
    }
    for (guint i = n; i < s->len; i++)
        ma_series_col_init(&s->cols[i]);
    s->len = n;
    s->width_ns *= 2;
}

/* The column for time ns, widening as needed; grows len. */
static ma_series_col *col_at(ma_flow_series *s, gint64 ns)
{
    gint64 off = ns - s->origin_ns;
    if (off < 0) {
        s->early++;
        off = 0;
    }
    while (off / s->width_ns >= MA_SERIES_COLUMNS)
        halve(s);
    guint i = (guint)(off / s->width_ns);
    if (i >= s->len)
        s->len = i + 1;
    return &s->cols[i];
}

void ma_flow_series_add(ma_flow_series *s, const ma_series_sample *x)
{
    ma_series_col *c = col_at(s, x->arrival_ns);
    c->packets++;
    c->bytes += x->bytes;
    c->lost += x->holes;
    c->burst_max = MAX(c->burst_max, x->holes);
    if (x->jitter_ms >= 0) {
        c->jitter_min = MIN(c->jitter_min, (float)x->jitter_ms);
        c->jitter_max = MAX(c->jitter_max, (float)x->jitter_ms);
    }
    if (x->gap_ms >= 0) {
        c->gap_min = MIN(c->gap_min, (float)x->gap_ms);
        c->gap_max = MAX(c->gap_max, (float)x->gap_ms);
    }
    if (x->ttl >= 0 && x->ttl <= G_MAXINT16)
        widen_ttl(c, (gint16)x->ttl);
}

void ma_flow_series_add_mdi(ma_flow_series *s, gint64 start_ns, double df_ms)
{
    ma_series_col *c = col_at(s, start_ns);
    c->mdi_intervals++;
    c->df_max = MAX(c->df_max, (float)df_ms);
}

gint64 ma_flow_series_origin_ns(const ma_flow_series *s)
{
    return s->origin_ns;
}

gint64 ma_flow_series_width_ns(const ma_flow_series *s)
{
    return s->width_ns;
}

guint ma_flow_series_len(const ma_flow_series *s)
{
    return s->len;
}

const ma_series_col *ma_flow_series_col(const ma_flow_series *s, guint i)
{
    return i < s->len ? &s->cols[i] : NULL;
}

guint64 ma_flow_series_early(const ma_flow_series *s)
{
    return s->early;
}
