/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report.h - what every mcast-audit renderer shares: the run's result
 * (PASS/WARN/FAIL and the exit code), times relative to the capture start,
 * and helpers that make untrusted capture text safe to print.
 *
 * Renderers only read: the correlator must have been finished. */
#ifndef MA_REPORT_H
#define MA_REPORT_H

#include <glib.h>
#include "capture.h"
#include "correlator.h"
#include "ma_version.h"
#include "result.h"
#include "thresholds.h"

/* The JSON document's schema string; schemas/mcast-audit-2.schema.json
 * describes it.  /2: one report object per input file under "reports". */
#define MA_REPORT_SCHEMA "mcast-audit/2"
#define MA_REPORT_TOOL "mcast-audit"
#define MA_REPORT_VERSION MA_VERSION /* CMake's project version (ma_version.h) */

/* Everything a renderer needs about one run. */
typedef struct {
    const char *const *inputs;       /* NULL-terminated names (files, "-", or the interface) */
    const ma_correlator *corr;       /* finished */
    const ma_capture_stats *stats;   /* frames, start/end, warnings; may be NULL */
    const ma_thresholds *th;
    gboolean color;                  /* text: ANSI colours on severity words */
    gboolean quiet;                  /* text: only the final result line */
    gboolean list_udp;               /* list the unrelated flows too (ma_flow.unrelated) */
    gboolean list_membership;        /* text: one line per IGMP/MLD message (JSON always lists) */
} ma_report_ctx;

/* What one run renders: one report per input file (or one for --merge and
 * live capture), all judged against the same thresholds. */
typedef struct {
    const ma_report_ctx *reports; /* n of them, in the order the files were given */
    guint n;
    gboolean merged; /* --merge: one report of several files */
} ma_report_set;

/* Verdict counts by severity (index = ma_severity). */
typedef struct {
    guint by_sev[3];
} ma_verdict_counts;

void ma_report_count_verdicts(const ma_correlator *c, ma_verdict_counts *out);
/* The core's decision (result.h) with this run's --fail-on. */
ma_result ma_report_result(const ma_correlator *c, const ma_thresholds *th);
/* The worst result of the set's reports (PASS when it is empty). */
ma_result ma_report_set_result(const ma_report_set *set);
/* How many of the set's reports have result r. */
guint ma_report_set_count(const ma_report_set *set, ma_result r);

/* The capture's first frame time (ns since the epoch); 0 when nothing read. */
gint64 ma_report_start_ns(const ma_report_ctx *ctx);
/* Seconds from the capture's first frame. */
double ma_report_rel_s(const ma_report_ctx *ctx, gint64 ns);
guint64 ma_report_frames(const ma_report_ctx *ctx);
double ma_report_duration_s(const ma_report_ctx *ctx);

/* The reply's (else the request's) transport spec written back in Transport
 * header syntax; NULL when the track has none (g_free). */
char *ma_report_transport_text(const ma_track *t);

/* "10.0.0.1:554", "[ff3e::1]:5000" or the address alone when port < 0 (g_free). */
/* Where an RTP flow's clock rate came from, when it was not negotiated:
 * "inferred from the RTP timestamps", "inferred from the H.264/H.265 NAL
 * headers", "set by --clock-rate"; NULL for a negotiated or unknown rate.
 * Every report says so beside the jitter figures. */
const char *ma_report_clock_note(const ma_rtp_summary *r);
char *ma_report_endpoint(const ma_addr *a, int port);

/* Is flow f listed in this report?  Unrelated UDP only with --list-udp. */
gboolean ma_report_flow_listed(const ma_report_ctx *ctx, const ma_flow *f);
/* The flows tied to nothing that are counted, not listed: flows and datagrams. */
void ma_report_unlisted(const ma_report_ctx *ctx, guint *flows, guint64 *datagrams);

/* Capture bytes made printable: invalid UTF-8 and control characters become
 * U+FFFD in UTF-8 output (JSON/XML) or '?' in text (no terminal escapes). */
char *ma_report_safe_utf8(const char *s);   /* g_free; NULL in -> NULL out */
/* The same, then & < > " ' as entities: text and attribute values of XML
 * (JUnit) and HTML alike.  NULL appends nothing. */
void ma_report_append_markup(GString *out, const char *text);

/* report_group.c: the group-centric audit's shared reading (JSON and HTML).
 * Is membership message mm about group g: a v1/v2 report or leave of it, a
 * record of it, a query specific to it or a general query (which asks every
 * group)?  *query tells a query. */
gboolean ma_report_group_message_of(const ma_membership_message *mm, const ma_addr *g,
                                    gboolean *query);
/* The queriers that asked group g (general or specific queries), in order
 * of their first such query: ma_addr* borrowed from the correlator
 * (g_ptr_array_free(.., TRUE)). */
GPtrArray *ma_report_group_queriers(const ma_report_ctx *ctx, const ma_addr *g);
/* Appends " IGMPv3" (" MLDv2", one per protocol/version heard) for querier q:
 * the text and HTML group blocks name a querier alike. */
void ma_report_querier_versions(const ma_report_ctx *ctx, const ma_addr *q, GString *out);

/* Renderers append the whole set to out. */
void ma_report_text(const ma_report_set *set, GString *out);
void ma_report_json(const ma_report_set *set, GString *out);
void ma_report_junit(const ma_report_set *set, GString *out);
/* Self-contained page of one report: inline CSS and SVG, no script, no
 * request (one capture: several files need --merge). */
void ma_report_html(const ma_report_ctx *ctx, GString *out);

#endif
