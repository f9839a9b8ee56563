/* SPDX-License-Identifier: GPL-2.0-or-later */
/* transport_cursor.c - the lexer under the Transport header parser: one
 * cursor walks the header once; tokens, LWS, quoted strings and bounded
 * numbers; the first error is recorded with its byte offset. */
#include "transport_internal.h"

#include <stdarg.h>
#include <string.h>

gboolean ma_tp_fail(ma_tp_cursor *c, gsize off, const char *fmt, ...)
{
    va_list ap;
    if (c->err != NULL)
        return FALSE;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    c->err = g_error_new(MA_TRANSPORT_ERROR, 0, "offset %" G_GSIZE_FORMAT ": %s", off, msg);
    c->err_off = off;
    g_free(msg);
    return FALSE;
}

char ma_tp_peek(const ma_tp_cursor *c)
{
    if (c->pos < c->len)
        return c->s[c->pos];
    return (char)0;
}

void ma_tp_skip_lws(ma_tp_cursor *c)
{
    while (c->pos < c->len) {
        char ch = c->s[c->pos];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
            c->pos++;
        else
            break;
    }
}

gsize ma_tp_take_token(ma_tp_cursor *c)
{
    gsize start = c->pos;
    while (c->pos < c->len && ma_rtsp_is_tchar((unsigned char)c->s[c->pos]))
        c->pos++;
    return c->pos - start;
}

gboolean ma_tp_expect_param_end(ma_tp_cursor *c, const char *name)
{
    ma_tp_skip_lws(c);
    char ch = ma_tp_peek(c);
    if (c->pos >= c->len || ch == ';' || ch == ',')
        return TRUE;
    return ma_tp_fail(c, c->pos, "unexpected '%c' after %s", g_ascii_isprint(ch) ? ch : '?', name);
}

gboolean ma_tp_take_uint(ma_tp_cursor *c, const ma_tp_num_rule *r, guint64 *out)
{
    gsize start = c->pos;
    guint64 v = 0;
    while (c->pos < c->len && g_ascii_isdigit(c->s[c->pos])) {
        if (c->pos - start >= r->digits)
            return ma_tp_fail(c, start, "%s has more than %u digits", r->name, r->digits);
        v = v * 10u + (guint64)(c->s[c->pos] - '0');
        c->pos++;
    }
    if (c->pos == start)
        return ma_tp_fail(c, start, "%s: expected a number", r->name);
    if (v > r->max)
        return ma_tp_fail(c, start, "%s %" G_GUINT64_FORMAT " out of range %" G_GUINT64_FORMAT
                    "-%" G_GUINT64_FORMAT, r->name, v, r->min, r->max);
    if (v < r->min)
        return ma_tp_fail(c, start, "%s %" G_GUINT64_FORMAT " below %" G_GUINT64_FORMAT, r->name, v, r->min);
    *out = v;
    return TRUE;
}

gboolean ma_tp_take_range(ma_tp_cursor *c, const ma_tp_num_rule *rule, ma_port_range *r)
{
    const char *what = rule->name;
    guint64 lo = 0, hi = 0;
    if (!ma_tp_take_uint(c, rule, &lo))
        return FALSE;
    hi = lo;
    if (ma_tp_peek(c) == '-') {
        c->pos++;
        gsize hi_off = c->pos;
        if (!ma_tp_take_uint(c, rule, &hi))
            return FALSE;
        if (hi < lo)
            return ma_tp_fail(c, hi_off, "%s range %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT " is reversed",
                        what, lo, hi);
    }
    r->present = TRUE;
    r->lo = (int)lo;
    r->hi = (int)hi;
    return TRUE;
}


gboolean ma_tp_take_quoted(ma_tp_cursor *c, ma_tp_span *inner)
{
    gsize open = c->pos;
    c->pos++;
    while (c->pos < c->len && c->s[c->pos] != '"') {
        if (c->s[c->pos] == '\\' && c->pos + 1 < c->len)
            c->pos++;
        c->pos++;
    }
    if (c->pos >= c->len)
        return ma_tp_fail(c, open, "unterminated quoted string");
    inner->off = open + 1;
    inner->len = c->pos - open - 1;
    c->pos++;
    return TRUE;
}

