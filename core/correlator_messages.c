/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_messages.c - every IGMP/MLD message as it arrived, for the
 * record-by-record listing (reports, tshark comparison).  The joins and
 * leaves they mean are correlator_membership.c's; this keeps the wire view:
 * type, version, group, records, sources, checksum.
 *
 * Repeats fold: a host refreshing its membership every 125 s, a querier's
 * general queries, or a flood of identical reports are one entry with a
 * count and the run's last frame, so the listing grows with what changes,
 * never with time.  It is bounded anyway, in messages and in source
 * addresses (a report may carry hundreds). */
#include "correlator_internal.h"

static void message_clear(gpointer p)
{
    ma_memb_msg_free(((ma_membership_message *)p)->msg);
}

void ma_corr_messages_init(ma_correlator *c)
{
    c->memb_msgs = g_array_new(FALSE, TRUE, sizeof(ma_membership_message));
    g_array_set_clear_func(c->memb_msgs, message_clear);
    c->memb_msg_last = g_hash_table_new_full(ma_corr_host_hash, ma_corr_host_equal, g_free, NULL);
}

void ma_corr_messages_free(ma_correlator *c)
{
    g_array_free(c->memb_msgs, TRUE);
    g_hash_table_destroy(c->memb_msg_last);
}

static gboolean repeats(const ma_membership_message *prev, const ma_ev_membership *ev)
{
    return ma_addr_equal(&prev->dst, &ev->dst) && prev->ip_ttl == ev->ip_ttl &&
           prev->router_alert == ev->router_alert && ma_memb_msg_same(prev->msg, ev->msg);
}

void ma_corr_messages_add(ma_correlator *c, const ma_ev_membership *ev)
{
    ma_corr_host k = {ev->src, (int)ev->msg->proto};
    guint at = GPOINTER_TO_UINT(g_hash_table_lookup(c->memb_msg_last, &k));
    if (at > 0 && at <= c->memb_msgs->len) {
        ma_membership_message *prev = &g_array_index(c->memb_msgs, ma_membership_message, at - 1);
        if (repeats(prev, ev)) {
            prev->repeats++;
            prev->last_frame = ev->meta.frame;
            prev->last_ns = ev->meta.ts_ns;
            return;
        }
    }
    guint addrs = ma_memb_msg_addresses(ev->msg);
    guint64 budget = (guint64)c->th.max_flows * MA_CORR_MEMB_MESSAGE_ADDRS_PER_FLOW;
    if (c->memb_msgs->len >= ma_corr_table_limit(c, MA_CORR_TABLE_MEMB_MESSAGES) ||
        c->memb_msg_addrs + addrs > budget) {
        ma_corr_limit(c, MA_CORR_TABLE_MEMB_MESSAGES, ev->meta.frame);
        return;
    }
    ma_membership_message m = {.frame = ev->meta.frame,
                               .ts_ns = ev->meta.ts_ns,
                               .last_frame = ev->meta.frame,
                               .last_ns = ev->meta.ts_ns,
                               .src = ev->src,
                               .dst = ev->dst,
                               .ip_ttl = ev->ip_ttl,
                               .router_alert = ev->router_alert,
                               .msg = ma_memb_msg_copy(ev->msg)};
    g_array_append_val(c->memb_msgs, m);
    c->memb_msg_addrs += addrs;
    ma_corr_host *key = g_new(ma_corr_host, 1);
    *key = k;
    g_hash_table_replace(c->memb_msg_last, key, GUINT_TO_POINTER(c->memb_msgs->len));
}

void ma_corr_messages_retire(ma_correlator *c, gint64 before_ns)
{
    GArray *ms = c->memb_msgs;
    guint keep = 0;
    for (guint i = 0; i < ms->len; i++) {
        ma_membership_message *m = &g_array_index(ms, ma_membership_message, i);
        if (m->last_ns < before_ns) {
            c->memb_msg_addrs -= ma_memb_msg_addresses(m->msg);
            ma_memb_msg_free(m->msg);
            continue;
        }
        if (keep != i)
            g_array_index(ms, ma_membership_message, keep) = *m;
        keep++;
    }
    /* the moved entries' slots are not cleared again: their messages live on */
    for (guint i = keep; i < ms->len; i++)
        g_array_index(ms, ma_membership_message, i).msg = NULL;
    g_array_set_size(ms, keep);
    g_hash_table_remove_all(
        c->memb_msg_last); /* indices moved: nothing folds across a retirement */
}
