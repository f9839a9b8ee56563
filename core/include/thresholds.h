/* SPDX-License-Identifier: GPL-2.0-or-later */
/* thresholds.h - the limits verdicts are judged against.  The CLI's options
 * and the plugin's preferences set the same struct, so both judge alike. */
#ifndef MA_THRESHOLDS_H
#define MA_THRESHOLDS_H

#include <glib.h>
#include "addr.h"
#include "verdicts.h"

typedef struct {
    double max_loss_pct;        /* MA307 when lost/expected*100 exceeds; default 0.0 */
    double max_jitter_ms;       /* MA308 when max running jitter exceeds; default 30 ms */
    double max_join_latency_ms; /* MA209 when the client's join comes later than this after PLAY reply; default 1000 */
    double max_first_packet_ms; /* MA306 when first media comes later than this after PLAY reply; default 2000 */
    double membership_interval_s; /* RFC 3376 GMI = 2*125+10 = 260 s */
    double expiry_tolerance_s;    /* MA207 window around the GMI; default 20 s */
    double default_session_timeout_s; /* RFC 2326 default 60 s */
    ma_severity fail_on;        /* verdicts at or above this fail the run; default error */
    gboolean expect_group_set;  /* --expect-group */
    ma_addr expect_group;
    int expect_port;            /* -1 = any */
    guint max_sessions;         /* bounded state; default 1024 */
    guint max_flows;            /* default 4096 */
} ma_thresholds;

void ma_thresholds_init(ma_thresholds *t);

#endif
