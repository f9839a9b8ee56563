/* SPDX-License-Identifier: GPL-2.0-or-later */
/* options_thresholds.c - the thresholds from the command line: one option
 * per row of the core's threshold table (thresholds.c), so the option's
 * name, its --help line, its default and its range are the ones the plugin's
 * preferences and the man page show. */
#include "options_internal.h"

#include <string.h>

void ma_cli_threshold_entries(ma_cli_threshold_args *a, GArray *entries)
{
    guint n = ma_threshold_count();
    g_assert(n <= MA_CLI_MAX_THRESHOLDS);
    for (guint i = 0; i < n; i++) {
        const ma_threshold_def *d = ma_threshold_get(i);
        g_free(a->help[i]);
        a->help[i] = ma_threshold_describe(d);
        GOptionEntry e = {d->option, 0, 0, G_OPTION_ARG_STRING, &a->value[i], a->help[i], d->arg};
        g_array_append_val(entries, e);
    }
}

char *ma_cli_threshold_summary(void)
{
    GString *s = g_string_new("Thresholds (a verdict fires when a figure exceeds its limit):\n");
    for (guint i = 0; i < ma_threshold_count(); i++) {
        const ma_threshold_def *d = ma_threshold_get(i);
        if (d->verdict == NULL)
            continue; /* --fail-on is a decision, not a limit: see Exit status */
        char *dflt = ma_threshold_value_text(d, d->dflt);
        g_string_append_printf(s, "  --%s %s: %s, default %s\n", d->option, d->arg, d->verdict,
                               dflt);
        g_free(dflt);
    }
    return g_string_free(s, FALSE);
}

static gboolean check_severity(const ma_threshold_def *d, const char *text, ma_thresholds *th,
                               GError **err)
{
    ma_severity sev;
    if (!ma_severity_parse(text, &sev) || (double)sev < d->min || (double)sev > d->max) {
        char *lo = ma_threshold_value_text(d, d->min);
        char *hi = ma_threshold_value_text(d, d->max);
        ma_cli_usage(err, "--%s: '%s' is not %s or %s", d->option, text, lo, hi);
        g_free(lo);
        g_free(hi);
        return FALSE;
    }
    *ma_threshold_severity(th, d) = sev;
    return TRUE;
}

gboolean ma_cli_threshold_check(const ma_cli_threshold_args *a, ma_thresholds *th, GError **err)
{
    for (guint i = 0; i < ma_threshold_count(); i++) {
        const ma_threshold_def *d = ma_threshold_get(i);
        const char *text = a->value[i];
        if (text == NULL)
            continue;
        char *opt = g_strconcat("--", d->option, NULL);
        gboolean ok =
            d->kind == MA_THRESHOLD_SEVERITY
                ? check_severity(d, text, th, err)
                : ma_cli_parse_number(opt, text, d->min, d->max, ma_threshold_number(th, d), err);
        g_free(opt);
        if (!ok)
            return FALSE;
    }
    return TRUE;
}

void ma_cli_threshold_args_clear(ma_cli_threshold_args *a)
{
    for (guint i = 0; i < MA_CLI_MAX_THRESHOLDS; i++) {
        g_free(a->value[i]);
        g_free(a->help[i]);
    }
    memset(a, 0, sizeof *a);
}
