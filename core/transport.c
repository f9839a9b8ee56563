/* transport.c - the RTSP Transport header (RFC 2326 section 12.39,
 * RFC 7826 section 18.54 and its ABNF in section 20.2.3).
 *
 *   Transport      = transport-spec *("," transport-spec)
 *   transport-spec = protocol "/" profile ["/" lower] *(";" parameter)
 *
 * One cursor walks the header once, so every error names the byte offset of
 * the token that is wrong.  Commas and semicolons inside quoted strings
 * (mode="PLAY,RECORD", dest_addr="[::1]:5000") are not separators. */
#include "transport.h"
#include "rtsp_internal.h"

#include <stdarg.h>
#include <string.h>

G_DEFINE_QUARK(ma-transport-error-quark, ma_transport_error)

typedef struct {
    const char *s;
    gsize pos, len;
    gsize err_off;
    GError *err;
} cursor;

/* Record the first error only: "offset N: message". */
G_GNUC_PRINTF(3, 4)
static gboolean fail(cursor *c, gsize off, const char *fmt, ...)
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

/* A piece of the header, by byte offset (offsets are what errors report). */
typedef struct {
    gsize off, len;
} span;

/* How to read a number: name for messages, digit count, bounds. */
typedef struct {
    const char *name;
    guint digits;
    guint64 min, max;
} num_rule;

static const num_rule PORT_RULE[] = {{"port", 5, 0, 65535}, {"client_port", 5, 0, 65535},
                                     {"server_port", 5, 0, 65535}};
static const num_rule CHANNEL_RULE = {"interleaved", 3, 0, 255};
static const num_rule TTL_RULE = {"ttl", 3, 0, 255};
static const num_rule LAYERS_RULE = {"layers", 5, 1, 65535};

/* The parameter being parsed: its name, whether "=" followed, where. */
typedef struct {
    const char *name;
    gboolean has_value;
    gsize eq_off;
} param;

static char peek(const cursor *c)
{
    if (c->pos < c->len)
        return c->s[c->pos];
    return (char)0;
}

/* LWS: blanks, and CR LF followed by a blank (a folded header line). */
static void skip_lws(cursor *c)
{
    while (c->pos < c->len) {
        char ch = c->s[c->pos];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
            c->pos++;
        else
            break;
    }
}

/* A token at the cursor; returns its length (0 if none). */
static gsize take_token(cursor *c)
{
    gsize start = c->pos;
    while (c->pos < c->len && ma_rtsp_is_tchar((unsigned char)c->s[c->pos]))
        c->pos++;
    return c->pos - start;
}

/* After a parameter value only LWS and then ";" "," or the end may follow. */
static gboolean expect_param_end(cursor *c, const char *name)
{
    skip_lws(c);
    char ch = peek(c);
    if (c->pos >= c->len || ch == ';' || ch == ',')
        return TRUE;
    return fail(c, c->pos, "unexpected '%c' after %s", g_ascii_isprint(ch) ? ch : '?', name);
}

/* 1..r->digits decimal digits, value within r's bounds. */
static gboolean take_uint(cursor *c, const num_rule *r, guint64 *out)
{
    gsize start = c->pos;
    guint64 v = 0;
    while (c->pos < c->len && g_ascii_isdigit(c->s[c->pos])) {
        if (c->pos - start >= r->digits)
            return fail(c, start, "%s has more than %u digits", r->name, r->digits);
        v = v * 10u + (guint64)(c->s[c->pos] - '0');
        c->pos++;
    }
    if (c->pos == start)
        return fail(c, start, "%s: expected a number", r->name);
    if (v > r->max)
        return fail(c, start, "%s %" G_GUINT64_FORMAT " out of range %" G_GUINT64_FORMAT
                    "-%" G_GUINT64_FORMAT, r->name, v, r->min, r->max);
    if (v < r->min)
        return fail(c, start, "%s %" G_GUINT64_FORMAT " below %" G_GUINT64_FORMAT, r->name, v, r->min);
    *out = v;
    return TRUE;
}

