/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sdp.c - SDP (RFC 8866) parser: the lines a multicast audit needs.
 * Input is untrusted: every line is bounded, unknown or malformed lines are
 * skipped and counted instead of failing the whole description, because
 * cameras send plenty of vendor lines (a=Media_header:..., a=appversion:...). */
#include "sdp.h"

#include <string.h>

G_DEFINE_QUARK(ma-sdp-error-quark, ma_sdp_error)

typedef struct {
    ma_sdp *sdp;
    ma_sdp_media *cur;      /* NULL: session level */
    gboolean skipping;      /* inside an m= section we do not keep */
    gboolean seen_version;
    gboolean strict; /* ma_sdp_parse_strict: a skipped line is an error */
    guint line;      /* 1-based, of the line being parsed */
    const char *why; /* set by a handler that refuses its line for a reason of its own */
} sdp_parser;

/* ---- small helpers ---- */

/* Split on blanks, dropping empty tokens (SDP says single spaces; cameras
 * sometimes send two). */
static gchar **tokens(const char *s, guint *n_out)
{
    gchar **v = g_strsplit_set(s, " \t", -1);
    guint n = 0;
    for (guint i = 0; v[i] != NULL; i++) {
        if (v[i][0] == '\0')
            g_free(v[i]);
        else
            v[n++] = v[i];
    }
    v[n] = NULL;
    *n_out = n;
    return v;
}

static gboolean parse_uint(const char *s, guint64 min, guint64 max, guint64 *out)
{
    return s != NULL && g_ascii_isdigit(s[0]) &&
           g_ascii_string_to_unsigned(s, 10, min, max, out, NULL);
}

static void conn_clear(ma_sdp_conn *c)
{
    g_free(c->nettype);
    g_free(c->addrtype);
    g_free(c->address);
    memset(c, 0, sizeof *c);
}

static void filter_free(gpointer p)
{
    ma_sdp_source_filter *f = p;
    g_free(f->dest);
    g_ptr_array_unref(f->sources);
    g_free(f);
}

static void rtpmap_clear(gpointer p)
{
    ma_sdp_rtpmap *r = p;
    g_free(r->encoding);
    g_free(r->params);
}

static void media_free(gpointer p)
{
    ma_sdp_media *m = p;
    g_free(m->media);
    g_free(m->proto);
    g_ptr_array_unref(m->formats);
    conn_clear(&m->conn);
    g_array_unref(m->rtpmaps);
    g_free(m->control);
    g_ptr_array_unref(m->source_filters);
    g_free(m);
}

void ma_sdp_free(ma_sdp *sdp)
{
    if (sdp == NULL)
        return;
    g_free(sdp->origin);
    g_free(sdp->session_name);
    conn_clear(&sdp->conn);
    g_free(sdp->control);
    g_ptr_array_unref(sdp->source_filters);
    g_ptr_array_unref(sdp->media);
    g_free(sdp);
}

/* ---- c= ---- */

/* Address i (0-based) of a c= with a number of addresses: RFC 8866 5.7
 * allocates them contiguously above the base, so i is added to the
 * address as one big-endian number (IPv4 4 bytes, IPv6 16).  FALSE when it
 * carries out of the address. */
static gboolean addr_plus(const ma_addr *base, guint i, ma_addr *out)
{
    *out = *base;
    guint carry = i;
    for (int k = (base->family == 6 ? 16 : 4) - 1; k >= 0 && carry != 0; k--) {
        carry += out->bytes[k];
        out->bytes[k] = (uint8_t)(carry & 0xff);
        carry >>= 8;
    }
    return carry == 0;
}

gboolean ma_sdp_conn_addr(const ma_sdp_conn *c, guint i, ma_addr *out)
{
    if (c == NULL || i >= (guint)MAX(c->count, 1) || !ma_addr_is_set(&c->addr))
        return FALSE;
    return addr_plus(&c->addr, i, out);
}

/* RFC 8866 5.7's number of addresses: for a multicast literal only, within
 * MA_SDP_MAX_CONN_ADDRS, the last one still multicast of the same family
 * (233.252.0.1/127/3 is .1, .2, .3; 239.255.255.255/1/2 runs out of the
 * multicast range); NULL when fine, else why not. */
