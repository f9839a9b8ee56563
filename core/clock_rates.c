/* SPDX-License-Identifier: GPL-2.0-or-later */
/* clock_rates.c - the RTP clock rates a user sets per payload type
 * (--clock-rate PT=HZ, the plugin's clock_rates preference): one parser, so
 * the CLI and the plugin read the same text alike. */
#include "thresholds.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static gboolean parse_uint(const char *text, guint64 max, guint64 *out)
{
    if (text == NULL || !g_ascii_isdigit(*text))
        return FALSE;
    char *end = NULL;
    errno = 0;
    guint64 v = g_ascii_strtoull(text, &end, 10);
    if (errno != 0 || end == NULL || *end != '\0' || v > max)
        return FALSE;
    *out = v;
    return TRUE;
}

static gboolean parse_item(const char *item, guint rates[MA_RTP_PAYLOAD_TYPES], GError **err)
{
    const char *eq = strchr(item, '=');
    if (eq == NULL) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "%s: expected PT=HZ (payload type 0-127 = clock rate in Hz)", item);
        return FALSE;
    }
    char *pt_text = g_strndup(item, (gsize)(eq - item));
    guint64 pt = 0, hz = 0;
    gboolean pt_ok = parse_uint(pt_text, MA_RTP_PAYLOAD_TYPES - 1, &pt);
    g_free(pt_text);
    if (!pt_ok) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "%s: the payload type must be 0-127", item);
        return FALSE;
    }
    if (!parse_uint(eq + 1, MA_CLOCK_RATE_MAX, &hz) || hz == 0) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "%s: the clock rate must be 1-%u Hz", item, MA_CLOCK_RATE_MAX);
        return FALSE;
    }
    rates[pt] = (guint)hz;
    return TRUE;
}

gboolean ma_clock_rates_parse(const char *text, guint rates[MA_RTP_PAYLOAD_TYPES], GError **err)
{
    if (text == NULL)
        return TRUE;
    gchar **items = g_strsplit_set(text, ", \t", -1);
    gboolean ok = TRUE;
    for (guint i = 0; ok && items[i] != NULL; i++)
        if (*items[i] != '\0')
            ok = parse_item(items[i], rates, err);
    g_strfreev(items);
    return ok;
}

char *ma_clock_rates_text(const guint rates[MA_RTP_PAYLOAD_TYPES])
{
    GString *s = g_string_new(NULL);
    for (guint pt = 0; pt < MA_RTP_PAYLOAD_TYPES; pt++)
        if (rates[pt] > 0)
            g_string_append_printf(s, "%s%u=%u", s->len > 0 ? "," : "", pt, rates[pt]);
    return g_string_free(s, FALSE);
}