/* a[-b] with both ends within the rule and b >= a. */
static gboolean take_range(cursor *c, const num_rule *rule, ma_port_range *r)
{
    const char *what = rule->name;
    guint64 lo = 0, hi = 0;
    if (!take_uint(c, rule, &lo))
        return FALSE;
    hi = lo;
    if (peek(c) == '-') {
        c->pos++;
        gsize hi_off = c->pos;
        if (!take_uint(c, rule, &hi))
            return FALSE;
        if (hi < lo)
            return fail(c, hi_off, "%s range %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT " is reversed",
                        what, lo, hi);
    }
    r->present = TRUE;
    r->lo = (int)lo;
    r->hi = (int)hi;
    return TRUE;
}

/* ------------------------------------------------------------------ */
/* Hosts: destination=, source=, dest_addr=, src_addr=                */
/* ------------------------------------------------------------------ */

static void host_clear(ma_tp_host *h)
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
static gboolean parse_host_part(cursor *c, span sp, ma_tp_host *h)
{
    const char *s = c->s + sp.off;
    gsize len = sp.len, off = sp.off;
    ma_addr a;
    if (len == 0)
        return fail(c, off, "empty host");
    if (ma_addr_parse_len(s, len, &a)) {
        h->addr = a;
    } else if (all_digits_dots(s, len) || memchr(s, ':', len) != NULL) {
        return fail(c, off, "bad IP address \"%.*s\"", (int)MIN(len, 64), s);
    } else {
        for (gsize i = 0; i < len; i++) {
            if (!g_ascii_isalnum(s[i]) && s[i] != '-' && s[i] != '.' && s[i] != '_')
                return fail(c, off + i, "bad character in host name");
        }
        if (len > 255)
            return fail(c, off, "host name longer than 255 bytes");
    }
    h->present = TRUE;
    h->host = g_strndup(s, len);
    return TRUE;
}

static gboolean parse_port_text(cursor *c, span sp, int *port)
{
    const char *s = c->s + sp.off;
    gsize len = sp.len, off = sp.off;
    guint64 v = 0;
    if (len == 0 || len > 5)
        return fail(c, off, "bad port");
    for (gsize i = 0; i < len; i++) {
        if (!g_ascii_isdigit(s[i]))
            return fail(c, off + i, "bad port");
        v = v * 10u + (guint64)(s[i] - '0');
    }
    if (v > 65535)
        return fail(c, off, "port %" G_GUINT64_FORMAT " out of range 0-65535", v);
    *port = (int)v;
    return TRUE;
}

/* RFC 7826 host-port = ( host [":" port] ) / ( ":" port ), plus "[v6]" and
 * "[v6]:port"; a bare IPv6 literal (several colons) has no port.
 */
static gboolean parse_host_port(cursor *c, span sp, ma_tp_host *h)
{
    const char *s = c->s + sp.off;
    gsize len = sp.len, off = sp.off;
    const char *colon = memchr(s, ':', len);
    if (len > 0 && s[0] == '[') {
        const char *close = memchr(s, ']', len);
        ma_addr a;
        if (close == NULL)
            return fail(c, off, "unterminated '['");
        gsize inner = (gsize)(close - s) - 1;
        if (!ma_addr_parse_len(s + 1, inner, &a) || a.family != 6)
            return fail(c, off + 1, "bad IPv6 address in brackets");
        h->present = TRUE;
        h->addr = a;
        h->host = g_strndup(s + 1, inner);
        gsize rest = (gsize)(close - s) + 1;
        if (rest == len)
            return TRUE;
        if (s[rest] != ':')
            return fail(c, off + rest, "expected ':' after ']'");
        return parse_port_text(c, (span){off + rest + 1, len - rest - 1}, &h->port);
    }
    if (colon != NULL && memchr(colon + 1, ':', len - (gsize)(colon - s) - 1) != NULL)
        return parse_host_part(c, sp, h); /* IPv6 literal */
    if (colon == NULL)
        return parse_host_part(c, sp, h);
    gsize hlen = (gsize)(colon - s);
    if (hlen == 0) {
        h->present = TRUE; /* ":port": the address is the sender's */
    } else if (!parse_host_part(c, (span){off, hlen}, h)) {
        return FALSE;
    }
    return parse_port_text(c, (span){off + hlen + 1, len - hlen - 1}, &h->port);
}

