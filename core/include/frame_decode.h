/* SPDX-License-Identifier: GPL-2.0-or-later */
/* frame_decode.h - turning one captured frame (link header and up) into
 * core events: link layers, IPv4/IPv6 with fragment reassembly, tunnels,
 * UDP, IGMP/MLD and RTSP over TCP (reassembled).  Both front ends use it:
 * the CLI on the frames libpcap reads, the Wireshark plugin on the raw
 * bytes of each frame of the first pass, so that they compute the same
 * events by construction.
 *
 * Each frame is counted exactly once in ma_decode_stats (decoded,
 * undecoded, malformed or held for reassembly). */
#ifndef MA_FRAME_DECODE_H
#define MA_FRAME_DECODE_H

#include <glib.h>
#include <stdint.h>
#include "decode_events.h"
#include "events.h"

/* Where events go.  The CLI points these at a correlator; the tests count
 * them.  Pointers inside an event are valid only during the call (a UDP
 * payload points into the frame's bytes). */
typedef struct {
    void (*rtsp)(void *user, const ma_ev_rtsp *ev);
    void (*membership)(void *user, const ma_ev_membership *ev);
    void (*udp)(void *user, const ma_ev_udp *ev);
    void (*interleaved)(void *user, const ma_ev_interleaved *ev);
    void *user;
    /* The link-layer source of a frame carrying RTSP or IGMP/MLD (may be
     * NULL): ties MLD's link-local senders to the hosts' global addresses. */
    void (*host_mac)(void *user, const ma_addr *ip, const uint8_t mac[6]);
    /* A message the core refused (may be NULL): what ("IGMP", "MLD") and
     * the parser's words, at the frame being decoded.  The decode event is
     * counted as well; this is for a front end that shows it on the frame. */
    void (*refused)(void *user, uint32_t frame, const char *what, const char *message);
} ma_sink;

typedef enum {
    MA_DEC_EVENT,     /* fed the core (or advanced an RTSP stream) */
    MA_DEC_SKIPPED,   /* not a packet we audit (ARP, TCP port 80, ICMP echo...) */
    MA_DEC_MALFORMED, /* a header was bad or cut: counted, skipped */
    MA_DEC_HELD,      /* a fragment kept for reassembly: judged when complete */
} ma_dec_result;

/* Bounds (defaults; README material). */
#define MA_DEC_DEFAULT_REASSEMBLY ((gsize)1024 * 1024) /* bytes per TCP direction */
#define MA_DEC_MAX_FRAG_DATAGRAMS 256u                 /* IP datagrams in reassembly at once */
#define MA_DEC_FRAG_TIMEOUT_NS (30 * G_GINT64_CONSTANT(1000000000)) /* like Linux ipfrag_time */
#define MA_DEC_MAX_TCP_CONNS 4096u   /* RTSP connections tracked at once */
#define MA_DEC_MAX_TCP_SEGMENTS 256u /* out-of-order segments held per direction */
#define MA_DEC_TCP_HOLE_TIMEOUT_NS                                                                 \
    (10 * G_GINT64_CONSTANT(1000000000)) /* wait for a missing segment */

/* What the decoder counts. */
typedef struct {
    guint64 frames;    /* frames decoded (the frame numbers fed to the core) */
    guint64 undecoded; /* frames not IPv4/IPv6 or otherwise skipped */
    guint64 malformed; /* frames whose headers were bad (counted, skipped) */
    guint64 rtsp_messages;
    guint64 rtsp_errors;                              /* malformed RTSP dropped by the framer */
    guint64 tcp_gaps;                                 /* missing TCP data resynchronised over */
    guint64 fragments_reassembled, fragments_dropped; /* IP fragments (not datagrams) */
    guint64 datagrams_reassembled; /* whole IP datagrams rebuilt from fragments */
    guint64 tcp_connections;       /* RTSP TCP connections seen */
    guint64 tcp_evicted;           /* connections dropped because the table was full */
    gint64 first_ns, last_ns;
    /* the decoders' decode events (link, IP, fragments, TCP, RTSP framing),
     * told to the correlator with the rest (MA902) */
    ma_decode_events events;
} ma_decode_stats;

/* The decoder's settings; a NULL ma_decoder_opts takes the defaults. */
typedef struct {
    const uint16_t *rtsp_ports; /* extra RTSP TCP ports (554 and 8554 always) */
    guint n_rtsp_ports;
    gsize max_reassembly_bytes; /* per TCP direction / IP datagram bound; 0 = default (1 MiB) */
} ma_decoder_opts;

typedef struct ma_decoder ma_decoder;

ma_decoder *ma_decoder_new(const ma_decoder_opts *opts, const ma_sink *sink, ma_decode_stats *st);
/* End of input: resolve TCP holes, drop unfinished fragments (counted). */
void ma_decoder_flush(ma_decoder *d);
void ma_decoder_free(ma_decoder *d);
gboolean ma_decoder_is_rtsp_port(const ma_decoder *d, uint16_t port);

/* One captured frame: caplen bytes at data; wirelen is the length on the wire. */
typedef struct {
    int dlt;        /* libpcap link type */
    uint32_t frame; /* 1-based, across merged files */
    gint64 ts_ns;
    const uint8_t *data;
    gsize caplen, wirelen;
} ma_frame_in;

/* Decode one frame; updates st->frames/undecoded/malformed/first_ns/last_ns. */
ma_dec_result ma_decode_frame(ma_decoder *d, const ma_frame_in *in);

/* The link types ma_decode_frame reads (decode_link.c). */
gboolean ma_decode_link_supported(int dlt);
/* Every link type ma_decode_link_supported() accepts, n of them (static). */
const int *ma_decode_link_types(gsize *n);
/* "EN10MB (Ethernet), LINUX_SLL, ..." for the error message */
const char *ma_decode_link_supported_list(void);

#endif
