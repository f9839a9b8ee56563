/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics_text.c - the OpenMetrics / Prometheus text writer (metrics_text.h). */
#include "metrics_text.h"

#include <math.h>
#include <string.h>

void ma_om_init(ma_om *w, GString *out, ma_om_format format)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->format = format;
}

/* HELP text: backslash and newline escaped in both formats. */
static void append_help(GString *out, const char *help)
{
    for (const char *p = help; *p; p++) {
        if (*p == '\\')
            g_string_append(out, "\\\\");
        else if (*p == '\n')
            g_string_append(out, "\\n");
        else
            g_string_append_c(out, *p);
    }
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): the order of the # lines
void ma_om_family(ma_om *w, const char *name, ma_om_type type, const char *unit,
                  const char *help)
{
    g_free(w->family);
    w->family = g_strdup(name);
    w->type = type;
    /* Prometheus text names a counter family as its samples: with _total */
    const char *suffix = type == MA_OM_COUNTER && w->format == MA_OM_PROMETHEUS ? "_total" : "";
    g_string_append_printf(w->out, "# HELP %s%s ", name, suffix);
    append_help(w->out, help);
    g_string_append_printf(w->out, "\n# TYPE %s%s %s\n", name, suffix,
                           type == MA_OM_COUNTER ? "counter" : "gauge");
    if (unit != NULL && w->format == MA_OM_OPENMETRICS)
        g_string_append_printf(w->out, "# UNIT %s %s\n", name, unit);
}

static void append_label_value(GString *out, const char *value)
{
    char *valid = g_utf8_make_valid(value, -1);
    const char *end = valid + strlen(valid);
    if (end - valid > MA_OM_LABEL_VALUE_MAX) {
        end = valid + MA_OM_LABEL_VALUE_MAX;
        while (end > valid && (((unsigned char)*end) & 0xc0) == 0x80)
            end--; /* back to the start of the cut character */
    }
    for (const char *p = valid; p < end; p++) {
        switch (*p) {
        case '\\': g_string_append(out, "\\\\"); break;
        case '"': g_string_append(out, "\\\""); break;
        case '\n': g_string_append(out, "\\n"); break;
        default: g_string_append_c(out, *p); break;
        }
    }
    g_free(valid);
}

static void append_value(GString *out, double v)
{
    if (isnan(v)) {
        g_string_append(out, "NaN");
    } else if (isinf(v)) {
        g_string_append(out, v > 0 ? "+Inf" : "-Inf");
    } else if (v == floor(v) && fabs(v) < 9007199254740992.0) {
        g_string_append_printf(out, "%" G_GINT64_FORMAT, (gint64)v); /* exact, no exponent */
    } else {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append(out, g_ascii_dtostr(buf, sizeof buf, v)); /* locale-free, round trip */
    }
}

void ma_om_sample(ma_om *w, const char *const *labels, double value)
{
    g_return_if_fail(w->family != NULL);
    g_string_append(w->out, w->family);
    if (w->type == MA_OM_COUNTER)
        g_string_append(w->out, "_total");
    gboolean any = FALSE;
    for (gsize i = 0; labels != NULL && labels[i] != NULL && labels[i + 1] != NULL; i += 2) {
        if (labels[i + 1][0] == '\0')
            continue;
        g_string_append_c(w->out, any ? ',' : '{');
        any = TRUE;
        g_string_append_printf(w->out, "%s=\"", labels[i]);
        append_label_value(w->out, labels[i + 1]);
        g_string_append_c(w->out, '"');
    }
    if (any)
        g_string_append_c(w->out, '}');
    g_string_append_c(w->out, ' ');
    append_value(w->out, value);
    g_string_append_c(w->out, '\n');
}

void ma_om_finish(ma_om *w)
{
    if (w->format == MA_OM_OPENMETRICS)
        g_string_append(w->out, "# EOF\n");
    g_free(w->family);
    w->family = NULL;
}

const char *ma_om_content_type(ma_om_format format)
{
    return format == MA_OM_OPENMETRICS ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                                       : "text/plain; version=0.0.4; charset=utf-8";
}

ma_om_format ma_om_negotiate(const char *accept)
{
    /* Prometheus 2.x sends "application/openmetrics-text;version=1.0.0,
     * application/openmetrics-text;version=0.0.1;q=0.75, text/plain..." */
    return accept != NULL && strstr(accept, "application/openmetrics-text") != NULL
               ? MA_OM_OPENMETRICS
               : MA_OM_PROMETHEUS;
}
