/* SPDX-License-Identifier: GPL-2.0-or-later */
/* transport_host.c - the address parameters of a Transport header:
 * RFC 2326 destination= and source=, RFC 7826 dest_addr= and src_addr=
 * (host names, IPv4, IPv6 with or without brackets, ":port"). */
#include "transport_internal.h"

#include <string.h>

void ma_tp_host_clear(ma_tp_host *h)
{
    g_free(h->host);
    memset(h, 0, sizeof *h);
    h->port = -1;
    h->port2 = -1;
}

static gboolean all_digits_dots(const char *s, gsize len)
{
    for (gsize i = 0; i < len; i++) {
        if (!g_ascii_isdigit(s[i]) && s[i] != '.')
            return FALSE;
    }
    return TRUE;
}

/* A host name, an IPv4 literal or an unbracketed IPv6 literal. */
static gboolean parse_host_part(ma_tp_cursor *c, ma_tp_span sp, ma_tp_host *h)
{
    const char *s = c->s + sp.off;
    gsize len = sp.len, off = sp.off;
    ma_addr a;
    if (len == 0)
        return ma_tp_fail(c, off, "empty host");
    if (ma_addr_parse_len(s, len, &a)) {
        h->addr = a;
    } else if (all_digits_dots(s, len) || memchr(s, ':', len) != NULL) {
        return ma_tp_fail(c, off, "bad IP address \"%.*s\"", (int)MIN(len, 64), s);
    } else {
        for (gsize i = 0; i < len; i++) {
            if (!g_ascii_isalnum(s[i]) && s[i] != '-' && s[i] != '.' && s[i] != '_')
                return ma_tp_fail(c, off + i, "bad character in host name");
        }
        if (len > 255)
            return ma_tp_fail(c, off, "host name longer than 255 bytes");
    }
    h->present = TRUE;
    h->host = g_strndup(s, len);
    return TRUE;
}

static gboolean parse_port_text(ma_tp_cursor *c, ma_tp_span sp, int *port)
{
    const char *s = c->s + sp.off;
    gsize len = sp.len, off = sp.off;
    guint64 v = 0;
    if (len == 0 || len > 5)
        return ma_tp_fail(c, off, "bad port");
    for (gsize i = 0; i < len; i++) {
        if (!g_ascii_isdigit(s[i]))
            return ma_tp_fail(c, off + i, "bad port");
        v = v * 10u + (guint64)(s[i] - '0');
    }
    if (v > 65535)
        return ma_tp_fail(c, off, "port %" G_GUINT64_FORMAT " out of range 0-65535", v);
    *port = (int)v;
    return TRUE;
}

/* RFC 7826 host-port = ( host [":" port] ) / ( ":" port ), plus "[v6]" and
 * "[v6]:port"; a bare IPv6 literal (several colons) has no port.
 */
static gboolean parse_host_port(ma_tp_cursor *c, ma_tp_span sp, ma_tp_host *h)
{
    const char *s = c->s + sp.off;
    gsize len = sp.len, off = sp.off;
    const char *colon = memchr(s, ':', len);
    if (len > 0 && s[0] == '[') {
        const char *close = memchr(s, ']', len);
        ma_addr a;
        if (close == NULL)
            return ma_tp_fail(c, off, "unterminated '['");
        gsize inner = (gsize)(close - s) - 1;
        if (!ma_addr_parse_len(s + 1, inner, &a) || a.family != 6)
            return ma_tp_fail(c, off + 1, "bad IPv6 address in brackets");
        h->present = TRUE;
        h->addr = a;
        h->host = g_strndup(s + 1, inner);
        gsize rest = (gsize)(close - s) + 1;
        if (rest == len)
            return TRUE;
        if (s[rest] != ':')
            return ma_tp_fail(c, off + rest, "expected ':' after ']'");
        return parse_port_text(c, (ma_tp_span){off + rest + 1, len - rest - 1}, &h->port);
    }
    if (colon != NULL && memchr(colon + 1, ':', len - (gsize)(colon - s) - 1) != NULL)
        return parse_host_part(c, sp, h); /* IPv6 literal */
    if (colon == NULL)
        return parse_host_part(c, sp, h);
    gsize hlen = (gsize)(colon - s);
    if (hlen == 0) {
        h->present = TRUE; /* ":port": the address is the sender's */
    } else if (!parse_host_part(c, (ma_tp_span){off, hlen}, h)) {
        return FALSE;
    }
    return parse_port_text(c, (ma_tp_span){off + hlen + 1, len - hlen - 1}, &h->port);
}

/* An unquoted address runs to the next separator or blank. */
static gsize take_bare_addr(ma_tp_cursor *c, gboolean stop_at_slash)
{
    gsize start = c->pos;
    while (c->pos < c->len) {
        char ch = c->s[c->pos];
        if (ch == ';' || ch == ',' || ch == ' ' || ch == '\t' || ch == '"' || (stop_at_slash && ch == '/'))
            break;
        c->pos++;
    }
    return c->pos - start;
}

gboolean ma_tp_parse_host_param(ma_tp_cursor *c, const ma_tp_param *p, ma_tp_host *h)
{
    ma_tp_span sp = {c->pos, 0};
    ma_tp_host_clear(h);
    if (!p->has_value) {
        h->present = TRUE; /* "destination" alone: the client's own address */
        return ma_tp_expect_param_end(c, p->name);
    }
    if (ma_tp_peek(c) == '"') {
        if (!ma_tp_take_quoted(c, &sp))
            return FALSE;
    } else {
        sp.len = take_bare_addr(c, FALSE);
    }
    if (sp.len == 0)
        return ma_tp_fail(c, sp.off, "%s: expected an address", p->name);
    if (!parse_host_port(c, sp, h))
        return FALSE;
    return ma_tp_expect_param_end(c, p->name);
}

gboolean ma_tp_parse_addr_list(ma_tp_cursor *c, const ma_tp_param *p, ma_tp_host *h)
{
    ma_tp_host_clear(h);
    if (!p->has_value)
        return ma_tp_fail(c, c->pos, "%s needs a value", p->name);
    for (guint n = 0;; n++) {
        ma_tp_span sp = {0, 0};
        ma_tp_host tmp;
        memset(&tmp, 0, sizeof tmp);
        ma_tp_host_clear(&tmp);
        ma_tp_skip_lws(c);
        sp.off = c->pos;
        if (ma_tp_peek(c) == '"') {
            if (!ma_tp_take_quoted(c, &sp))
                return FALSE;
        } else {
            sp.len = take_bare_addr(c, TRUE); /* lenient: unquoted */
        }
        if (sp.len == 0)
            return ma_tp_fail(c, sp.off, "%s: expected an address", p->name);
        if (!parse_host_port(c, sp, n == 0 ? h : &tmp)) {
            ma_tp_host_clear(&tmp);
            return FALSE;
        }
        if (n == 1)
            h->port2 = tmp.port;
        ma_tp_host_clear(&tmp);
        ma_tp_skip_lws(c);
        if (ma_tp_peek(c) != '/')
            break;
        c->pos++;
    }
    return ma_tp_expect_param_end(c, p->name);
}