static const char *count_problem(const ma_sdp_conn *c)
{
    if (c->count <= 1)
        return NULL;
    if (c->count > MA_SDP_MAX_CONN_ADDRS)
        return "c= number of addresses over the limit of " G_STRINGIFY(MA_SDP_MAX_CONN_ADDRS);
    if (!ma_addr_is_multicast(&c->addr))
        return "c= number of addresses for an address that is not a multicast literal "
               "(RFC 8866 5.7)";
    ma_addr last;
    if (!addr_plus(&c->addr, (guint)c->count - 1, &last) || !ma_addr_is_multicast(&last))
        return "c= number of addresses runs past the multicast range";
    return NULL;
}

/* "IN IP4 224.2.1.1/127/3", "IN IP6 ff15::101/3", "IN IP4 0.0.0.0".
 * RFC 8866 5.7: IPv4 multicast carries /ttl[/count] (a count needs the TTL
 * before it: "224.2.1.1/3" is TTL 3), IPv6 only /count. */
static gboolean parse_addr_spec(gboolean ip6, const char *spec, ma_sdp_conn *c)
{
    gchar **parts = g_strsplit(spec, "/", 4);
    guint np = g_strv_length(parts);
    guint64 v = 0;
    gboolean ok = parts[0] != NULL && parts[0][0] != '\0' && np <= (ip6 ? 2u : 3u);
    c->ttl = -1;
    c->count = 1;
    if (ok && !ip6 && np >= 2) {
        ok = parse_uint(parts[1], 0, 255, &v);
        c->ttl = (int)v;
    }
    if (ok && np == (ip6 ? 2u : 3u)) {
        ok = parse_uint(parts[np - 1], 1, 65535, &v);
        c->count = (int)v;
    }
    if (ok) {
        ma_addr a;
        c->address = g_strdup(parts[0]);
        /* A literal of the announced family only; FQDNs stay text. */
        if (ma_addr_parse(parts[0], &a) && a.family == (ip6 ? 6 : 4))
            c->addr = a;
    }
    g_strfreev(parts);
    return ok;
}

/* session: a session-level c=, where RFC 8866 5.7 forbids several
 * addresses (they are for the layers of one media). */
static gboolean parse_conn(sdp_parser *p, const char *val, ma_sdp_conn *c, gboolean session)
{
    guint n = 0;
    gchar **t = tokens(val, &n);
    ma_sdp_conn tmp;
    gboolean ok;
    memset(&tmp, 0, sizeof tmp);
    ok = n == 3 && parse_addr_spec(strcmp(t[1], "IP6") == 0, t[2], &tmp);
    if (ok && session && tmp.count > 1) {
        p->why = "a number of addresses in a session-level c= (RFC 8866 5.7: media level only)";
        ok = FALSE;
    } else if (ok) {
        p->why = count_problem(&tmp);
        ok = p->why == NULL;
    }
    if (ok) {
        tmp.present = TRUE;
        tmp.nettype = g_strdup(t[0]);
        tmp.addrtype = g_strdup(t[1]);
        *c = tmp;
    } else {
        conn_clear(&tmp);
    }
    g_strfreev(t);
    return ok;
}

/* ---- m= ---- */

static ma_sdp_media *media_new(void)
{
    ma_sdp_media *m = g_new0(ma_sdp_media, 1);
    m->formats = g_ptr_array_new_with_free_func(g_free);
    m->rtpmaps = g_array_new(FALSE, TRUE, sizeof(ma_sdp_rtpmap));
    g_array_set_clear_func(m->rtpmaps, rtpmap_clear);
    m->source_filters = g_ptr_array_new_with_free_func(filter_free);
    m->conn.ttl = -1;
    m->conn.count = 1;
    return m;
}

/* "video 8860 RTP/AVP 96", "audio 49170/2 RTP/AVP 0" */
static ma_sdp_media *parse_media(const char *val)
{
    guint n = 0;
    gchar **t = tokens(val, &n);
    gchar **port = NULL;
    guint64 p = 0, cnt = 1;
    ma_sdp_media *m = NULL;
    if (n >= 3) {
        port = g_strsplit(t[1], "/", 3);
        guint np = g_strv_length(port);
        if (np >= 1 && np <= 2 && parse_uint(port[0], 0, 65535, &p) &&
            (np == 1 || parse_uint(port[1], 1, 65535, &cnt)))
            m = media_new();
    }
    if (m != NULL) {
        m->media = g_strdup(t[0]);
        m->port = (int)p;
        m->port_count = (int)cnt;
        m->proto = g_strdup(t[2]);
        for (guint i = 3; i < n && i - 3 < MA_SDP_MAX_FORMATS; i++)
            g_ptr_array_add(m->formats, g_strdup(t[i]));
    }
    g_strfreev(port);
    g_strfreev(t);
    return m;
}

