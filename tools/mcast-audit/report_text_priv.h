/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_text_priv.h - helpers shared by the text report's two files:
 * report_text.c (the document: header, other flows, queriers, result) and
 * report_text_session.c (one session's story). */
#ifndef MA_REPORT_TEXT_PRIV_H
#define MA_REPORT_TEXT_PRIV_H

#include "report.h"

/* Column where a session line's text starts ("Verdicts  " is 10 wide). */
#define MA_TEXT_LABEL_WIDTH 10
#define MA_TEXT_WRAP 100

typedef struct {
    const ma_report_ctx *ctx;
    GString *out;
} ma_text;

/* Capture text (URLs, messages) appended without control characters. */
void ma_text_safe(ma_text *t, const char *s);
/* "0.412 s" from the capture start. */
void ma_text_time(ma_text *t, gint64 ns);
/* A label padded to MA_TEXT_LABEL_WIDTH after a 4-space indent, or blanks. */
void ma_text_label(ma_text *t, const char *label);
/* ERROR / WARN / INFO, coloured when enabled. */
void ma_text_severity(ma_text *t, ma_severity sev);
/* Every verdict of session_id (0 = the capture's own) under label; returns
 * how many were printed. */
guint ma_text_verdicts(ma_text *t, const char *label, guint session_id);
/* "packets 1234  lost 0 (0.00%) ..." for an RTP flow; "N datagrams" else. */
void ma_text_flow_figures(ma_text *t, const ma_flow *f);
/* The loss bursts line of an RTP flow with loss (nothing without loss). */
void ma_text_loss_bursts(ma_text *t, const ma_flow *f);
/* The MPEG-TS line (TR 101 290 figures) of a flow carrying TS, else nothing. */
void ma_text_ts_figures(ma_text *t, const ma_flow *f);
void ma_text_fec_figures(ma_text *t, const ma_flow *f);
/* "src:port -> dst:port" */
void ma_text_flow_ends(ma_text *t, const ma_flow *f);
/* "s" when n != 1, for plurals. */
const char *ma_text_plural(guint64 n);

/* "IGMPv3 CHANGE_TO_EXCLUDE, any source" / "IGMPv2 report" / "MLDv1 done"
 * (the HTML ladder labels its arrows with the same words). */
void ma_text_membership_how(ma_text *t, const ma_membership_event *m);

void ma_text_session(ma_text *t, const ma_session *s);
/* report_text_membership.c: the IGMP/MLD line (and, with --list-membership,
 * one line per listed message) */
void ma_text_membership(ma_text *t);
/* One verdict: severity, code, message, explanation, frames. */
void ma_text_one_verdict(ma_text *t, const ma_verdict *v);
/* report_text_group.c: the group-centric audit, one block per group */
void ma_text_groups(ma_text *t);

#endif
