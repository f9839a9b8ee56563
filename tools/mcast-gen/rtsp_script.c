/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtsp_script.c - the RTSP dialog text (RFC 2326): requests with CSeq and
 * User-Agent, replies with Date/Server/Session and an exact Content-Length,
 * and the Digest Authorization a client sends after a 401. */
#include "gen.h"

#include <string.h>

void gen_rtsp_init(gen_rtsp *r, gen_tcp *tcp, gen_counts *counts)
{
    memset(r, 0, sizeof *r);
    r->tcp = tcp;
    r->counts = counts;
    r->user_agent = "mcast-viewer/1.0 (LIVE555 Streaming Media v2022.10.01)";
    r->server = NULL;
}

void gen_rtsp_clear(gen_rtsp *r)
{
    g_free(r->session);
    r->session = NULL;
}

static guint64 send_text(gen_rtsp *r, gboolean from_client, guint64 t, const GString *s)
{
    r->counts->rtsp_messages++;
    return gen_tcp_send(r->tcp, from_client, t, (const guint8 *)s->str, s->len);
}

/* url and headers in the request's own order (gen.h's contract); a swap
 * would write a malformed request line that tshark and mcast-audit reject. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
guint64 gen_rtsp_request(gen_rtsp *r, guint64 t, const char *method, const char *url,
                         const char *headers)
{
    GString *s = g_string_new(NULL);
    r->cseq++;
    g_string_append_printf(s, "%s %s RTSP/1.0\r\nCSeq: %u\r\n", method, url, r->cseq);
    if (headers)
        g_string_append(s, headers);
    if (r->session && strcmp(method, "SETUP") != 0)
        g_string_append_printf(s, "Session: %s\r\n", r->session);
    g_string_append_printf(s, "User-Agent: %s\r\n\r\n", r->user_agent);
    guint64 end = send_text(r, TRUE, t, s);
    g_string_free(s, TRUE);
    return end;
}

/* RFC 1123 date of the reply, from the capture clock: deterministic. */
static char *http_date(guint64 t_us)
{
    GDateTime *d = g_date_time_new_from_unix_utc((gint64)(t_us / G_USEC_PER_SEC));
    char *s = g_date_time_format(d, "%a, %d %b %Y %H:%M:%S GMT");
    g_date_time_unref(d);
    return s;
}

/* reason, headers, content type, body in the reply's own order (gen.h). */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
guint64 gen_rtsp_reply(gen_rtsp *r, guint64 t, int code, const char *reason,
                       const char *headers, const char *content_type, const char *body)
{
    GString *s = g_string_new(NULL);
    char *date = http_date(t);
    g_string_append_printf(s, "RTSP/1.0 %d %s\r\nCSeq: %u\r\n", code, reason, r->cseq);
    if (headers)
        g_string_append(s, headers);
    g_string_append_printf(s, "Date: %s\r\n", date);
    if (r->server)
        g_string_append_printf(s, "Server: %s\r\n", r->server);
    if (body) {
        g_string_append_printf(s, "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n%s",
                               content_type, strlen(body), body);
    } else {
        g_string_append(s, "\r\n");
    }
    guint64 end = send_text(r, FALSE, t, s);
    g_free(date);
    g_string_free(s, TRUE);
    return end;
}

char *gen_rtsp_digest(const char *method, const char *uri, const char *realm, const char *nonce)
{
    /* RFC 2617 without qop: response = MD5(HA1:nonce:HA2). */
    char *a1 = g_strdup_printf("admin:%s:hik12345", realm);
    char *a2 = g_strdup_printf("%s:%s", method, uri);
    char *ha1 = g_compute_checksum_for_string(G_CHECKSUM_MD5, a1, -1);
    char *ha2 = g_compute_checksum_for_string(G_CHECKSUM_MD5, a2, -1);
    char *a3 = g_strdup_printf("%s:%s:%s", ha1, nonce, ha2);
    char *resp = g_compute_checksum_for_string(G_CHECKSUM_MD5, a3, -1);
    char *line = g_strdup_printf("Authorization: Digest username=\"admin\", realm=\"%s\", "
                                 "nonce=\"%s\", uri=\"%s\", response=\"%s\"\r\n",
                                 realm, nonce, uri, resp);
    g_free(a1); g_free(a2); g_free(ha1); g_free(ha2); g_free(a3); g_free(resp);
    return line;
}

void gen_rtsp_raw(gen_rtsp *r, gboolean from_client, guint64 t, const guint8 *data, gsize len)
{
    gen_tcp_send(r->tcp, from_client, t, data, len);
}