/* ---- a= ---- */

/* "96 H264/90000", "97 L16/48000/2" */
static gboolean parse_rtpmap(const char *val, ma_sdp_media *m)
{
    guint n = 0;
    gchar **t = tokens(val, &n);
    gchar **enc = NULL;
    guint64 pt = 0, rate = 0;
    gboolean ok = n == 2 && parse_uint(t[0], 0, 127, &pt);
    if (ok) {
        enc = g_strsplit(t[1], "/", 3);
        ok = g_strv_length(enc) >= 2 && enc[0][0] != '\0' &&
             parse_uint(enc[1], 1, G_MAXUINT, &rate) &&
             ma_sdp_rtpmap_for(m, (int)pt) == NULL && m->rtpmaps->len < MA_SDP_MAX_RTPMAPS;
    }
    if (ok) {
        ma_sdp_rtpmap r = {(int)pt, g_strdup(enc[0]), (guint)rate,
                           enc[2] != NULL ? g_strdup(enc[2]) : NULL};
        g_array_append_val(m->rtpmaps, r);
    }
    g_strfreev(enc);
    g_strfreev(t);
    return ok;
}

/* RFC 4570: "incl IN IP4 232.3.4.5 192.0.2.10 192.0.2.11" */
static gboolean parse_source_filter(const char *val, GPtrArray *filters)
{
    guint n = 0;
    gchar **t = tokens(val, &n);
    gboolean ok = n >= 5 && filters->len < MA_SDP_MAX_FILTERS &&
                  (strcmp(t[0], "incl") == 0 || strcmp(t[0], "excl") == 0);
    if (ok) {
        ma_sdp_source_filter *f = g_new0(ma_sdp_source_filter, 1);
        f->include = strcmp(t[0], "incl") == 0;
        f->dest = g_strdup(t[3]);
        f->sources = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 4; i < n && f->sources->len < MA_SDP_MAX_FILTER_SOURCES; i++)
            g_ptr_array_add(f->sources, g_strdup(t[i]));
        g_ptr_array_add(filters, f);
    }
    g_strfreev(t);
    return ok;
}

static gboolean set_control(char **slot, const char *val)
{
    char *v = g_strstrip(g_strdup(val));
    if (*slot != NULL || v[0] == '\0') { /* first one wins */
        g_free(v);
        return FALSE;
    }
    *slot = v;
    return TRUE;
}

/* Returns FALSE for a known attribute that is malformed. Unknown attributes
 * (a=recvonly, a=fmtp, vendor ones) are fine and ignored. */
static gboolean parse_attribute(sdp_parser *p, const char *val)
{
    const char *colon = strchr(val, ':');
    gsize name_len = colon != NULL ? (gsize)(colon - val) : strlen(val);
    const char *arg = colon != NULL ? colon + 1 : "";
    GPtrArray *filters = p->cur != NULL ? p->cur->source_filters : p->sdp->source_filters;
    if (name_len == 6 && strncmp(val, "rtpmap", 6) == 0)
        return p->cur != NULL && parse_rtpmap(arg, p->cur);
    if (name_len == 7 && strncmp(val, "control", 7) == 0)
        return set_control(p->cur != NULL ? &p->cur->control : &p->sdp->control, arg);
    if (name_len == 13 && strncmp(val, "source-filter", 13) == 0)
        return parse_source_filter(arg, filters);
    return TRUE;
}

/* ---- lines ---- */

static gboolean handle_version(sdp_parser *p, char type, const char *val, GError **err)
{
    if (type != 'v') {
        g_set_error(err, MA_SDP_ERROR, MA_SDP_ERROR_NO_VERSION,
                    "SDP: first line is '%c=', expected 'v=0' (RFC 8866 5.1)", type);
        return FALSE;
    }
    if (strcmp(val, "0") != 0) {
        g_set_error(err, MA_SDP_ERROR, MA_SDP_ERROR_VERSION,
                    "SDP: unsupported version 'v=%.16s', only 0 is defined", val);
        return FALSE;
    }
    p->seen_version = TRUE;
    p->sdp->version = 0;
    return TRUE;
}

