/* SPDX-License-Identifier: GPL-2.0-or-later */
/* membership.h - IGMP (RFC 1112, 2236, 3376) and MLD (RFC 2710, 3810)
 * messages, and the joins/leaves they mean.  igmp.c and mld.c parse into the
 * same struct; membership.c derives joins and leaves per host and group. */
#ifndef MA_MEMBERSHIP_H
#define MA_MEMBERSHIP_H

#include <glib.h>
#include <stdint.h>
#include "addr.h"

#define MA_MEMB_ERROR (ma_memb_error_quark())
GQuark ma_memb_error_quark(void);
typedef enum { MA_MEMB_ERROR_TRUNCATED, MA_MEMB_ERROR_MALFORMED, MA_MEMB_ERROR_UNKNOWN_TYPE } ma_memb_error_code;

typedef enum { MA_PROTO_IGMP, MA_PROTO_MLD } ma_memb_proto;

typedef enum {
    MA_MEMB_QUERY,       /* general or group(-and-source)-specific */
    MA_MEMB_REPORT_V1,   /* IGMPv1 report (0x12) */
    MA_MEMB_REPORT_V2,   /* IGMPv2 report (0x16) / MLDv1 report (131) */
    MA_MEMB_LEAVE_V2,    /* IGMPv2 leave (0x17) / MLDv1 done (132) */
    MA_MEMB_REPORT_V3,   /* IGMPv3 report (0x22) / MLDv2 report (143) */
} ma_memb_kind;

/* RFC 3376 section 4.2.12 / RFC 3810 section 5.2.12 record types */
typedef enum {
    MA_REC_MODE_IS_INCLUDE = 1,
    MA_REC_MODE_IS_EXCLUDE = 2,
    MA_REC_CHANGE_TO_INCLUDE = 3,
    MA_REC_CHANGE_TO_EXCLUDE = 4,
    MA_REC_ALLOW_NEW_SOURCES = 5,
    MA_REC_BLOCK_OLD_SOURCES = 6,
} ma_record_type;

typedef struct {
    int type;        /* ma_record_type, or the unknown value as sent */
    ma_addr group;
    guint n_sources;
    ma_addr *sources; /* n_sources entries (g_free'd with the message) */
    guint aux_len;    /* auxiliary data bytes skipped */
} ma_memb_record;

typedef struct {
    ma_memb_proto proto;
    int version;        /* 1, 2, 3 for IGMP; 1, 2 for MLD */
    ma_memb_kind kind;
    int raw_type;       /* IGMP type byte or ICMPv6 type */
    ma_addr group;      /* query/v1/v2 group; unspecified for a general query */
    double max_resp_ms; /* queries: max response time/delay, decoded */
    /* v3 / MLDv2 query fields */
    gboolean s_flag;
    int qrv;
    int qqi_s;          /* querier's query interval, seconds, decoded from QQIC */
    guint n_query_sources;
    ma_addr *query_sources;
    /* v3 / MLDv2 report records */
    guint n_records;
    ma_memb_record *records;
    /* Checksum: IGMP over the message; MLD over the IPv6 pseudo-header too. */
    uint16_t checksum;
    uint16_t checksum_computed; /* value the field should hold */
    gboolean checksum_ok;
    gboolean checksum_checked;  /* FALSE: MLD without IPv6 src/dst to verify */
} ma_memb_msg;

/* IGMP message bytes (after the IPv4 header).  Version told by type and
 * length (RFC 3376 section 7.1). */
ma_memb_msg *ma_igmp_parse(const uint8_t *data, gsize len, GError **err);
/* ICMPv6 message bytes; src/dst for the pseudo-header checksum.  Non-MLD
 * ICMPv6 types give MA_MEMB_ERROR_UNKNOWN_TYPE. */
ma_memb_msg *ma_mld_parse(const uint8_t *data, gsize len, const ma_addr *src,
                          const ma_addr *dst, GError **err);
/* Is this ICMPv6 type an MLD message (130 query, 131/132 v1 report/done,
 * 143 v2 report)?  Lets a front end skip other ICMPv6 cheaply. */