/* A quoted string at the cursor: returns the inner text bounds.  A
 * backslash quotes the next character (RFC 7826 quoted-pair). */
static gboolean take_quoted(cursor *c, span *inner)
{
    gsize open = c->pos;
    c->pos++;
    while (c->pos < c->len && c->s[c->pos] != '"') {
        if (c->s[c->pos] == '\\' && c->pos + 1 < c->len)
            c->pos++;
        c->pos++;
    }
    if (c->pos >= c->len)
        return fail(c, open, "unterminated quoted string");
    inner->off = open + 1;
    inner->len = c->pos - open - 1;
    c->pos++;
    return TRUE;
}

/* An unquoted address runs to the next separator or blank. */
static gsize take_bare_addr(cursor *c, gboolean stop_at_slash)
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

/* destination[=host] / source=host (RFC 2326); quotes tolerated. */
static gboolean parse_host_param(cursor *c, const param *p, ma_tp_host *h)
{
    span sp = {c->pos, 0};
    host_clear(h);
    if (!p->has_value) {
        h->present = TRUE; /* "destination" alone: the client's own address */
        return expect_param_end(c, p->name);
    }
    if (peek(c) == '"') {
        if (!take_quoted(c, &sp))
            return FALSE;
    } else {
        sp.len = take_bare_addr(c, FALSE);
    }
    if (sp.len == 0)
        return fail(c, sp.off, "%s: expected an address", p->name);
    if (!parse_host_port(c, sp, h))
        return FALSE;
    return expect_param_end(c, p->name);
}

/* dest_addr / src_addr = addr-list: quoted-addr *("/" quoted-addr).  The
 * first address is kept; the second's port (the RTCP one) goes to port2;
 * the others are checked and dropped. */
static gboolean parse_addr_list(cursor *c, const param *p, ma_tp_host *h)
{
    host_clear(h);
    if (!p->has_value)
        return fail(c, c->pos, "%s needs a value", p->name);
    for (guint n = 0;; n++) {
        span sp = {0, 0};
        ma_tp_host tmp;
        memset(&tmp, 0, sizeof tmp);
        host_clear(&tmp);
        skip_lws(c);
        sp.off = c->pos;
        if (peek(c) == '"') {
            if (!take_quoted(c, &sp))
                return FALSE;
        } else {
            sp.len = take_bare_addr(c, TRUE); /* lenient: unquoted */
        }
        if (sp.len == 0)
            return fail(c, sp.off, "%s: expected an address", p->name);
        if (!parse_host_port(c, sp, n == 0 ? h : &tmp)) {
            host_clear(&tmp);
            return FALSE;
        }
        if (n == 1)
            h->port2 = tmp.port;
        host_clear(&tmp);
        skip_lws(c);
        if (peek(c) != '/')
            break;
        c->pos++;
    }
    return expect_param_end(c, p->name);
}

/* ------------------------------------------------------------------ */
/* Other parameters                                                    */
/* ------------------------------------------------------------------ */

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
static gboolean parse_ssrc(cursor *c, ma_transport_spec *s)
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
            return fail(c, start, "ssrc must be 8 hex digits");
        if (s->n_ssrc >= MA_TRANSPORT_MAX_SSRC)
            return fail(c, start, "more than %d ssrc values", MA_TRANSPORT_MAX_SSRC);
        s->ssrc[s->n_ssrc++] = v;
        if (peek(c) != '/')
            break;
        c->pos++;
    }
    return expect_param_end(c, "ssrc");
}

