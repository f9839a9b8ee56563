/* SPDX-License-Identifier: GPL-2.0-or-later */
/* flow_series.h - a flow's figures over time, bounded for any capture length.
 *
 * The HTML report plots packets/s, bitrate, RFC 3550 jitter, loss, the
 * inter-arrival gap, the MDI delay factor and the IP TTL of each flow.
 * The correlator feeds this from the same per-packet figures its statistics
 * compute (no second pass over the capture).  Memory is fixed: at most
 * MA_SERIES_COLUMNS columns of equal width; when a sample falls past the
 * last one, the width doubles and neighbouring columns merge, keeping sums,
 * minima and maxima.  A column is therefore at most one pixel of a plot
 * MA_SERIES_COLUMNS pixels wide, and a spike never disappears by averaging. */
#ifndef MA_FLOW_SERIES_H
#define MA_FLOW_SERIES_H

#include <glib.h>
#include <stdint.h>

#define MA_SERIES_COLUMNS 600
/* The first column width: fine enough for a 100 ms capture. */
#define MA_SERIES_FIRST_WIDTH_NS G_GINT64_CONSTANT(1000000)

/* One column.  Floats keep a flow at ~32 KiB; min > max means "no sample". */
typedef struct {
    guint32 packets;
    guint32 lost;        /* sequence numbers found missing by packets of this column */
    guint32 burst_max;   /* longest run of them revealed by one packet */
    guint32 mdi_intervals; /* MDI intervals that ended in this column */
    guint64 bytes;       /* UDP payload bytes */
    float jitter_min, jitter_max;   /* ms, RFC 3550 A.8 after each packet */
    float gap_min, gap_max;         /* ms since the previous packet */
    float df_max;        /* ms, largest RFC 4445 delay factor of those intervals */
    gint16 ttl_min, ttl_max;        /* -1 unknown */
} ma_series_col;

/* An empty column; into gets b's samples as if they had fallen in it (the
 * report merges columns that share a pixel the same way). */
void ma_series_col_init(ma_series_col *c);
void ma_series_col_merge(ma_series_col *into, const ma_series_col *b);
static inline gboolean ma_series_col_has(float lo, float hi) { return lo <= hi; }

/* What one packet adds. */
typedef struct {
    gint64 arrival_ns;
    gsize bytes;
    guint holes;          /* sequence numbers this packet revealed missing */
    double jitter_ms;     /* < 0: unknown (no clock rate) */
    double gap_ms;        /* < 0: first packet */
    int ttl;              /* -1 unknown */
} ma_series_sample;

typedef struct ma_flow_series ma_flow_series;

/* origin_ns: time of column 0's start (the flow's first packet). */
ma_flow_series *ma_flow_series_new(gint64 origin_ns);
void ma_flow_series_free(ma_flow_series *s);
void ma_flow_series_add(ma_flow_series *s, const ma_series_sample *x);
/* An RFC 4445 interval [start_ns, start_ns + len) ended with delay factor df_ms. */
void ma_flow_series_add_mdi(ma_flow_series *s, gint64 start_ns, double df_ms);

gint64 ma_flow_series_origin_ns(const ma_flow_series *s);
gint64 ma_flow_series_width_ns(const ma_flow_series *s);
/* Columns in use (0 .. MA_SERIES_COLUMNS); column i covers
 * [origin + i*width, origin + (i+1)*width). */
guint ma_flow_series_len(const ma_flow_series *s);
const ma_series_col *ma_flow_series_col(const ma_flow_series *s, guint i);
/* Samples before the origin (a capture clock stepping back): counted into
 * column 0, and counted here so the report can say so. */
guint64 ma_flow_series_early(const ma_flow_series *s);

#endif
