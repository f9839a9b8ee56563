/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode.h - internal to mcast-audit's capture side: turning one captured
 * frame (link header and up) into core events.  libpcap is not needed here:
 * capture_*.c read frames, decode_*.c decode them, so the decoders can be
 * tested with packets built in memory.
 *
 * Each layer takes a byte slice it has already bounded and returns what
 * became of the frame, so that every frame is counted exactly once (in
 * ma_capture_stats: decoded, undecoded, malformed or held for reassembly). */
#ifndef MA_DECODE_H
#define MA_DECODE_H

#include <glib.h>
#include <stdint.h>
#include "decode_events.h"
#include "events.h"

/* The run's options and counters (capture.h) are only passed through here:
 * a decoder that counts includes capture.h itself. */
typedef struct ma_capture_opts ma_capture_opts;
typedef struct ma_capture_stats ma_capture_stats;

/* Where events go.  ma_capture_run() points these at a correlator; the
 * tests count them.  Pointers inside an event are valid only during the
 * call (a UDP payload points into libpcap's buffer). */
typedef struct {
    void (*rtsp)(void *user, const ma_ev_rtsp *ev);
    void (*membership)(void *user, const ma_ev_membership *ev);
    void (*udp)(void *user, const ma_ev_udp *ev);
    void (*interleaved)(void *user, const ma_ev_interleaved *ev);
    void *user;
    /* The link-layer source of a frame carrying RTSP or IGMP/MLD (may be
     * NULL): ties MLD's link-local senders to the hosts' global addresses. */
    void (*host_mac)(void *user, const ma_addr *ip, const uint8_t mac[6]);
} ma_sink;

typedef enum {
    MA_DEC_EVENT,     /* fed the core (or advanced an RTSP stream) */
    MA_DEC_SKIPPED,   /* not a packet we audit (ARP, TCP port 80, ICMP echo...) */
    MA_DEC_MALFORMED, /* a header was bad or cut: counted, skipped */
    MA_DEC_HELD,      /* a fragment kept for reassembly: judged when complete */
} ma_dec_result;

/* Bounds (defaults; README material). */
#define MA_DEC_DEFAULT_REASSEMBLY ((gsize)1024 * 1024) /* bytes per TCP direction */
#define MA_DEC_MAX_FRAG_DATAGRAMS 256u   /* IP datagrams in reassembly at once */
#define MA_DEC_FRAG_TIMEOUT_NS (30 * G_GINT64_CONSTANT(1000000000)) /* like Linux ipfrag_time */
#define MA_DEC_MAX_TCP_CONNS 4096u       /* RTSP connections tracked at once */
#define MA_DEC_MAX_TCP_SEGMENTS 256u     /* out-of-order segments held per direction */
#define MA_DEC_TCP_HOLE_TIMEOUT_NS (10 * G_GINT64_CONSTANT(1000000000)) /* wait for a missing segment */

typedef struct ma_frag_table ma_frag_table;
typedef struct ma_tcp_table ma_tcp_table;

typedef struct {
    ma_sink sink;
    ma_capture_stats *st;
    gsize max_reassembly;      /* per TCP direction */
    uint8_t rtsp_port[65536 / 8]; /* bit set: an RTSP TCP port (O(1) test) */
    ma_frag_table *frags;
    ma_tcp_table *tcp;
} ma_decoder;

/* What the IP layer learnt, handed to the transport decoders. */
typedef struct {
    ma_decoder *d;
    ma_ev_meta meta;
    ma_addr src, dst;
    int ttl;                   /* TTL / hop limit */
    gboolean router_alert;
    gboolean snapped;          /* the frame was cut by the snap length */
    gboolean has_src_mac;      /* Ethernet / Linux cooked source address known */
    uint8_t src_mac[6];
    guint tunnels; /* VXLAN / GRE headers entered (decode_tunnel.c) */
} ma_pkt;

/* Count a decode event at p's frame (in the run's statistics); the
 * malformed form also says what became of the frame, so each return that
 * skips a bad header names why. */
void ma_dec_event(const ma_pkt *p, ma_decode_event why);
ma_dec_result ma_dec_malformed(const ma_pkt *p, ma_decode_event why);
#define MA_DEC_MAX_TUNNELS 4u /* a tunnel in a tunnel in ...: deeper is malformed */
#define MA_VXLAN_PORT 4789u   /* RFC 7348 */

/* Tell the sink which MAC sent p (RTSP and IGMP/MLD frames only: cheap). */
void ma_decode_note_mac(const ma_pkt *p);

ma_decoder *ma_decoder_new(const ma_capture_opts *opts, const ma_sink *sink,
                           ma_capture_stats *st);
/* End of input: resolve TCP holes, drop unfinished fragments (counted). */
void ma_decoder_flush(ma_decoder *d);
void ma_decoder_free(ma_decoder *d);
gboolean ma_decoder_is_rtsp_port(const ma_decoder *d, uint16_t port);

