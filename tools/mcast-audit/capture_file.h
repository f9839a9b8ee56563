/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_file.h - internal: one capture file (or standard input) opened
 * with libpcap, read one packet ahead so that several can be merged by
 * timestamp. */
#ifndef MA_CAPTURE_FILE_H
#define MA_CAPTURE_FILE_H

#include <pcap/pcap.h>
#include "capture.h"
#include "frame_decode.h"

typedef struct {
    char *name;               /* as the user gave it ("-" is "standard input") */
    char *path;               /* the file, NULL for standard input */
    pcap_t *pcap;
    char *iobuf;              /* stdio buffer of the input (libpcap reads through it) */
    int dlt;
    gboolean nano;            /* timestamps in ns (else us) */
    gint64 size;              /* bytes, -1 unknown (a pipe) */
    gboolean gzip;            /* read through zlib (capture_gzip.c) */
    /* the packet read ahead */
    gboolean have;
    struct pcap_pkthdr *hdr;
    const u_char *data;
    gint64 ts_ns;
    guint64 packets;          /* packets read from this input */
} ma_capture_file;

/* Open path ("-" = standard input) and check its link type.  On failure
 * err holds one line naming the input and why. */
gboolean ma_capture_file_open(ma_capture_file *s, const char *path, GError **err);
/* Read the next packet into s->have/hdr/data/ts_ns.  At a truncated or
 * unreadable end, adds a warning naming last_frame and sets st->truncated. */
void ma_capture_file_next(ma_capture_file *s, ma_capture_stats *st, guint64 last_frame);
/* Bytes read so far, -1 unknown. */
gint64 ma_capture_file_position(const ma_capture_file *s);
void ma_capture_file_close(ma_capture_file *s);
/* The "link type ... is not supported" error, shared with live capture. */
void ma_capture_linktype_error(GError **err, const char *name, int dlt);
gint64 ma_capture_ts_ns(const struct pcap_pkthdr *h, gboolean nano);

/* capture_gzip.c: gzip's magic in the first n bytes of b. */
gboolean ma_gzip_magic(const uint8_t *b, gsize n);
/* A read-only stream of fd's inflated content (fd is taken over); data
 * that is not gzip passes unchanged.  NULL on failure (fd closed). */
FILE *ma_gzip_fdopen(int fd);

#endif
