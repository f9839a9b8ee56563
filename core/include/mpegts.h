/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mpegts.h - MPEG-2 transport stream figures (ISO/IEC 13818-1) for TS carried
 * in RTP (RFC 2250, PT 33 or MP2T in the SDP) or straight in UDP datagrams
 * (IPTV: 7 x 188 bytes), and the ETSI TR 101 290 first-priority checks the
 * IPTV probes report:
 *   1.1 TS_sync_loss   sync lost: 2 or more consecutive packets without the
 *                      0x47 sync byte after sync was acquired (5 good in a row)
 *   1.2 Sync_byte_error a packet whose first byte is not 0x47
 *   1.3 PAT_error      PID 0 carries no PAT section start for more than 0.5 s,
 *                      or a section on PID 0 whose table_id is not 0, or a
 *                      scrambled PID 0 packet
 *   1.4 CC_error       per PID: a continuity counter that is not the previous
 *                      one + 1 (mod 16).  Counted only for packets with a
 *                      payload (adaptation_field_control 01/11: an
 *                      adaptation-field-only packet does not advance it); a
 *                      packet whose adaptation field sets the discontinuity
 *                      indicator may jump; one repeat of a counter (a
 *                      duplicate packet, 13818-1 2.4.3.3) is allowed, a
 *                      second repeat is an error.  The null PID (0x1FFF) is
 *                      not checked.
 *   1.5 PMT_error      a PID the PAT names as a program_map_PID carries no
 *                      table_id 2 section start for more than 0.5 s (or a
 *                      scrambled packet on it)
 * cc_lost is what the counters say is missing: for each CC error the packets
 * skipped ((cc - expected) mod 16): the loss figure of raw UDP TS, which has
 * no sequence number of its own.  Intervals count from the flow's first TS
 * packet and up to its last one: a PAT that never came in a 3 s stream is one
 * 3 s interval. */
#ifndef MA_MPEGTS_H
#define MA_MPEGTS_H

#include <glib.h>
#include <stdint.h>

#define MA_TS_PACKET 188u
#define MA_TS_SYNC 0x47u
#define MA_TS_PID_NULL 0x1FFFu
/* TR 101 290 1.3 / 1.5: PAT and each PMT at least every 0.5 s */
#define MA_TS_PSI_INTERVAL_MS 500.0
/* Programs whose PMT PID is followed; more are counted in programs only. */
#define MA_TS_MAX_PMT 16u

typedef struct {
    guint64 packets;        /* 188-byte packets seen (sync byte right or not) */
    guint64 trailing_bytes; /* bytes of datagrams after the last whole packet */
    guint pids;             /* distinct PIDs seen (null PID included) */
    /* 1.1 / 1.2 */
    guint64 sync_losses;
    guint64 sync_byte_errors;
    uint32_t sync_error_frame; /* first packet without 0x47, 0 none */
    /* 1.4 */
    guint64 cc_errors;
    guint64 cc_lost;
    guint64 cc_duplicates;   /* allowed repeats */
    uint32_t cc_error_frame; /* the first CC error */
    guint cc_error_pid;      /* its PID */
    /* 1.3 */
    guint64 pat_sections;
    guint64 pat_errors;         /* intervals over 0.5 s + bad table_id + scrambled */
    double pat_interval_max_ms; /* longest time without a PAT (the open tail included) */
    uint32_t
        pat_error_frame; /* the frame that ended (or, tail: last packet) the first bad interval */
    /* 1.5 */
    guint programs; /* program_map_PIDs the PAT named */
    guint64 pmt_sections;
    guint64 pmt_errors;
    double pmt_interval_max_ms;
    uint32_t pmt_error_frame;
    guint pmt_error_pid;
    /* time */
    gint64 first_ns, last_ns;
    uint32_t first_frame, last_frame;
} ma_ts_summary;

typedef struct ma_ts_stats ma_ts_stats;

ma_ts_stats *ma_ts_stats_new(void);
void ma_ts_stats_free(ma_ts_stats *s);
/* Add the TS packets of one datagram or RTP payload (len bytes; a partial
 * packet at the end is counted in trailing_bytes, never read past). */
void ma_ts_stats_add(ma_ts_stats *s, const uint8_t *data, gsize len, gint64 arrival_ns,
                     uint32_t frame);
void ma_ts_stats_summary(const ma_ts_stats *s, ma_ts_summary *out);
/* How many TS packets the last add found missing by the counters. */
guint ma_ts_stats_last_lost(const ma_ts_stats *s);

/* Does this datagram look like raw TS: at least one whole packet, a whole
 * number of them, each starting with 0x47. */
gboolean ma_ts_looks_like(const uint8_t *data, gsize len);

#endif
