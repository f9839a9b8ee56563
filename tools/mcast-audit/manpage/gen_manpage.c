/* SPDX-License-Identifier: GPL-2.0-or-later */
/* gen_manpage.c - writes mcast-audit.1 from mcast-audit.1.in at build time:
 * the version from ma_version.h, and one option entry per row of the core's
 * threshold table, so the man page cannot disagree with --help or the
 * plugin's preferences.
 *   gen_manpage IN OUT */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "ma_version.h"
#include "thresholds.h"

/* roff: a '-' in an option or a phrase is a minus sign, written "\-". */
static void append_roff(GString *out, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '-' || *p == '\\')
            g_string_append_c(out, '\\');
        g_string_append_c(out, *p);
    }
}

/* The help phrase with its argument word in italics. */
static void append_help(GString *out, const ma_threshold_def *d)
{
    char **words = g_strsplit(d->help, " ", -1);
    for (guint i = 0; words[i] != NULL; i++) {
        if (i > 0)
            g_string_append_c(out, ' ');
        if (strcmp(words[i], d->arg) == 0) {
            g_string_append(out, "\\fI");
            append_roff(out, words[i]);
            g_string_append(out, "\\fR");
        } else {
            append_roff(out, words[i]);
        }
    }
    g_strfreev(words);
}

static void append_thresholds(GString *out)
{
    for (guint i = 0; i < ma_threshold_count(); i++) {
        const ma_threshold_def *d = ma_threshold_get(i);
        g_string_append(out, ".TP\n.BR \\-\\-");
        append_roff(out, d->option);
        g_string_append(out, " =\\fI");
        append_roff(out, d->arg);
        g_string_append(out, "\\fR\n");
        append_help(out, d);
        if (d->verdict != NULL)
            g_string_append_printf(out, " (%s)", d->verdict);
        char *dflt = ma_threshold_value_text(d, d->dflt);
        char *lo = ma_threshold_value_text(d, d->min);
        char *hi = ma_threshold_value_text(d, d->max);
        g_string_append(out, ".  Default ");
        append_roff(out, dflt);
        g_string_append(out, ", range ");
        append_roff(out, lo);
        g_string_append(out, " to ");
        append_roff(out, hi);
        g_string_append(out, ".\n");
        g_free(dflt);
        g_free(lo);
        g_free(hi);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_manpage IN OUT\n");
        return 2;
    }
    char *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(argv[1], &text, NULL, &err)) {
        fprintf(stderr, "gen_manpage: %s\n", err->message);
        g_error_free(err);
        return 1;
    }
    GString *out = g_string_new(NULL);
    char **lines = g_strsplit(text, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++) {
        if (strcmp(lines[i], "@THRESHOLD_OPTIONS@") == 0) {
            append_thresholds(out);
            continue;
        }
        char **parts = g_strsplit(lines[i], "@PROJECT_VERSION@", -1);
        char *line = g_strjoinv(MA_VERSION, parts);
        g_strfreev(parts);
        g_string_append(out, line);
        g_free(line);
        if (lines[i + 1] != NULL)
            g_string_append_c(out, '\n');
    }
    g_strfreev(lines);
    g_free(text);
    gboolean ok = g_file_set_contents(argv[2], out->str, (gssize)out->len, &err);
    g_string_free(out, TRUE);
    if (!ok) {
        fprintf(stderr, "gen_manpage: %s\n", err->message);
        g_error_free(err);
        return 1;
    }
    return 0;
}
