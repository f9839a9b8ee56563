/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_internal.h - internal to the frame decoder (decode_*.c): the
 * decoder object, what the IP layer learnt, and one function per layer.
 * The API is frame_decode.h.
 *
 * Each layer takes a byte slice it has already bounded and returns what
 * became of the frame, so that every frame is counted exactly once (in
 * ma_decode_stats: decoded, undecoded, malformed or held for reassembly). */
#ifndef MA_DECODE_INTERNAL_H
#define MA_DECODE_INTERNAL_H

#include <glib.h>
#include <stdint.h>
#include "frame_decode.h"

typedef struct ma_frag_table ma_frag_table;
typedef struct ma_tcp_table ma_tcp_table;

struct ma_decoder {
    ma_sink sink;
    ma_decode_stats *st;
    gsize max_reassembly;         /* per TCP direction */
    uint8_t rtsp_port[65536 / 8]; /* bit set: an RTSP TCP port (O(1) test) */
    ma_frag_table *frags;
    ma_tcp_table *tcp;
};

/* What the IP layer learnt, handed to the transport decoders. */
typedef struct {
    ma_decoder *d;
    ma_ev_meta meta;
    ma_addr src, dst;
    int ttl; /* TTL / hop limit */
    gboolean router_alert;
    gboolean snapped;     /* the frame was cut by the snap length */
    gboolean has_src_mac; /* Ethernet / Linux cooked source address known */
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

/* decode_link.c */
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
    uint32_t id;   /* IPv4 identification or IPv6 fragment id */
    int proto;     /* upper-layer protocol of the datagram */
    gsize offset;  /* in bytes */
    gboolean more; /* MF / M flag */
    const uint8_t *data;
    gsize len;
} ma_frag_piece;
ma_frag_table *ma_frag_table_new(void);
void ma_frag_table_free(ma_frag_table *t, ma_decode_stats *st);
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
    gboolean cut; /* payload cut by the snap length */
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
