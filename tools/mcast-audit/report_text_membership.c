/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_text_membership.c - the text report's IGMP/MLD line: how many
 * messages of each protocol version, how many folded repeats, and the
 * checksums (bad ones by frame); with --list-membership one line per
 * listed message (ma_membership_message), record by record, as tshark
 * shows them. */
#include "report_text_priv.h"

#define MA_TEXT_BAD_FRAMES 8 /* bad-checksum frames named before "..." */

static const char *kind_word(const ma_memb_msg *m)
{
    switch (m->kind) {
    case MA_MEMB_QUERY: return "query";
    case MA_MEMB_LEAVE_V2: return m->proto == MA_PROTO_MLD ? "done" : "leave";
    default: return "report";
    }
}

static void addrs(ma_text *t, const ma_addr *a, guint n)
{
    g_string_append_c(t->out, '{');
    for (guint i = 0; i < n; i++) {
        char s[MA_ADDR_STRLEN];
        g_string_append_printf(t->out, "%s%s", i > 0 ? ", " : "", ma_addr_to_str(&a[i], s));
    }
    g_string_append_c(t->out, '}');
}

static void message_line(ma_text *t, const ma_membership_message *mm)
{
    const ma_memb_msg *m = mm->msg;
    char src[MA_ADDR_STRLEN], dst[MA_ADDR_STRLEN], g[MA_ADDR_STRLEN];
    ma_text_label(t, NULL);
    g_string_append_printf(t->out, "frame %u", mm->frame);
    if (mm->repeats > 0)
        g_string_append_printf(t->out, " (+%u identical to frame %u)", mm->repeats, mm->last_frame);
    g_string_append_printf(t->out, " %s -> %s %s%d %s", ma_addr_to_str(&mm->src, src),
                           ma_addr_to_str(&mm->dst, dst),
                           m->proto == MA_PROTO_MLD ? "MLDv" : "IGMPv", m->version, kind_word(m));
    if (m->kind != MA_MEMB_REPORT_V3)
        g_string_append_printf(t->out, " %s", ma_addr_to_str(&m->group, g));
    if (m->kind == MA_MEMB_QUERY && m->n_query_sources > 0) {
        g_string_append_c(t->out, ' ');
        addrs(t, m->query_sources, m->n_query_sources);
    }
    for (guint i = 0; i < m->n_records; i++) {
        const ma_memb_record *r = &m->records[i];
        g_string_append_printf(t->out, "%s %s %s ", i == 0 ? ":" : ";",
                               ma_record_type_abbrev(r->type), ma_addr_to_str(&r->group, g));
        addrs(t, r->sources, r->n_sources);
    }
    g_string_append_printf(t->out, "  checksum 0x%04x %s\n", m->checksum,
                           !m->checksum_checked ? "unchecked"
                           : m->checksum_ok     ? "good"
                                                : "BAD");
}

void ma_text_membership(ma_text *t)
{
    const GArray *ms = ma_correlator_membership_messages(t->ctx->corr);
    if (ms == NULL || ms->len == 0)
        return;
    guint64 total = 0, bad = 0, by_version[2][4] = {{0}};
    for (guint i = 0; i < ms->len; i++) {
        const ma_membership_message *mm = &g_array_index(ms, ma_membership_message, i);
        guint64 n = (guint64)mm->repeats + 1;
        total += n;
        if (mm->msg->checksum_checked && !mm->msg->checksum_ok)
            bad += n;
        if (mm->msg->version >= 1 && mm->msg->version <= 3)
            by_version[mm->msg->proto == MA_PROTO_MLD][mm->msg->version] += n;
    }
    g_string_append_printf(t->out, "IGMP/MLD  %" G_GUINT64_FORMAT " message%s", total,
                           ma_text_plural(total));
    if (total > ms->len)
        g_string_append_printf(t->out, " in %u entries (identical repeats folded)", ms->len);
    const char *sep = ": ";
    for (int p = 0; p < 2; p++)
        for (int v = 1; v <= 3; v++) {
            if (by_version[p][v] == 0)
                continue;
            g_string_append_printf(t->out, "%s%s%d %" G_GUINT64_FORMAT, sep, p ? "MLDv" : "IGMPv",
                                   v, by_version[p][v]);
            sep = ", ";
        }
    g_string_append_printf(t->out, "; checksums %" G_GUINT64_FORMAT " good", total - bad);
    if (bad > 0) {
        g_string_append_printf(t->out, ", %" G_GUINT64_FORMAT " bad (frame", bad);
        guint named = 0;
        for (guint i = 0; i < ms->len && named <= MA_TEXT_BAD_FRAMES; i++) {
            const ma_membership_message *mm = &g_array_index(ms, ma_membership_message, i);
            if (!mm->msg->checksum_checked || mm->msg->checksum_ok)
                continue;
            if (named++ == MA_TEXT_BAD_FRAMES)
                g_string_append(t->out, ", ...");
            else
                g_string_append_printf(t->out, "%s %u", named > 1 ? "," : "", mm->frame);
        }
        g_string_append_c(t->out, ')');
    }
    g_string_append(t->out, t->ctx->list_membership ? "\n" : " (--list-membership lists them)\n");
    for (guint i = 0; t->ctx->list_membership && i < ms->len; i++)
        message_line(t, &g_array_index(ms, ma_membership_message, i));
}
