/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report_html_priv.h - what the HTML report's files share:
 * report_html.c (the page: summary, sections, style), report_html_ladder.c
 * (one ladder diagram per session), report_html_plot.c (plots per flow) and
 * report_html_group.c (the groups without an RTSP session).
 * Everything from the capture is untrusted and goes through ma_html_esc. */
#ifndef MA_REPORT_HTML_PRIV_H
#define MA_REPORT_HTML_PRIV_H

#include "report.h"

typedef struct {
    const ma_report_ctx *ctx;
    GString *out;
    /* anchor id ("s1-f11", "flow-2-loss") -> GINT_TO_POINTER(1): what the
     * summary's verdict links may point at (filled before the summary is written) */
    GHashTable *anchors;
} ma_html;

/* Text made safe for HTML element content and attribute values: invalid
 * UTF-8 and control characters replaced (ma_report_safe_utf8), then & < > " '
 * written as entities. */
void ma_html_esc(GString *out, const char *s);
/* printf, then escaped. */
void ma_html_escf(GString *out, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* CSS class of a severity ("sev-error", "sev-warning", "sev-info"); colours in one place. */
const char *ma_html_sev_class(ma_severity sev);
const char *ma_html_sev_color(ma_severity sev);
/* Worst severity of the verdicts of session s (and of the capture) that cite
 * frame as proof; -1 when none does. */
int ma_html_frame_severity(const ma_html *h, guint session_id, uint32_t frame);
/* Worst severity among verdicts of session_id with one of codes (NULL
 * terminated); -1 when none. */
int ma_html_code_severity(const ma_html *h, guint session_id, const char *const *codes);
void ma_html_anchor(ma_html *h, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* The ladder diagram of one session (an <svg class="ladder">). */
void ma_html_ladder(ma_html *h, const ma_session *s);
/* The plots of one RTP flow over [t0_ns, t1_ns]; s and k may be NULL (flows
 * tied to no session: no membership band). */
void ma_html_flow_plots(ma_html *h, const ma_session *s, const ma_track *k, const ma_flow *f);
/* report_html_group.c: the group-centric audit, one block per group
 * (id "group-N", N its 1-based place in ma_correlator_groups), after the
 * sessions; nothing when every group had an RTSP session. */
void ma_html_groups(ma_html *h);
/* report_html_described.c: a block per session an SDP file or SAP describes. */
void ma_html_described(ma_html *h);
/* A table of verdicts (severity, code and name, message, frames) for a group
 * or described-session block: class KIND-verdicts, each row data-KIND-verdict
 * = its code; NONE is said when there is no verdict (verdicts may be NULL). */
void ma_html_verdicts_table(ma_html *h, const GPtrArray *verdicts, const char *kind,
                            const char *none);
/* The N of the group block a group verdict is told under; 0 for others. */
guint ma_html_group_of(const ma_html *h, const ma_verdict *v);

#endif