static gboolean handle_media_line(sdp_parser *p, const char *val)
{
    ma_sdp_media *m = p->sdp->media->len < MA_SDP_MAX_MEDIA ? parse_media(val) : NULL;
    /* A rejected m= still opens a section, so its a= lines do not leak
     * into the previous media. */
    p->skipping = m == NULL;
    p->cur = m;
    if (m != NULL) {
        m->line = p->line;
        g_ptr_array_add(p->sdp->media, m);
    }
    return m != NULL;
}

static gboolean set_text(char **slot, const char *val)
{
    if (*slot != NULL)
        return FALSE;
    *slot = g_strdup(val);
    return TRUE;
}

/* Returns FALSE when the line is skipped (counted by the caller). */
static gboolean handle_line(sdp_parser *p, char type, const char *val)
{
    if (type == 'm')
        return handle_media_line(p, val);
    if (p->skipping)
        return FALSE;
    switch (type) {
    case 'o':
        return p->cur == NULL && set_text(&p->sdp->origin, val);
    case 's':
        return p->cur == NULL && set_text(&p->sdp->session_name, val);
    case 'c': {
        ma_sdp_conn *c = p->cur != NULL ? &p->cur->conn : &p->sdp->conn;
        return !c->present && parse_conn(p, val, c, p->cur == NULL);
    }
    case 'a':
        return parse_attribute(p, val);
    case 'v':
        return FALSE; /* a second v= */
    default:
        return TRUE; /* e=, b=, t=, i=, ... known to SDP, not needed here */
    }
}

/* A line the parser cannot use: counted, or (strict) the error that names it. */
static gboolean skip_line(sdp_parser *p, const char *s, gsize len, const char *why, GError **err)
{
    p->sdp->skipped_lines++;
    if (!p->strict)
        return TRUE;
    char *shown = g_strndup(s, MIN(len, (gsize)48));
    for (char *q = shown; *q != '\0'; q++)
        if (!g_ascii_isprint(*q))
            *q = '?';
    g_set_error(err, MA_SDP_ERROR, MA_SDP_ERROR_SYNTAX, "line %u: %s: '%s%s'", p->line, why, shown,
                len > 48 ? "..." : "");
    g_free(shown);
    return FALSE;
}

/* One raw line (without '\n'). FALSE with err set only for a fatal error. */
static gboolean parse_line(sdp_parser *p, const char *s, gsize len, GError **err)
{
    while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len == 0)
        return TRUE;
    /* "x=" with x a lower-case letter, no NUL inside, bounded length. */
    if (len < 2 || s[1] != '=' || !g_ascii_islower(s[0]) || memchr(s, '\0', len) != NULL)
        return skip_line(p, s, len, "not a '<letter>=<value>' line (RFC 8866 5)", err);
    if (len > MA_SDP_MAX_LINE_LEN)
        return skip_line(p, s, len, "line longer than the limit", err);
    char *val = g_strndup(s + 2, len - 2);
    gboolean ok = TRUE;
    p->why = NULL;
    if (!p->seen_version)
        ok = handle_version(p, s[0], val, err);
    else if (!handle_line(p, s[0], val))
        ok = skip_line(p, s, len,
                       p->why != NULL               ? p->why
                       : p->skipping && s[0] != 'm' ? "inside an m= section that was refused"
                                                    : "malformed, repeated or over a limit",
                       err);
    g_free(val);
    return ok;
}

static ma_sdp *sdp_new(void)
{
    ma_sdp *sdp = g_new0(ma_sdp, 1);
    sdp->version = -1;
    sdp->conn.ttl = -1;
    sdp->conn.count = 1;
    sdp->source_filters = g_ptr_array_new_with_free_func(filter_free);
    sdp->media = g_ptr_array_new_with_free_func(media_free);
    return sdp;
}