static gboolean add_mode(cursor *c, ma_transport_spec *s, gsize off, gsize len)
{
    if (len == 0)
        return fail(c, off, "mode: expected a method name");
    if (s->modes->len >= MA_TRANSPORT_MAX_MODES)
        return fail(c, off, "more than %d modes", MA_TRANSPORT_MAX_MODES);
    g_ptr_array_add(s->modes, g_ascii_strup(c->s + off, (gssize)len));
    return TRUE;
}

/* mode = <"> 1#mode <"> (RFC 2326) or a single bare mode (RFC 7826). */
static gboolean parse_mode(cursor *c, ma_transport_spec *s)
{
    if (peek(c) != '"') {
        gsize off = c->pos;
        if (!add_mode(c, s, off, take_token(c)))
            return FALSE;
        return expect_param_end(c, "mode");
    }
    gsize open = c->pos;
    c->pos++;
    for (;;) {
        skip_lws(c);
        gsize off = c->pos;
        if (!add_mode(c, s, off, take_token(c)))
            return FALSE;
        skip_lws(c);
        char ch = peek(c);
        if (ch == '"')
            break;
        if (c->pos >= c->len)
            return fail(c, open, "unterminated quoted string");
        if (ch != ',')
            return fail(c, c->pos, "unexpected '%c' in mode", g_ascii_isprint(ch) ? ch : '?');
        c->pos++;
    }
    c->pos++;
    return expect_param_end(c, "mode");
}

/* An unknown parameter, kept as written ("name" or "name=value"); its value
 * may hold quoted strings with separators inside. */
