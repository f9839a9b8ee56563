/* SPDX-License-Identifier: GPL-2.0-or-later */
/* thresholds.c - defaults for the verdict limits. */
#include "thresholds.h"

#include <string.h>

void ma_thresholds_init(ma_thresholds *t)
{
    memset(t, 0, sizeof *t);
    t->max_loss_pct = 0.0;
    t->max_jitter_ms = 30.0;
    t->max_join_latency_ms = 1000.0;
    t->max_first_packet_ms = 2000.0;
    t->membership_interval_s = 260.0; /* RFC 3376 8.4: QRV*QI + QRI = 2*125 + 10 */
    t->expiry_tolerance_s = 20.0;     /* kernel timers fire up to ~16 s late */
    t->default_session_timeout_s = 60.0; /* RFC 2326 12.37 */
    t->fail_on = MA_SEV_ERROR;
    t->expect_port = -1;
    t->max_sessions = 1024;
    t->max_flows = 4096;
}
