/* SPDX-License-Identifier: GPL-2.0-or-later */
/* transport.c - the RTSP Transport header (RFC 2326 section 12.39,
 * RFC 7826 section 18.54 and its ABNF in section 20.2.3): the spec object
 * and the header's top-level grammar.
 *
 *   Transport      = transport-spec *("," transport-spec)
 *   transport-spec = protocol "/" profile ["/" lower] *(";" parameter)
 *
 * One cursor (transport_cursor.c) walks the header once, so every error
 * names the byte offset of the token that is wrong.  Commas and semicolons
 * inside quoted strings (mode="PLAY,RECORD", dest_addr="[::1]:5000") are
 * not separators.  Parameters: transport_params.c, transport_host.c. */
#include "transport_internal.h"

#include <string.h>

G_DEFINE_QUARK(ma-transport-error-quark, ma_transport_error)

static ma_transport_spec *spec_new(void)
{
    ma_transport_spec *s = g_new0(ma_transport_spec, 1);
    ma_tp_host_clear(&s->destination);
    ma_tp_host_clear(&s->source);
    s->ttl = -1;
    s->layers = -1;
    s->modes = g_ptr_array_new_with_free_func(g_free);
    s->unknown = g_ptr_array_new_with_free_func(g_free);
    return s;
}

void ma_transport_spec_free(ma_transport_spec *s)
{
    if (s == NULL)
        return;
    g_free(s->protocol);
    g_free(s->profile);
    g_free(s->lower_text);
    ma_tp_host_clear(&s->destination);
    ma_tp_host_clear(&s->source);
    g_ptr_array_unref(s->modes);
    g_ptr_array_unref(s->unknown);
    g_free(s);
}

static GPtrArray *copy_strings(const GPtrArray *a)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; a != NULL && i < a->len; i++)
        g_ptr_array_add(out, g_strdup(g_ptr_array_index(a, i)));
    return out;
}

ma_transport_spec *ma_transport_spec_copy(const ma_transport_spec *s)
{
    if (s == NULL)
        return NULL;
    ma_transport_spec *d = g_new0(ma_transport_spec, 1);
    *d = *s;
    d->protocol = g_strdup(s->protocol);
    d->profile = g_strdup(s->profile);
    d->lower_text = g_strdup(s->lower_text);
    d->destination.host = g_strdup(s->destination.host);
    d->source.host = g_strdup(s->source.host);
    d->modes = copy_strings(s->modes);
    d->unknown = copy_strings(s->unknown);
    return d;
}

/* protocol "/" profile ["/" lower-transport] */
static gboolean parse_transport_id(ma_tp_cursor *c, ma_transport_spec *s)
{
    gsize off = c->pos, len = ma_tp_take_token(c);
    if (len == 0)
        return ma_tp_fail(c, off, "expected a transport protocol such as RTP/AVP");
    s->protocol = g_strndup(c->s + off, len);
    if (ma_tp_peek(c) != '/')
        return ma_tp_fail(c, c->pos, "expected '/' after \"%s\"", s->protocol);
    c->pos++;
    off = c->pos;
    len = ma_tp_take_token(c);
    if (len == 0)
        return ma_tp_fail(c, off, "expected a profile after \"%s/\"", s->protocol);
    s->profile = g_strndup(c->s + off, len);
    if (ma_tp_peek(c) != '/')
        return TRUE;
    c->pos++;
    off = c->pos;
    len = ma_tp_take_token(c);
    if (len == 0)
        return ma_tp_fail(c, off, "expected a lower transport after \"%s/%s/\"", s->protocol, s->profile);
    s->lower_text = g_strndup(c->s + off, len);
    if (g_ascii_strcasecmp(s->lower_text, "UDP") == 0)
        s->lower = MA_LOWER_UDP;
    else if (g_ascii_strcasecmp(s->lower_text, "TCP") == 0)
        s->lower = MA_LOWER_TCP;
    else
        s->lower = MA_LOWER_OTHER;
    return TRUE;
}

static ma_transport_spec *parse_spec(ma_tp_cursor *c)
{
    ma_transport_spec *s = spec_new();
    if (!parse_transport_id(c, s))
        goto fail;
    ma_tp_skip_lws(c);
    while (ma_tp_peek(c) == ';') {
        c->pos++;
        ma_tp_skip_lws(c);
        if (c->pos >= c->len || ma_tp_peek(c) == ';' || ma_tp_peek(c) == ',')
            continue; /* empty parameter */
        if (!ma_tp_parse_param(c, s))
            goto fail;
        ma_tp_skip_lws(c);
    }
    return s;
fail:
    ma_transport_spec_free(s);
    return NULL;
}

void ma_transport_free(ma_transport *t)
{
    if (t == NULL)
        return;
    g_ptr_array_unref(t->specs);
    g_free(t);
}

static gboolean parse_specs(ma_tp_cursor *c, GPtrArray *specs)
{
    for (;;) {
        ma_tp_skip_lws(c);
        if (c->pos >= c->len)
            break;
        if (ma_tp_peek(c) == ',') { /* empty list element */
            c->pos++;
            continue;
        }
        if (specs->len >= MA_TRANSPORT_MAX_SPECS)
            return ma_tp_fail(c, c->pos, "more than %d transport-specs", MA_TRANSPORT_MAX_SPECS);
        ma_transport_spec *s = parse_spec(c);
        if (s == NULL)
            return FALSE;
        g_ptr_array_add(specs, s);
        ma_tp_skip_lws(c);
        char ch = ma_tp_peek(c);
        if (c->pos < c->len && ch != ',')
            return ma_tp_fail(c, c->pos, "unexpected '%c' after transport-spec", g_ascii_isprint(ch) ? ch : '?');
    }
    if (specs->len == 0)
        return ma_tp_fail(c, c->pos, "empty Transport header");
    return TRUE;
}

ma_transport *ma_transport_parse(const char *value, gsize *err_offset, GError **err)
{
    ma_tp_cursor c;
    memset(&c, 0, sizeof c);
    c.s = value != NULL ? value : "";
    c.len = strlen(c.s);
    GPtrArray *specs = g_ptr_array_new_with_free_func((GDestroyNotify)ma_transport_spec_free);
    if (!parse_specs(&c, specs)) {
        g_ptr_array_unref(specs);
        if (err_offset != NULL)
            *err_offset = c.err_off;
        g_propagate_error(err, c.err);
        return NULL;
    }
    ma_transport *t = g_new0(ma_transport, 1);
    t->specs = specs;
    return t;
}

const ma_transport_spec *ma_transport_first(const ma_transport *t)
{
    if (t == NULL || t->specs == NULL || t->specs->len == 0)
        return NULL;
    return g_ptr_array_index(t->specs, 0);
}

