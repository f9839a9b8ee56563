/* SPDX-License-Identifier: GPL-2.0-or-later */
/* transport_params.c - one ";"-separated Transport parameter: the known
 * RFC 2326 / RFC 7826 ones are checked and stored in the spec (addresses in
 * transport_host.c), unknown ones are kept as written. */
#include "transport_internal.h"

#include <string.h>

static const ma_tp_num_rule PORT_RULE[] = {{"port", 5, 0, 65535}, {"client_port", 5, 0, 65535},
                                           {"server_port", 5, 0, 65535}};
static const ma_tp_num_rule CHANNEL_RULE = {"interleaved", 3, 0, 255};
static const ma_tp_num_rule TTL_RULE = {"ttl", 3, 0, 255};
static const ma_tp_num_rule LAYERS_RULE = {"layers", 5, 1, 65535};

static int hex_value(char ch)
{
    if (g_ascii_isdigit(ch))
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* ssrc = 8HEXDIG *("/" 8HEXDIG) (RFC 7826 allows a list). */
static gboolean parse_ssrc(ma_tp_cursor *c, ma_transport_spec *s)
{
    s->n_ssrc = 0;
    for (;;) {
        gsize start = c->pos;
        guint32 v = 0;
        int d;
        while (c->pos < c->len && (d = hex_value(c->s[c->pos])) >= 0 && c->pos - start < 8) {
            v = (v << 4) | (guint32)d;
            c->pos++;
        }
        if (c->pos - start != 8 || (c->pos < c->len && hex_value(c->s[c->pos]) >= 0))
            return ma_tp_fail(c, start, "ssrc must be 8 hex digits");
        if (s->n_ssrc >= MA_TRANSPORT_MAX_SSRC)
            return ma_tp_fail(c, start, "more than %d ssrc values", MA_TRANSPORT_MAX_SSRC);
        s->ssrc[s->n_ssrc++] = v;
        if (ma_tp_peek(c) != '/')
            break;
        c->pos++;
    }
    return ma_tp_expect_param_end(c, "ssrc");
}

static gboolean add_mode(ma_tp_cursor *c, ma_transport_spec *s, gsize off, gsize len)
{
    if (len == 0)
        return ma_tp_fail(c, off, "mode: expected a method name");
    if (s->modes->len >= MA_TRANSPORT_MAX_MODES)
        return ma_tp_fail(c, off, "more than %d modes", MA_TRANSPORT_MAX_MODES);
    g_ptr_array_add(s->modes, g_ascii_strup(c->s + off, (gssize)len));
    return TRUE;
}

/* mode = <"> 1#mode <"> (RFC 2326) or a single bare mode (RFC 7826). */
static gboolean parse_mode(ma_tp_cursor *c, ma_transport_spec *s)
{
    if (ma_tp_peek(c) != '"') {
        gsize off = c->pos;
        if (!add_mode(c, s, off, ma_tp_take_token(c)))
            return FALSE;
        return ma_tp_expect_param_end(c, "mode");
    }
    gsize open = c->pos;
    c->pos++;
    for (;;) {
        ma_tp_skip_lws(c);
        gsize off = c->pos;
        if (!add_mode(c, s, off, ma_tp_take_token(c)))
            return FALSE;
        ma_tp_skip_lws(c);
        char ch = ma_tp_peek(c);
        if (ch == '"')
            break;
        if (c->pos >= c->len)
            return ma_tp_fail(c, open, "unterminated quoted string");
        if (ch != ',')
            return ma_tp_fail(c, c->pos, "unexpected '%c' in mode", g_ascii_isprint(ch) ? ch : '?');
        c->pos++;
    }
    c->pos++;
    return ma_tp_expect_param_end(c, "mode");
}

/* An unknown parameter, kept as written ("name" or "name=value"); its value
 * may hold quoted strings with separators inside. */
static gboolean parse_unknown(ma_tp_cursor *c, gsize name_off, ma_transport_spec *s)
{
    if (s->unknown->len >= MA_TRANSPORT_MAX_UNKNOWN)
        return ma_tp_fail(c, name_off, "more than %d unknown parameters", MA_TRANSPORT_MAX_UNKNOWN);
    while (c->pos < c->len) {
        char ch = c->s[c->pos];
        if (ch == ';' || ch == ',')
            break;
        if (ch == '"') {
            ma_tp_span inner;
            if (!ma_tp_take_quoted(c, &inner))
                return FALSE;
            continue;
        }
        c->pos++;
    }
    gsize end = c->pos;
    while (end > name_off && (c->s[end - 1] == ' ' || c->s[end - 1] == '\t'))
        end--;
    g_ptr_array_add(s->unknown, g_strndup(c->s + name_off, end - name_off));
    return TRUE;
}

static gboolean no_value(ma_tp_cursor *c, const ma_tp_param *p)
{
    if (p->has_value)
        return ma_tp_fail(c, p->eq_off, "%s takes no value", p->name);
    return ma_tp_expect_param_end(c, p->name);
}

static gboolean need_value(ma_tp_cursor *c, const ma_tp_param *p)
{
    if (!p->has_value)
        return ma_tp_fail(c, c->pos, "%s needs a value", p->name);
    return TRUE;
}

static gboolean parse_number_param(ma_tp_cursor *c, const ma_tp_param *p, const ma_tp_num_rule *r, int *out)
{
    guint64 v = 0;
    if (!need_value(c, p) || !ma_tp_take_uint(c, r, &v))
        return FALSE;
    *out = (int)v;
    return ma_tp_expect_param_end(c, p->name);
}

static gboolean parse_range_param(ma_tp_cursor *c, const ma_tp_param *p, const ma_tp_num_rule *r, ma_port_range *out)
{
    if (!need_value(c, p) || !ma_tp_take_range(c, r, out))
        return FALSE;
    return ma_tp_expect_param_end(c, p->name);
}

/* The RFC 2326 / RFC 7826 parameters we read; others are kept verbatim. */
static const char *const KNOWN[] = {"unicast", "multicast", "append", "destination", "source",
                                    "dest_addr", "src_addr", "port", "client_port", "server_port",
                                    "interleaved", "ttl", "layers", "ssrc", "mode"};

static gboolean dispatch_param(ma_tp_cursor *c, const ma_tp_param *p, ma_transport_spec *s)
{
    const char *n = p->name;
    if (strcmp(n, "unicast") == 0 || strcmp(n, "multicast") == 0) {
        s->cast = n[0] == 'u' ? MA_CAST_UNICAST : MA_CAST_MULTICAST;
        return no_value(c, p);
    }
    if (strcmp(n, "append") == 0) {
        s->append = TRUE;
        return no_value(c, p);
    }
    if (strcmp(n, "destination") == 0)
        return ma_tp_parse_host_param(c, p, &s->destination);
    if (strcmp(n, "source") == 0)
        return ma_tp_parse_host_param(c, p, &s->source);
    if (strcmp(n, "dest_addr") == 0)
        return ma_tp_parse_addr_list(c, p, &s->destination);
    if (strcmp(n, "src_addr") == 0)
        return ma_tp_parse_addr_list(c, p, &s->source);
    if (strcmp(n, "port") == 0)
        return parse_range_param(c, p, &PORT_RULE[0], &s->port);
    if (strcmp(n, "client_port") == 0)
        return parse_range_param(c, p, &PORT_RULE[1], &s->client_port);
    if (strcmp(n, "server_port") == 0)
        return parse_range_param(c, p, &PORT_RULE[2], &s->server_port);
    if (strcmp(n, "interleaved") == 0)
        return parse_range_param(c, p, &CHANNEL_RULE, &s->interleaved);
    if (strcmp(n, "ttl") == 0)
        return parse_number_param(c, p, &TTL_RULE, &s->ttl);
    if (strcmp(n, "layers") == 0)
        return parse_number_param(c, p, &LAYERS_RULE, &s->layers);
    if (strcmp(n, "ssrc") == 0)
        return need_value(c, p) && parse_ssrc(c, s);
    return need_value(c, p) && parse_mode(c, s); /* "mode" */
}

gboolean ma_tp_parse_param(ma_tp_cursor *c, ma_transport_spec *s)
{
    gsize name_off = c->pos;
    gsize nlen = ma_tp_take_token(c);
    ma_tp_param p = {NULL, FALSE, 0};
    if (nlen == 0)
        return ma_tp_fail(c, name_off, "expected a parameter name");
    for (gsize i = 0; i < G_N_ELEMENTS(KNOWN); i++) {
        if (strlen(KNOWN[i]) == nlen && g_ascii_strncasecmp(c->s + name_off, KNOWN[i], nlen) == 0)
            p.name = KNOWN[i];
    }
    ma_tp_skip_lws(c);
    p.eq_off = c->pos;
    p.has_value = ma_tp_peek(c) == '=';
    if (p.has_value) {
        c->pos++;
        ma_tp_skip_lws(c);
    }
    if (p.name == NULL)
        return parse_unknown(c, name_off, s);
    return dispatch_param(c, &p, s);
}

