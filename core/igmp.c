/* SPDX-License-Identifier: GPL-2.0-or-later */
/* igmp.c - IGMP v1/v2/v3 messages (RFC 1112, 2236, 3376) into ma_memb_msg.
 * Every count is checked against the bytes that remain before anything is
 * read or allocated; a truncated message is an error naming what was cut. */
#include "membership_internal.h"

#define IGMP_HDR_LEN 8       /* type, code, checksum, group */
#define IGMP_V3_QUERY_MIN 12 /* RFC 3376 4.1 */

guint ma_igmp_decode_code8(uint8_t code)
{
    /* RFC 3376 4.1.1: 1 exp(3) mant(4) when >= 128 */
    if (code < 128)
        return code;
    return ((guint)(code & 0x0f) | 0x10) << (((code >> 4) & 0x07) + 3);
}

static void set_checksum(ma_memb_msg *m, const uint8_t *d, gsize len)
{
    m->checksum = ma_rd16(d + 2);
    m->checksum_computed = ma_inet_fold(ma_inet_sum(0, d, len, 2));
    /* Verify over the whole message: ones' complement sum must be 0xffff
     * (accepts both encodings of zero). */
    m->checksum_ok = ma_inet_fold(ma_inet_sum(0, d, len, -1)) == 0;
    m->checksum_checked = TRUE;
}

/* Number of Sources at offset 10 of a query, the sources after it (RFC 3376 4.1) */
static const ma_memb_wire IGMP_V3 = {"IGMPv3", 4, IGMP_V3_QUERY_MIN - 2};

static gboolean parse_query(ma_memb_msg *m, const uint8_t *d, gsize len, GError **err)
{
    m->kind = MA_MEMB_QUERY;
    if (len == IGMP_HDR_LEN) {
        /* RFC 3376 7.1: 8 bytes and code 0 is v1, non-zero code is v2. */
        m->version = d[1] == 0 ? 1 : 2;
        /* RFC 2236 4: a v1 query's 0 means the fixed 10 s. */
        m->max_resp_ms = d[1] == 0 ? 10000.0 : d[1] * 100.0;
        return TRUE;
    }
    if (len < IGMP_V3_QUERY_MIN) {
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_MALFORMED,
                    "IGMP query of %" G_GSIZE_FORMAT " bytes: neither v1/v2 (8) nor v3 (>= 12), "
                    "RFC 3376 7.1", len);
        return FALSE;
    }
    m->version = 3;
    m->max_resp_ms = ma_igmp_decode_code8(d[1]) * 100.0;
    m->s_flag = (d[8] & 0x08) != 0;
    m->qrv = d[8] & 0x07;
    m->qqi_s = (int)ma_igmp_decode_code8(d[9]);
    return ma_memb_read_query_sources(m, &IGMP_V3, d, len, err);
}

static gboolean parse_v3_report(ma_memb_msg *m, const uint8_t *d, gsize len, GError **err)
{
    m->version = 3;
    m->kind = MA_MEMB_REPORT_V3;
    return ma_memb_read_records(m, &IGMP_V3, d, len, err); /* len >= 8: checked by the caller */
}

static gboolean parse_by_type(ma_memb_msg *m, const uint8_t *d, gsize len, GError **err)
{
    switch (d[0]) {
    case 0x11:
        return parse_query(m, d, len, err);
    case 0x12:
        m->version = 1;
        m->kind = MA_MEMB_REPORT_V1;
        return TRUE;
    case 0x16:
        m->version = 2;
        m->kind = MA_MEMB_REPORT_V2;
        return TRUE;
    case 0x17:
        m->version = 2;
        m->kind = MA_MEMB_LEAVE_V2;
        return TRUE;
    case 0x22:
        return parse_v3_report(m, d, len, err);
    default:
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_UNKNOWN_TYPE,
                    "IGMP type 0x%02x is not a membership message", d[0]);
        return FALSE;
    }
}

ma_memb_msg *ma_igmp_parse(const uint8_t *data, gsize len, GError **err)
{
    ma_memb_msg *m;
    if (data == NULL || len < IGMP_HDR_LEN) {
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_TRUNCATED,
                    "IGMP message of %" G_GSIZE_FORMAT " bytes, shorter than the 8-byte header",
                    data == NULL ? 0 : len);
        return NULL;
    }
    m = g_new0(ma_memb_msg, 1);
    m->proto = MA_PROTO_IGMP;
    m->raw_type = data[0];
    ma_addr_from_ipv4(&m->group, data + 4);
    if (!parse_by_type(m, data, len, err)) {
        ma_memb_msg_free(m);
        return NULL;
    }
    set_checksum(m, data, len);
    return m;
}
