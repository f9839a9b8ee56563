/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_json_membership.c - the report's "membership_messages": every
 * IGMP/MLD message as it arrived (queries too), repeats folded into one
 * entry with their count and last frame (ma_membership_message), so a
 * listing can be compared record by record with tshark's. */
#include "report_json_priv.h"

#include <string.h>

static const char *kind_name(ma_memb_kind k)
{
    switch (k) {
    case MA_MEMB_QUERY: return "query";
    case MA_MEMB_LEAVE_V2: return "leave";
    default: return "report";
    }
}

static const char *checksum_status(const ma_memb_msg *m)
{
    if (!m->checksum_checked)
        return "unchecked";
    return m->checksum_ok ? "good" : "bad";
}

static void records(JsonBuilder *b, const ma_memb_msg *m)
{
    json_builder_set_member_name(b, "records");
    json_builder_begin_array(b);
    for (guint i = 0; i < m->n_records; i++) {
        const ma_memb_record *r = &m->records[i];
        json_builder_begin_object(b);
        ma_json_int(b, "type", r->type);
        ma_json_str(b, "name", ma_record_type_abbrev(r->type));
        ma_json_addr(b, "group", &r->group);
        ma_json_addr_array(b, "sources", r->sources, r->n_sources);
        ma_json_int(b, "aux_words", r->aux_len / 4); /* the Aux Data Len field */
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void message_object(JsonBuilder *b, const ma_report_ctx *ctx,
                           const ma_membership_message *mm)
{
    const ma_memb_msg *m = mm->msg;
    gboolean query = m->kind == MA_MEMB_QUERY;
    gboolean v3 = m->kind == MA_MEMB_REPORT_V3;
    json_builder_begin_object(b);
    ma_json_int(b, "frame", mm->frame);
    ma_json_num_if(b, "time", ma_report_rel_s(ctx, mm->ts_ns), 6, TRUE);
    ma_json_int(b, "repeats", mm->repeats);
    ma_json_int(b, "last_frame", mm->last_frame);
    ma_json_num_if(b, "last_time", ma_report_rel_s(ctx, mm->last_ns), 6, TRUE);
    ma_json_addr(b, "src", &mm->src);
    ma_json_addr(b, "dst", &mm->dst);
    ma_json_int_if(b, "ttl", mm->ip_ttl, mm->ip_ttl >= 0);
    ma_json_bool(b, "router_alert", mm->router_alert);
    ma_json_str(b, "proto", m->proto == MA_PROTO_MLD ? "MLD" : "IGMP");
    ma_json_int(b, "version", m->version);
    ma_json_str(b, "kind", kind_name(m->kind));
    ma_json_int(b, "type", m->raw_type);
    /* a v3 report names its groups in its records only */
    if (v3)
        ma_json_null(b, "group");
    else
        ma_json_addr(b, "group", &m->group);
    ma_json_num_if(b, "max_resp_ms", m->max_resp_ms, 3, query);
    /* IGMPv3 and MLDv2 queries carry S, QRV and QQIC (RFC 3376 4.1.5-4.1.7) */
    gboolean v3_query = query && m->version == (m->proto == MA_PROTO_MLD ? 2 : 3);
    if (v3_query)
        ma_json_bool(b, "s_flag", m->s_flag);
    else
        ma_json_null(b, "s_flag");
    ma_json_int_if(b, "qrv", m->qrv, v3_query);
    ma_json_int_if(b, "qqi_s", m->qqi_s, v3_query);
    if (query)
        ma_json_addr_array(b, "query_sources", m->query_sources, m->n_query_sources);
    else
        ma_json_null(b, "query_sources");
    char ck[8];
    g_snprintf(ck, sizeof ck, "0x%04x", m->checksum);
    ma_json_str(b, "checksum", ck);
    ma_json_str(b, "checksum_status", checksum_status(m));
    if (v3)
        records(b, m);
    else
        ma_json_null(b, "records");
    json_builder_end_object(b);
}

/* The listing may hold thousands of messages, and a JsonBuilder tree costs
 * kilobytes per node: the document holds a placeholder string where the
 * array goes, and the array is written message by message (one small tree
 * at a time) into the finished text. */
#define PLACEHOLDER "ma-membership-messages"
#define MEMBER "\"membership_messages\" : \"" PLACEHOLDER "\""

void ma_json_membership_messages(JsonBuilder *b, const ma_report_ctx *ctx)
{
    (void)ctx;
    ma_json_str(b, "membership_messages", PLACEHOLDER);
}

static void message_text(GString *out, const ma_report_ctx *ctx, const ma_membership_message *mm,
                         const char *indent)
{
    JsonBuilder *b = json_builder_new();
    message_object(b, ctx, mm);
    JsonNode *root = json_builder_get_root(b);
    JsonGenerator *gen = json_generator_new();
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 2);
    json_generator_set_root(gen, root);
    char *text = json_generator_to_data(gen, NULL);
    char *shortened = ma_json_shorten_numbers(text);
    for (const char *p = shortened; *p != '\0';) {
        const char *nl = strchr(p, '\n');
        gsize n = nl != NULL ? (gsize)(nl - p) : strlen(p);
        if (p != shortened)
            g_string_append(out, indent);
        g_string_append_len(out, p, (gssize)n);
        if (nl == NULL)
            break;
        g_string_append_c(out, '\n');
        p = nl + 1;
    }
    g_free(shortened);
    g_free(text);
    json_node_unref(root);
    g_object_unref(gen);
    g_object_unref(b);
}

/* The array for ctx, indented as the generator indents a report's member
 * (reports[i].membership_messages: three levels of two spaces). */
static void messages_text(GString *out, const ma_report_ctx *ctx)
{
    static const char item_indent[] = "        ";
    const GArray *ms = ma_correlator_membership_messages(ctx->corr);
    if (ms == NULL || ms->len == 0) {
        g_string_append(out, "\"membership_messages\" : []");
        return;
    }
    g_string_append(out, "\"membership_messages\" : [\n");
    for (guint i = 0; i < ms->len; i++) {
        g_string_append(out, item_indent);
        message_text(out, ctx, &g_array_index(ms, ma_membership_message, i), item_indent);
        g_string_append(out, i + 1 < ms->len ? ",\n" : "\n");
    }
    g_string_append(out, item_indent + 2);
    g_string_append_c(out, ']');
}

void ma_json_splice_membership_messages(GString *out, const char *doc, const ma_report_set *set)
{
    /* an unescaped quote before a member name cannot come from capture
     * text (strings are escaped), so each match is one report's member */
    const char *p = doc;
    for (guint i = 0; i < set->n; i++) {
        const char *at = strstr(p, MEMBER);
        if (at == NULL)
            break;
        g_string_append_len(out, p, at - p);
        messages_text(out, &set->reports[i]);
        p = at + strlen(MEMBER);
    }
    g_string_append(out, p);
}
