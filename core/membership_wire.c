/* SPDX-License-Identifier: GPL-2.0-or-later */
/* membership_wire.c - what igmp.c and mld.c share: the error quark, the
 * Internet checksum, freeing a message, record type names, and the parts of
 * the IGMPv3 (RFC 3376 4.1, 4.2) and MLDv2 (RFC 3810 5.1, 5.2) formats that
 * are the same but for the address size: query source lists and report
 * group records.  Every count is checked against the bytes that remain
 * before anything is read or allocated. */
#include "membership_internal.h"

G_DEFINE_QUARK(ma-memb-error-quark, ma_memb_error)

uint32_t ma_inet_sum(uint32_t sum, const uint8_t *data, gsize len, gssize skip_off)
{
    guint64 acc = sum;
    for (gsize i = 0; i < len; i++) {
        gboolean skip = skip_off >= 0 && (i == (gsize)skip_off || i == (gsize)skip_off + 1);
        guint64 b = skip ? 0 : data[i];
        acc += (i & 1) ? b : b << 8; /* big-endian 16-bit words, odd tail padded */
    }
    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    return (uint32_t)acc;
}

uint16_t ma_inet_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)(~sum & 0xffff);
}

void ma_memb_msg_free(ma_memb_msg *m)
{
    if (m == NULL)
        return;
    for (guint i = 0; i < m->n_records; i++)
        g_free(m->records[i].sources);
    g_free(m->records);
    g_free(m->query_sources);
    g_free(m);
}

static const char *const rec_names[] = {NULL, "MODE_IS_INCLUDE", "MODE_IS_EXCLUDE",
                                        "CHANGE_TO_INCLUDE_MODE", "CHANGE_TO_EXCLUDE_MODE",
                                        "ALLOW_NEW_SOURCES", "BLOCK_OLD_SOURCES"};
static const char *const rec_abbrevs[] = {NULL, "IS_IN", "IS_EX", "TO_IN", "TO_EX", "ALLOW",
                                          "BLOCK"};

const char *ma_record_type_name(int type)
{
    if (type < 1 || type >= (int)G_N_ELEMENTS(rec_names))
        return "UNKNOWN";
    return rec_names[type];
}

const char *ma_record_type_abbrev(int type)
{
    if (type < 1 || type >= (int)G_N_ELEMENTS(rec_abbrevs))
        return "?";
    return rec_abbrevs[type];
}

static void read_addr(const ma_memb_wire *w, ma_addr *a, const uint8_t *p)
{
    if (w->family == 6)
        ma_addr_from_ipv6(a, p);
    else
        ma_addr_from_ipv4(a, p);
}

/* n addresses at p; the caller checked the length. */
static ma_addr *read_addr_list(const ma_memb_wire *w, const uint8_t *p, guint n)
{
    gsize size = ma_memb_addr_len(w);
    ma_addr *a = n > 0 ? g_new0(ma_addr, n) : NULL;
    for (guint i = 0; i < n; i++)
        read_addr(w, &a[i], p + size * (gsize)i);
    return a;
}

gboolean ma_memb_read_query_sources(ma_memb_msg *m, const ma_memb_wire *w, const uint8_t *d,
                                    gsize len, GError **err)
{
    gsize first = w->query_count_off + 2, size = ma_memb_addr_len(w);
    guint n = ma_rd16(d + w->query_count_off);
    if ((gsize)n * size > len - first) {
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_TRUNCATED,
                    "%s query: %u sources need %u bytes, only %" G_GSIZE_FORMAT " remain",
                    w->name, n, n * (guint)size, len - first);
        return FALSE;
    }
    m->n_query_sources = n;
    m->query_sources = read_addr_list(w, d + first, n);
    return TRUE; /* bytes after the sources: RFC 3376 4.1.10, ignored */
}

/* One group record at *off; advances *off past sources and aux data. */
static gboolean parse_record(const ma_memb_wire *w, ma_memb_record *r, guint idx,
                             const uint8_t *d, gsize len, gsize *off, GError **err)
{
    gsize rest = len - *off, size = ma_memb_addr_len(w);
    gsize hdr = 4 + size; /* type, aux len, n sources, group */
    if (rest < hdr) {
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_TRUNCATED,
                    "%s report: record %u header needs %u bytes, only %" G_GSIZE_FORMAT
                    " remain", w->name, idx + 1, (guint)hdr, rest);
        return FALSE;
    }
    const uint8_t *p = d + *off;
    guint n = ma_rd16(p + 2);
    gsize need = hdr + (gsize)n * size + (gsize)p[1] * 4;
    if (need > rest) {
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_TRUNCATED,
                    "%s report: record %u with %u sources and %u aux words needs %"
                    G_GSIZE_FORMAT " bytes, only %" G_GSIZE_FORMAT " remain",
                    w->name, idx + 1, n, p[1], need, rest);
        return FALSE;
    }
    r->type = p[0];
    r->aux_len = (guint)p[1] * 4;
    read_addr(w, &r->group, p + 4);
    r->n_sources = n;
    r->sources = read_addr_list(w, p + hdr, n);
    *off += need;
    return TRUE;
}

gboolean ma_memb_read_records(ma_memb_msg *m, const ma_memb_wire *w, const uint8_t *d, gsize len,
                              GError **err)
{
    gsize off = MA_MEMB_REPORT_HDR, hdr = 4 + ma_memb_addr_len(w);
    guint n = ma_rd16(d + 6);
    /* Each record takes at least its header: refuse a count the length
     * cannot hold before allocating. */
    if ((gsize)n * hdr > len - MA_MEMB_REPORT_HDR) {
        g_set_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_TRUNCATED,
                    "%s report: %u records need at least %u bytes, only %" G_GSIZE_FORMAT
                    " remain", w->name, n, n * (guint)hdr, len - MA_MEMB_REPORT_HDR);
        return FALSE;
    }
    m->records = n > 0 ? g_new0(ma_memb_record, n) : NULL;
    for (guint i = 0; i < n; i++) {
        if (!parse_record(w, &m->records[i], i, d, len, &off, err))
            return FALSE;
        m->n_records = i + 1; /* so that free releases what was read */
    }
    return TRUE;
}
