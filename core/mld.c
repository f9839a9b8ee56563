/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mld.c - MLDv1/v2 messages (RFC 2710, 3810) into ma_memb_msg.  Same rules
 * as igmp.c: counts checked against the remaining bytes before any read. */
#include "membership_internal.h"

#define MLD_QUERY 130
#define MLD_REPORT_V1 131
#define MLD_DONE 132
#define MLD_REPORT_V2 143
#define MLD_V1_LEN 24        /* type..code..cksum, max delay, reserved, address */
#define MLD_V2_QUERY_MIN 28  /* RFC 3810 5.1 */

guint ma_mld_decode_code16(uint16_t code)
{
    /* RFC 3810 5.1.3: 1 exp(3) mant(12) when >= 32768 */
    if (code < 32768)
        return code;
    return ((guint)(code & 0x0fff) | 0x1000) << (((code >> 12) & 0x07) + 3);
}

/* RFC 2460 8.1 pseudo-header: src, dst, upper-layer length, next header 58. */
static void set_checksum(ma_memb_msg *m, const uint8_t *d, gsize len, const ma_addr *src,
                         const ma_addr *dst)
{
    uint8_t ph[8] = {0};
    uint32_t sum;
    m->checksum = ma_rd16(d + 2);
    if (src == NULL || dst == NULL || src->family != 6 || dst->family != 6)
        return; /* checksum_checked stays FALSE: nothing to verify against */
    ph[0] = (uint8_t)(len >> 24);
    ph[1] = (uint8_t)(len >> 16);
    ph[2] = (uint8_t)(len >> 8);
    ph[3] = (uint8_t)len;
    ph[7] = 58;
    sum = ma_inet_sum(0, src->bytes, 16, -1);
    sum = ma_inet_sum(sum, dst->bytes, 16, -1);
    sum = ma_inet_sum(sum, ph, sizeof ph, -1);
    m->checksum_computed = ma_inet_fold(ma_inet_sum(sum, d, len, 2));
    m->checksum_ok = ma_inet_fold(ma_inet_sum(sum, d, len, -1)) == 0;
    m->checksum_checked = TRUE;
}

/* Number of Sources at offset 26 of a query, the sources after it (RFC 3810 5.1) */
static const ma_memb_wire MLD_V2 = {"MLDv2", 6, MLD_V2_QUERY_MIN - 2};

static gboolean need_v1_len(const char *what, gsize len, GError **err)
{
    if (len >= MLD_V1_LEN)
        return TRUE;
    g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_TRUNCATED,
                "MLD %s of %" G_GSIZE_FORMAT " bytes, shorter than 24", what, len);
    return FALSE;
}

static gboolean parse_query(ma_memb_msg *m, const uint8_t *d, gsize len, GError **err)
{
    m->kind = MA_MEMB_QUERY;
    if (!need_v1_len("query", len, err))
        return FALSE;
    ma_addr_from_ipv6(&m->group, d + 8);
    if (len == MLD_V1_LEN) {
        m->version = 1;
        m->max_resp_ms = ma_rd16(d + 4); /* RFC 2710 3.4: milliseconds */
        return TRUE;
    }
    if (len < MLD_V2_QUERY_MIN) { /* RFC 3810 8.1 */
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_MALFORMED,
                    "MLD query of %" G_GSIZE_FORMAT " bytes: neither v1 (24) nor v2 (>= 28), "
                    "RFC 3810 8.1", len);
        return FALSE;
    }
    m->version = 2;
    m->max_resp_ms = ma_mld_decode_code16(ma_rd16(d + 4));
    m->s_flag = (d[24] & 0x08) != 0;
    m->qrv = d[24] & 0x07;
    m->qqi_s = (int)ma_igmp_decode_code8(d[25]); /* same 8-bit form, RFC 3810 5.1.9 */
    return ma_memb_read_query_sources(m, &MLD_V2, d, len, err);
}

static gboolean parse_v2_report(ma_memb_msg *m, const uint8_t *d, gsize len, GError **err)
{
    m->version = 2;
    m->kind = MA_MEMB_REPORT_V3;
    if (len < MA_MEMB_REPORT_HDR) {
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_TRUNCATED,
                    "MLDv2 report of %" G_GSIZE_FORMAT " bytes, shorter than its 8-byte header",
                    len);
        return FALSE;
    }
    return ma_memb_read_records(m, &MLD_V2, d, len, err);
}

static gboolean parse_v1_msg(ma_memb_msg *m, ma_memb_kind kind, const char *what,
                             const uint8_t *d, gsize len, GError **err)
{
    m->version = 1;
    m->kind = kind;
    if (!need_v1_len(what, len, err))
        return FALSE;
    ma_addr_from_ipv6(&m->group, d + 8);
    return TRUE;
}

static gboolean parse_by_type(ma_memb_msg *m, const uint8_t *d, gsize len, GError **err)
{
    switch (d[0]) {
    case MLD_QUERY:
        return parse_query(m, d, len, err);
    case MLD_REPORT_V1:
        return parse_v1_msg(m, MA_MEMB_REPORT_V2, "report", d, len, err);
    case MLD_DONE:
        return parse_v1_msg(m, MA_MEMB_LEAVE_V2, "done", d, len, err);
    case MLD_REPORT_V2:
        return parse_v2_report(m, d, len, err);
    default: /* excluded by ma_mld_is_mld_type(); kept so err is always set */
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_UNKNOWN_TYPE,
                    "ICMPv6 type %u is not an MLD message", d[0]);
        return FALSE;
    }
}

gboolean ma_mld_is_mld_type(uint8_t t)
{
    return t == MLD_QUERY || t == MLD_REPORT_V1 || t == MLD_DONE || t == MLD_REPORT_V2;
}

ma_memb_msg *ma_mld_parse(const uint8_t *data, gsize len, const ma_addr *src,
                          const ma_addr *dst, GError **err)
{
    ma_memb_msg *m;
    if (data != NULL && len >= 1 && !ma_mld_is_mld_type(data[0])) {
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_UNKNOWN_TYPE,
                    "ICMPv6 type %u is not an MLD message", data[0]);
        return NULL;
    }
    if (data == NULL || len < 4) {
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_TRUNCATED,
                    "ICMPv6 message of %" G_GSIZE_FORMAT " bytes, shorter than its 4-byte header",
                    data == NULL ? 0 : len);
        return NULL;
    }
    m = g_new0(ma_memb_msg, 1);
    m->proto = MA_PROTO_MLD;
    m->raw_type = data[0];
    m->group.family = 6; /* :: until a message carries an address */
    if (!parse_by_type(m, data, len, err)) {
        ma_memb_msg_free(m);
        return NULL;
    }
    set_checksum(m, data, len, src, dst);
    return m;
}