/* One captured frame: caplen bytes at data; wirelen is the length on the wire. */
typedef struct {
    int dlt;                   /* libpcap link type */
    uint32_t frame;            /* 1-based, across merged files */
    gint64 ts_ns;
    const uint8_t *data;
    gsize caplen, wirelen;
} ma_frame_in;

/* Decode one frame; updates st->frames/undecoded/malformed/first_ns/last_ns. */
ma_dec_result ma_decode_frame(ma_decoder *d, const ma_frame_in *in);

/* decode_link.c */
gboolean ma_decode_link_supported(int dlt);
/* "EN10MB (Ethernet), LINUX_SLL, ..." for the error message */
const char *ma_decode_link_supported_list(void);
ma_dec_result ma_decode_link(ma_pkt *p, int dlt, const uint8_t *data, gsize len);
/* An Ethernet frame (VLAN tags, PPPoE session frames), and what an
 * ethertype carries (IPv4, IPv6, PPPoE session). */
ma_dec_result ma_decode_ethernet(ma_pkt *p, const uint8_t *data, gsize len);
ma_dec_result ma_decode_ethertype(ma_pkt *p, unsigned type, const uint8_t *data, gsize len);
/* decode_link_ppp.c: PPP with or without HDLC-like framing; PPPoE after its ethertype */
ma_dec_result ma_decode_ppp(ma_pkt *p, const uint8_t *data, gsize len);
ma_dec_result ma_decode_pppoe(ma_pkt *p, const uint8_t *data, gsize len);
/* decode_link_wifi.c: an 802.11 frame; a radiotap header and the frame after it */
ma_dec_result ma_decode_wlan(ma_pkt *p, const uint8_t *data, gsize len);
ma_dec_result ma_decode_radiotap(ma_pkt *p, const uint8_t *data, gsize len);
/* decode_link_nflog.c: Linux NFLOG */
ma_dec_result ma_decode_nflog(ma_pkt *p, const uint8_t *data, gsize len);
/* decode_tunnel.c: VXLAN (a UDP payload to MA_VXLAN_PORT with the I flag) and GRE */
gboolean ma_decode_is_vxlan(uint16_t dport, const uint8_t *data, gsize len);
ma_dec_result ma_decode_vxlan(ma_pkt *p, const uint8_t *data, gsize len);
ma_dec_result ma_decode_gre(ma_pkt *p, const uint8_t *data, gsize len);

/* decode_ipv4.c / decode_ipv6.c: data starts at the IP header. */
ma_dec_result ma_decode_ipv4(ma_pkt *p, const uint8_t *data, gsize len);
ma_dec_result ma_decode_ipv6(ma_pkt *p, const uint8_t *data, gsize len);
/* IP payload of protocol proto (after reassembly, if any). */
ma_dec_result ma_decode_transport(ma_pkt *p, int proto, const uint8_t *data, gsize len);

/* decode_fragments.c: one IP fragment.  When it completes a datagram, the
 * datagram is decoded (as proto) and that result returned. */
typedef struct {
    uint32_t id;               /* IPv4 identification or IPv6 fragment id */
    int proto;                 /* upper-layer protocol of the datagram */
    gsize offset;              /* in bytes */
    gboolean more;             /* MF / M flag */
    const uint8_t *data;
    gsize len;
} ma_frag_piece;
ma_frag_table *ma_frag_table_new(void);
void ma_frag_table_free(ma_frag_table *t, ma_capture_stats *st);
ma_dec_result ma_decode_fragment(ma_pkt *p, const ma_frag_piece *piece);

/* decode_udp.c, decode_membership.c, decode_tcp.c */
ma_dec_result ma_decode_udp(ma_pkt *p, const uint8_t *data, gsize len);
ma_dec_result ma_decode_igmp(ma_pkt *p, const uint8_t *data, gsize len);
ma_dec_result ma_decode_icmp6(ma_pkt *p, const uint8_t *data, gsize len);
ma_dec_result ma_decode_tcp(ma_pkt *p, const uint8_t *data, gsize len);

/* decode_tcp_reassembly.c: one segment of an RTSP connection. */
typedef struct {
    uint16_t sport, dport;
    uint32_t seq;
    gboolean syn, fin, rst;
    gboolean cut;          /* payload cut by the snap length */
    const uint8_t *payload;
    gsize len;
} ma_tcp_seg;
ma_tcp_table *ma_tcp_table_new(void);
void ma_tcp_table_free(ma_tcp_table *t);
void ma_tcp_segment(ma_pkt *p, const ma_tcp_seg *seg);
/* End of input: every held segment is delivered after a gap. */
void ma_tcp_flush(ma_decoder *d);
guint ma_tcp_connections(const ma_tcp_table *t);

#endif