static gboolean check_bounds(const char *text, gsize len, GError **err)
{
    guint lines = 0;
    if (len > MA_SDP_MAX_BYTES) {
        g_set_error(err, MA_SDP_ERROR, MA_SDP_ERROR_TOO_LARGE,
                    "SDP: %" G_GSIZE_FORMAT " bytes, over the %d-byte limit", len,
                    MA_SDP_MAX_BYTES);
        return FALSE;
    }
    for (gsize i = 0; i < len; i++)
        lines += text[i] == '\n';
    if (lines > MA_SDP_MAX_LINES) {
        g_set_error(err, MA_SDP_ERROR, MA_SDP_ERROR_TOO_LARGE,
                    "SDP: %u lines, over the %d-line limit", lines, MA_SDP_MAX_LINES);
        return FALSE;
    }
    return TRUE;
}

static ma_sdp *parse(const char *text, gsize len, gboolean strict, GError **err)
{
    sdp_parser p = {sdp_new(), NULL, FALSE, FALSE, strict, 0, NULL};
    gsize start = 0;
    if (text == NULL)
        len = 0;
    if (!check_bounds(text, len, err))
        goto fail;
    while (start < len) {
        const char *nl = memchr(text + start, '\n', len - start);
        gsize end = nl != NULL ? (gsize)(nl - text) : len;
        p.line++;
        if (!parse_line(&p, text + start, end - start, err)) {
            if (strict && err != NULL && *err != NULL && (*err)->code != MA_SDP_ERROR_SYNTAX)
                g_prefix_error(err, "line %u: ", p.line); /* v= errors name their line too */
            goto fail;
        }
        start = end + 1;
    }
    if (!p.seen_version) {
        g_set_error(err, MA_SDP_ERROR, MA_SDP_ERROR_NO_VERSION,
                    "SDP: no 'v=' line in %" G_GSIZE_FORMAT " bytes", len);
        goto fail;
    }
    return p.sdp;
fail:
    ma_sdp_free(p.sdp);
    return NULL;
}

ma_sdp *ma_sdp_parse(const char *text, gsize len, GError **err)
{
    return parse(text, len, FALSE, err);
}

ma_sdp *ma_sdp_parse_strict(const char *text, gsize len, GError **err)
{
    return parse(text, len, TRUE, err);
}

/* ---- queries ---- */

const ma_sdp_conn *ma_sdp_media_conn(const ma_sdp *sdp, const ma_sdp_media *m)
{
    if (m != NULL && m->conn.present)
        return &m->conn;
    if (sdp != NULL && sdp->conn.present)
        return &sdp->conn;
    return NULL;
}

static gboolean is_absolute_url(const char *u)
{
    return u != NULL && strstr(u, "://") != NULL;
}

/* Cameras and live555/ffmpeg append the relative control as a path segment
 * (".../channels/101" + "trackID=1"), not RFC 3986 resolution, which would
 * replace the last segment; we do the same, with exactly one '/'.  Takes the
 * base as a GString (and frees it) so base and segment cannot be swapped. */
static char *append_segment(GString *s, const char *rel)
{
    while (s->len > 0 && s->str[s->len - 1] == '/')
        g_string_truncate(s, s->len - 1);
    while (*rel == '/')
        rel++;
    g_string_append_c(s, '/');
    g_string_append(s, rel);
    return g_string_free(s, FALSE);
}

char *ma_sdp_media_control_url(const ma_sdp *sdp, const ma_sdp_media *m, const char *base_url)
{
    const char *ctrl = m != NULL ? m->control : NULL;
    const char *base = base_url;
    if (is_absolute_url(ctrl))
        return g_strdup(ctrl);
    if (base == NULL && sdp != NULL && is_absolute_url(sdp->control))
        base = sdp->control;
    if (base == NULL)
        return NULL;
    if (ctrl == NULL || strcmp(ctrl, "*") == 0)
        return g_strdup(base);
    return append_segment(g_string_new(base), ctrl);
}

static int default_port(const char *scheme)
{
    if (g_ascii_strcasecmp(scheme, "rtsp") == 0 || g_ascii_strcasecmp(scheme, "rtspu") == 0)
        return 554;
    if (g_ascii_strcasecmp(scheme, "rtsps") == 0)
        return 322; /* RFC 7826 */
    return -1;
}

/* Comparison key: lower-case scheme and host, no user info, no default
 * port, no trailing '/'. */
