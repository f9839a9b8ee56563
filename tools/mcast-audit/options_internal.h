/* SPDX-License-Identifier: GPL-2.0-or-later */
/* options_internal.h - what options.c and options_thresholds.c share. */
#ifndef MA_OPTIONS_INTERNAL_H
#define MA_OPTIONS_INTERNAL_H

#include <glib.h>
#include "options.h"

#define MA_CLI_MAX_THRESHOLDS 16u

/* The threshold options as GOption hands them over, and their --help lines. */
typedef struct {
    char *value[MA_CLI_MAX_THRESHOLDS]; /* NULL: not given, the default stays */
    char *help[MA_CLI_MAX_THRESHOLDS];
} ma_cli_threshold_args;

/* A usage error (exit 2): err set, FALSE returned. */
gboolean ma_cli_usage(GError **err, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* options_thresholds.c: one entry per row of the core's threshold table,
 * appended to entries (GOptionEntry); a must outlive the option context. */
void ma_cli_threshold_entries(ma_cli_threshold_args *a, GArray *entries);
/* The "Thresholds" paragraph of --help's description (g_free). */
char *ma_cli_threshold_summary(void);
/* Check every given value against its row's range into th. */
gboolean ma_cli_threshold_check(const ma_cli_threshold_args *a, ma_thresholds *th, GError **err);
void ma_cli_threshold_args_clear(ma_cli_threshold_args *a);

#endif
