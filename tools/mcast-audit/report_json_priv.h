/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_json_priv.h - JsonBuilder helpers shared by report_json.c (the
 * document, sessions, tracks) and report_json_flows.c (flows, queriers,
 * verdicts).  Absent figures become null, never a made-up value. */
#ifndef MA_REPORT_JSON_PRIV_H
#define MA_REPORT_JSON_PRIV_H

#include <json-glib/json-glib.h>
#include "report.h"

void ma_json_str(JsonBuilder *b, const char *name, const char *value);   /* NULL -> null */
void ma_json_int(JsonBuilder *b, const char *name, gint64 value);
void ma_json_int_if(JsonBuilder *b, const char *name, gint64 value, gboolean present);
void ma_json_frame(JsonBuilder *b, const char *name, uint32_t frame);   /* 0 -> null */
/* value rounded to decimals places; null when absent or not finite */
void ma_json_num_if(JsonBuilder *b, const char *name, double value, int decimals, gboolean present);
void ma_json_bool(JsonBuilder *b, const char *name, gboolean value);
void ma_json_addr(JsonBuilder *b, const char *name, const ma_addr *a); /* unset -> null */
/* A member holding an array of n addresses (empty when addrs is NULL). */
void ma_json_addr_array(JsonBuilder *b, const char *name, const ma_addr *addrs, guint n);
void ma_json_null(JsonBuilder *b, const char *name);

/* One verdict object; the document's and each session's lists share it. */
void ma_json_verdict(JsonBuilder *b, const ma_verdict *v);
void ma_json_flows(JsonBuilder *b, const ma_report_ctx *ctx);
void ma_json_queriers(JsonBuilder *b, const ma_report_ctx *ctx);
/* report_json_membership.c: every IGMP/MLD message, repeats folded.  The
 * member is a placeholder in the tree; the finished text gets each report's
 * array written into it (doc: the generated text of set, appended to out). */
void ma_json_membership_messages(JsonBuilder *b, const ma_report_ctx *ctx);
/* report_json_group.c: the group-centric audit ("groups") */
void ma_json_groups(JsonBuilder *b, const ma_report_ctx *ctx);
void ma_json_splice_membership_messages(GString *out, const char *doc, const ma_report_set *set);

/* JsonGenerator prints doubles with 17 digits (0.1 -> 0.10000000000000001):
 * rewrite each number outside strings in its shortest exact form. */
char *ma_json_shorten_numbers(const char *json);

#endif