static char *url_key(const char *url)
{
    const char *sep = strstr(url, "://");
    GString *k = g_string_new(NULL);
    const char *path = url;
    if (sep != NULL) {
        char *scheme = g_ascii_strdown(url, sep - url);
        const char *auth = sep + 3;
        gsize auth_len = strcspn(auth, "/?#");
        const char *at = g_strrstr_len(auth, (gssize)auth_len, "@");
        char *port_sfx = g_strdup_printf(":%d", default_port(scheme));
        char *host = NULL;
        if (at != NULL) {
            auth_len -= (gsize)(at + 1 - auth);
            auth = at + 1;
        }
        host = g_ascii_strdown(auth, (gssize)auth_len);
        if (g_str_has_suffix(host, port_sfx))
            host[strlen(host) - strlen(port_sfx)] = '\0';
        g_string_append_printf(k, "%s://%s", scheme, host);
        path = auth + auth_len;
        g_free(scheme);
        g_free(port_sfx);
        g_free(host);
    }
    g_string_append(k, path);
    while (k->len > 0 && k->str[k->len - 1] == '/')
        g_string_truncate(k, k->len - 1);
    return g_string_free(k, FALSE);
}

/* Both are URLs by nature; the order is the header's contract and
 * test_sdp pins it (a setup URL resolved against a different base). */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
const ma_sdp_media *ma_sdp_find_media_for_url(const ma_sdp *sdp, const char *setup_url,
                                              const char *base_url)
{
    const ma_sdp_media *found = NULL;
    char *want;
    if (sdp == NULL || sdp->media->len == 0)
        return NULL;
    if (sdp->media->len == 1 && ((ma_sdp_media *)sdp->media->pdata[0])->control == NULL)
        return sdp->media->pdata[0];
    if (setup_url == NULL)
        return NULL;
    want = url_key(setup_url);
    for (guint i = 0; i < sdp->media->len && found == NULL; i++) {
        const ma_sdp_media *m = sdp->media->pdata[i];
        char *u = ma_sdp_media_control_url(sdp, m, base_url);
        char *k = u != NULL ? url_key(u) : NULL;
        if (k != NULL && strcmp(k, want) == 0)
            found = m;
        g_free(k);
        g_free(u);
    }
    g_free(want);
    return found;
}

const ma_sdp_rtpmap *ma_sdp_rtpmap_for(const ma_sdp_media *m, int payload_type)
{
    if (m == NULL)
        return NULL;
    for (guint i = 0; i < m->rtpmaps->len; i++) {
        const ma_sdp_rtpmap *r = &g_array_index(m->rtpmaps, ma_sdp_rtpmap, i);
        if (r->payload_type == payload_type)
            return r;
    }
    return NULL;
}

guint ma_sdp_clock_rate(const ma_sdp_media *m, int payload_type)
{
    const ma_sdp_rtpmap *r = ma_sdp_rtpmap_for(m, payload_type);
    return r != NULL ? r->clock_rate : ma_rtp_static_clock_rate(payload_type);
}

/* RFC 3551 section 6, tables 4 and 5 (audio/video with fixed PTs). */
typedef struct {
    const char *name;
    guint rate;
} static_pt;

static const static_pt static_pts[35] = {
    [0] = {"PCMU", 8000},   [3] = {"GSM", 8000},    [4] = {"G723", 8000},
    [5] = {"DVI4", 8000},   [6] = {"DVI4", 16000},  [7] = {"LPC", 8000},
    [8] = {"PCMA", 8000},   [9] = {"G722", 8000},   [10] = {"L16", 44100},
    [11] = {"L16", 44100},  [12] = {"QCELP", 8000}, [13] = {"CN", 8000},
    [14] = {"MPA", 90000},  [15] = {"G728", 8000},  [16] = {"DVI4", 11025},
    [17] = {"DVI4", 22050}, [18] = {"G729", 8000},  [25] = {"CelB", 90000},
    [26] = {"JPEG", 90000}, [28] = {"nv", 90000},   [31] = {"H261", 90000},
    [32] = {"MPV", 90000},  [33] = {"MP2T", 90000}, [34] = {"H263", 90000},
};

guint ma_rtp_static_clock_rate(int payload_type)
{
    if (payload_type < 0 || payload_type >= (int)G_N_ELEMENTS(static_pts))
        return 0;
    return static_pts[payload_type].rate;
}

const char *ma_rtp_static_encoding(int payload_type)
{
    if (payload_type < 0 || payload_type >= (int)G_N_ELEMENTS(static_pts))
        return NULL;
    return static_pts[payload_type].name;
}
