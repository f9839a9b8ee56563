/* SPDX-License-Identifier: GPL-2.0-or-later */
/* membership_internal.h - what igmp.c and mld.c share (not API); defined in
 * membership_wire.c.  IGMPv3 and MLDv2 lay out query source lists and
 * report group records alike; only the address size differs. */
#ifndef MA_MEMBERSHIP_INTERNAL_H
#define MA_MEMBERSHIP_INTERNAL_H

#include "bigendian.h"
#include "membership.h"

/* IGMPv3 report / MLDv2 report: type, reserved, checksum, reserved,
 * number of records (16 bits at offset 6); the records follow. */
#define MA_MEMB_REPORT_HDR 8

/* Which of the two formats. */
typedef struct {
    const char *name; /* "IGMPv3" or "MLDv2", for error messages */
    int family;       /* 4: IPv4 addresses (4 bytes), 6: IPv6 (16 bytes) */
    gsize query_count_off; /* a v3/v2 query's Number of Sources; the
                              sources follow it */
} ma_memb_wire;

static inline gsize ma_memb_addr_len(const ma_memb_wire *w)
{
    return w->family == 6 ? 16 : 4;
}

/* A v3/v2 query's source list; len must be at least w->query_count_off + 2. */
gboolean ma_memb_read_query_sources(ma_memb_msg *m, const ma_memb_wire *w, const uint8_t *d,
                                    gsize len, GError **err);
/* A v3/v2 report's group records into m->records; len must be at least
 * MA_MEMB_REPORT_HDR. */
gboolean ma_memb_read_records(ma_memb_msg *m, const ma_memb_wire *w, const uint8_t *d, gsize len,
                              GError **err);

#endif