gboolean ma_mld_is_mld_type(uint8_t icmp6_type);
void ma_memb_msg_free(ma_memb_msg *m);
/* A deep copy (free with ma_memb_msg_free); NULL for NULL. */
ma_memb_msg *ma_memb_msg_copy(const ma_memb_msg *m);
/* Do a and b carry the same fields, records, sources and checksum (and its
 * verdict)?  A repeat is folded into the message it repeats. */
gboolean ma_memb_msg_same(const ma_memb_msg *a, const ma_memb_msg *b);
/* Is m about group g: a v1/v2 report or leave of it, a v3/MLDv2 record of
 * it, a query specific to it or a general query (which asks every group)?
 * *query tells a query.  The group-centric audit's reports and the plugin
 * name a group's messages by this one rule. */
gboolean ma_memb_msg_about_group(const ma_memb_msg *m, const ma_addr *g, gboolean *query);
/* Source addresses the message carries (query sources and record sources). */
guint ma_memb_msg_addresses(const ma_memb_msg *m);
/* Internet checksum (RFC 1071) helpers shared by igmp.c and mld.c: add data
 * to a running 32-bit sum (skip_off: offset of a 2-byte checksum field read
 * as zero, or -1), then fold and complement. */
uint32_t ma_inet_sum(uint32_t sum, const uint8_t *data, gsize len, gssize skip_off);
uint16_t ma_inet_fold(uint32_t sum);
/* Decode the IGMPv3 8-bit (Max Resp Code, QQIC; RFC 3376 4.1.1/4.1.7) and
 * MLDv2 16-bit (Maximum Response Code, RFC 3810 5.1.3) floating forms. */
guint ma_igmp_decode_code8(uint8_t code);
guint ma_mld_decode_code16(uint16_t code);
const char *ma_record_type_name(int type); /* "CHANGE_TO_EXCLUDE_MODE", ... */
const char *ma_record_type_abbrev(int type); /* "TO_EX", ... */

/* ---- What a report means for one host ---- */
typedef enum { MA_CHANGE_JOIN, MA_CHANGE_LEAVE, MA_CHANGE_REFRESH } ma_change_kind;

typedef struct {
    ma_change_kind kind;
    ma_addr group;
    gboolean include_mode; /* TRUE: receive only from sources[]; FALSE: any except sources[] */
    guint n_sources;
    ma_addr *sources;      /* the host's source list after the change */
    int record_type;       /* 0 for v1/v2 reports and leaves */
    guint n_record_sources;
    ma_addr *record_sources; /* the sources the record itself carried (any type) */
} ma_memb_change;

/* Per-host membership state machine: tracks each (host, group) filter mode
 * and source list so that BLOCK of the last INCLUDE source is a leave and a
 * repeated IS_EX is a refresh, not a new join. */
typedef struct ma_memb_tracker ma_memb_tracker;
#define MA_MEMB_TRACKER_MAX 65536   /* (host, group) entries */
#define MA_MEMB_MAX_SOURCES 1024    /* sources kept per (host, group) */
ma_memb_tracker *ma_memb_tracker_new(void);
/* Same with another entry limit (tests, small devices). */
ma_memb_tracker *ma_memb_tracker_new_limited(guint max_entries);
void ma_memb_tracker_free(ma_memb_tracker *t);
/* Apply a report/leave sent by host; returns the changes it causes (caller
 * frees with ma_memb_changes_free).  Queries give an empty array. */
GPtrArray *ma_memb_tracker_apply(ma_memb_tracker *t, const ma_addr *host, const ma_memb_msg *m);
void ma_memb_changes_free(GPtrArray *changes);
/* Is host currently a member of group (any mode with reception possible)? */
gboolean ma_memb_tracker_is_member(const ma_memb_tracker *t, const ma_addr *host, const ma_addr *group);
/* Entries held; joins not tracked because the table was full; sources not
 * kept because a list reached MA_MEMB_MAX_SOURCES. */
guint ma_memb_tracker_size(const ma_memb_tracker *t);
/* Forget host's state for group (a probe retiring old reports): its next
 * report is a join again. */
void ma_memb_tracker_forget(ma_memb_tracker *t, const ma_addr *host, const ma_addr *group);
guint ma_memb_tracker_dropped(const ma_memb_tracker *t);
guint ma_memb_tracker_sources_dropped(const ma_memb_tracker *t);

#endif
