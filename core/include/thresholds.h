/* SPDX-License-Identifier: GPL-2.0-or-later */
/* thresholds.h - the limits verdicts are judged against.  The CLI's options
 * and the plugin's preferences set the same struct, so both judge alike;
 * the ones a user sets are described once, in the table below, from which
 * the CLI's options and --help, the man page and the plugin's preferences
 * are all written. */
#ifndef MA_THRESHOLDS_H
#define MA_THRESHOLDS_H

#include <glib.h>
#include "addr.h"
#include "verdicts.h"

#define MA_RTP_PAYLOAD_TYPES 128
#define MA_CLOCK_RATE_MAX 10000000u /* 10 MHz: no RTP payload format uses more */

typedef struct {
    /* set by the user (the table in thresholds.c has their defaults and ranges) */
    double max_loss_pct;        /* MA307 when lost/expected*100 exceeds */
    double max_jitter_ms;       /* MA308 when max running jitter exceeds */
    double max_join_latency_ms; /* MA209 when the client joins later than this after PLAY */
    double max_first_packet_ms; /* MA306 when first media comes later than this after PLAY */
    double max_zap_ms;          /* MA360 when a join's first media packet comes later than this */
    ma_severity fail_on;        /* verdicts at or above this fail the run */
    /* fixed, or set by other options */
    double membership_interval_s; /* RFC 3376 GMI = 2*125+10 = 260 s */
    double expiry_tolerance_s;    /* MA207 window around the GMI; default 20 s */
    double default_session_timeout_s; /* RFC 2326 default 60 s */
    double mdi_interval_s;            /* RFC 4445 MDI measurement interval; 1 s (--mdi-interval) */
    gboolean expect_group_set;  /* --expect-group */
    ma_addr expect_group;
    int expect_port;            /* -1 = any */
    gboolean require_session;   /* MA107 when no PLAY is answered 2xx (--require-session) */
    guint max_sessions;         /* bounded state; default 1024 */
    guint max_flows;            /* default 4096 */
    /* --clock-rate PT=HZ / the clock_rates preference: the RTP clock rate of
     * payload type PT, as Wireshark's Decode As sets it (it wins over the
     * SDP and the inference); 0 = not set */
    guint clock_rates[MA_RTP_PAYLOAD_TYPES];
} ma_thresholds;

/* "96=90000" or a list "96=90000,97=8000" (commas or spaces) into rates[]:
 * PT 0..127, HZ 1..MA_CLOCK_RATE_MAX.  FALSE with *err ("96=abc: ...") on
 * the first bad item; rates[] then holds the items before it. */
gboolean ma_clock_rates_parse(const char *text, guint rates[MA_RTP_PAYLOAD_TYPES], GError **err);
/* The rates set, as ma_clock_rates_parse reads them ("96=90000,97=8000"),
 * "" when none (g_free). */
char *ma_clock_rates_text(const guint rates[MA_RTP_PAYLOAD_TYPES]);

/* Every field at its default (the table's defaults for the settable ones). */
void ma_thresholds_init(ma_thresholds *t);

/* ---- the settable limits (thresholds.c) ---- */

typedef enum {
    MA_THRESHOLD_NUMBER,   /* a double in [min, max] */
    MA_THRESHOLD_SEVERITY, /* an ma_severity in [min, max], written as its name */
} ma_threshold_kind;

typedef struct {
    const char *option; /* "max-loss": the CLI's --max-loss */
    const char *pref;   /* "max_loss_pct": the plugin's mcast_audit.max_loss_pct */
    const char *label;  /* "Max loss (%)": the preference's title */
    const char *arg;    /* "PCT": the value's name in --help and the man page */
    ma_threshold_kind kind;
    double dflt, min, max; /* for a severity: ma_severity values */
    const char *verdict;   /* "MA307": the verdict it limits; NULL for fail-on */
    const char *help;      /* "Loss above PCT percent of the expected packets is an error" */
    gsize offset;          /* of the double (ma_severity) in ma_thresholds */
} ma_threshold_def;

guint ma_threshold_count(void);
const ma_threshold_def *ma_threshold_get(guint i);
/* The field d describes inside t (d->kind says which type). */
double *ma_threshold_number(ma_thresholds *t, const ma_threshold_def *d);
ma_severity *ma_threshold_severity(ma_thresholds *t, const ma_threshold_def *d);
/* A value as a user writes it: "0", "30", "0.5", "error" (g_free). */
char *ma_threshold_value_text(const ma_threshold_def *d, double v);
/* The one-line description with the verdict and the default:
 * "Loss above PCT percent of the expected packets is an error (MA307; default 0)". */
char *ma_threshold_describe(const ma_threshold_def *d);

#endif
