/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_stats.h - per-flow RTP statistics: RFC 3550 A.1 (sequence), A.3
 * (expected/lost), A.8 (interarrival jitter), plus duplicates, reordering,
 * inter-arrival gaps, bitrate and RFC 4445 MDI.
 *
 * Definitions (the README explains where they differ from Wireshark):
 *   packets    every RTP packet of the flow, duplicates included (= Wireshark)
 *   expected   highest extended seq - base extended seq + 1 (RFC 3550 A.3)
 *   lost       sequence numbers in [base, highest] never received
 *              (late arrivals fill their hole; duplicates do not count)
 *   duplicates packets whose sequence number was already received
 *   reordered  packets that arrived with a sequence number below the highest
 *              already seen (late), duplicates excluded
 *   strays     packets outside any span: an unconfirmed jump (A.1 bad_seq)
 *              or a late packet below the span start by MAX_MISORDER or more.
 *              Always: packets = expected - lost + duplicates + strays.
 *   jitter     RFC 3550 A.8 J += (|D| - J)/16 in timestamp units, over
 *              consecutive arrivals (jitter_ts); jitter_ms, jitter_max_ms,
 *              jitter_mean_ms, gap_*_ms follow Wireshark 4.0's RTP stream
 *              analysis exactly (rtp_jitter_wireshark.c says how), so they equal
 *              tshark -z rtp,streams "Max Jitter", "Mean Jitter", "Max Delta".
 * A restart (A.1: a jump confirmed by the next packet) closes the span:
 * expected and lost add up over spans, first/highest_ext describe the last.
 * An SSRC change also closes the span; the jitter and gap figures and the
 * ws_* figures then describe the new SSRC only (as tshark's row for it). */
#ifndef MA_RTP_STATS_H
#define MA_RTP_STATS_H

#include <glib.h>
#include <stdint.h>
#include "rtp.h"

#define MA_RTP_MAX_DROPOUT 3000   /* RFC 3550 A.1 */
#define MA_RTP_MAX_MISORDER 100
#define MA_RTP_MIN_SEQUENTIAL 2

/* Where a flow's RTP clock rate came from. */
typedef enum {
    MA_CLOCK_UNKNOWN = 0,
    MA_CLOCK_NEGOTIATED, /* the SDP's rtpmap, or RFC 3551's static payload types */
    MA_CLOCK_USER,       /* --clock-rate PT=HZ / the plugin's clock_rates preference */
    MA_CLOCK_TIMESTAMPS, /* inferred: RTP timestamp advance against arrival time */
    MA_CLOCK_NAL,        /* inferred: H.264/H.265 NAL headers, so video at 90 kHz */
} ma_clock_source;
/* "negotiated", "user", "timestamps", "nal-header"; NULL for unknown. */
const char *ma_clock_source_name(ma_clock_source src);

typedef struct {
    /* identity */
    uint32_t ssrc;
    int payload_type;       /* of the first packet */
    guint clock_rate;       /* 0 = unknown: jitter in ms not computed */
    gboolean clock_inferred; /* clock_rate inferred (no SDP, dynamic PT): from the
                                timestamps' advance or the NAL headers */
    ma_clock_source clock_source;
    /* counts */
    guint64 packets;
    guint64 bytes;          /* UDP payload bytes */
    guint64 expected;
    gint64 lost;            /* never negative in our definition */
    double fraction_lost;   /* lost / expected, 0..1 */
    guint64 duplicates;
    guint64 reordered;
    guint64 seq_restarts;   /* A.1 restarts after a large jump */
    guint64 seq_skipped;    /* sequence numbers jumped over by forward restarts
                               (not in lost: an outage of more than
                               MAX_DROPOUT packets shows up here) */
    guint64 ssrc_changes;
    guint64 marker_packets;
    guint64 strays;
    gboolean seq_valid;     /* A.1 probation passed (MIN_SEQUENTIAL in a row) */
    /* sequence span */
    uint32_t first_ext_seq, highest_ext_seq;
    guint seq_cycles;
    /* jitter (A.8) */
    double jitter_ts;       /* current J, timestamp units */
    double jitter_ms;       /* current J in ms, 0 when clock rate unknown */
    double jitter_max_ms;
    double jitter_mean_ms;  /* Wireshark's "Mean Jitter" (see rtp_jitter_wireshark.c) */
    double jitter_min_ms;   /* Wireshark's "Min Jitter" (0 before 2 packets) */
    gboolean jitter_known;  /* FALSE: clock rate unknown, jitter fields are 0 */
    /* timing */
    gint64 first_ns, last_ns;
    double gap_max_ms;      /* Wireshark's "Max Delta": largest gap before a
                               regular (non-marker) packet */
    double gap_mean_ms;     /* Wireshark's "Mean Delta" */
    double gap_min_ms;      /* Wireshark's "Min Delta" (0 before 2 packets) */
    double bitrate_bps;     /* UDP payload bits / (last - first arrival), 0 for one packet */
    /* What tshark -z rtp,streams would print for the current SSRC */
    gint64 ws_expected;     /* last-arrived seq + 65536 cycles - first + 1 */
    gint64 ws_lost;         /* ws_expected - packets (negative with duplicates) */
    guint64 ws_seq_errors;  /* Wireshark's sequence error count */
    guint64 ws_wrong_timestamps; /* packets left out as "wrong timestamp" */
    /* RFC 4445 MDI */
    double mdi_df_ms;       /* max delay factor over 1 s intervals */
    double mdi_mlr;         /* media loss rate, packets lost per second (max over intervals) */
    double mdi_rate_bps;    /* nominal drain rate used (0 = each interval's mean rate) */
} ma_rtp_summary;

/* One loss burst: the sequence numbers one forward jump skipped (late
 * arrivals that filled some of them are taken off), between two frames. */
typedef struct {
    guint lost;                         /* still missing */
    guint skipped;                      /* skipped at the jump */
    uint16_t first_seq;                 /* the first missing sequence number */
    uint32_t frame_before, frame_after; /* the packets around the gap (0 unknown) */
    gint64 ns_before, ns_after;
} ma_rtp_burst;

#define MA_RTP_BURSTS_SHOWN 5 /* largest bursts reports cite */

typedef struct {
    guint64 count; /* bursts with at least one number still missing */
    guint longest; /* packets in the largest */
    guint n_largest;
    ma_rtp_burst largest[MA_RTP_BURSTS_SHOWN]; /* largest first, ties in capture order */
    guint64 untracked; /* bursts beyond the kept bound: counted, not cited */
} ma_rtp_burst_summary;

typedef struct ma_rtp_stats ma_rtp_stats;
typedef struct ma_mdi ma_mdi;

ma_rtp_stats *ma_rtp_stats_new(guint clock_rate);
void ma_rtp_stats_free(ma_rtp_stats *s);
/* Set or change the clock rate before (or after) the first packet
 * (MA_CLOCK_NEGOTIATED); ..._set_clock names where it came from.  Figures
 * gathered before a rate was known are computed again from the first packet. */
void ma_rtp_stats_set_clock_rate(ma_rtp_stats *s, guint clock_rate);
void ma_rtp_stats_set_clock(ma_rtp_stats *s, guint clock_rate, ma_clock_source src);
/* The packet's payload, before ma_rtp_stats_add_frame adds it: while the
 * clock rate is unknown, its first bytes say whether the flow is H.264 or
 * H.265 video (nal_hint.h), which fixes the rate at 90 kHz once
 * MA_CLOCK_NAL_PACKETS packets in a row start with a NAL header. */
#define MA_CLOCK_NAL_PACKETS 16u
void ma_rtp_stats_payload(ma_rtp_stats *s, const uint8_t *payload, gsize len);
/* Nominal MDI drain rate; 0 (default) = each interval's own mean rate.
 * Only before the first packet: FALSE (ignored) afterwards. */
gboolean ma_rtp_stats_set_mdi_rate(ma_rtp_stats *s, double rate_bps);
/* MDI measurement interval (default 1 s, RFC 4445's suggestion); only
 * before the first packet: FALSE (ignored) afterwards or when not > 0. */
gboolean ma_rtp_stats_set_mdi_interval(ma_rtp_stats *s, gint64 interval_ns);
/* Add one packet that arrived at arrival_ns with udp_payload_len bytes. */
void ma_rtp_stats_add(ma_rtp_stats *s, const ma_rtp_hdr *h, gint64 arrival_ns, gsize udp_payload_len);
/* The same, telling the frame number the packet arrived in, so that loss
 * bursts and the jitter peak can cite frames. */
void ma_rtp_stats_add_frame(ma_rtp_stats *s, const ma_rtp_hdr *h, gint64 arrival_ns,
                            gsize udp_payload_len, uint32_t frame);
/* Loss as bursts (count, longest, the largest with their frames). */
void ma_rtp_stats_bursts(const ma_rtp_stats *s, ma_rtp_burst_summary *out);
/* The frame (0 unknown) and time at which the maximum jitter (jitter_max_ms)
 * was reached. */
uint32_t ma_rtp_stats_jitter_peak(const ma_rtp_stats *s, gint64 *ns);
/* Snapshot of the figures so far. */
void ma_rtp_stats_summary(const ma_rtp_stats *s, ma_rtp_summary *out);

/* The figures a frame shows as of itself, exactly as the summary gives
 * them, without the rest of it (the MDI with its open interval closed, the
 * bit rate): what a front end reads per packet. */
typedef struct {
    guint64 packets;
    gint64 lost;
    double jitter_ms; /* 0 when the clock rate is unknown, as in the summary */
} ma_rtp_running;
void ma_rtp_stats_running(const ma_rtp_stats *s, ma_rtp_running *out);

/* What the packet last added did to the figures: the per-packet values the
 * report's time series plot (flow_series.h), from the same arithmetic. */
typedef struct {
    guint holes;        /* sequence numbers it revealed missing (as MDI MLR counts) */
    double jitter_ms;   /* RFC 3550 A.8 J after it, in ms; -1 when the clock rate is unknown */
    double gap_ms;      /* since the flow's previous packet; -1 for the first */
    guint mdi_intervals; /* MDI intervals closed so far (a change: one just closed) */
} ma_rtp_last;
void ma_rtp_stats_last(const ma_rtp_stats *s, ma_rtp_last *out);
/* The MDI accumulator, for ma_mdi_last_interval. */
const ma_mdi *ma_rtp_stats_mdi(const ma_rtp_stats *s);

/* ---- RFC 4445 Media Delivery Index on its own, for non-RTP flows too ---- */
/* interval_ns: measurement interval (RFC 4445 suggests 1 s). rate_bps: the
 * nominal drain rate; 0 means each interval's own mean rate (camera H.264 is
 * variable-rate, so no constant rate is right; memory stays bounded). */
ma_mdi *ma_mdi_new(gint64 interval_ns, double rate_bps);
void ma_mdi_free(ma_mdi *m);
void ma_mdi_add(ma_mdi *m, gint64 arrival_ns, gsize bytes, guint lost_before);
/* Maximum DF (ms) and MLR (packets/s) over the intervals so far, the open
 * one included (with its own length); rate_bps = the nominal rate or 0.
 * mdi.c explains the arithmetic.  Any out pointer may be NULL. */
void ma_mdi_result(const ma_mdi *m, double *df_ms, double *mlr, double *rate_bps);
/* Intervals with at least one packet, the open one included. */
guint ma_mdi_intervals(const ma_mdi *m);
/* The last closed interval (with include_open: the open one, closed as it
 * stands): its start and DF in ms (-1 when no rate).  FALSE when none. */
gboolean ma_mdi_last_interval(const ma_mdi *m, gboolean include_open, gint64 *start_ns, double *df_ms);
/* The interval closed last, as it was judged when it closed (a probe reads
 * it each time `closed` grows: one arrival closes at most one interval). */
typedef struct {
    gint64 start_ns;
    double df_ms; /* -1 when the drain rate is unknown */
    double mlr;   /* packets lost per second of the interval */
    guint closed; /* intervals closed so far */
} ma_mdi_interval;
gboolean ma_mdi_closed_interval(const ma_mdi *m, ma_mdi_interval *out); /* FALSE: none closed yet */
gint64 ma_mdi_interval_ns(const ma_mdi *m);

#endif
