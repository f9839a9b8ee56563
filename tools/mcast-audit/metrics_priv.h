/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics_priv.h - what the metrics files share (not API): the model's
 * state (metrics_model.c) and the renderers of each part of the exposition
 * (metrics_flows.c, metrics_sessions.c, metrics_render.c). */
#ifndef MA_METRICS_PRIV_H
#define MA_METRICS_PRIV_H

#include "correlator_live.h"
#include "metrics.h"

#define MA_METRICS_DEFAULT_FLOW_SERIES 1000u
#define MA_METRICS_PREFIX "mcast_audit_"

#define MA_ROLE_LABELS 4 /* client, camera, other, unspecified (ma_host_role) */

/* Per multicast group: joins and leaves counted as they came, members now. */
typedef struct {
    ma_addr group;
    guint64 joins[MA_ROLE_LABELS], leaves[MA_ROLE_LABELS]; /* by ma_host_role */
    guint members[MA_ROLE_LABELS];
    /* the group-centric audit's media counters (metrics_group_audit.c): what
     * its retired flows had counted, so the totals never go down, and the
     * largest loss exported (a late packet filling a hole stays counted) */
    guint64 media_packets_retired, media_lost_retired;
    guint64 media_lost_exported;
} group_figures;

/* Per flow (by flow id): what the correlator does not keep. */
typedef struct {
    double jitter_window_max_ms; /* largest running jitter since the last scrape */
    gboolean window_seen;        /* a packet since the last scrape */
    guint64 tick_bytes;          /* bytes at the last tick */
    gint64 tick_ns;
    double bitrate_bps;          /* over the last tick */
    gint64 lost_exported;        /* lost never goes down in a counter (late packets fill holes) */
    /* RFC 4445 MDI per interval: the intervals that closed since the last
     * scrape (their largest DF and MLR), else the last one that closed */
    guint mdi_closed;         /* intervals closed when the flow was last looked at */
    gboolean mdi_window_seen; /* one closed since the last scrape */
    double mdi_df_window_ms, mdi_mlr_window;
    double mdi_df_last_ms, mdi_mlr_last;
    /* a media flow of a group of the group-centric audit: its group and
     * counts as last exported, added to the group's when the flow retires */
    ma_addr media_group;
    guint64 media_packets, media_lost;
} ma_metrics_flow;

struct ma_metrics {
    ma_metrics_opts opts;
    GHashTable *flows;           /* flow id -> ma_metrics_flow* */
    GHashTable *standing;        /* verdict key (char*) -> ma_metrics_standing* */
    guint64 *raised_count;       /* per catalogue entry (ma_verdict_id) */
    gint64 start_ns;
    GHashTable *groups;          /* ma_addr* -> group_figures* (owned), every group seen */
    GPtrArray *group_order;      /* group_figures*, first seen first */
    uint32_t memb_frame;         /* membership changes up to this frame are counted */
};

/* A provisional verdict that stands: it counts as raised once it has stood
 * MA_METRICS_GRACE_S of capture time (a session a second old has no RTCP
 * and no join yet; that is not yet evidence).  Final verdicts count at once,
 * and so do time-based ones (ma_verdict_def.time_based: their rule waited
 * already, e.g. 5 s of silence for MA312). */
#define MA_METRICS_GRACE_S 5.0
typedef struct {
    gint64 since_ns;
    gboolean counted;
    ma_verdict_id id;
    guint session_id;
    ma_addr group; /* a group verdict's group (session 0), unset else */
} ma_metrics_standing;

/* The label set of a flow (group, port, source, ssrc, session_url, camera,
 * client): a NULL-terminated key/value vector whose strings labels owns. */
typedef struct {
    const char *kv[33];
    char *owned[16];
    guint n, n_owned;
} ma_labels;
void ma_labels_init(ma_labels *l);
void ma_labels_add(ma_labels *l, const char *key, const char *value);
void ma_labels_addf(ma_labels *l, const char *key, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
void ma_labels_add_addr(ma_labels *l, const char *key, const ma_addr *a);
/* session_url, camera, client of s (nothing when s is NULL). */
void ma_labels_add_session(ma_labels *l, const ma_session *s);
void ma_labels_clear(ma_labels *l);
static inline const char *const *ma_labels_kv(const ma_labels *l)
{
    return l->kv;
}

ma_metrics_flow *ma_metrics_flow_get(ma_metrics *m, guint flow_id);
double ma_metrics_age_s(gint64 from_ns, gint64 now_ns);
const char *ma_metrics_role_label(ma_host_role r); /* "client", "camera", "other", "unspecified" */

/* Standing verdicts that count, group verdicts left out (they are exported
 * by group: ma_metrics_render_group_verdicts): ma_metrics_active_key(session,
 * code) -> GUINT_TO_POINTER(number); the caller destroys the table. */
static inline gsize ma_metrics_active_key(guint session_id, ma_verdict_id id)
{
    return (gsize)session_id * (gsize)MA_V__COUNT + (gsize)id + 1; /* never NULL */
}
GHashTable *ma_metrics_active_counts(const ma_metrics *m);

void ma_metrics_render_flows(ma_metrics *m, const ma_correlator *c, gint64 now_ns, ma_om *w);
void ma_metrics_render_sessions(const ma_correlator *c, const ma_thresholds *th, gint64 now_ns,
                                ma_om *w);
/* gmi_s: the membership interval after which a silent member is gone. */
void ma_metrics_render_groups(ma_metrics *m, const ma_correlator *c, double gmi_s, gint64 now_ns,
                              ma_om *w);
/* Counts the membership changes that came since the last call. */
void ma_metrics_count_memberships(ma_metrics *m, const ma_correlator *c);
/* Forgets the groups nothing in the correlator names any more. */
void ma_metrics_forget_groups(ma_metrics *m, const ma_correlator *c);
/* metrics_group_audit.c: the group-centric audit (groups without an RTSP
 * session): static or not, zap times, media packets and loss per group. */
void ma_metrics_render_group_audit(ma_metrics *m, const ma_correlator *c, const ma_thresholds *th,
                                   gint64 now_ns, ma_om *w);
/* verdicts_active samples of the group verdicts standing, labelled group. */
void ma_metrics_render_group_verdicts(const ma_metrics *m, const ma_correlator *c, ma_om *w);
/* A retiring flow's group counts move to its group's retired totals. */
void ma_metrics_group_flow_gone(ma_metrics *m, const ma_metrics_flow *f);
void ma_metrics_render_queriers(const ma_correlator *c, double gmi_s, gint64 now_ns, ma_om *w);
/* metrics_described.c: described sessions (--sdp, SAP): their tracks and
 * SAP announcements. */
void ma_metrics_render_described(const ma_correlator *c, gint64 now_ns, ma_om *w);

#endif
