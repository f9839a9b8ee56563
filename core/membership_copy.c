/* SPDX-License-Identifier: GPL-2.0-or-later */
/* membership_copy.c - a parsed IGMP/MLD message kept beyond its frame (the
 * correlator's record-by-record listing) and the test that folds a repeat
 * into the message it repeats: two messages are the same when every field
 * the wire carried (and the checksum's verdict) is; and which group a kept
 * message is about. */
#include "membership.h"

#include <string.h>

static ma_addr *copy_addrs(const ma_addr *a, guint n)
{
    return n > 0 && a != NULL ? g_memdup2(a, sizeof(ma_addr) * n) : NULL;
}

ma_memb_msg *ma_memb_msg_copy(const ma_memb_msg *m)
{
    if (m == NULL)
        return NULL;
    ma_memb_msg *c = g_memdup2(m, sizeof *m);
    c->query_sources = copy_addrs(m->query_sources, m->n_query_sources);
    c->records = m->n_records > 0 ? g_new0(ma_memb_record, m->n_records) : NULL;
    for (guint i = 0; i < m->n_records; i++) {
        c->records[i] = m->records[i];
        c->records[i].sources = copy_addrs(m->records[i].sources, m->records[i].n_sources);
    }
    return c;
}

guint ma_memb_msg_addresses(const ma_memb_msg *m)
{
    guint n = m->n_query_sources;
    for (guint i = 0; i < m->n_records; i++)
        n += m->records[i].n_sources;
    return n;
}

static gboolean same_addrs(const ma_addr *a, const ma_addr *b, guint n)
{
    for (guint i = 0; i < n; i++)
        if (!ma_addr_equal(&a[i], &b[i]))
            return FALSE;
    return TRUE;
}

static gboolean same_record(const ma_memb_record *a, const ma_memb_record *b)
{
    return a->type == b->type && a->aux_len == b->aux_len && a->n_sources == b->n_sources &&
           ma_addr_equal(&a->group, &b->group) && same_addrs(a->sources, b->sources, a->n_sources);
}

gboolean ma_memb_msg_same(const ma_memb_msg *a, const ma_memb_msg *b)
{
    if (a->proto != b->proto || a->version != b->version || a->kind != b->kind ||
        a->raw_type != b->raw_type || !ma_addr_equal(&a->group, &b->group) ||
        a->max_resp_ms != b->max_resp_ms || a->s_flag != b->s_flag || a->qrv != b->qrv ||
        a->qqi_s != b->qqi_s || a->checksum != b->checksum || a->checksum_ok != b->checksum_ok ||
        a->checksum_checked != b->checksum_checked || a->n_query_sources != b->n_query_sources ||
        a->n_records != b->n_records)
        return FALSE;
    if (!same_addrs(a->query_sources, b->query_sources, a->n_query_sources))
        return FALSE;
    for (guint i = 0; i < a->n_records; i++)
        if (!same_record(&a->records[i], &b->records[i]))
            return FALSE;
    return TRUE;
}

gboolean ma_memb_msg_about_group(const ma_memb_msg *m, const ma_addr *g, gboolean *query)
{
    *query = m->kind == MA_MEMB_QUERY;
    if (*query)
        return ma_addr_is_unspecified(&m->group) || !ma_addr_is_set(&m->group) ||
               ma_addr_equal(&m->group, g);
    if (m->kind != MA_MEMB_REPORT_V3)
        return ma_addr_equal(&m->group, g);
    for (guint i = 0; i < m->n_records; i++)
        if (ma_addr_equal(&m->records[i].group, g))
            return TRUE;
    return FALSE;
}
