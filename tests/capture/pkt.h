/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pkt.h - building test packets in memory, and a sink that records the
 * events the decoders emit, for the capture tests. */
#ifndef MA_TEST_PKT_H
#define MA_TEST_PKT_H

#include <glib.h>
#include <netinet/in.h>
#include <stdint.h>
#include "capture.h"
#include "decode_internal.h"

/* ---- building (each returns a new GByteArray) ---- */
GByteArray *pk_bytes(const void *data, gsize len);
GByteArray *pk_udp(uint16_t sport, uint16_t dport, const void *payload, gsize len);
GByteArray *pk_tcp(uint16_t sport, uint16_t dport, uint32_t seq, uint8_t flags,
                   const void *payload, gsize len);
/* IPv4 header (with options, padded to 4 bytes) around body. */
GByteArray *pk_ipv4_full(const char *src, const char *dst, int proto, int ttl, uint16_t id,
                         uint16_t frag, const void *opts, gsize optlen, const GByteArray *body);
GByteArray *pk_ipv4(const char *src, const char *dst, int proto, int ttl, const GByteArray *body);
/* IPv6 header; ext = chain of extension headers (already encoded), next = first next header. */
GByteArray *pk_ipv6(const char *src, const char *dst, int next, int hlim, const void *ext,
                    gsize extlen, const GByteArray *body);
GByteArray *pk_eth(const uint16_t *tpids, guint ntags, uint16_t type, const GByteArray *ip);
GByteArray *pk_sll(uint16_t type, const GByteArray *ip);
GByteArray *pk_sll2(uint16_t type, const GByteArray *ip);
GByteArray *pk_null(uint32_t af, gboolean big_endian, const GByteArray *ip);
/* Shortcuts: a UDP datagram in IPv4 in Ethernet. */
GByteArray *pk_eth_udp4(const char *src, const char *dst, uint16_t sport, uint16_t dport,
                        int ttl, const void *payload, gsize len);
GByteArray *pk_eth_tcp4(const char *src, const char *dst, uint16_t sport, uint16_t dport,
                        uint32_t seq, uint8_t flags, const void *payload, gsize len);
#define PK_FIN 0x01
#define PK_SYN 0x02
#define PK_RST 0x04
#define PK_PSH 0x08
#define PK_ACK 0x10

/* ---- recording sink ---- */
typedef enum { REC_RTSP, REC_MEMB, REC_UDP, REC_INTERLEAVED } rec_kind;
typedef struct {
    rec_kind kind;
    uint32_t frame;
    gint64 ts_ns;
    char src[MA_ADDR_STRLEN], dst[MA_ADDR_STRLEN];
    uint16_t sport, dport;
    int ttl;
    gboolean router_alert;
    /* udp */
    gsize payload_len, wire_len;
    uint8_t first_byte;
    /* rtsp */
    char *method;   /* request method or NULL */
    int status, cseq;
    /* membership */
    int memb_kind, memb_version, memb_proto;
    char group[MA_ADDR_STRLEN];
    /* interleaved */
    unsigned channel;
    gsize length;
} rec_event;

typedef struct {
    GArray *events; /* rec_event */
    ma_capture_stats st;
    ma_capture_opts opts;
    ma_decoder *dec;
    uint32_t frame;
} rec;

void rec_init(rec *r, const ma_capture_opts *opts); /* opts may be NULL */
void rec_clear(rec *r);
ma_sink rec_sink(rec *r);
/* Decode one frame with the next frame number at ts_ns. */
ma_dec_result rec_frame(rec *r, int dlt, gint64 ts_ns, const GByteArray *pkt);
/* Same, freeing pkt. */
ma_dec_result rec_frame_free(rec *r, int dlt, gint64 ts_ns, GByteArray *pkt);
const rec_event *rec_get(const rec *r, guint i);
guint rec_count(const rec *r, rec_kind kind);

#endif
