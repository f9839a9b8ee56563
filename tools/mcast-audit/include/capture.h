/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.h - the boundary between reading packets (libpcap, link layers,
 * IP, TCP reassembly: capture_*.c, decode_*.c) and the rest of mcast-audit.
 * It turns captures into core events fed to a correlator, in time order. */
#ifndef MA_CAPTURE_H
#define MA_CAPTURE_H

#include <glib.h>
#include <stdint.h>
#include "correlator.h"
#include "decode_events.h"
#include "frame_decode.h"

#define MA_CAPTURE_ERROR (ma_capture_error_quark())
GQuark ma_capture_error_quark(void);
typedef enum {
    MA_CAPTURE_ERROR_OPEN,       /* missing file, directory, permission, not a capture */
    MA_CAPTURE_ERROR_LINKTYPE,   /* link type we do not decode (message names it) */
    MA_CAPTURE_ERROR_READ,       /* read error that stops the run */
    MA_CAPTURE_ERROR_LIVE,       /* live capture could not start */
} ma_capture_error_code;

typedef struct ma_capture_opts {
    const char *const *files;  /* NULL-terminated; "-" is standard input */
    const char *iface;         /* live capture interface, or NULL */
    double duration_s;         /* live: stop after this many seconds (0 = until Ctrl-C) */
    const uint16_t *rtsp_ports; /* extra RTSP TCP ports (554 and 8554 always) */
    guint n_rtsp_ports;
    gboolean progress;         /* progress line on stderr (caller decides: stderr is a tty and not -q) */
    gsize max_reassembly_bytes; /* per TCP direction / IP datagram bound; 0 = default (1 MiB) */
    /* A probe reads the correlator and the statistics from another thread:
     * the capture holds lock (when set) while it changes either. */
    GMutex *lock;
    /* Called after each UDP datagram fed to the correlator, under lock. */
    void (*on_udp)(void *ud, const ma_frame_info *info);
    void *on_udp_data;
    /* Called once the input can be read (the interface activated and its
     * filter set, or the files opened), before the first frame, under lock,
     * with on_udp_data: what a replay into the interface must wait for. */
    void (*on_open)(void *ud, const char *input);
} ma_capture_opts;

/* The frame decoder's share of the options (frame_decode.h). */
static inline ma_decoder_opts ma_capture_decoder_opts(const ma_capture_opts *opts)
{
    ma_decoder_opts d = {opts->rtsp_ports, opts->n_rtsp_ports, opts->max_reassembly_bytes};
    return d;
}

/* An input that could not be read to its end. */
typedef struct {
    char *input;         /* its name as shown ("standard input" for "-") */
    guint64 after_frame; /* the last frame read before it */
    gboolean unreadable; /* a read error, not a packet cut short */
} ma_capture_cut;

typedef struct ma_capture_stats {
    /* what the frame decoder counts: frames, undecoded, malformed, RTSP
     * messages, TCP gaps, fragments, its decode events (frame_decode.h) */
    ma_decode_stats dec;
    guint64 kernel_drops;      /* live: pcap_stats ps_drop (buffer full), as of the last read */
    guint64 iface_drops;       /* live: pcap_stats ps_ifdrop (interface/driver) */
    /* A pcapng interface statistics block's isb_endtime (capture_isb.c):
     * when the capture really ended, which can be after its last packet;
     * 0 when no file said */
    gint64 isb_end_ns;
    gboolean truncated;        /* the last packet/file was cut short */
    gboolean interrupted;      /* Ctrl-C / duration ended a live capture */
    gboolean open;             /* the interface or the files are open and being read */
    GPtrArray *warnings;       /* char*: one line each, for the report */
    GArray *cuts;              /* ma_capture_cut: inputs cut short (MA921) */
} ma_capture_stats;

void ma_capture_stats_init(ma_capture_stats *st);
void ma_capture_stats_clear(ma_capture_stats *st);

/* Read every input and feed corr (events in time order; several files are
 * merged by timestamp and numbered as one capture).  Returns FALSE with err
 * set when the run cannot go on (exit code 2); a truncated last packet is
 * not an error: st->truncated and a warning are set and TRUE is returned. */
gboolean ma_capture_run(const ma_capture_opts *opts, ma_correlator *corr,
                        ma_capture_stats *st, GError **err);
/* Tell corr what the reader knows and the core judges (before finishing
 * it): the input's name and frame count, and each input cut short. */
void ma_capture_tell_correlator(ma_correlator *corr, const ma_capture_stats *st,
                                const char *input_name);
/* Open and close every file (not standard input), so that a bad one stops
 * the run (exit 2) before any is audited; "-" at most once. */
gboolean ma_capture_check_files(const char *const *files, GError **err);

/* A probe's signals: SIGHUP re-opens its output (install, then take the
 * flag when polling); ma_capture_wait_stop() blocks until SIGINT/SIGTERM. */
void ma_capture_sighup_install(void);
void ma_capture_sighup_restore(void);
gboolean ma_capture_sighup_take(void);
void ma_capture_wait_stop(void);

#endif