static gboolean parse_unknown(cursor *c, gsize name_off, ma_transport_spec *s)
{
    if (s->unknown->len >= MA_TRANSPORT_MAX_UNKNOWN)
        return fail(c, name_off, "more than %d unknown parameters", MA_TRANSPORT_MAX_UNKNOWN);
    while (c->pos < c->len) {
        char ch = c->s[c->pos];
        if (ch == ';' || ch == ',')
            break;
        if (ch == '"') {
            span inner;
            if (!take_quoted(c, &inner))
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

static gboolean no_value(cursor *c, const param *p)
{
    if (p->has_value)
        return fail(c, p->eq_off, "%s takes no value", p->name);
    return expect_param_end(c, p->name);
}

static gboolean need_value(cursor *c, const param *p)
{
    if (!p->has_value)
        return fail(c, c->pos, "%s needs a value", p->name);
    return TRUE;
}

static gboolean parse_number_param(cursor *c, const param *p, const num_rule *r, int *out)
{
    guint64 v = 0;
    if (!need_value(c, p) || !take_uint(c, r, &v))
        return FALSE;
    *out = (int)v;
    return expect_param_end(c, p->name);
}

static gboolean parse_range_param(cursor *c, const param *p, const num_rule *r, ma_port_range *out)
{
    if (!need_value(c, p) || !take_range(c, r, out))
        return FALSE;
    return expect_param_end(c, p->name);
}

/* The RFC 2326 / RFC 7826 parameters we read; others are kept verbatim. */
static const char *const KNOWN[] = {"unicast", "multicast", "append", "destination", "source",
                                    "dest_addr", "src_addr", "port", "client_port", "server_port",
                                    "interleaved", "ttl", "layers", "ssrc", "mode"};

static gboolean dispatch_param(cursor *c, const param *p, ma_transport_spec *s)
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
        return parse_host_param(c, p, &s->destination);
    if (strcmp(n, "source") == 0)
        return parse_host_param(c, p, &s->source);
    if (strcmp(n, "dest_addr") == 0)
        return parse_addr_list(c, p, &s->destination);
    if (strcmp(n, "src_addr") == 0)
        return parse_addr_list(c, p, &s->source);
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

/* One ";"-separated parameter at the cursor. */
static gboolean parse_param(cursor *c, ma_transport_spec *s)
{
    gsize name_off = c->pos;
    gsize nlen = take_token(c);
    param p = {NULL, FALSE, 0};
    if (nlen == 0)
        return fail(c, name_off, "expected a parameter name");
    for (gsize i = 0; i < G_N_ELEMENTS(KNOWN); i++) {
        if (strlen(KNOWN[i]) == nlen && g_ascii_strncasecmp(c->s + name_off, KNOWN[i], nlen) == 0)
            p.name = KNOWN[i];
    }
    skip_lws(c);
    p.eq_off = c->pos;
    p.has_value = peek(c) == '=';
    if (p.has_value) {
        c->pos++;
        skip_lws(c);
    }
    if (p.name == NULL)
        return parse_unknown(c, name_off, s);
    return dispatch_param(c, &p, s);
}

/* ------------------------------------------------------------------ */
/* Specs                                                               */
/* ------------------------------------------------------------------ */

static ma_transport_spec *spec_new(void)
{
    ma_transport_spec *s = g_new0(ma_transport_spec, 1);
    host_clear(&s->destination);
    host_clear(&s->source);
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
    host_clear(&s->destination);
    host_clear(&s->source);
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
static gboolean parse_transport_id(cursor *c, ma_transport_spec *s)
{
    gsize off = c->pos, len = take_token(c);
    if (len == 0)
        return fail(c, off, "expected a transport protocol such as RTP/AVP");
    s->protocol = g_strndup(c->s + off, len);
    if (peek(c) != '/')
        return fail(c, c->pos, "expected '/' after \"%s\"", s->protocol);
    c->pos++;
    off = c->pos;
    len = take_token(c);
    if (len == 0)
        return fail(c, off, "expected a profile after \"%s/\"", s->protocol);
    s->profile = g_strndup(c->s + off, len);
    if (peek(c) != '/')
        return TRUE;
    c->pos++;
    off = c->pos;
    len = take_token(c);
    if (len == 0)
        return fail(c, off, "expected a lower transport after \"%s/%s/\"", s->protocol, s->profile);
    s->lower_text = g_strndup(c->s + off, len);
    if (g_ascii_strcasecmp(s->lower_text, "UDP") == 0)
        s->lower = MA_LOWER_UDP;
    else if (g_ascii_strcasecmp(s->lower_text, "TCP") == 0)
        s->lower = MA_LOWER_TCP;
    else
        s->lower = MA_LOWER_OTHER;
    return TRUE;
}

static ma_transport_spec *parse_spec(cursor *c)
{
    ma_transport_spec *s = spec_new();
    if (!parse_transport_id(c, s))
        goto fail;
    skip_lws(c);
    while (peek(c) == ';') {
        c->pos++;
        skip_lws(c);
        if (c->pos >= c->len || peek(c) == ';' || peek(c) == ',')
            continue; /* empty parameter */
        if (!parse_param(c, s))
            goto fail;
        skip_lws(c);
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

static gboolean parse_specs(cursor *c, GPtrArray *specs)
{
    for (;;) {
        skip_lws(c);
        if (c->pos >= c->len)
            break;
        if (peek(c) == ',') { /* empty list element */
            c->pos++;
            continue;
        }
        if (specs->len >= MA_TRANSPORT_MAX_SPECS)
            return fail(c, c->pos, "more than %d transport-specs", MA_TRANSPORT_MAX_SPECS);
        ma_transport_spec *s = parse_spec(c);
        if (s == NULL)
            return FALSE;
        g_ptr_array_add(specs, s);
        skip_lws(c);
        char ch = peek(c);
        if (c->pos < c->len && ch != ',')
            return fail(c, c->pos, "unexpected '%c' after transport-spec", g_ascii_isprint(ch) ? ch : '?');
    }
    if (specs->len == 0)
        return fail(c, c->pos, "empty Transport header");
    return TRUE;
}

ma_transport *ma_transport_parse(const char *value, gsize *err_offset, GError **err)
{
    cursor c;
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

/* ------------------------------------------------------------------ */
/* Queries                                                             */
/* ------------------------------------------------------------------ */

/* pair[0] = RTP port, pair[1] = RTCP port (the next one when not given). */
static gboolean range_ports(const ma_port_range *r, int pair[2])
{
    if (!r->present)
        return FALSE;
    pair[0] = r->lo;
    pair[1] = r->hi != r->lo ? r->hi : r->lo + 1;
    return TRUE;
}

/* The two out-parameters are fixed by the header's contract. */
gboolean ma_transport_media_ports(const ma_transport_spec *s, int *rtp_port, int *rtcp_port) // NOLINT(bugprone-easily-swappable-parameters)
{
    int pair[2] = {-1, -1};
    if (s == NULL)
        return FALSE;
    if (!range_ports(&s->port, pair) && !range_ports(&s->client_port, pair) &&
        !range_ports(&s->server_port, pair)) {
        if (s->destination.port < 0)
            return FALSE;
        pair[0] = s->destination.port;
        pair[1] = s->destination.port2 >= 0 ? s->destination.port2 : pair[0] + 1;
    }
    if (rtp_port != NULL)
        *rtp_port = pair[0];
    if (rtcp_port != NULL)
        *rtcp_port = pair[1];
    return TRUE;
}

static void append_range(GString *out, const char *name, const ma_port_range *r)
{
    if (!r->present)
        return;
    g_string_append_printf(out, " %s=%d", name, r->lo);
    if (r->hi != r->lo)
        g_string_append_printf(out, "-%d", r->hi);
}

static void append_host(GString *out, const char *prefix, const ma_tp_host *h)
{
    char buf[MA_ADDR_STRLEN];
    if (!h->present)
        return;
    g_string_append(out, prefix);
    const char *host = h->addr.family != 0 ? ma_addr_to_str(&h->addr, buf) : h->host;
    if (host != NULL && h->port >= 0 && h->addr.family == 6)
        g_string_append_printf(out, "[%s]", host);
    else if (host != NULL)
        g_string_append(out, host);
    else if (h->port < 0)
        g_string_append(out, "(client)");
    if (h->port >= 0)
        g_string_append_printf(out, ":%d", h->port);
}

char *ma_transport_spec_describe(const ma_transport_spec *s)
{
    if (s == NULL)
        return g_strdup("(none)");
    GString *out = g_string_new(NULL);
    g_string_append_printf(out, "%s/%s", s->protocol, s->profile);
    if (s->lower_text != NULL)
        g_string_append_printf(out, "/%s", s->lower_text);
    if (s->cast != MA_CAST_UNSPECIFIED)
        g_string_append(out, s->cast == MA_CAST_MULTICAST ? " multicast" : " unicast");
    append_host(out, " ", &s->destination);
    append_host(out, " source=", &s->source);
    append_range(out, "port", &s->port);
    append_range(out, "client_port", &s->client_port);
    append_range(out, "server_port", &s->server_port);
    append_range(out, "interleaved", &s->interleaved);
    if (s->ttl >= 0)
        g_string_append_printf(out, " ttl=%d", s->ttl);
    if (s->layers >= 0)
        g_string_append_printf(out, " layers=%d", s->layers);
    for (guint i = 0; i < s->n_ssrc; i++)
        g_string_append_printf(out, "%s%08X", i == 0 ? " ssrc=" : "/", (unsigned)s->ssrc[i]);
    for (guint i = 0; i < s->modes->len; i++)
        g_string_append_printf(out, "%s%s", i == 0 ? " mode=" : ",", (const char *)g_ptr_array_index(s->modes, i));
    if (s->append)
        g_string_append(out, " append");
    return g_string_free(out, FALSE);
}
